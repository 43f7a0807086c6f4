// One measured layout of a whole graph (module tree → visible boxes → layered layout), as the
// CLI's `layout` command and the benchmark report it.
#pragma once

#include <cstdint>
#include <string>

#include "ir/graph.h"
#include "layout/layered_layout.h"
#include "layout/visual_graph.h"

namespace mb::layout {

struct LayoutRun {
  ModuleTree tree;
  VisualGraph visual;
  LayoutResult result;
  double treeSeconds = 0;    // building module groups
  double visualSeconds = 0;  // boxes and edges of the current collapse state
  double layoutSeconds = 0;  // layeredLayout() itself
};

// expandAll: every group open (the worst case); otherwise groups open until ~`budget` boxes show.
LayoutRun runLayout(const Graph& graph, bool expandAll, const LayoutOptions& options = {},
                    int64_t budget = 1500);

// Peak resident set size of this process in bytes (Linux VmHWM), 0 when unknown.
uint64_t peakResidentBytes();

// Figures of a run as JSON text (one object) or as aligned "Key  value" lines.
std::string describeRunJson(const Graph& graph, const LayoutRun& run);
std::string describeRunText(const Graph& graph, const LayoutRun& run);

}  // namespace mb::layout
