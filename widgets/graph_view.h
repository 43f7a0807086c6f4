// A zoomable, pannable view of a GraphScene: wheel zoom at the cursor, drag to pan, fit, keyboard
// navigation (arrows follow edges / ranks, Enter toggles a group, +/-/0 zoom), and level of detail:
// below a zoom threshold the scene's items are hidden and a pre-rendered overview is drawn.
#pragma once

#include <QGraphicsView>

namespace mb {

class GraphScene;

class GraphView : public QGraphicsView {
  Q_OBJECT
 public:
  explicit GraphView(GraphScene* scene, QWidget* parent = nullptr);
  GraphScene* graphScene() const { return scene_; }

  double zoom() const;
  void setZoom(double scale);
  void zoomBy(double factor);
  void fitAll();
  void centerOnScene(QPointF pos);
  // Pan/zoom as fractions of the scene (for lock-step between two panes).
  QPointF relativeCenter() const;
  void setRelativeCenter(QPointF fraction);

 signals:
  void viewChanged();  // after any pan or zoom
  void activated();    // got focus or a click (the main window's "current pane")

 protected:
  void wheelEvent(QWheelEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void drawBackground(QPainter* painter, const QRectF& rect) override;
  void scrollContentsBy(int dx, int dy) override;
  void focusInEvent(QFocusEvent* event) override;

 private:
  void updateLevelOfDetail();
  GraphScene* scene_;
  bool fitPending_ = true;
};

}  // namespace mb
