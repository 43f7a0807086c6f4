// ONNX model → Graph (ONNX dialect), through Debian's libonnx: parse, check, infer shapes with the
// user's input shapes, resolve external data safely, and validate the graph's structure.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "ir/graph.h"
#include "util/status.h"

namespace mb {

struct OnnxImportOptions {
  // Input name → shape that replaces the model's (symbolic) dims (MindConverter's --shape).
  std::map<std::string, std::vector<int64_t>> inputShapes;
  bool runChecker = true;
  bool inferShapes = true;
  uint64_t maxNodes = 5'000'000;
  uint64_t maxTensorBytes = uint64_t{64} << 30;
};

struct OnnxImportResult {
  Graph graph;
  std::vector<std::string> warnings;
  std::string path;
  uint64_t fileBytes = 0;
};

// Newest ai.onnx opset this build's ONNX schemas know; newer models load with a warning.
int64_t maxKnownOnnxOpset();

Expected<OnnxImportResult> importOnnxFile(const std::string& path,
                                          const OnnxImportOptions& options = {});
// The same from bytes already in memory (fuzzing, tests); external data resolves against baseDir.
Expected<OnnxImportResult> importOnnxBytes(const std::string& bytes, const std::string& baseDir,
                                           const OnnxImportOptions& options = {});

// A serialized onnx.TensorProto (e.g. the backend test suite's input_N.pb) → owned Tensor, with
// the same checks as initializers; `where` names the source in errors.
Expected<Tensor> tensorFromProtoBytes(const std::string& bytes, const std::string& where);

// Parses "name:1,3,224,224" (or "1,3,224,224" for the n-th input) as given on the command line.
Expected<std::pair<std::string, std::vector<int64_t>>> parseShapeSpec(const std::string& spec);

}  // namespace mb
