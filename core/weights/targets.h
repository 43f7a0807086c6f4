// Where target parameter lists come from: a converted Graph (MindSpore dialect: node.params, whose
// Value::name is the checkpoint key), a reference MindSpore checkpoint, a key list file, or —
// until a converted graph is at hand — an ONNX export in training mode, whose initializers carry
// the state-dict names (renamed to mindspore.nn's by the consuming operator for the classic API).
#pragma once

#include <string>
#include <vector>

#include "ir/graph.h"
#include "util/status.h"
#include "weights/weight_map.h"

namespace mb::weights {

std::vector<TargetParam> targetsFromGraph(const Graph& converted);
Expected<std::vector<TargetParam>> targetsFromCheckpoint(const std::string& path);
// One key per line: "name [shape [dtype]]", shape as 64,3,7,7 or [64, 3, 7, 7] or [] for a scalar;
// '#' starts a comment.
Expected<std::vector<TargetParam>> parseKeyList(const std::string& text, const std::string& where);
Expected<std::vector<TargetParam>> targetsFromKeyFile(const std::string& path);
// Converts the model (core/convert) and takes the converted graph's parameters; falls back to the
// named initializers when conversion yields none. `how` (optional) says which was used. With
// `restoreBnFrom`, the BatchNorms folded by torch's eval export are restored from that state_dict
// first (weights/restore_bn.h), so its BatchNorm tensors have targets.
Expected<std::vector<TargetParam>> targetsFromOnnx(const std::string& path,
                                                   const std::string& targetApi,
                                                   std::string* how = nullptr,
                                                   const SourceTensors* restoreBnFrom = nullptr);
std::vector<TargetParam> targetsFromOnnxGraph(const Graph& graph, const std::string& targetApi);

}  // namespace mb::weights
