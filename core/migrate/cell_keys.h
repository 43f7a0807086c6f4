// The checkpoint keys a MindSpore script's model creates, found without MindSpore: a small
// interpreter runs the model class's __init__ (and the helpers it calls) over constants, lists,
// loops and conditions, builds the Cell tree, and takes each API Cell's Parameters from MindSpore
// 2.7's table (nn.Dense → weight, bias if has_bias; nn.BatchNorm2d → gamma, beta, moving_mean,
// moving_variance; mint.nn.BatchNorm2d → weight, bias, running_mean, running_var,
// num_batches_tracked). Keys are dotted attribute paths; SequentialCell / CellList children are
// numbered, as MindSpore names them.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "migrate/python_ast.h"
#include "util/status.h"

namespace mb::migrate {

struct CellKeysOptions {
  std::string className;  // empty: the Cell class no other class of the file instantiates
  // Constructor arguments as Python source ("num_classes", "10"); the rest take their defaults.
  std::vector<std::pair<std::string, std::string>> arguments;
};

struct CellKeys {
  std::string className;
  std::vector<std::string> keys;      // in creation order
  std::vector<std::string> warnings;  // parts of __init__ that were skipped
};

// Errors name the statement the interpreter could not follow (file:line:col and why).
Expected<CellKeys> listCellParameterKeys(const Module& script, const CellKeysOptions& options = {});

struct KeyComparison {
  std::vector<std::string> onlyInScript, onlyInCheckpoint;
  size_t matched = 0;
  bool equal() const { return onlyInScript.empty() && onlyInCheckpoint.empty(); }
};

KeyComparison compareKeys(const std::vector<std::string>& script,
                          const std::vector<std::string>& checkpoint);

}  // namespace mb::migrate
