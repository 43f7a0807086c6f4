#include "weights/weight_outputs.h"

#include <algorithm>
#include <array>
#include <sstream>
#include <unordered_map>

namespace mb::weights {

Status writeMappedCheckpoint(const std::string& path, const SourceTensors& sources,
                             const MappingResult& mapping, const CheckpointWriteOptions& options,
                             bool allowPartial) {
  if (!allowPartial && !mapping.complete())
    return makeError(ErrorCode::InvalidArgument,
                     "the weight mapping is incomplete (" + mappingSummary(mapping) +
                         "); fix it with --rules, or allow a partial checkpoint",
                     path);
  std::unordered_map<std::string, const Tensor*> byName;
  for (const auto& [name, tensor] : sources) byName.emplace(name, &tensor);
  auto writer = CheckpointWriter::create(path, options);
  if (!writer) return writer.error();
  for (const auto& entry : mapping.entries) {
    if (!isMatched(entry.status)) continue;
    auto found = byName.find(entry.source);
    if (found == byName.end())
      return makeError(ErrorCode::Internal, "mapped source tensor vanished", entry.source);
    auto tensor = applyTransforms(*found->second, entry);
    if (!tensor) return tensor.error();
    MB_TRY(writer->add(entry.target, *tensor));
  }
  return writer->finish();
}

nlohmann::json weightMapJson(const std::string& modelName, const MappingResult& mapping) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& entry : mapping.entries) {
    nlohmann::json item;
    if (!entry.target.empty())
      item["converted_weight"] = {
          {"name", entry.target},
          {"shape", entry.targetShape},
          {"data_type", std::string(mindsporeDTypeName(entry.targetDType))}};
    else
      item["converted_weight"] = nullptr;
    if (!entry.source.empty())
      item["source_weight"] = {{"name", entry.source},
                               {"shape", entry.sourceShape},
                               {"data_type", std::string(dtypeName(entry.sourceDType))}};
    else
      item["source_weight"] = nullptr;
    nlohmann::json transforms = nlohmann::json::array();
    for (const auto& t : entry.transforms)
      transforms.push_back({{"kind", t.kind}, {"detail", t.detail}});
    item["mindbridge"] = {{"status", matchStatusName(entry.status)},
                          {"matched_by", entry.matchedBy},
                          {"reason", entry.reason},
                          {"transforms", transforms}};
    if (!entry.module.empty()) item["mindbridge"]["module"] = entry.module;
    list.push_back(std::move(item));
  }
  return nlohmann::json{{modelName, list}};
}

std::string mappingSummary(const MappingResult& mapping) {
  std::ostringstream out;
  out << mapping.matched() << " mapped (" << mapping.count(MatchStatus::MatchedExact) << " exact, "
      << mapping.count(MatchStatus::MatchedRule) << " by rule, "
      << mapping.count(MatchStatus::MatchedUserRule) << " by user rule, "
      << mapping.count(MatchStatus::MatchedShape) << " by shape, "
      << mapping.count(MatchStatus::MatchedOverride) << " overridden, "
      << mapping.count(MatchStatus::DtypeCast) << " cast), " << mapping.count(MatchStatus::Dropped)
      << " dropped, " << mapping.count(MatchStatus::Missing) << " missing, "
      << mapping.count(MatchStatus::Unexpected) << " unexpected, "
      << mapping.count(MatchStatus::ShapeMismatch) + mapping.count(MatchStatus::TypeMismatch)
      << " mismatched";
  return out.str();
}

std::string formatMappingTable(const MappingResult& mapping) {
  std::vector<std::array<std::string, 6>> rows = {
      {"Source (torch)", "Target (MindSpore)", "Status", "Source shape", "Target shape", "Reason"}};
  for (const auto& e : mapping.entries) {
    std::string reason = e.reason;
    for (const auto& t : e.transforms) reason += "; " + t.kind + " " + t.detail;
    rows.push_back({e.source.empty() ? "-" : e.source, e.target.empty() ? "-" : e.target,
                    matchStatusName(e.status), e.source.empty() ? "-" : dimsToString(e.sourceShape),
                    e.target.empty() ? "-" : dimsToString(e.targetShape), reason});
  }
  std::array<size_t, 5> width{};
  for (const auto& row : rows)
    for (size_t c = 0; c < 5; ++c) width[c] = std::max(width[c], row[c].size());
  std::ostringstream out;
  for (size_t r = 0; r < rows.size(); ++r) {
    for (size_t c = 0; c < 5; ++c)
      out << rows[r][c] << std::string(width[c] - rows[r][c].size() + 2, ' ');
    out << rows[r][5] << "\n";
    if (r == 0) {
      size_t total = 0;
      for (size_t w : width) total += w + 2;
      out << std::string(total + 6, '-') << "\n";
    }
  }
  out << mappingSummary(mapping) << "\n";
  return out.str();
}

}  // namespace mb::weights
