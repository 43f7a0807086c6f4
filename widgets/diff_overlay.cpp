#include "diff_overlay.h"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace mb {

namespace {
// Under this the cosine distance is float rounding: cos ≥ 0.999999 is the acceptance criterion
// the fixture tests use for restored BatchNorms.
constexpr double kCosineThreshold = 1e-6;
constexpr double kSmallest = 1e-12;
}  // namespace

QString diffMetricName(DiffMetric metric) {
  switch (metric) {
    case DiffMetric::MaxAbs:
      return DiffLegend::tr("max |error|");
    case DiffMetric::MaxRel:
      return DiffLegend::tr("max relative error");
    case DiffMetric::CosineDistance:
      return DiffLegend::tr("1 − cosine");
  }
  return {};
}

DiffMark DiffMark::worse(const DiffMark& a, const DiffMark& b) {
  DiffMark m;
  m.level = std::max(a.level, b.level);
  m.failed = a.failed || b.failed;
  m.notComputed = a.notComputed || b.notComputed;
  return m;
}

double diffMetricValue(const compare::LayerDiff& layer, DiffMetric metric) {
  switch (metric) {
    case DiffMetric::MaxAbs:
      return layer.stats.maxAbs;
    case DiffMetric::MaxRel:
      return layer.stats.maxRel;
    case DiffMetric::CosineDistance:
      return std::max(0.0, 1.0 - layer.stats.cosine);
  }
  return 0;
}

double DiffScale::level(double value) const {
  if (!(value > 0)) return 0;
  if (!std::isfinite(value)) return 1;
  const double v = std::log10(std::max(value, kSmallest));
  const double lo = std::log10(low), th = std::log10(threshold), hi = std::log10(high);
  if (v <= th) return th > lo ? 0.5 * std::clamp((v - lo) / (th - lo), 0.0, 1.0) : 0.5;
  return hi > th ? 0.5 + 0.5 * std::clamp((v - th) / (hi - th), 0.0, 1.0) : 1.0;
}

DiffScale DiffScale::forReport(const compare::DiffReport& report, DiffMetric metric) {
  DiffScale s;
  s.metric = metric;
  s.threshold = metric == DiffMetric::MaxAbs   ? report.defaults.atol
                : metric == DiffMetric::MaxRel ? report.defaults.rtol
                                               : kCosineThreshold;
  s.threshold = std::max(s.threshold, kSmallest);
  double smallest = s.threshold, largest = s.threshold;
  for (const auto& layer : report.layers) {
    if (layer.status != compare::LayerStatus::Compared) continue;
    const double v = diffMetricValue(layer, metric);
    if (v > 0 && std::isfinite(v)) {
      smallest = std::min(smallest, v);
      largest = std::max(largest, v);
    }
  }
  // Whole decades, at least two on each side of the tolerance so the bar is never degenerate.
  s.low = std::pow(10.0, std::min(std::floor(std::log10(smallest)), std::log10(s.threshold) - 2));
  s.high = std::pow(10.0, std::max(std::ceil(std::log10(largest)), std::log10(s.threshold) + 2));
  return s;
}

QColor diffColour(double level) {
  // Green (hue 120) through yellow (60, the tolerance) to red (0).
  const double hue = 120.0 * (1.0 - std::clamp(level, 0.0, 1.0));
  return QColor::fromHsvF(static_cast<float>(hue / 360.0), 0.78f, 0.92f);
}

std::vector<DiffMark> diffMarks(const Graph& graph, const compare::DiffReport& report,
                                const DiffScale& scale, bool convertedSide) {
  std::vector<DiffMark> marks(graph.nodes.size());
  // By the value each layer compares: value names are unique, node names need not be (a
  // converted graph may call every block's activation "relu").
  std::unordered_map<std::string, NodeId> producerOf;
  for (const Value& v : graph.values)
    if (v.producer != kNoNode) producerOf.emplace(v.name, v.producer);
  for (const auto& layer : report.layers) {
    const std::string& value = convertedSide ? layer.align.convertedValue : layer.align.sourceValue;
    auto it = producerOf.find(value);
    if (it == producerOf.end()) continue;
    DiffMark m;
    if (layer.status == compare::LayerStatus::Compared) {
      m.level = static_cast<float>(scale.level(diffMetricValue(layer, scale.metric)));
      m.failed = !layer.passed;
    } else {
      m.notComputed = true;
    }
    DiffMark& slot = marks[static_cast<size_t>(it->second)];
    slot = slot.marked() ? DiffMark::worse(slot, m) : m;
  }
  return marks;
}

