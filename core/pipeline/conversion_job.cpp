#include "pipeline/conversion_job.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <optional>
#include <tuple>

#include "compare/layer_diff_runner.h"
#include "convert/convert_graph.h"
#include "convert/fixes/op_templates.h"
#include "emit/helper_scripts.h"
#include "emit/model_py_printer.h"
#include "emit/output_stager.h"
#include "emit/sha256.h"
#include "emit/validation_data.h"
#include "io/atomic_file.h"
#include "io/checkpoint_writer.h"
#include "io/onnx_importer.h"
#include "passes/subgraph.h"
#include "weights/restore_bn.h"
#include "weights/sources.h"

namespace mb::pipeline {

namespace fs = std::filesystem;
using namespace mb::emitter;

Expected<ConversionSettings> settingsFromProject(const project::Project& proj,
                                                 const std::string& projectPath,
                                                 std::string* warning) {
  ConversionSettings out;
  auto check = project::checkSourceModel(proj, projectPath);
  if (!check.exists)
    return makeError(ErrorCode::FileNotFound, check.explanation, projectPath + ": model.path");
  if (warning) *warning = check.explanation;
  out.modelFile = fs::absolute(check.resolvedPath).lexically_normal().string();
  MB_TRY(applyProjectSettings(out, proj, projectPath));
  return out;
}

Status applyProjectSettings(ConversionSettings& out, const project::Project& proj,
                            const std::string& projectPath) {
  out.inputNodes.clear();
  out.shapes.clear();
  out.fixes = proj.fixes;
  out.api = proj.targetApi;
  out.outputNodes = proj.outputNodes;
  // The project's cut points (input nodes) need a full shape each, as --input_nodes does.
  for (const std::string& name : proj.inputNodes) {
    std::vector<int64_t> dims;
    for (const auto& input : proj.inputs)
      if (input.name == name)
        for (const Dim& d : input.shape)
          if (d.isKnown()) dims.push_back(d.value);
    if (dims.empty())
      return makeError(
          ErrorCode::InvalidArgument,
          "the project's input node '" + name + "' has no fully known shape under inputs",
          projectPath + ": inputNodes");
    out.inputNodes.push_back(name);
    out.shapes.push_back(dims);
  }
  for (const auto& input : proj.inputs) {
    if (std::find(proj.inputNodes.begin(), proj.inputNodes.end(), input.name) !=
        proj.inputNodes.end())
      continue;
    std::vector<int64_t> dims;
    for (const Dim& d : input.shape)
      if (d.isKnown()) dims.push_back(d.value);
    if (dims.size() != input.shape.size()) continue;  // symbolic dims stay the model's
    out.inputNodes.push_back(input.name);
    out.shapes.push_back(dims);
  }
  out.overrides = proj.overrides;
  out.tolerance = proj.tolerance;
  out.layerTolerances = proj.layerTolerances;
  out.samples = proj.diff.samples;
  out.seed = proj.diff.seed;
  return Status::ok();
}

OutputNames outputNames(const std::string& modelFile) {
  const std::string model = fs::path(modelFile).stem().string();
  return {model + ".py", model + ".ckpt", "report_of_" + model + ".txt",
          "weight_map_of_" + model + ".json", "operator_scanning_report.csv"};
}

ConversionJob::ConversionJob(ConversionSettings settings) : settings_(std::move(settings)) {}

void ConversionJob::setProgress(std::function<void(int, int, const std::string&)> progress) {
  progress_ = std::move(progress);
}
void ConversionJob::setWarningHandler(std::function<void(const std::string&)> warning) {
  warning_ = std::move(warning);
}
void ConversionJob::setCancelFlag(std::atomic<bool>* cancel) {
  cancel_ = cancel;
}
void ConversionJob::setExtraOutputs(ExtraOutputs extra) {
  extra_ = std::move(extra);
}

int ConversionJob::totalSteps() const {
  return 6 + (settings_.diff ? 1 : 0) + (settings_.validationData ? 1 : 0);
}

void ConversionJob::progress(const std::string& what) {
  ++step_;
  if (progress_) progress_(step_, totalSteps(), what);
}

Status ConversionJob::checkCancel() const {
  if (cancel_ && cancel_->load())
    return makeError(ErrorCode::Cancelled, "cancelled; nothing was written", "convert");
  return Status::ok();
}

Expected<ConversionResult> ConversionJob::run() {
  const auto started = std::chrono::steady_clock::now();
  const ConversionSettings& args = settings_;
  failedOnSettings_ = false;
  step_ = 0;
  auto badSettings = [this](Error e) {
    failedOnSettings_ = true;
    return e;
  };
  ConversionResult result;
  const std::string model = fs::path(args.modelFile).stem().string();
  const OutputNames names = outputNames(args.modelFile);
  result.modelName = model;
  result.names = names;
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
  const size_t reportedFiles = planned.size();  // report.json lists the CLI's set only
  planned.insert(planned.end(), extra_.planned.begin(), extra_.planned.end());
  std::map<std::string, std::string> staged;
  for (const auto& [dir, file] : planned) {
    auto path = stager.plan(dir, file);
    if (!path) return path.error();
    staged[(fs::path(dir) / file).string()] = *path;
  }
  const StagedPathFn stagedPath = [&](const std::string& dir, const std::string& file) {
    auto found = staged.find((fs::path(dir) / file).string());
    return found == staged.end() ? std::string() : found->second;
  };
  auto writeStaged = [&](const std::string& dir, const std::string& file,
                         const std::string& text) -> Status {
    auto f = AtomicFile::create(stagedPath(dir, file));
    if (!f) return f.error();
    MB_TRY(f->write(text));
    return f->commit();
  };

  progress("importing " + args.modelFile);
  auto sha = sha256File(args.modelFile);
  if (!sha) return sha.error();
  OnnxImportOptions importOptions;
  auto imported = importOnnxFile(args.modelFile, importOptions);
  if (!imported) return imported.error();
  MB_TRY(checkCancel());
  std::map<std::string, std::vector<int64_t>> pendingCutShapes;
  if (!args.shapes.empty()) {
    // Shapes apply to inputNodes, or to the model's inputs in order.
    const Graph& g = imported->graph;
    std::vector<std::string> targets = args.inputNodes;
    if (targets.empty()) {
      if (args.shapes.size() > g.inputs.size())
        return badSettings(makeError(ErrorCode::InvalidArgument,
                                     std::to_string(args.shapes.size()) +
                                         " shapes given but the model has " +
                                         std::to_string(g.inputs.size()) + " input(s)",
                                     "--shape"));
      for (size_t i = 0; i < args.shapes.size(); ++i) targets.push_back(g.value(g.inputs[i]).name);
    }
    for (size_t i = 0; i < targets.size() && i < args.shapes.size(); ++i) {
      bool isInput = false;
      for (ValueId v : g.inputs) isInput = isInput || g.value(v).name == targets[i];
      if (isInput) {
        importOptions.inputShapes[targets[i]] = args.shapes[i];
      } else {
        pendingCutShapes[targets[i]] = args.shapes[i];  // an input made by the cut below
      }
    }
    imported = importOnnxFile(args.modelFile, importOptions);
    if (!imported) return imported.error();
  }
  Graph& source = imported->graph;
  if (!args.inputNodes.empty() || !args.outputNodes.empty()) {
    // MindConverter's --input_nodes / --output_nodes: convert only the part between them.
    auto cut = passes::extractSubgraph(source, {args.inputNodes, args.outputNodes});
    if (!cut) {
      if (cut.error().code == ErrorCode::InvalidArgument) failedOnSettings_ = true;
      return cut.error();
    }
    source = std::move(*cut);
    for (const auto& [name, dims] : pendingCutShapes)
      if (auto id = source.findValue(name)) source.value(*id).shape = Shape::ofDims(dims);
  }
  MB_TRY(checkCancel());

  progress(std::string("converting to MindSpore (") + convert::targetApiName(args.api) + ")");
  convert::ConvertOptions convertOptions;
  convertOptions.api = args.api;
  convertOptions.overrides = args.overrides;
  convertOptions.fixes = args.fixes;
  auto conversion = convert::convertGraph(source, convertOptions);
  if (!conversion) return conversion.error();
  Graph& converted = conversion->converted;
  if (!args.restoreBn.empty()) {
    auto stateDict = weights::loadSourceTensors(args.restoreBn);
    if (!stateDict) return stateDict.error();
    auto restored = weights::restoreBatchNorm(converted, stateDict->tensors);
    if (!restored) return restored.error();
    if (restored->empty())
      return makeError(ErrorCode::InvalidArgument,
                       "no Conv of the model has a folded BatchNorm in this state_dict "
                       "(keys like <conv>.weight and <bn>.running_mean)",
                       "--restore-bn " + args.restoreBn);
    result.restoredBatchNorms = restored->size();
  }
  MB_TRY(checkCancel());

  progress("writing " + names.py);
  ModelPyOptions pyOptions{model, fs::path(args.modelFile).filename().string(), *sha, names.ckpt};
  auto printed = printModelPy(converted, pyOptions);
  if (!printed) return printed.error();
  MB_TRY(writeStaged(args.output, names.py, printed->code));

  progress("writing " + names.ckpt);
  {
    auto writer = CheckpointWriter::create(stagedPath(args.output, names.ckpt));
    if (!writer) return writer.error();
    for (const auto& entry : printed->checkpoint) {
      if (entry.value == kNoValue || !converted.value(entry.value).initializer) continue;
      MB_TRY(writer->add(entry.key, *converted.value(entry.value).initializer));
    }
    MB_TRY(writer->finish());
  }
  MB_TRY(checkCancel());

  // Template fixes are checked against their expansion (the fixed op may have no ONNX kernel):
  // the diff and validate.py's reference run that graph.
  std::optional<convert::TemplateExpansion> expanded;
  for (const auto& [node, fix] : args.fixes)
    if (fix.kind == convert::FixKind::Template && !expanded) {
      auto e = convert::expandTemplateFixes(source, convertOptions);
      if (!e) return e.error();
      expanded = std::move(*e);
    }
  const Graph& reference = expanded ? expanded->graph : source;

  // validate.py's data. A model whose inputs have unknown dims or whose ops lack a reference
  // kernel still converts: validate.py then needs --data, and the report says why.
  std::vector<std::string> validationWarnings;
  if (args.validationData) {
    progress("computing validate.py's reference outputs");
    RandomInputOptions random;  // the inputs of the diff's first sample
    random.seed = args.seed;
    auto data = computeValidationData(reference, random);
    if (data) {
      MB_TRY(stageValidationData(stager, args.output, *data));
    } else {
      validationWarnings.push_back("validation data not written: " + data.error().describe() +
                                   "; validate.py then needs --data DIR");
    }
    MB_TRY(checkCancel());
  }

  std::shared_ptr<compare::DiffReport> diff;
  if (args.diff) {
    progress("running both graphs and comparing every layer");
    compare::DiffRunOptions diffOptions;
    diffOptions.tolerances.defaults = args.tolerance;
    diffOptions.tolerances.overrides = args.layerTolerances;
    diffOptions.samples = args.samples;
    diffOptions.seed = args.seed;
    diffOptions.cancel = cancel_;
    auto ran = compare::runLayerDiff(reference, converted, diffOptions);
    if (!ran) return ran.error();
    diff = std::make_shared<compare::DiffReport>(std::move(*ran));
    // diff.json and diff.csv land in the staging folder under their final names.
    const std::string stagingDir = fs::path(stagedPath(args.report, "diff.json")).parent_path();
    MB_TRY(compare::writeDiffFiles(*diff, stagingDir));
    MB_TRY(checkCancel());
  }

  progress("writing reports");
  ReportContext report;
  report.modelName = model;
  report.sourceFile = args.modelFile;
  report.sourceSha256 = *sha;
  report.modelPyFile = names.py;
  report.source = &source;
  report.converted = &converted;
  report.modelPy = &*printed;
  report.diff = diff.get();
  for (const auto& p : conversion->params)
    report.weightSources[p.key] = WeightSource{p.sourceInitializers, p.transform};
  report.warnings = imported->warnings;
  report.warnings.insert(report.warnings.end(), conversion->warnings.begin(),
                         conversion->warnings.end());
  report.warnings.insert(report.warnings.end(), validationWarnings.begin(),
                         validationWarnings.end());
  if (warning_)
    for (const auto& w : validationWarnings) warning_(w);
  for (size_t i = 0; i < reportedFiles; ++i)
    report.files.push_back((fs::path(planned[i].first) / planned[i].second).string());
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
  result.reportText = conversionReportText(report);
  result.reportJson = reportJson(report);
  const std::vector<std::tuple<std::string, std::string, std::string>> texts = {
      {args.report, names.reportTxt, result.reportText},
      {args.report, names.opScan, operatorScanCsv(report)},
      {args.report, names.weightMap, weightMapText(report)},
      {args.report, "report.json", result.reportJson.dump(2) + "\n"},
      {args.report, "report.html", reportHtml(report)},
      {args.output, "validate.py", validateScript(scripts)},
      {args.output, "export_mindir.py", exportMindirScript(scripts)}};
  for (const auto& [dir, file, text] : texts) MB_TRY(writeStaged(dir, file, text));
  if (args.scaffold) {
    MB_TRY(writeStaged(args.output, "dataset.py", datasetScript(scripts)));
    MB_TRY(writeStaged(args.output, "train.py", trainScript(scripts)));
    MB_TRY(writeStaged(args.output, "eval.py", evalScript(scripts)));
  }
  if (extra_.write) MB_TRY(extra_.write(report, stagedPath));
  MB_TRY(checkCancel());

  progress("moving the outputs into place");
  MB_TRY(stager.commit());
  result.files = stager.destinations();
  result.counts = conversionCounts(converted);
  result.diff = diff;
  result.warnings = report.warnings;
  result.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace mb::pipeline
