// The source graph a project converts: the model imported with the project's input shapes, cut
// between its input nodes and output nodes — what `mindbridge-cli convert --project` converts, so
// the workbench's re-conversion and the CLI agree. Also the dim text the Inputs panel edits.
#pragma once

#include <string>
#include <vector>

#include "ir/graph.h"
#include "project/project.h"
#include "util/status.h"

namespace mb::project {

// "1,3,224,224", "batch, 3, 224, 224": each dim a positive number or a name ([A-Za-z_][\w]*).
// Errors name the bad dim ("dim 2: 'x1' is neither a size nor a name").
Expected<std::vector<Dim>> parseDimsText(const std::string& text);
std::string dimsText(const std::vector<Dim>& dims);  // "batch,3,224,224"; "?" for unknown dims

struct ProjectSource {
  Graph graph;  // imported, shape-inferred, cut
  std::vector<std::string> warnings;
};

// Imports `modelPath` the project's way:
// - a graph input whose shape is all numbers replaces the model's symbolic dims (as --shape);
//   a name renames the model's symbolic dim everywhere in the graph ("batch" → "N"); a number
//   in a shape that also has names must equal the model's own size;
// - an input node (project.inputNodes, or an `inputs` entry that is not a graph input) is a cut
//   point and needs a shape of numbers; output nodes cut the graph after them.
// Errors say what is wrong and name the input in Error::where ("input 'x' dim 0").
Expected<ProjectSource> importProjectSource(const std::string& modelPath, const Project& project);

}  // namespace mb::project
