#include "exec/primitives/conv.h"

#include <algorithm>
#include <cstring>

#include "exec/primitives/matmul.h"
#include "exec/primitives/nn_util.h"
#include "exec/thread_pool.h"

namespace mb::exec::nn {
namespace {

// Per-spatial-dim geometry of one convolution, with defaults filled in.
struct Geometry {
  size_t rank = 0;                       // spatial dims
  std::vector<int64_t> in, kernel, out;  // sizes
  std::vector<int64_t> stride, dilation, padBegin, padEnd;
  int64_t inSize() const { return product(in, 0, rank); }
  int64_t kernelSize() const { return product(kernel, 0, rank); }
  int64_t outSize() const { return product(out, 0, rank); }
};

Status fillGeometry(Geometry& g, const std::vector<int64_t>& strides,
                    const std::vector<int64_t>& dilations, const std::vector<int64_t>& padsBegin,
                    const std::vector<int64_t>& padsEnd) {
  auto take = [&](const std::vector<int64_t>& v, int64_t fallback, const char* what,
                  std::vector<int64_t>& out) -> Status {
    if (v.empty()) {
      out.assign(g.rank, fallback);
      return Status::ok();
    }
    if (v.size() != g.rank)
      return makeError(ErrorCode::InvalidModel, std::string(what) + " has " +
                                                    std::to_string(v.size()) + " values for " +
                                                    std::to_string(g.rank) + " spatial dims");
    out = v;
    return Status::ok();
  };
  MB_TRY(take(strides, 1, "strides", g.stride));
  MB_TRY(take(dilations, 1, "dilations", g.dilation));
  MB_TRY(take(padsBegin, 0, "pads", g.padBegin));
  MB_TRY(take(padsEnd, 0, "pads", g.padEnd));
  for (size_t d = 0; d < g.rank; ++d) {
    if (g.stride[d] <= 0 || g.dilation[d] <= 0)
      return makeError(ErrorCode::InvalidModel, "strides and dilations must be positive");
    if (g.padBegin[d] < 0 || g.padEnd[d] < 0)
      return makeError(ErrorCode::InvalidModel, "pads must not be negative");
  }
  return Status::ok();
}

// cols[(c*K + k), o] = x[c, in(o, k)] or 0 in the padding; `channels` input channels.
void im2col(const float* x, int64_t channels, const Geometry& g, float* cols, ThreadPool* pool) {
  const int64_t K = g.kernelSize(), O = g.outSize(), I = g.inSize();
  if (g.rank == 2) {
    const int64_t H = g.in[0], W = g.in[1], KH = g.kernel[0], KW = g.kernel[1], OH = g.out[0],
                  OW = g.out[1];
    const int64_t sh = g.stride[0], sw = g.stride[1], dh = g.dilation[0], dw = g.dilation[1];
    const int64_t pt = g.padBegin[0], pl = g.padBegin[1];
    parallelFor(pool, channels * K, 8, [&](int64_t begin, int64_t end) {
      for (int64_t row = begin; row < end; ++row) {
        int64_t c = row / K, kh = (row % K) / KW, kw = row % KW;
        const float* xc = x + c * H * W;
        float* out = cols + row * O;
        // Output columns whose input column is inside the image: [owLo, owHi).
        int64_t shift = kw * dw - pl;
        int64_t owLo = shift >= 0 ? 0 : (-shift + sw - 1) / sw;
        int64_t owHi = W - 1 - shift < 0 ? 0 : std::min(OW, (W - 1 - shift) / sw + 1);
        owLo = std::min(owLo, owHi);
        for (int64_t oh = 0; oh < OH; ++oh) {
          int64_t ih = oh * sh - pt + kh * dh;
          float* o = out + oh * OW;
          if (ih < 0 || ih >= H) {
            std::memset(o, 0, sizeof(float) * static_cast<size_t>(OW));
            continue;
          }
          const float* xrow = xc + ih * W;
          for (int64_t ow = 0; ow < owLo; ++ow) o[ow] = 0.0f;
          if (sw == 1) {
            std::memcpy(o + owLo, xrow + owLo + shift,
                        sizeof(float) * static_cast<size_t>(owHi - owLo));
          } else {
            for (int64_t ow = owLo; ow < owHi; ++ow) o[ow] = xrow[ow * sw + shift];
          }
          for (int64_t ow = owHi; ow < OW; ++ow) o[ow] = 0.0f;
        }
        (void)KH;
      }
    });
    return;
  }
  // Any rank: decode kernel offsets per row, walk output positions with an odometer.
  parallelFor(pool, channels * K, 4, [&](int64_t begin, int64_t end) {
    std::vector<int64_t> k(g.rank), o(g.rank);
    for (int64_t row = begin; row < end; ++row) {
      int64_t c = row / K, rem = row % K;
      for (size_t d = g.rank; d-- > 0;) {
        k[d] = rem % g.kernel[d];
        rem /= g.kernel[d];
      }
      const float* xc = x + c * I;
      float* out = cols + row * O;
      std::fill(o.begin(), o.end(), 0);
      for (int64_t j = 0; j < O; ++j) {
        int64_t offset = 0;
        bool inside = true;
        for (size_t d = 0; d < g.rank; ++d) {
          int64_t i = o[d] * g.stride[d] - g.padBegin[d] + k[d] * g.dilation[d];
          if (i < 0 || i >= g.in[d]) {
            inside = false;
            break;
          }
          offset = offset * g.in[d] + i;
        }
        out[j] = inside ? xc[offset] : 0.0f;
        for (size_t d = g.rank; d-- > 0;) {
          if (++o[d] < g.out[d]) break;
          o[d] = 0;
        }
      }
    }
  });
}

// The inverse scatter: y[c, in(o, k)] += cols[(c*K + k), o]. Channels are independent, so they
// run in parallel.
void col2im(const float* cols, int64_t channels, const Geometry& g, float* y, ThreadPool* pool) {
  // Here g.in is the (large) image being accumulated into and g.out the (small) column grid.
  const int64_t K = g.kernelSize(), O = g.outSize(), I = g.inSize();
  parallelFor(pool, channels, 1, [&](int64_t begin, int64_t end) {
    std::vector<int64_t> k(g.rank), o(g.rank);
    for (int64_t c = begin; c < end; ++c) {
      float* yc = y + c * I;
      for (int64_t kk = 0; kk < K; ++kk) {
        int64_t rem = kk;
        for (size_t d = g.rank; d-- > 0;) {
          k[d] = rem % g.kernel[d];
          rem /= g.kernel[d];
        }
        const float* col = cols + (c * K + kk) * O;
        std::fill(o.begin(), o.end(), 0);
        for (int64_t j = 0; j < O; ++j) {
          int64_t offset = 0;
          bool inside = true;
          for (size_t d = 0; d < g.rank; ++d) {
            int64_t i = o[d] * g.stride[d] - g.padBegin[d] + k[d] * g.dilation[d];
            if (i < 0 || i >= g.in[d]) {
              inside = false;
              break;
            }
            offset = offset * g.in[d] + i;
          }
          if (inside) yc[offset] += col[j];
          for (size_t d = g.rank; d-- > 0;) {
            if (++o[d] < g.out[d]) break;
            o[d] = 0;
          }
        }
      }
    }
  });
}

// Depthwise 2-D convolution (groups == C, one filter per channel): a direct loop beats im2col
// with C tiny products.
void depthwise2d(const float* x, const float* w, const float* bias, float* y, int64_t batch,
                 int64_t channels, int64_t multiplier, const Geometry& g, ThreadPool* pool) {
  const int64_t H = g.in[0], W = g.in[1], KH = g.kernel[0], KW = g.kernel[1], OH = g.out[0],
                OW = g.out[1];
  const int64_t sh = g.stride[0], sw = g.stride[1], dh = g.dilation[0], dw = g.dilation[1];
  const int64_t pt = g.padBegin[0], pl = g.padBegin[1];
  const int64_t outChannels = channels * multiplier;
  parallelFor(pool, batch * outChannels, 1, [&](int64_t begin, int64_t end) {
    for (int64_t nm = begin; nm < end; ++nm) {
      int64_t n = nm / outChannels, m = nm % outChannels, c = m / multiplier;
      const float* xc = x + (n * channels + c) * H * W;
      const float* wm = w + m * KH * KW;
      float* ym = y + nm * OH * OW;
      float b = bias ? bias[m] : 0.0f;
      for (int64_t i = 0; i < OH * OW; ++i) ym[i] = b;
      for (int64_t kw = 0; kw < KW; ++kw) {
        int64_t shift = kw * dw - pl;
        int64_t owLo = shift >= 0 ? 0 : (-shift + sw - 1) / sw;
        int64_t owHi = W - 1 - shift < 0 ? 0 : std::min(OW, (W - 1 - shift) / sw + 1);
        if (owLo >= owHi) continue;
        for (int64_t oh = 0; oh < OH; ++oh) {
          float* yrow = ym + oh * OW;
          for (int64_t kh = 0; kh < KH; ++kh) {
            int64_t ih = oh * sh - pt + kh * dh;
            if (ih < 0 || ih >= H) continue;
            const float weight = wm[kh * KW + kw];
            const float* xrow = xc + ih * W + shift;
            if (sw == 1) {
              for (int64_t ow = owLo; ow < owHi; ++ow) yrow[ow] += weight * xrow[ow];
            } else {
              for (int64_t ow = owLo; ow < owHi; ++ow) yrow[ow] += weight * xrow[ow * sw];
            }
          }
        }
      }
    }
  });
}

}  // namespace

Expected<Tensor> conv(const Tensor& xIn, const Tensor& wIn, const Tensor* biasIn,
                      const ConvParams& params, ThreadPool* pool) {
  if (xIn.rank() < 3 || xIn.rank() != wIn.rank())
    return makeError(ErrorCode::ShapeMismatch,
                     "conv needs input [N,C,spatial…] and weight [M,C/groups,kernel…] of "
                     "the same rank, got " +
                         dimsToString(xIn.dims()) + " and " + dimsToString(wIn.dims()));
  DType dtype = xIn.dtype();
  Tensor x = toFloat32(xIn), w = toFloat32(wIn);
  Tensor biasT = biasIn ? toFloat32(*biasIn) : Tensor();
  const int64_t N = x.dims()[0], C = x.dims()[1], M = w.dims()[0], Cg = w.dims()[1],
                G = params.groups;
  if (G <= 0 || C % G != 0 || M % G != 0 || Cg != C / G)
    return makeError(ErrorCode::ShapeMismatch,
                     "input has " + std::to_string(C) + " channels, weight " +
                         dimsToString(w.dims()) + " with group=" + std::to_string(G) +
                         " needs C/group = weight dim 1 and M divisible by group");
  if (biasIn && biasT.numel() != M)
    return makeError(ErrorCode::ShapeMismatch, "bias has " + std::to_string(biasT.numel()) +
                                                   " values for " + std::to_string(M) + " filters");
  Geometry g;
  g.rank = static_cast<size_t>(x.rank() - 2);
  g.in.assign(x.dims().begin() + 2, x.dims().end());
  g.kernel.assign(w.dims().begin() + 2, w.dims().end());
  MB_TRY(fillGeometry(g, params.strides, params.dilations, params.padsBegin, params.padsEnd));
  // 1-D convolutions run as 2-D ones over a height of 1.
  if (g.rank == 1) {
    g.rank = 2;
    g.in.insert(g.in.begin(), 1);
    g.kernel.insert(g.kernel.begin(), 1);
    g.stride.insert(g.stride.begin(), 1);
    g.dilation.insert(g.dilation.begin(), 1);
    g.padBegin.insert(g.padBegin.begin(), 0);
    g.padEnd.insert(g.padEnd.begin(), 0);
  }
  g.out.resize(g.rank);
  for (size_t d = 0; d < g.rank; ++d) {
    g.out[d] = slidingOutputSize(g.in[d], g.kernel[d], g.stride[d], g.dilation[d], g.padBegin[d],
                                 g.padEnd[d], false);
    if (g.out[d] <= 0)
      return makeError(ErrorCode::ShapeMismatch, "the kernel " + dimsToString(w.dims()) +
                                                     " does not fit the padded input " +
                                                     dimsToString(x.dims()));
  }
  std::vector<int64_t> outDims = {N, M};
  for (size_t d = static_cast<size_t>(x.rank() - 2) == 1 ? 1 : 0; d < g.rank; ++d)
    outDims.push_back(g.out[d]);
  Tensor y = Tensor::zeros(DType::Float32, outDims);
  const float* X = x.data<float>();
  const float* Wt = w.data<float>();
  const float* B = biasIn ? biasT.data<float>() : nullptr;
  float* Y = y.mutableData<float>();
  const int64_t I = g.inSize(), K = g.kernelSize(), O = g.outSize(), Mg = M / G;

  if (g.rank == 2 && G == C && Cg == 1) {
    depthwise2d(X, Wt, B, Y, N, C, M / C, g, pool);
    return fromFloat32(y, dtype);
  }
  bool pointwise = K == 1;
  for (size_t d = 0; d < g.rank; ++d)
    if (g.stride[d] != 1 || g.padBegin[d] != 0 || g.padEnd[d] != 0) pointwise = false;
  std::vector<float> cols(pointwise ? 0 : static_cast<size_t>(Cg * K * O));
  for (int64_t n = 0; n < N; ++n) {
    for (int64_t grp = 0; grp < G; ++grp) {
      const float* xg = X + (n * C + grp * Cg) * I;
      const float* colData = xg;
      if (!pointwise) {
        im2col(xg, Cg, g, cols.data(), pool);
        colData = cols.data();
      }
      float* yg = Y + (n * M + grp * Mg) * O;
      sgemm(false, false, Mg, O, Cg * K, 1.0f, Wt + grp * Mg * Cg * K, Cg * K, colData, O, 0.0f, yg,
            O);
    }
  }
  if (B) {
    parallelFor(pool, N * M, 16, [&](int64_t begin, int64_t end) {
      for (int64_t nm = begin; nm < end; ++nm) {
        float b = B[nm % M];
        float* row = Y + nm * O;
        for (int64_t i = 0; i < O; ++i) row[i] += b;
      }
    });
  }
  return fromFloat32(y, dtype);
}

Expected<Tensor> convTranspose(const Tensor& xIn, const Tensor& wIn, const Tensor* biasIn,
                               const ConvTransposeParams& params, ThreadPool* pool) {
  if (xIn.rank() < 3 || xIn.rank() != wIn.rank())
    return makeError(ErrorCode::ShapeMismatch,
                     "conv transpose needs input [N,C,spatial…] and weight "
                     "[C,M/groups,kernel…] of the same rank, got " +
                         dimsToString(xIn.dims()) + " and " + dimsToString(wIn.dims()));
  DType dtype = xIn.dtype();
  Tensor x = toFloat32(xIn), w = toFloat32(wIn);
  Tensor biasT = biasIn ? toFloat32(*biasIn) : Tensor();
  const int64_t N = x.dims()[0], C = x.dims()[1], G = params.groups;
  if (G <= 0 || w.dims()[0] != C || C % G != 0)
    return makeError(ErrorCode::ShapeMismatch,
                     "input has " + std::to_string(C) + " channels but the weight is " +
                         dimsToString(w.dims()) + " with group=" + std::to_string(G));
  const int64_t Mg = w.dims()[1], M = Mg * G, Cg = C / G;
  if (biasIn && biasT.numel() != M)
    return makeError(ErrorCode::ShapeMismatch, "bias has " + std::to_string(biasT.numel()) +
                                                   " values for " + std::to_string(M) + " outputs");
  // Geometry of the equivalent forward conv: the output image is g.in, the input grid is g.out.
  Geometry g;
  g.rank = static_cast<size_t>(x.rank() - 2);
  g.out.assign(x.dims().begin() + 2, x.dims().end());
  g.kernel.assign(w.dims().begin() + 2, w.dims().end());
  MB_TRY(fillGeometry(g, params.strides, params.dilations, params.padsBegin, params.padsEnd));
  std::vector<int64_t> outputPadding = params.outputPadding;
  if (outputPadding.empty()) outputPadding.assign(g.rank, 0);
  if (outputPadding.size() != g.rank)
    return makeError(ErrorCode::InvalidModel, "output_padding has the wrong number of values");
  g.in.resize(g.rank);
  std::vector<int64_t> outDims = {N, M};
  // The forward geometry pads the end by outputPadding less, so cropped positions drop out.
  for (size_t d = 0; d < g.rank; ++d) {
    g.in[d] = g.stride[d] * (g.out[d] - 1) + outputPadding[d] + g.dilation[d] * (g.kernel[d] - 1) +
              1 - g.padBegin[d] - g.padEnd[d];
    if (g.in[d] <= 0)
      return makeError(ErrorCode::ShapeMismatch,
                       "the pads leave no output along spatial dim " + std::to_string(d));
    outDims.push_back(g.in[d]);
  }
  Tensor y = Tensor::zeros(DType::Float32, outDims);
  const int64_t I = g.inSize(), K = g.kernelSize(), O = g.outSize();
  std::vector<float> cols(static_cast<size_t>(Mg * K * O));
  const float* X = x.data<float>();
  const float* Wt = w.data<float>();
  float* Y = y.mutableData<float>();
  for (int64_t n = 0; n < N; ++n)
    for (int64_t grp = 0; grp < G; ++grp) {
      // cols[Mg*K, O] = W_g[Cg, Mg*K]^T · X_g[Cg, O]
      sgemm(true, false, Mg * K, O, Cg, 1.0f, Wt + grp * Cg * Mg * K, Mg * K,
            X + (n * C + grp * Cg) * O, O, 0.0f, cols.data(), O);
      col2im(cols.data(), Mg, g, Y + (n * M + grp * Mg) * I, pool);
    }
  if (biasIn) {
    const float* B = biasT.data<float>();
    for (int64_t nm = 0; nm < N * M; ++nm)
      for (int64_t i = 0; i < I; ++i) Y[nm * I + i] += B[nm % M];
  }
  return fromFloat32(y, dtype);
}

}  // namespace mb::exec::nn
