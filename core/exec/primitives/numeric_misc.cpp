#include "exec/primitives/numeric_misc.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>

#include "exec/primitives/broadcast.h"
#include "exec/primitives/cast.h"
#include "exec/primitives/dispatch.h"
#include "exec/primitives/layout.h"

namespace mb::exec::prim {

Expected<Tensor> determinant(const Tensor& x) {
  if (x.rank() < 2 || x.dims()[x.dims().size() - 1] != x.dims()[x.dims().size() - 2])
    return makeError(ErrorCode::ShapeMismatch,
                     "needs square matrices [*, M, M], got " + dimsToString(x.dims()));
  auto wide = cast(x, DType::Float64);
  if (!wide) return wide;
  const int64_t m = x.dims().back();
  std::vector<int64_t> outDims(x.dims().begin(), x.dims().end() - 2);
  Tensor out = Tensor::zeros(DType::Float64, outDims);
  const int64_t count = out.numel();
  std::vector<double> a(static_cast<size_t>(m * m));
  for (int64_t b = 0; b < count; ++b) {
    std::copy_n(wide->data<double>() + b * m * m, m * m, a.begin());
    double det = 1.0;
    for (int64_t col = 0; col < m; ++col) {
      int64_t pivot = col;
      for (int64_t r = col + 1; r < m; ++r)
        if (std::abs(a[static_cast<size_t>(r * m + col)]) >
            std::abs(a[static_cast<size_t>(pivot * m + col)]))
          pivot = r;
      if (a[static_cast<size_t>(pivot * m + col)] == 0.0) {
        det = 0.0;
        break;
      }
      if (pivot != col) {
        for (int64_t k = 0; k < m; ++k)
          std::swap(a[static_cast<size_t>(pivot * m + k)], a[static_cast<size_t>(col * m + k)]);
        det = -det;
      }
      const double diag = a[static_cast<size_t>(col * m + col)];
      det *= diag;
      for (int64_t r = col + 1; r < m; ++r) {
        const double f = a[static_cast<size_t>(r * m + col)] / diag;
        for (int64_t k = col; k < m; ++k)
          a[static_cast<size_t>(r * m + k)] -= f * a[static_cast<size_t>(col * m + k)];
      }
    }
    out.mutableData<double>()[b] = det;
  }
  return cast(out, x.dtype());
}

namespace {
// Index into a scalar or per-`axis` parameter for flat element i of a tensor shaped `dims`.
struct ChannelIndexer {
  int64_t inner = 1, n = 1;
  bool perChannel = false;
  int64_t operator()(int64_t i) const { return perChannel ? (i / inner) % n : 0; }
};
Expected<ChannelIndexer> channelIndexer(const std::vector<int64_t>& dims, const Tensor& param,
                                        int64_t axis) {
  ChannelIndexer c;
  if (param.numel() == 1 && param.rank() <= 1) return c;
  if (param.rank() != 1 || axis < 0 || axis >= static_cast<int64_t>(dims.size()) ||
      param.numel() != dims[static_cast<size_t>(axis)])
    return makeError(ErrorCode::ShapeMismatch, "per-axis parameter of shape " +
                                                   dimsToString(param.dims()) +
                                                   " does not match axis " + std::to_string(axis) +
                                                   " of " + dimsToString(dims));
  c.perChannel = true;
  c.n = dims[static_cast<size_t>(axis)];
  for (size_t d = static_cast<size_t>(axis) + 1; d < dims.size(); ++d) c.inner *= dims[d];
  return c;
}
}  // namespace

Expected<Tensor> quantizeLinear(const Tensor& x, const Tensor& scale, const Tensor& zeroPoint,
                                int64_t axis) {
  auto at = channelIndexer(x.dims(), scale, axis);
  if (!at) return at.error();
  double lo = 0, hi = 0;
  switch (zeroPoint.dtype()) {
    case DType::UInt8:
      hi = 255;
      break;
    case DType::Int8:
      lo = -128, hi = 127;
      break;
    case DType::Int32:
      lo = -2147483648.0, hi = 2147483647.0;
      break;
    default:
      return makeError(ErrorCode::TypeMismatch, "zero point must be uint8, int8 or int32");
  }
  Tensor out = Tensor::zeros(DType::Float64, x.dims());
  double* dst = out.mutableData<double>();
  for (int64_t i = 0; i < x.numel(); ++i) {
    const int64_t c = (*at)(i);
    const double s = scale.elementAsDouble(c);
    const double q =
        std::nearbyint(static_cast<double>(static_cast<float>(x.elementAsDouble(i) / s))) +
        zeroPoint.elementAsDouble(zeroPoint.numel() == 1 ? 0 : c);
    dst[i] = std::clamp(q, lo, hi);
  }
  return cast(out, zeroPoint.dtype());
}

Expected<Tensor> dequantizeLinear(const Tensor& x, const Tensor& scale, const Tensor* zeroPoint,
                                  int64_t axis) {
  auto at = channelIndexer(x.dims(), scale, axis);
  if (!at) return at.error();
  Tensor out = Tensor::zeros(DType::Float32, x.dims());
  float* dst = out.mutableData<float>();
  for (int64_t i = 0; i < x.numel(); ++i) {
    const int64_t c = (*at)(i);
    const double zp = zeroPoint ? zeroPoint->elementAsDouble(zeroPoint->numel() == 1 ? 0 : c) : 0.0;
    dst[i] = static_cast<float>((x.elementAsDouble(i) - zp) * scale.elementAsDouble(c));
  }
  return out;
}

Tensor window(WindowKind kind, int64_t size, bool periodic, DType dtype) {
  Tensor out = Tensor::zeros(DType::Float64, {std::max<int64_t>(size, 0)});
  double* dst = out.mutableData<double>();
  const double denominator = static_cast<double>(periodic ? size : size - 1);
  for (int64_t n = 0; n < size; ++n) {
    const double phase =
        denominator > 0 ? 2.0 * std::numbers::pi * static_cast<double>(n) / denominator : 0.0;
    switch (kind) {
      case WindowKind::Hann:
        dst[n] = 0.5 - 0.5 * std::cos(phase);
        break;
      case WindowKind::Hamming: {
        const double alpha = 25.0 / 46.0;
        dst[n] = alpha - (1.0 - alpha) * std::cos(phase);
        break;
      }
      case WindowKind::Blackman:
        dst[n] = 0.42 - 0.5 * std::cos(phase) + 0.08 * std::cos(2.0 * phase);
        break;
    }
  }
  auto typed = cast(out, dtype);
  return typed ? *typed : out;
}

Expected<Tensor> nonMaxSuppression(const Tensor& boxes, const Tensor& scores, int64_t maxPerClass,
                                   double iouThreshold, bool hasScoreThreshold,
                                   double scoreThreshold, bool centerPointBox) {
  if (boxes.rank() != 3 || boxes.dims()[2] != 4)
    return makeError(ErrorCode::ShapeMismatch,
                     "boxes must be [B, N, 4], got " + dimsToString(boxes.dims()));
  if (scores.rank() != 3 || scores.dims()[0] != boxes.dims()[0] ||
      scores.dims()[2] != boxes.dims()[1])
    return makeError(ErrorCode::ShapeMismatch, "scores " + dimsToString(scores.dims()) +
                                                   " do not match boxes " +
                                                   dimsToString(boxes.dims()));
  const int64_t batches = boxes.dims()[0], n = boxes.dims()[1], classes = scores.dims()[1];
  const auto b = boxes.toFloatVector();
  const auto s = scores.toFloatVector();
  std::vector<int64_t> selected;
  struct Corners {
    float y1, x1, y2, x2;
  };
  auto corners = [&](int64_t batch, int64_t i) {
    const float* p = b.data() + (batch * n + i) * 4;
    if (centerPointBox)
      return Corners{p[1] - p[3] / 2, p[0] - p[2] / 2, p[1] + p[3] / 2, p[0] + p[2] / 2};
    return Corners{std::min(p[0], p[2]), std::min(p[1], p[3]), std::max(p[0], p[2]),
                   std::max(p[1], p[3])};
  };
  auto iou = [](const Corners& a, const Corners& c) {
    const float ih = std::max(0.0f, std::min(a.y2, c.y2) - std::max(a.y1, c.y1));
    const float iw = std::max(0.0f, std::min(a.x2, c.x2) - std::max(a.x1, c.x1));
    const float inter = ih * iw;
    const float uni = (a.y2 - a.y1) * (a.x2 - a.x1) + (c.y2 - c.y1) * (c.x2 - c.x1) - inter;
    return uni > 0 ? inter / uni : 0.0f;
  };
  for (int64_t batch = 0; batch < batches; ++batch)
    for (int64_t cls = 0; cls < classes; ++cls) {
      const float* sc = s.data() + (batch * classes + cls) * n;
      std::vector<int64_t> order;
      for (int64_t i = 0; i < n; ++i)
        if (!hasScoreThreshold || sc[i] > scoreThreshold) order.push_back(i);
      std::stable_sort(order.begin(), order.end(),
                       [&](int64_t l, int64_t r) { return sc[l] > sc[r]; });
      std::vector<int64_t> kept;
      for (int64_t i : order) {
        if (static_cast<int64_t>(kept.size()) >= maxPerClass) break;
        const Corners box = corners(batch, i);
        bool suppressed = false;
        for (int64_t k : kept)
          if (iou(box, corners(batch, k)) > iouThreshold) {
            suppressed = true;
            break;
          }
        if (suppressed) continue;
        kept.push_back(i);
        selected.insert(selected.end(), {batch, cls, i});
      }
    }
  return Tensor::fromVector(DType::Int64, {static_cast<int64_t>(selected.size() / 3), 3}, selected);
}

Expected<Tensor> reverseSequence(const Tensor& x, const std::vector<int64_t>& lengths,
                                 int64_t batchAxis, int64_t timeAxis) {
  const size_t rank = x.dims().size();
  if (rank < 2 || batchAxis == timeAxis || batchAxis < 0 || timeAxis < 0 || batchAxis > 1 ||
      timeAxis > 1)
    return makeError(ErrorCode::InvalidArgument,
                     "batch_axis and time_axis must be 0 and 1 in some order");
  const int64_t batch = x.dims()[static_cast<size_t>(batchAxis)],
                time = x.dims()[static_cast<size_t>(timeAxis)];
  if (static_cast<int64_t>(lengths.size()) != batch)
    return makeError(ErrorCode::ShapeMismatch,
                     "sequence_lens has " + std::to_string(lengths.size()) +
                         " entries for a batch of " + std::to_string(batch));
  for (int64_t len : lengths)
    if (len < 0 || len > time)
      return makeError(ErrorCode::InvalidArgument, "sequence length " + std::to_string(len) +
                                                       " is outside [0, " + std::to_string(time) +
                                                       "]");
  Tensor out = x.clone();
  const auto strides = contiguousStrides(x.dims());
  const size_t elem = dtypeSize(x.dtype());
  const int64_t inner = strides[1];  // elements per (axis0, axis1) cell
  for (int64_t bi = 0; bi < batch; ++bi)
    for (int64_t t = 0; t < lengths[static_cast<size_t>(bi)]; ++t) {
      const int64_t src = lengths[static_cast<size_t>(bi)] - 1 - t;
      auto offset = [&](int64_t tt) {
        return batchAxis == 0 ? bi * strides[0] + tt * strides[1]
                              : tt * strides[0] + bi * strides[1];
      };
      std::copy_n(x.bytes() + static_cast<size_t>(offset(src)) * elem,
                  static_cast<size_t>(inner) * elem,
                  out.mutableBytes() + static_cast<size_t>(offset(t)) * elem);
    }
  return out;
}

}  // namespace mb::exec::prim
