// Diff plots (QCustomPlot) in a dock: the chosen metric per layer in source topological order (log
// scale, tolerance line, failing layers red) where clicking a point selects that layer in both
// graphs; the element-error histogram of the selected layer (decade bins); and each layer's error
// against its reference magnitude with the tolerance atol + rtol·|ref|. Export as PNG, SVG or PDF.
#pragma once

#include <QWidget>
#include <memory>
#include <vector>

#include "diff_overlay.h"

class QComboBox;
class QCustomPlot;
class QCPGraph;
class QLabel;

namespace mb {

class MainWindow;
class MigrationSession;

class DiffPlotsPanel : public QWidget {
  Q_OBJECT
 public:
  DiffPlotsPanel(MigrationSession* session, QWidget* parent = nullptr);
  // Adds the panel as a dock (View › Panels › Diff Plots) and follows the source graph's selection.
  static DiffPlotsPanel* install(MainWindow* window);

  void setMetric(DiffMetric metric);
  // Shows layer `index` (into DiffReport::layers) as selected: marker, histogram, label.
  void showLayer(int index);
  int selectedLayer() const { return selected_; }
  // Index of the layer drawn at `dataIndex` of `graph` (a plot click), -1 if none.
  int layerAt(const QCPGraph* graph, int dataIndex) const;
  // Writes the three plots: PATH (per layer) and PATH's stem + "_histogram" / "_magnitude" with the
  // same extension (.png, .svg or .pdf). Returns an error message, empty on success.
  QString exportPlots(const QString& path);

  QCustomPlot* layerPlot() const { return layers_; }
  QCustomPlot* histogramPlot() const { return histogram_; }
  QCustomPlot* magnitudePlot() const { return magnitude_; }
  // The graphs of the per-layer plot: passing points, failing points.
  QCPGraph* passGraph() const { return pass_; }
  QCPGraph* failGraph() const { return fail_; }

 private:
  void rebuild();
  void drawHistogram();
  void chooseExport();
  MigrationSession* session_;
  std::shared_ptr<const compare::DiffReport> report_;
  DiffMetric metric_ = DiffMetric::MaxAbs;
  QComboBox* metricBox_;
  QLabel* title_;
  QCustomPlot* layers_;
  QCustomPlot* histogram_;
  QCustomPlot* magnitude_;
  QCPGraph* pass_ = nullptr;
  QCPGraph* fail_ = nullptr;
  QCPGraph* marker_ = nullptr;
  std::vector<int> passLayers_, failLayers_;  // data index → layer index
  int selected_ = -1;
};

}  // namespace mb
