#include "layout/layout_run.h"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace mb::layout {
namespace {

double since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

nlohmann::json figures(const Graph& graph, const LayoutRun& run) {
  const auto& s = run.result.stats;
  return {{"graph", graph.name},
          {"nodes", graph.nodes.size()},
          {"groups", run.tree.groups.size() - 1},
          {"boxes", run.visual.items.size()},
          {"edges", run.visual.edges.size()},
          {"ranks", s.ranks},
          {"dummy_nodes", s.dummyNodes},
          {"stubs", s.stubs},
          {"crossings", s.crossings},
          {"width", s.width},
          {"height", s.height},
          {"tree_seconds", run.treeSeconds},
          {"boxes_seconds", run.visualSeconds},
          {"layout_seconds", run.layoutSeconds},
          {"peak_rss_bytes", peakResidentBytes()}};
}

}  // namespace

LayoutRun runLayout(const Graph& graph, bool expandAll, const LayoutOptions& options,
                    int64_t budget) {
  LayoutRun run;
  auto t = std::chrono::steady_clock::now();
  run.tree = ModuleTree::build(graph);
  if (expandAll)
    run.tree.expandAll();
  else
    run.tree.expandToBudget(budget);
  run.treeSeconds = since(t);
  t = std::chrono::steady_clock::now();
  run.visual = buildVisualGraph(graph, run.tree);
  run.visualSeconds = since(t);
  t = std::chrono::steady_clock::now();
  run.result = layeredLayout(run.visual.input, options);
  run.layoutSeconds = since(t);
  return run;
}

uint64_t peakResidentBytes() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::stoull(line.substr(6)) * 1024;
  return 0;
}

std::string describeRunJson(const Graph& graph, const LayoutRun& run) {
  return figures(graph, run).dump();
}

std::string describeRunText(const Graph& graph, const LayoutRun& run) {
  std::ostringstream out;
  auto f = figures(graph, run);
  for (const auto& [key, value] : f.items()) {
    char pad[24];
    std::snprintf(pad, sizeof pad, "%-16s", key.c_str());
    out << pad << value.dump() << "\n";
  }
  return out.str();
}

}  // namespace mb::layout
