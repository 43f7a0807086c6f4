#include "weights/weight_map.h"

#include <algorithm>
#include <cstring>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_map>

#include "io/mapped_file.h"

namespace mb::weights {
namespace {

struct Rename {
  const char* from;
  const char* to;
  const char* reason;
};

// torch parameter leaf → MindSpore nn parameter leaf (mindspore-facts.md §3.4). Tried in order; the
// first whose target exists wins, so "weight" becomes gamma for norms, embedding_table for
// Embedding.
constexpr Rename kClassicRenames[] = {
    {"running_mean", "moving_mean", "BatchNorm running_mean is moving_mean in mindspore.nn"},
    {"running_var", "moving_variance", "BatchNorm running_var is moving_variance in mindspore.nn"},
    {"weight", "gamma", "BatchNorm/LayerNorm/GroupNorm weight is gamma in mindspore.nn"},
    {"bias", "beta", "BatchNorm/LayerNorm/GroupNorm bias is beta in mindspore.nn"},
    {"weight", "embedding_table", "Embedding weight is embedding_table in mindspore.nn"},
    {"weight", "w", "PReLU weight is the attribute w of mindspore.nn.PReLU"},
};

std::pair<std::string, std::string> splitLeaf(const std::string& name) {
  auto dot = name.rfind('.');
  if (dot == std::string::npos) return {"", name};
  return {name.substr(0, dot), name.substr(dot + 1)};
}

std::string join(const std::string& scope, const std::string& leaf) {
  return scope.empty() ? leaf : scope + "." + leaf;
}

std::vector<int64_t> withoutOnes(const std::vector<int64_t>& dims) {
  std::vector<int64_t> out;
  for (int64_t d : dims)
    if (d != 1) out.push_back(d);
  return out;
}

bool sameFamily(DType a, DType b) {
  return (isFloating(a) && isFloating(b)) || (isInteger(a) && isInteger(b));
}

class Matcher {
 public:
  Matcher(const SourceTensors& sources, const std::vector<TargetParam>& targets,
          const MappingRules& rules, const MappingOptions& options)
      : sources_(sources), targets_(targets), rules_(rules), options_(options) {
    for (size_t i = 0; i < targets.size(); ++i) targetIndex_.emplace(targets[i].name, i);
    sourceOf_.assign(targets.size(), kNone);
    targetOf_.assign(sources.size(), kNone);
    how_.resize(sources.size());
    dropped_.assign(sources.size(), false);
  }

  MappingResult run() {
    overrides();
    for (size_t s = 0; s < sources_.size(); ++s)
      byName(s, sources_[s].first, "exact", MatchStatus::MatchedExact, "");
    builtIns();
    userRules();
    // Only after every name-based step: a user rule may still map a counter (mint keeps them).
    dropBatchCounters();
    if (options_.matchLeftoversByShape) leftovers();
    return result();
  }

 private:
  static constexpr size_t kNone = ~size_t(0);
  struct How {
    std::string by, reason;
    MatchStatus status = MatchStatus::Unexpected;
  };

