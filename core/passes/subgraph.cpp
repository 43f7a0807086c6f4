#include "passes/subgraph.h"

#include <algorithm>
#include <set>
#include <unordered_map>

namespace mb::passes {
namespace {

Error unknownName(const Graph& graph, const std::string& name, const char* flag) {
  std::string hint;
  for (const auto& node : graph.nodes)
    if (node.name.find(name) != std::string::npos || name.find(node.name) != std::string::npos) {
      hint = " (did you mean node '" + node.name + "'?)";
      break;
    }
  return makeError(ErrorCode::InvalidArgument, "no node or tensor has this name" + hint,
                   std::string(flag) + " '" + name + "'");
}

bool isRuntimeValue(const Graph& graph, ValueId id) {
  return id != kNoValue && !graph.value(id).initializer;
}

}  // namespace

Expected<Graph> extractSubgraph(const Graph& graph, const SubgraphSpec& spec) {
  // Resolve names to value ids.
  std::vector<ValueId> wantedOutputs;
  for (const auto& name : spec.outputs) {
    if (auto v = graph.findValue(name)) {
      wantedOutputs.push_back(*v);
    } else if (auto n = graph.findNode(name)) {
      for (ValueId out : graph.node(*n).outputs)
        if (out != kNoValue) wantedOutputs.push_back(out);
    } else {
      return unknownName(graph, name, "--output_nodes");
    }
  }
  if (spec.outputs.empty()) wantedOutputs = graph.outputs;

  std::vector<std::pair<std::string, std::vector<ValueId>>>
      wantedInputs;  // name → values it cuts at
  for (const auto& name : spec.inputs) {
    std::vector<ValueId> ids;
    if (auto v = graph.findValue(name)) {
      ids.push_back(*v);
    } else if (auto n = graph.findNode(name)) {
      for (ValueId in : graph.node(*n).inputs)
        if (isRuntimeValue(graph, in)) ids.push_back(in);
    } else {
      return unknownName(graph, name, "--input_nodes");
    }
    wantedInputs.emplace_back(name, ids);
  }
  std::set<ValueId> cut;
  for (const auto& [name, ids] : wantedInputs) cut.insert(ids.begin(), ids.end());
  if (spec.inputs.empty()) cut.insert(graph.inputs.begin(), graph.inputs.end());

  // Walk back from the outputs; stop at cut values, initializers and graph inputs.
  std::vector<bool> keepNode(graph.nodes.size(), false);
  std::vector<bool> seenValue(graph.values.size(), false);
  std::set<ValueId> usedCuts, reachedGraphInputs;
  std::vector<ValueId> stack(wantedOutputs.begin(), wantedOutputs.end());
  while (!stack.empty()) {
    ValueId v = stack.back();
    stack.pop_back();
    if (v == kNoValue || seenValue[static_cast<size_t>(v)]) continue;
    seenValue[static_cast<size_t>(v)] = true;
    if (cut.count(v)) {
      usedCuts.insert(v);
      continue;
    }
    NodeId producer = graph.value(v).producer;
    if (producer == kNoNode) {
      if (!graph.value(v).initializer) reachedGraphInputs.insert(v);
      continue;
    }
    if (keepNode[static_cast<size_t>(producer)]) continue;
    keepNode[static_cast<size_t>(producer)] = true;
    for (ValueId in : graph.node(producer).inputs) stack.push_back(in);
  }
  for (const auto& [name, ids] : wantedInputs) {
    bool used =
        std::any_of(ids.begin(), ids.end(), [&](ValueId id) { return usedCuts.count(id) > 0; });
    if (!used)
      return makeError(ErrorCode::InvalidArgument,
                       "this input does not feed any of the requested outputs",
                       "--input_nodes '" + name + "'");
  }
  if (!spec.inputs.empty()) {
    for (ValueId v : reachedGraphInputs)
      if (!cut.count(v))
        return makeError(ErrorCode::InvalidModel,
                         "the requested outputs also depend on graph input '" +
                             graph.value(v).name +
                             "', which --input_nodes does not name; add it to --input_nodes",
                         "--input_nodes");
  }

  // Copy kept nodes (original order keeps a valid topological order) and the values they touch.
  Graph sub;
  sub.name = graph.name;
  sub.dialect = graph.dialect;
  sub.targetApi = graph.targetApi;
  sub.opsetImports = graph.opsetImports;
  sub.irVersion = graph.irVersion;
  sub.producerName = graph.producerName;
  sub.producerVersion = graph.producerVersion;
  std::unordered_map<ValueId, ValueId> remap;
  auto mapValue = [&](ValueId old) -> ValueId {
    if (old == kNoValue) return kNoValue;
    auto it = remap.find(old);
    if (it != remap.end()) return it->second;
    Value copy = graph.value(old);
    copy.producer = kNoNode;
    ValueId id = sub.addValue(std::move(copy));
    remap[old] = id;
    return id;
  };
  // Inputs first, in the order the user named them (or the graph's order).
  std::vector<ValueId> inputOrder;
  if (spec.inputs.empty()) {
    inputOrder = graph.inputs;
  } else {
    for (const auto& [name, ids] : wantedInputs)
      inputOrder.insert(inputOrder.end(), ids.begin(), ids.end());
  }
  std::set<ValueId> added;
  for (ValueId v : inputOrder)
    if (usedCuts.count(v) && added.insert(v).second) sub.inputs.push_back(mapValue(v));
  for (ValueId v :
       reachedGraphInputs)  // graph inputs still needed (only when spec.inputs is empty)
    if (added.insert(v).second) sub.inputs.push_back(mapValue(v));
  for (size_t n = 0; n < graph.nodes.size(); ++n) {
    if (!keepNode[n]) continue;
    Node copy = graph.nodes[n];
    for (auto& in : copy.inputs) in = mapValue(in);
    for (auto& out : copy.outputs) out = mapValue(out);
    sub.addNode(std::move(copy));
  }
  std::set<ValueId> outAdded;
  for (ValueId v : wantedOutputs)
    if (outAdded.insert(v).second) sub.outputs.push_back(mapValue(v));
  return sub;
}

}  // namespace mb::passes
