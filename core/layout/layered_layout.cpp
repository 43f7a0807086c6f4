// Driver of the layered layout: phases, along-rank coordinates, ports, polylines and stubs.
#include "layout/layered_layout.h"

#include <algorithm>
#include <chrono>

#include "layout/layered_internal.h"

namespace mb::layout {
namespace {

using detail::Layered;

struct Port {
  int32_t node;
  double otherEnd;
  int32_t edge;
};

// Spreads the edges leaving (or entering) each node over the middle half of its side, ordered by
// where their other end lies, so parallel edges do not overlap and do not cross at the box.
std::vector<double> portOffsets(std::vector<Port>& ports, const Layered& g, size_t edgeCount) {
  std::vector<double> offset(edgeCount, 0);
  std::sort(ports.begin(), ports.end(), [](const Port& a, const Port& b) {
    return a.node != b.node ? a.node < b.node : a.otherEnd < b.otherEnd;
  });
  for (size_t begin = 0; begin < ports.size();) {
    size_t end = begin;
    while (end < ports.size() && ports[end].node == ports[begin].node) ++end;
    size_t n = end - begin;
    double side = g.across[static_cast<size_t>(ports[begin].node)] * 0.5;
    for (size_t k = 0; n > 1 && k < n; ++k)
      offset[static_cast<size_t>(ports[begin + k].edge)] =
          (static_cast<double>(k) / static_cast<double>(n - 1) - 0.5) * side;
    begin = end;
  }
  return offset;
}

}  // namespace

LayoutResult layeredLayout(const LayoutInput& input, const LayoutOptions& options,
                           const std::atomic<bool>* cancel) {
  auto started = std::chrono::steady_clock::now();
  LayoutResult result;
  Layered g;
  detail::buildLayers(input, options, g);
  if (detail::cancelled(cancel)) return result.cancelled = true, result;
  result.stats.crossings = detail::orderLayers(g, options, cancel);
  if (detail::cancelled(cancel)) return result.cancelled = true, result;
  detail::placeNodes(g, options);

  const size_t ranks = g.layers.size();
  std::vector<double> thickness(ranks, 0), before(ranks, 0), after(ranks, 0), center(ranks, 0);
  for (int32_t v = 0; v < g.realCount; ++v) {
    auto r = static_cast<size_t>(g.rank[static_cast<size_t>(v)]);
    thickness[r] = std::max(thickness[r], g.along[static_cast<size_t>(v)]);
    const auto& node = input.nodes[static_cast<size_t>(v)];
    before[r] = std::max(before[r], node.marginBefore);
    after[r] = std::max(after[r], node.marginAfter);
  }
  double cursor = 0;
  for (size_t r = 0; r < ranks; ++r) {
    cursor += before[r];
    center[r] = cursor + thickness[r] * 0.5;
    cursor += thickness[r] + after[r] + options.rankSeparation;
  }
  const bool tb = options.direction == Direction::TopToBottom;
  auto point = [&](double across, double along) {
    return tb ? Point{across, along} : Point{along, across};
  };
  const size_t n = static_cast<size_t>(g.realCount);
  result.centers.resize(n);
  result.rank.assign(g.rank.begin(), g.rank.begin() + static_cast<std::ptrdiff_t>(n));
  double extent = 0;
  for (size_t v = 0; v < n; ++v) {
    result.centers[v] = point(g.x[v], center[static_cast<size_t>(g.rank[v])]);
    extent = std::max(extent, g.x[v] + g.across[v] * 0.5);
  }

  // Ports, then polylines through the dummy chain.
  const size_t m = input.edges.size();
  std::vector<Port> outPorts, inPorts;
  for (size_t e = 0; e < m; ++e) {
    if (!g.edgeDrawn[e]) continue;
    int32_t len = g.chainLength[e];
    int32_t first = len ? g.chains[static_cast<size_t>(g.chainStart[e])] : g.edgeTo[e];
    int32_t last = len ? g.chains[static_cast<size_t>(g.chainStart[e] + len - 1)] : g.edgeFrom[e];
    outPorts.push_back({g.edgeFrom[e], g.x[static_cast<size_t>(first)], static_cast<int32_t>(e)});
    inPorts.push_back({g.edgeTo[e], g.x[static_cast<size_t>(last)], static_cast<int32_t>(e)});
  }
  std::vector<double> outOffset = portOffsets(outPorts, g, m);
  std::vector<double> inOffset = portOffsets(inPorts, g, m);
  std::vector<int32_t> stubsAtNode(n, 0);
  for (size_t e = 0; e < m; ++e) {
    if (g.edgeStubbed[e]) {
      auto consumer = static_cast<size_t>(input.edges[e].to);
      int32_t k = stubsAtNode[consumer]++;
      double across = g.x[consumer] - g.across[consumer] * 0.5 + 10 + 16.0 * k;
      double along = center[static_cast<size_t>(g.rank[consumer])] - g.along[consumer] * 0.5 -
                     options.rankSeparation * 0.45;
      result.stubs.push_back({static_cast<int32_t>(e), point(across, along)});
      continue;
    }
    if (!g.edgeDrawn[e]) continue;
    RoutedEdge routed;
    routed.edge = static_cast<int32_t>(e);
    routed.reversed = g.edgeReversed[e];
    auto from = static_cast<size_t>(g.edgeFrom[e]);
    auto to = static_cast<size_t>(g.edgeTo[e]);
    routed.points.reserve(static_cast<size_t>(g.chainLength[e]) + 2);
    routed.points.push_back(point(g.x[from] + outOffset[e],
                                  center[static_cast<size_t>(g.rank[from])] + g.along[from] * 0.5));
    for (int32_t k = 0; k < g.chainLength[e]; ++k) {
      auto d = static_cast<size_t>(g.chains[static_cast<size_t>(g.chainStart[e] + k)]);
      routed.points.push_back(point(g.x[d], center[static_cast<size_t>(g.rank[d])]));
    }
    routed.points.push_back(
        point(g.x[to] + inOffset[e], center[static_cast<size_t>(g.rank[to])] - g.along[to] * 0.5));
    if (routed.reversed) std::reverse(routed.points.begin(), routed.points.end());
    result.edges.push_back(std::move(routed));
  }
  for (size_t d = n; d < g.x.size(); ++d) extent = std::max(extent, g.x[d] + g.across[d] * 0.5);
  result.stats.ranks = static_cast<int64_t>(ranks);
  result.stats.dummyNodes = static_cast<int64_t>(g.rank.size() - n);
  result.stats.stubs = static_cast<int64_t>(result.stubs.size());
  result.stats.width = extent;
  result.stats.height = ranks ? cursor - options.rankSeparation : 0;
  result.stats.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace mb::layout
