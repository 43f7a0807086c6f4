// Prints a MindSpore-dialect Graph as a readable model.py (both API levels).
//
// The Cell hierarchy mirrors Node::scope; blocks with the same structure share one class whose
// constructor takes the arguments that differ between instances; construct() follows the data flow
// with local names taken from scopes and operators. Everything printed comes from the graph.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "ir/graph.h"
#include "util/status.h"

namespace mb::emitter {

struct ModelPyOptions {
  std::string modelName;       // file stem: "resnet18" (names the top class)
  std::string sourceFile;      // shown in the header
  std::string sourceSha256;    // shown in the header
  std::string checkpointFile;  // "resnet18.ckpt", named in the header's usage hint
};

// One tensor the checkpoint must hold: `key` is the Parameter name the emitted Cells create.
struct CheckpointEntry {
  std::string key;
  ValueId value = kNoValue;
  bool isConstant = false;  // a non-trainable constant (Parameter with requires_grad=False)
};

struct SourceLocation {
  int line = 0;    // 1-based, in the generated file
  int column = 0;  // 1-based
};

struct ModelPyResult {
  std::string code;
  std::string topClass;                        // name of the model's Cell
  std::vector<CheckpointEntry> checkpoint;     // exactly the Parameters the code creates
  std::map<NodeId, SourceLocation> callSites;  // where each node is used in construct()
  std::map<std::string, std::vector<std::string>> classInstances;  // class → instance paths
  std::vector<std::string> warnings;
  std::vector<std::string> inputNames;   // construct() arguments of the top class, in order
  std::vector<std::string> outputNames;  // graph output names, in order
};

// Fails only on graphs that are not MindSpore-dialect or have a cycle; unconverted nodes become
// placeholder Cells.
Expected<ModelPyResult> printModelPy(const Graph& graph, const ModelPyOptions& options);

}  // namespace mb::emitter
