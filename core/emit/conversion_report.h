// The reports written beside a converted model: MindConverter's formats where users' scripts read
// them (report_of_<model>.txt, operator_scanning_report.csv, weight_map_of_<model>.json), plus
// report.json (machine-readable summary) and a self-contained report.html.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "compare/diff_report.h"
#include "emit/model_py_printer.h"
#include "ir/graph.h"

namespace mb::emitter {

// Where one checkpoint entry came from (the converter's parameter records, when available).
struct WeightSource {
  std::vector<std::string> sourceInitializers;
  std::string transform;  // empty = copied unchanged
};

struct ReportContext {
  std::string modelName;   // file stem
  std::string sourceFile;  // path as given
  std::string sourceSha256;
  std::string modelPyFile;           // "resnet18.py"
  const Graph* source = nullptr;     // ONNX dialect
  const Graph* converted = nullptr;  // MindSpore dialect
  const ModelPyResult* modelPy = nullptr;
  std::map<std::string, WeightSource> weightSources;  // by checkpoint key
  std::vector<std::string> files;                     // output files written (names)
  std::vector<std::string> warnings;
  const compare::DiffReport* diff = nullptr;  // per-layer diff when one ran
  double seconds = 0;
};

// Nodes of the converted graph that are converted, and all of them.
struct ConversionCounts {
  size_t converted = 0;
  size_t total = 0;
  // Source nodes converted by a user's fix (counted among `converted` through their nodes);
  // snippets are hand-written and never verified.
  size_t fixedByApi = 0, fixedByTemplate = 0, fixedBySnippet = 0;
  double rate() const { return total ? 100.0 * static_cast<double>(converted) / total : 100.0; }
};
ConversionCounts conversionCounts(const Graph& converted);

// report_of_<model>.txt: "[Start Convert]", one "line r:c: [UnConvert] 'onnx::Op' didn't convert."
// per unconverted node (r:c in the generated model.py), "[Convert Over]", "Converted Rate: x%.".
std::string conversionReportText(const ReportContext& context);
// operator_scanning_report.csv: "operator_name, count, status" over the source's op types.
std::string operatorScanCsv(const ReportContext& context);
// weight_map_of_<model>.json: {model: [{converted_weight, source_weight, mindbridge}]}.
nlohmann::json weightMapJson(const ReportContext& context);
// The file text: one entry per line, so diffs and greps stay readable.
std::string weightMapText(const ReportContext& context);
nlohmann::json reportJson(const ReportContext& context);
std::string reportHtml(const ReportContext& context);

}  // namespace mb::emitter
