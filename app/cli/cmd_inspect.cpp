// mindbridge-cli inspect MODEL [--shape NAME:dims ...] [--input_nodes N ...] [--output_nodes N ...]
//                              [--fold] [--json]
#include <iomanip>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli_args.h"
#include "cli_command.h"
#include "io/onnx_importer.h"
#include "passes/constant_folding.h"
#include "passes/stats.h"
#include "passes/subgraph.h"

namespace mb::cli {
namespace {

const char* kUsage =
    "Usage: mindbridge-cli inspect MODEL [options]\n"
    "Shows a model's inputs and outputs with shapes, opset, operator histogram, parameter count "
    "and\n"
    "bytes, a FLOPs estimate and the depth of its module scopes.\n\n"
    "  --shape NAME:1,3,224,224 ...   input shapes replacing symbolic dims (several allowed; a "
    "bare\n"
    "                                 1,3,224,224 applies to the inputs in order)\n"
    "  --input_nodes NAME ...         cut the graph here (node or tensor names)\n"
    "  --output_nodes NAME ...        keep only what computes these (node or tensor names)\n"
    "  --fold                         fold constants and shape chains before counting\n"
    "  --json                         machine-readable output\n";

std::string humanCount(uint64_t n) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(2);
  if (n >= 1'000'000'000)
    out << static_cast<double>(n) / 1e9 << " G";
  else if (n >= 1'000'000)
    out << static_cast<double>(n) / 1e6 << " M";
  else if (n >= 1'000)
    out << static_cast<double>(n) / 1e3 << " K";
  else
    return std::to_string(n);
  return out.str();
}

// --shape values: "name:dims" by name, bare "dims" by the position of the graph input.
Expected<std::map<std::string, std::vector<int64_t>>> resolveShapes(
    const std::vector<std::string>& specs, const std::string& model) {
  std::map<std::string, std::vector<int64_t>> shapes;
  std::vector<std::string> inputNames;
  size_t position = 0;
  for (const auto& spec : specs) {
    auto shape = parseShapeSpec(spec);
    if (!shape) return shape.error();
    if (!shape->first.empty()) {
      shapes[shape->first] = shape->second;
      continue;
    }
    if (inputNames.empty()) {  // a quick structural import only to learn the input order
      OnnxImportOptions quick;
      quick.runChecker = false;
      quick.inferShapes = false;
      auto names = importOnnxFile(model, quick);
      if (!names) return names.error();
      for (ValueId id : names->graph.inputs) inputNames.push_back(names->graph.value(id).name);
    }
    if (position >= inputNames.size())
      return makeError(ErrorCode::InvalidArgument,
                       "more --shape values than the model has inputs (" +
                           std::to_string(inputNames.size()) + ")",
                       "--shape '" + spec + "'");
    shapes[inputNames[position++]] = shape->second;
  }
  return shapes;
}

nlohmann::json valueJson(const Graph& graph, ValueId id) {
  const Value& v = graph.value(id);
  return {
      {"name", v.name}, {"dtype", std::string(dtypeName(v.dtype))}, {"shape", v.shape.toString()}};
}

int runInspect(const std::vector<std::string>& args) {
  std::string error;
  auto parsed = parseArgs(args,
                          {{"shape", true, true},
                           {"input_nodes", true, true},
                           {"output_nodes", true, true},
                           {"fold", false},
                           {"json", false}},
                          error);
  if (!parsed || parsed->positional.size() != 1) {
    std::cerr << "mindbridge-cli inspect: "
              << (parsed ? "expected exactly one MODEL argument" : error) << "\n"
              << kUsage;
    return kExitUsage;
  }
  const std::string& modelPath = parsed->positional[0];
  OnnxImportOptions options;
  auto shapes = resolveShapes(parsed->getAll("shape"), modelPath);
  if (!shapes) {
    std::cerr << shapes.error().describe() << "\n";
    return shapes.error().code == ErrorCode::InvalidArgument ? kExitUsage : kExitError;
  }
  options.inputShapes = *shapes;
  auto result = importOnnxFile(modelPath, options);
  if (!result) {
    std::cerr << result.error().describe() << "\n";
    return kExitError;
  }
  Graph graph = std::move(result->graph);
  std::vector<std::string> warnings = result->warnings;

  nlohmann::json out;
  passes::SubgraphSpec cut{parsed->getAll("input_nodes"), parsed->getAll("output_nodes")};
  if (!cut.inputs.empty() || !cut.outputs.empty()) {
    size_t before = graph.nodes.size();
    auto sub = passes::extractSubgraph(graph, cut);
    if (!sub) {
      std::cerr << sub.error().describe() << "\n";
      return kExitError;
    }
    graph = std::move(*sub);
    out["subgraph"] = {{"input_nodes", cut.inputs},
                       {"output_nodes", cut.outputs},
                       {"nodes_kept", graph.nodes.size()},
                       {"nodes_in_model", before}};
  }
  if (parsed->has("fold")) {
    auto folded = passes::foldConstants(graph);
    if (!folded) {
      std::cerr << folded.error().describe() << "\n";
      return kExitError;
    }
    out["folded"] = {{"nodes", folded->foldedNodes},
                     {"by_op", folded->foldedByOp},
                     {"no_kernel", folded->missingKernels}};
  }
  passes::ModelStats stats = passes::computeStats(graph);

  out["file"] = result->path;
  out["opset"] = graph.opsetVersion();
  out["ir_version"] = graph.irVersion;
  out["producer"] = graph.producerName + " " + graph.producerVersion;
  out["inputs"] = nlohmann::json::array();
  out["outputs"] = nlohmann::json::array();
  for (ValueId id : graph.inputs) out["inputs"].push_back(valueJson(graph, id));
  for (ValueId id : graph.outputs) out["outputs"].push_back(valueJson(graph, id));
  out["nodes"] = stats.nodes;
  out["op_histogram"] = stats.opHistogram;
  out["parameters"] = stats.parameterCount;
  out["parameter_bytes"] = stats.parameterBytes;
  out["initializers"] = stats.initializers;
  out["flops"] = stats.flops;
  out["flops_by_op"] = stats.flopsByOp;
  out["flops_unknown_nodes"] = stats.flopsUnknownNodes;
  out["scope_depth"] = stats.scopeDepth;
  out["warnings"] = warnings;
  if (parsed->has("json")) {
    std::cout << out.dump(2) << "\n";
    return kExitOk;
  }
  std::cout << "Model      " << result->path << "\nOpset      " << graph.opsetVersion() << " (IR "
            << graph.irVersion << ")\n";
  for (const auto& w : warnings) std::cout << "Warning    " << w << "\n";
  if (out.contains("subgraph"))
    std::cout << "Subgraph   " << graph.nodes.size() << " of "
              << out["subgraph"]["nodes_in_model"].get<size_t>() << " nodes\n";
  if (out.contains("folded"))
    std::cout << "Folded     " << out["folded"]["nodes"].get<uint64_t>() << " nodes\n";
  for (ValueId id : graph.inputs)
    std::cout << "Input      " << graph.value(id).name << "  " << dtypeName(graph.value(id).dtype)
              << " " << graph.value(id).shape.toString() << "\n";
  for (ValueId id : graph.outputs)
    std::cout << "Output     " << graph.value(id).name << "  " << dtypeName(graph.value(id).dtype)
              << " " << graph.value(id).shape.toString() << "\n";
  std::cout << "Nodes      " << stats.nodes << "\nParameters " << stats.parameterCount << " ("
            << humanCount(stats.parameterCount) << ", " << stats.parameterBytes << " bytes)\n"
            << "FLOPs      " << stats.flops << " (" << humanCount(stats.flops) << ")";
  if (stats.flopsUnknownNodes)
    std::cout << " + " << stats.flopsUnknownNodes << " nodes of unknown shape";
  std::cout << "\nScope depth " << stats.scopeDepth << "\nOperators\n";
  for (const auto& [op, count] : stats.opHistogram)
    std::cout << "  " << op << "  " << count << "\n";
  return kExitOk;
}

const CommandRegistrar registrar({"inspect",
                                  "show a model's inputs, outputs, operators, size and FLOPs",
                                  kUsage, runInspect});

}  // namespace
}  // namespace mb::cli
