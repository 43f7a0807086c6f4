// The workbench window on exported fixture models: open, select and inspect, search, collapse and
// expand, side-by-side selection sync through provenance, broken files (opened and dropped), the
// UI-thread watchdog and time to first paint for resnet50. Saves screenshots of the main screens.
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <QUrl>
#include <ctime>
#include <fstream>

#include "graph_pane.h"
#include "graph_scene.h"
#include "graph_view.h"
#include "io/onnx_importer.h"
#include "main_window.h"
#include "node_inspector.h"
#include "node_item.h"
#include "search_bar.h"
#include "test_paths.h"

using namespace mb;

namespace {

QString model(const char* name) {
  return QString::fromStdString(mbtest::fixture(std::string("models/") + name));
}

void saveShot(QWidget* w, const QString& name) {
  QDir().mkpath(QStringLiteral(MB_SCREENSHOT_DIR));
  QVERIFY(w->grab().save(QStringLiteral(MB_SCREENSHOT_DIR "/") + name));
}

bool openAndWait(MainWindow& w, const QString& path) {
  QSignalSpy ready(&w, &MainWindow::modelReady);
  w.openModel(path);
  return ready.wait(60000);
}

NodeId firstNodeOfType(const Graph& g, const std::string& op) {
  for (size_t i = 0; i < g.nodes.size(); ++i)
    if (g.nodes[i].opType == op) return static_cast<NodeId>(i);
  return kNoNode;
}

// A converted graph made by hand, following MS_DIALECT.md (one Cell per Conv, fused Relu, one
// unconverted op), so selection sync is tested whether or not the converter is in the build.
std::shared_ptr<Graph> handConverted(const Graph& source) {
  auto g = std::make_shared<Graph>();
  g->dialect = Dialect::MindSpore;
  g->name = source.name + "_ms";
  ValueId prev = kNoValue;
  int serial = 0;
  for (size_t i = 0; i < source.nodes.size(); ++i) {
    Value v;
    v.name = "t" + std::to_string(serial++);
    ValueId out = g->addValue(v);
    if (prev == kNoValue) g->inputs.push_back(out);
    Node n;
    n.dialect = Dialect::MindSpore;
    n.domain = "mindspore";
    const std::string& op = source.nodes[i].opType;
    n.opType = op == "Conv"   ? "mindspore.nn.Conv2d"
               : op == "Gemm" ? "mindspore.nn.Dense"
                              : "mindspore.ops." + op;
    n.name = "op" + std::to_string(i);
    n.scope = source.nodes[i].name;
    n.sourceNodes = {static_cast<NodeId>(i)};
    if (op == "Relu" && i > 0) n.sourceNodes.push_back(static_cast<NodeId>(i - 1));  // many-to-one
    if (op == "Flatten") {
      n.unconverted = true;
      n.opType = "onnx::Flatten";
      n.unconvertedReason = "test: pretend Flatten has no converter";
    }
    if (prev != kNoValue) n.inputs = {prev};
    Value o;
    o.name = "t" + std::to_string(serial++);
    prev = g->addValue(o);
    n.outputs = {prev};
    g->addNode(n);
  }
  g->outputs.push_back(prev);
  return g;
}

}  // namespace