  std::optional<size_t> freeTarget(const std::string& name) const {
    auto found = targetIndex_.find(name);
    if (found == targetIndex_.end() || sourceOf_[found->second] != kNone) return std::nullopt;
    return found->second;
  }
  void pair(size_t s, size_t t, const std::string& by, MatchStatus status,
            const std::string& reason) {
    sourceOf_[t] = s;
    targetOf_[s] = t;
    how_[s] = {by, reason, status};
  }
  bool byName(size_t s, const std::string& name, const std::string& by, MatchStatus status,
              const std::string& reason) {
    if (targetOf_[s] != kNone || dropped_[s]) return false;
    auto t = freeTarget(name);
    if (!t) return false;
    pair(s, *t, by, status, reason);
    return true;
  }
  void overrides() {
    for (const auto& [from, to] : rules_.overrides)
      for (size_t s = 0; s < sources_.size(); ++s)
        if (sources_[s].first == from)
          byName(s, to, "override", MatchStatus::MatchedOverride,
                 "manual override " + from + " → " + to);
  }
  // Built-in renames of `name` (the source's own name or a user rule's rewrite).
  bool renames(size_t s, const std::string& name, const std::string& by, MatchStatus status,
               const std::string& prefix) {
    if (options_.targetApi == "mint") return false;  // mint keeps torch's names
    auto [scope, leaf] = splitLeaf(name);
    for (const auto& rename : kClassicRenames) {
      if (leaf != rename.from) continue;
      if (byName(s, join(scope, rename.to), by, status, prefix + rename.reason)) return true;
      // BatchNorm3d keeps its parameters in an inner BatchNorm2d called bn2d.
      if (byName(s, join(join(scope, "bn2d"), rename.to), by, status,
                 prefix + rename.reason + " (BatchNorm3d: bn2d.)"))
        return true;
    }
    return false;
  }
  void dropIfBatchCounter(size_t s, const std::string& name) {
    if (targetOf_[s] != kNone || splitLeaf(name).second != "num_batches_tracked") return;
    dropped_[s] = true;
    how_[s] = {"",
               "BatchNorm's num_batches_tracked has no counterpart in the target (not needed for "
               "inference "
               "or fine-tuning with a fixed momentum)",
               MatchStatus::Dropped};
  }
  void builtIns() {
    for (size_t s = 0; s < sources_.size(); ++s) {
      if (targetOf_[s] != kNone) continue;
      renames(s, sources_[s].first, "rule", MatchStatus::MatchedRule, "");
    }
  }
  void dropBatchCounters() {
    for (size_t s = 0; s < sources_.size(); ++s) dropIfBatchCounter(s, rewritten(s));
  }
  std::string rewritten(size_t s) const {
    std::string name = sources_[s].first;
    for (const auto& rule : rules_.rules)
      if (std::regex_search(name, rule.regex))
        name = std::regex_replace(name, rule.regex, rule.replace);
    return name;
  }
  void userRules() {
    if (rules_.rules.empty()) return;
    for (size_t s = 0; s < sources_.size(); ++s) {
      if (targetOf_[s] != kNone || dropped_[s]) continue;
      std::string name = rewritten(s);
      if (name == sources_[s].first) continue;
      std::string prefix = "user rule: " + sources_[s].first + " → " + name;
      if (byName(s, name, "user-rule", MatchStatus::MatchedUserRule, prefix)) continue;
      renames(s, name, "user-rule", MatchStatus::MatchedUserRule, prefix + "; ");
    }
  }
  bool shapeFits(size_t s, size_t t) const {
    if (!targets_[t].shape) return false;
    const auto& a = sources_[s].second.dims();
    const auto& b = *targets_[t].shape;
    if (a == b) return true;
    return checkedNumel(a) == checkedNumel(b) && withoutOnes(a) == withoutOnes(b);
  }
  void leftovers() {
    std::vector<size_t> freeSources, freeTargets;
    for (size_t s = 0; s < sources_.size(); ++s)
      if (targetOf_[s] == kNone && !dropped_[s]) freeSources.push_back(s);
    for (size_t t = 0; t < targets_.size(); ++t)
      if (sourceOf_[t] == kNone) freeTargets.push_back(t);
    // Same scope, and the only free parameter of that shape there.
    for (size_t s : freeSources) {
      std::string scope = splitLeaf(rewritten(s)).first;
      size_t only = kNone;
      int candidates = 0;
      for (size_t t : freeTargets)
        if (sourceOf_[t] == kNone && splitLeaf(targets_[t].name).first == scope &&
            shapeFits(s, t)) {
          only = t;
          ++candidates;
        }
      if (candidates == 1)
        pair(s, only, "shape", MatchStatus::MatchedShape,
             "only unmatched parameter of this shape in scope '" + scope + "'");
    }
    // Position: equally many leftovers whose shapes agree pairwise in order.
    std::vector<size_t> restS, restT;
    for (size_t s : freeSources)
      if (targetOf_[s] == kNone) restS.push_back(s);
    for (size_t t : freeTargets)
      if (sourceOf_[t] == kNone) restT.push_back(t);
    if (restS.empty() || restS.size() != restT.size()) return;
    for (size_t i = 0; i < restS.size(); ++i)
      if (!shapeFits(restS[i], restT[i])) return;
    for (size_t i = 0; i < restS.size(); ++i)
      pair(restS[i], restT[i], "shape", MatchStatus::MatchedShape,
           "by position among the " + std::to_string(restS.size()) +
               " unmatched parameters (shapes agree)");
  }

