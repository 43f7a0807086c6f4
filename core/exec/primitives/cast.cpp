#include "exec/primitives/cast.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <type_traits>

#include "exec/primitives/dispatch.h"

namespace mb::exec::prim {
namespace {

template <typename D, typename S>
D convertValue(S v) {
  if constexpr (std::is_same_v<D, bool>) {
    return v != S{};
  } else if constexpr (std::is_integral_v<D> && std::is_floating_point_v<S>) {
    if (std::isnan(v)) return D{0};
    const auto lo = static_cast<S>(std::numeric_limits<D>::lowest());
    const auto hi = static_cast<S>(std::numeric_limits<D>::max());
    if (v <= lo) return std::numeric_limits<D>::lowest();
    if (v >= hi) return std::numeric_limits<D>::max();
    return static_cast<D>(v);
  } else {
    return static_cast<D>(v);
  }
}

// numpy's str() of a float: shortest round-trip digits, positional for 1e-4 ≤ |v| < 1e16 (with a
// trailing ".0" when integral), scientific otherwise; "nan", "inf", "-inf".
template <typename F>
std::string numpyString(F v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  char buffer[64];
  const F magnitude = std::abs(v);
  const bool positional = magnitude == 0 || (magnitude >= F(1e-4) && magnitude < F(1e16));
  auto [end, ec] =
      std::to_chars(buffer, buffer + sizeof buffer, v,
                    positional ? std::chars_format::fixed : std::chars_format::scientific);
  std::string text(buffer, ec == std::errc() ? end : buffer);
  if (positional && text.find('.') == std::string::npos) text += ".0";
  return text;
}

Expected<Tensor> toStrings(const Tensor& x) {
  const Tensor wide = widenHalf(x);
  std::vector<std::string> values(static_cast<size_t>(wide.numel()));
  const bool ok = dispatchNumeric(wide.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T* p = wide.data<T>();
    for (size_t i = 0; i < values.size(); ++i) {
      if constexpr (std::is_same_v<T, bool>)
        values[i] = p[i] ? "True" : "False";
      else if constexpr (std::is_floating_point_v<T>)
        values[i] = numpyString(p[i]);
      else
        values[i] = std::to_string(p[i]);
    }
  });
  if (!ok)
    return makeError(ErrorCode::TypeMismatch,
                     "cannot format " + std::string(dtypeName(x.dtype())) + " as text");
  return Tensor::strings(x.dims(), std::move(values));
}

Expected<Tensor> fromStrings(const Tensor& x, DType to) {
  const auto& values = x.stringValues();
  Tensor parsed = Tensor::zeros(DType::Float64, x.dims());
  double* dst = parsed.mutableData<double>();
  for (size_t i = 0; i < values.size() && static_cast<int64_t>(i) < parsed.numel(); ++i) {
    const char* begin = values[i].c_str();
    char* end = nullptr;
    dst[i] = std::strtod(begin, &end);  // accepts NaN, INF, +INF, -INF in any case
    if (end == begin || *end != '\0')
      return makeError(ErrorCode::InvalidArgument, "'" + values[i] + "' is not a number");
  }
  return cast(parsed, to);
}

}  // namespace

Tensor widenHalf(const Tensor& x) {
  if (!isHalfLike(x.dtype())) return x;
  Tensor out = Tensor::zeros(DType::Float32, x.dims());
  const auto* src = x.data<uint16_t>();
  float* dst = out.mutableData<float>();
  const int64_t n = x.numel();
  if (x.dtype() == DType::Float16) {
    for (int64_t i = 0; i < n; ++i) dst[i] = halfToFloat(src[i]);
  } else {
    for (int64_t i = 0; i < n; ++i) dst[i] = bfloat16ToFloat(src[i]);
  }
  return out;
}

Tensor narrowTo(const Tensor& x, DType halfType) {
  if (!isHalfLike(halfType) || x.dtype() != DType::Float32) return x;
  Tensor out = Tensor::zeros(halfType, x.dims());
  const float* src = x.data<float>();
  auto* dst = out.mutableData<uint16_t>();
  const int64_t n = x.numel();
  if (halfType == DType::Float16) {
    for (int64_t i = 0; i < n; ++i) dst[i] = floatToHalf(src[i]);
  } else {
    for (int64_t i = 0; i < n; ++i) dst[i] = floatToBfloat16(src[i]);
  }
  return out;
}

Expected<Tensor> cast(const Tensor& x, DType to) {
  if (x.dtype() == to) return x;
  if (to == DType::String) return toStrings(x);
  if (x.dtype() == DType::String) return fromStrings(x, to);
  if (x.dtype() == DType::String || to == DType::String || dtypeSize(to) == 0 ||
      dtypeSize(x.dtype()) == 0)
    return makeError(ErrorCode::TypeMismatch, "cannot cast " + std::string(dtypeName(x.dtype())) +
                                                  " to " + std::string(dtypeName(to)));
  if (isHalfLike(x.dtype())) return cast(widenHalf(x), to);
  if (isHalfLike(to)) {
    auto wide = cast(x, DType::Float32);
    if (!wide) return wide;
    return narrowTo(*wide, to);
  }
  Tensor out = Tensor::zeros(to, x.dims());
  const int64_t n = x.numel();
  dispatchNumeric(x.dtype(), [&](auto srcTag) {
    using S = decltype(srcTag);
    dispatchNumeric(to, [&](auto dstTag) {
      using D = decltype(dstTag);
      const S* src = x.data<S>();
      D* dst = out.mutableData<D>();
      for (int64_t i = 0; i < n; ++i) dst[i] = convertValue<D>(src[i]);
    });
  });
  return out;
}

}  // namespace mb::exec::prim
