// Plain data for the layered layout: what goes in (boxes and directed edges), the knobs, and what
// comes out (box centres, edge polylines, per-consumer stubs, quality figures). No Qt, no
// mb::Graph.
#pragma once

#include <cstdint>
#include <vector>

namespace mb::layout {

enum class Direction { TopToBottom, LeftToRight };

struct LayoutNode {
  double width = 100;
  double height = 40;
  // Extra room along the flow before / after the box (a viewer's group frame titles and borders);
  // the whole rank gets the largest of its nodes'.
  double marginBefore = 0;
  double marginAfter = 0;
};

struct LayoutEdge {
  int32_t from = 0;
  int32_t to = 0;
  // Edges with the same non-negative fanoutKey carry one tensor to many consumers; such a family
  // may be cut into per-consumer stubs when it spans far (attention mask, rotary tables, shapes).
  int32_t fanoutKey = -1;
};

struct LayoutInput {
  std::vector<LayoutNode> nodes;
  std::vector<LayoutEdge> edges;
};

struct LayoutOptions {
  Direction direction = Direction::TopToBottom;
  double nodeSeparation = 20;  // between boxes of one rank
  double rankSeparation = 30;  // between ranks
  double dummyWidth = 8;       // room a long edge takes when it passes a rank
  int maxSweeps = 8;           // barycenter sweeps (each down or up counts one)
  int placementIterations = 6;
  bool stubs = true;      // cut far-reaching fan-out families into stubs
  int stubMinFanout = 4;  // a family needs at least this many consumers …
  int stubMinSpan = 8;    // … and an edge longer than this many ranks to be cut
};

struct Point {
  double x = 0;
  double y = 0;
};

struct RoutedEdge {
  int32_t edge = 0;           // index into LayoutInput::edges
  std::vector<Point> points;  // from the source's border to the target's border
  bool reversed = false;      // drawn against the flow to break a cycle
};

// An edge not drawn: the consumer shows a small chip naming the producer instead (click-to-jump).
struct Stub {
  int32_t edge = 0;
  Point anchor;  // where the chip sits, just before the consumer's input side
};

struct LayoutStats {
  int64_t ranks = 0;
  int64_t dummyNodes = 0;
  int64_t crossings = 0;
  int64_t stubs = 0;
  double width = 0;   // drawing extent across ranks
  double height = 0;  // drawing extent along ranks
  double seconds = 0;
};

struct LayoutResult {
  std::vector<Point> centers;     // per LayoutInput node
  std::vector<int32_t> rank;      // per node
  std::vector<RoutedEdge> edges;  // drawn edges (stubbed and self edges are absent)
  std::vector<Stub> stubs;
  LayoutStats stats;
  bool cancelled = false;
};

}  // namespace mb::layout