  // Shape and dtype checks and transforms for a matched pair.
  void finishPair(MappingEntry& entry, const TargetParam& target) {
    entry.targetShape = target.shape.value_or(entry.sourceShape);
    entry.targetDType = target.dtype.value_or(entry.sourceDType);
    const auto& a = entry.sourceShape;
    const auto& b = entry.targetShape;
    if (a != b) {
      if (checkedNumel(a) == checkedNumel(b) && withoutOnes(a) == withoutOnes(b)) {
        entry.transforms.push_back({"reshape", dimsToString(a) + " → " + dimsToString(b)});
      } else if (a.size() == 2 && b.size() == 2 && a[0] == b[1] && a[1] == b[0]) {
        entry.transforms.push_back({"transpose", dimsToString(a) + " → " + dimsToString(b)});
      } else {
        entry.status = MatchStatus::ShapeMismatch;
        entry.reason += (entry.reason.empty() ? "" : "; ") + std::string("source shape ") +
                        dimsToString(a) + " cannot become target shape " + dimsToString(b);
        return;
      }
    }
    if (entry.targetDType != entry.sourceDType) {
      if (!sameFamily(entry.sourceDType, entry.targetDType)) {
        entry.status = MatchStatus::TypeMismatch;
        entry.reason += (entry.reason.empty() ? "" : "; ") +
                        std::string(dtypeName(entry.sourceDType)) + " cannot be cast to " +
                        std::string(dtypeName(entry.targetDType)) + " safely";
        return;
      }
      entry.transforms.push_back({"cast", std::string(dtypeName(entry.sourceDType)) + " → " +
                                              std::string(dtypeName(entry.targetDType))});
      entry.status = MatchStatus::DtypeCast;
    }
  }

  MappingResult result() {
    MappingResult out;
    for (size_t t = 0; t < targets_.size(); ++t) {
      MappingEntry entry;
      entry.target = targets_[t].name;
      entry.module = targets_[t].module;
      if (sourceOf_[t] == kNone) {
        entry.status = MatchStatus::Missing;
        entry.targetShape = targets_[t].shape.value_or(std::vector<int64_t>{});
        entry.targetDType = targets_[t].dtype.value_or(DType::Undefined);
        entry.reason = "no source tensor matches this parameter (by name, rule or shape)";
      } else {
        size_t s = sourceOf_[t];
        entry.source = sources_[s].first;
        entry.sourceShape = sources_[s].second.dims();
        entry.sourceDType = sources_[s].second.dtype();
        entry.status = how_[s].status;
        entry.matchedBy = how_[s].by;
        entry.reason = how_[s].reason.empty() ? "same name" : how_[s].reason;
        finishPair(entry, targets_[t]);
      }
      out.entries.push_back(std::move(entry));
    }
    for (size_t s = 0; s < sources_.size(); ++s) {
      if (targetOf_[s] != kNone) continue;
      MappingEntry entry;
      entry.source = sources_[s].first;
      entry.sourceShape = sources_[s].second.dims();
      entry.sourceDType = sources_[s].second.dtype();
      if (dropped_[s]) {
        entry.status = MatchStatus::Dropped;
        entry.reason = how_[s].reason;
      } else {
        entry.status = MatchStatus::Unexpected;
        entry.reason = "no target parameter named " + sources_[s].first +
                       (options_.targetApi == "classic" ? " or a mindspore.nn rename of it" : "");
      }
      out.entries.push_back(std::move(entry));
    }
    return out;
  }

