#include "graph_view.h"

#include <QKeyEvent>
#include <QPainter>
#include <QPixmapCache>
#include <QScrollBar>
#include <QWheelEvent>

#include "graph_scene.h"
#include "node_item.h"

namespace mb {

namespace {
constexpr double kFarZoom = 0.12;  // below: draw the overview image instead of items
}

GraphView::GraphView(GraphScene* scene, QWidget* parent)
    : QGraphicsView(scene, parent), scene_(scene) {
  if (QPixmapCache::cacheLimit() < 65536) QPixmapCache::setCacheLimit(65536);  // KB: item caches
  setDragMode(QGraphicsView::ScrollHandDrag);
  setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
  setViewportUpdateMode(QGraphicsView::MinimalViewportUpdate);
  setOptimizationFlags(QGraphicsView::DontSavePainterState |
                       QGraphicsView::DontAdjustForAntialiasing);
  setCacheMode(QGraphicsView::CacheBackground);
  setRenderHint(QPainter::TextAntialiasing, true);
  setFocusPolicy(Qt::StrongFocus);
  setBackgroundBrush(Qt::white);
  connect(scene_, &GraphScene::layoutReady, this, [this] {
    if (fitPending_) {
      fitPending_ = false;
      // A readable start: fit when the graph is small, else the top of the graph at 80 %.
      QRectF r = scene_->sceneRect();
      double fit = std::min(viewport()->width() / r.width(), viewport()->height() / r.height());
      if (fit > 0.45)
        fitAll();
      else {  // big graph: its top at a readable zoom, centred on the first box (the input)
        setZoom(0.8);
        double x = r.center().x();
        double top = 1e300;
        for (NodeItem* item : scene_->nodeItems())
          if (item && item->pos().y() < top) top = item->pos().y(), x = item->pos().x();
        centerOn(x, r.top() + viewport()->height() / 2 / 0.8);
      }
    }
    updateLevelOfDetail();
    resetCachedContent();
    viewport()->update();
  });
  connect(scene_, &GraphScene::overviewChanged, this, [this] {
    if (scene_->farMode()) resetCachedContent();  // the background is the overview image
    viewport()->update();
  });
  connect(scene_, &GraphScene::focusRequested, this, [this](QPointF p) {
    if (zoom() < 0.5) setZoom(0.9);
    centerOnScene(p);
  });
  connect(scene_, &GraphScene::anchorMoved, this, [this](QPointF before, QPointF after) {
    QPoint screen = mapFromScene(before);
    QPointF shift = mapToScene(screen) - after;
    centerOnScene(mapToScene(viewport()->rect().center()) - shift);
  });
  connect(scene_, &GraphScene::layoutStarted, this, [this] {
    if (!scene_->currentLayout()) fitPending_ = true;
  });
}

double GraphView::zoom() const {
  return transform().m11();
}

void GraphView::setZoom(double scale) {
  scale = std::clamp(scale, 0.002, 4.0);
  setTransform(QTransform::fromScale(scale, scale));
  updateLevelOfDetail();
  emit viewChanged();
}

void GraphView::zoomBy(double factor) {
  setZoom(zoom() * factor);
}

void GraphView::fitAll() {
  if (scene_->sceneRect().isEmpty()) return;
  fitInView(scene_->sceneRect(), Qt::KeepAspectRatio);
  if (zoom() > 1.5) setZoom(1.5);
  updateLevelOfDetail();
  emit viewChanged();
}

void GraphView::centerOnScene(QPointF pos) {
  centerOn(pos);
  emit viewChanged();
}

QPointF GraphView::relativeCenter() const {
  QRectF r = scene_->sceneRect();
  QPointF c = mapToScene(viewport()->rect().center());
  if (r.width() <= 0 || r.height() <= 0) return {0.5, 0.5};
  return {(c.x() - r.left()) / r.width(), (c.y() - r.top()) / r.height()};
}

void GraphView::setRelativeCenter(QPointF f) {
  QRectF r = scene_->sceneRect();
  centerOn(r.left() + f.x() * r.width(), r.top() + f.y() * r.height());
}

void GraphView::updateLevelOfDetail() {
  bool far =
      zoom() < std::min(kFarZoom, scene_->overviewScale() * 1.5) && !scene_->overview().isNull();
  if (far != scene_->farMode()) {
    scene_->setFarMode(far);
    resetCachedContent();
  }
}

void GraphView::drawBackground(QPainter* painter, const QRectF& rect) {
  painter->fillRect(rect, Qt::white);
  if (!scene_->farMode() || scene_->overview().isNull()) return;
  const QImage& image = scene_->overview();
  double s = scene_->overviewScale();
  // The overview was rendered from scene origin (layout coordinates start at 0,0).
  painter->setRenderHint(QPainter::SmoothPixmapTransform, true);
  painter->drawImage(QRectF(0, 0, image.width() / s, image.height() / s), image);
}

void GraphView::wheelEvent(QWheelEvent* event) {
  if (event->modifiers() & Qt::ShiftModifier) {
    QGraphicsView::wheelEvent(event);  // scroll
    return;
  }
  double steps = event->angleDelta().y() / 120.0;
  zoomBy(std::pow(1.2, steps));
  event->accept();
}

void GraphView::keyPressEvent(QKeyEvent* event) {
  auto selected = scene_->selectedItems();
  NodeItem* current = nullptr;
  for (auto* item : selected)
    if (item->type() == NodeItem::Type) current = static_cast<NodeItem*>(item);
  auto go = [&](int dx, int dy) {
    NodeItem* next = current ? scene_->neighbour(current, dx, dy) : nullptr;
    if (!current && !scene_->nodeItems().empty()) next = scene_->nodeItems().front();
    if (next) scene_->jumpToItem(next->index());
  };
  const bool tb = scene_->direction() == layout::Direction::TopToBottom;
  switch (event->key()) {
    case Qt::Key_Up:
      tb ? go(0, -1) : go(-1, 0);
      break;
    case Qt::Key_Down:
      tb ? go(0, 1) : go(1, 0);
      break;
    case Qt::Key_Left:
      tb ? go(-1, 0) : go(0, -1);
      break;
    case Qt::Key_Right:
      tb ? go(1, 0) : go(0, 1);
      break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Space:
      if (current && current->isGroup()) scene_->toggleGroup(current->item().id);
      break;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
      zoomBy(1.25);
      break;
    case Qt::Key_Minus:
      zoomBy(0.8);
      break;
    case Qt::Key_0:
      setZoom(1.0);
      break;
    case Qt::Key_Home:
      fitAll();
      break;
    default:
      QGraphicsView::keyPressEvent(event);
      return;
  }
  event->accept();
}

void GraphView::mousePressEvent(QMouseEvent* event) {
  emit activated();
  QGraphicsView::mousePressEvent(event);
}

void GraphView::focusInEvent(QFocusEvent* event) {
  emit activated();
  QGraphicsView::focusInEvent(event);
}

void GraphView::scrollContentsBy(int dx, int dy) {
  QGraphicsView::scrollContentsBy(dx, dy);
  emit viewChanged();
}

}  // namespace mb
