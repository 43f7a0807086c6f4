#include "overview_map.h"

#include <QMouseEvent>
#include <QPainter>

#include "graph_scene.h"
#include "graph_view.h"

namespace mb {

OverviewMap::OverviewMap(GraphView* view, QWidget* parent) : QWidget(parent), view_(view) {
  setMinimumSize(80, 80);
  setCursor(Qt::PointingHandCursor);
  setToolTip(tr("Overview: click or drag to move the view"));
  connect(view_, &GraphView::viewChanged, this, qOverload<>(&QWidget::update));
  connect(view_->graphScene(), &GraphScene::layoutReady, this, qOverload<>(&QWidget::update));
  connect(view_->graphScene(), &GraphScene::overviewChanged, this, qOverload<>(&QWidget::update));
}

QRectF OverviewMap::imageRect() const {
  const QImage& image = view_->graphScene()->overview();
  if (image.isNull()) return {};
  QSizeF fitted =
      QSizeF(image.size()).scaled(QSizeF(width() - 8, height() - 8), Qt::KeepAspectRatio);
  return QRectF(QPointF((width() - fitted.width()) / 2, (height() - fitted.height()) / 2), fitted);
}

void OverviewMap::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), QColor(246, 246, 246));
  const QImage& image = view_->graphScene()->overview();
  if (image.isNull()) return;
  QRectF target = imageRect();
  if (scaledKey_ != image.cacheKey() ||
      scaledFor_ != size()) {  // scaling a tall image is slow: once
    scaled_ = QPixmap::fromImage(
        image.scaled(target.size().toSize(), Qt::IgnoreAspectRatio, Qt::SmoothTransformation));
    scaledKey_ = image.cacheKey();
    scaledFor_ = size();
  }
  p.drawPixmap(target.topLeft(), scaled_);
  // Scene → widget: scene × overviewScale = image pixels; image → target by this factor.
  double s = view_->graphScene()->overviewScale() * target.width() / image.width();
  QRectF visible = view_->mapToScene(view_->viewport()->rect()).boundingRect();
  QRectF frame(target.left() + visible.left() * s, target.top() + visible.top() * s,
               visible.width() * s, visible.height() * s);
  frame = frame.intersected(target.adjusted(-1, -1, 1, 1));
  p.setPen(QPen(QColor(0, 120, 215), 1.5));
  p.setBrush(QColor(0, 120, 215, 40));
  p.drawRect(frame.isEmpty() ? QRectF(frame.topLeft(), QSizeF(3, 3)) : frame);
}

void OverviewMap::moveTo(QPointF pos) {
  const QImage& image = view_->graphScene()->overview();
  if (image.isNull()) return;
  QRectF target = imageRect();
  double s = view_->graphScene()->overviewScale() * target.width() / image.width();
  view_->centerOnScene(QPointF((pos.x() - target.left()) / s, (pos.y() - target.top()) / s));
}

void OverviewMap::mousePressEvent(QMouseEvent* event) {
  moveTo(event->position());
}

void OverviewMap::mouseMoveEvent(QMouseEvent* event) {
  if (event->buttons() & Qt::LeftButton) moveTo(event->position());
}

}  // namespace mb
