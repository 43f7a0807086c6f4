// exec_bench MODEL INPUT_DIR [--runs N] [--warmup N] [--reference OUTPUT_DIR]
// Times the executor on one model: median wall time of N runs untapped and N runs with every
// intermediate kept in memory (TapMode::All), after warm-up runs. Prints one JSON object. With
// --profile, the time per op type of one extra run. With --reference, also the largest |difference|
// of each output from the saved reference .npy.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "exec/executor.h"
#include "io/npy.h"
#include "io/onnx_importer.h"

using namespace mb;

namespace {

double medianMs(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0.0 : v[v.size() / 2];
}

int usage() {
  std::cerr << "usage: exec_bench MODEL INPUT_DIR [--runs N] [--warmup N] [--reference OUTPUT_DIR] "
               "[--profile]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) return usage();
  std::string model = argv[1], inputDir = argv[2], referenceDir;
  int runs = 10, warmup = 2;
  bool profile = false;
  for (int i = 3; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--profile") {
      profile = true;
      continue;
    }
    if (i + 1 >= argc) return usage();
    if (arg == "--runs")
      runs = std::max(1, std::atoi(argv[++i]));
    else if (arg == "--warmup")
      warmup = std::max(0, std::atoi(argv[++i]));
    else if (arg == "--reference")
      referenceDir = argv[++i];
    else
      return usage();
  }
  auto imported = importOnnxFile(model);
  if (!imported) {
    std::cerr << imported.error().describe() << "\n";
    return 1;
  }
  const Graph& graph = imported->graph;
  std::map<std::string, Tensor> inputs;
  for (ValueId id : graph.inputs) {
    auto t = readNpy((std::filesystem::path(inputDir) / (graph.value(id).name + ".npy")).string());
    if (!t) {
      std::cerr << t.error().describe() << "\n";
      return 1;
    }
    inputs[graph.value(id).name] = *t;
  }
  exec::Executor executor(graph);
  nlohmann::json out;
  out["model"] = model;
  for (bool tapped : {false, true}) {
    exec::RunOptions options;
    if (tapped) options.taps.mode = exec::TapMode::All;
    std::vector<double> times;
    exec::RunResult last;
    for (int i = 0; i < warmup + runs; ++i) {
      auto start = std::chrono::steady_clock::now();
      auto result = executor.run(inputs, options);
      auto end = std::chrono::steady_clock::now();
      if (!result) {
        std::cerr << result.error().describe() << "\n";
        return 1;
      }
      if (i >= warmup)
        times.push_back(std::chrono::duration<double, std::milli>(end - start).count());
      last = std::move(*result);
    }
    out[tapped ? "tapped_ms" : "untapped_ms"] = medianMs(times);
    out[tapped ? "tapped_peak_bytes" : "untapped_peak_bytes"] = last.peakBytes;
    if (tapped) out["taps"] = last.taps.size();
    if (!tapped && !referenceDir.empty()) {
      for (const auto& [name, tensor] : last.outputs) {
        auto ref = readNpy((std::filesystem::path(referenceDir) / (name + ".npy")).string());
        if (!ref || ref->numel() != tensor.numel()) continue;
        double maxAbs = 0, maxRef = 0;
        for (int64_t i = 0; i < tensor.numel(); ++i) {
          maxAbs = std::max(maxAbs, std::fabs(tensor.elementAsDouble(i) - ref->elementAsDouble(i)));
          maxRef = std::max(maxRef, std::fabs(ref->elementAsDouble(i)));
        }
        out["max_abs_vs_reference"][name] = maxAbs;
        out["max_ref"][name] = maxRef;
      }
    }
  }
  if (profile) {
    // Per-op-type wall time of one more untapped run, from the progress callback's timestamps.
    std::map<std::string, double> byOp;
    auto previous = std::chrono::steady_clock::now();
    exec::RunOptions options;
    options.progress = [&](size_t, size_t, const std::string& node) {
      auto now = std::chrono::steady_clock::now();
      auto id = graph.findNode(node);
      byOp[id ? graph.node(*id).opType : "?"] +=
          std::chrono::duration<double, std::milli>(now - previous).count();
      previous = now;
    };
    if (!executor.run(inputs, options)) return 1;
    for (const auto& [op, ms] : byOp) out["profile_ms"][op] = ms;
  }
  std::cout << out.dump() << "\n";
  return 0;
}
