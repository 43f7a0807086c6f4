// BatchNorm restoration: torch's eval-mode ONNX export folds each BatchNorm into the Conv before
// it. Given the model's state_dict, this pass puts the BatchNorm Cells back into a converted
// (MindSpore-dialect) graph: the Conv gets the state_dict's unfolded weight (and bias, if any) and
// a BatchNorm2d Cell filled from the state_dict follows it, producing the Conv's old output value
// so the per-layer diff still aligns it with the source.
#pragma once

#include <string>
#include <vector>

#include "ir/graph.h"
#include "util/status.h"
#include "weights/weight_map.h"

namespace mb::weights {

struct RestoredBatchNorm {
  std::string conv;       // Conv Cell path, "layer1.0.conv1"
  std::string batchNorm;  // restored BatchNorm Cell path, "layer1.0.bn1"
};

// Matches each 2-D Conv Cell whose state_dict holds `<conv>.weight` with a BatchNorm module next to
// it (`conv*`→`bn*` in the last path part, or the next index: features.0.0 → features.0.1) whose
// running_mean has one entry per output channel. Convs already followed by a BatchNorm are skipped.
Expected<std::vector<RestoredBatchNorm>> restoreBatchNorm(Graph& converted,
                                                          const SourceTensors& stateDict,
                                                          double eps = 1e-5,
                                                          double torchMomentum = 0.1);

}  // namespace mb::weights
