#include "node_item.h"

#include <QGraphicsScene>
#include <QGraphicsSceneMouseEvent>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include "graph_scene.h"

namespace mb {

namespace {
constexpr double kHeader = 22;
constexpr double kLine = 15;
constexpr double kFullDetail = 0.45;  // below this zoom text is unreadable: plain rectangles
}  // namespace

NodeItem::NodeItem(int32_t index, layout::VisualItem item, const QSizeF& size, BoxText text,
                   QColor header, QColor headerText, bool unconverted)
    : index_(index),
      item_(item),
      size_(size),
      text_(std::move(text)),
      header_(header),
      headerText_(headerText),
      unconverted_(unconverted) {
  setFlag(ItemIsSelectable);
  setAcceptHoverEvents(true);
  // Text and antialiased outlines are the expensive part; while panning, blit the cached box.
  setCacheMode(DeviceCoordinateCache);
  setToolTip(text_.header +
             (text_.lines.isEmpty() ? QString() : QStringLiteral("\n") + text_.lines.join('\n')));
}

QRectF NodeItem::boundingRect() const {
  return QRectF(-size_.width() / 2 - 4, -size_.height() / 2 - 4, size_.width() + 8,
                size_.height() + 8);
}

void NodeItem::setHighlight(const QColor& color) {
  if (highlight_ == color) return;
  highlight_ = color;
  update();
}

void NodeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*) {
  const QRectF box(-size_.width() / 2, -size_.height() / 2, size_.width(), size_.height());
  const double lod = option->levelOfDetailFromTransform(painter->worldTransform());
  const bool selected = isSelected();
  QColor outline = selected               ? QColor(0, 120, 215)
                   : highlight_.isValid() ? highlight_
                                          : QColor(0, 0, 0, 0);
  const QColor diffFill = diff_.level >= 0    ? diffColour(diff_.level)
                          : diff_.notComputed ? QColor(150, 150, 150)
                                              : QColor();
  if (lod < kFullDetail) {
    painter->fillRect(box, diffFill.isValid()          ? diffFill
                           : header_.lightness() > 200 ? QColor(170, 170, 170)
                                                       : header_);
    if (unconverted_)
      painter->fillRect(box.adjusted(0, 0, 0, -box.height() / 2), QColor(220, 40, 40));
    if (outline.alpha()) {
      QPen pen(outline, 3);
      pen.setCosmetic(true);
      painter->setPen(pen);
      painter->setBrush(Qt::NoBrush);
      painter->drawRect(box);
    }
    return;
  }
  painter->setRenderHint(QPainter::Antialiasing, true);
  const bool group = item_.kind == layout::ItemKind::Group;
  const bool io = item_.kind == layout::ItemKind::Input || item_.kind == layout::ItemKind::Output;
  QPainterPath shape;
  shape.addRoundedRect(box, 5, 5);
  painter->fillPath(shape, group ? QColor(240, 243, 250)
                           : io  ? QColor(238, 238, 238)
                                 : QColor(252, 252, 252));
  QRectF head(box.left(), box.top(), box.width(),
              text_.lines.isEmpty() && !io ? box.height() : kHeader);
  QPainterPath headPath;
  headPath.setFillRule(Qt::WindingFill);  // the union of the rounded top and the square bottom
  headPath.addRoundedRect(head, 5, 5);
  if (!text_.lines.isEmpty() || io) headPath.addRect(head.adjusted(0, head.height() / 2, 0, 0));
  painter->fillPath(headPath.simplified(), group ? QColor(90, 100, 130)
                                           : io  ? QColor(70, 70, 70)
                                                 : header_);
  if (diffFill.isValid()) {
    // A light tint of the whole body and a solid band along the bottom edge (drawn over the
    // header too, so header-only boxes such as Relu show it).
    QColor tint = diffFill;
    tint.setAlpha(70);
    painter->fillPath(shape.subtracted(headPath), tint);
    QPainterPath band;
    band.addRect(box.adjusted(0, box.height() - 6, 0, 0));
    painter->fillPath(band.intersected(shape), diff_.notComputed && diff_.level < 0
                                                   ? QBrush(diffFill, Qt::BDiagPattern)
                                                   : QBrush(diffFill));
  }
  QFont font = painter->font();
  QFont bold = font;
  bold.setBold(true);
  painter->setFont(bold);
  painter->setPen(group || io ? Qt::white : headerText_);
  painter->drawText(head.adjusted(6, 0, -6, 0), Qt::AlignCenter, text_.header);
  painter->setFont(font);
  painter->setPen(QColor(40, 40, 40));
  double y = head.bottom() + 3;
  for (const auto& line : text_.lines) {
    painter->drawText(QRectF(box.left() + 7, y, box.width() - 12, kLine),
                      Qt::AlignLeft | Qt::AlignVCenter, line);
    y += kLine;
  }
  QPen border(unconverted_   ? QColor(220, 40, 40)
              : diff_.failed ? QColor(200, 0, 60)
                             : QColor(120, 120, 120),
              unconverted_ || diff_.failed ? 2.5 : 0.8);
  if (group) border.setStyle(Qt::DashLine);
  painter->setPen(border);
  painter->setBrush(Qt::NoBrush);
  painter->drawPath(shape);
  if (outline.alpha() || hovered_) {
    painter->setPen(QPen(outline.alpha() ? outline : QColor(0, 120, 215, 120), 3));
    painter->drawRoundedRect(box.adjusted(-2, -2, 2, 2), 6, 6);
  }
}

void NodeItem::setDiffMark(const DiffMark& mark) {
  diff_ = mark;
  update();
}

void NodeItem::mouseDoubleClickEvent(QGraphicsSceneMouseEvent* event) {
  if (auto* s = qobject_cast<GraphScene*>(scene()); s && isGroup()) {
    s->toggleGroup(item_.id);
    event->accept();
    return;
  }
  QGraphicsItem::mouseDoubleClickEvent(event);
}

void NodeItem::hoverEnterEvent(QGraphicsSceneHoverEvent*) {
  hovered_ = true;
  update();
}

void NodeItem::hoverLeaveEvent(QGraphicsSceneHoverEvent*) {
  hovered_ = false;
  update();
}

}  // namespace mb
