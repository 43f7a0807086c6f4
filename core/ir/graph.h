// One IR for both dialects. A Graph owns Values (edges, incl. initializers and constants) and Nodes
// (operators). Source graphs hold ONNX nodes (domain "" / "ai.onnx", op_type "Conv"); converted
// graphs hold MindSpore nodes (op "mindspore.nn.Conv2d") with constructor args, call args,
// parameters by MindSpore name, and provenance back to the source nodes they came from.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "ir/attribute.h"
#include "ir/shape.h"
#include "ir/tensor.h"
#include "util/status.h"

namespace mb {

using ValueId = int32_t;
using NodeId = int32_t;
constexpr ValueId kNoValue = -1;  // an omitted optional input
constexpr NodeId kNoNode = -1;

enum class Dialect { Onnx, MindSpore };

struct Value {
  std::string name;
  DType dtype = DType::Undefined;
  Shape shape;
  NodeId producer = kNoNode;          // kNoNode for graph inputs and initializers
  std::optional<Tensor> initializer;  // weights and folded constants
  // Converted graphs: name of the source-graph value this value computes (same meaning and layout),
  // so the per-layer diff can align the two graphs; empty when there is no counterpart.
  std::string sourceValue;
};

struct NamedAttribute {
  std::string name;
  Attribute value;
};

// Ordered name → attribute list: insertion order is the order printers emit.
class AttributeList {
 public:
  void set(const std::string& name, Attribute value);
  const Attribute* find(const std::string& name) const;
  bool has(const std::string& name) const { return find(name) != nullptr; }
  int64_t getInt(const std::string& name, int64_t fallback) const;
  double getFloat(const std::string& name, double fallback) const;
  std::string getString(const std::string& name, const std::string& fallback) const;
  std::vector<int64_t> getInts(const std::string& name, std::vector<int64_t> fallback = {}) const;
  std::vector<double> getFloats(const std::string& name, std::vector<double> fallback = {}) const;
  void erase(const std::string& name);
  const std::vector<NamedAttribute>& items() const { return items_; }
  size_t size() const { return items_.size(); }
  bool empty() const { return items_.empty(); }

 private:
  std::vector<NamedAttribute> items_;
};

// A MindSpore Parameter bound to a node: its name inside the Cell ("weight", "gamma",
// "weight_ih_l0") and the graph value that holds its data.
struct ParamBinding {
  std::string name;
  ValueId value = kNoValue;
};

struct Node {
  std::string name;
  Dialect dialect = Dialect::Onnx;
  std::string domain;  // ONNX: "" (= ai.onnx), "com.microsoft", …; MindSpore: "mindspore"
  std::string opType;  // ONNX: "Conv"; MindSpore: "mindspore.nn.Conv2d", "mindspore.ops.reshape"
  std::vector<ValueId> inputs;
  std::vector<ValueId> outputs;
  AttributeList attrs;               // ONNX attributes, or MindSpore constructor arguments
  AttributeList callArgs;            // MindSpore only: keyword arguments of the call / construct
  std::vector<ParamBinding> params;  // MindSpore only: Cell parameters
  std::string scope;                 // module path from the source ("layer1/layer1.0/conv1")
  // Provenance: which source nodes and initializers this node came from (converted graphs).
  std::vector<NodeId> sourceNodes;
  std::vector<std::string> sourceInitializers;
  // Set on a converted-graph node that stands for an op we could not convert.
  bool unconverted = false;
  std::string unconvertedReason;
  std::vector<std::string> suggestions;
};

class Graph {
 public:
  std::string name;
  Dialect dialect = Dialect::Onnx;
  std::string targetApi;  // converted graphs: "classic" (mindspore.nn/ops) or "mint"
  std::map<std::string, int64_t> opsetImports;  // domain → version ("" = ai.onnx)
  int64_t irVersion = 0;
  std::string producerName;
  std::string producerVersion;

  std::vector<Value> values;
  std::vector<Node> nodes;
  std::vector<ValueId> inputs;  // runtime inputs (initializers excluded)
  std::vector<ValueId> outputs;

  // Adds a value; names must be unique (empty names allowed for omitted optionals only).
  ValueId addValue(Value value);
  // Adds a node and sets `producer` on its outputs.
  NodeId addNode(Node node);
  std::optional<ValueId> findValue(const std::string& name) const;
  std::optional<NodeId> findNode(const std::string& name) const;
  const Value& value(ValueId id) const { return values[static_cast<size_t>(id)]; }
  Value& value(ValueId id) { return values[static_cast<size_t>(id)]; }
  const Node& node(NodeId id) const { return nodes[static_cast<size_t>(id)]; }
  Node& node(NodeId id) { return nodes[static_cast<size_t>(id)]; }
  int64_t opsetVersion(const std::string& domain = "") const;

  // consumers[v] = nodes reading value v (rebuilt on demand; invalidated by edits).
  std::vector<std::vector<NodeId>> consumers() const;
  // Kahn's order; an error naming a node on the cycle if there is one.
  Expected<std::vector<NodeId>> topologicalOrder() const;
  // Names not produced inside this graph nor declared as input/initializer (subgraphs read them
  // from the enclosing scope).
  std::vector<std::string> outerScopeNames() const;
  // Rebuilds the name index after bulk edits of `values`.
  void reindex();

 private:
  std::unordered_map<std::string, ValueId> valueByName_;
};

}  // namespace mb
