#include "ir/shape.h"

namespace mb {

Shape Shape::ofDims(const std::vector<int64_t>& values) {
  Shape shape;
  shape.rankKnown = true;
  for (int64_t v : values) shape.dims.push_back(Dim::known(v));
  return shape;
}

bool Shape::isFullyKnown() const {
  if (!rankKnown) return false;
  for (const auto& dim : dims)
    if (!dim.isKnown()) return false;
  return true;
}

std::optional<std::vector<int64_t>> Shape::concrete() const {
  if (!isFullyKnown()) return std::nullopt;
  std::vector<int64_t> values;
  values.reserve(dims.size());
  for (const auto& dim : dims) values.push_back(dim.value);
  return values;
}

std::string Shape::toString() const {
  if (!rankKnown) return "?";
  std::string text = "[";
  for (size_t i = 0; i < dims.size(); ++i) {
    if (i) text += ",";
    if (dims[i].isKnown())
      text += std::to_string(dims[i].value);
    else
      text += dims[i].symbol.empty() ? "?" : dims[i].symbol;
  }
  return text + "]";
}

}  // namespace mb
