#include "exec/primitives/resize.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "exec/primitives/nn_util.h"
#include "exec/thread_pool.h"

namespace mb::exec::nn {
namespace {

// One output position of a 1-D pass: input taps with weights, or the extrapolation value.
struct Taps {
  std::vector<int64_t> index;
  std::vector<double> weight;
  bool outside = false;
};

// outLen is in * scale as a real number (ONNX's reference uses it, not the rounded size).
double originalCoordinate(double out, double scale, double outLen, int64_t inLen, double roiStart,
                          double roiEnd, CoordinateTransform t) {
  switch (t) {
    case CoordinateTransform::HalfPixel:
      return (out + 0.5) / scale - 0.5;
    case CoordinateTransform::PytorchHalfPixel:
      return outLen > 1 ? (out + 0.5) / scale - 0.5 : 0.0;
    case CoordinateTransform::AlignCorners:
      return outLen == 1 ? 0.0 : out * static_cast<double>(inLen - 1) / (outLen - 1);
    case CoordinateTransform::Asymmetric:
      return out / scale;
    case CoordinateTransform::TfHalfPixelForNn:
      return (out + 0.5) / scale;
    case CoordinateTransform::TfCropAndResize:
      return outLen > 1
                 ? roiStart * static_cast<double>(inLen - 1) +
                       out * (roiEnd - roiStart) * static_cast<double>(inLen - 1) / (outLen - 1)
                 : 0.5 * (roiStart + roiEnd) * static_cast<double>(inLen - 1);
  }
  return 0.0;
}

std::vector<double> cubicCoefficients(double r, double A) {
  auto c = [&](double x) {
    x = std::fabs(x);
    if (x <= 1) return ((A + 2) * x - (A + 3)) * x * x + 1;
    if (x < 2) return ((A * x - 5 * A) * x + 8 * A) * x - 4 * A;
    return 0.0;
  };
  return {c(r + 1), c(r), c(1 - r), c(2 - r)};
}

// Taps for each output index along one axis, following ONNX's reference: the n nearest points of
// an edge-padded copy of the input, with coefficients from the fractional position.
std::vector<Taps> axisTaps(int64_t inLen, int64_t outLen, double scale, double roiStart,
                           double roiEnd, const ResizeParams& p) {
  std::vector<Taps> taps(static_cast<size_t>(outLen));
  for (int64_t o = 0; o < outLen; ++o) {
    Taps& t = taps[static_cast<size_t>(o)];
    double x = originalCoordinate(static_cast<double>(o), scale, static_cast<double>(inLen) * scale,
                                  inLen, roiStart, roiEnd, p.transform);
    if (p.transform == CoordinateTransform::TfCropAndResize &&
        (x < 0 || x > static_cast<double>(inLen - 1))) {
      t.outside = true;
      continue;
    }
    if (p.mode == ResizeMode::Nearest) {
      double r;
      switch (p.rounding) {
        case NearestRounding::RoundPreferFloor:
          r = (x == std::floor(x) + 0.5) ? std::floor(x) : std::round(x);
          break;
        case NearestRounding::RoundPreferCeil:
          r = (x == std::floor(x) + 0.5) ? std::ceil(x) : std::round(x);
          break;
        case NearestRounding::Floor:
          r = std::floor(x);
          break;
        default:
          r = std::ceil(x);
          break;
      }
      t.index.push_back(std::clamp<int64_t>(static_cast<int64_t>(r), 0, inLen - 1));
      t.weight.push_back(1.0);
      continue;
    }
    int64_t n = p.mode == ResizeMode::Linear ? 2 : 4;
    double xf = std::floor(x);
    double ratio = x - xf;
    auto base = static_cast<int64_t>(xf);
    if (ratio == 0) {  // an exact input point: ONNX treats it as the end of the previous interval
      ratio = 1;
      base -= 1;
    }
    std::vector<double> coeffs = p.mode == ResizeMode::Linear
                                     ? std::vector<double>{1 - ratio, ratio}
                                     : cubicCoefficients(ratio, p.cubicA);
    // The window of n points in the padded input (pad = ceil(n/2) on each side), kept inside it.
    int64_t pad = (n + 1) / 2;
    int64_t start = base - (n / 2 - 1) + pad;
    start = std::clamp<int64_t>(start, 0, inLen + 2 * pad - n);
    double total = 0;
    for (int64_t k = 0; k < n; ++k) {
      int64_t idx = start + k - pad;
      double w = coeffs[static_cast<size_t>(k)];
      if (p.excludeOutside && (idx < 0 || idx >= inLen)) w = 0;
      t.index.push_back(std::clamp<int64_t>(idx, 0, inLen - 1));
      t.weight.push_back(w);
      total += w;
    }
    if (p.excludeOutside && total != 0)
      for (double& w : t.weight) w /= total;
  }
  return taps;
}

// Resizes axis `axis` of a float32 tensor.
Tensor resizeAxisFloat(const Tensor& x, size_t axis, const std::vector<Taps>& taps,
                       double extrapolation, ThreadPool* pool) {
  std::vector<int64_t> dims = x.dims();
  int64_t inLen = dims[axis];
  auto outLen = static_cast<int64_t>(taps.size());
  dims[axis] = outLen;
  Tensor y = Tensor::zeros(DType::Float32, dims);
  int64_t outer = product(dims, 0, axis), inner = product(dims, axis + 1, dims.size());
  const float* X = x.data<float>();
  float* Y = y.mutableData<float>();
  parallelFor(pool, outer * outLen, 16, [&](int64_t begin, int64_t end) {
    for (int64_t oo = begin; oo < end; ++oo) {
      int64_t o = oo / outLen, j = oo % outLen;
      const Taps& t = taps[static_cast<size_t>(j)];
      float* yp = Y + (o * outLen + j) * inner;
      if (t.outside) {
        std::fill(yp, yp + inner, static_cast<float>(extrapolation));
        continue;
      }
      for (int64_t i = 0; i < inner; ++i) {
        double sum = 0;
        for (size_t k = 0; k < t.index.size(); ++k)
          sum += t.weight[k] * X[(o * inLen + t.index[k]) * inner + i];
        yp[i] = static_cast<float>(sum);
      }
    }
  });
  return y;
}

// Nearest along one axis for any dtype: a copy of the chosen element.
Tensor resizeAxisNearest(const Tensor& x, size_t axis, const std::vector<Taps>& taps,
                         double extrapolation) {
  std::vector<int64_t> dims = x.dims();
  int64_t inLen = dims[axis];
  auto outLen = static_cast<int64_t>(taps.size());
  dims[axis] = outLen;
  Tensor y = Tensor::zeros(x.dtype(), dims);
  int64_t outer = product(dims, 0, axis), inner = product(dims, axis + 1, dims.size());
  size_t bytes = static_cast<size_t>(inner) * dtypeSize(x.dtype());
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t j = 0; j < outLen; ++j) {
      const Taps& t = taps[static_cast<size_t>(j)];
      std::byte* to = y.mutableBytes() + static_cast<size_t>(o * outLen + j) * bytes;
      if (t.outside) {
        for (int64_t i = 0; i < inner; ++i) {
          Tensor v = fromFloat32(Tensor::scalarFloat(static_cast<float>(extrapolation)), x.dtype());
          if (x.dtype() == DType::Float32 || isFloatLike(x.dtype()))
            std::memcpy(to + static_cast<size_t>(i) * dtypeSize(x.dtype()), v.bytes(),
                        dtypeSize(x.dtype()));
        }
        continue;
      }
      std::memcpy(to, x.bytes() + static_cast<size_t>(o * inLen + t.index[0]) * bytes, bytes);
    }
  return y;
}

}  // namespace

