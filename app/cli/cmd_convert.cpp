// mindbridge-cli convert: MindConverter's command line (same flags, defaults and file names) with
// MindBridge's additions. Every output goes through a staging folder and is moved into place only
// when all files are complete.
#include <unistd.h>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "cli_args.h"
#include "cli_command.h"
#include "emit/output_stager.h"
#include "pipeline/conversion_job.h"
#include "project/project.h"

namespace mb::cli {
namespace {

namespace fs = std::filesystem;
using mb::emitter::OutputStager;

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

// The command line resolved: what the shared conversion job runs, and how to print it.
struct ConvertArgs {
  pipeline::ConversionSettings settings;
  std::string project;
  std::string projectWarning;  // the project's model changed since it was saved
  bool json = false;
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
  ConvertArgs result;
  pipeline::ConversionSettings& out = result.settings;
  result.json = parsed->has("json");
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
    result.project = absolutePath(*projectFile);
    auto loaded = project::loadProject(result.project);
    if (!loaded) return loaded.error();
    proj = std::move(*loaded);
    if (!model) {
      auto check = project::checkSourceModel(*proj, result.project);
      if (!check.exists)
        return makeError(ErrorCode::FileNotFound, check.explanation,
                         result.project + ": model.path");
      result.projectWarning = check.explanation;
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
    out.api = *convert::parseTargetApi(*api);
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
    pipeline::ConversionSettings fromProject;
    MB_TRY(pipeline::applyProjectSettings(fromProject, *proj, result.project));
    out.fixes = fromProject.fixes;
    if (!parsed->has("target-api")) out.api = fromProject.api;
    if (out.outputNodes.empty()) out.outputNodes = fromProject.outputNodes;
    if (out.shapes.empty() && out.inputNodes.empty()) {
      out.inputNodes = fromProject.inputNodes;
      out.shapes = fromProject.shapes;
    }
    out.overrides = fromProject.overrides;
    // Tolerances and diff settings: --atol / --rtol win over the project's defaults.
    if (!parsed->has("atol")) out.tolerance.atol = fromProject.tolerance.atol;
    if (!parsed->has("rtol")) out.tolerance.rtol = fromProject.tolerance.rtol;
    out.layerTolerances = fromProject.layerTolerances;
    out.samples = fromProject.samples;
    out.seed = fromProject.seed;
  }
  return result;
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
  const pipeline::ConversionSettings& settings = args.settings;
  startInterruptWatcher();
  if (!args.projectWarning.empty())
    std::cerr << "mindbridge-cli convert: warning: " << args.projectWarning << "\n";
  // Files grow through write() with EFBIG instead of killing us when a size limit is hit, and an
  // interrupted run removes what it staged.
  std::signal(SIGXFSZ, SIG_IGN);

  pipeline::ConversionJob job(settings);
  out.total = job.totalSteps();
  job.setProgress([&out](int, int, const std::string& what) { out.progress(what); });
  job.setWarningHandler(
      [](const std::string& w) { std::cerr << "mindbridge-cli convert: warning: " << w << "\n"; });
  auto converted = job.run();
  if (!converted)
    return out.fail(converted.error(), job.failedOnSettings() ? kExitUsage : kExitError);
  const pipeline::ConversionResult& result = *converted;
  if (result.restoredBatchNorms > 0)
    std::cerr << "mindbridge-cli convert: restored " << result.restoredBatchNorms
              << " BatchNorm Cells from " << settings.restoreBn << "\n";

  if (args.json) {
    nlohmann::json json = result.reportJson;
    json["status"] = "ok";
    json["exit_code"] = kExitOk;
    json["seconds"] =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::cout << json.dump(2) << "\n";
  } else {
    std::cout << "Converted " << settings.modelFile << " (" << convert::targetApiName(settings.api)
              << "): " << result.counts.converted << " of " << result.counts.total
              << " operators, rate "
              << result.reportText.substr(result.reportText.rfind("Converted Rate: ") + 16)
              << "Model:   " << (fs::path(settings.output) / result.names.py).string() << "\n"
              << "Weights: " << (fs::path(settings.output) / result.names.ckpt).string() << "\n"
              << "Report:  " << (fs::path(settings.report) / result.names.reportTxt).string()
              << "\n";
  }
  if (result.diff && !result.diff->passed()) {
    std::cerr << "mindbridge-cli convert: the per-layer diff is out of tolerance; see "
              << (fs::path(settings.report) / "diff.csv").string() << "\n";
    return kExitOutOfTolerance;
  }
  return kExitOk;
}

const CommandRegistrar registrar({"convert",
                                  "convert an ONNX model to MindSpore (model.py, .ckpt, reports)",
                                  kUsage, runConvert});

}  // namespace
}  // namespace mb::cli
