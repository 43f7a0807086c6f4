// A fan-out tensor's stub: a small chip above a consumer naming the far-away producer. Clicking it
// jumps to the producer (the long edge it replaces would cross the whole graph).
#pragma once

#include <QGraphicsItem>

namespace mb {

class StubItem : public QGraphicsItem {
 public:
  enum { Type = UserType + 4 };
  StubItem(int32_t producerItem, QString label, QString tooltip);
  int type() const override { return Type; }
  QRectF boundingRect() const override;
  void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;
  int32_t producerItem() const { return producer_; }

 protected:
  void mousePressEvent(QGraphicsSceneMouseEvent* event) override;

 private:
  int32_t producer_;
  QString label_;
  double width_;
};

}  // namespace mb
