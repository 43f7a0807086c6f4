// Public value types of the ONNX → MindSpore converter: options (target API level, per-node
// overrides carried by the project file) and the result (converted graph + one record per source
// node + parameter provenance).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "convert/fixes/op_fix.h"
#include "ir/graph.h"

namespace mb::convert {

enum class TargetApi { Classic, Mint };    // mindspore.nn / mindspore.ops  vs  mindspore.mint
const char* targetApiName(TargetApi api);  // "classic" | "mint"
std::optional<TargetApi> parseTargetApi(std::string_view text);

// A user's fix for one source node, keyed by the ONNX node name (onnx2tf's parameter replacement).
struct NodeOverride {
  AttributeList attributes;  // replace / add ONNX attributes before the converter sees the node
  std::vector<std::string> removeAttributes;
  // Convert the node as if it were this op ("Relu", "com.microsoft::Gelu"); empty = its own type.
  // "unconverted" keeps the node unconverted on purpose (e.g. to hand-write it later).
  std::string converter;
};

struct ConvertOptions {
  TargetApi api = TargetApi::Classic;
  std::map<std::string, NodeOverride> overrides;  // by source node name
  OpFixes fixes;  // API picks, templates and snippets by source node name (see fixes/op_fix.h)
  bool fusePatterns = true;  // Gelu / LayerNorm / GroupNorm / MatMul+Add subgraphs → one API
};

enum class NodeStatus {
  Converted,    // converted by its own converter
  Fused,        // part of a recognised subgraph converted as a whole (see convertedNodes)
  Folded,       // constant subgraph evaluated at conversion time (weights, reshape targets)
  Unconverted,  // kept as onnx::<Op> with a reason
};
const char* nodeStatusName(NodeStatus status);

struct NodeRecord {
  NodeId source = kNoNode;
  std::string name;    // source node name
  std::string opType;  // "Conv", "com.microsoft::Gelu"
  NodeStatus status = NodeStatus::Converted;
  std::vector<NodeId> convertedNodes;  // nodes in the converted graph it became part of
  std::string converter;               // the converter used ("Conv@11", "pattern:Gelu")
  std::string reason;                  // why unconverted / what was fused / folded
  std::vector<std::string> suggestions;
  std::string fix;  // "api" | "template" | "snippet" when a user's fix converted it, else ""
};

// Where a checkpoint parameter came from and what was done to it (gate reorder, transpose, …).
struct ParamRecord {
  std::string key;        // checkpoint key: "layer1.0.conv1.weight"
  NodeId node = kNoNode;  // converted node owning it
  std::string paramName;  // "weight", "gamma", "weight_ih_l0"
  std::vector<std::string> sourceInitializers;
  std::string transform;  // empty = copied unchanged; else a readable description
  std::vector<int64_t> shape;
};

struct ConversionResult {
  Graph converted;
  std::vector<NodeRecord> records;  // one per source node, source order
  std::vector<ParamRecord> params;
  std::vector<std::string> warnings;

  size_t count(NodeStatus status) const;
};

}  // namespace mb::convert
