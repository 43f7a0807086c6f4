#include "diff_plots_panel.h"

#include <qcustomplot.h>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QSvgGenerator>
#include <cmath>
#include <unordered_map>

#include "graph_pane.h"
#include "graph_scene.h"
#include "main_window.h"
#include "migration_session.h"

namespace mb {

namespace {
constexpr int kExportWidth = 1100, kExportHeight = 520;
const QColor kPass(40, 160, 70), kFail(215, 40, 50), kMarker(0, 110, 220);

bool dialogsAllowed() {
  return !qEnvironmentVariableIsSet("MB_NO_DIALOGS");
}

QCustomPlot* makePlot(QWidget* parent, const QString& x, const QString& y) {
  auto* plot = new QCustomPlot(parent);
  plot->setBackground(parent->palette().base());
  plot->xAxis->setLabel(x);
  plot->yAxis->setLabel(y);
  plot->setMinimumSize(220, 160);
  return plot;
}

void setLogAxis(QCPAxis* axis) {
  axis->setScaleType(QCPAxis::stLogarithmic);
  QSharedPointer<QCPAxisTickerLog> ticker(new QCPAxisTickerLog);
  axis->setTicker(ticker);
  axis->setNumberFormat(QStringLiteral("eb"));  // 1e-5 as "10^-5" in beautified form
  axis->setNumberPrecision(0);
}

QCPGraph* pointGraph(QCustomPlot* plot, const QColor& colour, double size) {
  QCPGraph* g = plot->addGraph();
  g->setLineStyle(QCPGraph::lsNone);
  g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, colour, colour, size));
  return g;
}

// The same picture at a fixed size in any of the three formats, written atomically.
bool savePlot(QCustomPlot* plot, const QString& path) {
  const QString suffix = QFileInfo(path).suffix().toLower();
  if (suffix == QLatin1String("svg")) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) return false;
    QSvgGenerator svg;
    svg.setOutputDevice(&file);
    svg.setSize(QSize(kExportWidth, kExportHeight));
    svg.setViewBox(QRect(0, 0, kExportWidth, kExportHeight));
    QCPPainter painter(&svg);
    plot->toPainter(&painter, kExportWidth, kExportHeight);
    painter.end();
    return file.commit();
  }
  // savePng / savePdf write the file themselves: into a temporary name first, then renamed.
  const QString part = path + QStringLiteral(".part");
  const bool ok = suffix == QLatin1String("pdf") ? plot->savePdf(part, kExportWidth, kExportHeight)
                                                 : plot->savePng(part, kExportWidth, kExportHeight);
  if (!ok) {
    QFile::remove(part);
    return false;
  }
  QFile::remove(path);
  return QFile::rename(part, path);
}
}  // namespace

DiffPlotsPanel::DiffPlotsPanel(MigrationSession* session, QWidget* parent)
    : QWidget(parent), session_(session) {
  auto* column = new QVBoxLayout(this);
  column->setContentsMargins(4, 4, 4, 4);
  auto* row = new QHBoxLayout;
  title_ = new QLabel(this);
  title_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  row->addWidget(title_, 1);
  metricBox_ = new QComboBox(this);
  metricBox_->addItem(diffMetricName(DiffMetric::MaxAbs));
  metricBox_->addItem(diffMetricName(DiffMetric::MaxRel));
  metricBox_->addItem(diffMetricName(DiffMetric::CosineDistance));
  metricBox_->setToolTip(tr("The metric plotted per layer"));
  row->addWidget(metricBox_);
  auto* exportButton = new QPushButton(tr("Export Plots…"), this);
  exportButton->setToolTip(tr("Save the three plots as PNG, SVG or PDF"));
  row->addWidget(exportButton);
  column->addLayout(row);

  auto* split = new QSplitter(Qt::Horizontal, this);
  layers_ = makePlot(split, tr("layer (source topological order)"), tr("error"));
  auto* right = new QSplitter(Qt::Vertical, split);
  histogram_ = makePlot(right, tr("|error| of the selected layer's elements"), tr("elements"));
  magnitude_ = makePlot(right, tr("max |reference|"), tr("max |error|"));
  split->addWidget(layers_);
  split->addWidget(right);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 2);
  column->addWidget(split, 1);
  layers_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  layers_->axisRect()->setRangeDrag(Qt::Horizontal);
  layers_->axisRect()->setRangeZoom(Qt::Horizontal);

  connect(metricBox_, &QComboBox::currentIndexChanged, this,
          [this](int index) { setMetric(static_cast<DiffMetric>(index)); });
  connect(exportButton, &QPushButton::clicked, this, &DiffPlotsPanel::chooseExport);
  connect(layers_, &QCustomPlot::plottableClick, this,
          [this](QCPAbstractPlottable* plottable, int dataIndex, QMouseEvent*) {
            const int layer = layerAt(qobject_cast<QCPGraph*>(plottable), dataIndex);
            if (layer < 0) return;
            showLayer(layer);
            session_->requestSelectLayer(QString::fromStdString(
                report_->layers[static_cast<size_t>(layer)].align.sourceNode));
          });
  connect(session_, &MigrationSession::diffChanged, this, &DiffPlotsPanel::rebuild);
  rebuild();
}

