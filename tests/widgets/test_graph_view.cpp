// Graph scene/view on synthetic DNN graphs: level of detail and pan frame rate on a fully expanded
// 10k-node graph, collapse/expand, keyboard navigation, fan-out stubs, cancel, the inspector.
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>
#include <ctime>

#include "graph_pane.h"
#include "graph_scene.h"
#include "graph_view.h"
#include "layout/synthetic_graphs.h"
#include "node_inspector.h"
#include "node_item.h"
#include "stub_item.h"
#include "test_paths.h"

using namespace mb;

namespace {

bool waitReady(GraphScene* scene, int ms = 60000) {
  QSignalSpy spy(scene, &GraphScene::layoutReady);
  return spy.wait(ms);
}

void saveShot(QWidget* w, const QString& name) {
  QDir().mkpath(QStringLiteral(MB_SCREENSHOT_DIR));
  QVERIFY(w->grab().save(QStringLiteral(MB_SCREENSHOT_DIR "/") + name));
}

double threadCpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

struct Fps {
  double wall, cpu;  // frames per wall-clock second, and per second of UI-thread CPU time
};

// Programmatic panning: scroll a step, repaint synchronously, repeat. The CPU-time rate is what
// the rendering costs; the wall-clock rate also counts waiting for a core on a busy machine.
Fps panFps(GraphView* view, int frames) {
  QScrollBar* bar = view->verticalScrollBar();
  QScrollBar* hbar = view->horizontalScrollBar();
  bar->setValue(bar->minimum());
  QApplication::processEvents();
  QElapsedTimer timer;
  timer.start();
  double cpu0 = threadCpuSeconds();
  for (int i = 0; i < frames; ++i) {
    bar->setValue(bar->value() + 23);
    hbar->setValue(hbar->value() + ((i / 10) % 2 ? -3 : 3));
    view->viewport()->repaint();
  }
  return {frames / (timer.nsecsElapsed() / 1e9), frames / (threadCpuSeconds() - cpu0)};
}

}  // namespace

class GraphViewTest : public QObject {
  Q_OBJECT
 private slots:
  void panningTenThousandNodesStaysSmooth() {
    auto graph = std::make_shared<Graph>(
        layout::makeSyntheticGraph(layout::SyntheticKind::Transformer, 10000));
    GraphPane pane(QStringLiteral("Synthetic"));
    pane.resize(1280, 800);
    pane.show();
    QElapsedTimer open;
    open.start();
    pane.scene()->setGraph(graph);
    QVERIFY(waitReady(pane.scene()));
    pane.scene()->expandAll();
    QVERIFY(waitReady(pane.scene()));
    qInfo("10k transformer fully expanded: layout job %.0f ms, on screen after %lld ms",
          pane.scene()->currentLayout()->seconds * 1000, static_cast<long long>(open.elapsed()));
    QCOMPARE(pane.scene()->nodeItems().size(), graph->nodes.size() + 2);
    struct Level {
      const char* name;
      double zoom;
    };
    for (Level level : {Level{"full boxes (100%)", 1.0}, Level{"plain rectangles (30%)", 0.3},
                        Level{"overview image (5%)", 0.05}}) {
      pane.view()->setZoom(level.zoom);
      Fps fps = panFps(pane.view(), 150);
      qInfo("pan %s: %.0f frames per CPU second (%.0f per wall-clock second)", level.name, fps.cpu,
            fps.wall);
      QVERIFY2(fps.cpu > 60,
               qPrintable(QStringLiteral("%1 at %2 fps").arg(level.name).arg(fps.cpu)));
    }
    QVERIFY(pane.scene()->farMode());  // 5 %: items hidden, the overview is drawn instead
    pane.view()->setZoom(1.0);
    QVERIFY(!pane.scene()->farMode());
    pane.view()->centerOn(pane.scene()->itemForNode(200));
    saveShot(&pane, QStringLiteral("synthetic_tf10k.png"));
  }

  void collapseExpandAndKeyboard() {
    auto graph =
        std::make_shared<Graph>(layout::makeSyntheticGraph(layout::SyntheticKind::Cnn, 200));
    GraphPane pane(QStringLiteral("Synthetic"));
    pane.resize(900, 700);
    pane.show();
    pane.scene()->setGraph(graph);
    QVERIFY(waitReady(pane.scene()));
    const size_t expanded = pane.scene()->nodeItems().size();
    QVERIFY(pane.scene()->groupCount() > 4);
    pane.scene()->collapseAll();
    QVERIFY(waitReady(pane.scene()));
    const size_t collapsed = pane.scene()->nodeItems().size();
    QVERIFY(collapsed < expanded / 4);
    // Expanding one group shows its members again; the selection reveals hidden nodes.
    NodeId conv = graph->findNode("/layer1/layer1.0/conv1/Conv_1").value();
    NodeItem* group = pane.scene()->itemForNode(conv);
    QVERIFY(group && group->isGroup());
    pane.scene()->toggleGroup(group->item().id);
    QVERIFY(waitReady(pane.scene()));
    QVERIFY(pane.scene()->nodeItems().size() > collapsed);
    pane.scene()->selectNodes({conv});
    QVERIFY(waitReady(pane.scene()));
    QCOMPARE(pane.scene()->selectedNodes(), std::vector<NodeId>{conv});
    QVERIFY(!pane.scene()->itemForNode(conv)->isGroup());
    // Keyboard: Down goes to a consumer, Up back to the producer.
    pane.view()->setFocus();
    QTest::keyClick(pane.view(), Qt::Key_Down);
    auto below = pane.scene()->selectedNodes();
    QCOMPARE(below.size(), size_t{1});
    QCOMPARE(graph->node(below[0]).name, std::string("/layer1/layer1.0/bn1/BatchNormalization_2"));
    QTest::keyClick(pane.view(), Qt::Key_Up);
    QCOMPARE(pane.scene()->selectedNodes(), std::vector<NodeId>{conv});
    saveShot(&pane, QStringLiteral("groups_collapsed.png"));
  }

