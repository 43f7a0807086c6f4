// Module scopes recovered from exporter node names. PyTorch ≥ 1.13 names nodes after the module
// path that produced them ("/layer1/layer1.0/conv1/Conv"), which gives back the model's module
// tree: layer1 › layer1.0 › conv1. The GUI groups nodes by it and the converter names Cells after
// it.
#pragma once

#include <string>
#include <vector>

#include "ir/graph.h"

namespace mb::passes {

// "/layer1/layer1.0/conv1/Conv" → "layer1/layer1.0/conv1"; "/Flatten" and "Conv_12" → "".
std::string scopeFromNodeName(const std::string& nodeName);
// Sets Node::scope on every node from its name (keeps a scope that is already set and non-empty
// when the name carries none).
void assignScopes(Graph& graph);
// The PyTorch module path a scope stands for, as named_modules() spells it:
// "layer2/layer2.0/downsample/downsample.0" → "layer2.0.downsample.0". A module called twice gets
// "_1", "_2" scopes ("relu_1"); those suffixes are kept (the caller may strip them).
std::string modulePathFromScope(const std::string& scope);

struct ScopeTreeNode {
  std::string name;                     // last path component: "conv1"
  std::string path;                     // full path: "layer1/layer1.0/conv1"
  std::vector<NodeId> nodes;            // graph nodes directly in this scope
  std::vector<ScopeTreeNode> children;  // in order of first appearance
  // Nodes in this scope and all of its descendants.
  size_t totalNodes() const;
};

// Root has an empty path and holds the nodes without a scope.
ScopeTreeNode buildScopeTree(const Graph& graph);
// Deepest scope nesting (0 when no node has a scope; 3 for layer1/layer1.0/conv1).
int scopeDepth(const Graph& graph);
// Looks a scope up by its path ("" is the root); nullptr if absent.
const ScopeTreeNode* findScope(const ScopeTreeNode& root, const std::string& path);

}  // namespace mb::passes
