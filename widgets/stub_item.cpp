#include "stub_item.h"

#include <QGraphicsSceneMouseEvent>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include "graph_scene.h"

namespace mb {

StubItem::StubItem(int32_t producerItem, QString label, QString tooltip)
    : producer_(producerItem), label_(std::move(label)) {
  if (label_.size() > 18) label_ = QStringLiteral("…") + label_.right(17);
  width_ = 22 + 6.4 * label_.size();
  setToolTip(tooltip);
  setCursor(Qt::PointingHandCursor);
  setZValue(1);
}

QRectF StubItem::boundingRect() const {
  return QRectF(0, -8, width_, 16);
}

void StubItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*) {
  const double lod = option->levelOfDetailFromTransform(painter->worldTransform());
  QRectF r(0, -7, width_, 14);
  if (lod < 0.45) {
    painter->fillRect(r, QColor(230, 150, 40));
    return;
  }
  painter->setRenderHint(QPainter::Antialiasing, true);
  painter->setPen(QPen(QColor(200, 120, 20), 1));
  painter->setBrush(QColor(255, 240, 215));
  painter->drawRoundedRect(r, 7, 7);
  QFont f = painter->font();
  f.setPointSizeF(7.5);
  painter->setFont(f);
  painter->setPen(QColor(120, 70, 0));
  painter->drawText(r.adjusted(5, 0, -3, 0), Qt::AlignVCenter | Qt::AlignLeft,
                    QStringLiteral("↧ ") + label_);
}

void StubItem::mousePressEvent(QGraphicsSceneMouseEvent* event) {
  if (auto* s = qobject_cast<GraphScene*>(scene())) s->jumpToItem(producer_);
  event->accept();
}

}  // namespace mb
