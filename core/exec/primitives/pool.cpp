#include "exec/primitives/pool.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "exec/primitives/nn_util.h"
#include "exec/thread_pool.h"

namespace mb::exec::nn {
namespace {

struct PoolGeometry {
  size_t rank = 0;
  std::vector<int64_t> in, out, kernel, stride, dilation, padBegin, padEnd;
};

Expected<PoolGeometry> geometry(const Tensor& x, const PoolParams& p) {
  if (x.rank() < 3)
    return makeError(ErrorCode::ShapeMismatch,
                     "pooling needs [N,C,spatial…], got " + dimsToString(x.dims()));
  PoolGeometry g;
  g.rank = static_cast<size_t>(x.rank() - 2);
  if (p.kernel.size() != g.rank)
    return makeError(ErrorCode::InvalidModel, "kernel_shape has " +
                                                  std::to_string(p.kernel.size()) +
                                                  " values for input " + dimsToString(x.dims()));
  g.in.assign(x.dims().begin() + 2, x.dims().end());
  g.kernel = p.kernel;
  auto take = [&](const std::vector<int64_t>& v, int64_t fallback, std::vector<int64_t>& out) {
    out = v.empty() ? std::vector<int64_t>(g.rank, fallback) : v;
    return out.size() == g.rank;
  };
  if (!take(p.strides, 1, g.stride) || !take(p.dilations, 1, g.dilation) ||
      !take(p.padsBegin, 0, g.padBegin) || !take(p.padsEnd, 0, g.padEnd))
    return makeError(ErrorCode::InvalidModel,
                     "strides, dilations and pads need one value per spatial dim");
  g.out.resize(g.rank);
  for (size_t d = 0; d < g.rank; ++d) {
    if (g.kernel[d] <= 0 || g.stride[d] <= 0 || g.dilation[d] <= 0)
      return makeError(ErrorCode::InvalidModel, "kernel, strides and dilations must be positive");
    g.out[d] = slidingOutputSize(g.in[d], g.kernel[d], g.stride[d], g.dilation[d], g.padBegin[d],
                                 g.padEnd[d], p.ceilMode);
    if (g.out[d] <= 0)
      return makeError(ErrorCode::ShapeMismatch,
                       "the pooling window does not fit the input " + dimsToString(x.dims()));
  }
  return g;
}

std::vector<int64_t> outDims(const Tensor& x, const PoolGeometry& g) {
  std::vector<int64_t> dims = {x.dims()[0], x.dims()[1]};
  dims.insert(dims.end(), g.out.begin(), g.out.end());
  return dims;
}

// Calls visit(outFlat, inOffsets…) per output position of one plane: `taps(o)` lists the flat
// in-plane offsets of the window's in-image elements and `padded` counts window positions inside
// the padded extent. Generic over rank; windows are small.
template <typename Visit>
void forEachWindow(const PoolGeometry& g, Visit&& visit) {
  int64_t outCount = product(g.out, 0, g.rank);
  int64_t kernelCount = product(g.kernel, 0, g.rank);
  std::vector<int64_t> o(g.rank, 0), k(g.rank);
  std::vector<int64_t> taps;
  taps.reserve(static_cast<size_t>(kernelCount));
  for (int64_t j = 0; j < outCount; ++j) {
    taps.clear();
    int64_t padded = 1;
    // Window extent clipped to the padded input, for count_include_pad.
    for (size_t d = 0; d < g.rank; ++d) {
      int64_t start = o[d] * g.stride[d] - g.padBegin[d];
      int64_t end = std::min(start + (g.kernel[d] - 1) * g.dilation[d] + 1, g.in[d] + g.padEnd[d]);
      padded *= (end - start + g.dilation[d] - 1) / g.dilation[d];
    }
    for (int64_t kk = 0; kk < kernelCount; ++kk) {
      int64_t rem = kk, offset = 0;
      bool inside = true;
      for (size_t d = g.rank; d-- > 0;) {
        k[d] = rem % g.kernel[d];
        rem /= g.kernel[d];
      }
      for (size_t d = 0; d < g.rank; ++d) {
        int64_t i = o[d] * g.stride[d] - g.padBegin[d] + k[d] * g.dilation[d];
        if (i < 0 || i >= g.in[d]) {
          inside = false;
          break;
        }
        offset = offset * g.in[d] + i;
      }
      if (inside) taps.push_back(offset);
    }
    visit(j, taps, padded);
    for (size_t d = g.rank; d-- > 0;) {
      if (++o[d] < g.out[d]) break;
      o[d] = 0;
    }
  }
}

// Row-major in-plane offset → the same position in column-major order.
int64_t toColumnMajor(int64_t offset, const std::vector<int64_t>& in) {
  std::vector<int64_t> coord(in.size());
  for (size_t d = in.size(); d-- > 0;) {
    coord[d] = offset % in[d];
    offset /= in[d];
  }
  int64_t result = 0;
  for (size_t d = in.size(); d-- > 0;) result = result * in[d] + coord[d];
  return result;
}

// 2-D max pooling without indices: direct loops (the generic window walk decodes every tap).
void maxPool2d(const float* x, float* y, int64_t planes, const PoolGeometry& g, ThreadPool* pool) {
  const int64_t H = g.in[0], W = g.in[1], OH = g.out[0], OW = g.out[1];
  parallelFor(pool, planes, 1, [&](int64_t begin, int64_t end) {
    for (int64_t p = begin; p < end; ++p) {
      const float* xp = x + p * H * W;
      float* yp = y + p * OH * OW;
      for (int64_t oh = 0; oh < OH; ++oh)
        for (int64_t ow = 0; ow < OW; ++ow) {
          float best = -std::numeric_limits<float>::infinity();
          bool any = false, nan = false;
          for (int64_t kh = 0; kh < g.kernel[0]; ++kh) {
            int64_t ih = oh * g.stride[0] - g.padBegin[0] + kh * g.dilation[0];
            if (ih < 0 || ih >= H) continue;
            for (int64_t kw = 0; kw < g.kernel[1]; ++kw) {
              int64_t iw = ow * g.stride[1] - g.padBegin[1] + kw * g.dilation[1];
              if (iw < 0 || iw >= W) continue;
              float v = xp[ih * W + iw];
              nan |= std::isnan(v);
              best = std::max(best, v);
              any = true;
            }
          }
          yp[oh * OW + ow] = nan ? std::numeric_limits<float>::quiet_NaN() : (any ? best : 0.0f);
        }
    }
  });
}

template <typename T>
void maxPoolPlanes(const T* x, T* y, int64_t* idx, int64_t planes, const PoolGeometry& g,
                   bool columnMajor, ThreadPool* pool) {
  int64_t inPlane = product(g.in, 0, g.rank), outPlane = product(g.out, 0, g.rank);
  parallelFor(pool, planes, 1, [&](int64_t begin, int64_t end) {
    for (int64_t p = begin; p < end; ++p) {
      const T* xp = x + p * inPlane;
      forEachWindow(g, [&](int64_t j, const std::vector<int64_t>& taps, int64_t) {
        T best = std::numeric_limits<T>::lowest();
        int64_t bestAt = -1;
        for (int64_t t : taps)
          if (bestAt < 0 || xp[t] > best ||
              (std::is_floating_point_v<T> && std::isnan(static_cast<double>(xp[t])) &&
               !std::isnan(static_cast<double>(best)))) {
            best = xp[t];
            bestAt = t;
          }
        y[p * outPlane + j] = bestAt < 0 ? T(0) : best;
        if (idx)
          idx[p * outPlane + j] =
              p * inPlane + (columnMajor ? toColumnMajor(std::max<int64_t>(bestAt, 0), g.in)
                                         : std::max<int64_t>(bestAt, 0));
      });
    }
  });
}

}  // namespace

Expected<Tensor> maxPool(const Tensor& x, const PoolParams& params, Tensor* indices,
                         bool columnMajor, ThreadPool* pool) {
  auto g = geometry(x, params);
  if (!g) return g.error();
  int64_t planes = x.dims()[0] * x.dims()[1];
  std::vector<int64_t> dims = outDims(x, *g);
  Tensor idx;
  if (indices) idx = Tensor::zeros(DType::Int64, dims);
  int64_t* I = indices ? idx.mutableData<int64_t>() : nullptr;
  Tensor y;
  switch (x.dtype()) {
    case DType::Int8:
      y = Tensor::zeros(x.dtype(), dims);
      maxPoolPlanes(x.data<int8_t>(), y.mutableData<int8_t>(), I, planes, *g, columnMajor, pool);
      break;
    case DType::UInt8:
      y = Tensor::zeros(x.dtype(), dims);
      maxPoolPlanes(x.data<uint8_t>(), y.mutableData<uint8_t>(), I, planes, *g, columnMajor, pool);
      break;
    case DType::Float64:
      y = Tensor::zeros(x.dtype(), dims);
      maxPoolPlanes(x.data<double>(), y.mutableData<double>(), I, planes, *g, columnMajor, pool);
      break;
    case DType::Float32:
    case DType::Float16:
    case DType::BFloat16: {
      Tensor xf = toFloat32(x);
      y = Tensor::zeros(DType::Float32, dims);
      if (g->rank == 2 && !I)
        maxPool2d(xf.data<float>(), y.mutableData<float>(), planes, *g, pool);
      else
        maxPoolPlanes(xf.data<float>(), y.mutableData<float>(), I, planes, *g, columnMajor, pool);
      y = fromFloat32(y, x.dtype());
      break;
    }
    default:
      return makeError(ErrorCode::TypeMismatch,
                       "max pooling does not support " + std::string(dtypeName(x.dtype())));
  }
  if (indices) *indices = std::move(idx);
  return y;
}

Expected<Tensor> averagePool(const Tensor& x, const PoolParams& params, ThreadPool* pool) {
  if (!isFloatLike(x.dtype()))
    return makeError(ErrorCode::TypeMismatch, "average pooling needs a float tensor");
  auto g = geometry(x, params);
  if (!g) return g.error();
  Tensor xf = toFloat32(x);
  Tensor y = Tensor::zeros(DType::Float32, outDims(x, *g));
  int64_t planes = x.dims()[0] * x.dims()[1];
  int64_t inPlane = product(g->in, 0, g->rank), outPlane = product(g->out, 0, g->rank);
  const float* X = xf.data<float>();
  float* Y = y.mutableData<float>();
  parallelFor(pool, planes, 1, [&](int64_t begin, int64_t end) {
    for (int64_t p = begin; p < end; ++p) {
      const float* xp = X + p * inPlane;
      forEachWindow(*g, [&](int64_t j, const std::vector<int64_t>& taps, int64_t padded) {
        double sum = 0;
        for (int64_t t : taps) sum += xp[t];
        int64_t divisor = params.countIncludePad ? padded : static_cast<int64_t>(taps.size());
        Y[p * outPlane + j] =
            divisor > 0 ? static_cast<float>(sum / static_cast<double>(divisor)) : 0.0f;
      });
    }
  });
  return fromFloat32(y, x.dtype());
}

Expected<Tensor> lpPool(const Tensor& x, const PoolParams& params, double p, ThreadPool* pool) {
  if (!isFloatLike(x.dtype()))
    return makeError(ErrorCode::TypeMismatch, "Lp pooling needs a float tensor");
  auto g = geometry(x, params);
  if (!g) return g.error();
  Tensor xf = toFloat32(x);
  Tensor y = Tensor::zeros(DType::Float32, outDims(x, *g));
  int64_t planes = x.dims()[0] * x.dims()[1];
  int64_t inPlane = product(g->in, 0, g->rank), outPlane = product(g->out, 0, g->rank);
  const float* X = xf.data<float>();
  float* Y = y.mutableData<float>();
  parallelFor(pool, planes, 1, [&](int64_t begin, int64_t end) {
    for (int64_t q = begin; q < end; ++q) {
      const float* xp = X + q * inPlane;
      forEachWindow(*g, [&](int64_t j, const std::vector<int64_t>& taps, int64_t) {
        double sum = 0;
        for (int64_t t : taps) sum += std::pow(std::fabs(static_cast<double>(xp[t])), p);
        Y[q * outPlane + j] = static_cast<float>(std::pow(sum, 1.0 / p));
      });
    }
  });
  return fromFloat32(y, x.dtype());
}

Expected<Tensor> globalPool(const Tensor& x, GlobalPoolKind kind, double p, ThreadPool* pool) {
  if (x.rank() < 2)
    return makeError(ErrorCode::ShapeMismatch,
                     "global pooling needs [N,C,…], got " + dimsToString(x.dims()));
  if (!isFloatLike(x.dtype()))
    return makeError(ErrorCode::TypeMismatch, "global pooling needs a float tensor");
  std::vector<int64_t> dims = {x.dims()[0], x.dims()[1]};
  dims.resize(static_cast<size_t>(x.rank()), 1);
  Tensor xf = toFloat32(x);
  Tensor y = Tensor::zeros(DType::Float32, dims);
  int64_t planes = x.dims()[0] * x.dims()[1];
  int64_t plane = planes ? x.numel() / planes : 0;
  const float* X = xf.data<float>();
  float* Y = y.mutableData<float>();
  parallelFor(pool, planes, 4, [&](int64_t begin, int64_t end) {
    for (int64_t q = begin; q < end; ++q) {
      const float* xp = X + q * plane;
      if (kind == GlobalPoolKind::Max) {
        float best = -std::numeric_limits<float>::infinity();
        for (int64_t i = 0; i < plane; ++i) best = std::max(best, xp[i]);
        Y[q] = best;
      } else if (kind == GlobalPoolKind::Average) {
        double sum = 0;
        for (int64_t i = 0; i < plane; ++i) sum += xp[i];
        Y[q] = plane ? static_cast<float>(sum / static_cast<double>(plane)) : 0.0f;
      } else {
        double sum = 0;
        for (int64_t i = 0; i < plane; ++i)
          sum += std::pow(std::fabs(static_cast<double>(xp[i])), p);
        Y[q] = static_cast<float>(std::pow(sum, 1.0 / p));
      }
    }
  });
  return fromFloat32(y, x.dtype());
}

Expected<Tensor> maxUnpool(const Tensor& x, const Tensor& indices,
                           const std::vector<int64_t>& indexDims,
                           const std::vector<int64_t>& outputDims) {
  if (indices.numel() != x.numel())
    return makeError(ErrorCode::ShapeMismatch, "indices " + dimsToString(indices.dims()) +
                                                   " do not match input " + dimsToString(x.dims()));
  if (indexDims.size() != outputDims.size())
    return makeError(ErrorCode::ShapeMismatch,
                     "output_shape " + dimsToString(outputDims) + " has the wrong rank");
  Tensor y = Tensor::zeros(x.dtype(), outputDims);
  int64_t total = checkedNumel(indexDims);
  size_t size = dtypeSize(x.dtype());
  std::vector<int64_t> coord(indexDims.size());
  for (int64_t i = 0; i < x.numel(); ++i) {
    int64_t at = indices.elementAsInt64(i);
    if (at < 0 || at >= total)
      return makeError(ErrorCode::InvalidArgument, "index " + std::to_string(at) +
                                                       " is outside the unpooled shape " +
                                                       dimsToString(indexDims));
    for (size_t d = indexDims.size(); d-- > 0;) {
      coord[d] = at % indexDims[d];
      at /= indexDims[d];
    }
    int64_t to = 0;
    bool inside = true;
    for (size_t d = 0; d < outputDims.size(); ++d) {
      if (coord[d] >= outputDims[d]) inside = false;
      to = to * outputDims[d] + coord[d];
    }
    if (inside)
      std::memcpy(y.mutableBytes() + static_cast<size_t>(to) * size,
                  x.bytes() + static_cast<size_t>(i) * size, size);
  }
  return y;
}

}  // namespace mb::exec::nn
