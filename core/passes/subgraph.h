// Subgraph extraction (MindConverter's --input_nodes / --output_nodes): keep only what computes the
// requested outputs from the requested inputs. Names may be tensor (value) names or node names.
#pragma once

#include <string>
#include <vector>

#include "ir/graph.h"
#include "util/status.h"

namespace mb::passes {

struct SubgraphSpec {
  // A value name becomes a graph input; a node name makes that node's runtime inputs graph inputs
  // (the node itself is kept). Empty: the graph's own inputs.
  std::vector<std::string> inputs;
  // A value name becomes a graph output; a node name makes all its outputs graph outputs. Empty:
  // the graph's own outputs.
  std::vector<std::string> outputs;
};

// Errors: InvalidArgument when a name is neither a value nor a node, or when a requested input
// does not feed any requested output; InvalidModel when the outputs depend on an original graph
// input that the spec cuts off without naming it (the subgraph would be missing that input).
Expected<Graph> extractSubgraph(const Graph& graph, const SubgraphSpec& spec);

}  // namespace mb::passes
