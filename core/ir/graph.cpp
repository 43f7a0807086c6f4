#include "ir/graph.h"

#include <algorithm>
#include <deque>
#include <set>

namespace mb {

void AttributeList::set(const std::string& name, Attribute value) {
  for (auto& item : items_) {
    if (item.name == name) {
      item.value = std::move(value);
      return;
    }
  }
  items_.push_back({name, std::move(value)});
}

const Attribute* AttributeList::find(const std::string& name) const {
  for (const auto& item : items_)
    if (item.name == name) return &item.value;
  return nullptr;
}

int64_t AttributeList::getInt(const std::string& name, int64_t fallback) const {
  const Attribute* a = find(name);
  if (!a) return fallback;
  if (a->is<int64_t>()) return a->as<int64_t>();
  if (a->is<bool>()) return a->as<bool>() ? 1 : 0;
  if (a->is<double>()) return static_cast<int64_t>(a->as<double>());
  return fallback;
}

double AttributeList::getFloat(const std::string& name, double fallback) const {
  const Attribute* a = find(name);
  if (!a) return fallback;
  if (a->is<double>()) return a->as<double>();
  if (a->is<int64_t>()) return static_cast<double>(a->as<int64_t>());
  return fallback;
}

std::string AttributeList::getString(const std::string& name, const std::string& fallback) const {
  const Attribute* a = find(name);
  return a && a->is<std::string>() ? a->as<std::string>() : fallback;
}

std::vector<int64_t> AttributeList::getInts(const std::string& name,
                                            std::vector<int64_t> fallback) const {
  const Attribute* a = find(name);
  if (!a) return fallback;
  if (a->is<std::vector<int64_t>>()) return a->as<std::vector<int64_t>>();
  if (a->is<int64_t>()) return {a->as<int64_t>()};
  return fallback;
}

std::vector<double> AttributeList::getFloats(const std::string& name,
                                             std::vector<double> fallback) const {
  const Attribute* a = find(name);
  if (!a) return fallback;
  if (a->is<std::vector<double>>()) return a->as<std::vector<double>>();
  if (a->is<double>()) return {a->as<double>()};
  return fallback;
}

void AttributeList::erase(const std::string& name) {
  std::erase_if(items_, [&](const NamedAttribute& item) { return item.name == name; });
}

ValueId Graph::addValue(Value value) {
  auto id = static_cast<ValueId>(values.size());
  if (!value.name.empty()) valueByName_[value.name] = id;
  values.push_back(std::move(value));
  return id;
}

NodeId Graph::addNode(Node node) {
  auto id = static_cast<NodeId>(nodes.size());
  for (ValueId out : node.outputs)
    if (out != kNoValue) values[static_cast<size_t>(out)].producer = id;
  nodes.push_back(std::move(node));
  return id;
}

std::optional<ValueId> Graph::findValue(const std::string& name) const {
  auto it = valueByName_.find(name);
  if (it == valueByName_.end()) return std::nullopt;
  return it->second;
}

std::optional<NodeId> Graph::findNode(const std::string& name) const {
  for (size_t i = 0; i < nodes.size(); ++i)
    if (nodes[i].name == name) return static_cast<NodeId>(i);
  return std::nullopt;
}

int64_t Graph::opsetVersion(const std::string& domain) const {
  auto it = opsetImports.find(domain);
  if (it == opsetImports.end() && domain.empty()) it = opsetImports.find("ai.onnx");
  return it == opsetImports.end() ? 0 : it->second;
}

std::vector<std::vector<NodeId>> Graph::consumers() const {
  std::vector<std::vector<NodeId>> result(values.size());
  for (size_t n = 0; n < nodes.size(); ++n)
    for (ValueId in : nodes[n].inputs)
      if (in != kNoValue) {
        auto& list = result[static_cast<size_t>(in)];
        if (list.empty() || list.back() != static_cast<NodeId>(n))
          list.push_back(static_cast<NodeId>(n));
      }
  return result;
}

Expected<std::vector<NodeId>> Graph::topologicalOrder() const {
  std::vector<int> pending(nodes.size(), 0);
  auto users = consumers();
  for (size_t n = 0; n < nodes.size(); ++n) {
    std::set<ValueId> seen;
    for (ValueId in : nodes[n].inputs)
      if (in != kNoValue && values[static_cast<size_t>(in)].producer != kNoNode &&
          seen.insert(in).second)
        ++pending[n];
  }
  std::deque<NodeId> ready;
  for (size_t n = 0; n < nodes.size(); ++n)
    if (pending[n] == 0) ready.push_back(static_cast<NodeId>(n));
  std::vector<NodeId> order;
  order.reserve(nodes.size());
  while (!ready.empty()) {
    NodeId n = ready.front();
    ready.pop_front();
    order.push_back(n);
    for (ValueId out : nodes[static_cast<size_t>(n)].outputs) {
      if (out == kNoValue) continue;
      for (NodeId user : users[static_cast<size_t>(out)])
        if (--pending[static_cast<size_t>(user)] == 0) ready.push_back(user);
    }
  }
  if (order.size() != nodes.size()) {
    for (size_t n = 0; n < nodes.size(); ++n)
      if (pending[n] > 0)
        return makeError(ErrorCode::InvalidModel,
                         "the graph has a cycle through this node (an ONNX graph must be acyclic)",
                         "node '" + nodes[n].name + "' (" + nodes[n].opType + ")");
  }
  return order;
}

std::vector<std::string> Graph::outerScopeNames() const {
  std::vector<std::string> names;
  for (const auto& v : values)
    if (v.producer == kNoNode && !v.initializer && !v.name.empty() &&
        std::find_if(inputs.begin(), inputs.end(), [&](ValueId id) {
          return values[static_cast<size_t>(id)].name == v.name;
        }) == inputs.end())
      names.push_back(v.name);
  return names;
}

void Graph::reindex() {
  valueByName_.clear();
  for (size_t i = 0; i < values.size(); ++i)
    if (!values[i].name.empty()) valueByName_[values[i].name] = static_cast<ValueId>(i);
}

}  // namespace mb
