// Colouring the graphs by a per-layer diff: each node gets a level on a log colour scale of the
// chosen metric (green well within tolerance, yellow at the tolerance, red far beyond), failing
// layers are flagged, and values the converted run could not compute are told apart. The scale is
// piecewise logarithmic with the tolerance in the middle, so "just over" and "way over" differ at a
// glance whatever the model's magnitudes.
#pragma once

#include <QColor>
#include <QString>
#include <QWidget>
#include <vector>

#include "compare/diff_report.h"
#include "ir/graph.h"

namespace mb {

enum class DiffMetric { MaxAbs, MaxRel, CosineDistance };
QString diffMetricName(DiffMetric metric);

// One node's mark; level < 0 means the node has no compared value.
struct DiffMark {
  float level = -1;          // position on the colour scale, 0..1 (0.5 = the tolerance)
  bool failed = false;       // a value of the node is out of tolerance
  bool notComputed = false;  // downstream of an unconverted node, missing or shape mismatch
  bool marked() const { return level >= 0 || notComputed; }
  // The worse of two marks (groups show their worst member).
  static DiffMark worse(const DiffMark& a, const DiffMark& b);
};

struct DiffScale {
  DiffMetric metric = DiffMetric::MaxAbs;
  double low = 1e-9, threshold = 1e-5, high = 1;  // decades bounding the data, tolerance
  // 0..1 on the piecewise log scale (threshold at 0.5); values ≤ 0 map to 0.
  double level(double value) const;
  static DiffScale forReport(const compare::DiffReport& report, DiffMetric metric);
};

double diffMetricValue(const compare::LayerDiff& layer, DiffMetric metric);
QColor diffColour(double level);

// Marks indexed by NodeId of the source graph (matched by node name) or of the converted graph.
std::vector<DiffMark> diffMarks(const Graph& graph, const compare::DiffReport& report,
                                const DiffScale& scale, bool convertedSide);

// The legend drawn in a graph pane's corner: the colour bar with decade ticks, the tolerance line
// and the counts of failing / not computed layers.
class DiffLegend : public QWidget {
  Q_OBJECT
 public:
  explicit DiffLegend(QWidget* parent = nullptr);
  void setScale(const DiffScale& scale, int failed, int notComputed, int compared);
  QSize sizeHint() const override;

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  QString countsText() const;
  DiffScale scale_;
  int failed_ = 0, notComputed_ = 0, compared_ = 0;
};

}  // namespace mb