DiffLegend::DiffLegend(QWidget* parent) : QWidget(parent) {
  setAttribute(Qt::WA_TransparentForMouseEvents);
}

void DiffLegend::setScale(const DiffScale& scale, int failed, int notComputed, int compared) {
  scale_ = scale;
  failed_ = failed;
  notComputed_ = notComputed;
  compared_ = compared;
  resize(sizeHint());
  update();
}

QSize DiffLegend::sizeHint() const {
  const int text = fontMetrics().horizontalAdvance(countsText());
  return {std::max(300, text + 24), 20 + 4 * fontMetrics().height()};
}

QString DiffLegend::countsText() const {
  return tr("%1 of %2 layers out of tolerance · %3 not computed")
      .arg(failed_)
      .arg(compared_)
      .arg(notComputed_);
}

void DiffLegend::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  const QRectF frame = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
  p.setPen(QColor(0, 0, 0, 60));
  p.setBrush(palette().color(QPalette::Window));
  p.drawRoundedRect(frame, 6, 6);
  const int lh = fontMetrics().height();
  p.setPen(palette().color(QPalette::WindowText));
  p.drawText(QRectF(10, 4, width() - 20, lh), Qt::AlignLeft | Qt::AlignVCenter,
             tr("Diff: %1 (log scale)").arg(diffMetricName(scale_.metric)));
  const QRectF bar(10, 6 + lh, width() - 20, 12);
  QLinearGradient gradient(bar.topLeft(), bar.topRight());
  for (int i = 0; i <= 10; ++i) gradient.setColorAt(i / 10.0, diffColour(i / 10.0));
  p.fillRect(bar, gradient);
  // Decade ticks at their piecewise positions; label the ends and the tolerance.
  QFont small = font();
  small.setPointSizeF(small.pointSizeF() * 0.85);
  p.setFont(small);
  const double lo = std::log10(scale_.low), hi = std::log10(scale_.high);
  for (double d = std::ceil(lo); d <= hi + 1e-9; d += 1) {
    const double x = bar.left() + bar.width() * scale_.level(std::pow(10.0, d));
    p.setPen(QColor(0, 0, 0, 90));
    p.drawLine(QPointF(x, bar.bottom()), QPointF(x, bar.bottom() + 3));
  }
  p.setPen(palette().color(QPalette::WindowText));
  const double ty = bar.bottom() + 2;
  p.drawText(QRectF(bar.left(), ty, 80, lh), Qt::AlignLeft | Qt::AlignTop,
             QStringLiteral("1e%1").arg(static_cast<int>(lo)));
  p.drawText(QRectF(bar.right() - 80, ty, 80, lh), Qt::AlignRight | Qt::AlignTop,
             QStringLiteral("1e%1").arg(static_cast<int>(hi)));
  const double mid = bar.left() + bar.width() * 0.5;
  p.setPen(QPen(palette().color(QPalette::WindowText), 2));
  p.drawLine(QPointF(mid, bar.top() - 3), QPointF(mid, bar.bottom() + 3));
  p.drawText(QRectF(mid - 70, ty, 140, lh), Qt::AlignHCenter | Qt::AlignTop,
             tr("tolerance %1").arg(scale_.threshold, 0, 'g', 2));
  p.setFont(font());
  p.drawText(QRectF(10, ty + lh, width() - 20, lh), Qt::AlignLeft | Qt::AlignVCenter, countsText());
}

}  // namespace mb
