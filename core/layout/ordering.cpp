// Phase 2 of the layered layout: crossing reduction by bounded barycenter sweeps.
#include <algorithm>

#include "layout/layered_internal.h"

namespace mb::layout::detail {
namespace {

void setPositions(Layered& g) {
  g.pos.assign(g.rank.size(), 0);
  for (const auto& layer : g.layers)
    for (size_t i = 0; i < layer.size(); ++i)
      g.pos[static_cast<size_t>(layer[i])] = static_cast<int32_t>(i);
}

// Depth-first placement from the sources: consecutive ops of a chain land in consecutive columns.
void initialOrder(Layered& g) {
  const size_t total = g.rank.size();
  int32_t ranks = 0;
  for (int32_t r : g.rank) ranks = std::max(ranks, r + 1);
  g.layers.assign(static_cast<size_t>(ranks), {});
  std::vector<uint8_t> seen(total, 0);
  std::vector<int32_t> stack;
  for (size_t root = 0; root < total; ++root) {
    if (seen[root] || g.upStart[root + 1] != g.upStart[root]) continue;
    stack.push_back(static_cast<int32_t>(root));
    while (!stack.empty()) {
      auto v = static_cast<size_t>(stack.back());
      stack.pop_back();
      if (seen[v]) continue;
      seen[v] = 1;
      g.layers[static_cast<size_t>(g.rank[v])].push_back(static_cast<int32_t>(v));
      for (int32_t i = g.downStart[v + 1] - 1; i >= g.downStart[v]; --i)
        if (!seen[static_cast<size_t>(g.down[static_cast<size_t>(i)])])
          stack.push_back(g.down[static_cast<size_t>(i)]);
    }
  }
  for (size_t v = 0; v < total; ++v)  // unreachable only if the input had a cycle among dummies
    if (!seen[v]) g.layers[static_cast<size_t>(g.rank[v])].push_back(static_cast<int32_t>(v));
  setPositions(g);
}

void sweepLayer(Layered& g, std::vector<int32_t>& layer, const std::vector<int32_t>& start,
                const std::vector<int32_t>& adj, std::vector<std::pair<double, int32_t>>& keys) {
  keys.clear();
  for (size_t i = 0; i < layer.size(); ++i) {
    auto v = static_cast<size_t>(layer[i]);
    int32_t count = start[v + 1] - start[v];
    double key = static_cast<double>(i);
    if (count > 0) {
      double sum = 0;
      for (int32_t k = start[v]; k < start[v + 1]; ++k)
        sum += g.pos[static_cast<size_t>(adj[static_cast<size_t>(k)])];
      key = sum / count;
    }
    keys.emplace_back(key, layer[i]);
  }
  std::stable_sort(keys.begin(), keys.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (size_t i = 0; i < layer.size(); ++i) {
    layer[i] = keys[i].second;
    g.pos[static_cast<size_t>(keys[i].second)] = static_cast<int32_t>(i);
  }
}

int64_t crossingsBetween(const Layered& g, size_t r, std::vector<int32_t>& targets,
                         std::vector<int32_t>& tree) {
  const auto& upper = g.layers[r];
  const size_t lowerSize = g.layers[r + 1].size();
  tree.assign(lowerSize + 1, 0);  // Fenwick tree over positions in the lower layer
  int64_t crossings = 0;
  int64_t inserted = 0;
  for (int32_t u : upper) {
    targets.clear();
    for (int32_t k = g.downStart[static_cast<size_t>(u)];
         k < g.downStart[static_cast<size_t>(u) + 1]; ++k)
      targets.push_back(g.pos[static_cast<size_t>(g.down[static_cast<size_t>(k)])]);
    std::sort(targets.begin(), targets.end());
    for (int32_t p : targets) {
      int64_t notGreater = 0;  // inserted segments ending at or left of p do not cross
      for (auto i = static_cast<size_t>(p) + 1; i > 0; i -= i & (~i + 1)) notGreater += tree[i];
      crossings += inserted - notGreater;
    }
    for (int32_t p : targets) {
      for (auto i = static_cast<size_t>(p) + 1; i <= lowerSize; i += i & (~i + 1)) ++tree[i];
      ++inserted;
    }
  }
  return crossings;
}

}  // namespace

int64_t countAllCrossings(const Layered& g) {
  std::vector<int32_t> targets, tree;
  int64_t total = 0;
  for (size_t r = 0; r + 1 < g.layers.size(); ++r) total += crossingsBetween(g, r, targets, tree);
  return total;
}

int64_t orderLayers(Layered& g, const LayoutOptions& options, const std::atomic<bool>* cancel) {
  initialOrder(g);
  int64_t best = countAllCrossings(g);
  auto bestLayers = g.layers;
  std::vector<std::pair<double, int32_t>> keys;
  int fails = 0;
  for (int sweep = 0; sweep < options.maxSweeps && best > 0 && !cancelled(cancel); ++sweep) {
    if (sweep % 2 == 0) {
      for (size_t r = 1; r < g.layers.size(); ++r)
        sweepLayer(g, g.layers[r], g.upStart, g.up, keys);
    } else {
      for (size_t r = g.layers.size(); r-- > 1;)
        sweepLayer(g, g.layers[r - 1], g.downStart, g.down, keys);
    }
    int64_t now = countAllCrossings(g);
    if (now < best) {
      best = now;
      bestLayers = g.layers;
      fails = 0;
    } else if (++fails >= 2) {
      break;
    }
  }
  g.layers = std::move(bestLayers);
  setPositions(g);
  return best;
}

}  // namespace mb::layout::detail
