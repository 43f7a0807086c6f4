// Unary elementwise ops and where(); see elementwise.h.
#include <cmath>
#include <limits>
#include <numbers>
#include <type_traits>

#include "exec/primitives/broadcast.h"
#include "exec/primitives/cast.h"
#include "exec/primitives/dispatch.h"
#include "exec/primitives/elementwise.h"

namespace mb::exec::prim {
namespace {

template <typename T, typename R, typename F>
void mapElements(const Tensor& x, Tensor& out, ThreadPool* pool, F f) {
  const T* src = x.data<T>();
  R* dst = out.mutableData<R>();
  parallelFor(pool, x.numel(), int64_t{1} << 14, [&](int64_t begin, int64_t end) {
    for (int64_t i = begin; i < end; ++i) dst[i] = f(src[i]);
  });
}

template <typename T>
T sigmoid(T v) {
  if (v >= 0) return T(1) / (T(1) + std::exp(-v));
  const T e = std::exp(v);
  return e / (T(1) + e);
}
template <typename T>
T softplus(T v) {
  // log(1 + e^v) without overflow for large v.
  return std::log1p(std::exp(-std::abs(v))) + std::max(v, T(0));
}

template <typename T>
bool floatUnary(UnaryOp op, const Tensor& x, Tensor& out, const UnaryParams& p, ThreadPool* pool) {
  const T alpha = static_cast<T>(p.alpha), beta = static_cast<T>(p.beta),
          gamma = static_cast<T>(p.gamma);
  auto map = [&](auto f) { mapElements<T, T>(x, out, pool, f); };
  switch (op) {
    case UnaryOp::Identity:
      map([](T v) { return v; });
      return true;
    case UnaryOp::Neg:
      map([](T v) { return -v; });
      return true;
    case UnaryOp::Abs:
      map([](T v) { return std::abs(v); });
      return true;
    case UnaryOp::Sign:
      map([](T v) { return v > 0 ? T(1) : (v < 0 ? T(-1) : v); });
      return true;
    case UnaryOp::Reciprocal:
      map([](T v) { return T(1) / v; });
      return true;
    case UnaryOp::Sqrt:
      map([](T v) { return std::sqrt(v); });
      return true;
    case UnaryOp::Rsqrt:
      map([](T v) { return T(1) / std::sqrt(v); });
      return true;
    case UnaryOp::Exp:
      map([](T v) { return std::exp(v); });
      return true;
    case UnaryOp::Log:
      map([](T v) { return std::log(v); });
      return true;
    case UnaryOp::Floor:
      map([](T v) { return std::floor(v); });
      return true;
    case UnaryOp::Ceil:
      map([](T v) { return std::ceil(v); });
      return true;
    case UnaryOp::Round:
      map([](T v) { return std::nearbyint(v); });
      return true;
    case UnaryOp::Erf:
      map([](T v) { return std::erf(v); });
      return true;
    case UnaryOp::Sin:
      map([](T v) { return std::sin(v); });
      return true;
    case UnaryOp::Cos:
      map([](T v) { return std::cos(v); });
      return true;
    case UnaryOp::Tan:
      map([](T v) { return std::tan(v); });
      return true;
    case UnaryOp::Asin:
      map([](T v) { return std::asin(v); });
      return true;
    case UnaryOp::Acos:
      map([](T v) { return std::acos(v); });
      return true;
    case UnaryOp::Atan:
      map([](T v) { return std::atan(v); });
      return true;
    case UnaryOp::Sinh:
      map([](T v) { return std::sinh(v); });
      return true;
    case UnaryOp::Cosh:
      map([](T v) { return std::cosh(v); });
      return true;
    case UnaryOp::Asinh:
      map([](T v) { return std::asinh(v); });
      return true;
    case UnaryOp::Acosh:
      map([](T v) { return std::acosh(v); });
      return true;
    case UnaryOp::Atanh:
      map([](T v) { return std::atanh(v); });
      return true;
    case UnaryOp::Relu:
      map([](T v) { return v < 0 ? T(0) : v; });
      return true;
    case UnaryOp::Sigmoid:
      map(sigmoid<T>);
      return true;
    case UnaryOp::Tanh:
      map([](T v) { return std::tanh(v); });
      return true;
    case UnaryOp::Softplus:
      map(softplus<T>);
      return true;
    case UnaryOp::Softsign:
      map([](T v) { return v / (T(1) + std::abs(v)); });
      return true;
    case UnaryOp::Mish:
      map([](T v) { return v * std::tanh(softplus(v)); });
      return true;
    case UnaryOp::GeluErf:
      map([](T v) { return T(0.5) * v * (T(1) + std::erf(v * T(std::numbers::sqrt2 / 2))); });
      return true;
    case UnaryOp::GeluTanh:
      map([](T v) {
        const T k = T(std::sqrt(2.0 / std::numbers::pi));
        return T(0.5) * v * (T(1) + std::tanh(k * (v + T(0.044715) * v * v * v)));
      });
      return true;
    case UnaryOp::Swish:
      map([](T v) { return v * sigmoid(v); });
      return true;
    case UnaryOp::LeakyRelu:
      map([=](T v) { return v < 0 ? alpha * v : v; });
      return true;
    case UnaryOp::Elu:
      map([=](T v) { return v < 0 ? alpha * (std::exp(v) - T(1)) : v; });
      return true;
    case UnaryOp::Selu:
      map([=](T v) { return v <= 0 ? gamma * (alpha * std::exp(v) - alpha) : gamma * v; });
      return true;
    case UnaryOp::Celu:
      map([=](T v) {
        return std::max(T(0), v) + std::min(T(0), alpha * (std::exp(v / alpha) - T(1)));
      });
      return true;
    case UnaryOp::ThresholdedRelu:
      map([=](T v) { return v > alpha ? v : T(0); });
      return true;
    case UnaryOp::HardSigmoid:
      map([=](T v) { return std::max(T(0), std::min(T(1), alpha * v + beta)); });
      return true;
    case UnaryOp::HardSwish:
      map([](T v) { return v * std::max(T(0), std::min(T(1), v / T(6) + T(0.5))); });
      return true;
    case UnaryOp::Shrink:
      map([=](T v) { return v < -alpha ? v + beta : (v > alpha ? v - beta : T(0)); });
      return true;
    case UnaryOp::Clip: {
      const T lo = p.alpha == -INFINITY ? -std::numeric_limits<T>::infinity() : alpha;
      const T hi = p.beta == INFINITY ? std::numeric_limits<T>::infinity() : beta;
      map([=](T v) { return v < lo ? lo : (v > hi ? hi : v); });
      return true;
    }
    case UnaryOp::IsNaN:
      mapElements<T, bool>(x, out, pool, [](T v) { return std::isnan(v); });
      return true;
    case UnaryOp::IsInf: {
      const bool pos = p.alpha != 0, neg = p.beta != 0;
      mapElements<T, bool>(
          x, out, pool, [=](T v) { return std::isinf(v) && ((v > 0 && pos) || (v < 0 && neg)); });
      return true;
    }
    default:
      return false;
  }
}

template <typename T>
T clampedBound(double bound) {
  if (bound <= static_cast<double>(std::numeric_limits<T>::lowest()))
    return std::numeric_limits<T>::lowest();
  if (bound >= static_cast<double>(std::numeric_limits<T>::max()))
    return std::numeric_limits<T>::max();
  return static_cast<T>(bound);
}

template <typename T>
bool integerUnary(UnaryOp op, const Tensor& x, Tensor& out, const UnaryParams& p,
                  ThreadPool* pool) {
  auto map = [&](auto f) { mapElements<T, T>(x, out, pool, f); };
  switch (op) {
    case UnaryOp::Identity:
      map([](T v) { return v; });
      return true;
    case UnaryOp::Neg:
      map([](T v) {
        using U = std::make_unsigned_t<T>;
        return static_cast<T>(U{0} - static_cast<U>(v));
      });
      return true;
    case UnaryOp::Abs:
      if constexpr (std::is_signed_v<T>)
        map([](T v) { return v < 0 ? static_cast<T>(0 - v) : v; });
      else
        map([](T v) { return v; });
      return true;
    case UnaryOp::Sign:
      if constexpr (std::is_signed_v<T>)
        map([](T v) { return static_cast<T>((v > 0) - (v < 0)); });
      else
        map([](T v) { return static_cast<T>(v > 0); });
      return true;
    case UnaryOp::Relu:
      if constexpr (std::is_signed_v<T>)
        map([](T v) { return v < 0 ? T(0) : v; });
      else
        map([](T v) { return v; });
      return true;
    case UnaryOp::Clip: {
      const T lo = clampedBound<T>(p.alpha), hi = clampedBound<T>(p.beta);
      map([=](T v) { return v < lo ? lo : (v > hi ? hi : v); });
      return true;
    }
    case UnaryOp::BitwiseNot:
      map([](T v) { return static_cast<T>(~v); });
      return true;
    case UnaryOp::IsNaN:
      mapElements<T, bool>(x, out, pool, [](T) { return false; });
      return true;
    case UnaryOp::IsInf:
      mapElements<T, bool>(x, out, pool, [](T) { return false; });
      return true;
    default:
      return false;
  }
}

bool yieldsBool(UnaryOp op) {
  return op == UnaryOp::IsNaN || op == UnaryOp::IsInf || op == UnaryOp::Not;
}

}  // namespace

Expected<Tensor> unary(UnaryOp op, const Tensor& x, const UnaryParams& params, ThreadPool* pool) {
  if (op == UnaryOp::Identity) return x;  // tensors share bytes; nothing writes in place
  if (isHalfLike(x.dtype())) {
    auto r = unary(op, widenHalf(x), params, pool);
    if (!r || r->dtype() != DType::Float32) return r;
    return narrowTo(*r, x.dtype());
  }
  Tensor out = Tensor::zeros(yieldsBool(op) ? DType::Bool : x.dtype(), x.dims());
  bool done = false;
  if (x.dtype() == DType::Bool) {
    if (op == UnaryOp::Not) {
      mapElements<bool, bool>(x, out, pool, [](bool v) { return !v; });
      done = true;
    } else if (op == UnaryOp::Identity) {
      return x;
    }
  } else if (op != UnaryOp::Not) {
    dispatchNumeric(x.dtype(), [&](auto tag) {
      using T = decltype(tag);
      if constexpr (std::is_floating_point_v<T>)
        done = floatUnary<T>(op, x, out, params, pool);
      else if constexpr (!std::is_same_v<T, bool>)
        done = integerUnary<T>(op, x, out, params, pool);
    });
  }
  if (!done)
    return makeError(ErrorCode::TypeMismatch, std::string(unaryOpName(op)) +
                                                  " is not defined for " +
                                                  std::string(dtypeName(x.dtype())) + " input");
  return out;
}

Expected<Tensor> where(const Tensor& cond, const Tensor& a, const Tensor& b, ThreadPool* pool) {
  if (cond.dtype() != DType::Bool)
    return makeError(ErrorCode::TypeMismatch,
                     "condition must be bool, got " + std::string(dtypeName(cond.dtype())));
  if (a.dtype() != b.dtype())
    return makeError(ErrorCode::TypeMismatch,
                     "branches differ in type: " + std::string(dtypeName(a.dtype())) + " and " +
                         std::string(dtypeName(b.dtype())));
  auto outDims = broadcastShapes({cond.dims(), a.dims(), b.dims()});
  if (!outDims) return outDims.error();
  Tensor out = Tensor::zeros(a.dtype(), *outDims);
  const std::array<std::vector<int64_t>, 3> strides{broadcastStrides(cond.dims(), *outDims),
                                                    broadcastStrides(a.dims(), *outDims),
                                                    broadcastStrides(b.dims(), *outDims)};
  const bool ok = dispatchBySize(dtypeSize(a.dtype()), [&](auto tag) {
    using T = decltype(tag);
    const bool* C = cond.data<bool>();
    const T* A = a.data<T>();
    const T* B = b.data<T>();
    T* O = out.mutableData<T>();
    forEachBroadcastRun<3>(
        *outDims, strides,
        [&](const auto& off, const auto& st, int64_t n, int64_t o) {
          for (int64_t i = 0; i < n; ++i)
            O[o + i] = C[off[0] + i * st[0]] ? A[off[1] + i * st[1]] : B[off[2] + i * st[2]];
        },
        pool);
  });
  if (!ok)
    return makeError(ErrorCode::TypeMismatch,
                     "where() does not support " + std::string(dtypeName(a.dtype())));
  return out;
}

const char* unaryOpName(UnaryOp op) {
  static const char* const names[] = {"Identity",    "Neg",
                                      "Abs",         "Sign",
                                      "Reciprocal",  "Sqrt",
                                      "Rsqrt",       "Exp",
                                      "Log",         "Floor",
                                      "Ceil",        "Round",
                                      "Erf",         "Sin",
                                      "Cos",         "Tan",
                                      "Asin",        "Acos",
                                      "Atan",        "Sinh",
                                      "Cosh",        "Asinh",
                                      "Acosh",       "Atanh",
                                      "Relu",        "Sigmoid",
                                      "Tanh",        "Softplus",
                                      "Softsign",    "Mish",
                                      "GeluErf",     "GeluTanh",
                                      "Swish",       "LeakyRelu",
                                      "Elu",         "Selu",
                                      "Celu",        "ThresholdedRelu",
                                      "HardSigmoid", "HardSwish",
                                      "Shrink",      "Clip",
                                      "Not",         "BitwiseNot",
                                      "IsNaN",       "IsInf"};
  const auto i = static_cast<size_t>(op);
  return i < std::size(names) ? names[i] : "?";
}

}  // namespace mb::exec::prim
