#include "migrate/migration_report.h"

#include <set>

namespace mb::migrate {

namespace {
const char* kindName(ChangeKind k) {
  switch (k) {
    case ChangeKind::Convert:
      return "convert";
    case ChangeKind::Insert:
      return "insert";
    case ChangeKind::UnConvert:
      return "unconvert";
  }
  return "";
}
}  // namespace

std::string migrationReportText(const MigrationResult& result) {
  std::string out = "[Start Convert]\n";
  for (const Change& c : result.changes) {
    std::string where = "line " + std::to_string(c.line) + ":" + std::to_string(c.col) + ": ";
    switch (c.kind) {
      case ChangeKind::Insert:
        out += "[Insert] '" + c.from + "' is inserted to the converted file.\n";
        break;
      case ChangeKind::Convert:
        out += where + "[Convert] '" + c.from + "' is converted to '" + c.to + "'.\n";
        break;
      case ChangeKind::UnConvert:
        out += where + "[UnConvert] '" + c.from + "' didn't convert.";
        if (!c.to.empty()) out += " Maybe could convert to " + c.to + ".";
        out += "\n";
        break;
    }
  }
  out += "[Convert Over]\n";
  return out;
}

nlohmann::json migrationReportJson(const MigrationResult& result) {
  const auto& tables = ApiTables::instance();
  nlohmann::json changes = nlohmann::json::array();
  std::set<uint32_t> unconvertedLines;
  for (const Change& c : result.changes) {
    nlohmann::json j = {{"kind", kindName(c.kind)}, {"from", c.from}, {"to", c.to}};
    if (c.kind != ChangeKind::Insert) {
      j["line"] = c.line;
      j["col"] = c.col;
    }
    if (!c.detail.empty()) j["detail"] = c.detail;
    changes.push_back(std::move(j));
    if (c.kind == ChangeKind::UnConvert) unconvertedLines.insert(c.line);
  }
  return {{"file", result.fileName},
          {"target_api", targetApiName(result.target)},
          {"mindspore_version", tables.mindsporeVersion()},
          {"converted", result.converted},
          {"unconverted", result.unconverted},
          {"converted_rate", result.convertedRate()},
          {"tables",
           {{"classic_rows", tables.rows(TargetApi::Classic).size()},
            {"mint_rows", tables.rows(TargetApi::Mint).size()}}},
          {"changes", std::move(changes)},
          {"unconverted_lines",
           std::vector<uint32_t>(unconvertedLines.begin(), unconvertedLines.end())}};
}

}  // namespace mb::migrate
