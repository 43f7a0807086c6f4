// mindbridge-cli run MODEL [--input NAME=FILE ...] [--seed N] [--shape NAME:dims ...] [--dump DIR]
//                         [--outputs DIR] [--budget BYTES] [--json]
// Runs an ONNX model on the CPU reference executor: inputs from .npy / TensorProto .pb files or
// seeded random data, outputs summarised (and optionally saved), every value optionally dumped.
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "cli_args.h"
#include "cli_command.h"
#include "exec/executor.h"
#include "io/input_data.h"
#include "io/npy.h"
#include "io/onnx_importer.h"

namespace mb::cli {
namespace {

const char* kUsage =
    "Usage: mindbridge-cli run MODEL [options]\n"
    "  --input NAME=FILE ...   input data (.npy or ONNX TensorProto .pb); a bare FILE feeds the "
    "next input\n"
    "  --seed N                seed for inputs not given as files (default 0): float ~ N(0,1), "
    "ints in [0,10)\n"
    "  --shape NAME:d1,d2,...  concrete input shape (needed for symbolic dims of random inputs)\n"
    "  --dump DIR              write every value (inputs, intermediates, outputs) as "
    "DIR/<name>.npy\n"
    "                          plus DIR/index.json (value name -> file)\n"
    "  --outputs DIR           write the graph outputs as DIR/<name>.npy\n"
    "  --budget BYTES          stop if live tensors would exceed this (suffixes K, M, G: 512M)\n"
    "  --json                  print the summary as JSON\n";

// "512M" → bytes; nullopt on anything else.
std::optional<uint64_t> parseBytes(const std::string& text) {
  if (text.empty() || text.size() > 24) return std::nullopt;
  size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
  if (digits == 0) return std::nullopt;
  uint64_t value = std::stoull(text.substr(0, digits));
  std::string suffix = text.substr(digits);
  uint64_t factor = 1;
  if (suffix.empty() || suffix == "B")
    factor = 1;
  else if (suffix == "K" || suffix == "KiB")
    factor = uint64_t{1} << 10;
  else if (suffix == "M" || suffix == "MiB")
    factor = uint64_t{1} << 20;
  else if (suffix == "G" || suffix == "GiB")
    factor = uint64_t{1} << 30;
  else
    return std::nullopt;
  if (value > UINT64_MAX / factor) return std::nullopt;
  return value * factor;
}

struct Summary {
  double min = 0, max = 0, mean = 0;
};

Summary summarize(const Tensor& t) {
  Summary s;
  int64_t n = t.numel(), finite = 0;
  double sum = 0;
  s.min = INFINITY;
  s.max = -INFINITY;
  if (t.dtype() == DType::String) return {};
  for (int64_t i = 0; i < n; ++i) {
    double v = t.elementAsDouble(i);
    if (!std::isfinite(v)) continue;
    s.min = std::min(s.min, v);
    s.max = std::max(s.max, v);
    sum += v;
    ++finite;
  }
  if (!finite) return {};
  s.mean = sum / static_cast<double>(finite);
  return s;
}

int fail(const Error& error) {
  std::cerr << error.describe() << "\n";
  return kExitError;
}

int runRun(const std::vector<std::string>& args) {
  std::string error;
  auto parsed = parseArgs(args,
                          {{"input", true, true},
                           {"seed", true},
                           {"shape", true, true},
                           {"dump", true},
                           {"outputs", true},
                           {"budget", true},
                           {"json", false}},
                          error);
  if (!parsed || parsed->positional.size() != 1) {
    std::cerr << "mindbridge-cli run: " << (parsed ? "expected exactly one MODEL argument" : error)
              << "\n"
              << kUsage;
    return kExitUsage;
  }
  OnnxImportOptions importOptions;
  RandomInputOptions randomOptions;
  for (const auto& spec : parsed->getAll("shape")) {
    auto shape = parseShapeSpec(spec);
    if (!shape || shape->first.empty()) {
      std::cerr << "mindbridge-cli run: "
                << (shape ? "--shape needs NAME:dims, e.g. input:1,3,224,224"
                          : shape.error().describe())
                << "\n";
      return kExitUsage;
    }
    importOptions.inputShapes[shape->first] = shape->second;
    randomOptions.shapes[shape->first] = shape->second;
  }
  if (auto seed = parsed->get("seed")) {
    if (seed->empty() || seed->size() > 19 ||
        seed->find_first_not_of("0123456789") != std::string::npos) {
      std::cerr << "mindbridge-cli run: --seed needs a non-negative integer, got '" << *seed
                << "'\n";
      return kExitUsage;
    }
    randomOptions.seed = std::stoull(*seed);
  }
  exec::RunOptions runOptions;
  if (auto budget = parsed->get("budget")) {
    auto bytes = parseBytes(*budget);
    if (!bytes || *bytes == 0) {
      std::cerr << "mindbridge-cli run: --budget needs a positive byte count such as 1073741824 or "
                   "512M, got '"
                << *budget << "'\n";
      return kExitUsage;
    }
    runOptions.memoryBudget = *bytes;
  }

  auto imported = importOnnxFile(parsed->positional[0], importOptions);
  if (!imported) return fail(imported.error());
  const Graph& graph = imported->graph;
  for (const auto& warning : imported->warnings) std::cerr << "warning: " << warning << "\n";

  // Inputs from files: NAME=FILE, or a bare FILE for the next input in declaration order.
  std::map<std::string, Tensor> inputs;
  size_t nextPositional = 0;
  for (const auto& item : parsed->getAll("input")) {
    std::string name, path = item;
    if (auto eq = item.find('='); eq != std::string::npos) {
      name = item.substr(0, eq);
      path = item.substr(eq + 1);
    } else {
      while (nextPositional < graph.inputs.size() &&
             inputs.count(graph.value(graph.inputs[nextPositional]).name))
        ++nextPositional;
      if (nextPositional >= graph.inputs.size())
        return fail(makeError(ErrorCode::InvalidArgument,
                              "more input files than the model has inputs (" +
                                  std::to_string(graph.inputs.size()) + ")",
                              "--input " + item));
      name = graph.value(graph.inputs[nextPositional++]).name;
    }
    auto found = std::find_if(graph.inputs.begin(), graph.inputs.end(),
                              [&](ValueId id) { return graph.value(id).name == name; });
    if (found == graph.inputs.end()) {
      std::string names;
      for (ValueId id : graph.inputs) names += (names.empty() ? "" : ", ") + graph.value(id).name;
      return fail(makeError(ErrorCode::InvalidArgument,
                            "the model has no input '" + name + "' (its inputs: " + names + ")",
                            "--input " + item));
    }
    auto tensor = readTensorFile(path);
    if (!tensor) return fail(tensor.error());
    std::map<std::string, int64_t> bindings;
    Status ok = exec::checkInputAgainstSpec(graph.value(*found), *tensor, bindings);
    if (!ok) {
      Error e = ok.error();
      e.message += " (file " + path + ")";
      return fail(e);
    }
    inputs[name] = std::move(*tensor);
  }
  auto allInputs = randomInputs(graph, randomOptions, inputs);
  if (!allInputs) return fail(allInputs.error());

  if (auto dump = parsed->get("dump")) {
    runOptions.taps.mode = exec::TapMode::Spill;
    runOptions.taps.spillDir = *dump;
  }
  exec::Executor executor(graph);
  auto result = executor.run(*allInputs, runOptions);
  if (!result) return fail(result.error());

  if (auto dir = parsed->get("dump")) {
    nlohmann::json index;
    for (const auto& [name, path] : result->spilled)
      index[name] = std::filesystem::path(path).filename().string();
    std::string indexPath = (std::filesystem::path(*dir) / "index.json").string();
    std::string temp = indexPath + ".tmp";
    {
      std::ofstream out(temp);
      out << index.dump(2) << "\n";
      if (!out) return fail(makeError(ErrorCode::WriteFailed, "cannot write the dump index", temp));
    }
    std::filesystem::rename(temp, indexPath);
  }
  if (auto dir = parsed->get("outputs")) {
    std::error_code ec;
    std::filesystem::create_directories(*dir, ec);
    for (const auto& [name, tensor] : result->outputs) {
      Status written = writeNpy(
          (std::filesystem::path(*dir) / (exec::sanitizeFileName(name) + ".npy")).string(), tensor);
      if (!written) return fail(written.error());
    }
  }

  nlohmann::json out;
  out["model"] = imported->path;
  for (ValueId id : graph.outputs) {
    const std::string& name = graph.value(id).name;
    nlohmann::json item{{"name", name}};
    if (auto it = result->outputs.find(name); it != result->outputs.end()) {
      Summary s = summarize(it->second);
      item["dtype"] = std::string(dtypeName(it->second.dtype()));
      item["shape"] = it->second.dims();
      item["min"] = s.min;
      item["max"] = s.max;
      item["mean"] = s.mean;
    } else {
      item["not_computed_because_of"] =
          result->notComputed.count(name) ? result->notComputed.at(name) : "";
    }
    out["outputs"].push_back(item);
  }
  out["nonfinite"] = nlohmann::json::array();
  for (const auto& report : result->nonFinite)
    out["nonfinite"].push_back({{"value", report.value},
                                {"node", report.node},
                                {"nan", report.nanCount},
                                {"inf", report.infCount}});
  out["peak_bytes"] = result->peakBytes;
  out["nodes_run"] = result->nodesRun;
  for (const auto& report : result->nonFinite)
    std::cerr << "warning: value '" << report.value << "'"
              << (report.node.empty() ? " (a model input)" : " from node '" + report.node + "'")
              << " holds " << report.nanCount << " NaN and " << report.infCount << " Inf\n";
  if (parsed->has("json")) {
    std::cout << out.dump(2) << "\n";
    return kExitOk;
  }
  std::cout << "Model    " << imported->path << "\nNodes    " << result->nodesRun << " run, peak "
            << result->peakBytes / 1024 << " KiB live\n";
  for (const auto& item : out["outputs"]) {
    if (item.contains("dtype"))
      std::cout << "Output   " << item["name"].get<std::string>() << "  "
                << item["dtype"].get<std::string>() << " "
                << dimsToString(item["shape"].get<std::vector<int64_t>>()) << "  min "
                << item["min"].get<double>() << " max " << item["max"].get<double>() << " mean "
                << item["mean"].get<double>() << "\n";
    else
      std::cout << "Output   " << item["name"].get<std::string>()
                << "  not computed (unconverted node '"
                << item["not_computed_because_of"].get<std::string>() << "' upstream)\n";
  }
  if (!result->nonFinite.empty())
    std::cout << "NaN/Inf  " << result->nonFinite.size() << " values flagged\n";
  return kExitOk;
}

const CommandRegistrar registrar({"run", "run a model on the CPU reference executor", kUsage,
                                  runRun});

}  // namespace
}  // namespace mb::cli
