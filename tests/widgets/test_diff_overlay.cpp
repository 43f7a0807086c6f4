// The diff in the workbench: the colour scale (tolerance in the middle, log decades either side),
// a clean diff of resnet18 colours every layer on the green side, a wrong conversion (one Relu
// converted as a Sigmoid) is coloured red from that layer on and "Go to First Divergent Layer"
// selects it on both sides; metric switch, overlay off, cancel, and a model without conversion.
#include <qcustomplot.h>
#include <QSignalSpy>
#include <QTest>

#include "convert/convert_graph.h"
#include "diff_actions.h"
#include "diff_overlay.h"
#include "diff_plots_panel.h"
#include "diff_runner.h"
#include "graph_pane.h"
#include "graph_scene.h"
#include "io/onnx_importer.h"
#include "main_window.h"
#include "node_item.h"
#include "test_paths.h"

using namespace mb;

namespace {

void saveShot(QWidget* w, const QString& name) {
  QDir().mkpath(QStringLiteral(MB_SCREENSHOT_DIR));
  QVERIFY(w->grab().save(QStringLiteral(MB_SCREENSHOT_DIR "/") + name));
}

// resnet18 (eval export) imported, and converted with `overrides`.
std::shared_ptr<LoadedModel> resnet18(const std::map<std::string, convert::NodeOverride>& overrides,
                                      std::string* wrongNode = nullptr) {
  const std::string path = mbtest::fixture("models/resnet18_op17_eval.onnx");
  auto imported = importOnnxFile(path);
  if (!imported) return nullptr;
  auto model = std::make_shared<LoadedModel>();
  model->path = QString::fromStdString(path);
  auto source = std::make_shared<Graph>(std::move(imported->graph));
  convert::ConvertOptions options;
  options.overrides = overrides;
  if (wrongNode) {
    // The 6th Relu (inside layer1) converted as a Sigmoid: a plausible-looking wrong converter.
    int seen = 0;
    for (const Node& n : source->nodes)
      if (n.opType == "Relu" && ++seen == 6) *wrongNode = n.name;
    options.overrides[*wrongNode].converter = "Sigmoid";
  }
  auto converted = convert::convertGraph(*source, options);
  if (!converted) return nullptr;
  model->source = source;
  model->converted = std::make_shared<Graph>(std::move(converted->converted));
  return model;
}

bool showAndWait(MainWindow& w, std::shared_ptr<LoadedModel> model) {
  QSignalSpy ready(&w, &MainWindow::layoutsReady);
  w.showModel(std::move(model));
  while (w.busy())
    if (!ready.wait(60000)) return false;
  return true;
}

bool runAndWait(DiffActions* actions) {
  QSignalSpy done(actions, &DiffActions::diffFinished);
  actions->runDiff();
  return done.wait(120000) && done.first().at(0).toBool();
}

NodeId nodeNamed(const Graph& g, const std::string& name) {
  for (size_t i = 0; i < g.nodes.size(); ++i)
    if (g.nodes[i].name == name) return static_cast<NodeId>(i);
  return kNoNode;
}

}  // namespace

