// Model statistics for `inspect` and the GUI's summary: parameters, an op histogram, scope depth
// and a FLOPs estimate from inferred shapes.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "ir/graph.h"

namespace mb::passes {

struct ModelStats {
  uint64_t nodes = 0;
  uint64_t parameterCount = 0;  // elements of all initializers (weights and buffers)
  uint64_t parameterBytes = 0;
  uint64_t initializers = 0;
  std::map<std::string, uint64_t> opHistogram;  // "Conv", "com.microsoft::Gelu"
  int scopeDepth = 0;
  // FLOPs: a multiply-add counts 2 (Conv, ConvTranspose, Gemm, MatMul, RNNs); element-wise ops
  // count 1 per output element (BatchNorm 2, pools one per window element). Bias additions are not
  // counted. Nodes whose shapes are unknown count 0 and are listed in flopsUnknownNodes.
  uint64_t flops = 0;
  std::map<std::string, uint64_t> flopsByOp;
  uint64_t flopsUnknownNodes = 0;
};

ModelStats computeStats(const Graph& graph);
// FLOPs of one node, or nullopt when its shapes are not known well enough.
std::optional<uint64_t> nodeFlops(const Graph& graph, const Node& node);

}  // namespace mb::passes
