#include "migrate/api_tables.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

namespace mb::migrate {

namespace {
#include "migrate/api_tables_data.inc"

MappingStatus classify(const std::string& note) {
  std::string lower;
  for (char c : note) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "consistent" || lower == "the functions are consistent")
    return MappingStatus::Consistent;
  if (lower == "diff") return MappingStatus::Diff;
  if (lower.find("parameter name") != std::string::npos ||
      lower.find("param name") != std::string::npos ||
      lower.find("inconsistent param") != std::string::npos)
    return MappingStatus::NamesDiffer;
  // Other notes describe extra MindSpore parameters with defaults, missing torch-only options or
  // deprecations: the call carries over, differences are in the note.
  if (lower.find("consistent") != std::string::npos) return MappingStatus::Consistent;
  return MappingStatus::Diff;
}

void loadRows(const nlohmann::json& rows, std::vector<ApiMapping>& out,
              std::map<std::string, size_t>& index) {
  for (const auto& r : rows) {
    ApiMapping m;
    m.section = r.at(0).get<std::string>();
    m.torchApi = r.at(1).get<std::string>();
    m.mindsporeApi = r.at(2).get<std::string>();
    m.note = r.at(3).get<std::string>();
    m.status = classify(m.note);
    index.emplace(m.torchApi, out.size());  // first row wins for duplicated names
    out.push_back(std::move(m));
  }
}
}  // namespace

const char* targetApiName(TargetApi target) {
  return target == TargetApi::Mint ? "mint" : "classic";
}

bool ApiEntry::acceptsKeyword(const std::string& name) const {
  if (!hasSignature) return true;  // implemented in C++: nothing to check against
  for (const auto& p : params) {
    if (p.kind == ApiParam::VarKeyword) return true;
    if (p.name == name && p.kind != ApiParam::VarPositional && p.kind != ApiParam::PositionalOnly)
      return true;
  }
  return false;
}

const ApiParam* ApiEntry::param(const std::string& name) const {
  for (const auto& p : params)
    if (p.name == name) return &p;
  return nullptr;
}

ApiTables::ApiTables() {
  std::string text;
  for (const char* chunk : kApiTableChunks) text += chunk;
  auto data = nlohmann::json::parse(text);
  version_ = data.at("version").get<std::string>();
  loadRows(data.at("classic"), classic_, classicIndex_);
  loadRows(data.at("mint"), mint_, mintIndex_);
  for (const auto& [name, rec] : data.at("apis").items()) {
    ApiEntry e;
    e.kind = rec.at("k").get<std::string>();
    if (rec.contains("s")) {
      e.hasSignature = true;
      for (const auto& p : rec["s"]) {
        ApiParam param;
        param.name = p.at(0).get<std::string>();
        if (!p.at(1).is_null()) param.defaultText = p.at(1).get<std::string>();
        param.kind = static_cast<ApiParam::Kind>(p.at(2).get<int>());
        e.params.push_back(std::move(param));
      }
    }
    e.overloaded = rec.contains("o");
    if (rec.contains("p"))
      for (const auto& p : rec["p"])
        e.cellParameters.push_back(
            {p.at(0).get<std::string>(), p.at(1).get<std::vector<std::string>>()});
    apis_.emplace(name, std::move(e));
  }
  for (const auto& m : data.at("tensor_methods")) tensorMethods_.insert(m.get<std::string>());
}

const ApiTables& ApiTables::instance() {
  static const ApiTables tables;
  return tables;
}

const ApiMapping* ApiTables::mapping(TargetApi target, const std::string& torchApi) const {
  const auto& index = target == TargetApi::Mint ? mintIndex_ : classicIndex_;
  const auto& rows = target == TargetApi::Mint ? mint_ : classic_;
  auto it = index.find(torchApi);
  return it == index.end() ? nullptr : &rows[it->second];
}

const std::vector<ApiMapping>& ApiTables::rows(TargetApi target) const {
  return target == TargetApi::Mint ? mint_ : classic_;
}

const ApiEntry* ApiTables::api(const std::string& name) const {
  auto it = apis_.find(name);
  return it == apis_.end() ? nullptr : &it->second;
}

bool ApiTables::isTensorMethod(const std::string& name) const {
  return tensorMethods_.count(name) > 0;
}

}  // namespace mb::migrate