DiffPlotsPanel* DiffPlotsPanel::install(MainWindow* window) {
  auto* panel = new DiffPlotsPanel(window->session(), window);
  QDockWidget* dock = window->addPanel(panel, tr("Diff Plots"), QStringLiteral("diffPlotsDock"),
                                       Qt::BottomDockWidgetArea);
  // Hidden until there is something to plot; the first diff shows it once (a user who closes it
  // afterwards keeps it closed).
  dock->hide();
  auto shown = std::make_shared<bool>(false);
  connect(window->session(), &MigrationSession::diffChanged, dock, [dock, window, shown] {
    if (*shown || !window->session()->diff()) return;
    *shown = true;
    dock->show();
  });
  GraphScene* scene = window->sourcePane()->scene();
  connect(scene, &GraphScene::nodeSelectionChanged, panel, [panel, window, scene] {
    auto report = window->session()->diff();
    auto model = window->session()->model();
    const auto selected = scene->selectedNodes();
    if (!report || !model || selected.empty() || scene->graph() != model->source.get()) return;
    // The first layer the selected node computes.
    std::unordered_map<std::string, NodeId> producer;
    for (const Value& v : model->source->values) producer.emplace(v.name, v.producer);
    for (size_t i = 0; i < report->layers.size(); ++i) {
      auto it = producer.find(report->layers[i].align.sourceValue);
      if (it != producer.end() && it->second == selected.front()) {
        if (panel->selectedLayer() != static_cast<int>(i)) panel->showLayer(static_cast<int>(i));
        return;
      }
    }
  });
  return panel;
}

int DiffPlotsPanel::layerAt(const QCPGraph* graph, int dataIndex) const {
  const std::vector<int>* layers = graph == pass_   ? &passLayers_
                                   : graph == fail_ ? &failLayers_
                                                    : nullptr;
  if (!layers || dataIndex < 0 || dataIndex >= static_cast<int>(layers->size())) return -1;
  return (*layers)[static_cast<size_t>(dataIndex)];
}

void DiffPlotsPanel::setMetric(DiffMetric metric) {
  metric_ = metric;
  const QSignalBlocker block(metricBox_);
  metricBox_->setCurrentIndex(static_cast<int>(metric));
  rebuild();
}

