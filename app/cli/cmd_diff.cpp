// mindbridge-cli diff MODEL [--target-api classic|mint] [--samples N] [--seed S]
//   [--input NAME=FILE ...] [--shape NAME:dims ...] [--dim SYMBOL=N ...] [--atol A] [--rtol R]
//   [--tolerance LAYER=ATOL,RTOL ...]
//   [--json] [--out DIR]
// Converts the model, runs the source (ONNX semantics) and the converted graph (MindSpore
// semantics) on the same inputs and compares every aligned layer. Exit 3 when a layer is out of
// tolerance.
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli_args.h"
#include "cli_command.h"
#include "compare/layer_diff_runner.h"
#include "convert/convert_graph.h"
#include "io/npy.h"
#include "io/onnx_importer.h"

namespace mb::cli {
namespace {

int usage(const std::string& message) {
  std::cerr << "mindbridge-cli diff: " << message << "\n";
  return kExitUsage;
}

bool parseNumber(const std::string& text, double& out) {
  try {
    size_t used = 0;
    out = std::stod(text, &used);
    return used == text.size() && out >= 0;
  } catch (...) {
    return false;
  }
}

bool parseCount(const std::string& text, uint64_t& out) {
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos || text.size() > 18)
    return false;
  out = std::stoull(text);
  return true;
}

std::string fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", v);
  return buf;
}

void printSummary(const compare::DiffReport& report) {
  using compare::LayerStatus;
  std::cout << "Model        " << report.model << "\nTarget API   " << report.targetApi
            << "\nSamples      " << report.samples << " (seed " << report.seed
            << ")\nTolerance    atol " << fmt(report.defaults.atol) << ", rtol "
            << fmt(report.defaults.rtol) << "\nLayers       " << report.layers.size()
            << " aligned: " << report.count(LayerStatus::Compared) << " compared, "
            << report.failedCount() << " failed, " << report.count(LayerStatus::NotComputed)
            << " not computed\n";
  for (const auto& name : report.unconvertedNodes) std::cout << "Unconverted  " << name << "\n";
  for (const auto& e : report.executionErrors) std::cout << "Error        " << e << "\n";
  if (report.firstDivergent) {
    const auto& l = report.layers[*report.firstDivergent];
    std::cout << "First divergent layer: " << l.align.sourceValue << "  (" << l.align.sourceOp
              << " '" << l.align.sourceNode << "' → " << l.align.convertedApi << " '"
              << l.align.convertedNode << "')";
    if (l.status == LayerStatus::Compared)
      std::cout << "  max_abs " << fmt(l.stats.maxAbs) << ", cosine " << fmt(l.stats.cosine);
    if (!l.note.empty()) std::cout << "  " << l.note;
    std::cout << "\n";
  }
  std::cout << "\n  #  status        max_abs    max_rel    cosine     within   layer\n";
  for (const auto& l : report.layers) {
    char line[160];
    if (l.status == LayerStatus::Compared && l.samples > 0)
      std::snprintf(line, sizeof line, "%3lld  %-12s  %-9s  %-9s  %-9s  %6.2f%%  ",
                    static_cast<long long>(l.align.order), l.passed ? "ok" : "OUT",
                    fmt(l.stats.maxAbs).c_str(), fmt(l.stats.maxRel).c_str(),
                    fmt(l.stats.cosine).c_str(), 100.0 * l.stats.fractionWithin);
    else
      std::snprintf(line, sizeof line, "%3lld  %-12s  %-9s  %-9s  %-9s  %7s  ",
                    static_cast<long long>(l.align.order), compare::layerStatusName(l.status), "-",
                    "-", "-", "-");
    std::cout << line << l.align.sourceValue << " (" << l.align.convertedApi << ")\n";
  }
  std::cout << "\n"
            << (report.passed() ? "PASS" : "FAIL") << ": every compared layer "
            << (report.passed() ? "is" : "is NOT") << " within tolerance\n";
}

