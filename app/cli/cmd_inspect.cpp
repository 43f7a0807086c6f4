// mindbridge-cli inspect MODEL [--shape NAME:dims ...] [--json]
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "cli_args.h"
#include "cli_command.h"
#include "io/onnx_importer.h"

namespace mb::cli {
namespace {

int runInspect(const std::vector<std::string>& args) {
  std::string error;
  auto parsed = parseArgs(args, {{"shape", true, true}, {"json", false}}, error);
  if (!parsed || parsed->positional.size() != 1) {
    std::cerr << "mindbridge-cli inspect: " << (parsed ? "expected exactly one MODEL argument" : error) << "\n";
    return kExitUsage;
  }
  OnnxImportOptions options;
  for (const auto& spec : parsed->getAll("shape")) {
    auto shape = parseShapeSpec(spec);
    if (!shape || shape->first.empty()) {
      std::cerr << "mindbridge-cli inspect: "
                << (shape ? "--shape needs NAME:dims here, e.g. input:1,3,224,224" : shape.error().describe())
                << "\n";
      return kExitUsage;
    }
    options.inputShapes[shape->first] = shape->second;
  }
  auto result = importOnnxFile(parsed->positional[0], options);
  if (!result) {
    std::cerr << result.error().describe() << "\n";
    return kExitError;
  }
  const Graph& graph = result->graph;
  std::map<std::string, int> histogram;
  for (const auto& node : graph.nodes) histogram[(node.domain.empty() ? "" : node.domain + "::") + node.opType]++;
  uint64_t paramCount = 0, paramBytes = 0;
  for (const auto& value : graph.values)
    if (value.initializer) {
      paramCount += static_cast<uint64_t>(value.initializer->numel());
      paramBytes += value.initializer->nbytes();
    }
  nlohmann::json out;
  out["file"] = result->path;
  out["opset"] = graph.opsetVersion();
  out["ir_version"] = graph.irVersion;
  out["producer"] = graph.producerName + " " + graph.producerVersion;
  auto describe = [&](ValueId id) {
    const Value& v = graph.value(id);
    return nlohmann::json{{"name", v.name}, {"dtype", std::string(dtypeName(v.dtype))}, {"shape", v.shape.toString()}};
  };
  for (ValueId id : graph.inputs) out["inputs"].push_back(describe(id));
  for (ValueId id : graph.outputs) out["outputs"].push_back(describe(id));
  out["nodes"] = graph.nodes.size();
  out["op_histogram"] = histogram;
  out["parameters"] = paramCount;
  out["parameter_bytes"] = paramBytes;
  out["warnings"] = result->warnings;
  if (parsed->has("json")) {
    std::cout << out.dump(2) << "\n";
    return kExitOk;
  }
  std::cout << "Model      " << result->path << "\nOpset      " << graph.opsetVersion() << " (IR "
            << graph.irVersion << ")\n";
  for (const auto& w : result->warnings) std::cout << "Warning    " << w << "\n";
  for (ValueId id : graph.inputs)
    std::cout << "Input      " << graph.value(id).name << "  " << dtypeName(graph.value(id).dtype) << " "
              << graph.value(id).shape.toString() << "\n";
  for (ValueId id : graph.outputs)
    std::cout << "Output     " << graph.value(id).name << "  " << dtypeName(graph.value(id).dtype) << " "
              << graph.value(id).shape.toString() << "\n";
  std::cout << "Nodes      " << graph.nodes.size() << "\nParameters " << paramCount << " (" << paramBytes
            << " bytes)\nOperators\n";
  for (const auto& [op, count] : histogram) std::cout << "  " << op << "  " << count << "\n";
  return kExitOk;
}

const CommandRegistrar registrar({"inspect", "show a model's inputs, outputs, operators and size",
                                  "Usage: mindbridge-cli inspect MODEL [--shape NAME:1,3,224,224 ...] [--json]\n",
                                  runInspect});

}  // namespace
}  // namespace mb::cli
