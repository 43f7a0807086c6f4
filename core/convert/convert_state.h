// Internal state of one convertGraph() run, shared by ConvertContext and the driver. Not part of
// the public API (include convert_graph.h instead).
#pragma once

#include <deque>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "convert/convert_types.h"
#include "convert/converter_registry.h"
#include "ir/graph.h"

namespace mb::convert {

// A recognised multi-node subgraph converted at its last node (the anchor).
struct FusedGroup {
  std::string label;  // "Gelu", "LayerNorm", "Dense"
  NodeId anchor = kNoNode;
  std::vector<NodeId> members;  // all source nodes, anchor included
  std::vector<ValueId> inputs;  // source values the converter reads, in its own order
  AttributeList attrs;          // facts the matcher established (epsilon, axes, …)
  ConverterFn fn = nullptr;
};

struct CellInfo {
  std::string modulePath;  // from the source node name
  std::string preferred;   // path read off a state_dict-like initializer name ("fc" from fc.weight)
  std::string hint;        // local name when the module path is shared ("in_proj")
};

struct PendingParam {
  NodeId node = kNoNode;
  size_t binding = 0;  // index into node.params
  ParamRecord record;
};

struct ConvertState {
  const Graph& source;
  const ConvertOptions& options;
  ConversionResult& result;
  Graph& out;

  std::vector<ValueId> valueMap;         // source value → converted value
  std::vector<const Tensor*> constants;  // source value → constant data (or null)
  std::vector<std::vector<std::string>> constantSources;  // initializer names behind a constant
  std::deque<Tensor> folded;                              // storage for folded constants
  std::vector<bool> foldedNode;
  std::vector<std::string> modulePaths;  // per source node
  std::vector<Shape> shapes;             // per source value, refined by shape_refiner
  std::vector<std::vector<NodeId>> consumers;
  std::vector<bool> isGraphOutput;  // per source value
  std::unordered_set<std::string> usedNames;
  std::unordered_map<NodeId, CellInfo> cells;  // converted Cell nodes
  std::vector<PendingParam> params;
  const FusedGroup* group = nullptr;   // set while a pattern converter runs
  std::vector<ValueId> touchedValues;  // valueMap entries set by the running converter

  ConvertState(const Graph& src, const ConvertOptions& opts, ConversionResult& res)
      : source(src), options(opts), result(res), out(res.converted) {}
  std::string uniqueValueName(const std::string& wanted);
};

}  // namespace mb::convert
