// Element types. Numbering follows ONNX's TensorProto.DataType so import is a cast, not a table.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace mb {

enum class DType : int32_t {
  Undefined = 0,
  Float32 = 1,
  UInt8 = 2,
  Int8 = 3,
  UInt16 = 4,
  Int16 = 5,
  Int32 = 6,
  Int64 = 7,
  String = 8,
  Bool = 9,
  Float16 = 10,
  Float64 = 11,
  UInt32 = 12,
  UInt64 = 13,
  Complex64 = 14,
  Complex128 = 15,
  BFloat16 = 16,
};

// Bytes per element; 0 for Undefined and String (strings are stored out of line).
size_t dtypeSize(DType type);
bool isFloating(DType type);  // float16, bfloat16, float32, float64
bool isInteger(DType type);   // signed and unsigned ints (not bool)
bool isValidDType(int32_t raw);

// numpy-style name: "float32", "int64", "bool", "bfloat16", …
std::string_view dtypeName(DType type);
std::optional<DType> dtypeFromName(std::string_view name);

// MindSpore's spelling (str(mindspore dtype)): "Float32", "Int64", "Bool", "BFloat16", …
std::string_view mindsporeDTypeName(DType type);
std::optional<DType> dtypeFromMindsporeName(std::string_view name);

// IEEE half and bfloat16 conversions (round to nearest even).
float halfToFloat(uint16_t bits);
uint16_t floatToHalf(float value);
float bfloat16ToFloat(uint16_t bits);
uint16_t floatToBfloat16(float value);

}  // namespace mb
