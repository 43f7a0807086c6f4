// One side of the workbench: a title line (what graph, how big, layout time), the graph view and
// its minimap in the corner.
#pragma once

#include <QWidget>

class QLabel;

namespace mb {

class GraphScene;
class GraphView;
class OverviewMap;

class GraphPane : public QWidget {
  Q_OBJECT
 public:
  GraphPane(const QString& role, QWidget* parent = nullptr);
  GraphScene* scene() const { return scene_; }
  GraphView* view() const { return view_; }
  OverviewMap* overview() const { return overview_; }
  void setSubtitle(const QString& text);
  void setActive(bool active);
  QString role() const { return role_; }

 protected:
  void resizeEvent(QResizeEvent* event) override;

 private:
  void placeOverview();
  QString role_;
  QLabel* title_;
  GraphScene* scene_;
  GraphView* view_;
  OverviewMap* overview_;
};

}  // namespace mb
