#include "ir/dtype.h"

#include <array>
#include <cstring>
#include <string>

namespace mb {
namespace {

struct DTypeInfo {
  DType type;
  size_t size;
  std::string_view numpy;
  std::string_view mindspore;
};

constexpr std::array<DTypeInfo, 17> kInfo = {{
    {DType::Undefined, 0, "undefined", "Undefined"},
    {DType::Float32, 4, "float32", "Float32"},
    {DType::UInt8, 1, "uint8", "UInt8"},
    {DType::Int8, 1, "int8", "Int8"},
    {DType::UInt16, 2, "uint16", "UInt16"},
    {DType::Int16, 2, "int16", "Int16"},
    {DType::Int32, 4, "int32", "Int32"},
    {DType::Int64, 8, "int64", "Int64"},
    {DType::String, 0, "string", "str"},
    {DType::Bool, 1, "bool", "Bool"},
    {DType::Float16, 2, "float16", "Float16"},
    {DType::Float64, 8, "float64", "Float64"},
    {DType::UInt32, 4, "uint32", "UInt32"},
    {DType::UInt64, 8, "uint64", "UInt64"},
    {DType::Complex64, 8, "complex64", "Complex64"},
    {DType::Complex128, 16, "complex128", "Complex128"},
    {DType::BFloat16, 2, "bfloat16", "BFloat16"},
}};

const DTypeInfo& info(DType type) {
  auto index = static_cast<size_t>(type);
  return index < kInfo.size() ? kInfo[index] : kInfo[0];
}

}  // namespace

size_t dtypeSize(DType type) {
  return info(type).size;
}

bool isFloating(DType type) {
  return type == DType::Float32 || type == DType::Float16 || type == DType::BFloat16 ||
         type == DType::Float64;
}

bool isInteger(DType type) {
  switch (type) {
    case DType::UInt8:
    case DType::Int8:
    case DType::UInt16:
    case DType::Int16:
    case DType::Int32:
    case DType::Int64:
    case DType::UInt32:
    case DType::UInt64:
      return true;
    default:
      return false;
  }
}

bool isValidDType(int32_t raw) {
  return raw >= 0 && raw < static_cast<int32_t>(kInfo.size());
}

std::string_view dtypeName(DType type) {
  return info(type).numpy;
}

std::optional<DType> dtypeFromName(std::string_view name) {
  for (const auto& entry : kInfo)
    if (entry.numpy == name) return entry.type;
  return std::nullopt;
}

std::string_view mindsporeDTypeName(DType type) {
  return info(type).mindspore;
}

std::optional<DType> dtypeFromMindsporeName(std::string_view name) {
  for (const auto& entry : kInfo)
    if (entry.mindspore == name && entry.type != DType::Undefined) return entry.type;
  return std::nullopt;
}

float halfToFloat(uint16_t bits) {
  uint32_t sign = (bits & 0x8000u) << 16;
  uint32_t exponent = (bits >> 10) & 0x1f;
  uint32_t mantissa = bits & 0x3ffu;
  uint32_t out;
  if (exponent == 0) {
    if (mantissa == 0) {
      out = sign;
    } else {  // subnormal: normalise
      exponent = 127 - 15 + 1;
      while ((mantissa & 0x400u) == 0) {
        mantissa <<= 1;
        --exponent;
      }
      mantissa &= 0x3ffu;
      out = sign | (exponent << 23) | (mantissa << 13);
    }
  } else if (exponent == 0x1f) {
    out = sign | 0x7f800000u | (mantissa << 13);
  } else {
    out = sign | ((exponent + 127 - 15) << 23) | (mantissa << 13);
  }
  float result;
  std::memcpy(&result, &out, sizeof(result));
  return result;
}

uint16_t floatToHalf(float value) {
  uint32_t bits;
  std::memcpy(&bits, &value, sizeof(bits));
  uint32_t sign = (bits >> 16) & 0x8000u;
  uint32_t absBits = bits & 0x7fffffffu;
  if (absBits >= 0x7f800000u) {  // inf or nan
    return static_cast<uint16_t>(sign | 0x7c00u | (absBits > 0x7f800000u ? 0x200u : 0));
  }
  if (absBits >= 0x477ff000u) return static_cast<uint16_t>(sign | 0x7c00u);  // overflow → inf
  if (absBits < 0x38800000u) {  // subnormal or zero in half
    if (absBits < 0x33000000u) return static_cast<uint16_t>(sign);
    uint32_t exponent = absBits >> 23;
    uint32_t mantissa = (absBits & 0x7fffffu) | 0x800000u;
    uint32_t shift = 126 - exponent;  // 14..24
    uint32_t half = mantissa >> shift;
    uint32_t remainder = mantissa & ((1u << shift) - 1);
    uint32_t halfway = 1u << (shift - 1);
    if (remainder > halfway || (remainder == halfway && (half & 1u))) ++half;
    return static_cast<uint16_t>(sign | half);
  }
  uint32_t rounded = absBits + 0xfffu + ((absBits >> 13) & 1u);
  return static_cast<uint16_t>(sign | ((rounded - 0x38000000u) >> 13));
}

float bfloat16ToFloat(uint16_t bits) {
  uint32_t out = static_cast<uint32_t>(bits) << 16;
  float result;
  std::memcpy(&result, &out, sizeof(result));
  return result;
}

uint16_t floatToBfloat16(float value) {
  uint32_t bits;
  std::memcpy(&bits, &value, sizeof(bits));
  if ((bits & 0x7fffffffu) > 0x7f800000u) return static_cast<uint16_t>((bits >> 16) | 0x40u);
  bits += 0x7fffu + ((bits >> 16) & 1u);
  return static_cast<uint16_t>(bits >> 16);
}

}  // namespace mb
