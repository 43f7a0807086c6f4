// A tensor between two boxes: a smooth polyline with an arrow head and, when enabled, the tensor's
// shape next to its head. Thin cosmetic line when zoomed out.
#pragma once

#include <QGraphicsItem>
#include <QPainterPath>

#include "layout/layout_types.h"

namespace mb {

class EdgeItem : public QGraphicsItem {
 public:
  enum { Type = UserType + 2 };
  EdgeItem(const std::vector<layout::Point>& points, QString label);
  int type() const override { return Type; }
  QRectF boundingRect() const override { return bounds_; }
  void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;
  static void setShowLabels(bool show) { showLabels_ = show; }
  static bool showLabels() { return showLabels_; }

 private:
  QPainterPath path_;
  QPolygonF arrow_;
  QRectF bounds_;
  QString label_;
  QPointF labelAt_;
  static inline bool showLabels_ = false;
};

}  // namespace mb
