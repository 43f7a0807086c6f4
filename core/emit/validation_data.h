// The data validate.py checks the converted model against on a machine with MindSpore: seeded
// inputs for the source graph and the outputs the source graph computes from them with ONNX
// semantics (MindBridge's reference executor). Written beside model.py as
// validation/inputs/<name>.npy and validation/outputs/<name>.npy (names as npyFileName spells
// them).
#pragma once

#include <map>
#include <string>

#include "io/input_data.h"
#include "ir/graph.h"
#include "ir/tensor.h"
#include "util/status.h"

namespace mb::emitter {

class OutputStager;

struct ValidationData {
  std::map<std::string, Tensor> inputs, outputs;  // by graph input / output name
};

// Fails (without side effects) when an input dim is unknown and not given in `options`, when an op
// of the source graph has no kernel, or when the run fails; the message says which.
Expected<ValidationData> computeValidationData(const Graph& source,
                                               const RandomInputOptions& options);

// Stages every tensor under `outputDir`/validation/{inputs,outputs}/ through `stager` (refuses
// existing files unless the stager overwrites).
Status stageValidationData(OutputStager& stager, const std::string& outputDir,
                           const ValidationData& data);

}  // namespace mb::emitter
