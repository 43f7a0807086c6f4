// Module groups of a graph from its scopes: ONNX node names "/layer1/layer1.0/conv1/Conv" and
// MindSpore cell paths "layer1.0.conv1" give the same tree (layer1 › layer1.0). Groups collapse and
// expand; groups with more members than a limit are split into ordered parts; identical blocks
// share a signature so repeated layers are recognisable.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ir/graph.h"

namespace mb::layout {

struct ModuleGroup {
  std::string key;    // full path, "layer1/layer1.0"; parts of a split group end in "#2"
  std::string label;  // "layer1.0", or "layer1.0 [2/3]"
  int32_t parent = -1;
  std::vector<int32_t> children;  // child groups, in graph order
  std::vector<NodeId> nodes;      // nodes directly inside
  int64_t totalNodes = 0;         // nodes at any depth
  int64_t firstTopo = 0;          // earliest topological index inside (orders members)
  int64_t lastTopo = 0;           // latest topological index inside
  uint64_t signature = 0;         // equal for structurally identical blocks
  int32_t repeats = 1;            // groups sharing this signature
  bool expanded = false;
};

class ModuleTree {
 public:
  // groups[0] is the root (always expanded). maxMembers bounds nodes + child groups per group.
  static ModuleTree build(const Graph& graph, size_t maxMembers = 300);

  std::vector<ModuleGroup> groups;
  std::vector<int32_t> groupOfNode;  // innermost group of each node
  std::vector<int64_t> topoIndex;    // each node's position in a topological order

  // Scope components of one node ("layer1", "layer1.0"), as used to build the tree.
  static std::vector<std::string> scopePath(const Node& node);
  void expandAll();
  void collapseAll();
  // Expands breadth-first while the number of visible boxes stays within `budget`.
  void expandToBudget(int64_t budget);
  // The outermost collapsed group hiding `node`, or -1 when the node is visible.
  int32_t collapsedAncestor(NodeId node) const;
  // Expands every group on the way to `node` (reveal after search or selection sync).
  void reveal(NodeId node);
};

}  // namespace mb::layout
