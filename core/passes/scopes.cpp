#include "passes/scopes.h"

#include <algorithm>

namespace mb::passes {
namespace {

std::vector<std::string> splitPath(const std::string& path) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    std::string part =
        path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (!part.empty()) parts.push_back(part);
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return parts;
}

}  // namespace

std::string scopeFromNodeName(const std::string& nodeName) {
  // Only names in the exporter's path form carry scopes; "Conv_12" or "conv1" are plain names.
  if (nodeName.empty() || nodeName[0] != '/') return {};
  auto parts = splitPath(nodeName);
  if (parts.size() < 2) return {};
  parts.pop_back();  // the op part: "Conv", "Conv_1", "Constant_3"
  std::string scope;
  for (const auto& p : parts) scope += (scope.empty() ? "" : "/") + p;
  return scope;
}

void assignScopes(Graph& graph) {
  for (auto& node : graph.nodes) {
    std::string scope = scopeFromNodeName(node.name);
    if (!scope.empty() || node.scope == node.name) node.scope = scope;
  }
}

std::string modulePathFromScope(const std::string& scope) {
  std::string path, last;
  for (const auto& part : splitPath(scope)) {
    // The exporter repeats the parent's name in a container's children ("layer1" › "layer1.0").
    if (!last.empty() && part.rfind(last + ".", 0) == 0) {
      path = path.substr(0, path.size() - last.size()) + part;
    } else {
      path += (path.empty() ? "" : ".") + part;
    }
    last = part;
  }
  return path;
}

size_t ScopeTreeNode::totalNodes() const {
  size_t total = nodes.size();
  for (const auto& child : children) total += child.totalNodes();
  return total;
}

ScopeTreeNode buildScopeTree(const Graph& graph) {
  ScopeTreeNode root;
  for (size_t n = 0; n < graph.nodes.size(); ++n) {
    ScopeTreeNode* at = &root;
    for (const auto& part : splitPath(graph.nodes[n].scope)) {
      auto it = std::find_if(at->children.begin(), at->children.end(),
                             [&](const ScopeTreeNode& c) { return c.name == part; });
      if (it == at->children.end()) {
        ScopeTreeNode child;
        child.name = part;
        child.path = at->path.empty() ? part : at->path + "/" + part;
        at->children.push_back(std::move(child));
        it = std::prev(at->children.end());
      }
      at = &*it;
    }
    at->nodes.push_back(static_cast<NodeId>(n));
  }
  return root;
}

int scopeDepth(const Graph& graph) {
  size_t depth = 0;
  for (const auto& node : graph.nodes) depth = std::max(depth, splitPath(node.scope).size());
  return static_cast<int>(depth);
}

const ScopeTreeNode* findScope(const ScopeTreeNode& root, const std::string& path) {
  const ScopeTreeNode* at = &root;
  for (const auto& part : splitPath(path)) {
    auto it = std::find_if(at->children.begin(), at->children.end(),
                           [&](const ScopeTreeNode& c) { return c.name == part; });
    if (it == at->children.end()) return nullptr;
    at = &*it;
  }
  return at;
}

}  // namespace mb::passes
