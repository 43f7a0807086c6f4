#include "group_frame_item.h"

#include <QGraphicsSceneMouseEvent>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include "graph_scene.h"

namespace mb {

GroupFrameItem::GroupFrameItem(int32_t group, const QRectF& rect, QString title, int depth)
    : group_(group), rect_(rect), title_(std::move(title)), depth_(depth) {
  setZValue(-10 + depth);
  setToolTip(QObject::tr("%1 — click the title to collapse").arg(title_));
}

QRectF GroupFrameItem::titleRect() const {
  return QRectF(rect_.left(), rect_.top(), std::min(rect_.width(), 16.0 + 6.5 * title_.size()), 15);
}

QRectF GroupFrameItem::boundingRect() const {
  return rect_.united(titleRect()).adjusted(-1, -1, 1, 1);
}

void GroupFrameItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*) {
  const double lod = option->levelOfDetailFromTransform(painter->worldTransform());
  static const QColor fills[] = {QColor(235, 241, 252), QColor(244, 236, 250),
                                 QColor(236, 248, 240), QColor(252, 246, 232)};
  QColor fill = fills[depth_ % 4];
  fill.setAlpha(150);  // sibling frames may overlap in a flat layout: keep both visible
  painter->setPen(QPen(fill.darker(130), 0));
  painter->setBrush(fill);
  painter->drawRect(rect_);
  if (lod < 0.3) return;
  painter->fillRect(titleRect(), fill.darker(118));
  QFont f = painter->font();
  f.setPointSizeF(7.5);
  painter->setFont(f);
  painter->setPen(QColor(50, 50, 80));
  painter->drawText(titleRect().adjusted(5, 0, -3, 0), Qt::AlignVCenter | Qt::AlignLeft,
                    QStringLiteral("▾ ") + title_);
}

void GroupFrameItem::mousePressEvent(QGraphicsSceneMouseEvent* event) {
  auto* s = qobject_cast<GraphScene*>(scene());
  if (s && titleRect().contains(event->pos())) {
    s->toggleGroup(group_);
    event->accept();
    return;
  }
  event->ignore();
}

}  // namespace mb
