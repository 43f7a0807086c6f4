// Node attributes: ONNX attributes on the source side, MindSpore constructor / call arguments on
// the converted side. One closed variant so printers and executors can switch over it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "ir/tensor.h"

namespace mb {

class Graph;

// A reference to a value name, for MindSpore call arguments that are graph values rather than
// literals (rarely needed; most inputs are positional).
struct NoneValue {
  bool operator==(const NoneValue&) const = default;
};

using AttributeValue =
    std::variant<NoneValue, int64_t, double, std::string, bool, Tensor, std::shared_ptr<Graph>,
                 std::vector<int64_t>, std::vector<double>, std::vector<std::string>,
                 std::vector<Tensor>, std::vector<std::shared_ptr<Graph>>>;

struct Attribute {
  AttributeValue value;

  Attribute() = default;
  template <typename T>
  Attribute(T v) : value(std::move(v)) {}                // NOLINT: implicit by design
  Attribute(int v) : value(static_cast<int64_t>(v)) {}   // NOLINT
  Attribute(float v) : value(static_cast<double>(v)) {}  // NOLINT
  Attribute(const char* v) : value(std::string(v)) {}    // NOLINT

  bool isNone() const { return std::holds_alternative<NoneValue>(value); }
  template <typename T>
  bool is() const {
    return std::holds_alternative<T>(value);
  }
  template <typename T>
  const T& as() const {
    return std::get<T>(value);
  }
  // Short human-readable form for tooltips, reports and model.py ("[1, 1]", "'same'", "0.9").
  std::string toString() const;
};

}  // namespace mb
