// Phase 3 of the layered layout: across coordinates. Each rank in turn moves its nodes as close as
// possible (weighted least squares) to the mean of their neighbours on the adjacent rank while
// keeping order and separation — solved exactly per rank by pool-adjacent-violators in O(width).
// Long-edge dummies weigh more, so long edges come out straight; sweeps alternate down and up.
#include <algorithm>
#include <limits>

#include "layout/layered_internal.h"

namespace mb::layout::detail {
namespace {

double gapBetween(const Layered& g, int32_t a, int32_t b, const LayoutOptions& o) {
  bool dummies = g.isDummy[static_cast<size_t>(a)] && g.isDummy[static_cast<size_t>(b)];
  double gap = dummies ? o.dummyWidth * 0.5 : o.nodeSeparation;
  return (g.across[static_cast<size_t>(a)] + g.across[static_cast<size_t>(b)]) * 0.5 + gap;
}

struct Block {
  double weight, weighted;
  int32_t count;
};

// Moves one rank's nodes toward targets; `useUp`/`useDown` pick which neighbours define them.
void relaxLayer(Layered& g, const std::vector<uint8_t>& spine, const std::vector<int32_t>& layer,
                bool useUp, bool useDown, const LayoutOptions& o, std::vector<double>& offset,
                std::vector<double>& target, std::vector<double>& weight,
                std::vector<Block>& blocks) {
  const size_t n = layer.size();
  offset.resize(n);
  target.resize(n);
  weight.resize(n);
  for (size_t i = 0; i < n; ++i) {
    auto v = static_cast<size_t>(layer[i]);
    offset[i] = i == 0 ? 0 : offset[i - 1] + gapBetween(g, layer[i - 1], layer[i], o);
    // Real neighbours define the target when there are any: the main chain stays straight and
    // skip connections bend around it, instead of the chain drifting half a gap per residual block.
    double realSum = 0, dummySum = 0;
    int32_t realCount = 0, dummyCount = 0;
    auto gather = [&](const std::vector<int32_t>& start, const std::vector<int32_t>& adj) {
      for (int32_t k = start[v]; k < start[v + 1]; ++k) {
        auto w = static_cast<size_t>(adj[static_cast<size_t>(k)]);
        if (g.isDummy[w])
          dummySum += g.x[w], ++dummyCount;
        else
          realSum += g.x[w], ++realCount;
      }
    };
    if (useUp) gather(g.upStart, g.up);
    if (useDown) gather(g.downStart, g.down);
    if (spine[v]) {  // the backbone stays one straight column
      target[i] = 0;
      weight[i] = 1e6;
    } else if (realCount + dummyCount == 0) {
      target[i] = g.x[v];
      weight[i] = 0.01;
    } else if (g.isDummy[v]) {
      target[i] = (realSum + dummySum) / (realCount + dummyCount);
      weight[i] = realCount ? 1.0 : 10.0;  // inner stretches of long edges stay straight
    } else {
      target[i] = realCount ? realSum / realCount : dummySum / dummyCount;
      // Far heavier than any dummy: a conflict with a passing edge moves the edge, not the op
      // (weighted least squares with these ratios acts like the priority method).
      weight[i] = 1000.0;
    }
    target[i] -= offset[i];
  }
  blocks.clear();
  for (size_t i = 0; i < n; ++i) {
    blocks.push_back({weight[i], weight[i] * target[i], 1});
    while (blocks.size() > 1) {
      Block& last = blocks.back();
      Block& prev = blocks[blocks.size() - 2];
      if (prev.weighted / prev.weight <= last.weighted / last.weight) break;
      prev.weight += last.weight;
      prev.weighted += last.weighted;
      prev.count += last.count;
      blocks.pop_back();
    }
  }
  size_t i = 0;
  for (const Block& b : blocks) {
    double y = b.weighted / b.weight;
    for (int32_t k = 0; k < b.count; ++k, ++i) g.x[static_cast<size_t>(layer[i])] = y + offset[i];
  }
}

// The backbone: from the deepest node back to a source, always through the first incoming edge
// (a DNN op's first input is its data path: Reshape's data, not its shape; Add's main operand).
// Readers expect that path as one straight column (Netron's Brandes–Köpf alignment gives the
// same), and pinning it keeps blocks from drifting sideways under their side branches.
std::vector<uint8_t> findSpine(const Layered& g) {
  std::vector<int32_t> depth(g.rank.size(), 0);
  for (const auto& layer : g.layers)
    for (int32_t w : layer)
      for (int32_t k = g.upStart[static_cast<size_t>(w)]; k < g.upStart[static_cast<size_t>(w) + 1];
           ++k)
        depth[static_cast<size_t>(w)] =
            std::max(depth[static_cast<size_t>(w)],
                     depth[static_cast<size_t>(g.up[static_cast<size_t>(k)])] + 1);
  std::vector<uint8_t> spine(g.rank.size(), 0);
  int32_t v = -1;
  for (int32_t w = 0; w < g.realCount; ++w)
    if (v < 0 || depth[static_cast<size_t>(w)] > depth[static_cast<size_t>(v)]) v = w;
  while (v >= 0 && !spine[static_cast<size_t>(v)]) {
    auto u = static_cast<size_t>(v);
    spine[u] = 1;
    v = g.upStart[u] < g.upStart[u + 1] ? g.up[static_cast<size_t>(g.upStart[u])] : -1;
  }
  return spine;
}

}  // namespace

void placeNodes(Layered& g, const LayoutOptions& o) {
  g.x.assign(g.rank.size(), 0);
  for (const auto& layer : g.layers) {
    double cursor = 0;
    for (size_t i = 0; i < layer.size(); ++i) {
      if (i > 0) cursor += gapBetween(g, layer[i - 1], layer[i], o);
      g.x[static_cast<size_t>(layer[i])] = cursor;
    }
    for (int32_t v : layer) g.x[static_cast<size_t>(v)] -= cursor * 0.5;
  }
  std::vector<double> offset, target, weight;
  std::vector<Block> blocks;
  const std::vector<uint8_t> spine = findSpine(g);
  for (int it = 0; it < o.placementIterations; ++it) {
    for (size_t r = 1; r < g.layers.size(); ++r)
      relaxLayer(g, spine, g.layers[r], true, false, o, offset, target, weight, blocks);
    for (size_t r = g.layers.size(); r-- > 1;)
      relaxLayer(g, spine, g.layers[r - 1], false, true, o, offset, target, weight, blocks);
  }
  for (const auto& layer : g.layers)
    relaxLayer(g, spine, layer, true, true, o, offset, target, weight, blocks);
  double left = std::numeric_limits<double>::max();
  for (size_t v = 0; v < g.x.size(); ++v) left = std::min(left, g.x[v] - g.across[v] * 0.5);
  if (g.x.empty()) left = 0;
  for (double& x : g.x) x -= left;
}

}  // namespace mb::layout::detail
