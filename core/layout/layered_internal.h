// Shared state of the layout phases (internal to core/layout).
#pragma once

#include <atomic>
#include <cstdint>
#include <vector>

#include "layout/layout_types.h"

namespace mb::layout::detail {

// The proper layered graph: real nodes [0, realCount) then one dummy per rank a long edge crosses.
struct Layered {
  int32_t realCount = 0;
  std::vector<int32_t> rank;   // per node (real + dummy)
  std::vector<double> across;  // size across ranks (width in TB)
  std::vector<double> along;   // size along ranks (height in TB)
  std::vector<uint8_t> isDummy;
  // Segment adjacency between adjacent ranks, CSR: up = neighbours one rank above.
  std::vector<int32_t> upStart, up, downStart, down;
  std::vector<std::vector<int32_t>> layers;  // node ids in left-to-right order per rank
  std::vector<int32_t> pos;                  // index of a node inside its layer
  std::vector<double> x;                     // across coordinate (centre)
  // Per input edge: oriented ends and the dummy chain [chainStart, chainStart + chainLength).
  std::vector<int32_t> edgeFrom, edgeTo, chainStart, chainLength;
  std::vector<int32_t> chains;
  std::vector<uint8_t> edgeReversed, edgeDrawn, edgeStubbed;
};

bool cancelled(const std::atomic<bool>* cancel);
// Orients edges along a topological order, ranks nodes, cuts stub families, adds dummies.
void buildLayers(const LayoutInput& input, const LayoutOptions& options, Layered& g);
// Crossing reduction; returns the crossing count of the order kept.
int64_t orderLayers(Layered& g, const LayoutOptions& options, const std::atomic<bool>* cancel);
int64_t countAllCrossings(const Layered& g);
// Across coordinates for every node.
void placeNodes(Layered& g, const LayoutOptions& options);

}  // namespace mb::layout::detail