void DiffPlotsPanel::rebuild() {
  report_ = session_->diff();
  for (QCustomPlot* plot : {layers_, histogram_, magnitude_}) {
    plot->clearGraphs();
    plot->clearPlottables();
    plot->clearItems();
  }
  pass_ = fail_ = marker_ = nullptr;
  passLayers_.clear();
  failLayers_.clear();
  const int keep = selected_;
  selected_ = -1;
  if (!report_ || report_->layers.empty()) {
    title_->setText(tr("Run the per-layer diff (Tools › Run Per-Layer Diff, F5) to see plots."));
    for (QCustomPlot* plot : {layers_, histogram_, magnitude_}) plot->replot();
    return;
  }
  const DiffScale scale = DiffScale::forReport(*report_, metric_);
  auto plotted = [&](double v) { return std::max(v, scale.low); };  // zeros sit on the floor
  setLogAxis(layers_->yAxis);
  layers_->yAxis->setLabel(diffMetricName(metric_));
  QCPGraph* trend = layers_->addGraph();
  trend->setPen(QPen(QColor(150, 150, 150), 1));
  QCPGraph* allowed = layers_->addGraph();
  allowed->setPen(QPen(kFail, 1, Qt::DashLine));
  allowed->setLineStyle(QCPGraph::lsStepCenter);
  allowed->setName(tr("tolerance"));
  pass_ = pointGraph(layers_, kPass, 5);
  fail_ = pointGraph(layers_, kFail, 7);
  marker_ = layers_->addGraph();
  marker_->setLineStyle(QCPGraph::lsNone);
  marker_->setScatterStyle(
      QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(kMarker, 2.5), Qt::NoBrush, 15));
  QCPGraph* magPass = pointGraph(magnitude_, kPass, 5);
  QCPGraph* magFail = pointGraph(magnitude_, kFail, 7);
  int failed = 0;
  double refLow = 1e300, refHigh = 0;
  for (size_t i = 0; i < report_->layers.size(); ++i) {
    const compare::LayerDiff& l = report_->layers[i];
    if (l.status != compare::LayerStatus::Compared) continue;
    const double v = plotted(diffMetricValue(l, metric_));
    trend->addData(static_cast<double>(i), v);
    // What the layer may differ by: atol + rtol·max|ref| for max |error| (numpy.isclose at the
    // largest reference), rtol for the relative error, the fixed guide for the cosine.
    const double tolerance = metric_ == DiffMetric::MaxAbs
                                 ? l.tolerance.atol + l.tolerance.rtol * l.stats.refMaxAbs
                             : metric_ == DiffMetric::MaxRel ? l.tolerance.rtol
                                                             : scale.threshold;
    allowed->addData(static_cast<double>(i), plotted(tolerance));
    (l.passed ? pass_ : fail_)->addData(static_cast<double>(i), v);
    (l.passed ? passLayers_ : failLayers_).push_back(static_cast<int>(i));
    failed += !l.passed;
    const double ref = std::max(l.stats.refMaxAbs, 1e-12);
    refLow = std::min(refLow, ref);
    refHigh = std::max(refHigh, ref);
    (l.passed ? magPass : magFail)->addData(ref, std::max(l.stats.maxAbs, 1e-12));
  }
  layers_->xAxis->setRange(-1, static_cast<double>(report_->layers.size()));
  // A margin under the floor: points sitting on the x axis could not be clicked (the axis takes
  // it).
  layers_->yAxis->setRange(scale.low / 4, scale.high * 2);

  // Error against reference magnitude, with the default tolerance atol + rtol·|ref| as a curve.
  setLogAxis(magnitude_->xAxis);
  setLogAxis(magnitude_->yAxis);
  if (refHigh > 0) {
    const double lo = std::pow(10.0, std::floor(std::log10(refLow))),
                 hi = std::pow(10.0, std::ceil(std::log10(refHigh)));
    QCPGraph* line = magnitude_->addGraph();
    line->setPen(QPen(kFail, 1, Qt::DashLine));
    for (double x = lo; x <= hi * 1.0001; x *= std::pow(10.0, 0.25))
      line->addData(x, report_->defaults.atol + report_->defaults.rtol * x);
    magnitude_->xAxis->setRange(lo, hi);
    magnitude_->yAxis->rescale();
    QCPRange y = magnitude_->yAxis->range();
    magnitude_->yAxis->setRange(std::min(y.lower, 1e-9), std::max(y.upper * 10, 1e-3));
  }
  title_->setText(tr("%1 of %2 compared layers out of tolerance")
                      .arg(failed)
                      .arg(passLayers_.size() + failLayers_.size()));
  layers_->replot();
  magnitude_->replot();
  if (keep >= 0 && keep < static_cast<int>(report_->layers.size()))
    showLayer(keep);
  else if (report_->firstDivergent)
    showLayer(static_cast<int>(*report_->firstDivergent));
  else
    drawHistogram();
}

void DiffPlotsPanel::showLayer(int index) {
  if (!report_ || index < 0 || index >= static_cast<int>(report_->layers.size())) return;
  selected_ = index;
  const compare::LayerDiff& l = report_->layers[static_cast<size_t>(index)];
  if (marker_) {
    marker_->data()->clear();
    if (l.status == compare::LayerStatus::Compared) {
      const DiffScale scale = DiffScale::forReport(*report_, metric_);
      marker_->addData(index, std::max(diffMetricValue(l, metric_), scale.low));
    }
    layers_->replot();
  }
  title_->setText(tr("%1 (%2 → %3): max |error| %4, max rel %5, cosine %6 — %7")
                      .arg(QString::fromStdString(l.align.sourceNode),
                           QString::fromStdString(l.align.sourceOp),
                           QString::fromStdString(l.align.convertedApi))
                      .arg(l.stats.maxAbs, 0, 'g', 3)
                      .arg(l.stats.maxRel, 0, 'g', 3)
                      .arg(l.stats.cosine, 0, 'g', 8)
                      .arg(l.status != compare::LayerStatus::Compared
                               ? QString::fromLatin1(compare::layerStatusName(l.status))
                           : l.passed ? tr("within tolerance")
                                      : tr("OUT OF TOLERANCE")));
  drawHistogram();
}

