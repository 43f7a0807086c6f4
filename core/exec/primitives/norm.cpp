#include "exec/primitives/norm.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "exec/primitives/nn_util.h"
#include "exec/thread_pool.h"

namespace mb::exec::nn {
namespace {

Status checkChannelVector(const Tensor& t, int64_t channels, const char* what) {
  if (t.numel() != channels)
    return makeError(ErrorCode::ShapeMismatch, std::string(what) + " has " +
                                                   std::to_string(t.numel()) + " values for " +
                                                   std::to_string(channels) + " channels");
  return Status::ok();
}

}  // namespace

Expected<Tensor> batchNorm(const Tensor& x, const Tensor& scale, const Tensor& bias,
                           const Tensor& mean, const Tensor& var, double epsilon,
                           ThreadPool* pool) {
  if (x.rank() < 2)
    return makeError(ErrorCode::ShapeMismatch,
                     "batch norm needs [N,C,…], got " + dimsToString(x.dims()));
  int64_t C = x.dims()[1];
  MB_TRY(checkChannelVector(scale, C, "scale"));
  MB_TRY(checkChannelVector(bias, C, "bias"));
  MB_TRY(checkChannelVector(mean, C, "mean"));
  MB_TRY(checkChannelVector(var, C, "var"));
  Tensor xf = toFloat32(x);
  std::vector<float> a(static_cast<size_t>(C)), b(static_cast<size_t>(C));
  for (int64_t c = 0; c < C; ++c) {
    double inv = 1.0 / std::sqrt(var.elementAsDouble(c) + epsilon);
    a[static_cast<size_t>(c)] = static_cast<float>(scale.elementAsDouble(c) * inv);
    b[static_cast<size_t>(c)] = static_cast<float>(
        bias.elementAsDouble(c) - mean.elementAsDouble(c) * scale.elementAsDouble(c) * inv);
  }
  Tensor y = Tensor::zeros(DType::Float32, x.dims());
  int64_t inner = product(x.dims(), 2, x.dims().size());
  const float* X = xf.data<float>();
  float* Y = y.mutableData<float>();
  parallelFor(pool, x.dims()[0] * C, 4, [&](int64_t begin, int64_t end) {
    for (int64_t nc = begin; nc < end; ++nc) {
      float s = a[static_cast<size_t>(nc % C)], t = b[static_cast<size_t>(nc % C)];
      for (int64_t i = 0; i < inner; ++i) Y[nc * inner + i] = X[nc * inner + i] * s + t;
    }
  });
  return fromFloat32(y, x.dtype());
}

Expected<Tensor> batchNormTraining(const Tensor& x, const Tensor& scale, const Tensor& bias,
                                   double epsilon, Tensor& batchMean, Tensor& batchVar) {
  if (x.rank() < 2) return makeError(ErrorCode::ShapeMismatch, "batch norm needs [N,C,…]");
  int64_t N = x.dims()[0], C = x.dims()[1], inner = product(x.dims(), 2, x.dims().size());
  MB_TRY(checkChannelVector(scale, C, "scale"));
  MB_TRY(checkChannelVector(bias, C, "bias"));
  Tensor xf = toFloat32(x);
  const float* X = xf.data<float>();
  batchMean = Tensor::zeros(DType::Float32, {C});
  batchVar = Tensor::zeros(DType::Float32, {C});
  Tensor y = Tensor::zeros(DType::Float32, x.dims());
  for (int64_t c = 0; c < C; ++c) {
    double sum = 0, sq = 0;
    for (int64_t n = 0; n < N; ++n)
      for (int64_t i = 0; i < inner; ++i) sum += X[(n * C + c) * inner + i];
    double count = static_cast<double>(N * inner);
    double m = sum / count;
    for (int64_t n = 0; n < N; ++n)
      for (int64_t i = 0; i < inner; ++i) {
        double d = X[(n * C + c) * inner + i] - m;
        sq += d * d;
      }
    double v = sq / count;
    batchMean.mutableData<float>()[c] = static_cast<float>(m);
    batchVar.mutableData<float>()[c] = static_cast<float>(v);
    double inv = 1.0 / std::sqrt(v + epsilon);
    for (int64_t n = 0; n < N; ++n)
      for (int64_t i = 0; i < inner; ++i) {
        int64_t at = (n * C + c) * inner + i;
        y.mutableData<float>()[at] = static_cast<float>(
            (X[at] - m) * inv * scale.elementAsDouble(c) + bias.elementAsDouble(c));
      }
  }
  return fromFloat32(y, x.dtype());
}

Expected<Tensor> instanceNorm(const Tensor& x, const Tensor& scale, const Tensor& bias,
                              double epsilon, ThreadPool* pool) {
  if (x.rank() < 2) return makeError(ErrorCode::ShapeMismatch, "instance norm needs [N,C,…]");
  int64_t C = x.dims()[1], inner = product(x.dims(), 2, x.dims().size());
  MB_TRY(checkChannelVector(scale, C, "scale"));
  MB_TRY(checkChannelVector(bias, C, "bias"));
  Tensor xf = toFloat32(x);
  Tensor y = Tensor::zeros(DType::Float32, x.dims());
  const float* X = xf.data<float>();
  float* Y = y.mutableData<float>();
  parallelFor(pool, x.dims()[0] * C, 1, [&](int64_t begin, int64_t end) {
    for (int64_t nc = begin; nc < end; ++nc) {
      const float* xp = X + nc * inner;
      double sum = 0, sq = 0;
      for (int64_t i = 0; i < inner; ++i) sum += xp[i];
      double m = inner ? sum / static_cast<double>(inner) : 0.0;
      for (int64_t i = 0; i < inner; ++i) sq += (xp[i] - m) * (xp[i] - m);
      double inv = 1.0 / std::sqrt((inner ? sq / static_cast<double>(inner) : 0.0) + epsilon);
      double s = scale.elementAsDouble(nc % C) * inv, t = bias.elementAsDouble(nc % C);
      for (int64_t i = 0; i < inner; ++i)
        Y[nc * inner + i] = static_cast<float>((xp[i] - m) * s + t);
    }
  });
  return fromFloat32(y, x.dtype());
}

Expected<Tensor> layerNorm(const Tensor& x, const Tensor& scale, const Tensor* bias, int64_t axis,
                           double epsilon, Tensor* mean, Tensor* invStdDev, ThreadPool* pool) {
  auto rank = static_cast<size_t>(x.rank());
  if (axis < 0 || static_cast<size_t>(axis) >= std::max<size_t>(rank, 1))
    return makeError(ErrorCode::InvalidModel,
                     "axis " + std::to_string(axis) + " is outside " + dimsToString(x.dims()));
  int64_t outer = product(x.dims(), 0, static_cast<size_t>(axis));
  int64_t inner = product(x.dims(), static_cast<size_t>(axis), rank);
  // scale / bias broadcast to the normalised dims (right-aligned); usually they are exactly them.
  auto expandToInner = [&](const Tensor& t, const char* what) -> Expected<std::vector<float>> {
    std::vector<float> out(static_cast<size_t>(inner));
    if (t.numel() == inner) {
      for (int64_t i = 0; i < inner; ++i)
        out[static_cast<size_t>(i)] = static_cast<float>(t.elementAsDouble(i));
      return out;
    }
    if (t.numel() == 1) {
      std::fill(out.begin(), out.end(), static_cast<float>(t.elementAsDouble(0)));
      return out;
    }
    int64_t last = rank ? x.dims().back() : 1;
    if (t.numel() == last) {
      for (int64_t i = 0; i < inner; ++i)
        out[static_cast<size_t>(i)] = static_cast<float>(t.elementAsDouble(i % last));
      return out;
    }
    return makeError(ErrorCode::ShapeMismatch, std::string(what) + " " + dimsToString(t.dims()) +
                                                   " does not match the normalised dims of " +
                                                   dimsToString(x.dims()));
  };
  auto s = expandToInner(scale, "scale");
  if (!s) return s.error();
  std::vector<float> b(static_cast<size_t>(inner), 0.0f);
  if (bias) {
    auto bb = expandToInner(*bias, "bias");
    if (!bb) return bb.error();
    b = std::move(*bb);
  }
  Tensor xf = toFloat32(x);
  Tensor y = Tensor::zeros(DType::Float32, x.dims());
  std::vector<int64_t> statDims(x.dims().begin(), x.dims().begin() + axis);
  statDims.resize(rank, 1);
  Tensor meanT = Tensor::zeros(DType::Float32, statDims),
         invT = Tensor::zeros(DType::Float32, statDims);
  const float* X = xf.data<float>();
  float* Y = y.mutableData<float>();
  parallelFor(pool, outer, 1, [&](int64_t begin, int64_t end) {
    for (int64_t o = begin; o < end; ++o) {
      const float* xp = X + o * inner;
      double sum = 0, sq = 0;
      for (int64_t i = 0; i < inner; ++i) sum += xp[i];
      double m = sum / static_cast<double>(inner);
      for (int64_t i = 0; i < inner; ++i) sq += (xp[i] - m) * (xp[i] - m);
      double inv = 1.0 / std::sqrt(sq / static_cast<double>(inner) + epsilon);
      meanT.mutableData<float>()[o] = static_cast<float>(m);
      invT.mutableData<float>()[o] = static_cast<float>(inv);
      float* yp = Y + o * inner;
      for (int64_t i = 0; i < inner; ++i)
        yp[i] = static_cast<float>((xp[i] - m) * inv) * s->at(static_cast<size_t>(i)) +
                b[static_cast<size_t>(i)];
    }
  });
  if (mean) *mean = meanT;
  if (invStdDev) *invStdDev = invT;
  return fromFloat32(y, x.dtype());
}

Expected<Tensor> groupNorm(const Tensor& x, const Tensor& scale, const Tensor& bias, int64_t groups,
                           double epsilon, ThreadPool* pool) {
  if (x.rank() < 2) return makeError(ErrorCode::ShapeMismatch, "group norm needs [N,C,…]");
  int64_t N = x.dims()[0], C = x.dims()[1], inner = product(x.dims(), 2, x.dims().size());
  if (groups <= 0 || C % groups != 0)
    return makeError(ErrorCode::InvalidModel, std::to_string(C) + " channels do not split into " +
                                                  std::to_string(groups) + " groups");
  bool perGroup = scale.numel() == groups && groups != C;
  if (!perGroup) MB_TRY(checkChannelVector(scale, C, "scale"));
  if (!perGroup) MB_TRY(checkChannelVector(bias, C, "bias"));
  Tensor xf = toFloat32(x);
  Tensor y = Tensor::zeros(DType::Float32, x.dims());
  int64_t per = C / groups * inner;
  const float* X = xf.data<float>();
  float* Y = y.mutableData<float>();
  parallelFor(pool, N * groups, 1, [&](int64_t begin, int64_t end) {
    for (int64_t ng = begin; ng < end; ++ng) {
      const float* xp = X + ng * per;
      double sum = 0, sq = 0;
      for (int64_t i = 0; i < per; ++i) sum += xp[i];
      double m = sum / static_cast<double>(per);
      for (int64_t i = 0; i < per; ++i) sq += (xp[i] - m) * (xp[i] - m);
      double inv = 1.0 / std::sqrt(sq / static_cast<double>(per) + epsilon);
      int64_t g = ng % groups;
      for (int64_t i = 0; i < per; ++i) {
        int64_t c = g * (C / groups) + i / inner;
        int64_t at = perGroup ? g : c;
        Y[ng * per + i] = static_cast<float>((xp[i] - m) * inv * scale.elementAsDouble(at) +
                                             bias.elementAsDouble(at));
      }
    }
  });
  return fromFloat32(y, x.dtype());
}

Expected<Tensor> lrn(const Tensor& x, int64_t size, double alpha, double beta, double bias) {
  if (x.rank() < 2) return makeError(ErrorCode::ShapeMismatch, "LRN needs [N,C,…]");
  if (size <= 0) return makeError(ErrorCode::InvalidModel, "LRN size must be positive");
  int64_t N = x.dims()[0], C = x.dims()[1], inner = product(x.dims(), 2, x.dims().size());
  Tensor xf = toFloat32(x);
  Tensor y = Tensor::zeros(DType::Float32, x.dims());
  const float* X = xf.data<float>();
  int64_t before = (size - 1) / 2, after = size - 1 - before;
  for (int64_t n = 0; n < N; ++n)
    for (int64_t c = 0; c < C; ++c)
      for (int64_t i = 0; i < inner; ++i) {
        double sq = 0;
        for (int64_t k = std::max<int64_t>(0, c - before); k <= std::min(C - 1, c + after); ++k) {
          double v = X[(n * C + k) * inner + i];
          sq += v * v;
        }
        int64_t at = (n * C + c) * inner + i;
        y.mutableData<float>()[at] = static_cast<float>(
            X[at] / std::pow(bias + alpha / static_cast<double>(size) * sq, beta));
      }
  return fromFloat32(y, x.dtype());
}

Expected<Tensor> softmax(const Tensor& x, int64_t axis, SoftmaxKind kind, ThreadPool* pool) {
  auto rank = static_cast<size_t>(x.rank());
  if (rank == 0) return makeError(ErrorCode::ShapeMismatch, "softmax needs a tensor of rank ≥ 1");
  if (axis < 0 || static_cast<size_t>(axis) >= rank)
    return makeError(ErrorCode::InvalidModel,
                     "axis " + std::to_string(axis) + " is outside " + dimsToString(x.dims()));
  if (!isFloatLike(x.dtype()))
    return makeError(ErrorCode::TypeMismatch, "softmax needs a float tensor");
  int64_t outer = product(x.dims(), 0, static_cast<size_t>(axis));
  int64_t n = x.dims()[static_cast<size_t>(axis)];
  int64_t inner = product(x.dims(), static_cast<size_t>(axis) + 1, rank);
  Tensor xf = toFloat32(x);
  Tensor y = Tensor::zeros(DType::Float32, x.dims());
  const float* X = xf.data<float>();
  float* Y = y.mutableData<float>();
  parallelFor(pool, outer * inner, 64, [&](int64_t begin, int64_t end) {
    for (int64_t oi = begin; oi < end; ++oi) {
      int64_t o = oi / inner, i = oi % inner;
      const float* xp = X + o * n * inner + i;
      float* yp = Y + o * n * inner + i;
      float best = -std::numeric_limits<float>::infinity();
      int64_t bestAt = 0;
      for (int64_t k = 0; k < n; ++k)
        if (xp[k * inner] > best) {
          best = xp[k * inner];
          bestAt = k;
        }
      if (kind == SoftmaxKind::Hardmax) {
        for (int64_t k = 0; k < n; ++k) yp[k * inner] = k == bestAt ? 1.0f : 0.0f;
        continue;
      }
      double sum = 0;
      for (int64_t k = 0; k < n; ++k) sum += std::exp(static_cast<double>(xp[k * inner] - best));
      if (kind == SoftmaxKind::Softmax) {
        float inv = static_cast<float>(1.0 / sum);
        for (int64_t k = 0; k < n; ++k) yp[k * inner] = std::exp(xp[k * inner] - best) * inv;
      } else {
        float logSum = static_cast<float>(std::log(sum));
        for (int64_t k = 0; k < n; ++k) yp[k * inner] = xp[k * inner] - best - logSum;
      }
    }
  });
  return fromFloat32(y, x.dtype());
}

}  // namespace mb::exec::nn
