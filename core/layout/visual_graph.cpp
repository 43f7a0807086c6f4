#include "layout/visual_graph.h"

#include <algorithm>
#include <unordered_set>

namespace mb::layout {

LayoutNode estimateItemSize(const Graph& graph, const ModuleTree& tree, const VisualItem& item) {
  switch (item.kind) {
    case ItemKind::Node: {
      const Node& node = graph.node(item.id);
      size_t lines = 0;
      for (ValueId v : node.inputs)
        if (v != kNoValue && graph.value(v).initializer) ++lines;
      lines += std::min<size_t>(node.attrs.size(), 3);
      double width = std::clamp(static_cast<double>(node.opType.size()) * 7.5 + 24, 70.0, 160.0);
      if (lines) width = std::max(width, 120.0);
      return {width, 24.0 + 14.0 * static_cast<double>(std::min<size_t>(lines, 6))};
    }
    case ItemKind::Group: {
      const auto& g = tree.groups[static_cast<size_t>(item.id)];
      return {std::clamp(static_cast<double>(g.label.size()) * 7.5 + 40, 110.0, 220.0), 44};
    }
    case ItemKind::Input:
    case ItemKind::Output:
      return {
          std::clamp(static_cast<double>(graph.value(item.id).name.size()) * 7.0 + 20, 60.0, 160.0),
          26};
  }
  return {};
}

VisualGraph buildVisualGraph(const Graph& graph, const ModuleTree& tree, const ItemSizer& sizer) {
  VisualGraph vg;
  const size_t n = graph.nodes.size();
  vg.itemOfNode.assign(n, -1);
  std::vector<int32_t> itemOfGroup(tree.groups.size(), -1);
  for (size_t v = 0; v < n; ++v) {
    int32_t hidden = tree.collapsedAncestor(static_cast<NodeId>(v));
    if (hidden < 0) {
      vg.itemOfNode[v] = static_cast<int32_t>(vg.items.size());
      vg.items.push_back({ItemKind::Node, static_cast<int32_t>(v)});
    } else {
      auto& item = itemOfGroup[static_cast<size_t>(hidden)];
      if (item < 0) {
        item = static_cast<int32_t>(vg.items.size());
        vg.items.push_back({ItemKind::Group, hidden});
      }
      vg.itemOfNode[v] = item;
    }
  }
  std::vector<int32_t> itemOfInput(graph.values.size(), -1);
  for (ValueId v : graph.inputs) {
    itemOfInput[static_cast<size_t>(v)] = static_cast<int32_t>(vg.items.size());
    vg.items.push_back({ItemKind::Input, v});
  }
  auto producerItem = [&](ValueId v) -> int32_t {
    NodeId p = graph.value(v).producer;
    if (p != kNoNode) return vg.itemOfNode[static_cast<size_t>(p)];
    return itemOfInput[static_cast<size_t>(v)];
  };
  std::unordered_set<uint64_t> seen;
  std::vector<int32_t> fanout(graph.values.size(), 0);
  auto addEdge = [&](int32_t from, int32_t to, ValueId value) {
    if (from < 0 || from == to) return;
    uint64_t key =
        (static_cast<uint64_t>(static_cast<uint32_t>(from)) << 32) | static_cast<uint32_t>(to);
    if (!seen.insert(key).second) return;
    vg.edges.push_back({from, to, value});
    ++fanout[static_cast<size_t>(value)];
  };
  for (size_t v = 0; v < n; ++v)
    for (ValueId in : graph.nodes[v].inputs)
      if (in != kNoValue) addEdge(producerItem(in), vg.itemOfNode[v], in);
  for (ValueId out : graph.outputs) {
    auto item = static_cast<int32_t>(vg.items.size());
    vg.items.push_back({ItemKind::Output, out});
    addEdge(producerItem(out), item, out);
  }
  vg.input.nodes.reserve(vg.items.size());
  for (const auto& item : vg.items) vg.input.nodes.push_back(sizer(graph, tree, item));
  vg.input.edges.reserve(vg.edges.size());
  for (const auto& e : vg.edges)
    vg.input.edges.push_back(
        {e.from, e.to, fanout[static_cast<size_t>(e.value)] > 1 ? e.value : -1});
  return vg;
}

}  // namespace mb::layout
