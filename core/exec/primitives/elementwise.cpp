#include "exec/primitives/elementwise.h"

#include <cmath>
#include <limits>
#include <type_traits>

#include "exec/primitives/broadcast.h"
#include "exec/primitives/cast.h"
#include "exec/primitives/dispatch.h"

namespace mb::exec::prim {
namespace {

template <typename T, typename R, typename F>
void runBinary(const Tensor& a, const Tensor& b, Tensor& out, ThreadPool* pool, F f) {
  const auto& od = out.dims();
  const std::array<std::vector<int64_t>, 2> strides{broadcastStrides(a.dims(), od),
                                                    broadcastStrides(b.dims(), od)};
  const T* A = a.data<T>();
  const T* B = b.data<T>();
  R* O = out.mutableData<R>();
  forEachBroadcastRun<2>(
      od, strides,
      [&](const auto& off, const auto& st, int64_t n, int64_t o) {
        const T* pa = A + off[0];
        const T* pb = B + off[1];
        R* po = O + o;
        // The common shapes of transformer graphs: same shape, tensor ⊕ scalar, scalar ⊕ tensor.
        if (st[0] == 1 && st[1] == 1) {
          for (int64_t i = 0; i < n; ++i) po[i] = f(pa[i], pb[i]);
        } else if (st[0] == 1 && st[1] == 0) {
          const T vb = *pb;
          for (int64_t i = 0; i < n; ++i) po[i] = f(pa[i], vb);
        } else if (st[0] == 0 && st[1] == 1) {
          const T va = *pa;
          for (int64_t i = 0; i < n; ++i) po[i] = f(va, pb[i]);
        } else {
          for (int64_t i = 0; i < n; ++i) po[i] = f(pa[i * st[0]], pb[i * st[1]]);
        }
      },
      pool);
}

template <typename T>
T wrapAdd(T x, T y) {
  if constexpr (std::is_integral_v<T>) {
    using U = std::make_unsigned_t<T>;
    return static_cast<T>(static_cast<U>(static_cast<U>(x) + static_cast<U>(y)));
  } else {
    return x + y;
  }
}
template <typename T>
T wrapSub(T x, T y) {
  if constexpr (std::is_integral_v<T>) {
    using U = std::make_unsigned_t<T>;
    return static_cast<T>(static_cast<U>(static_cast<U>(x) - static_cast<U>(y)));
  } else {
    return x - y;
  }
}
template <typename T>
T wrapMul(T x, T y) {
  if constexpr (std::is_integral_v<T>) {
    using U = std::make_unsigned_t<T>;
    // Promote small types so unsigned short * unsigned short cannot overflow int.
    using W = std::conditional_t<(sizeof(T) < sizeof(unsigned)), unsigned, U>;
    return static_cast<T>(static_cast<W>(static_cast<U>(x)) * static_cast<W>(static_cast<U>(y)));
  } else {
    return x * y;
  }
}
template <typename T>
T safeDiv(T x, T y) {
  if constexpr (std::is_integral_v<T>) {
    if (y == 0) return 0;
    if constexpr (std::is_signed_v<T>)
      if (x == std::numeric_limits<T>::lowest() && y == -1) return x;
    return static_cast<T>(x / y);
  } else {
    return x / y;
  }
}
template <typename T>
T cRemainder(T x, T y) {
  if constexpr (std::is_integral_v<T>) {
    if (y == 0) return 0;
    if constexpr (std::is_signed_v<T>)
      if (y == -1) return 0;
    return static_cast<T>(x % y);
  } else {
    return std::fmod(x, y);
  }
}
template <typename T>
T pyMod(T x, T y) {
  T r = cRemainder(x, y);
  if constexpr (std::is_signed_v<T> || std::is_floating_point_v<T>)
    if (r != 0 && ((r < 0) != (y < 0))) r = static_cast<T>(r + y);
  return r;
}
template <typename T>
T power(T x, T y) {
  if constexpr (std::is_same_v<T, float>)
    return std::pow(x, y);
  else
    return static_cast<T>(std::pow(static_cast<double>(x), static_cast<double>(y)));
}
template <typename T>
T maxOf(T x, T y) {
  if constexpr (std::is_floating_point_v<T>)
    if (std::isnan(x)) return x;
  return x > y ? x : y;
}
template <typename T>
T minOf(T x, T y) {
  if constexpr (std::is_floating_point_v<T>)
    if (std::isnan(x)) return x;
  return x < y ? x : y;
}

bool isComparison(BinaryOp op) {
  return op == BinaryOp::Equal || op == BinaryOp::Less || op == BinaryOp::LessEqual ||
         op == BinaryOp::Greater || op == BinaryOp::GreaterEqual;
}
bool isLogical(BinaryOp op) {
  return op == BinaryOp::And || op == BinaryOp::Or || op == BinaryOp::Xor;
}
bool isBitwise(BinaryOp op) {
  return op == BinaryOp::BitShiftLeft || op == BinaryOp::BitShiftRight ||
         op == BinaryOp::BitwiseAnd || op == BinaryOp::BitwiseOr || op == BinaryOp::BitwiseXor;
}

template <typename T>
Status binaryTyped(BinaryOp op, const Tensor& a, const Tensor& b, Tensor& out, ThreadPool* pool) {
  using B = bool;
  switch (op) {
    case BinaryOp::Equal:
      runBinary<T, B>(a, b, out, pool, [](T x, T y) { return x == y; });
      return {};
    case BinaryOp::Less:
      runBinary<T, B>(a, b, out, pool, [](T x, T y) { return x < y; });
      return {};
    case BinaryOp::LessEqual:
      runBinary<T, B>(a, b, out, pool, [](T x, T y) { return x <= y; });
      return {};
    case BinaryOp::Greater:
      runBinary<T, B>(a, b, out, pool, [](T x, T y) { return x > y; });
      return {};
    case BinaryOp::GreaterEqual:
      runBinary<T, B>(a, b, out, pool, [](T x, T y) { return x >= y; });
      return {};
    default:
      break;
  }
  if constexpr (std::is_same_v<T, bool>) {
    switch (op) {
      case BinaryOp::And:
        runBinary<T, B>(a, b, out, pool, [](T x, T y) { return x && y; });
        return {};
      case BinaryOp::Or:
        runBinary<T, B>(a, b, out, pool, [](T x, T y) { return x || y; });
        return {};
      case BinaryOp::Xor:
        runBinary<T, B>(a, b, out, pool, [](T x, T y) { return x != y; });
        return {};
      default:
        break;
    }
  } else {
    if constexpr (std::is_integral_v<T>) {
      constexpr uint64_t bits = sizeof(T) * 8;
      using U = std::make_unsigned_t<T>;
      switch (op) {
        case BinaryOp::BitShiftLeft:
          runBinary<T, T>(a, b, out, pool, [](T x, T y) {
            const auto shift = static_cast<uint64_t>(y);  // negative → huge → 0
            return shift >= bits ? T{0} : static_cast<T>(static_cast<U>(x) << shift);
          });
          return {};
        case BinaryOp::BitShiftRight:
          runBinary<T, T>(a, b, out, pool, [](T x, T y) {
            const auto shift = static_cast<uint64_t>(y);
            return shift >= bits ? T{0} : static_cast<T>(static_cast<U>(x) >> shift);
          });
          return {};
        case BinaryOp::BitwiseAnd:
          runBinary<T, T>(a, b, out, pool, [](T x, T y) { return T(x & y); });
          return {};
        case BinaryOp::BitwiseOr:
          runBinary<T, T>(a, b, out, pool, [](T x, T y) { return T(x | y); });
          return {};
        case BinaryOp::BitwiseXor:
          runBinary<T, T>(a, b, out, pool, [](T x, T y) { return T(x ^ y); });
          return {};
        default:
          break;
      }
    }
    switch (op) {
      case BinaryOp::Add:
        runBinary<T, T>(a, b, out, pool, wrapAdd<T>);
        return {};
      case BinaryOp::Sub:
        runBinary<T, T>(a, b, out, pool, wrapSub<T>);
        return {};
      case BinaryOp::Mul:
        runBinary<T, T>(a, b, out, pool, wrapMul<T>);
        return {};
      case BinaryOp::Div:
        runBinary<T, T>(a, b, out, pool, safeDiv<T>);
        return {};
      case BinaryOp::Pow:
        runBinary<T, T>(a, b, out, pool, power<T>);
        return {};
      case BinaryOp::Fmod:
        runBinary<T, T>(a, b, out, pool, cRemainder<T>);
        return {};
      case BinaryOp::Mod:
        runBinary<T, T>(a, b, out, pool, pyMod<T>);
        return {};
      case BinaryOp::Max:
        runBinary<T, T>(a, b, out, pool, maxOf<T>);
        return {};
      case BinaryOp::Min:
        runBinary<T, T>(a, b, out, pool, minOf<T>);
        return {};
      case BinaryOp::PRelu:
        runBinary<T, T>(a, b, out, pool, [](T x, T s) { return x < T{0} ? wrapMul(x, s) : x; });
        return {};
      default:
        break;
    }
  }
  return makeError(ErrorCode::TypeMismatch, std::string(binaryOpName(op)) + " is not defined for " +
                                                std::string(dtypeName(a.dtype())) + " operands");
}

}  // namespace

Expected<Tensor> binary(BinaryOp op, const Tensor& a, const Tensor& b, ThreadPool* pool) {
  if (op == BinaryOp::Pow && a.dtype() != b.dtype()) {
    // ONNX lets the exponent have its own type; integer bases with float exponents go via double.
    if (isInteger(a.dtype()) && isFloating(b.dtype())) {
      auto wa = cast(a, DType::Float64);
      auto wb = cast(b, DType::Float64);
      if (!wa || !wb) return !wa ? wa.error() : wb.error();
      auto r = binary(op, *wa, *wb, pool);
      if (!r) return r;
      return cast(*r, a.dtype());
    }
    auto converted = cast(b, a.dtype());
    if (!converted) return converted;
    return binary(op, a, *converted, pool);
  }
  if (a.dtype() != b.dtype())
    return makeError(ErrorCode::TypeMismatch,
                     std::string(binaryOpName(op)) +
                         " operands differ in type: " + std::string(dtypeName(a.dtype())) +
                         " and " + std::string(dtypeName(b.dtype())));
  auto outDims = broadcastShapes({a.dims(), b.dims()});
  if (!outDims) return outDims.error();
  if (isHalfLike(a.dtype())) {
    auto r = binary(op, widenHalf(a), widenHalf(b), pool);
    if (!r || r->dtype() != DType::Float32) return r;
    return narrowTo(*r, a.dtype());
  }
  if (isLogical(op) && a.dtype() != DType::Bool)
    return makeError(ErrorCode::TypeMismatch, std::string(binaryOpName(op)) +
                                                  " needs bool operands, got " +
                                                  std::string(dtypeName(a.dtype())));
  if (isBitwise(op) && !isInteger(a.dtype()))
    return makeError(ErrorCode::TypeMismatch, std::string(binaryOpName(op)) +
                                                  " needs integer operands, got " +
                                                  std::string(dtypeName(a.dtype())));
  const DType outType = (isComparison(op) || isLogical(op)) ? DType::Bool : a.dtype();
  Tensor out = Tensor::zeros(outType, *outDims);
  Status status =
      makeError(ErrorCode::TypeMismatch, std::string(binaryOpName(op)) + " does not support " +
                                             std::string(dtypeName(a.dtype())));
  dispatchNumeric(a.dtype(),
                  [&](auto tag) { status = binaryTyped<decltype(tag)>(op, a, b, out, pool); });
  if (!status) return status.error();
  return out;
}

Expected<Tensor> foldBinary(BinaryOp op, const std::vector<const Tensor*>& operands,
                            ThreadPool* pool) {
  if (operands.empty()) return makeError(ErrorCode::InvalidArgument, "no operands");
  Tensor acc = *operands[0];
  if (operands.size() == 1) return acc.clone();
  for (size_t i = 1; i < operands.size(); ++i) {
    auto next = binary(op, acc, *operands[i], pool);
    if (!next) return next;
    acc = std::move(*next);
  }
  return acc;
}

const char* binaryOpName(BinaryOp op) {
  switch (op) {
    case BinaryOp::Add:
      return "Add";
    case BinaryOp::Sub:
      return "Sub";
    case BinaryOp::Mul:
      return "Mul";
    case BinaryOp::Div:
      return "Div";
    case BinaryOp::Pow:
      return "Pow";
    case BinaryOp::Fmod:
      return "Fmod";
    case BinaryOp::Mod:
      return "Mod";
    case BinaryOp::Max:
      return "Max";
    case BinaryOp::Min:
      return "Min";
    case BinaryOp::Equal:
      return "Equal";
    case BinaryOp::Less:
      return "Less";
    case BinaryOp::LessEqual:
      return "LessOrEqual";
    case BinaryOp::Greater:
      return "Greater";
    case BinaryOp::GreaterEqual:
      return "GreaterOrEqual";
    case BinaryOp::And:
      return "And";
    case BinaryOp::Or:
      return "Or";
    case BinaryOp::Xor:
      return "Xor";
    case BinaryOp::BitShiftLeft:
      return "BitShiftLeft";
    case BinaryOp::BitShiftRight:
      return "BitShiftRight";
    case BinaryOp::BitwiseAnd:
      return "BitwiseAnd";
    case BinaryOp::BitwiseOr:
      return "BitwiseOr";
    case BinaryOp::BitwiseXor:
      return "BitwiseXor";
    case BinaryOp::PRelu:
      return "PRelu";
  }
  return "?";
}

}  // namespace mb::exec::prim
