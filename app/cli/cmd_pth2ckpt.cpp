// mindbridge-cli pth2ckpt: PyTorch (or safetensors / ckpt) weights → MindSpore checkpoint, mapped
// onto the target's parameter names, with a weight map and a table that says how each tensor
// matched.
#include <filesystem>
#include <iostream>

#include "cli_args.h"
#include "cli_command.h"
#include "io/atomic_file.h"
#include "project/project_weights.h"
#include "weights/sources.h"
#include "weights/targets.h"
#include "weights/weight_outputs.h"

namespace mb::cli {
namespace {

constexpr const char* kUsage =
    "Usage: mindbridge-cli pth2ckpt --pth WEIGHTS (--target P.mbproj | --onnx MODEL.onnx |\n"
    "                               --keys KEYS.txt | --ckpt REF.ckpt)\n"
    "                               --out MODEL.ckpt [options]\n\n"
    "WEIGHTS is a torch.save file (.pth/.pt, zip or legacy format; a plain state dict or one "
    "wrapped as\n"
    "{'state_dict': ...} / {'model': ...}), a .safetensors file or a MindSpore .ckpt. It is read "
    "with a\n"
    "restricted unpickler: nothing in it is executed.\n\n"
    "Targets (exactly one):\n"
    "  --target P.mbproj    the parameters of the project's model as the project converts it\n"
    "                       (target API, per-node overrides); its weight-mapping edits apply\n"
    "                       before --rules\n"
    "  --onnx MODEL.onnx    the parameters of the model converted from MODEL.onnx; export it in\n"
    "                       training mode (BatchNorm not folded into Conv)\n"
    "  --keys KEYS.txt      one key per line: NAME [SHAPE [DTYPE]], e.g. conv1.weight 64,3,7,7\n"
    "  --ckpt REF.ckpt      the keys, shapes and dtypes of an existing MindSpore checkpoint\n\n"
    "Options:\n"
    "  --target-api A       classic (mindspore.nn names: BatchNorm gamma/beta/moving_mean/...; "
    "default)\n"
    "                       or mint (torch names)\n"
    "  --rules RULES.json   {\"rules\": [{\"match\": REGEX, \"replace\": TEXT}], \"overrides\": "
    "{SRC: TARGET}}\n"
    "  --out FILE           the checkpoint to write\n"
    "  --weight-map FILE    also write the weight map (MindConverter's JSON schema + our details)\n"
    "  --crc                append MindSpore's CRC trailer (load_checkpoint(..., crc_check=True))\n"
    "  --restore-bn         with --onnx: restore the BatchNorms torch's eval export folded (the\n"
    "                       Convs take the unfolded weights and BatchNorm Cells are added)\n"
    "  --allow-partial      write matched tensors even if some targets are missing\n"
    "  --overwrite          replace existing output files (default: refuse)\n"
    "  --quiet              no table, only the summary\n\n"
    "Exit codes: 0 written, 1 error or incomplete mapping (nothing written), 2 bad command line.\n";

int fail(const Error& error) {
  std::cerr << "mindbridge-cli pth2ckpt: " << error.describe() << "\n";
  return kExitError;
}

int runPth2ckpt(const std::vector<std::string>& args) {
  std::string error;
  auto parsed = parseArgs(args,
                          {{"pth"},
                           {"target"},
                           {"onnx"},
                           {"keys"},
                           {"ckpt"},
                           {"rules"},
                           {"target-api"},
                           {"out"},
                           {"weight-map"},
                           {"crc", false},
                           {"allow-partial", false},
                           {"restore-bn", false},
                           {"overwrite", false},
                           {"quiet", false},
                           {"help", false}},
                          error);
  auto usage = [](const std::string& message) {
    std::cerr << "mindbridge-cli pth2ckpt: " << message << "\n\n" << kUsage;
    return kExitUsage;
  };
  if (!parsed) return usage(error);
  if (parsed->has("help")) {
    std::cout << kUsage;
    return kExitOk;
  }
  if (!parsed->positional.empty())
    return usage("unexpected argument '" + parsed->positional[0] + "'");
  if (!parsed->get("pth")) return usage("--pth WEIGHTS is required");
  if (!parsed->get("out")) return usage("--out MODEL.ckpt is required");
  int targetKinds =
      parsed->has("target") + parsed->has("onnx") + parsed->has("keys") + parsed->has("ckpt");
  if (targetKinds != 1) return usage("give exactly one of --target, --onnx, --keys, --ckpt");
  std::string api = parsed->get("target-api").value_or("classic");
  if (api != "classic" && api != "mint")
    return usage("--target-api must be classic or mint, not '" + api + "'");
  const std::string out = *parsed->get("out");
  const auto weightMap = parsed->get("weight-map");
  for (const auto& path : {std::optional<std::string>(out), weightMap}) {
    if (!path) continue;
    if (std::filesystem::exists(*path) && !parsed->has("overwrite"))
      return fail(
          makeError(ErrorCode::AlreadyExists, "exists; pass --overwrite to replace it", *path));
  }

  weights::MappingRules rules;
  if (auto path = parsed->get("rules")) {
    auto loaded = weights::loadMappingRules(*path);
    if (!loaded) return fail(loaded.error());
    rules = std::move(*loaded);
  }
  if (parsed->has("restore-bn") && !parsed->has("onnx"))
    return usage("--restore-bn needs --onnx (the model whose BatchNorms were folded)");
  std::string targetOrigin;
  Expected<std::vector<weights::TargetParam>> targets = std::vector<weights::TargetParam>{};
  if (auto projectPath = parsed->get("target")) {
    // The project decides the target API (unless given) and adds its mapping edits.
    auto project = project::loadProject(*projectPath);
    if (!project) return fail(project.error());
    auto fromProject = project::projectWeightTargets(*project, *projectPath);
    if (!fromProject) return fail(fromProject.error());
    if (!fromProject->warning.empty()) std::cerr << "warning: " << fromProject->warning << "\n";
    if (parsed->has("target-api") && api != fromProject->targetApi)
      return usage("--target-api " + api + " contradicts the project's target API (" +
                   fromProject->targetApi + ")");
    api = fromProject->targetApi;
    rules = project::mergedMappingRules(*project, rules);
    targets = std::move(fromProject->targets);
    targetOrigin = "parameters of the project's converted " + api + " model";
  } else if (parsed->has("restore-bn")) {
    auto stateDict = weights::loadSourceTensors(*parsed->get("pth"));
    if (!stateDict) return fail(stateDict.error());
    targets =
        weights::targetsFromOnnx(*parsed->get("onnx"), api, &targetOrigin, &stateDict->tensors);
  } else {
    targets = parsed->has("onnx")
                  ? weights::targetsFromOnnx(*parsed->get("onnx"), api, &targetOrigin)
              : parsed->has("keys") ? weights::targetsFromKeyFile(*parsed->get("keys"))
                                    : weights::targetsFromCheckpoint(*parsed->get("ckpt"));
  }
  if (!targets) return fail(targets.error());
  if (!targetOrigin.empty()) std::cerr << "note: targets are the " << targetOrigin << "\n";
  auto sources = weights::loadSourceTensors(*parsed->get("pth"));
  if (!sources) return fail(sources.error());
  for (const auto& note : sources->notes) std::cerr << "note: " << note << "\n";

  weights::MappingOptions options;
  options.targetApi = api;
  auto mapping = weights::mapWeights(sources->tensors, *targets, rules, options);
  if (parsed->has("quiet"))
    std::cout << weights::mappingSummary(mapping) << "\n";
  else
    std::cout << weights::formatMappingTable(mapping);
  const bool partial = parsed->has("allow-partial");
  if (!mapping.complete() && !partial) {
    bool unmatchedBatchNorm = false;
    for (const auto& entry : mapping.entries)
      if (entry.status == weights::MatchStatus::Unexpected &&
          entry.source.find("running_var") != std::string::npos)
        unmatchedBatchNorm = true;
    if (unmatchedBatchNorm && parsed->has("onnx"))
      std::cerr << "hint: the model has no BatchNorm parameters for the state dict's BatchNorm "
                   "layers: it looks like an eval-mode export, where torch folds BatchNorm into "
                   "the preceding Conv (so the Conv weights differ from the state dict's too). "
                   "Pass --restore-bn to put the BatchNorms back, or export with "
                   "training=torch.onnx.TrainingMode.TRAINING and do_constant_folding=False.\n";
    std::cerr << "mindbridge-cli pth2ckpt: the mapping is incomplete, nothing written. Add --rules "
                 "(regex renames "
                 "or overrides), or --allow-partial to write the matched tensors.\n";
    return kExitError;
  }
  CheckpointWriteOptions ckptOptions;
  ckptOptions.crcTrailer = parsed->has("crc");
  Status written =
      weights::writeMappedCheckpoint(out, sources->tensors, mapping, ckptOptions, partial);
  if (!written) return fail(written.error());
  if (weightMap) {
    std::string model = std::filesystem::path(out).stem().string();
    Status mapWritten =
        writeFileAtomically(*weightMap, weights::weightMapJson(model, mapping).dump(1) + "\n");
    if (!mapWritten) return fail(mapWritten.error());
  }
  std::cerr << "wrote " << out << (weightMap ? " and " + *weightMap : "") << "\n";
  return kExitOk;
}

const CommandRegistrar registrar(
    {"pth2ckpt", "convert PyTorch weights to a MindSpore checkpoint with a weight map", kUsage,
     runPth2ckpt});

}  // namespace
}  // namespace mb::cli