  const SourceTensors& sources_;
  const std::vector<TargetParam>& targets_;
  const MappingRules& rules_;
  const MappingOptions& options_;
  std::unordered_map<std::string, size_t> targetIndex_;
  std::vector<size_t> sourceOf_, targetOf_;
  std::vector<How> how_;
  std::vector<bool> dropped_;
};

// Element-wise cast inside the float family or the integer family.
Tensor castTensor(const Tensor& in, DType to) {
  Tensor out = Tensor::zeros(to, in.dims());
  const int64_t n = in.numel();
  for (int64_t i = 0; i < n; ++i) {
    std::byte* dst = out.mutableBytes() + static_cast<size_t>(i) * dtypeSize(to);
    if (isFloating(to)) {
      double v = in.elementAsDouble(i);
      switch (to) {
        case DType::Float32: {
          float f = static_cast<float>(v);
          std::memcpy(dst, &f, 4);
          break;
        }
        case DType::Float64:
          std::memcpy(dst, &v, 8);
          break;
        case DType::Float16: {
          uint16_t h = floatToHalf(static_cast<float>(v));
          std::memcpy(dst, &h, 2);
          break;
        }
        default: {
          uint16_t b = floatToBfloat16(static_cast<float>(v));
          std::memcpy(dst, &b, 2);
          break;
        }
      }
    } else {
      int64_t v = in.elementAsInt64(i);
      std::memcpy(dst, &v, dtypeSize(to));  // little-endian: the low bytes are the narrower integer
    }
  }
  return out;
}

}  // namespace

const char* matchStatusName(MatchStatus status) {
  switch (status) {
    case MatchStatus::MatchedExact:
      return "matched-exact";
    case MatchStatus::MatchedRule:
      return "matched-rule";
    case MatchStatus::MatchedUserRule:
      return "matched-user-rule";
    case MatchStatus::MatchedShape:
      return "matched-shape";
    case MatchStatus::MatchedOverride:
      return "matched-override";
    case MatchStatus::DtypeCast:
      return "dtype-cast";
    case MatchStatus::Dropped:
      return "dropped";
    case MatchStatus::Missing:
      return "missing";
    case MatchStatus::Unexpected:
      return "unexpected";
    case MatchStatus::ShapeMismatch:
      return "shape-mismatch";
    case MatchStatus::TypeMismatch:
      return "type-mismatch";
  }
  return "?";
}

bool isMatched(MatchStatus status) {
  switch (status) {
    case MatchStatus::MatchedExact:
    case MatchStatus::MatchedRule:
    case MatchStatus::MatchedUserRule:
    case MatchStatus::MatchedShape:
    case MatchStatus::MatchedOverride:
    case MatchStatus::DtypeCast:
      return true;
    default:
      return false;
  }
}

size_t MappingResult::count(MatchStatus status) const {
  return static_cast<size_t>(std::count_if(entries.begin(), entries.end(),
                                           [&](const auto& e) { return e.status == status; }));
}
size_t MappingResult::matched() const {
  return static_cast<size_t>(std::count_if(entries.begin(), entries.end(),
                                           [](const auto& e) { return isMatched(e.status); }));
}
bool MappingResult::complete() const {
  return std::all_of(entries.begin(), entries.end(), [](const auto& e) {
    return isMatched(e.status) || e.status == MatchStatus::Dropped;
  });
}

MappingResult mapWeights(const SourceTensors& sources, const std::vector<TargetParam>& targets,
                         const MappingRules& rules, const MappingOptions& options) {
  return Matcher(sources, targets, rules, options).run();
}

Expected<Tensor> applyTransforms(const Tensor& source, const MappingEntry& entry) {
  Tensor out = source;
  for (const auto& transform : entry.transforms) {
    if (transform.kind == "reshape") {
      out = out.reshaped(entry.targetShape);
    } else if (transform.kind == "transpose") {
      const int64_t rows = out.dims()[0], cols = out.dims()[1];
      const size_t elem = dtypeSize(out.dtype());
      Tensor t = Tensor::zeros(out.dtype(), {cols, rows});
      for (int64_t r = 0; r < rows; ++r)
        for (int64_t c = 0; c < cols; ++c)
          std::memcpy(t.mutableBytes() + static_cast<size_t>(c * rows + r) * elem,
                      out.bytes() + static_cast<size_t>(r * cols + c) * elem, elem);
      out = t;
    } else if (transform.kind == "cast") {
      out = castTensor(out, entry.targetDType);
    } else {
      return makeError(ErrorCode::Internal, "unknown transform " + transform.kind, entry.source);
    }
  }
  return out;
}

Expected<MappingRules> parseMappingRules(const std::string& text, const std::string& where) {
  nlohmann::json json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded() || !json.is_object())
    return makeError(ErrorCode::BadFormat,
                     "not a JSON object; expected {\"rules\": [...], \"overrides\": {...}}", where);
  MappingRules rules;
  for (const auto& [key, value] : json.items())
    if (key != "rules" && key != "overrides")
      return makeError(ErrorCode::InvalidArgument,
                       "unknown key '" + key + "' (expected rules, overrides)", where);
  if (json.contains("rules")) {
    if (!json["rules"].is_array())
      return makeError(ErrorCode::BadFormat, "'rules' must be a list", where);
    size_t i = 0;
    for (const auto& rule : json["rules"]) {
      const std::string at = where + ": rules[" + std::to_string(i++) + "]";
      if (!rule.is_object() || !rule.contains("match") || !rule["match"].is_string() ||
          !rule.contains("replace") || !rule["replace"].is_string())
        return makeError(ErrorCode::BadFormat,
                         "each rule needs string fields 'match' and 'replace'", at);
      UserRule parsed{rule["match"], rule["replace"], {}};
      try {
        parsed.regex = std::regex(parsed.pattern, std::regex::ECMAScript);
      } catch (const std::regex_error& e) {
        return makeError(ErrorCode::InvalidArgument,
                         "invalid regular expression '" + parsed.pattern + "': " + e.what(), at);
      }
      rules.rules.push_back(std::move(parsed));
    }
  }
  if (json.contains("overrides")) {
    if (!json["overrides"].is_object())
      return makeError(ErrorCode::BadFormat, "'overrides' must be an object", where);
    for (const auto& [from, to] : json["overrides"].items()) {
      if (!to.is_string())
        return makeError(ErrorCode::BadFormat, "override of '" + from + "' must be a string",
                         where);
      rules.overrides[from] = to.get<std::string>();
    }
  }
  return rules;
}

Expected<MappingRules> loadMappingRules(const std::string& path) {
  auto text = readTextFile(path, 16u << 20);
  if (!text) return text.error();
  return parseMappingRules(*text, path);
}

}  // namespace mb::weights
