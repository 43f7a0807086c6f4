// The scene of one graph: items for the visible boxes, edges, stubs and group frames of the
// current collapse state. Layout runs on a LayoutWorker; items are then created in slices so the
// UI thread never stalls, even for 10k-node graphs.
#pragma once

#include <QGraphicsScene>
#include <QImage>
#include <QList>
#include <memory>
#include <vector>

#include "diff_overlay.h"
#include "layout_worker.h"

namespace mb {

class NodeItem;
class GroupFrameItem;

class GraphScene : public QGraphicsScene {
  Q_OBJECT
 public:
  explicit GraphScene(QObject* parent = nullptr);
  ~GraphScene() override;

  // Shows `graph` (builds its module tree and lays it out in the background).
  void setGraph(std::shared_ptr<const Graph> graph);
  void clearGraph();
  const Graph* graph() const { return graph_.get(); }
  std::shared_ptr<const Graph> sharedGraph() const { return graph_; }
  const SceneLayout* currentLayout() const { return layout_.get(); }
  bool busy() const { return worker_.running() || building_; }
  void cancelLayout();

  void setDirection(layout::Direction direction);
  layout::Direction direction() const { return options_.direction; }
  void setStubs(bool enabled);

  // Module groups.
  void toggleGroup(int32_t group);
  void expandAll();
  void collapseAll();
  int32_t groupCount() const;

  // Selection by graph node; hidden nodes are revealed (their groups expand, then a re-layout).
  void selectNodes(const std::vector<NodeId>& nodes, bool reveal = true);
  std::vector<NodeId> selectedNodes() const;
  // Nodes drawn with the red "not converted" border besides those flagged in the graph itself
  // (the source side marks nodes whose conversion failed). Applies from the next layout on.
  void setUnconvertedNodes(std::vector<NodeId> nodes);
  // Outline these nodes (counterparts, search hits); an empty list clears.
  void highlightNodes(const std::vector<NodeId>& nodes, const QColor& color);
  // Diff overlay: one mark per graph node (empty clears); collapsed groups show their worst member.
  void setDiffMarks(std::vector<DiffMark> marks);
  const std::vector<DiffMark>& diffMarks() const { return diffMarks_; }
  NodeItem* itemForNode(NodeId node) const;  // the box showing it (itself or its collapsed group)
  NodeItem* itemAt(int32_t visualIndex) const;
  const std::vector<NodeItem*>& nodeItems() const { return items_; }
  // Node name, op type or tensor name containing `text` (case-insensitive).
  std::vector<NodeId> search(const QString& text) const;
  void jumpToItem(int32_t visualIndex);
  // Neighbouring box for keyboard navigation: dx/dy of -1/+1 (up = producers, down = consumers).
  NodeItem* neighbour(const NodeItem* from, int dx, int dy) const;

  // Far zoom: hides every item so the view can blit the overview image instead.
  void setFarMode(bool far);
  bool farMode() const { return far_; }
  // The whole graph, small; carries the diff colours while a diff overlay is set.
  const QImage& overview() const { return diffOverview_.isNull() ? overview_ : diffOverview_; }
  double overviewScale() const { return overviewScale_; }

 signals:
  void layoutStarted();
  void layoutReady(double seconds);  // all items exist
  void layoutCancelled();
  void nodeSelectionChanged();
  void focusRequested(QPointF scenePos);
  // A toggled group moved from `before` to `after` (the view keeps it under the cursor).
  void anchorMoved(QPointF before, QPointF after);
  void overviewChanged();  // overview() is a new image (diff marks set or cleared)

 private:
  void relayout(int32_t anchorGroup = -1);
  void apply(std::shared_ptr<SceneLayout> layout);
  void buildSlice();
  void finishBuild();
  void addFrames();

  LayoutWorker worker_;
  layout::LayoutOptions options_;
  std::shared_ptr<const Graph> graph_;
  std::shared_ptr<SceneLayout> layout_;
  std::optional<layout::ModuleTree> tree_;
  std::vector<NodeItem*> items_;
  std::vector<GroupFrameItem*> frames_;
  std::vector<NodeId> pendingSelection_;
  std::vector<uint8_t> unconverted_;
  std::vector<DiffMark> diffMarks_, groupMarks_;
  DiffMark markFor(const layout::VisualItem& item) const;
  void applyDiffMarks();
  bool far_ = false;
  QImage overview_, diffOverview_;
  double overviewScale_ = 1;
  size_t buildCursor_ = 0;
  bool building_ = false;
  int32_t anchorGroup_ = -1;
  QPointF anchorBefore_;
  uint64_t buildToken_ = 0;
};

}  // namespace mb
