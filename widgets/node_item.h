// One box of the graph: an operator (Netron look: coloured op-type header, weights and key
// attributes inside), a collapsed module group, or a graph input/output. Paints with level of
// detail: full text when readable, a plain coloured rectangle when zoomed out.
#pragma once

#include <QGraphicsItem>

#include "diff_overlay.h"
#include "layout/visual_graph.h"
#include "scene_layout.h"

namespace mb {

class NodeItem : public QGraphicsItem {
 public:
  enum { Type = UserType + 1 };
  NodeItem(int32_t index, layout::VisualItem item, const QSizeF& size, BoxText text, QColor header,
           QColor headerText, bool unconverted);

  int type() const override { return Type; }
  QRectF boundingRect() const override;
  void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

  int32_t index() const { return index_; }  // into SceneLayout::visual.items
  const layout::VisualItem& item() const { return item_; }
  bool isGroup() const { return item_.kind == layout::ItemKind::Group; }
  // Counterpart or search highlight (drawn as a thick coloured outline).
  void setHighlight(const QColor& color);
  QColor highlight() const { return highlight_; }
  // The diff overlay's mark (body tinted by the metric level, failing layers outlined).
  void setDiffMark(const DiffMark& mark);
  const DiffMark& diffMark() const { return diff_; }

 protected:
  void mouseDoubleClickEvent(QGraphicsSceneMouseEvent* event) override;
  void hoverEnterEvent(QGraphicsSceneHoverEvent* event) override;
  void hoverLeaveEvent(QGraphicsSceneHoverEvent* event) override;

 private:
  int32_t index_;
  layout::VisualItem item_;
  QSizeF size_;
  BoxText text_;
  QColor header_, headerText_, highlight_;
  bool unconverted_ = false;
  bool hovered_ = false;
  DiffMark diff_;
};

}  // namespace mb
