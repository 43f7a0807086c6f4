// The whole conversion of one model to files, shared by `mindbridge-cli convert` and the
// workbench's File › Export: import (with input shapes and a cut between input / output nodes),
// convert, write model.py, the checkpoint, validate.py's data, the optional per-layer diff, the
// reports and helper scripts. Everything is staged and moved into place only when complete, so a
// failure or a cancel leaves no file behind. The caller resolves its settings (command line,
// project) first; this code never parses flags and never prints.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "compare/diff_report.h"
#include "convert/convert_types.h"
#include "emit/conversion_report.h"
#include "project/project.h"
#include "util/status.h"

namespace mb::pipeline {

struct ConversionSettings {
  std::string modelFile;                     // absolute path of the .onnx model
  std::vector<std::vector<int64_t>> shapes;  // for inputNodes, else the model's inputs in order
  std::vector<std::string> inputNodes, outputNodes;  // a cut (MindConverter's flags)
  std::string output, report;                        // folders (absolute)
  convert::TargetApi api = convert::TargetApi::Classic;
  std::string restoreBn;  // state_dict whose BatchNorms go back into the converted model
  std::map<std::string, convert::NodeOverride> overrides;
  convert::OpFixes fixes;
  bool diff = false, overwrite = false, scaffold = false;
  bool validationData = true;  // validate.py's inputs and reference outputs
  compare::Tolerance tolerance;
  std::map<std::string, compare::Tolerance> layerTolerances;
  int samples = 1;    // diff samples
  uint64_t seed = 0;  // seed of the diff's and validate.py's random inputs
};

// What a project asks for: its model (resolved against the project file), cut and input shapes,
// target API, overrides, fixes, tolerances and diff settings. Output folders are left empty.
// `warning` receives checkSourceModel's explanation when the model changed since it was saved.
Expected<ConversionSettings> settingsFromProject(const project::Project& project,
                                                 const std::string& projectPath,
                                                 std::string* warning = nullptr);
// The same without the model (for a caller that names the model itself).
Status applyProjectSettings(ConversionSettings& settings, const project::Project& project,
                            const std::string& projectPath);

// The output file names of a model (MindConverter's).
struct OutputNames {
  std::string py, ckpt, reportTxt, weightMap, opScan;
};
OutputNames outputNames(const std::string& modelFile);

struct ConversionResult {
  std::string modelName;
  OutputNames names;
  std::vector<std::string> files;  // every file moved into place (absolute)
  nlohmann::json reportJson;       // = report.json
  std::string reportText;          // = report_of_<model>.txt
  emitter::ConversionCounts counts;
  std::shared_ptr<const compare::DiffReport> diff;  // when settings.diff
  std::vector<std::string> warnings;                // also in the report
  size_t restoredBatchNorms = 0;
  double seconds = 0;
};

// Files a caller adds to the same all-or-nothing output set (the workbench's pictures and PDF).
// `stagedPath(dir, name)` gives where a planned file is written before the commit.
using StagedPathFn = std::function<std::string(const std::string& dir, const std::string& name)>;
struct ExtraOutputs {
  std::vector<std::pair<std::string, std::string>> planned;  // (dir, name), claimed up front
  // Runs after every standard file is staged, before the commit.
  std::function<Status(const emitter::ReportContext& report, const StagedPathFn& stagedPath)> write;
};

class ConversionJob {
 public:
  explicit ConversionJob(ConversionSettings settings);

  // Called at each step: step number (1-based), total steps, what is being done.
  void setProgress(std::function<void(int step, int total, const std::string& what)> progress);
  // A warning worth showing at once (the report carries them too).
  void setWarningHandler(std::function<void(const std::string&)> warning);
  // Checked between steps and inside the diff; a cancel ends the run with ErrorCode::Cancelled.
  void setCancelFlag(std::atomic<bool>* cancel);
  void setExtraOutputs(ExtraOutputs extra);

  Expected<ConversionResult> run();
  // After a failed run: the error is about the settings given (a bad command line), not the work.
  bool failedOnSettings() const { return failedOnSettings_; }
  int totalSteps() const;

 private:
  Status checkCancel() const;
  void progress(const std::string& what);

  ConversionSettings settings_;
  std::function<void(int, int, const std::string&)> progress_;
  std::function<void(const std::string&)> warning_;
  std::atomic<bool>* cancel_ = nullptr;
  ExtraOutputs extra_;
  bool failedOnSettings_ = false;
  int step_ = 0;
};

}  // namespace mb::pipeline
