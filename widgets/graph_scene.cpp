#include "graph_scene.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTimer>
#include <algorithm>
#include <unordered_set>

#include "diff_overview.h"
#include "edge_item.h"
#include "group_frame_item.h"
#include "node_item.h"
#include "op_style.h"
#include "stub_item.h"

namespace mb {

GraphScene::GraphScene(QObject* parent) : QGraphicsScene(parent) {
  setItemIndexMethod(QGraphicsScene::BspTreeIndex);
  setBackgroundBrush(Qt::white);
  connect(&worker_, &LayoutWorker::finished, this, &GraphScene::apply);
  connect(&worker_, &LayoutWorker::cancelled, this, &GraphScene::layoutCancelled);
  connect(this, &QGraphicsScene::selectionChanged, this, &GraphScene::nodeSelectionChanged);
}

GraphScene::~GraphScene() {
  worker_.cancel();
}

void GraphScene::setGraph(std::shared_ptr<const Graph> graph) {
  clearGraph();
  graph_ = std::move(graph);
  tree_.reset();
  relayout();
}

void GraphScene::clearGraph() {
  worker_.cancel();
  ++buildToken_;
  building_ = false;
  clearSelection();
  clear();
  items_.clear();
  frames_.clear();
  layout_.reset();
  overview_ = QImage();
  diffOverview_ = QImage();
  graph_.reset();
  tree_.reset();
  diffMarks_.clear();  // marks belong to one graph's node ids
  groupMarks_.clear();
}

void GraphScene::cancelLayout() {
  bool wasBuilding = building_;
  worker_.cancel();
  if (wasBuilding) {
    ++buildToken_;
    building_ = false;
    emit layoutCancelled();
  }
}

void GraphScene::setDirection(layout::Direction direction) {
  options_.direction = direction;
  if (graph_) relayout();
}

void GraphScene::setStubs(bool enabled) {
  options_.stubs = enabled;
  if (graph_) relayout();
}

void GraphScene::relayout(int32_t anchorGroup) {
  if (!graph_) return;
  anchorGroup_ = anchorGroup;
  emit layoutStarted();
  worker_.start(graph_, tree_, options_, QApplication::font());
}

void GraphScene::toggleGroup(int32_t group) {
  if (!tree_ || group <= 0 || group >= static_cast<int32_t>(tree_->groups.size())) return;
  auto& g = tree_->groups[static_cast<size_t>(group)];
  // Remember where the group is drawn now, so the view can keep it in place after re-layout.
  anchorBefore_ = QPointF();
  for (auto* frame : frames_)
    if (frame && frame->group() == group) anchorBefore_ = frame->titleRect().center();
  for (auto* item : items_)
    if (item && item->isGroup() && item->item().id == group) anchorBefore_ = item->pos();
  g.expanded = !g.expanded;
  pendingSelection_ = selectedNodes();
  relayout(group);
}

void GraphScene::expandAll() {
  if (!tree_) return;
  tree_->expandAll();
  relayout();
}

void GraphScene::collapseAll() {
  if (!tree_) return;
  tree_->collapseAll();
  relayout();
}

int32_t GraphScene::groupCount() const {
  return tree_ ? static_cast<int32_t>(tree_->groups.size()) - 1 : 0;
}

// Items stay top-level (a common parent would make every repaint walk all children instead of
// using the BSP index), so far mode hides them one by one — only when the threshold is crossed.
void GraphScene::setFarMode(bool far) {
  if (far_ == far) return;
  far_ = far;
  const auto all = items();
  for (QGraphicsItem* item : all) item->setVisible(!far);
}

void GraphScene::apply(std::shared_ptr<SceneLayout> layout) {
  clearSelection();
  clear();
  items_.assign(layout->visual.items.size(), nullptr);
  frames_.clear();
  layout_ = std::move(layout);
  tree_ = layout_->tree;
  overview_ = layout_->overview;
  overviewScale_ = layout_->overviewScale;
  if (!diffMarks_.empty()) applyDiffMarks();  // group membership may be new: recompute
  buildCursor_ = 0;
  building_ = true;
  ++buildToken_;
  buildSlice();
}

// Creates items for ~8 ms, then yields to the event loop: large graphs appear without a stall.
void GraphScene::buildSlice() {
  if (!building_ || !layout_) return;
  QElapsedTimer timer;
  timer.start();
  const auto& vg = layout_->visual;
  const auto& r = layout_->result;
  const size_t nItems = vg.items.size(), nEdges = r.edges.size(), nStubs = r.stubs.size();
  const Graph& g = *layout_->graph;
  while (buildCursor_ < nItems + nEdges + nStubs) {
    size_t k = buildCursor_++;
    if (k < nItems) {
      const auto& item = vg.items[k];
      QColor header(90, 100, 130), headerText(Qt::white);
      bool unconverted = false;
      if (item.kind == layout::ItemKind::Node) {
        const Node& node = g.node(item.id);
        OpStyle style = OpStyle::forOp(node.opType);
        header = style.header;
        headerText = style.text;
        unconverted = node.unconverted || (static_cast<size_t>(item.id) < unconverted_.size() &&
                                           unconverted_[static_cast<size_t>(item.id)]);
      }
      auto* n = new NodeItem(static_cast<int32_t>(k), item,
                             QSizeF(vg.input.nodes[k].width, vg.input.nodes[k].height),
                             layout_->texts[k], header, headerText, unconverted);
      n->setPos(r.centers[k].x, r.centers[k].y);
      if (!diffMarks_.empty()) n->setDiffMark(markFor(item));
      n->setVisible(!far_);
      addItem(n);
      items_[k] = n;
    } else if (k < nItems + nEdges) {
      const auto& e = r.edges[k - nItems];
      ValueId v = vg.edges[static_cast<size_t>(e.edge)].value;
      QString label =
          v == kNoValue ? QString() : QString::fromStdString(g.value(v).shape.toString());
      auto* edge = new EdgeItem(e.points, label);
      edge->setVisible(!far_);
      addItem(edge);
    } else {
      const auto& stub = r.stubs[k - nItems - nEdges];
      const auto& edge = vg.edges[static_cast<size_t>(stub.edge)];
      QString name = QString::fromStdString(g.value(edge.value).name);
      // Short chip text: the producing op's own name ("/model/Mul_3" → "Mul_3") or the input's.
      QString chip = name.section(QLatin1Char('/'), -1);
      NodeId producer = g.value(edge.value).producer;
      if (producer != kNoNode)
        chip = QString::fromStdString(g.node(producer).name).section(QLatin1Char('/'), -1);
      if (chip.isEmpty()) chip = name;
      auto* s = new StubItem(edge.from, chip,
                             tr("%1 comes from %2 far above — click to jump there")
                                 .arg(name, layout_->texts[static_cast<size_t>(edge.from)].header));
      s->setPos(stub.anchor.x, stub.anchor.y);
      s->setVisible(!far_);
      addItem(s);
    }
    if ((buildCursor_ & 63) == 0 && timer.elapsed() > 8) {
      uint64_t token = buildToken_;
      QTimer::singleShot(0, this, [this, token] {
        if (token == buildToken_) buildSlice();
      });
      return;
    }
  }
  finishBuild();
}

void GraphScene::addFrames() {
  const auto& tree = layout_->tree;
  std::vector<QRectF> rects(tree.groups.size());
  std::vector<int> depth(tree.groups.size(), 0);
  for (size_t gi = 1; gi < tree.groups.size(); ++gi)
    depth[gi] =
        tree.groups[gi].parent > 0 ? depth[static_cast<size_t>(tree.groups[gi].parent)] + 1 : 0;
  for (auto* item : items_) {
    int32_t group = -1;
    if (item->item().kind == layout::ItemKind::Node)
      group = tree.groupOfNode[static_cast<size_t>(item->item().id)];
    else if (item->item().kind == layout::ItemKind::Group)
      group = tree.groups[static_cast<size_t>(item->item().id)].parent;
    if (group > 0)
      rects[static_cast<size_t>(group)] |=
          item->mapRectToScene(item->boundingRect().adjusted(4, 4, -4, -4));
  }
  // Children before parents (children have larger ids): each frame encloses its child frames.
  for (size_t gi = tree.groups.size(); gi-- > 1;) {
    if (!tree.groups[gi].expanded || rects[gi].isNull()) continue;
    rects[gi].adjust(-10, -19, 10, 7);  // within the room LayoutWorker reserved (20 above, 8 below)
    int32_t parent = tree.groups[gi].parent;
    if (parent > 0) rects[static_cast<size_t>(parent)] |= rects[gi];
    auto* frame = new GroupFrameItem(static_cast<int32_t>(gi), rects[gi],
                                     QString::fromStdString(tree.groups[gi].label), depth[gi]);
    frame->setVisible(!far_);
    addItem(frame);
    frames_.push_back(frame);
  }
}

void GraphScene::finishBuild() {
  building_ = false;
  addFrames();
  QRectF bounds = itemsBoundingRect().adjusted(-40, -40, 40, 40);
  setSceneRect(bounds);
  if (anchorGroup_ > 0 && !anchorBefore_.isNull()) {
    QPointF after;
    for (auto* frame : frames_)
      if (frame->group() == anchorGroup_) after = frame->titleRect().center();
    for (auto* item : items_)
      if (item->isGroup() && item->item().id == anchorGroup_) after = item->pos();
    if (!after.isNull()) emit anchorMoved(anchorBefore_, after);
  }
  anchorGroup_ = -1;
  std::vector<NodeId> pending;
  pending.swap(pendingSelection_);
  emit layoutReady(layout_->seconds);
  if (!pending.empty()) selectNodes(pending, false);
}

void GraphScene::setUnconvertedNodes(std::vector<NodeId> nodes) {
  unconverted_.assign(graph_ ? graph_->nodes.size() : 0, 0);
  for (NodeId n : nodes)
    if (n >= 0 && static_cast<size_t>(n) < unconverted_.size())
      unconverted_[static_cast<size_t>(n)] = 1;
}

void GraphScene::setDiffMarks(std::vector<DiffMark> marks) {
  diffMarks_ = std::move(marks);
  applyDiffMarks();
}

void GraphScene::applyDiffMarks() {
  groupMarks_.clear();
  if (tree_ && !diffMarks_.empty()) {
    groupMarks_.resize(tree_->groups.size());
    for (size_t n = 0; n < diffMarks_.size() && n < tree_->groupOfNode.size(); ++n) {
      if (!diffMarks_[n].marked()) continue;
      for (int32_t g = tree_->groupOfNode[n]; g >= 0;
           g = tree_->groups[static_cast<size_t>(g)].parent) {
        DiffMark& slot = groupMarks_[static_cast<size_t>(g)];
        slot = slot.marked() ? DiffMark::worse(slot, diffMarks_[n]) : diffMarks_[n];
      }
    }
  }
  for (NodeItem* item : items_)
    if (item) item->setDiffMark(markFor(item->item()));
  const bool hadDiffOverview = !diffOverview_.isNull();
  diffOverview_ = QImage();
  if (layout_ && !diffMarks_.empty()) {
    std::vector<DiffMark> itemMarks;
    itemMarks.reserve(layout_->visual.items.size());
    for (const auto& item : layout_->visual.items) itemMarks.push_back(markFor(item));
    diffOverview_ = paintDiffOverview(*layout_, itemMarks);
  }
  if (hadDiffOverview || !diffOverview_.isNull()) emit overviewChanged();
}

DiffMark GraphScene::markFor(const layout::VisualItem& item) const {
  const auto id = static_cast<size_t>(item.id);
  if (item.kind == layout::ItemKind::Node)
    return id < diffMarks_.size() ? diffMarks_[id] : DiffMark{};
  if (item.kind == layout::ItemKind::Group)
    return id < groupMarks_.size() ? groupMarks_[id] : DiffMark{};
  return {};
}

NodeItem* GraphScene::itemAt(int32_t visualIndex) const {
  if (visualIndex < 0 || static_cast<size_t>(visualIndex) >= items_.size()) return nullptr;
  return items_[static_cast<size_t>(visualIndex)];
}

NodeItem* GraphScene::itemForNode(NodeId node) const {
  if (!layout_ || node < 0 || static_cast<size_t>(node) >= layout_->visual.itemOfNode.size())
    return nullptr;
  return itemAt(layout_->visual.itemOfNode[static_cast<size_t>(node)]);
}

void GraphScene::selectNodes(const std::vector<NodeId>& nodes, bool reveal) {
  if (!layout_) {
    pendingSelection_ = nodes;
    return;
  }
  if (reveal && tree_) {
    bool changed = false;
    for (NodeId n : nodes)
      if (n >= 0 && static_cast<size_t>(n) < tree_->groupOfNode.size() &&
          tree_->collapsedAncestor(n) >= 0) {
        tree_->reveal(n);
        changed = true;
      }
    if (changed) {
      pendingSelection_ = nodes;
      relayout();
      return;
    }
  }
  if (building_) {
    pendingSelection_ = nodes;
    return;
  }
  blockSignals(true);
  clearSelection();
  NodeItem* first = nullptr;
  for (NodeId n : nodes)
    if (NodeItem* item = itemForNode(n)) {
      item->setSelected(true);
      if (!first) first = item;
    }
  blockSignals(false);
  emit nodeSelectionChanged();
  if (first) emit focusRequested(first->pos());
}

std::vector<NodeId> GraphScene::selectedNodes() const {
  std::vector<NodeId> out;
  if (!layout_) return out;
  for (QGraphicsItem* item : selectedItems()) {
    if (item->type() != NodeItem::Type) continue;
    const auto& v = static_cast<NodeItem*>(item)->item();
    if (v.kind == layout::ItemKind::Node) out.push_back(v.id);
    if (v.kind == layout::ItemKind::Group) {
      int32_t index = static_cast<NodeItem*>(item)->index();
      for (size_t n = 0; n < layout_->visual.itemOfNode.size(); ++n)
        if (layout_->visual.itemOfNode[n] == index) out.push_back(static_cast<NodeId>(n));
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

void GraphScene::highlightNodes(const std::vector<NodeId>& nodes, const QColor& color) {
  for (auto* item : items_)
    if (item) item->setHighlight(QColor());
  for (NodeId n : nodes)
    if (NodeItem* item = itemForNode(n)) item->setHighlight(color);
}

std::vector<NodeId> GraphScene::search(const QString& text) const {
  std::vector<NodeId> hits;
  if (!graph_ || text.trimmed().isEmpty()) return hits;
  const std::string needle = text.trimmed().toLower().toStdString();
  auto contains = [&](const std::string& hay) {
    if (hay.size() < needle.size()) return false;
    return std::search(hay.begin(), hay.end(), needle.begin(), needle.end(), [](char a, char b) {
             return std::tolower(static_cast<unsigned char>(a)) == b;
           }) != hay.end();
  };
  for (size_t i = 0; i < graph_->nodes.size(); ++i) {
    const Node& node = graph_->nodes[i];
    bool hit = contains(node.name) || contains(node.opType);
    for (ValueId v : node.outputs)
      if (!hit && v != kNoValue) hit = contains(graph_->value(v).name);
    for (ValueId v : node.inputs)
      if (!hit && v != kNoValue && graph_->value(v).producer == kNoNode)
        hit = contains(graph_->value(v).name);
    if (hit) hits.push_back(static_cast<NodeId>(i));
  }
  return hits;
}

void GraphScene::jumpToItem(int32_t visualIndex) {
  NodeItem* item = itemAt(visualIndex);
  if (!item) return;
  clearSelection();
  item->setSelected(true);
  emit focusRequested(item->pos());
}

NodeItem* GraphScene::neighbour(const NodeItem* from, int dx, int dy) const {
  if (!from || !layout_) return nullptr;
  const int32_t index = from->index();
  NodeItem* best = nullptr;
  double bestDistance = 1e300;
  const bool tb = options_.direction == layout::Direction::TopToBottom;
  if (dy !=
      0) {  // along the flow: producers (dy < 0) or consumers (dy > 0) in the layout's direction
    for (const auto& e : layout_->visual.edges) {
      int32_t other = dy < 0 ? (e.to == index ? e.from : -1) : (e.from == index ? e.to : -1);
      NodeItem* item = itemAt(other);
      if (!item) continue;
      double d = QLineF(item->pos(), from->pos()).length();
      if (d < bestDistance) best = item, bestDistance = d;
    }
    return best;
  }
  const auto& rank = layout_->result.rank;
  for (auto* item : items_) {  // across: nearest box of the same rank on that side
    if (!item || item == from ||
        rank[static_cast<size_t>(item->index())] != rank[static_cast<size_t>(index)])
      continue;
    double delta = tb ? item->pos().x() - from->pos().x() : item->pos().y() - from->pos().y();
    if (delta * dx <= 0) continue;
    if (std::abs(delta) < bestDistance) best = item, bestDistance = std::abs(delta);
  }
  return best;
}

}  // namespace mb