Expected<CoordinateTransform> parseCoordinateTransform(const std::string& name) {
  if (name == "half_pixel") return CoordinateTransform::HalfPixel;
  if (name == "pytorch_half_pixel") return CoordinateTransform::PytorchHalfPixel;
  if (name == "align_corners") return CoordinateTransform::AlignCorners;
  if (name == "asymmetric") return CoordinateTransform::Asymmetric;
  if (name == "tf_half_pixel_for_nn") return CoordinateTransform::TfHalfPixelForNn;
  if (name == "tf_crop_and_resize") return CoordinateTransform::TfCropAndResize;
  return makeError(ErrorCode::InvalidModel,
                   "unknown coordinate_transformation_mode '" + name + "'");
}

Expected<NearestRounding> parseNearestRounding(const std::string& name) {
  if (name == "round_prefer_floor") return NearestRounding::RoundPreferFloor;
  if (name == "round_prefer_ceil") return NearestRounding::RoundPreferCeil;
  if (name == "floor") return NearestRounding::Floor;
  if (name == "ceil") return NearestRounding::Ceil;
  return makeError(ErrorCode::InvalidModel, "unknown nearest_mode '" + name + "'");
}

Expected<Tensor> resize(const Tensor& x, const ResizeParams& p, ThreadPool* pool) {
  auto rank = static_cast<size_t>(x.rank());
  if (p.outputDims.size() != rank || p.scales.size() != rank)
    return makeError(
        ErrorCode::ShapeMismatch,
        "resize needs one output size and scale per axis of " + dimsToString(x.dims()));
  bool nearest = p.mode == ResizeMode::Nearest;
  if (!nearest && !isFloatLike(x.dtype()))
    return makeError(ErrorCode::TypeMismatch, "linear and cubic resize need a float tensor");
  for (size_t d = 0; d < rank; ++d)
    if (p.outputDims[d] < 0) return makeError(ErrorCode::ShapeMismatch, "negative output size");
  Tensor current = nearest ? x : toFloat32(x);
  for (size_t d = 0; d < rank; ++d) {
    int64_t inLen = x.dims()[d], outLen = p.outputDims[d];
    double roiStart = d < p.roiStart.size() ? p.roiStart[d] : 0.0,
           roiEnd = d < p.roiEnd.size() ? p.roiEnd[d] : 1.0;
    bool identity = inLen == outLen && p.transform != CoordinateTransform::TfCropAndResize &&
                    (p.scales[d] == 1.0 || p.transform == CoordinateTransform::AlignCorners);
    if (identity) continue;
    if (inLen == 0) return makeError(ErrorCode::ShapeMismatch, "cannot resize an empty axis");
    auto taps = axisTaps(inLen, outLen, p.scales[d], roiStart, roiEnd, p);
    current = nearest ? resizeAxisNearest(current, d, taps, p.extrapolationValue)
                      : resizeAxisFloat(current, d, taps, p.extrapolationValue, pool);
  }
  return nearest ? current : fromFloat32(current, x.dtype());
}

}  // namespace mb::exec::nn
