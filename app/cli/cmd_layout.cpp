// mindbridge-cli layout MODEL [--expand-all] [--lr] [--no-stubs] [--json]
#include <iostream>

#include "cli_args.h"
#include "cli_command.h"
#include "io/onnx_importer.h"
#include "layout/layout_run.h"

namespace mb::cli {
namespace {

int runLayoutCommand(const std::vector<std::string>& args) {
  std::string error;
  auto parsed = parseArgs(
      args, {{"expand-all", false}, {"json", false}, {"lr", false}, {"no-stubs", false}}, error);
  if (!parsed || parsed->positional.size() != 1) {
    std::cerr << "mindbridge-cli layout: "
              << (parsed ? "expected exactly one MODEL argument" : error) << "\n";
    return kExitUsage;
  }
  OnnxImportOptions importOptions;
  importOptions.runChecker = false;  // layout needs structure only; keep big models quick
  auto model = importOnnxFile(parsed->positional[0], importOptions);
  if (!model) {
    std::cerr << model.error().describe() << "\n";
    return kExitError;
  }
  layout::LayoutOptions options;
  if (parsed->has("lr")) options.direction = layout::Direction::LeftToRight;
  if (parsed->has("no-stubs")) options.stubs = false;
  auto run = layout::runLayout(model->graph, parsed->has("expand-all"), options);
  if (parsed->has("json"))
    std::cout << layout::describeRunJson(model->graph, run) << "\n";
  else
    std::cout << layout::describeRunText(model->graph, run);
  return kExitOk;
}

const CommandRegistrar registrar(
    {"layout", "lay out a model's graph and print time, crossings, width and memory",
     "Usage: mindbridge-cli layout MODEL [--expand-all] [--lr] [--no-stubs] [--json]\n"
     "  --expand-all  open every module group (default: open groups until ~1500 boxes show)\n"
     "  --lr          left-to-right instead of top-to-bottom\n"
     "  --no-stubs    draw far-reaching fan-out tensors as full edges\n",
     runLayoutCommand});

}  // namespace
}  // namespace mb::cli
