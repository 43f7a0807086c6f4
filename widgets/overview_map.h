// The minimap: the whole graph in miniature with the visible area framed; click or drag to move.
#pragma once

#include <QPixmap>
#include <QWidget>

namespace mb {

class GraphView;

class OverviewMap : public QWidget {
  Q_OBJECT
 public:
  explicit OverviewMap(GraphView* view, QWidget* parent = nullptr);
  QSize sizeHint() const override { return {160, 220}; }

 protected:
  void paintEvent(QPaintEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;

 private:
  QRectF imageRect() const;  // where the overview sits in the widget
  void moveTo(QPointF widgetPos);
  GraphView* view_;
  QPixmap scaled_;  // the overview scaled to this widget (re-made when either changes)
  qint64 scaledKey_ = 0;
  QSize scaledFor_;
};

}  // namespace mb
