#include "ir/attribute.h"

#include <cstdio>

namespace mb {
namespace {

std::string formatDouble(double v) {
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer), "%.9g", v);
  std::string text = buffer;
  if (text.find_first_of(".eEn") == std::string::npos) text += ".0";
  return text;
}

template <typename T, typename F>
std::string joinList(const std::vector<T>& items, F format) {
  std::string text = "[";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) text += ", ";
    text += format(items[i]);
  }
  return text + "]";
}

}  // namespace

std::string Attribute::toString() const {
  struct Visitor {
    std::string operator()(const NoneValue&) const { return "None"; }
    std::string operator()(int64_t v) const { return std::to_string(v); }
    std::string operator()(double v) const { return formatDouble(v); }
    std::string operator()(const std::string& v) const { return "'" + v + "'"; }
    std::string operator()(bool v) const { return v ? "True" : "False"; }
    std::string operator()(const Tensor& t) const {
      return std::string("tensor<") + std::string(dtypeName(t.dtype())) + dimsToString(t.dims()) +
             ">";
    }
    std::string operator()(const std::shared_ptr<Graph>&) const { return "<graph>"; }
    std::string operator()(const std::vector<int64_t>& v) const {
      return joinList(v, [](int64_t x) { return std::to_string(x); });
    }
    std::string operator()(const std::vector<double>& v) const { return joinList(v, formatDouble); }
    std::string operator()(const std::vector<std::string>& v) const {
      return joinList(v, [](const std::string& s) { return "'" + s + "'"; });
    }
    std::string operator()(const std::vector<Tensor>& v) const {
      return "[" + std::to_string(v.size()) + " tensors]";
    }
    std::string operator()(const std::vector<std::shared_ptr<Graph>>& v) const {
      return "[" + std::to_string(v.size()) + " graphs]";
    }
  };
  return std::visit(Visitor{}, value);
}

}  // namespace mb