int runDiff(const std::vector<std::string>& args) {
  std::string error;
  auto parsed = parseArgs(args,
                          {{"target-api", true},
                           {"samples", true},
                           {"seed", true},
                           {"input", true, true},
                           {"shape", true, true},
                           {"dim", true, true},
                           {"atol", true},
                           {"rtol", true},
                           {"tolerance", true, true},
                           {"json", false},
                           {"out", true}},
                          error);
  if (!parsed) return usage(error);
  if (parsed->positional.size() != 1) return usage("expected exactly one MODEL argument");

  convert::ConvertOptions convertOptions;
  if (auto api = parsed->get("target-api")) {
    auto level = convert::parseTargetApi(*api);
    if (!level) return usage("--target-api must be 'classic' or 'mint', not '" + *api + "'");
    convertOptions.api = *level;
  }
  compare::DiffRunOptions options;
  if (auto s = parsed->get("samples")) {
    uint64_t n = 0;
    if (!parseCount(*s, n) || n < 1 || n > 10000)
      return usage("--samples needs a whole number from 1 to 10000, got '" + *s + "'");
    options.samples = static_cast<int>(n);
  }
  if (auto s = parsed->get("seed")) {
    if (!parseCount(*s, options.seed))
      return usage("--seed needs a non-negative whole number, got '" + *s + "'");
  }
  if (auto a = parsed->get("atol"))
    if (!parseNumber(*a, options.tolerances.defaults.atol))
      return usage("--atol needs a number >= 0, got '" + *a + "'");
  if (auto r = parsed->get("rtol"))
    if (!parseNumber(*r, options.tolerances.defaults.rtol))
      return usage("--rtol needs a number >= 0, got '" + *r + "'");
  for (const auto& spec : parsed->getAll("tolerance")) {
    const auto eq = spec.rfind('=');
    const auto comma = spec.rfind(',');
    compare::Tolerance t;
    if (eq == std::string::npos || comma == std::string::npos || comma < eq || eq == 0 ||
        !parseNumber(spec.substr(eq + 1, comma - eq - 1), t.atol) ||
        !parseNumber(spec.substr(comma + 1), t.rtol))
      return usage(
          "--tolerance needs LAYER=ATOL,RTOL (LAYER = a value or node name of the source), got '" +
          spec + "'");
    options.tolerances.overrides[spec.substr(0, eq)] = t;
  }
  OnnxImportOptions importOptions;
  for (const auto& spec : parsed->getAll("shape")) {
    auto shape = parseShapeSpec(spec);
    if (!shape || shape->first.empty())
      return usage(shape ? "--shape needs NAME:dims here, e.g. input:1,3,224,224"
                         : shape.error().describe());
    importOptions.inputShapes[shape->first] = shape->second;
    options.random.shapes[shape->first] = shape->second;
  }
  for (const auto& spec : parsed->getAll("dim")) {
    const auto eq = spec.find('=');
    uint64_t v = 0;
    if (eq == std::string::npos || eq == 0 || !parseCount(spec.substr(eq + 1), v) || v == 0)
      return usage("--dim needs SYMBOL=VALUE with VALUE >= 1 (e.g. batch=2), got '" + spec + "'");
    options.random.dimValues[spec.substr(0, eq)] = static_cast<int64_t>(v);
  }
  for (const auto& spec : parsed->getAll("input")) {
    const auto eq = spec.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == spec.size())
      return usage("--input needs NAME=FILE (.npy or ONNX TensorProto .pb), got '" + spec + "'");
    auto tensor = readTensorFile(spec.substr(eq + 1));
    if (!tensor) {
      std::cerr << tensor.error().describe() << "\n";
      return kExitError;
    }
    options.inputs[spec.substr(0, eq)] = std::move(*tensor);
  }

  auto imported = importOnnxFile(parsed->positional[0], importOptions);
  if (!imported) {
    std::cerr << imported.error().describe() << "\n";
    return kExitError;
  }
  const Graph& source = imported->graph;
  for (const auto& [name, t] : options.inputs) {
    bool known = false;
    for (ValueId id : source.inputs) known = known || source.value(id).name == name;
    if (!known) {
      std::cerr << "input '" + name + "': the model has no input of that name\n";
      return kExitError;
    }
  }
  // Symbolic dims nobody gave a value get 1, said out loud so a user can pick another.
  for (ValueId id : source.inputs) {
    const Value& v = source.value(id);
    if (options.inputs.count(v.name) || options.random.shapes.count(v.name)) continue;
    for (const auto& d : v.shape.dims)
      if (!d.isKnown() && !d.symbol.empty() && !options.random.dimValues.count(d.symbol)) {
        options.random.dimValues[d.symbol] = 1;
        std::cerr << "note: dim '" << d.symbol << "' of input '" << v.name
                  << "' set to 1 (use --dim " << d.symbol << "=N or --shape)\n";
      }
  }
  auto converted = convert::convertGraph(source, convertOptions);
  if (!converted) {
    std::cerr << converted.error().describe() << "\n";
    return kExitError;
  }
  auto report = compare::runLayerDiff(source, converted->converted, options);
  if (!report) {
    std::cerr << report.error().describe() << "\n";
    return kExitError;
  }
  report->model = imported->path;
  if (auto out = parsed->get("out")) {
    Status written = compare::writeDiffFiles(*report, *out);
    if (!written) {
      std::cerr << written.error().describe() << "\n";
      return kExitError;
    }
  }
  if (parsed->has("json"))
    std::cout << report->toJson().dump(2) << "\n";
  else
    printSummary(*report);
  return report->passed() ? kExitOk : kExitOutOfTolerance;
}

const CommandRegistrar registrar(
    {"diff", "convert a model and compare every layer of the MindSpore graph with the source",
     "Usage: mindbridge-cli diff MODEL [--target-api classic|mint] [--samples N] [--seed S]\n"
     "         [--input NAME=FILE.npy|.pb ...] [--shape NAME:1,3,224,224 ...] [--dim SYMBOL=N "
     "...]\n"
     "         [--atol A] [--rtol R] [--tolerance LAYER=ATOL,RTOL ...] [--json] [--out DIR]\n"
     "Runs the source (ONNX semantics) and the converted graph (MindSpore semantics) on the same "
     "inputs\n"
     "(seeded random, or the files given) and compares every aligned layer: |got - ref| <= atol + "
     "rtol*|ref|\n"
     "(defaults 1e-5 / 1e-5). --out DIR writes diff.json and diff.csv. Exit codes: 0 all layers "
     "within\n"
     "tolerance, 3 a layer is out of tolerance, 1 error, 2 bad command line.\n",
     runDiff});

}  // namespace
}  // namespace mb::cli
