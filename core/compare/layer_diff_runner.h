// Runs the source graph (ONNX semantics) and the converted graph (MindSpore semantics) on the same
// inputs with every value tapped, and diffs them layer by layer. Nodes of the converted graph the
// executor has no kernel for are treated like unconverted ones: their values and everything
// downstream are "not computed" (listed with the reason), the rest is still compared.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include "compare/diff_report.h"
#include "io/input_data.h"

namespace mb::compare {

struct DiffRunOptions {
  DiffOptions tolerances;
  int samples = 1;    // seeded random samples (ignored when `inputs` supplies every input)
  uint64_t seed = 0;  // sample s uses seed + s·1000003 (input i adds i, see randomInputs)
  // Fixed inputs by name (user files); inputs not given are drawn at random per sample.
  std::map<std::string, Tensor> inputs;
  RandomInputOptions random;  // shapes / symbolic dim values / integer range for random inputs
  int threads = 2;
  std::atomic<bool>* cancel = nullptr;
  // Called after each run: runs done, runs total (2 per sample).
  std::function<void(int done, int total)> progress;
};

Expected<DiffReport> runLayerDiff(const Graph& source, const Graph& converted,
                                  const DiffRunOptions& options);

// A copy of `converted` in which nodes without an executor kernel are marked unconverted (reason
// names the API); `missing` receives "node (api)" for each.
Graph markUnexecutableNodes(const Graph& converted, std::vector<std::string>& missing);

}  // namespace mb::compare
