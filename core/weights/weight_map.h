// The weight-mapping engine: source tensors (a torch state dict, a safetensors file, a ckpt) onto
// target parameters (a converted graph's params, a reference ckpt, a key list). Matching, in order:
// manual overrides; exact name; built-in renames (classic API: BatchNorm/LayerNorm/GroupNorm weight
// and bias → gamma/beta, running stats → moving_*, Embedding weight → embedding_table, PReLU weight
// → w; num_batches_tracked dropped; mint API: identity); user regex rules (then the built-ins again
// on the rewritten name); for leftovers, a unique same-shape parameter in the same scope, then
// position among equally many leftovers with matching shapes. Every entry says how it matched or
// why not, and which transforms (reshape, transpose, cast) turn the source tensor into the target's
// layout.
#pragma once

#include <map>
#include <optional>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "ir/tensor.h"
#include "util/status.h"

namespace mb::weights {

enum class MatchStatus {
  MatchedExact,
  MatchedRule,
  MatchedUserRule,
  MatchedShape,
  MatchedOverride,
  DtypeCast,      // matched (see matchedBy) and cast to the target's dtype
  Dropped,        // source intentionally not carried over (num_batches_tracked)
  Missing,        // target without a source
  Unexpected,     // source without a target
  ShapeMismatch,  // paired by name but the shapes cannot be reconciled
  TypeMismatch,   // paired but the dtypes are of different families
};
const char* matchStatusName(MatchStatus status);
bool isMatched(MatchStatus status);

struct TargetParam {
  std::string name;
  std::optional<std::vector<int64_t>> shape;
  std::optional<DType> dtype;
  std::string module;  // the Cell's API when known ("mindspore.nn.BatchNorm2d"), for reasons
};

struct Transform {
  std::string kind;    // "reshape", "transpose", "cast"
  std::string detail;  // "[64,3,7] → [64,3,1,7]", "float16 → float32"
};

struct MappingEntry {
  std::string source, target;  // empty when missing / unexpected
  MatchStatus status = MatchStatus::Unexpected;
  std::string matchedBy;  // "exact", "rule", "user-rule", "shape", "override" for matched entries
  std::string reason;
  std::vector<int64_t> sourceShape, targetShape;
  DType sourceDType = DType::Undefined, targetDType = DType::Undefined;
  std::vector<Transform> transforms;
  std::string module;  // the target Cell's API when known
};

struct UserRule {
  std::string pattern, replace;
  std::regex regex;
};

struct MappingRules {
  std::vector<UserRule> rules;                   // applied in order to unmatched source names
  std::map<std::string, std::string> overrides;  // source → target, always win
};
// {"rules": [{"match": "^backbone\\.(.*)$", "replace": "$1"}], "overrides": {"src": "target"}}
Expected<MappingRules> parseMappingRules(const std::string& json, const std::string& where);
Expected<MappingRules> loadMappingRules(const std::string& path);

struct MappingOptions {
  std::string targetApi = "classic";  // "classic" | "mint"
  bool matchLeftoversByShape = true;
};

struct MappingResult {
  // Target order first (the checkpoint's order), then dropped and unexpected sources.
  std::vector<MappingEntry> entries;
  size_t count(MatchStatus status) const;
  size_t matched() const;
  // Every target has a source and nothing failed (dropped sources are fine).
  bool complete() const;
};

using SourceTensors = std::vector<std::pair<std::string, Tensor>>;

MappingResult mapWeights(const SourceTensors& sources, const std::vector<TargetParam>& targets,
                         const MappingRules& rules = {}, const MappingOptions& options = {});

// The source tensor turned into the target's layout (a view when no bytes change).
Expected<Tensor> applyTransforms(const Tensor& source, const MappingEntry& entry);

}  // namespace mb::weights