class MainWindowTest : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    qputenv("MB_NO_DIALOGS", "1");
    QCoreApplication::setOrganizationName(QStringLiteral("MindBridgeTest"));
    QCoreApplication::setApplicationName(QStringLiteral("widgets.main_window"));
    QSettings().clear();
  }

  void opensSelectsInspectsAndSearches() {
    MainWindow w;
    w.resize(1400, 900);
    w.show();
    QVERIFY(openAndWait(w, model("resnet18_op17_train.onnx")));
    GraphScene* scene = w.sourcePane()->scene();
    QVERIFY(scene->nodeItems().size() > 40);
    QVERIFY(scene->groupCount() >= 4);
    QCOMPARE(w.recentFiles().value(0),
             QFileInfo(model("resnet18_op17_train.onnx")).absoluteFilePath());
    const Graph& g = *scene->graph();
    NodeId conv = firstNodeOfType(g, "Conv");
    QVERIFY(conv != kNoNode);
    scene->selectNodes({conv});
    QTRY_COMPARE(scene->selectedNodes(), std::vector<NodeId>{conv});
    QCOMPARE(w.inspector()->node(), conv);
    QVERIFY(w.inspector()->weightCount() >= 1);
    QVERIFY(w.inspector()->currentStats().valid);
    QVERIFY(w.inspector()->currentStats().std > 0);
    saveShot(&w, QStringLiteral("main_resnet18_inspector.png"));
    // Search by op type and by tensor name; stepping selects the hits.
    w.searchBar()->activate();
    w.searchBar()->setText(QStringLiteral("BatchNorm"));
    int bn = 0;
    for (const auto& n : g.nodes) bn += n.opType == "BatchNormalization";
    QCOMPARE(static_cast<int>(scene->search(QStringLiteral("BatchNorm")).size()), bn);
    const int convertedHits =
        w.convertedPane()->isVisible()
            ? static_cast<int>(
                  w.convertedPane()->scene()->search(QStringLiteral("BatchNorm")).size())
            : 0;
    QCOMPARE(static_cast<int>(w.searchResults()->count()), bn + convertedHits);
    QTest::keyClick(w.searchBar()->findChild<QLineEdit*>(),
                    Qt::Key_Return);  // first hit: source side
    QTRY_COMPARE(scene->selectedNodes().size(), size_t{1});
    QCOMPARE(g.node(scene->selectedNodes()[0]).opType, std::string("BatchNormalization"));
    std::string tensor = g.value(g.node(conv).outputs[0]).name;
    QVERIFY(w.find(QString::fromStdString(tensor)) >= 1);
    QCOMPARE(w.find(QStringLiteral("no-such-node-xyz")), 0);
    w.searchBar()->setText(QStringLiteral("Conv"));
    QVERIFY(w.searchResults()->count() > 0);
    saveShot(&w, QStringLiteral("main_search.png"));
  }

  void collapseAndExpandGroups() {
    MainWindow w;
    w.resize(1200, 800);
    w.show();
    QVERIFY(openAndWait(w, model("transformer_encoder_op17_eval.onnx")));
    GraphScene* scene = w.sourcePane()->scene();
    QVERIFY(scene->groupCount() > 0);
    const size_t open = scene->nodeItems().size();
    QSignalSpy ready(&w, &MainWindow::layoutsReady);
    scene->collapseAll();
    QVERIFY(ready.wait(30000));
    const size_t closed = scene->nodeItems().size();
    QVERIFY2(closed < open, qPrintable(QStringLiteral("%1 vs %2").arg(closed).arg(open)));
    NodeItem* group = nullptr;
    for (NodeItem* item : scene->nodeItems())
      if (item->isGroup()) group = item;
    QVERIFY(group);
    saveShot(&w, QStringLiteral("main_collapsed.png"));
    scene->toggleGroup(group->item().id);
    QVERIFY(ready.wait(30000));
    QVERIFY(scene->nodeItems().size() > closed);
  }

  void sideBySideSelectionFollowsProvenance() {
    auto imported = importOnnxFile(mbtest::fixture("models/tiny_cnn_op17_eval.onnx"));
    QVERIFY(imported);
    auto loaded = std::make_shared<LoadedModel>();
    loaded->path = model("tiny_cnn_op17_eval.onnx");
    auto source = std::make_shared<Graph>(std::move(imported->graph));
    loaded->source = source;
    loaded->converted = handConverted(*source);
    MainWindow w;
    w.resize(1400, 800);
    w.show();
    QSignalSpy ready(&w, &MainWindow::layoutsReady);
    w.showModel(loaded);
    QVERIFY(ready.wait(30000));
    QTRY_VERIFY(!w.convertedPane()->scene()->busy() && !w.sourcePane()->scene()->busy());
    QVERIFY(w.convertedPane()->isVisible());
    // One-to-one: source Conv → its nn.Conv2d.
    NodeId conv = firstNodeOfType(*source, "Conv");
    std::vector<NodeId> fromConv;  // every converted node listing the Conv among its sources
    for (size_t c = 0; c < loaded->converted->nodes.size(); ++c)
      for (NodeId s : loaded->converted->nodes[c].sourceNodes)
        if (s == conv) fromConv.push_back(static_cast<NodeId>(c));
    QVERIFY(!fromConv.empty());
    w.sourcePane()->scene()->selectNodes({conv});
    QTRY_COMPARE(w.convertedPane()->scene()->selectedNodes(), fromConv);
    // Many-to-one: the converted node fused from Conv + Relu selects both sources.
    NodeId relu = firstNodeOfType(*source, "Relu");
    QVERIFY(relu > 0);
    w.convertedPane()->scene()->selectNodes({relu});
    QTRY_COMPARE(w.sourcePane()->scene()->selectedNodes(), (std::vector<NodeId>{relu - 1, relu}));
    QVERIFY(w.sourcePane()->scene()->itemForNode(relu - 1)->highlight().isValid());
    // Lock-step zoom.
    w.setLockStep(true);
    w.sourcePane()->view()->setZoom(0.7);
    QCOMPARE(w.convertedPane()->view()->zoom(), 0.7);
    saveShot(&w, QStringLiteral("main_side_by_side.png"));
  }

  void brokenFilesLeaveTheWindowUsable() {
    std::string dir = mbtest::makeTempDir("gui_broken");
    std::string broken = dir + "/broken.onnx";
    std::ofstream(broken) << "definitely not an ONNX protobuf \x01\x02\x03";
    MainWindow w;
    w.show();
    QSignalSpy failed(&w, &MainWindow::loadFailed);
    w.openModel(QString::fromStdString(broken));
    QVERIFY(failed.wait(30000));
    QVERIFY(failed.at(0).at(1).toString().contains(QStringLiteral("broken.onnx")));
    QVERIFY(!w.busy());
    // Dropped on the window: same message path.
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(QString::fromStdString(dir + "/missing.onnx"))});
    QVERIFY(w.acceptDrops());
    QVERIFY(w.openDropped(&mime));
    QVERIFY(failed.wait(30000));
    QVERIFY(failed.at(1).at(1).toString().contains(QStringLiteral("missing.onnx")));
    saveShot(&w, QStringLiteral("main_broken_file.png"));
    // Still usable: a good model opens afterwards; a cancelled open leaves it idle.
    QVERIFY(openAndWait(w, model("tiny_cnn_op17_eval.onnx")));
    QVERIFY(!w.sourcePane()->scene()->nodeItems().empty());
    w.openModel(model("resnet18_op17_eval.onnx"));
    w.cancelWork();
    QVERIFY(!w.busy());
  }

  void windowStateAndRecentFilesPersist() {
    {
      MainWindow w;
      w.show();
      w.resize(1333, 777);
      QVERIFY(openAndWait(w, model("tiny_cnn_op17_eval.onnx")));
      w.close();  // saves geometry and dock state
    }
    MainWindow again;
    QCOMPARE(again.size(), QSize(1333, 777));
    QCOMPARE(again.recentFiles().value(0),
             QFileInfo(model("tiny_cnn_op17_eval.onnx")).absoluteFilePath());
    QCOMPARE(
        again.recentFiles().count(QFileInfo(model("tiny_cnn_op17_eval.onnx")).absoluteFilePath()),
        1);
  }

  // The UI thread keeps ticking while resnet50 opens (heartbeat gaps ≤ 100 ms) and the graph is on
  // screen within 1.5 s.
  void watchdogAndFirstPaintResnet50() {
    const QString path = QString::fromStdString(mbtest::fixture("bench/resnet50.onnx"));
    QVERIFY(QFile::exists(path));
    MainWindow w;
    w.resize(1400, 900);
    w.show();
    QTest::qWait(100);
    // Gaps are measured in wall-clock time and in UI-thread CPU time: on a shared, overloaded
    // machine the process can wait for a core for 100 ms without the UI thread doing anything;
    // "blocked" means the UI thread itself was busy that long.
    QElapsedTimer clock;
    qint64 last = 0, worst = 0;
    double lastCpu = 0, worstCpu = 0;
    QTimer heartbeat;
    heartbeat.setInterval(5);
    connect(&heartbeat, &QTimer::timeout, [&] {
      qint64 now = clock.elapsed();
      worst = std::max(worst, now - last);
      last = now;
      timespec t{};
      clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
      double cpu = static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
      if (lastCpu > 0) worstCpu = std::max(worstCpu, cpu - lastCpu);
      lastCpu = cpu;
    });
    QSignalSpy ready(&w, &MainWindow::layoutsReady);
    QSignalSpy complete(&w, &MainWindow::modelReady);
    clock.start();
    heartbeat.start();
    w.openModel(path);
    QVERIFY(ready.wait(60000));
    w.sourcePane()->view()->viewport()->repaint();  // first paint of the laid-out source graph
    const qint64 firstPaint = clock.elapsed();
    // Then the conversion and the converted graph's layout, still watched.
    if (complete.isEmpty()) QVERIFY(complete.wait(60000));
    const qint64 allDone = clock.elapsed();
    QTest::qWait(50);
    heartbeat.stop();
    qInfo(
        "resnet50: source on screen after %lld ms, converted side after %lld ms; longest UI-thread "
        "gap "
        "%lld ms wall-clock, %.1f ms of UI-thread CPU",
        static_cast<long long>(firstPaint), static_cast<long long>(allDone),
        static_cast<long long>(worst), worstCpu);
    QVERIFY(w.sourcePane()->scene()->nodeItems().size() > 100);
    QVERIFY2(worstCpu <= 100,
             qPrintable(QStringLiteral("UI thread busy for %1 ms at once").arg(worstCpu)));
    QVERIFY2(firstPaint <= 1500,
             qPrintable(QStringLiteral("first paint after %1 ms").arg(firstPaint)));
    saveShot(&w, QStringLiteral("main_resnet50.png"));
  }
};

QTEST_MAIN(MainWindowTest)
#include "test_main_window.moc"
