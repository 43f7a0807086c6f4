// The frame around an expanded module group, drawn behind its members, with a title tab that
// collapses the group when clicked.
#pragma once

#include <QGraphicsItem>

namespace mb {

class GroupFrameItem : public QGraphicsItem {
 public:
  enum { Type = UserType + 3 };
  GroupFrameItem(int32_t group, const QRectF& rect, QString title, int depth);
  int type() const override { return Type; }
  QRectF boundingRect() const override;
  void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;
  int32_t group() const { return group_; }
  QRectF titleRect() const;

 protected:
  void mousePressEvent(QGraphicsSceneMouseEvent* event) override;

 private:
  int32_t group_;
  QRectF rect_;
  QString title_;
  int depth_;
};

}  // namespace mb
