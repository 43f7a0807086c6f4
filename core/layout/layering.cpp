// Phase 1 of the layered layout: orientation (cycle breaking), ranking, stub cutting, dummies.
#include <algorithm>
#include <limits>
#include <numeric>

#include "layout/layered_internal.h"

namespace mb::layout::detail {
namespace {

struct Csr {
  std::vector<int32_t> start, items;
};

// Adjacency of the edges still in play (skipping self edges and stubs), by source or by target.
Csr adjacency(int32_t n, const std::vector<int32_t>& a, const std::vector<int32_t>& b,
              const std::vector<uint8_t>& active) {
  Csr csr;
  csr.start.assign(static_cast<size_t>(n) + 1, 0);
  for (size_t e = 0; e < a.size(); ++e)
    if (active[e]) ++csr.start[static_cast<size_t>(a[e]) + 1];
  std::partial_sum(csr.start.begin(), csr.start.end(), csr.start.begin());
  csr.items.resize(static_cast<size_t>(csr.start.back()));
  std::vector<int32_t> fill(csr.start.begin(), csr.start.end() - 1);
  for (size_t e = 0; e < a.size(); ++e)
    if (active[e]) csr.items[static_cast<size_t>(fill[static_cast<size_t>(a[e])]++)] = b[e];
  return csr;
}

// Kahn's order; when only cycles remain, releases the lowest-numbered waiting node.
std::vector<int32_t> topologicalOrder(int32_t n, const LayoutInput& input) {
  std::vector<int32_t> indegree(static_cast<size_t>(n), 0);
  std::vector<int32_t> from, to;
  std::vector<uint8_t> active;
  for (const auto& e : input.edges) {
    from.push_back(e.from);
    to.push_back(e.to);
    active.push_back(e.from != e.to);
    if (e.from != e.to) ++indegree[static_cast<size_t>(e.to)];
  }
  Csr out = adjacency(n, from, to, active);
  std::vector<int32_t> order;
  order.reserve(static_cast<size_t>(n));
  std::vector<uint8_t> done(static_cast<size_t>(n), 0);
  std::vector<int32_t> ready;
  for (int32_t v = n - 1; v >= 0; --v)
    if (indegree[static_cast<size_t>(v)] == 0) ready.push_back(v);
  int32_t scan = 0;
  while (static_cast<int32_t>(order.size()) < n) {
    if (ready.empty()) {  // a cycle: break it at the first node not placed yet
      while (done[static_cast<size_t>(scan)]) ++scan;
      ready.push_back(scan);
    }
    int32_t v = ready.back();
    ready.pop_back();
    if (done[static_cast<size_t>(v)]) continue;
    done[static_cast<size_t>(v)] = 1;
    order.push_back(v);
    // Reverse push keeps the first consumer on top of the stack: a depth-first, chain-friendly
    // order.
    for (int32_t i = out.start[static_cast<size_t>(v) + 1] - 1;
         i >= out.start[static_cast<size_t>(v)]; --i) {
      int32_t w = out.items[static_cast<size_t>(i)];
      if (!done[static_cast<size_t>(w)] && --indegree[static_cast<size_t>(w)] == 0)
        ready.push_back(w);
    }
  }
  return order;
}

// Longest path from the sources, then each node whose out-degree is at least its in-degree slides
// down next to its nearest consumer (fewer and shorter long edges: constants, shape side chains).
std::vector<int32_t> rankNodes(int32_t n, const std::vector<int32_t>& order, const Layered& g) {
  Csr in = adjacency(n, g.edgeTo, g.edgeFrom, g.edgeDrawn);
  Csr out = adjacency(n, g.edgeFrom, g.edgeTo, g.edgeDrawn);
  std::vector<int32_t> rank(static_cast<size_t>(n), 0);
  for (int32_t v : order)
    for (int32_t i = in.start[static_cast<size_t>(v)]; i < in.start[static_cast<size_t>(v) + 1];
         ++i)
      rank[static_cast<size_t>(v)] =
          std::max(rank[static_cast<size_t>(v)],
                   rank[static_cast<size_t>(in.items[static_cast<size_t>(i)])] + 1);
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    auto v = static_cast<size_t>(*it);
    int32_t outDegree = out.start[v + 1] - out.start[v];
    int32_t inDegree = in.start[v + 1] - in.start[v];
    if (outDegree == 0 || outDegree < inDegree) continue;
    int32_t nearest = std::numeric_limits<int32_t>::max();
    for (int32_t i = out.start[v]; i < out.start[v + 1]; ++i)
      nearest = std::min(nearest, rank[static_cast<size_t>(out.items[static_cast<size_t>(i)])]);
    rank[v] = std::max(rank[v], nearest - 1);
  }
  return rank;
}

// Families of one tensor feeding many consumers far apart keep only their shortest edge.
void cutStubs(const LayoutInput& input, const LayoutOptions& options,
              const std::vector<int32_t>& rank, Layered& g) {
  std::vector<int32_t> keyed;
  for (size_t e = 0; e < input.edges.size(); ++e)
    if (input.edges[e].fanoutKey >= 0 && g.edgeDrawn[e]) keyed.push_back(static_cast<int32_t>(e));
  std::stable_sort(keyed.begin(), keyed.end(), [&](int32_t a, int32_t b) {
    return input.edges[static_cast<size_t>(a)].fanoutKey <
           input.edges[static_cast<size_t>(b)].fanoutKey;
  });
  auto span = [&](int32_t e) {
    return rank[static_cast<size_t>(g.edgeTo[static_cast<size_t>(e)])] -
           rank[static_cast<size_t>(g.edgeFrom[static_cast<size_t>(e)])];
  };
  for (size_t begin = 0; begin < keyed.size();) {
    size_t end = begin;
    int32_t key = input.edges[static_cast<size_t>(keyed[begin])].fanoutKey;
    while (end < keyed.size() && input.edges[static_cast<size_t>(keyed[end])].fanoutKey == key)
      ++end;
    if (static_cast<int>(end - begin) >= options.stubMinFanout) {
      int32_t longest = 0;
      size_t shortest = begin;
      for (size_t i = begin; i < end; ++i) {
        longest = std::max(longest, span(keyed[i]));
        if (span(keyed[i]) < span(keyed[shortest])) shortest = i;
      }
      if (longest > options.stubMinSpan)
        for (size_t i = begin; i < end; ++i)
          if (i != shortest) {
            g.edgeDrawn[static_cast<size_t>(keyed[i])] = 0;
            g.edgeStubbed[static_cast<size_t>(keyed[i])] = 1;
          }
    }
    begin = end;
  }
}

}  // namespace

