// dtype → C++ type dispatch for the tensor primitives. `fn` is a generic lambda taking a value of
// the element type as a tag: dispatchNumeric(dtype, [&](auto tag) { using T = decltype(tag); … }).
// float16 / bfloat16 are not dispatched here: primitives compute them in float32 (see
// withFloat32Compute in elementwise.h) and round the result back.
#pragma once

#include <cstdint>
#include <type_traits>

#include "ir/dtype.h"

namespace mb::exec::prim {

// Every dtype whose elements are plain C++ arithmetic values (bool is stored as one byte 0/1).
template <typename Fn>
bool dispatchNumeric(DType dtype, Fn&& fn) {
  switch (dtype) {
    case DType::Float32:
      fn(float{});
      return true;
    case DType::Float64:
      fn(double{});
      return true;
    case DType::Int8:
      fn(int8_t{});
      return true;
    case DType::Int16:
      fn(int16_t{});
      return true;
    case DType::Int32:
      fn(int32_t{});
      return true;
    case DType::Int64:
      fn(int64_t{});
      return true;
    case DType::UInt8:
      fn(uint8_t{});
      return true;
    case DType::UInt16:
      fn(uint16_t{});
      return true;
    case DType::UInt32:
      fn(uint32_t{});
      return true;
    case DType::UInt64:
      fn(uint64_t{});
      return true;
    case DType::Bool:
      fn(bool{});
      return true;
    default:
      return false;
  }
}

template <typename Fn>
bool dispatchFloat(DType dtype, Fn&& fn) {
  switch (dtype) {
    case DType::Float32:
      fn(float{});
      return true;
    case DType::Float64:
      fn(double{});
      return true;
    default:
      return false;
  }
}

// Moves elements by size only (transpose, gather, slice…): any dtype except strings.
template <typename Fn>
bool dispatchBySize(size_t elementSize, Fn&& fn) {
  switch (elementSize) {
    case 1:
      fn(uint8_t{});
      return true;
    case 2:
      fn(uint16_t{});
      return true;
    case 4:
      fn(uint32_t{});
      return true;
    case 8:
      fn(uint64_t{});
      return true;
    default:
      return false;
  }
}

template <typename T>
constexpr bool kIsFloat = std::is_floating_point_v<T>;

inline bool isHalfLike(DType dtype) {
  return dtype == DType::Float16 || dtype == DType::BFloat16;
}

}  // namespace mb::exec::prim
