// mindbridge-cli convert-graph MODEL [--target-api classic|mint] [--shape NAME:dims ...] [--json]
// Converts the graph only (no files written) and prints what converted, fused, folded and what did
// not, with reasons and suggested MindSpore APIs. `convert` (emission) is a separate command.
#include <chrono>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "cli_args.h"
#include "cli_command.h"
#include "convert/convert_graph.h"
#include "io/onnx_importer.h"

namespace mb::cli {
namespace {

int runConvertGraph(const std::vector<std::string>& args) {
  std::string error;
  auto parsed = parseArgs(
      args, {{"shape", true, true}, {"json", false}, {"nodes", false}, {"target-api", true}},
      error);
  if (!parsed || parsed->positional.size() != 1) {
    std::cerr << "mindbridge-cli convert-graph: "
              << (parsed ? "expected exactly one MODEL argument" : error) << "\n";
    return kExitUsage;
  }
  convert::ConvertOptions options;
  if (auto api = parsed->get("target-api")) {
    auto level = convert::parseTargetApi(*api);
    if (!level) {
      std::cerr << "mindbridge-cli convert-graph: --target-api must be 'classic' or 'mint', not '"
                << *api << "'\n";
      return kExitUsage;
    }
    options.api = *level;
  }
  OnnxImportOptions importOptions;
  for (const auto& spec : parsed->getAll("shape")) {
    auto shape = parseShapeSpec(spec);
    if (!shape || shape->first.empty()) {
      std::cerr << "mindbridge-cli convert-graph: "
                << (shape ? "--shape needs NAME:dims here, e.g. input:1,3,224,224"
                          : shape.error().describe())
                << "\n";
      return kExitUsage;
    }
    importOptions.inputShapes[shape->first] = shape->second;
  }
  auto imported = importOnnxFile(parsed->positional[0], importOptions);
  if (!imported) {
    std::cerr << imported.error().describe() << "\n";
    return kExitError;
  }
  auto start = std::chrono::steady_clock::now();
  auto result = convert::convertGraph(imported->graph, options);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!result) {
    std::cerr << result.error().describe() << "\n";
    return kExitError;
  }
  const Graph& out = result->converted;
  std::map<std::string, int> apis;
  for (const auto& node : out.nodes) apis[node.opType]++;
  nlohmann::json j;
  j["model"] = imported->path;
  j["target_api"] = convert::targetApiName(options.api);
  j["source_nodes"] = imported->graph.nodes.size();
  j["converted_nodes"] = out.nodes.size();
  for (auto s : {convert::NodeStatus::Converted, convert::NodeStatus::Fused,
                 convert::NodeStatus::Folded, convert::NodeStatus::Unconverted})
    j["status"][convert::nodeStatusName(s)] = result->count(s);
  j["unconverted"] = nlohmann::json::array();
  for (const auto& r : result->records)
    if (r.status == convert::NodeStatus::Unconverted)
      j["unconverted"].push_back({{"node", r.name},
                                  {"op", r.opType},
                                  {"reason", r.reason},
                                  {"suggestions", r.suggestions}});
  j["apis"] = apis;
  j["parameters"] = result->params.size();
  j["warnings"] = result->warnings;
  j["seconds"] = seconds;
  if (parsed->has("nodes")) {
    for (const auto& node : out.nodes) {
      nlohmann::json n{{"api", node.opType}, {"name", node.name}, {"scope", node.scope}};
      for (const auto& a : node.attrs.items()) n["attrs"][a.name] = a.value.toString();
      for (const auto& a : node.callArgs.items()) n["call"][a.name] = a.value.toString();
      for (const auto& p : node.params) n["params"][p.name] = out.value(p.value).name;
      for (ValueId v : node.inputs)
        n["inputs"].push_back(v == kNoValue ? std::string() : out.value(v).name);
      for (ValueId v : node.outputs)
        n["outputs"].push_back(v == kNoValue ? std::string() : out.value(v).name);
      j["nodes"].push_back(n);
    }
  }
  if (parsed->has("json")) {
    std::cout << j.dump(2) << "\n";
    return kExitOk;
  }
  std::cout << "Model        " << imported->path << "\nTarget API   "
            << convert::targetApiName(options.api) << "\nSource nodes "
            << imported->graph.nodes.size() << "  (converted "
            << result->count(convert::NodeStatus::Converted) << ", fused "
            << result->count(convert::NodeStatus::Fused) << ", folded "
            << result->count(convert::NodeStatus::Folded) << ", unconverted "
            << result->count(convert::NodeStatus::Unconverted) << ")\nMindSpore    "
            << out.nodes.size() << " nodes, " << result->params.size() << " parameters, "
            << seconds * 1000.0 << " ms\n";
  for (const auto& r : result->records)
    if (r.status == convert::NodeStatus::Unconverted) {
      std::cout << "Unconverted  " << r.name << " (" << r.opType << "): " << r.reason << "\n";
      if (!r.suggestions.empty()) {
        std::cout << "             try:";
        for (const auto& s : r.suggestions) std::cout << " " << s;
        std::cout << "\n";
      }
    }
  for (const auto& w : result->warnings) std::cout << "Warning      " << w << "\n";
  std::cout << "APIs\n";
  for (const auto& [api, count] : apis) std::cout << "  " << api << "  " << count << "\n";
  return kExitOk;
}

const CommandRegistrar registrar(
    {"convert-graph", "convert a model's graph to MindSpore and summarise (no files)",
     "Usage: mindbridge-cli convert-graph MODEL [--target-api classic|mint] "
     "[--shape NAME:1,3,224,224 ...] [--json [--nodes]]\n",
     runConvertGraph});

}  // namespace
}  // namespace mb::cli
