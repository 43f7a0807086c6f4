// Reports of a script migration: MindConverter's AST-mode text (report_of_<script>.txt) and JSON.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "migrate/script_migrator.h"

namespace mb::migrate {

// [Start Convert] / [Insert] … / line r:c: [Convert] 'a' is converted to 'b'. /
// line r:c: [UnConvert] 'a' didn't convert. Maybe could convert to b. / [Convert Over]
std::string migrationReportText(const MigrationResult& result);

// {file, target_api, mindspore_version, converted, unconverted, converted_rate, tables, changes:
// [{kind, line, col, from, to, detail}], unconverted_lines: [..]}
nlohmann::json migrationReportJson(const MigrationResult& result);

}  // namespace mb::migrate
