#include "layout/module_tree.h"

#include <algorithm>
#include <cctype>
#include <deque>
#include <functional>
#include <unordered_map>

namespace mb::layout {
namespace {

bool isNumber(const std::string& s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find(sep, start);
    if (end == std::string::npos) end = s.size();
    if (end > start) parts.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

uint64_t mix(uint64_t h, uint64_t v) {
  h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  return h;
}

}  // namespace

std::vector<std::string> ModuleTree::scopePath(const Node& node) {
  const std::string& scope = node.scope.empty() ? node.name : node.scope;
  std::vector<std::string> parts;
  if (scope.find('/') != std::string::npos) {
    parts = split(scope, '/');
    if (!parts.empty()) parts.pop_back();  // "/layer1/conv1/Conv": the last part names the op
  } else if (node.dialect == Dialect::MindSpore) {
    // "layers.0.conv1" → layers, layers.0, conv1 (the names PyTorch's exporter uses).
    for (const auto& part : split(scope, '.')) {
      if (isNumber(part) && !parts.empty()) {
        std::string prefix = parts.back();
        parts.push_back(prefix + "." + part);
      } else {
        parts.push_back(part);
      }
    }
    if (!parts.empty() && parts.back() == node.name) parts.pop_back();  // a Cell is its own path
  }
  return parts;
}

ModuleTree ModuleTree::build(const Graph& graph, size_t maxMembers) {
  ModuleTree tree;
  const size_t n = graph.nodes.size();
  std::vector<int64_t> topo(n);
  auto order = graph.topologicalOrder();
  for (size_t i = 0; i < n; ++i)
    topo[order ? static_cast<size_t>((*order)[i]) : i] = static_cast<int64_t>(i);

  // Keys with one node would be a box around a box: such scopes are not groups.
  std::vector<std::vector<std::string>> paths(n);
  std::unordered_map<std::string, int64_t> count;
  for (size_t i = 0; i < n; ++i) {
    paths[i] = scopePath(graph.nodes[i]);
    std::string key;
    for (const auto& part : paths[i]) {
      key += "/" + part;
      ++count[key];
    }
  }
  tree.groups.push_back({});
  tree.groups[0].label = graph.name;
  tree.groups[0].expanded = true;
  tree.groupOfNode.assign(n, 0);
  std::unordered_map<std::string, int32_t> byKey;
  for (size_t i = 0; i < n; ++i) {
    int32_t group = 0;
    std::string key;
    for (const auto& part : paths[i]) {
      key += "/" + part;
      if (count[key] < 2) break;
      auto [it, inserted] = byKey.try_emplace(key, static_cast<int32_t>(tree.groups.size()));
      if (inserted) {
        ModuleGroup g;
        g.key = key.substr(1);
        g.label = part;
        g.parent = group;
        tree.groups.push_back(std::move(g));
        tree.groups[static_cast<size_t>(group)].children.push_back(it->second);
      }
      group = it->second;
    }
    tree.groupOfNode[i] = group;
    tree.groups[static_cast<size_t>(group)].nodes.push_back(static_cast<NodeId>(i));
  }

  // Totals and first topological index, children before parents (children have larger ids).
  for (auto& g : tree.groups) {
    g.firstTopo = INT64_MAX;
    g.lastTopo = -1;
  }
  for (size_t gi = tree.groups.size(); gi-- > 0;) {
    auto& g = tree.groups[gi];
    g.totalNodes += static_cast<int64_t>(g.nodes.size());
    for (NodeId v : g.nodes) {
      g.firstTopo = std::min(g.firstTopo, topo[static_cast<size_t>(v)]);
      g.lastTopo = std::max(g.lastTopo, topo[static_cast<size_t>(v)]);
    }
    if (g.parent >= 0) {
      tree.groups[static_cast<size_t>(g.parent)].totalNodes += g.totalNodes;
      auto& p = tree.groups[static_cast<size_t>(g.parent)];
      p.firstTopo = std::min(p.firstTopo, g.firstTopo);
      p.lastTopo = std::max(p.lastTopo, g.lastTopo);
    }
  }

  // Split crowded groups into ordered parts (Model Explorer caps a layer at 1000 children too).
  for (size_t gi = 0; gi < tree.groups.size(); ++gi) {
    size_t members = tree.groups[gi].nodes.size() + tree.groups[gi].children.size();
    if (members <= maxMembers || maxMembers < 2) continue;
    struct Member {
      int64_t topo;
      bool isGroup;
      int32_t id;
    };
    std::vector<Member> list;
    for (NodeId v : tree.groups[gi].nodes) list.push_back({topo[static_cast<size_t>(v)], false, v});
    for (int32_t c : tree.groups[gi].children)
      list.push_back({tree.groups[static_cast<size_t>(c)].firstTopo, true, c});
    std::sort(list.begin(), list.end(),
              [](const Member& a, const Member& b) { return a.topo < b.topo; });
    size_t parts = (list.size() + maxMembers - 1) / maxMembers;
    size_t per = (list.size() + parts - 1) / parts;
    tree.groups[gi].nodes.clear();
    tree.groups[gi].children.clear();
    std::string baseLabel =
        tree.groups[gi].label.empty() ? std::string("part") : tree.groups[gi].label;
    for (size_t p = 0; p < parts; ++p) {
      ModuleGroup part;
      part.key = tree.groups[gi].key + "#" + std::to_string(p + 1);
      part.label = baseLabel + " [" + std::to_string(p + 1) + "/" + std::to_string(parts) + "]";
      part.parent = static_cast<int32_t>(gi);
      part.firstTopo = INT64_MAX;
      part.lastTopo = -1;
      auto partId = static_cast<int32_t>(tree.groups.size());
      for (size_t k = p * per; k < std::min(list.size(), (p + 1) * per); ++k) {
        const Member& m = list[k];
        part.firstTopo = std::min(part.firstTopo, m.topo);
        part.lastTopo = std::max(
            part.lastTopo, m.isGroup ? tree.groups[static_cast<size_t>(m.id)].lastTopo : m.topo);
        if (m.isGroup) {
          part.children.push_back(m.id);
          tree.groups[static_cast<size_t>(m.id)].parent = partId;
          part.totalNodes += tree.groups[static_cast<size_t>(m.id)].totalNodes;
        } else {
          part.nodes.push_back(m.id);
          tree.groupOfNode[static_cast<size_t>(m.id)] = partId;
          ++part.totalNodes;
        }
      }
      tree.groups.push_back(std::move(part));
      tree.groups[gi].children.push_back(partId);
    }
  }
  for (auto& g : tree.groups)
    std::sort(g.children.begin(), g.children.end(), [&](int32_t a, int32_t b) {
      return tree.groups[static_cast<size_t>(a)].firstTopo <
             tree.groups[static_cast<size_t>(b)].firstTopo;
    });

  // Signatures: op types of direct nodes (as a multiset) plus child signatures in order.
  std::function<uint64_t(int32_t)> sign = [&](int32_t gi) -> uint64_t {
    auto& g = tree.groups[static_cast<size_t>(gi)];
    std::vector<std::string> ops;
    for (NodeId v : g.nodes) ops.push_back(graph.nodes[static_cast<size_t>(v)].opType);
    std::sort(ops.begin(), ops.end());
    uint64_t h = 1469598103934665603ULL;
    for (const auto& op : ops) h = mix(h, std::hash<std::string>{}(op));
    for (int32_t c : g.children) h = mix(h, sign(c));
    g.signature = h;
    return h;
  };
  sign(0);
  std::unordered_map<uint64_t, int32_t> repeats;
  for (const auto& g : tree.groups) ++repeats[g.signature];
  for (auto& g : tree.groups) g.repeats = repeats[g.signature];
  tree.topoIndex = std::move(topo);
  return tree;
}

void ModuleTree::expandAll() {
  for (auto& g : groups) g.expanded = true;
}

void ModuleTree::collapseAll() {
  for (size_t i = 1; i < groups.size(); ++i) groups[i].expanded = false;
}

void ModuleTree::expandToBudget(int64_t budget) {
  collapseAll();
  int64_t visible = static_cast<int64_t>(groups[0].nodes.size() + groups[0].children.size());
  std::deque<int32_t> queue(groups[0].children.begin(), groups[0].children.end());
  while (!queue.empty()) {
    auto& g = groups[static_cast<size_t>(queue.front())];
    queue.pop_front();
    int64_t after = visible - 1 + static_cast<int64_t>(g.nodes.size() + g.children.size());
    if (after > budget) continue;
    g.expanded = true;
    visible = after;
    queue.insert(queue.end(), g.children.begin(), g.children.end());
  }
}

int32_t ModuleTree::collapsedAncestor(NodeId node) const {
  int32_t hidden = -1;
  for (int32_t g = groupOfNode[static_cast<size_t>(node)]; g > 0;
       g = groups[static_cast<size_t>(g)].parent)
    if (!groups[static_cast<size_t>(g)].expanded) hidden = g;
  return hidden;
}

void ModuleTree::reveal(NodeId node) {
  for (int32_t g = groupOfNode[static_cast<size_t>(node)]; g >= 0;
       g = groups[static_cast<size_t>(g)].parent)
    groups[static_cast<size_t>(g)].expanded = true;
}

}  // namespace mb::layout