class TestDiffOverlay : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { qputenv("MB_NO_DIALOGS", "1"); }

  void scaleHasTheToleranceInTheMiddle() {
    compare::DiffReport report;
    report.defaults.atol = 1e-5;
    compare::LayerDiff a, b;
    a.stats.maxAbs = 1e-8;
    b.stats.maxAbs = 3e-2;
    report.layers = {a, b};
    DiffScale s = DiffScale::forReport(report, DiffMetric::MaxAbs);
    QCOMPARE(s.threshold, 1e-5);
    QCOMPARE(s.level(1e-5), 0.5);
    QCOMPARE(s.level(0), 0.0);
    QCOMPARE(s.level(std::numeric_limits<double>::infinity()), 1.0);
    QVERIFY(s.low <= 1e-8 && s.high >= 3e-2);
    double previous = -1;
    for (double v = 1e-10; v < 10; v *= 3) {
      QVERIFY(s.level(v) >= previous);
      previous = s.level(v);
    }
    QVERIFY(s.level(2e-5) > 0.5 && s.level(9e-6) < 0.5);
    QVERIFY(diffColour(0).hue() > 100 && diffColour(1).hue() < 10);  // green → red
  }

  void cleanDiffIsGreenAndWrongLayerIsFound() {
    MainWindow w;
    w.resize(1400, 860);
    w.show();
    auto* actions = w.findChild<DiffActions*>();
    QVERIFY(actions);

    QVERIFY(showAndWait(w, resnet18({})));
    QVERIFY(runAndWait(actions));
    auto clean = w.session()->diff();
    QVERIFY(clean && !clean->firstDivergent);
    int marked = 0;
    for (const DiffMark& m : w.sourcePane()->scene()->diffMarks()) {
      if (!m.marked()) continue;
      ++marked;
      QVERIFY(!m.failed);
      QVERIFY(m.level <= 0.5);
    }
    QVERIFY(marked > 40);
    QVERIFY(actions->legend(false)->isVisible());
    QVERIFY(!actions->goToFirstDivergent());

    std::string wrong;
    auto broken = resnet18({}, &wrong);
    QVERIFY(broken && !wrong.empty());
    QVERIFY(showAndWait(w, broken));
    QVERIFY(!w.session()->diff());  // a new model drops the old diff
    QVERIFY(runAndWait(actions));
    auto report = w.session()->diff();
    QVERIFY(report && report->firstDivergent);
    QCOMPARE(report->layers[*report->firstDivergent].align.sourceNode, wrong);
    const NodeId wrongId = nodeNamed(*broken->source, wrong);
    const DiffMark mark = w.sourcePane()->scene()->diffMarks()[static_cast<size_t>(wrongId)];
    QVERIFY(mark.failed);
    QVERIFY(mark.level > 0.5);
    // The item on screen carries it (the node or the collapsed group around it).
    NodeItem* item = w.sourcePane()->scene()->itemForNode(wrongId);
    QVERIFY(item && item->diffMark().failed);

    QVERIFY(actions->goToFirstDivergent());
    QCOMPARE(w.sourcePane()->scene()->selectedNodes(), std::vector<NodeId>{wrongId});
    const auto counterpart = w.convertedPane()->scene()->selectedNodes();
    QVERIFY(!counterpart.empty());
    bool convertedFailed = false;
    for (NodeId n : counterpart)
      convertedFailed |= w.convertedPane()->scene()->diffMarks()[static_cast<size_t>(n)].failed;
    QVERIFY2(convertedFailed,
             (report->layers[*report->firstDivergent].align.convertedNode + " vs " +
              broken->converted->nodes[static_cast<size_t>(counterpart[0])].name)
                 .c_str());
    QTest::qWait(50);
    saveShot(&w, QStringLiteral("diff_overlay.png"));

    // Another metric re-colours; Off clears; back on shows again.
    actions->setMetric(DiffMetric::CosineDistance);
    QVERIFY(w.sourcePane()->scene()->diffMarks()[static_cast<size_t>(wrongId)].failed);
    actions->setOverlayVisible(false);
    QVERIFY(w.sourcePane()->scene()->diffMarks().empty());
    QVERIFY(!actions->legend(true)->isVisible());
    actions->setMetric(DiffMetric::MaxAbs);
    QVERIFY(!w.sourcePane()->scene()->diffMarks().empty());
  }

  void plotsFollowAndDriveSelection() {
    MainWindow w;
    w.resize(1400, 900);
    w.show();
    auto* actions = w.findChild<DiffActions*>();
    auto* plots = w.findChild<DiffPlotsPanel*>();
    QVERIFY(plots);
    QVERIFY(!plots->isVisible());  // nothing to plot yet
    std::string wrong;
    auto broken = resnet18({}, &wrong);
    QVERIFY(showAndWait(w, broken));
    QVERIFY(runAndWait(actions));
    QVERIFY(plots->isVisible());
    auto report = w.session()->diff();
    QVERIFY(plots->failGraph()->dataCount() > 0 && plots->passGraph()->dataCount() > 0);
    QCOMPARE(plots->failGraph()->dataCount() + plots->passGraph()->dataCount(),
             static_cast<int>(report->layers.size()));
    QCOMPARE(plots->selectedLayer(), static_cast<int>(*report->firstDivergent));

    // A real click on the first passing point selects that layer in both graphs.
    QTest::qWait(50);
    QCustomPlot* plot = plots->layerPlot();
    plot->replot();
    const auto point = plots->passGraph()->data()->at(0);
    const QPointF pixel = plots->passGraph()->coordsToPixels(point->key, point->value);
    QTest::mouseClick(plot, Qt::LeftButton, {}, pixel.toPoint());
    const int clicked = plots->layerAt(plots->passGraph(), 0);
    QCOMPARE(plots->selectedLayer(), clicked);
    const std::string& node = report->layers[static_cast<size_t>(clicked)].align.sourceNode;
    const auto selected = w.sourcePane()->scene()->selectedNodes();
    QCOMPARE(selected.size(), size_t{1});
    QCOMPARE(broken->source->nodes[static_cast<size_t>(selected[0])].name, node);
    QVERIFY(!w.convertedPane()->scene()->selectedNodes().empty());

    // Selecting in the graph moves the plot's marker.
    QVERIFY(actions->goToFirstDivergent());
    QCOMPARE(plots->selectedLayer(), static_cast<int>(*report->firstDivergent));
    saveShot(&w, QStringLiteral("diff_plots.png"));

    const QString dir = QString::fromStdString(mbtest::makeTempDir("diff_plots"));
    QCOMPARE(plots->exportPlots(dir + "/plots.png"), QString());
    QCOMPARE(plots->exportPlots(dir + "/plots.svg"), QString());
    QCOMPARE(plots->exportPlots(dir + "/plots.pdf"), QString());
    auto head = [](const QString& path, int n) {
      QFile f(path);
      return f.open(QIODevice::ReadOnly) ? f.read(n) : QByteArray();
    };
    for (const char* stem : {"plots", "plots_histogram", "plots_magnitude"}) {
      QCOMPARE(head(dir + "/" + stem + ".png", 4), QByteArray("\x89PNG"));
      QVERIFY(head(dir + "/" + stem + ".svg", 400).contains("<svg"));
      QCOMPARE(head(dir + "/" + stem + ".pdf", 4), QByteArray("%PDF"));
    }
    QCOMPARE(QDir(dir).entryList(QDir::Files).size(), 9);  // no .part leftovers
    QVERIFY(plots->exportPlots(dir + "/plots.bmp").contains(".png, .svg or .pdf"));
  }

  void cancelLeavesWindowUsable() {
    MainWindow w;
    w.show();
    auto* actions = w.findChild<DiffActions*>();
    QVERIFY(showAndWait(w, resnet18({})));
    QSignalSpy cancelled(actions->runner(), &DiffRunner::cancelled);
    actions->runDiff();
    QVERIFY(w.busy());
    w.cancelWork();
    QCOMPARE(cancelled.count(), 1);
    QVERIFY(!w.busy());
    QVERIFY(!w.session()->diff());
    QTest::qWait(200);
    QVERIFY(!w.session()->diff());  // the dropped job's result never arrives
    QVERIFY(runAndWait(actions));   // and the next one runs normally
    QVERIFY(w.session()->diff());
  }

  void noConversionIsAClearError() {
    MainWindow w;
    QSignalSpy done(w.findChild<DiffActions*>(), &DiffActions::diffFinished);
    w.findChild<DiffActions*>()->runDiff();
    QCOMPARE(done.count(), 1);
    QVERIFY(!done.first().at(0).toBool());
    QVERIFY(done.first().at(1).toString().contains("no converted model"));
    QVERIFY(!w.busy());
  }
};

QTEST_MAIN(TestDiffOverlay)
#include "test_diff_overlay.moc"