void DiffPlotsPanel::drawHistogram() {
  histogram_->clearPlottables();
  histogram_->clearItems();
  if (!report_ || selected_ < 0) {
    histogram_->replot();
    return;
  }
  const compare::LayerDiff& layer = report_->layers[static_cast<size_t>(selected_)];
  const compare::ErrorHistogram& h = layer.stats.histogram;
  QSharedPointer<QCPAxisTickerText> ticks(new QCPAxisTickerText);
  QVector<double> keys, counts;
  auto add = [&](const QString& label, int64_t count) {
    const double key = keys.size();
    keys << key;
    counts << static_cast<double>(count);
    ticks->addTick(key, label);
  };
  add(QStringLiteral("0"), h.exact);
  add(QStringLiteral("<1e-12"), h.below);
  for (int d = 0; d < compare::ErrorHistogram::kDecades; ++d)
    add(QStringLiteral("1e%1").arg(d + compare::ErrorHistogram::kFirstDecade), h.decades[d]);
  add(QStringLiteral("≥1e2"), h.above);
  auto* bars = new QCPBars(histogram_->xAxis, histogram_->yAxis);
  bars->setWidth(0.8);
  bars->setBaseValue(0.5);  // log axis: a bar of 1 element still shows
  bars->setPen(Qt::NoPen);
  bars->setBrush(layer.passed ? kPass : kFail);
  bars->setData(keys, counts);
  histogram_->xAxis->setTicker(ticks);
  histogram_->xAxis->setNumberFormat(QStringLiteral("g"));  // labels as written, not 1·10^-12
  histogram_->xAxis->setTickLabelRotation(60);
  histogram_->xAxis->setRange(-0.7, keys.size() - 0.3);
  setLogAxis(histogram_->yAxis);
  double most = 1;
  for (double c : counts) most = std::max(most, c);
  histogram_->yAxis->setRange(0.5, most * 2);
  // The layer's atol as a vertical line at its decade.
  if (layer.tolerance.atol > 0) {
    const double decade = std::floor(std::log10(layer.tolerance.atol));
    const double key = 2 + decade - compare::ErrorHistogram::kFirstDecade +
                       (std::log10(layer.tolerance.atol) - decade) - 0.5;
    auto* line = new QCPItemStraightLine(histogram_);
    line->point1->setCoords(key, 1);
    line->point2->setCoords(key, 10);
    line->setPen(QPen(kFail, 1, Qt::DashLine));
  }
  histogram_->replot();
}

QString DiffPlotsPanel::exportPlots(const QString& path) {
  if (!report_) return tr("There is no diff to export: run the per-layer diff first.");
  const QFileInfo info(path);
  const QString suffix = info.suffix().toLower();
  if (suffix != QLatin1String("png") && suffix != QLatin1String("svg") &&
      suffix != QLatin1String("pdf"))
    return tr("%1: choose a .png, .svg or .pdf file name").arg(path);
  const QString stem = info.dir().filePath(info.completeBaseName());
  const std::vector<std::pair<QCustomPlot*, QString>> files = {
      {layers_, path},
      {histogram_, stem + QStringLiteral("_histogram.") + suffix},
      {magnitude_, stem + QStringLiteral("_magnitude.") + suffix}};
  for (const auto& [plot, file] : files)
    if (!savePlot(plot, file)) return tr("%1: could not be written").arg(file);
  return {};
}

void DiffPlotsPanel::chooseExport() {
  const QString path =
      QFileDialog::getSaveFileName(this, tr("Export diff plots"), QStringLiteral("diff_plots.png"),
                                   tr("PNG image (*.png);;SVG drawing (*.svg);;PDF (*.pdf)"));
  if (path.isEmpty()) return;
  const QString error = exportPlots(path);
  if (!error.isEmpty() && dialogsAllowed())
    QMessageBox::warning(this, tr("Export diff plots"), error);
}

}  // namespace mb
