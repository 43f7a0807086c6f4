#include "exec/primitives/grid_sample.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "exec/primitives/cast.h"

namespace mb::exec::prim {
namespace {

double unnormalize(double coord, int64_t size, bool align) {
  return align ? (coord + 1) / 2 * static_cast<double>(size - 1)
               : ((coord + 1) * static_cast<double>(size) - 1) / 2;
}

double reflect(double in, double twiceLow, double twiceHigh) {
  if (twiceLow == twiceHigh) return 0;
  const double low = twiceLow / 2, span = (twiceHigh - twiceLow) / 2;
  in = std::fabs(in - low);
  const double extra = std::fmod(in, span);
  const auto flips = static_cast<int64_t>(std::floor(in / span));
  return flips % 2 == 0 ? extra + low : span - extra + low;
}

// Applies border / reflection padding to a source coordinate.
double padCoordinate(double coord, int64_t size, GridPadding padding, bool align) {
  const double hi = static_cast<double>(size - 1);
  if (padding == GridPadding::Border) return std::clamp(coord, 0.0, hi);
  if (padding == GridPadding::Reflection) {
    coord =
        align ? reflect(coord, 0, 2 * hi) : reflect(coord, -1, 2 * static_cast<double>(size) - 1);
    return std::clamp(coord, 0.0, hi);
  }
  return coord;
}

void cubicWeights(double t, double w[4]) {
  const double a = -0.75;
  w[0] = ((a * (t + 1) - 5 * a) * (t + 1) + 8 * a) * (t + 1) - 4 * a;
  w[1] = ((a + 2) * t - (a + 3)) * t * t + 1;
  w[2] = ((a + 2) * (1 - t) - (a + 3)) * (1 - t) * (1 - t) + 1;
  w[3] = 1 - w[0] - w[1] - w[2];
}

}  // namespace

Expected<Tensor> gridSample(const Tensor& x, const Tensor& grid, GridMode mode, GridPadding padding,
                            bool alignCorners) {
  if (x.rank() != 4 || grid.rank() != 4 || grid.dims()[3] != 2 || grid.dims()[0] != x.dims()[0])
    return makeError(ErrorCode::ShapeMismatch,
                     "needs x [N, C, H, W] and grid [N, Ho, Wo, 2], got " + dimsToString(x.dims()) +
                         " and " + dimsToString(grid.dims()));
  auto xs = cast(x, DType::Float64);
  auto gs = cast(grid, DType::Float64);
  if (!xs || !gs) return makeError(ErrorCode::TypeMismatch, "grid_sample needs numeric tensors");
  const int64_t n = x.dims()[0], c = x.dims()[1], h = x.dims()[2], w = x.dims()[3];
  const int64_t ho = grid.dims()[1], wo = grid.dims()[2];
  Tensor out = Tensor::zeros(DType::Float64, {n, c, ho, wo});
  const double* src = xs->data<double>();
  const double* g = gs->data<double>();
  double* dst = out.mutableData<double>();
  for (int64_t b = 0; b < n; ++b)
    for (int64_t i = 0; i < ho; ++i)
      for (int64_t j = 0; j < wo; ++j) {
        const double* p = g + ((b * ho + i) * wo + j) * 2;
        double fx = unnormalize(p[0], w, alignCorners), fy = unnormalize(p[1], h, alignCorners);
        for (int64_t ch = 0; ch < c; ++ch) {
          const double* plane = src + (b * c + ch) * h * w;
          auto at = [&](int64_t yy, int64_t xx) {
            return (yy < 0 || yy >= h || xx < 0 || xx >= w) ? 0.0 : plane[yy * w + xx];
          };
          double value = 0;
          if (mode == GridMode::Bicubic) {
            const double x0 = std::floor(fx), y0 = std::floor(fy);
            double wx[4], wy[4];
            cubicWeights(fx - x0, wx);
            cubicWeights(fy - y0, wy);
            for (int dy = 0; dy < 4; ++dy)
              for (int dx = 0; dx < 4; ++dx) {
                const double sx = padCoordinate(x0 - 1 + dx, w, padding, alignCorners);
                const double sy = padCoordinate(y0 - 1 + dy, h, padding, alignCorners);
                value += wy[dy] * wx[dx] * at(static_cast<int64_t>(sy), static_cast<int64_t>(sx));
              }
          } else {
            const double sx = padCoordinate(fx, w, padding, alignCorners);
            const double sy = padCoordinate(fy, h, padding, alignCorners);
            if (mode == GridMode::Nearest) {
              value = at(static_cast<int64_t>(std::nearbyint(sy)),
                         static_cast<int64_t>(std::nearbyint(sx)));
            } else {
              const double x0 = std::floor(sx), y0 = std::floor(sy), tx = sx - x0, ty = sy - y0;
              const auto ix = static_cast<int64_t>(x0), iy = static_cast<int64_t>(y0);
              value = at(iy, ix) * (1 - tx) * (1 - ty) + at(iy, ix + 1) * tx * (1 - ty) +
                      at(iy + 1, ix) * (1 - tx) * ty + at(iy + 1, ix + 1) * tx * ty;
            }
          }
          dst[((b * c + ch) * ho + i) * wo + j] = value;
        }
      }
  return cast(out, x.dtype());
}

}  // namespace mb::exec::prim
