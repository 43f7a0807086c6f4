// mindbridge-cli convert: MindConverter's command line (same flags, defaults and file names) with
// MindBridge's additions. Every output goes through a staging folder and is moved into place only
// when all files are complete.
#include <unistd.h>
#include <algorithm>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "cli_args.h"
#include "cli_command.h"
#include "compare/layer_diff_runner.h"
#include "convert/fixes/op_templates.h"
#include "emit/conversion_report.h"
#include "emit/helper_scripts.h"
#include "emit/model_py_printer.h"
#include "emit/output_stager.h"
#include "emit/sha256.h"
#include "emit/validation_data.h"
#include "io/atomic_file.h"
#include "io/checkpoint_writer.h"
#include "io/onnx_importer.h"
#include "passes/subgraph.h"
#include "project/project.h"
#include "weights/restore_bn.h"
#include "weights/sources.h"

#if __has_include("convert/convert_graph.h")
#include "convert/convert_graph.h"
#define MB_HAVE_CONVERTER 1
#endif

namespace mb::cli {
namespace {

namespace fs = std::filesystem;
using namespace mb::emitter;

constexpr size_t kMaxListItems = 32;  // MindConverter: at most 32 shapes / node names
constexpr size_t kMaxDims = 64;       // and 64 dims per shape
constexpr size_t kMaxNodeName = 255;
constexpr size_t kMaxPath = 4095;

const char* kUsage =
    "Usage: mindbridge-cli convert --model_file MODEL.onnx [options]\n"
    "\n"
    "MindConverter's options:\n"
    "  --model_file FILE         the ONNX model to convert (required)\n"
    "  --shape S [S ...]         input shapes, e.g. --shape 1,3,224,224 (order of --input_nodes,\n"
    "                            else of the model's inputs); at most 32\n"
    "  --input_nodes N [N ...]   model inputs the shapes belong to\n"
    "  --output_nodes N [N ...]  values to use as outputs (the graph is cut after them)\n"
    "  --output DIR              where <model>.py and <model>.ckpt go (default: $PWD/output)\n"
    "  --report DIR              where the reports and the weight map go (default: --output)\n"
    "MindBridge's additions:\n"
    "  --target-api classic|mint mindspore.nn/ops (default) or mindspore.mint\n"
    "  --scaffold                also write dataset.py, train.py and eval.py templates\n"
    "  --overwrite               replace existing output files (default: refuse, naming them)\n"
    "  --diff                    run the per-layer numeric diff, write diff.json / diff.csv\n"
    "                            (exit 3 when out of tolerance); --atol A --rtol R set the\n"
    "                            tolerance (|got - ref| <= atol + rtol*|ref|, default 1e-5)\n"
    "  --project P.mbproj        apply what the workbench saved: its model (unless --model_file),\n"
    "                            input shapes and nodes, output nodes, target API, per-node\n"
    "                            overrides, tolerances and diff settings (flags given win)\n"
    "  --restore-bn MODEL.pth    put back the BatchNorm Cells torch's eval export folded into\n"
    "                            Convs, filled (with the unfolded Conv weights) from the "
    "state_dict\n"
    "  --no-validation-data      skip validation/inputs|outputs/*.npy (seeded inputs and the\n"
    "                            source model's outputs on them, which validate.py compares)\n"
    "  --json                    print the result as JSON on stdout\n"
    "Files: <model>.py, <model>.ckpt, report_of_<model>.txt, weight_map_of_<model>.json,\n"
    "operator_scanning_report.csv, report.json, report.html, validate.py, export_mindir.py,\n"
    "validation/inputs/*.npy, validation/outputs/*.npy.\n"
    "Exit status: 0 converted (see the report for unconverted operators), 1 error, 2 bad command\n"
    "line, 3 diff out of tolerance.\n";

struct ConvertArgs {
  std::string modelFile;
  std::vector<std::vector<int64_t>> shapes;
  std::vector<std::string> inputNodes, outputNodes;
  std::string output, report;
  std::string api = "classic";
  std::string project;
  std::string restoreBn;  // state_dict whose BatchNorms go back into the converted model
  std::map<std::string, convert::NodeOverride> overrides;  // from --project
  convert::OpFixes fixes;                                  // from --project
  std::string projectWarning;  // the project's model changed since it was saved
  bool diff = false, overwrite = false, json = false, scaffold = false;
  bool validationData = true;  // validate.py's inputs and reference outputs
  compare::Tolerance tolerance;
  std::map<std::string, compare::Tolerance> layerTolerances;  // from --project
  int samples = 1;                                            // diff samples, from --project
  uint64_t seed = 0;  // seed of the diff's and validate.py's random inputs, from --project
};

struct Reporter {
  bool json = false;
  int step = 0;
  int total = 6;
  void progress(const std::string& what) {
    std::cerr << "mindbridge-cli convert: [" << ++step << "/" << total << "] " << what << "\n";
  }
  int fail(const Error& error, int exitCode) const {
    if (json) {
      nlohmann::json out{{"status", "error"},
                         {"exit_code", exitCode},
                         {"error",
                          {{"code", errorCodeName(error.code)},
                           {"message", error.message},
                           {"where", error.where}}}};
      std::cout << out.dump(2) << "\n";
    }
    std::cerr << "mindbridge-cli convert: " << error.describe() << "\n";
    return exitCode;
  }
  int usage(const std::string& message, const std::string& flag) const {
    return fail(makeError(ErrorCode::InvalidArgument, message, flag), kExitUsage);
  }
};

Expected<std::vector<int64_t>> parseDims(const std::string& text) {
  std::vector<int64_t> dims;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    std::string item =
        text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    size_t used = 0;
    long long value = 0;
    try {
      value = std::stoll(item, &used);
    } catch (...) {
      used = 0;
    }
    if (item.empty() || used != item.size() || value <= 0 || value > (int64_t{1} << 40))
      return makeError(ErrorCode::InvalidArgument,
                       "'" + text +
                           "' is not a shape: give positive integers separated by commas, "
                           "e.g. 1,3,224,224",
                       "--shape");
    dims.push_back(value);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  if (dims.size() > kMaxDims)
    return makeError(ErrorCode::InvalidArgument,
                     "a shape has at most " + std::to_string(kMaxDims) + " dims", "--shape");
  return dims;
}

Status checkNames(const std::vector<std::string>& names, const std::string& flag) {
  if (names.size() > kMaxListItems)
    return makeError(ErrorCode::InvalidArgument,
                     "at most " + std::to_string(kMaxListItems) + " names are allowed", flag);
  std::set<std::string> seen;
  for (const auto& n : names) {
    if (n.empty() || n.size() > kMaxNodeName)
      return makeError(ErrorCode::InvalidArgument,
                       "a node name must have 1 to " + std::to_string(kMaxNodeName) + " characters",
                       flag);
    if (!seen.insert(n).second)
      return makeError(ErrorCode::InvalidArgument, "'" + n + "' is given twice", flag);
  }
  return Status::ok();
}

std::string absolutePath(const std::string& path) {
  std::string p = path;
  if (!p.empty() && p[0] == '~')
    if (const char* home = std::getenv("HOME")) p = std::string(home) + p.substr(1);
  return fs::absolute(p).lexically_normal().string();
}

Expected<ConvertArgs> parseConvertArgs(const std::vector<std::string>& args) {
  // MindConverter rejects any repeated flag ("Parameter `--x` is set repeatedly").
  std::set<std::string> seen;
  for (const auto& a : args) {
    if (a.rfind("--", 0) != 0) continue;
    std::string name = a.substr(0, a.find('='));
    if (!seen.insert(name).second)
      return makeError(ErrorCode::InvalidArgument, "the option is given more than once", name);
  }
  std::string error;
  auto parsed = parseArgs(args,
                          {{"model_file"},
                           {"shape", true, true},
                           {"input_nodes", true, true},
                           {"output_nodes", true, true},
                           {"output"},
                           {"report"},
                           {"target-api"},
                           {"project"},
                           {"diff", false},
                           {"atol"},
                           {"rtol"},
                           {"overwrite", false},
                           {"json", false},
                           {"scaffold", false},
                           {"no-validation-data", false},
                           {"restore-bn"}},
                          error);
  if (!parsed) return makeError(ErrorCode::InvalidArgument, error, "command line");
  if (!parsed->positional.empty())
    return makeError(ErrorCode::InvalidArgument,
                     "unexpected argument '" + parsed->positional[0] +
                         "' (the model is given with "
                         "--model_file)",
                     "command line");
  ConvertArgs out;
  out.json = parsed->has("json");
  out.diff = parsed->has("diff");
  out.overwrite = parsed->has("overwrite");
  out.scaffold = parsed->has("scaffold");
  out.validationData = !parsed->has("no-validation-data");
  out.restoreBn = parsed->get("restore-bn").value_or("");
  if (parsed->has("restore-bn") && out.restoreBn.empty())
    return makeError(ErrorCode::InvalidArgument, "needs the model's state_dict (.pth)",
                     "--restore-bn");
  auto model = parsed->get("model_file");
  // A project names its own model (relative to the project file); --model_file wins if given.
  std::optional<project::Project> proj;
  if (auto projectFile = parsed->get("project"); projectFile && !projectFile->empty()) {
    out.project = absolutePath(*projectFile);
    auto loaded = project::loadProject(out.project);
    if (!loaded) return loaded.error();
    proj = std::move(*loaded);
    if (!model) {
      auto check = project::checkSourceModel(*proj, out.project);
      if (!check.exists)
        return makeError(ErrorCode::FileNotFound, check.explanation, out.project + ": model.path");
      out.projectWarning = check.explanation;
      model = check.resolvedPath;
    }
  }
  if (!model)
    return makeError(ErrorCode::InvalidArgument, "--model_file is required", "--model_file");
  for (const char* flag : {"model_file", "output", "report", "project"})
    if (auto v = parsed->get(flag); v && (v->empty() || v->size() > kMaxPath))
      return makeError(ErrorCode::InvalidArgument,
                       "a path must have 1 to " + std::to_string(kMaxPath) + " characters",
                       std::string("--") + flag);
  out.modelFile = absolutePath(*model);
  std::error_code ec;
  if (!fs::exists(out.modelFile, ec))
    return makeError(ErrorCode::FileNotFound, "the model file does not exist", out.modelFile);
  if (!fs::is_regular_file(out.modelFile, ec))
    return makeError(ErrorCode::InvalidArgument, "the model path is not a file", out.modelFile);
  const std::string ext = fs::path(out.modelFile).extension().string();
  if (ext == ".pb")
    return makeError(ErrorCode::InvalidArgument,
                     "TensorFlow .pb models are not read directly; convert them to ONNX first "
                     "(python -m tf2onnx.convert)",
                     out.modelFile);
  if (ext != ".onnx")
    return makeError(ErrorCode::InvalidArgument, "the model must be an ONNX file (.onnx)",
                     out.modelFile);
  const auto shapes = parsed->getAll("shape");
  if (shapes.size() > kMaxListItems)
    return makeError(ErrorCode::InvalidArgument,
                     "at most " + std::to_string(kMaxListItems) + " shapes are allowed (" +
                         std::to_string(shapes.size()) + " given)",
                     "--shape");
  for (const auto& s : shapes) {
    auto dims = parseDims(s);
    if (!dims) return dims.error();
    out.shapes.push_back(*dims);
  }
  out.inputNodes = parsed->getAll("input_nodes");
  out.outputNodes = parsed->getAll("output_nodes");
  MB_TRY(checkNames(out.inputNodes, "--input_nodes"));
  MB_TRY(checkNames(out.outputNodes, "--output_nodes"));
  if (!out.inputNodes.empty() && out.inputNodes.size() != out.shapes.size())
    return makeError(ErrorCode::InvalidArgument,
                     "give one --shape per --input_nodes name (" +
                         std::to_string(out.shapes.size()) + " shapes for " +
                         std::to_string(out.inputNodes.size()) + " names)",
                     "--shape");
  out.output = absolutePath(parsed->get("output").value_or("output"));
  out.report = parsed->has("report") ? absolutePath(*parsed->get("report")) : out.output;
  if (auto api = parsed->get("target-api")) {
    if (*api != "classic" && *api != "mint")
      return makeError(ErrorCode::InvalidArgument,
                       "'" + *api + "' is not a target API; use classic or mint", "--target-api");
    out.api = *api;
  }
  for (const char* flag : {"atol", "rtol"}) {
    auto text = parsed->get(flag);
    if (!text) continue;
    if (!out.diff)
      return makeError(ErrorCode::InvalidArgument, "only meaningful with --diff",
                       std::string("--") + flag);
    double value = -1;
    size_t used = 0;
    try {
      value = std::stod(*text, &used);
    } catch (...) {
      used = 0;
    }
    if (used != text->size() || !(value >= 0) || value > 1e6)
      return makeError(ErrorCode::InvalidArgument, "'" + *text + "' is not a tolerance >= 0",
                       std::string("--") + flag);
    (std::string(flag) == "atol" ? out.tolerance.atol : out.tolerance.rtol) = value;
  }
  if (proj) {  // the project fills in what the command line leaves out
    out.fixes = proj->fixes;
    if (!parsed->has("target-api")) out.api = convert::targetApiName(proj->targetApi);
    if (out.outputNodes.empty()) out.outputNodes = proj->outputNodes;
    if (out.shapes.empty() && out.inputNodes.empty()) {
      // The project's cut points (input nodes) need a full shape each, as --input_nodes does.
      for (const std::string& name : proj->inputNodes) {
        std::vector<int64_t> dims;
        for (const auto& input : proj->inputs)
          if (input.name == name)
            for (const Dim& d : input.shape)
              if (d.isKnown()) dims.push_back(d.value);
        if (dims.empty())
          return makeError(
              ErrorCode::InvalidArgument,
              "the project's input node '" + name + "' has no fully known shape under inputs",
              out.project + ": inputNodes");
        out.inputNodes.push_back(name);
        out.shapes.push_back(dims);
      }
      for (const auto& input : proj->inputs) {
        if (std::find(proj->inputNodes.begin(), proj->inputNodes.end(), input.name) !=
            proj->inputNodes.end())
          continue;
        std::vector<int64_t> dims;
        for (const Dim& d : input.shape)
          if (d.isKnown()) dims.push_back(d.value);
        if (dims.size() != input.shape.size()) continue;  // symbolic dims stay the model's
        out.inputNodes.push_back(input.name);
        out.shapes.push_back(dims);
      }
    }
    out.overrides = proj->overrides;
    // Tolerances and diff settings: --atol / --rtol win over the project's defaults.
    if (!parsed->has("atol")) out.tolerance.atol = proj->tolerance.atol;
    if (!parsed->has("rtol")) out.tolerance.rtol = proj->tolerance.rtol;
    out.layerTolerances = proj->layerTolerances;
    out.samples = proj->diff.samples;
    out.seed = proj->diff.seed;
  }
  return out;
}

// SIGINT / SIGTERM: the handler only writes the signal number to a pipe (libraries such as
// OpenBLAS start threads at load time, so any thread may take the signal); a watcher thread reads
// it, removes the staged outputs with ordinary code and exits.
int gInterruptPipe[2] = {-1, -1};

extern "C" void forwardInterrupt(int signal) {
  const unsigned char byte = static_cast<unsigned char>(signal);
  [[maybe_unused]] ssize_t n = ::write(gInterruptPipe[1], &byte, 1);
}

void startInterruptWatcher() {
  if (::pipe(gInterruptPipe) != 0) return;
  std::thread([] {
    unsigned char signal = 0;
    if (::read(gInterruptPipe[0], &signal, 1) != 1) return;
    // An interrupt after the outputs were moved into place lets the run finish normally.
    if (!OutputStager::discardAllLive()) return;
    std::cerr << "mindbridge-cli convert: interrupted; nothing was written\n";
    ::_exit(128 + signal);
  }).detach();
  struct sigaction action {};
  action.sa_handler = forwardInterrupt;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

struct OutputFiles {
  std::string py, ckpt, reportTxt, weightMap, opScan;
};

int runConvert(const std::vector<std::string>& rawArgs) {
  const auto started = std::chrono::steady_clock::now();
  Reporter out;
  for (const auto& a : rawArgs) out.json = out.json || a == "--json";
  auto parsedArgs = parseConvertArgs(rawArgs);
  if (!parsedArgs) {
    const Error& e = parsedArgs.error();
    return out.fail(e, e.code == ErrorCode::InvalidArgument ? kExitUsage : kExitError);
  }
  const ConvertArgs& args = *parsedArgs;
  out.total += (args.diff ? 1 : 0) + (args.validationData ? 1 : 0);
  startInterruptWatcher();
  if (!args.projectWarning.empty())
    std::cerr << "mindbridge-cli convert: warning: " << args.projectWarning << "\n";
  // Files grow through write() with EFBIG instead of killing us when a size limit is hit, and an
  // interrupted run removes what it staged.
  std::signal(SIGXFSZ, SIG_IGN);

  const std::string model = fs::path(args.modelFile).stem().string();
  OutputFiles names{model + ".py", model + ".ckpt", "report_of_" + model + ".txt",
                    "weight_map_of_" + model + ".json", "operator_scanning_report.csv"};
  OutputStager stager(args.overwrite);
  // Claim every name first: an existing file or an unwritable folder fails before any work.
  std::vector<std::pair<std::string, std::string>> planned = {
      {args.output, names.py},        {args.output, names.ckpt},
      {args.output, "validate.py"},   {args.output, "export_mindir.py"},
      {args.report, names.reportTxt}, {args.report, names.weightMap},
      {args.report, names.opScan},    {args.report, "report.json"},
      {args.report, "report.html"}};
  if (args.scaffold)
    for (const char* f : {"dataset.py", "train.py", "eval.py"}) planned.push_back({args.output, f});
  if (args.diff)
    for (const char* f : {"diff.json", "diff.csv"}) planned.push_back({args.report, f});
  std::map<std::string, std::string> staged;
  for (const auto& [dir, file] : planned) {
    auto path = stager.plan(dir, file);
    if (!path) return out.fail(path.error(), kExitError);
    staged[(fs::path(dir) / file).string()] = *path;
  }
  auto stagedPath = [&](const std::string& dir, const std::string& file) {
    return staged.at((fs::path(dir) / file).string());
  };
  auto writeStaged = [&](const std::string& dir, const std::string& file,
                         const std::string& text) -> Status {
    auto f = AtomicFile::create(stagedPath(dir, file));
    if (!f) return f.error();
    MB_TRY(f->write(text));
    return f->commit();
  };

  out.progress("importing " + args.modelFile);
  auto sha = sha256File(args.modelFile);
  if (!sha) return out.fail(sha.error(), kExitError);
  OnnxImportOptions importOptions;
  auto imported = importOnnxFile(args.modelFile, importOptions);
  if (!imported) return out.fail(imported.error(), kExitError);
  std::map<std::string, std::vector<int64_t>> pendingCutShapes;
  if (!args.shapes.empty()) {
    // Shapes apply to --input_nodes, or to the model's inputs in order.
    const Graph& g = imported->graph;
    std::vector<std::string> targets = args.inputNodes;
    if (targets.empty()) {
      if (args.shapes.size() > g.inputs.size())
        return out.usage(std::to_string(args.shapes.size()) + " shapes given but the model has " +
                             std::to_string(g.inputs.size()) + " input(s)",
                         "--shape");
      for (size_t i = 0; i < args.shapes.size(); ++i) targets.push_back(g.value(g.inputs[i]).name);
    }
    for (size_t i = 0; i < targets.size(); ++i) {
      bool isInput = false;
      for (ValueId v : g.inputs) isInput = isInput || g.value(v).name == targets[i];
      if (isInput) {
        importOptions.inputShapes[targets[i]] = args.shapes[i];
      } else {
        pendingCutShapes[targets[i]] = args.shapes[i];  // an input made by the cut below
      }
    }
    imported = importOnnxFile(args.modelFile, importOptions);
    if (!imported) return out.fail(imported.error(), kExitError);
  }
  Graph& source = imported->graph;
  if (!args.inputNodes.empty() || !args.outputNodes.empty()) {
    // MindConverter's --input_nodes / --output_nodes: convert only the part between them.
    auto cut = passes::extractSubgraph(source, {args.inputNodes, args.outputNodes});
    if (!cut)
      return out.fail(cut.error(),
                      cut.error().code == ErrorCode::InvalidArgument ? kExitUsage : kExitError);
    source = std::move(*cut);
    for (const auto& [name, dims] : pendingCutShapes)
      if (auto id = source.findValue(name)) source.value(*id).shape = Shape::ofDims(dims);
  }

  out.progress("converting to MindSpore (" + args.api + ")");
#ifndef MB_HAVE_CONVERTER
  (void)started;
  (void)writeStaged;
  return out.fail(
      makeError(ErrorCode::Internal, "this build has no ONNX to MindSpore converter", "convert"),
      kExitError);
#else
  convert::ConvertOptions convertOptions;
  convertOptions.api = args.api == "mint" ? convert::TargetApi::Mint : convert::TargetApi::Classic;
  convertOptions.overrides = args.overrides;
  convertOptions.fixes = args.fixes;
  auto conversion = convert::convertGraph(source, convertOptions);
  if (!conversion) return out.fail(conversion.error(), kExitError);
  Graph& converted = conversion->converted;
  if (!args.restoreBn.empty()) {
    auto stateDict = weights::loadSourceTensors(args.restoreBn);
    if (!stateDict) return out.fail(stateDict.error(), kExitError);
    auto restored = weights::restoreBatchNorm(converted, stateDict->tensors);
    if (!restored) return out.fail(restored.error(), kExitError);
    if (restored->empty())
      return out.fail(makeError(ErrorCode::InvalidArgument,
                                "no Conv of the model has a folded BatchNorm in this state_dict "
                                "(keys like <conv>.weight and <bn>.running_mean)",
                                "--restore-bn " + args.restoreBn),
                      kExitError);
    std::cerr << "mindbridge-cli convert: restored " << restored->size() << " BatchNorm Cells from "
              << args.restoreBn << "\n";
  }

  out.progress("writing " + names.py);
  ModelPyOptions pyOptions{model, fs::path(args.modelFile).filename().string(), *sha, names.ckpt};
  auto printed = printModelPy(converted, pyOptions);
  if (!printed) return out.fail(printed.error(), kExitError);
  if (Status s = writeStaged(args.output, names.py, printed->code); !s)
    return out.fail(s.error(), kExitError);

  out.progress("writing " + names.ckpt);
  {
    auto writer = CheckpointWriter::create(stagedPath(args.output, names.ckpt));
    if (!writer) return out.fail(writer.error(), kExitError);
    for (const auto& entry : printed->checkpoint) {
      if (entry.value == kNoValue || !converted.value(entry.value).initializer) continue;
      if (Status s = writer->add(entry.key, *converted.value(entry.value).initializer); !s)
        return out.fail(s.error(), kExitError);
    }
    if (Status s = writer->finish(); !s) return out.fail(s.error(), kExitError);
  }

  // Template fixes are checked against their expansion (the fixed op may have no ONNX kernel):
  // the diff and validate.py's reference run that graph.
  std::optional<convert::TemplateExpansion> expanded;
  for (const auto& [node, fix] : args.fixes)
    if (fix.kind == convert::FixKind::Template && !expanded) {
      auto e = convert::expandTemplateFixes(source, convertOptions);
      if (!e) return out.fail(e.error(), kExitError);
      expanded = std::move(*e);
    }
  const Graph& reference = expanded ? expanded->graph : source;

  // validate.py's data. A model whose inputs have unknown dims or whose ops lack a reference
  // kernel still converts: validate.py then needs --data, and the report says why.
  std::vector<std::string> validationWarnings;
  if (args.validationData) {
    out.progress("computing validate.py's reference outputs");
    RandomInputOptions random;  // the inputs of --diff's first sample
    random.seed = args.seed;
    auto data = computeValidationData(reference, random);
    if (data) {
      if (Status s = stageValidationData(stager, args.output, *data); !s)
        return out.fail(s.error(), kExitError);
    } else {
      validationWarnings.push_back("validation data not written: " + data.error().describe() +
                                   "; validate.py then needs --data DIR");
    }
  }

  std::optional<compare::DiffReport> diff;
  if (args.diff) {
    out.progress("running both graphs and comparing every layer");
    compare::DiffRunOptions diffOptions;
    diffOptions.tolerances.defaults = args.tolerance;
    diffOptions.tolerances.overrides = args.layerTolerances;
    diffOptions.samples = args.samples;
    diffOptions.seed = args.seed;
    auto ran = compare::runLayerDiff(reference, converted, diffOptions);
    if (!ran) return out.fail(ran.error(), kExitError);
    diff = std::move(*ran);
    // diff.json and diff.csv land in the staging folder under their final names.
    const std::string stagingDir = fs::path(stagedPath(args.report, "diff.json")).parent_path();
    if (Status s = compare::writeDiffFiles(*diff, stagingDir); !s)
      return out.fail(s.error(), kExitError);
  }

  out.progress("writing reports");
  ReportContext report;
  report.modelName = model;
  report.sourceFile = args.modelFile;
  report.sourceSha256 = *sha;
  report.modelPyFile = names.py;
  report.source = &source;
  report.converted = &converted;
  report.modelPy = &*printed;
  report.diff = diff ? &*diff : nullptr;
  for (const auto& p : conversion->params)
    report.weightSources[p.key] = WeightSource{p.sourceInitializers, p.transform};
  report.warnings = imported->warnings;
  report.warnings.insert(report.warnings.end(), conversion->warnings.begin(),
                         conversion->warnings.end());
  report.warnings.insert(report.warnings.end(), validationWarnings.begin(),
                         validationWarnings.end());
  for (const auto& w : validationWarnings)
    std::cerr << "mindbridge-cli convert: warning: " << w << "\n";
  for (const auto& [dir, file] : planned) report.files.push_back((fs::path(dir) / file).string());
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  ScriptContext scripts;
  scripts.module = model;
  scripts.topClass = printed->topClass;
  scripts.checkpoint = names.ckpt;
  for (ValueId v : converted.inputs) {
    ScriptInput in;
    in.name = converted.value(v).name;
    in.dtype = std::string(dtypeName(converted.value(v).dtype));
    if (in.dtype == "undefined") in.dtype = "float32";
    for (const auto& d : converted.value(v).shape.dims)
      in.dims.push_back(d.isKnown() ? d.value : -1);
    scripts.inputs.push_back(in);
  }
  scripts.outputs = printed->outputNames;
  const std::vector<std::tuple<std::string, std::string, std::string>> texts = {
      {args.report, names.reportTxt, conversionReportText(report)},
      {args.report, names.opScan, operatorScanCsv(report)},
      {args.report, names.weightMap, weightMapText(report)},
      {args.report, "report.json", reportJson(report).dump(2) + "\n"},
      {args.report, "report.html", reportHtml(report)},
      {args.output, "validate.py", validateScript(scripts)},
      {args.output, "export_mindir.py", exportMindirScript(scripts)}};
  for (const auto& [dir, file, text] : texts)
    if (Status s = writeStaged(dir, file, text); !s) return out.fail(s.error(), kExitError);
  if (args.scaffold) {
    if (Status s = writeStaged(args.output, "dataset.py", datasetScript(scripts)); !s)
      return out.fail(s.error(), kExitError);
    if (Status s = writeStaged(args.output, "train.py", trainScript(scripts)); !s)
      return out.fail(s.error(), kExitError);
    if (Status s = writeStaged(args.output, "eval.py", evalScript(scripts)); !s)
      return out.fail(s.error(), kExitError);
  }

  out.progress("moving the outputs into place");
  if (Status s = stager.commit(); !s) return out.fail(s.error(), kExitError);

  const ConversionCounts counts = conversionCounts(converted);
  if (args.json) {
    nlohmann::json result = reportJson(report);
    result["status"] = "ok";
    result["exit_code"] = kExitOk;
    result["seconds"] =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::cout << result.dump(2) << "\n";
  } else {
    std::cout << "Converted " << args.modelFile << " (" << args.api << "): " << counts.converted
              << " of " << counts.total << " operators, rate "
              << conversionReportText(report).substr(
                     conversionReportText(report).rfind("Converted Rate: ") + 16)
              << "Model:   " << (fs::path(args.output) / names.py).string() << "\n"
              << "Weights: " << (fs::path(args.output) / names.ckpt).string() << "\n"
              << "Report:  " << (fs::path(args.report) / names.reportTxt).string() << "\n";
  }
  if (diff && !diff->passed()) {
    std::cerr << "mindbridge-cli convert: the per-layer diff is out of tolerance; see "
              << (fs::path(args.report) / "diff.csv").string() << "\n";
    return kExitOutOfTolerance;
  }
  return kExitOk;
#endif
}

const CommandRegistrar registrar({"convert",
                                  "convert an ONNX model to MindSpore (model.py, .ckpt, reports)",
                                  kUsage, runConvert});

}  // namespace
}  // namespace mb::cli
