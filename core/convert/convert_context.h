// What a converter sees: the source node (attributes with the user's overrides applied, input
// shapes, constant inputs folded from initializers), and a builder for the converted graph
// (values, MindSpore nodes, parameters with their transforms, constants). Converters never touch
// the converted Graph directly, so naming, provenance and scopes stay uniform.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "convert/convert_types.h"
#include "convert/converter_registry.h"
#include "ir/graph.h"

namespace mb::convert {

struct ConvertState;
struct FusedGroup;

// A converted node by id: stays valid when later emits grow the node list.
class NodeRef {
 public:
  NodeRef(Graph& graph, NodeId id) : graph_(&graph), id_(id) {}
  Node* operator->() const { return &graph_->node(id_); }
  Node& operator*() const { return graph_->node(id_); }
  NodeId id() const { return id_; }

 private:
  Graph* graph_;
  NodeId id_;
};

class ConvertContext {
 public:
  ConvertContext(ConvertState& state, NodeId nodeId, const AttributeList& attrs, int64_t opset);

  // ---- source side -------------------------------------------------------------------------
  const Graph& source() const;
  const Node& node() const;
  NodeId nodeId() const { return nodeId_; }
  int64_t opset() const { return opset_; }
  TargetApi api() const;
  bool mint() const { return api() == TargetApi::Mint; }
  const AttributeList& attrs() const { return attrs_; }
  // The op this node converts as: its own type, or the one a per-node override picked.
  const std::string& opType() const { return opType_.empty() ? node().opType : opType_; }
  void setOpType(std::string op) { opType_ = std::move(op); }
  // For pattern converters: the matched group (null otherwise).
  const FusedGroup* group() const;

  size_t inputCount() const { return node().inputs.size(); }
  bool hasInput(size_t i) const;
  ValueId sourceInput(size_t i) const;  // kNoValue if omitted
  const Value& inputValue(size_t i) const;
  const Shape& inputShape(size_t i) const;  // refined (see shape_refiner.h)
  const Shape& outputShape(size_t i) const;
  const Shape& shapeOf(ValueId sourceValue) const;
  int64_t inputRank(size_t i) const;  // -1 if unknown
  DType inputDType(size_t i) const { return inputValue(i).dtype; }
  const Value& outputValue(size_t i) const;
  bool outputUsed(size_t i) const;  // consumed by a node or a graph output
  // Constant data of input i (initializer, Constant node, or folded from them); null if computed.
  const Tensor* constantInput(size_t i) const;
  const Tensor* constantOf(ValueId sourceValue) const;
  bool constantInts(size_t i, std::vector<int64_t>& out) const;
  bool constantScalar(size_t i, double& out) const;
  // The initializer names feeding input i (through Identity/Transpose/Slice… folds).
  std::vector<std::string> initializerNames(size_t i) const;
  std::vector<std::string> initializerNamesOf(ValueId sourceValue) const;
  // Module path of this node from its ONNX name ("/layer1/layer1.0/conv1/Conv" → "layer1.0.conv1").
  const std::string& modulePath() const;

  // ---- converted side ----------------------------------------------------------------------
  // Converted value for source input i (materialises constants as initializer values).
  ValueId input(size_t i);
  ValueId map(ValueId sourceValue);
  // Converted value for source output i: same name, dtype, shape; sourceValue links them.
  ValueId output(size_t i);
  ValueId outputOf(ValueId sourceValue);
  // An intermediate with no source counterpart (e.g. the explicit pad before a pool).
  ValueId temp(DType dtype, Shape shape, const std::string& hint);
  // A non-parameter constant fed as an input (reshape targets, Add/Mul constants).
  ValueId constant(Tensor tensor, const std::string& hint);

  // Emits a MindSpore node (Cell or function by API path) in this node's scope.
  NodeRef addNode(const std::string& api, std::vector<ValueId> inputs,
                  std::vector<ValueId> outputs);
  // Binds a Parameter to an emitted Cell node; `sourceNames` are the initializers it came
  // from, `transform` describes the layout change applied ("" = unchanged). `torchName` is the
  // PyTorch state_dict suffix of the same tensor ("running_mean" for moving_mean; default = name):
  // an initializer called "<path>.<torchName>" names the Cell "<path>".
  void param(NodeRef cell, const std::string& name, Tensor data,
             std::vector<std::string> sourceNames, const std::string& transform = {},
             const std::string& torchName = {});
  // Picks the API by level: api("mindspore.nn.ReLU", "mindspore.mint.nn.ReLU").
  std::string pick(const std::string& classic, const std::string& mint) const {
    return this->mint() ? mint : classic;
  }
  // Name hint for a Cell node when its module path is shared ("in_proj" from an initializer).
  void cellHint(NodeRef cell, const std::string& hint);

  ConvertStatus unconverted(std::string reason, std::vector<std::string> suggestions = {}) const;
  void warn(const std::string& message);
  // Extra source nodes that this conversion absorbed (patterns, fused Add of a Dense bias).
  void absorb(NodeId sourceNode);
  const std::vector<NodeId>& absorbed() const { return absorbed_; }
  const std::vector<NodeId>& emitted() const { return emitted_; }

 private:
  ConvertState& state_;
  NodeId nodeId_;
  const AttributeList& attrs_;
  int64_t opset_;
  std::string opType_;
  std::vector<NodeId> emitted_;
  std::vector<NodeId> absorbed_;
};

// True for APIs that are Cells (instantiated in __init__, may own Parameters).
bool isCellApi(const std::string& api);

}  // namespace mb::convert
