// Constant folding once shapes are known: Constant nodes become initializers, Shape / Size of
// values with known shapes become constants, and every node whose inputs are then all constant is
// evaluated with the ONNX kernel registry (core/exec) and replaced by its results. This collapses
// the shape-computing chains exporters emit (Shape → Gather → Unsqueeze → Concat → Reshape).
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "ir/graph.h"
#include "util/status.h"

namespace mb::passes {

struct FoldOptions {
  // Results larger than this stay computed at run time (folding must not bloat the model).
  uint64_t maxFoldedBytes = uint64_t{1} << 20;
  // Fold only computations on small tensors (≤ 64 elements each: shape chains); leaves weight
  // arithmetic (e.g. a Transpose of a weight) in place so the converter sees the exporter's
  // structure.
  bool shapeChainsOnly = false;
};

struct FoldReport {
  uint64_t foldedNodes = 0;
  std::map<std::string, uint64_t> foldedByOp;
  // Ops that had constant inputs but no kernel registered (the chain stopped there).
  std::map<std::string, uint64_t> missingKernels;
  // Slice / Reshape outputs whose shape became known once their parameters were folded.
  uint64_t shapesRefined = 0;
};

// Folds in place and removes the folded nodes (graph outputs produced by folded nodes stay, as
// initializers). Errors only if a kernel fails on constant inputs (a model bug worth reporting).
Expected<FoldReport> foldConstants(Graph& graph, const FoldOptions& options = {});

}  // namespace mb::passes
