#include "compare/layer_diff_runner.h"

#include <algorithm>
#include <set>

#include "exec/executor.h"
#include "exec/kernel.h"
#include "ir/fix_marks.h"

namespace mb::compare {
namespace {

TapMap collectTaps(const exec::RunResult& run, const std::map<std::string, Tensor>& inputs) {
  TapMap taps;
  for (const auto& [name, t] : inputs) taps[name] = t;
  for (const auto& [name, t] : run.taps) taps[name] = t;
  for (const auto& [name, t] : run.outputs) taps[name] = t;
  return taps;
}

}  // namespace

Graph markUnexecutableNodes(const Graph& converted, std::vector<std::string>& missing) {
  Graph copy = converted;
  for (Node& node : copy.nodes) {
    if (node.unconverted || node.dialect != Dialect::MindSpore) continue;
    if (!isSnippetNode(node.domain) && exec::findMindSporeKernel(node.opType)) continue;
    node.unconverted = true;
    node.unconvertedReason = isSnippetNode(node.domain)
                                 ? "custom snippet " + node.opType + " (unverified)"
                                 : "the executor has no kernel for " + node.opType;
    missing.push_back(node.name + " (" + node.opType + ")");
  }
  return copy;
}

Expected<DiffReport> runLayerDiff(const Graph& source, const Graph& converted,
                                  const DiffRunOptions& options) {
  if (options.samples < 1)
    return makeError(ErrorCode::InvalidArgument, "the number of samples must be at least 1",
                     "--samples");
  std::vector<std::string> unexecutable;
  const Graph runnable = markUnexecutableNodes(converted, unexecutable);
  auto aligned = alignValues(source, runnable);
  if (!aligned) return aligned.error();
  DiffAccumulator accumulator(*aligned, options.tolerances);

  bool allGiven = std::all_of(source.inputs.begin(), source.inputs.end(), [&](ValueId id) {
    return options.inputs.count(source.value(id).name) > 0;
  });
  const int samples = allGiven ? 1 : options.samples;
  exec::Executor sourceExec(source, {options.threads});
  exec::Executor convertedExec(runnable, {options.threads});
  MB_TRY(sourceExec.prepare());
  MB_TRY(convertedExec.prepare());
  exec::RunOptions run;
  run.taps.mode = exec::TapMode::All;
  run.cancel = options.cancel;

  std::vector<std::string> executionErrors;
  std::map<std::string, std::string> notComputed;
  for (int s = 0; s < samples; ++s) {
    RandomInputOptions random = options.random;
    random.seed = options.seed + static_cast<uint64_t>(s) * 1000003ULL;
    auto inputs = randomInputs(source, random, options.inputs);
    if (!inputs) return inputs.error();
    auto ref = sourceExec.run(*inputs, run);
    if (!ref) {
      Error e = ref.error();
      e.message = "the source model failed to run: " + e.message;
      return e;
    }
    if (options.progress) options.progress(2 * s + 1, 2 * samples);
    auto got = convertedExec.run(*inputs, run);
    if (options.progress) options.progress(2 * s + 2, 2 * samples);
    if (!got) {
      if (got.error().code == ErrorCode::Cancelled) return got.error();
      // Keep going: every aligned layer of this sample is reported missing, with the reason.
      executionErrors.push_back("sample " + std::to_string(s) + ": " + got.error().describe());
      accumulator.addSample(collectTaps(*ref, *inputs), {});
      continue;
    }
    for (const auto& [name, why] : got->notComputed) notComputed[name] = why;
    accumulator.addSample(collectTaps(*ref, *inputs), collectTaps(*got, *inputs));
  }

  DiffReport report = accumulator.finish();
  report.model = source.name;
  report.targetApi = converted.targetApi;
  report.samples = samples;
  report.seed = options.seed;
  for (const Node& node : converted.nodes)
    if (node.unconverted) report.unconvertedNodes.push_back(node.name);
  std::set<std::string> unverified;
  for (const Node& node : runnable.nodes)
    if (node.unconverted && isFixDomain(node.domain)) {
      report.unverifiedNodes.push_back(node.name + " (" + node.unconvertedReason + ")");
      unverified.insert(node.name + " (" + node.opType + ")");
    }
  for (const auto& name : unexecutable)
    if (!unverified.count(name)) report.executionErrors.push_back("not executable: " + name);
  for (auto& e : executionErrors) report.executionErrors.push_back(std::move(e));
  for (const auto& [name, why] : notComputed) report.notComputed.push_back(name);
  for (LayerDiff& l : report.layers)
    if (l.status == LayerStatus::NotComputed) {
      auto it = notComputed.find(l.align.convertedValue);
      if (it != notComputed.end()) {
        auto node = runnable.findNode(it->second);
        const bool unverified = node && isFixDomain(runnable.node(*node).domain);
        l.note = (unverified ? "unverified: downstream of " : "downstream of ") + it->second;
      }
    }
  return report;
}

}  // namespace mb::compare
