// Registry of ONNX → MindSpore converters keyed by (domain, op_type, since_version), resolved like
// the ONNX schema and core/exec/kernel.h: the newest registration ≤ the model's opset wins.
// Converters register themselves from core/convert/ops/*.cpp with MB_CONVERTER.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace mb::convert {

class ConvertContext;

// Why a node could not be converted, and which MindSpore APIs might help a person do it by hand.
struct Unconverted {
  std::string reason;
  std::vector<std::string> suggestions;
};

// nullopt = converted (nodes emitted through the context); otherwise nothing is kept.
using ConvertStatus = std::optional<Unconverted>;
inline constexpr std::nullopt_t kConverted = std::nullopt;
using ConverterFn = ConvertStatus (*)(ConvertContext&);

struct ConverterEntry {
  ConverterFn fn = nullptr;
  int sinceVersion = 0;
};

void registerConverter(const std::string& domain, const std::string& opType, int sinceVersion,
                       ConverterFn fn);
// Newest registration whose since_version ≤ opset (opset ≤ 0: the newest of all).
std::optional<ConverterEntry> findConverter(const std::string& domain, const std::string& opType,
                                            int64_t opset);
// "Conv", "com.microsoft::Gelu" — sorted, one entry per op type.
std::vector<std::string> registeredConverterOps();

struct ConverterRegistrar {
  ConverterRegistrar(const char* domain, const char* opType, int since, ConverterFn fn) {
    registerConverter(domain, opType, since, fn);
  }
};

}  // namespace mb::convert

#define MB_CONVERT_CONCAT_INNER(a, b) a##b
#define MB_CONVERT_CONCAT(a, b) MB_CONVERT_CONCAT_INNER(a, b)
// MB_CONVERTER("Relu", 6, convertRelu); at namespace scope in an ops/*.cpp file.
#define MB_CONVERTER(op, since, fn)                                                         \
  static const ::mb::convert::ConverterRegistrar MB_CONVERT_CONCAT(mbConverter_, __LINE__)( \
      "", op, since, fn)
#define MB_DOMAIN_CONVERTER(domain, op, since, fn)                                          \
  static const ::mb::convert::ConverterRegistrar MB_CONVERT_CONCAT(mbConverter_, __LINE__)( \
      domain, op, since, fn)
