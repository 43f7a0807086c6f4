// Shapes whose dims may be concrete (224), symbolic ("batch") or unknown. Symbolic dims survive
// conversion so that emitted code keeps dynamic batch and sequence axes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mb {

struct Dim {
  int64_t value = -1;  // >= 0 when known
  std::string symbol;  // "batch", "seq"; empty when concrete or wholly unknown

  static Dim known(int64_t v) { return Dim{v, {}}; }
  static Dim symbolic(std::string name) { return Dim{-1, std::move(name)}; }
  bool isKnown() const { return value >= 0; }
  bool operator==(const Dim&) const = default;
};

struct Shape {
  std::vector<Dim> dims;
  bool rankKnown = false;

  Shape() = default;
  static Shape ofDims(const std::vector<int64_t>& values);
  static Shape unknownRank() { return Shape(); }
  size_t rank() const { return dims.size(); }
  bool isFullyKnown() const;
  // Concrete dims, or nullopt if any is unknown.
  std::optional<std::vector<int64_t>> concrete() const;
  // "[1,3,224,224]", "[batch,3,224,224]", "[?]" for unknown dims, "?" for unknown rank.
  std::string toString() const;
  bool operator==(const Shape&) const = default;
};

}  // namespace mb