bool cancelled(const std::atomic<bool>* cancel) {
  return cancel && cancel->load(std::memory_order_relaxed);
}

void buildLayers(const LayoutInput& input, const LayoutOptions& options, Layered& g) {
  const auto n = static_cast<int32_t>(input.nodes.size());
  const size_t m = input.edges.size();
  g.realCount = n;
  std::vector<int32_t> order = topologicalOrder(n, input);
  std::vector<int32_t> position(static_cast<size_t>(n));
  for (size_t i = 0; i < order.size(); ++i)
    position[static_cast<size_t>(order[i])] = static_cast<int32_t>(i);
  g.edgeFrom.resize(m);
  g.edgeTo.resize(m);
  g.edgeReversed.assign(m, 0);
  g.edgeDrawn.assign(m, 0);
  g.edgeStubbed.assign(m, 0);
  for (size_t e = 0; e < m; ++e) {
    int32_t a = input.edges[e].from, b = input.edges[e].to;
    bool reversed = position[static_cast<size_t>(a)] > position[static_cast<size_t>(b)];
    g.edgeFrom[e] = reversed ? b : a;
    g.edgeTo[e] = reversed ? a : b;
    g.edgeReversed[e] = reversed;
    g.edgeDrawn[e] = a != b;
  }
  std::vector<int32_t> rank = rankNodes(n, order, g);
  if (options.stubs) {
    cutStubs(input, options, rank, g);
    rank = rankNodes(n, order, g);
  }
  // Dummies: one per rank an edge passes through.
  size_t dummies = 0;
  for (size_t e = 0; e < m; ++e)
    if (g.edgeDrawn[e])
      dummies += static_cast<size_t>(rank[static_cast<size_t>(g.edgeTo[e])] -
                                     rank[static_cast<size_t>(g.edgeFrom[e])] - 1);
  const size_t total = static_cast<size_t>(n) + dummies;
  g.rank = std::move(rank);
  g.rank.resize(total);
  g.across.resize(total);
  g.along.assign(total, 0);
  g.isDummy.assign(total, 0);
  for (size_t v = 0; v < static_cast<size_t>(n); ++v) {
    bool tb = options.direction == Direction::TopToBottom;
    g.across[v] = tb ? input.nodes[v].width : input.nodes[v].height;
    g.along[v] = tb ? input.nodes[v].height : input.nodes[v].width;
  }
  g.chainStart.assign(m, 0);
  g.chainLength.assign(m, 0);
  g.chains.clear();
  g.chains.reserve(dummies);
  std::vector<int32_t> segFrom, segTo;
  segFrom.reserve(m + dummies);
  segTo.reserve(m + dummies);
  auto next = static_cast<int32_t>(n);
  for (size_t e = 0; e < m; ++e) {
    if (!g.edgeDrawn[e]) continue;
    int32_t prev = g.edgeFrom[e];
    g.chainStart[e] = static_cast<int32_t>(g.chains.size());
    for (int32_t r = g.rank[static_cast<size_t>(g.edgeFrom[e])] + 1;
         r < g.rank[static_cast<size_t>(g.edgeTo[e])]; ++r) {
      int32_t d = next++;
      g.rank[static_cast<size_t>(d)] = r;
      g.across[static_cast<size_t>(d)] = options.dummyWidth;
      g.isDummy[static_cast<size_t>(d)] = 1;
      g.chains.push_back(d);
      segFrom.push_back(prev);
      segTo.push_back(d);
      prev = d;
    }
    g.chainLength[e] = static_cast<int32_t>(g.chains.size()) - g.chainStart[e];
    segFrom.push_back(prev);
    segTo.push_back(g.edgeTo[e]);
  }
  std::vector<uint8_t> all(segFrom.size(), 1);
  Csr down = adjacency(static_cast<int32_t>(total), segFrom, segTo, all);
  Csr up = adjacency(static_cast<int32_t>(total), segTo, segFrom, all);
  g.downStart = std::move(down.start);
  g.down = std::move(down.items);
  g.upStart = std::move(up.start);
  g.up = std::move(up.items);
}

}  // namespace mb::layout::detail
