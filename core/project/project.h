// The .mbproj project file: everything needed to redo a conversion and its numerical check — the
// source model (path relative to the project file + sha256), input shapes, target API, per-node
// converter overrides, weight-mapping edits, tolerances and diff settings. JSON, versioned.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "compare/layer_diff.h"
#include "convert/convert_types.h"
#include "ir/shape.h"
#include "util/status.h"
#include "weights/weight_map.h"

namespace mb::project {

// 2: adds `fixes` (API picks, templates, snippets per node). Version 1 files load unchanged (no
// fixes) and are written back as version 2.
constexpr int kProjectSchemaVersion = 2;

struct InputSpec {
  std::string name;
  std::vector<Dim> shape;  // known sizes or symbolic names ("batch")
};

struct DiffSettings {
  int samples = 1;
  uint64_t seed = 0;
};

struct Project {
  int schemaVersion = kProjectSchemaVersion;
  std::string modelPath;    // as stored: relative to the project file's folder (or absolute)
  std::string modelSha256;  // hex digest of the model when the project was saved; empty = unknown
  std::vector<InputSpec> inputs;
  std::vector<std::string> inputNodes, outputNodes;  // empty = the model's own
  convert::TargetApi targetApi = convert::TargetApi::Classic;
  std::map<std::string, convert::NodeOverride> overrides;  // = ConvertOptions::overrides
  convert::OpFixes fixes;                                  // = ConvertOptions::fixes
  weights::MappingRules weightMapping;                     // manual pairs + regex rules
  compare::Tolerance tolerance;
  std::map<std::string, compare::Tolerance> layerTolerances;  // by layer / node name
  DiffSettings diff;
};

// JSON text of a project (stable key order, 2-space indent) and its inverse. Errors name the JSON
// path of the bad field ("inputs[1].shape") in Error::where, prefixed by `source`.
std::string projectToJson(const Project& project);
Expected<Project> parseProject(const std::string& text, const std::string& source);

Expected<Project> loadProject(const std::string& path);
// Atomic: the old file stays intact if anything fails.
Status saveProject(const Project& project, const std::string& path);

// modelPath resolved against the project file's folder (absolute paths unchanged).
std::string resolveModelPath(const Project& project, const std::string& projectPath);
// Path of `modelPath` relative to the folder `projectPath` will live in (for storing).
std::string relativeModelPath(const std::string& modelPath, const std::string& projectPath);

struct ModelCheck {
  bool exists = false;
  bool shaMatches = false;  // false also when the project stores no digest
  std::string resolvedPath, actualSha256;
  std::string explanation;  // empty when everything is fine
  bool ok() const { return exists && shaMatches; }
};
ModelCheck checkSourceModel(const Project& project, const std::string& projectPath);

// ConvertOptions carrying the project's target API, overrides and fixes.
convert::ConvertOptions convertOptions(const Project& project);

}  // namespace mb::project
