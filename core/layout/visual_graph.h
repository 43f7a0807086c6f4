// What the view draws for a graph in its current collapse state: boxes (nodes, collapsed groups,
// graph inputs and outputs) and the tensors between them, ready for layeredLayout().
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "ir/graph.h"
#include "layout/layout_types.h"
#include "layout/module_tree.h"

namespace mb::layout {

enum class ItemKind { Node, Group, Input, Output };

struct VisualItem {
  ItemKind kind = ItemKind::Node;
  int32_t id = 0;  // NodeId, group index, or ValueId (inputs and outputs)
};

struct VisualEdge {
  int32_t from = 0, to = 0;  // item indices
  ValueId value = kNoValue;  // the tensor (the first one when a collapsed group sends several)
};

struct VisualGraph {
  std::vector<VisualItem> items;
  std::vector<VisualEdge> edges;  // parallel to input.edges
  LayoutInput input;
  std::vector<int32_t> itemOfNode;  // per graph node: the item showing it (itself or a group)
};

using ItemSizer = std::function<LayoutNode(const Graph&, const ModuleTree&, const VisualItem&)>;

// Box size estimate without font metrics (CLI and benchmarks): Netron-like 70–160 px wide.
LayoutNode estimateItemSize(const Graph& graph, const ModuleTree& tree, const VisualItem& item);

VisualGraph buildVisualGraph(const Graph& graph, const ModuleTree& tree,
                             const ItemSizer& sizer = estimateItemSize);

}  // namespace mb::layout
