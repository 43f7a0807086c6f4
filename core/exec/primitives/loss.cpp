#include "exec/primitives/loss.h"

#include <cmath>
#include <limits>

#include "exec/primitives/cast.h"

namespace mb::exec::prim {

Expected<Tensor> logSoftmax(const Tensor& x, int64_t axis) {
  auto wide = cast(x, DType::Float64);
  if (!wide) return wide;
  int64_t outer = 1, n = 1, inner = 1;
  for (int64_t d = 0; d < x.rank(); ++d) {
    const int64_t size = x.dims()[static_cast<size_t>(d)];
    if (d < axis)
      outer *= size;
    else if (d == axis)
      n = size;
    else
      inner *= size;
  }
  double* v = wide->mutableData<double>();
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t in = 0; in < inner; ++in) {
      double* p = v + o * n * inner + in;
      double m = -std::numeric_limits<double>::infinity();
      for (int64_t i = 0; i < n; ++i) m = std::max(m, p[i * inner]);
      double sum = 0;
      for (int64_t i = 0; i < n; ++i) sum += std::exp(p[i * inner] - m);
      const double logSum = m + std::log(sum);
      for (int64_t i = 0; i < n; ++i) p[i * inner] -= logSum;
    }
  return cast(*wide, x.dtype());
}

Expected<Tensor> nllLoss(const Tensor& logProb, const Tensor& target, const Tensor* weight,
                         LossReduction reduction, std::optional<int64_t> ignoreIndex) {
  if (logProb.rank() < 2)
    return makeError(ErrorCode::ShapeMismatch,
                     "input must be [N, C, …], got " + dimsToString(logProb.dims()));
  const auto& dims = logProb.dims();
  std::vector<int64_t> expectedTarget{dims[0]};
  expectedTarget.insert(expectedTarget.end(), dims.begin() + 2, dims.end());
  if (target.dims() != expectedTarget)
    return makeError(ErrorCode::ShapeMismatch,
                     "target of shape " + dimsToString(target.dims()) + " does not match input " +
                         dimsToString(dims) + " (expected " + dimsToString(expectedTarget) + ")");
  if (!isInteger(target.dtype()))
    return makeError(ErrorCode::TypeMismatch, "target must hold integers");
  const int64_t n = dims[0], c = dims[1], d = n == 0 ? 0 : target.numel() / n;
  if (weight && weight->numel() != c)
    return makeError(ErrorCode::ShapeMismatch,
                     "weight must have one value per class (" + std::to_string(c) + ")");
  auto wide = cast(logProb, DType::Float64);
  if (!wide) return wide;
  const double* p = wide->data<double>();
  const auto labels = target.toInt64Vector();
  std::vector<double> losses(labels.size(), 0.0);
  double weightSum = 0.0, lossSum = 0.0;
  for (int64_t i = 0; i < n; ++i)
    for (int64_t j = 0; j < d; ++j) {
      const size_t at = static_cast<size_t>(i * d + j);
      const int64_t label = labels[at];
      if (ignoreIndex && label == *ignoreIndex) continue;
      if (label < 0 || label >= c)
        return makeError(ErrorCode::InvalidArgument, "target " + std::to_string(label) +
                                                         " is out of range for " +
                                                         std::to_string(c) + " classes");
      const double w = weight ? weight->elementAsDouble(label) : 1.0;
      losses[at] = -p[(i * c + label) * d + j] * w;
      weightSum += w;
      lossSum += losses[at];
    }
  Tensor out;
  if (reduction == LossReduction::None) {
    out = Tensor::fromVector(DType::Float64, target.dims(), losses);
  } else {
    double value = lossSum;
    if (reduction == LossReduction::Mean)
      // Without weights or an ignored index numpy's mean divides by every element.
      value = (weight || ignoreIndex) ? lossSum / weightSum
                                      : lossSum / static_cast<double>(losses.size());
    out = Tensor::fromVector<double>(DType::Float64, {}, {value});
  }
  return cast(out, logProb.dtype());
}

}  // namespace mb::exec::prim
