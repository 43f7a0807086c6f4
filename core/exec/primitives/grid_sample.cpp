#include "exec/primitives/grid_sample.h"

#include <algorithm>
#include <cmath>

#include "exec/primitives/nn_util.h"

namespace mb::exec::nn {
namespace {

double reflect(double v, double twiceLow, double twiceHigh) {
  if (twiceLow == twiceHigh) return 0;
  double low = twiceLow / 2, span = (twiceHigh - twiceLow) / 2;
  v = std::fabs(v - low);
  double extra = std::fmod(v, span);
  auto flips = static_cast<int64_t>(std::floor(v / span));
  return flips % 2 == 0 ? extra + low : span - extra + low;
}

// Border and reflection padding move a source coordinate into the image.
double placeCoordinate(double v, int64_t size, GridPadding padding, bool alignCorners) {
  auto hi = static_cast<double>(size - 1);
  if (padding == GridPadding::Border) return std::clamp(v, 0.0, hi);
  if (padding == GridPadding::Reflection) {
    v = alignCorners ? reflect(v, 0, 2.0 * hi)
                     : reflect(v, -1, 2.0 * static_cast<double>(size) - 1);
    return std::clamp(v, 0.0, hi);
  }
  return v;
}

double unnormalize(double v, int64_t size, bool alignCorners) {
  return alignCorners ? (v + 1) / 2 * static_cast<double>(size - 1)
                      : ((v + 1) * static_cast<double>(size) - 1) / 2;
}

double cubic(double x, double A) {
  x = std::fabs(x);
  if (x <= 1) return ((A + 2) * x - (A + 3)) * x * x + 1;
  if (x < 2) return ((A * x - 5 * A) * x + 8 * A) * x - 4 * A;
  return 0;
}

}  // namespace

Expected<Tensor> gridSample(const Tensor& xIn, const Tensor& gridIn, GridSampleMode mode,
                            GridPadding padding, bool alignCorners) {
  if (xIn.rank() != 4 || gridIn.rank() != 4 || gridIn.dims()[3] != 2 ||
      gridIn.dims()[0] != xIn.dims()[0])
    return makeError(ErrorCode::ShapeMismatch,
                     "grid sampling needs x [N,C,H,W] and grid [N,Ho,Wo,2], got " +
                         dimsToString(xIn.dims()) + " and " + dimsToString(gridIn.dims()));
  if (!isFloatLike(xIn.dtype()))
    return makeError(ErrorCode::TypeMismatch, "grid sampling needs a float tensor");
  Tensor x = toFloat32(xIn), grid = toFloat32(gridIn);
  const int64_t N = x.dims()[0], C = x.dims()[1], H = x.dims()[2], W = x.dims()[3];
  const int64_t Ho = grid.dims()[1], Wo = grid.dims()[2];
  Tensor y = Tensor::zeros(DType::Float32, {N, C, Ho, Wo});
  const float* X = x.data<float>();
  const float* G = grid.data<float>();
  float* Y = y.mutableData<float>();
  auto at = [&](const float* plane, int64_t r, int64_t c) -> double {
    return (r < 0 || r >= H || c < 0 || c >= W) ? 0.0 : plane[r * W + c];
  };
  for (int64_t n = 0; n < N; ++n)
    for (int64_t i = 0; i < Ho; ++i)
      for (int64_t j = 0; j < Wo; ++j) {
        const float* g = G + ((n * Ho + i) * Wo + j) * 2;
        double gx = unnormalize(g[0], W, alignCorners), gy = unnormalize(g[1], H, alignCorners);
        for (int64_t c = 0; c < C; ++c) {
          const float* plane = X + (n * C + c) * H * W;
          double v = 0;
          if (mode == GridSampleMode::Bicubic) {
            double fx = std::floor(gx), fy = std::floor(gy), tx = gx - fx, ty = gy - fy;
            for (int64_t a = -1; a <= 2; ++a)
              for (int64_t b = -1; b <= 2; ++b) {
                double sy = placeCoordinate(fy + static_cast<double>(a), H, padding, alignCorners);
                double sx = placeCoordinate(fx + static_cast<double>(b), W, padding, alignCorners);
                v += cubic(static_cast<double>(a) - ty, -0.75) *
                     cubic(static_cast<double>(b) - tx, -0.75) *
                     at(plane, static_cast<int64_t>(sy), static_cast<int64_t>(sx));
              }
          } else {
            double sx = placeCoordinate(gx, W, padding, alignCorners),
                   sy = placeCoordinate(gy, H, padding, alignCorners);
            if (mode == GridSampleMode::Nearest) {
              v = at(plane, static_cast<int64_t>(std::nearbyint(sy)),
                     static_cast<int64_t>(std::nearbyint(sx)));
            } else {
              double x0 = std::floor(sx), y0 = std::floor(sy), wx = sx - x0, wy = sy - y0;
              auto c0 = static_cast<int64_t>(x0), r0 = static_cast<int64_t>(y0);
              v = (1 - wy) * ((1 - wx) * at(plane, r0, c0) + wx * at(plane, r0, c0 + 1)) +
                  wy * ((1 - wx) * at(plane, r0 + 1, c0) + wx * at(plane, r0 + 1, c0 + 1));
            }
          }
          Y[((n * C + c) * Ho + i) * Wo + j] = static_cast<float>(v);
        }
      }
  return fromFloat32(y, xIn.dtype());
}

Expected<Tensor> roiAlign(const Tensor& xIn, const Tensor& rois, const Tensor& batchIndices,
                          const RoiAlignParams& p) {
  if (xIn.rank() != 4 || rois.rank() != 2 || rois.dims()[1] != 4 ||
      batchIndices.numel() != rois.dims()[0])
    return makeError(ErrorCode::ShapeMismatch,
                     "RoiAlign needs x [N,C,H,W], rois [R,4] and batch_indices [R], got " +
                         dimsToString(xIn.dims()) + ", " + dimsToString(rois.dims()) + ", " +
                         dimsToString(batchIndices.dims()));
  if (!isFloatLike(xIn.dtype()))
    return makeError(ErrorCode::TypeMismatch, "RoiAlign needs a float tensor");
  if (p.outputHeight <= 0 || p.outputWidth <= 0)
    return makeError(ErrorCode::InvalidModel, "output size must be positive");
  Tensor x = toFloat32(xIn);
  const int64_t N = x.dims()[0], C = x.dims()[1], H = x.dims()[2], W = x.dims()[3],
                R = rois.dims()[0];
  const int64_t OH = p.outputHeight, OW = p.outputWidth;
  Tensor y = Tensor::zeros(DType::Float32, {R, C, OH, OW});
  double offset = p.halfPixel ? 0.5 : 0.0;
  for (int64_t r = 0; r < R; ++r) {
    int64_t n = batchIndices.elementAsInt64(r);
    if (n < 0 || n >= N)
      return makeError(
          ErrorCode::InvalidArgument,
          "batch index " + std::to_string(n) + " is outside [0, " + std::to_string(N) + ")");
    double x1 = rois.elementAsDouble(r * 4) * p.spatialScale - offset;
    double y1 = rois.elementAsDouble(r * 4 + 1) * p.spatialScale - offset;
    double x2 = rois.elementAsDouble(r * 4 + 2) * p.spatialScale - offset;
    double y2 = rois.elementAsDouble(r * 4 + 3) * p.spatialScale - offset;
    double roiW = x2 - x1, roiH = y2 - y1;
    if (!p.halfPixel) {
      roiW = std::max(roiW, 1.0);
      roiH = std::max(roiH, 1.0);
    }
    double binH = roiH / static_cast<double>(OH), binW = roiW / static_cast<double>(OW);
    int64_t gridH = p.samplingRatio > 0
                        ? p.samplingRatio
                        : static_cast<int64_t>(std::ceil(roiH / static_cast<double>(OH)));
    int64_t gridW = p.samplingRatio > 0
                        ? p.samplingRatio
                        : static_cast<int64_t>(std::ceil(roiW / static_cast<double>(OW)));
    double count = static_cast<double>(std::max<int64_t>(gridH * gridW, 1));
    for (int64_t c = 0; c < C; ++c) {
      const float* plane = x.data<float>() + (n * C + c) * H * W;
      for (int64_t ph = 0; ph < OH; ++ph)
        for (int64_t pw = 0; pw < OW; ++pw) {
          double sum = 0, best = -INFINITY;
          bool any = false;
          for (int64_t iy = 0; iy < gridH; ++iy)
            for (int64_t ix = 0; ix < gridW; ++ix) {
              double sy = y1 + static_cast<double>(ph) * binH +
                          (static_cast<double>(iy) + 0.5) * binH / static_cast<double>(gridH);
              double sx = x1 + static_cast<double>(pw) * binW +
                          (static_cast<double>(ix) + 0.5) * binW / static_cast<double>(gridW);
              if (sy < -1.0 || sy > static_cast<double>(H) || sx < -1.0 ||
                  sx > static_cast<double>(W)) {
                any = true;
                best = std::max(best, 0.0);
                continue;  // outside the image: contributes 0
              }
              sy = std::max(sy, 0.0);
              sx = std::max(sx, 0.0);
              auto yl = static_cast<int64_t>(sy), xl = static_cast<int64_t>(sx);
              int64_t yh = yl + 1, xh = xl + 1;
              if (yl >= H - 1) {
                yl = yh = H - 1;
                sy = static_cast<double>(yl);
              }
              if (xl >= W - 1) {
                xl = xh = W - 1;
                sx = static_cast<double>(xl);
              }
              double ly = sy - static_cast<double>(yl), lx = sx - static_cast<double>(xl),
                     hy = 1 - ly, hx = 1 - lx;
              double v1 = hy * hx * plane[yl * W + xl], v2 = hy * lx * plane[yl * W + xh];
              double v3 = ly * hx * plane[yh * W + xl], v4 = ly * lx * plane[yh * W + xh];
              sum += v1 + v2 + v3 + v4;
              best = std::max({best, v1, v2, v3, v4});
              any = true;
            }
          y.mutableData<float>()[((r * C + c) * OH + ph) * OW + pw] =
              static_cast<float>(p.maxMode ? (any ? best : 0.0) : sum / count);
        }
    }
  }
  return fromFloat32(y, xIn.dtype());
}

Expected<Tensor> meanVarianceNormalize(const Tensor& xIn, const std::vector<int64_t>& axes) {
  if (!isFloatLike(xIn.dtype()))
    return makeError(ErrorCode::TypeMismatch, "MVN needs a float tensor");
  auto rank = static_cast<size_t>(xIn.rank());
  std::vector<bool> reduced(rank, false);
  for (int64_t a : axes) {
    int64_t axis = a < 0 ? a + static_cast<int64_t>(rank) : a;
    if (axis < 0 || axis >= static_cast<int64_t>(rank))
      return makeError(ErrorCode::InvalidModel,
                       "axis " + std::to_string(a) + " is outside " + dimsToString(xIn.dims()));
    reduced[static_cast<size_t>(axis)] = true;
  }
  Tensor x = toFloat32(xIn);
  const auto& dims = x.dims();
  // Group index of each element = its coordinates on the kept axes.
  std::vector<int64_t> keptDims;
  for (size_t d = 0; d < rank; ++d)
    if (!reduced[d]) keptDims.push_back(dims[d]);
  int64_t groups = product(keptDims, 0, keptDims.size());
  std::vector<double> sum(static_cast<size_t>(groups)), sq(static_cast<size_t>(groups)),
      count(static_cast<size_t>(groups));
  std::vector<int64_t> group(static_cast<size_t>(x.numel()));
  std::vector<int64_t> coord(rank, 0);
  for (int64_t i = 0; i < x.numel(); ++i) {
    int64_t gidx = 0;
    for (size_t d = 0; d < rank; ++d)
      if (!reduced[d]) gidx = gidx * dims[d] + coord[d];
    group[static_cast<size_t>(i)] = gidx;
    double v = x.data<float>()[i];
    sum[static_cast<size_t>(gidx)] += v;
    sq[static_cast<size_t>(gidx)] += v * v;
    count[static_cast<size_t>(gidx)] += 1;
    for (size_t d = rank; d-- > 0;) {
      if (++coord[d] < dims[d]) break;
      coord[d] = 0;
    }
  }
  Tensor y = Tensor::zeros(DType::Float32, dims);
  for (int64_t i = 0; i < x.numel(); ++i) {
    auto gidx = static_cast<size_t>(group[static_cast<size_t>(i)]);
    double mean = sum[gidx] / count[gidx];
    double var = std::max(0.0, sq[gidx] / count[gidx] - mean * mean);
    y.mutableData<float>()[i] =
        static_cast<float>((x.data<float>()[i] - mean) / (std::sqrt(var) + 1e-9));
  }
  return fromFloat32(y, xIn.dtype());
}

std::optional<GridSampleMode> parseGridSampleMode(const std::string& mode, bool onnxNames) {
  if (mode == "bilinear" || (onnxNames && mode == "linear")) return GridSampleMode::Bilinear;
  if (mode == "nearest") return GridSampleMode::Nearest;
  if (mode == "bicubic" || (onnxNames && mode == "cubic")) return GridSampleMode::Bicubic;
  return std::nullopt;
}

std::optional<GridPadding> parseGridPadding(const std::string& padding) {
  if (padding == "zeros") return GridPadding::Zeros;
  if (padding == "border") return GridPadding::Border;
  if (padding == "reflection") return GridPadding::Reflection;
  return std::nullopt;
}

}  // namespace mb::exec::nn
