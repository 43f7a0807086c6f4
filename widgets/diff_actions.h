// The diff in the workbench: Tools › Run Per-Layer Diff (F5) runs it in the background (status bar
// progress, Cancel), the result goes into the session, both graphs are coloured by the chosen
// metric (View › Diff Overlay) with a legend in each pane, and Tools › Go to First Divergent Layer
// selects that layer on both sides.
#pragma once

#include <QObject>

#include "diff_overlay.h"

class QAction;
class QActionGroup;

namespace mb {

class DiffLegend;
class DiffRunner;
class MainWindow;

class DiffActions : public QObject {
  Q_OBJECT
 public:
  explicit DiffActions(MainWindow* window);
  static DiffActions* install(MainWindow* window) { return new DiffActions(window); }

  void runDiff();
  // Selects the first layer out of tolerance (source topological order); false when none.
  bool goToFirstDivergent();
  void setMetric(DiffMetric metric);
  DiffMetric metric() const { return metric_; }
  void setOverlayVisible(bool visible);
  DiffRunner* runner() const { return runner_; }
  DiffLegend* legend(bool convertedSide) const { return convertedSide ? convLegend_ : srcLegend_; }

 signals:
  void diffFinished(bool ok, const QString& message);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void applyOverlay();
  void placeLegends();
  MainWindow* window_;
  DiffRunner* runner_;
  DiffLegend* srcLegend_;
  DiffLegend* convLegend_;
  QAction* firstDivergent_;
  QActionGroup* metrics_;
  DiffMetric metric_ = DiffMetric::MaxAbs;
  bool visible_ = true;
  int job_ = 0;
};

}  // namespace mb
