#include "edge_item.h"

#include <QPainter>
#include <QStyleOptionGraphicsItem>
#include <cmath>

namespace mb {

EdgeItem::EdgeItem(const std::vector<layout::Point>& points, QString label)
    : label_(std::move(label)) {
  setZValue(-1);
  if (points.size() < 2) return;
  QPointF first(points[0].x, points[0].y);
  path_.moveTo(first);
  // Rounded corners through the dummy points: midpoints joined by quadratic curves.
  for (size_t k = 1; k + 1 < points.size(); ++k) {
    QPointF p(points[k].x, points[k].y), next(points[k + 1].x, points[k + 1].y);
    path_.quadTo(p, (p + next) / 2);
  }
  QPointF end(points.back().x, points.back().y);
  QPointF before =
      points.size() > 2 ? QPointF(points[points.size() - 2].x, points[points.size() - 2].y) : first;
  path_.lineTo(end);
  QPointF d = end - before;
  double len = std::hypot(d.x(), d.y());
  if (len > 0) d /= len;
  QPointF n(-d.y(), d.x());
  arrow_ << end << end - d * 7 + n * 3.5 << end - d * 7 - n * 3.5;
  labelAt_ = end - d * 14 + QPointF(4, 0);
  bounds_ = path_.boundingRect().united(arrow_.boundingRect()).adjusted(-2, -2, 2, 2);
  if (!label_.isEmpty())
    bounds_ = bounds_.united(QRectF(labelAt_ + QPointF(0, -10), QSizeF(160, 14)));
}

void EdgeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*) {
  const double lod = option->levelOfDetailFromTransform(painter->worldTransform());
  QPen pen(QColor(90, 90, 90), lod < 0.45 ? 0 : 1.1);
  if (lod < 0.45) {  // cosmetic hairline; no antialiasing needed
    painter->setPen(pen);
    painter->drawPath(path_);
    return;
  }
  painter->setRenderHint(QPainter::Antialiasing, true);
  painter->setPen(pen);
  painter->setBrush(Qt::NoBrush);
  painter->drawPath(path_);
  painter->setBrush(QColor(90, 90, 90));
  painter->drawPolygon(arrow_);
  if (showLabels_ && !label_.isEmpty() && lod > 0.7) {
    QFont f = painter->font();
    f.setPointSizeF(7);
    painter->setFont(f);
    painter->setPen(QColor(60, 60, 140));
    painter->drawText(labelAt_, label_);
  }
}

}  // namespace mb