  void fanoutStubsJumpToProducer() {
    auto graph =
        std::make_shared<Graph>(layout::makeSyntheticGraph(layout::SyntheticKind::Llm, 600));
    GraphPane pane(QStringLiteral("LLM-like"));
    pane.resize(1000, 800);
    pane.show();
    pane.scene()->setGraph(graph);
    QVERIFY(waitReady(pane.scene()));
    pane.scene()->expandAll();
    QVERIFY(waitReady(pane.scene()));
    StubItem* stub = nullptr;
    for (QGraphicsItem* item : pane.scene()->items())
      if (item->type() == StubItem::Type) stub = static_cast<StubItem*>(item);
    QVERIFY(stub);
    pane.scene()->jumpToItem(stub->producerItem());
    auto selected = pane.scene()->selectedNodes();
    QCOMPARE(selected.size(), size_t{1});
    QVERIFY(pane.scene()->itemForNode(selected[0])->index() == stub->producerItem());
    pane.view()->setZoom(0.9);
    pane.view()->centerOn(stub);
    saveShot(&pane, QStringLiteral("llm_stubs.png"));
  }

  void cancelledLayoutLeavesSceneUsable() {
    auto graph = std::make_shared<Graph>(
        layout::makeSyntheticGraph(layout::SyntheticKind::Transformer, 20000));
    GraphScene scene;
    QSignalSpy cancelled(&scene, &GraphScene::layoutCancelled);
    scene.setGraph(graph);
    scene.cancelLayout();
    QCOMPARE(cancelled.count(), 1);
    QVERIFY(!scene.busy());
    QTest::qWait(50);
    QVERIFY(scene.nodeItems().empty());
    scene.setGraph(
        std::make_shared<Graph>(layout::makeSyntheticGraph(layout::SyntheticKind::Cnn, 50)));
    QVERIFY(waitReady(&scene));
    QVERIFY(!scene.nodeItems().empty());
  }

  void inspectorShowsWeightStatsAndExportsNpy() {
    auto graph = std::make_shared<Graph>();
    Value x;
    x.name = "x";
    x.dtype = DType::Float32;
    ValueId xi = graph->addValue(x);
    graph->inputs.push_back(xi);
    Value w;
    w.name = "conv.weight";
    w.dtype = DType::Float32;
    std::vector<float> data = {0, 1, 2, 3, 0, -1, 4, 0};
    w.initializer = Tensor::fromVector(DType::Float32, {2, 1, 2, 2}, data);
    ValueId wi = graph->addValue(w);
    Value y;
    y.name = "y";
    y.dtype = DType::Float32;
    ValueId yi = graph->addValue(y);
    Node conv;
    conv.name = "/conv/Conv";
    conv.opType = "Conv";
    conv.inputs = {xi, wi};
    conv.outputs = {yi};
    conv.attrs.set("kernel_shape", std::vector<int64_t>{2, 2});
    NodeId ci = graph->addNode(conv);
    graph->outputs.push_back(yi);
    NodeInspector inspector;
    inspector.resize(420, 600);
    inspector.show();
    inspector.showNode(graph, ci);
    QCOMPARE(inspector.weightCount(), 1);
    const TensorStats& s = inspector.currentStats();
    QVERIFY(s.valid);
    QCOMPARE(s.min, -1.0);
    QCOMPARE(s.max, 4.0);
    QCOMPARE(s.mean, 9.0 / 8.0);
    QCOMPARE(s.sparsity, 3.0 / 8.0);
    QVERIFY(!inspector.properties()
                 ->findItems(QStringLiteral("kernel_shape"), Qt::MatchRecursive)
                 .isEmpty());
    QString path =
        QString::fromStdString(mbtest::makeTempDir("inspector")) + QStringLiteral("/w.npy");
    QCOMPARE(inspector.exportCurrentWeight(path), QString());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QByteArray bytes = file.readAll();
    QVERIFY(bytes.startsWith("\x93NUMPY"));
    QVERIFY(bytes.contains("'shape': (2, 1, 2, 2)"));
    QCOMPARE(bytes.size() % 64, 32);  // 64-aligned header + 32 bytes of float32 data
    QVERIFY(!inspector.exportCurrentWeight(QStringLiteral("/nonexistent-dir/w.npy")).isEmpty());
    saveShot(&inspector, QStringLiteral("inspector.png"));
  }
};

QTEST_MAIN(GraphViewTest)
#include "test_graph_view.moc"
