// DNN-shaped graphs for layout benchmarks and tests, named like PyTorch's ONNX exporter names
// nodes ("/layers.3/attn/MatMul_1") so module groups form as they would for a real model.
#pragma once

#include <cstdint>
#include <string>

#include "ir/graph.h"

namespace mb::layout {

enum class SyntheticKind {
  Cnn,          // ResNet-like blocks: conv-bn-relu ×2 + skip Add (7 nodes a block)
  Transformer,  // attention + MLP blocks with residuals (~29 nodes a block)
  Llm,  // transformer blocks + Shape→Gather→Unsqueeze→Concat side chains + one attention
        // mask and one rotary table feeding every block (the long-edge pattern of LLMs)
};

const char* syntheticKindName(SyntheticKind kind);
bool parseSyntheticKind(const std::string& name, SyntheticKind& kind);
// About `nodes` nodes (whole blocks).
Graph makeSyntheticGraph(SyntheticKind kind, int64_t nodes);

}  // namespace mb::layout
