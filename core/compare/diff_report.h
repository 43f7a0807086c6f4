// Per-layer diff of a converted graph against its source: which values correspond (through
// Value::sourceValue provenance and output-to-output), how they compare over one or more samples,
// and the first layer (in the source's topological order) where they diverge.
#pragma once

#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "compare/layer_diff.h"
#include "ir/graph.h"
#include "util/status.h"

namespace mb::compare {

// Tapped values of one run: value name → tensor.
using TapMap = std::unordered_map<std::string, Tensor>;

// One source value and the converted value that computes the same thing.
struct AlignedValue {
  std::string sourceValue;
  std::string convertedValue;
  std::string sourceNode, sourceOp;         // producer in the source graph
  std::string convertedNode, convertedApi;  // producer in the converted graph
  int64_t order = 0;                        // producer's index in the source topological order
  bool isOutput = false;                    // a graph output of the source
  bool notComputed = false;  // the converted value lies downstream of an unconverted node
};

// ValueIds of the converted graph that cannot be computed because an unconverted node (or a value
// without data) lies upstream. Indexed by ValueId.
std::vector<bool> notComputedValues(const Graph& converted);

// Pairs every computed source value with its converted counterpart, in source topological order.
// When several converted values name the same source value, the last one computed wins (a lowering
// such as ops.pad + nn.Conv2d marks the value the whole chain produces).
Expected<std::vector<AlignedValue>> alignValues(const Graph& source, const Graph& converted);

enum class LayerStatus {
  Compared,       // both sides computed; see passed
  NotComputed,    // downstream of an unconverted node
  Missing,        // should have been computed but the converted run did not produce it
  ShapeMismatch,  // both computed, element counts or dims differ
};
const char* layerStatusName(LayerStatus status);

struct LayerDiff {
  AlignedValue align;
  LayerStatus status = LayerStatus::Compared;
  std::string refDType, gotDType;
  std::vector<int64_t> refShape, gotShape;
  Tolerance tolerance;
  LayerStats stats;      // worst case over samples
  int samples = 0;       // samples compared
  int worstSample = -1;  // sample with the largest max_abs
  bool passed = false;   // compared, and every element within tolerance in every sample
  std::string note;      // why missing / mismatched, dtype differences
};

struct DiffOptions {
  Tolerance defaults;
  // Per-layer overrides, keyed by source value name or source node name.
  std::map<std::string, Tolerance> overrides;
};

struct DiffReport {
  std::string model;
  std::string targetApi;
  int samples = 0;
  uint64_t seed = 0;
  Tolerance defaults;
  std::vector<LayerDiff> layers;         // source topological order
  std::optional<size_t> firstDivergent;  // index into layers
  std::vector<std::string> unconvertedNodes;
  // Nodes from a user's fix that cannot be checked: hand-written snippets, and picked APIs the
  // executor has no kernel for ("node (why)"). Values after them are not computed.
  std::vector<std::string> unverifiedNodes;
  std::vector<std::string> notComputed;      // converted value names that could not be computed
  std::vector<std::string> executionErrors;  // messages from the runs (kernel failures)

  // True when no compared layer is out of tolerance and nothing is missing. Layers not computed
  // because of unconverted nodes do not fail the check; they are reported separately.
  bool passed() const;
  size_t count(LayerStatus status) const;
  size_t failedCount() const;
  nlohmann::json toJson() const;
  std::string toCsv() const;
};

// Collects samples for a fixed alignment; finish() yields the report.
class DiffAccumulator {
 public:
  DiffAccumulator(std::vector<AlignedValue> aligned, DiffOptions options);
  void addSample(const TapMap& sourceTaps, const TapMap& convertedTaps);
  DiffReport finish() const;

 private:
  std::vector<AlignedValue> aligned_;
  DiffOptions options_;
  std::vector<LayerDiff> layers_;
  int samples_ = 0;
};

// Writes diff.json and diff.csv into `dir` (created if needed), each through a temporary file.
Status writeDiffFiles(const DiffReport& report, const std::string& dir);

}  // namespace mb::compare
