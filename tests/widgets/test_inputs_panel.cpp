// The Inputs panel end to end on fixture models: a shape edit re-converts (sizes and named dims),
// a bad dim text and a shape the model rejects stay inline in the row while the previous
// conversion stays, an output node picked in the graph converts the subgraph, undo restores, and
// the re-conversion latency of resnet18 after a shape edit. Saves a screenshot of the panel.
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QPushButton>

#include "emit/model_py_printer.h"
#include "emit/sha256.h"
#include "graph_pane.h"
#include "graph_scene.h"
#include "inputs_panel.h"
#include "main_window.h"
#include "project/project_source.h"
#include "test_paths.h"

using namespace mb;

namespace {

QString model(const char* name) {
  return QString::fromStdString(mbtest::fixture(std::string("models/") + name));
}

bool waitReady(MainWindow& w, const std::function<void()>& action, int ms = 60000) {
  QSignalSpy ready(&w, &MainWindow::modelReady);
  action();
  return ready.wait(ms);
}

std::vector<Dim> inputDims(const Graph& g) {
  return g.value(g.inputs.at(0)).shape.dims;
}

NodeId nodeNamed(const Graph& g, const std::string& name) {
  auto id = g.findNode(name);
  return id ? *id : kNoNode;
}

}  // namespace

class TestInputsPanel : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    qputenv("MB_NO_DIALOGS", "1");
    QCoreApplication::setOrganizationName(QStringLiteral("MindBridgeTest"));
    QCoreApplication::setApplicationName(QStringLiteral("inputs_panel"));
  }

  void dimTextParsing() {
    auto dims = project::parseDimsText(" batch, 3,224 ,224");
    QVERIFY(dims);
    QCOMPARE(dims->size(), size_t{4});
    QCOMPARE((*dims)[0].symbol, std::string("batch"));
    QCOMPARE((*dims)[3].value, int64_t{224});
    QCOMPARE(project::dimsText(*dims), std::string("batch,3,224,224"));
    for (const char* bad : {"", "1,,3", "1,-3", "0,3", "3x", "1,2.5", "99999999999999999"}) {
      auto r = project::parseDimsText(bad);
      QVERIFY2(!r, bad);
      QVERIFY2(!r.error().where.empty(), bad);
    }
  }

  void shapeEditReconverts() {
    MainWindow w;
    w.resize(1400, 900);
    w.show();
    QVERIFY(waitReady(w, [&] { w.openModel(model("dynamic_batch_op17_eval.onnx")); }));
    auto* panel = w.findChild<InputsPanel*>();
    QVERIFY(panel);
    QVERIFY(w.model()->converted);
    QCOMPARE(inputDims(*w.model()->converted).at(0).symbol, std::string("batch"));
    const int row = panel->rowOf(QStringLiteral("input"));
    QVERIFY(row >= 0);
    QCOMPARE(panel->table()->item(row, InputsPanel::ShapeColumn)->text(),
             QStringLiteral("batch,3,16,16"));

    // A size: the converted graph's input takes it, and the shapes downstream are re-inferred.
    QVERIFY(waitReady(w, [&] { QVERIFY(panel->setShapeText("input", "4,3,16,16")); }));
    QCOMPARE(inputDims(*w.model()->converted).at(0).value, int64_t{4});
    const Graph& source = *w.model()->source;
    QCOMPARE(source.value(source.outputs.at(0)).shape.dims.at(0).value, int64_t{4});
    QCOMPARE(w.session()->undoStack()->count(), 1);

    // A name renames the model's symbolic dim (typed through the table's cell editor path).
    QVERIFY(waitReady(w, [&] {
      panel->table()->item(row, InputsPanel::ShapeColumn)->setText(QStringLiteral("N,3,16,16"));
    }));
    QCOMPARE(inputDims(*w.model()->converted).at(0).symbol, std::string("N"));
    QCOMPARE(w.session()->undoStack()->count(), 2);

    // A bad text: inline error, nothing in the project, the conversion untouched.
    auto before = w.model();
    QVERIFY(!panel->setShapeText("input", "4,x-1,16,16"));
    QVERIFY2(panel->rowError("input").contains("dim 1"), qPrintable(panel->rowError("input")));
    QCOMPARE(panel->table()->item(row, InputsPanel::ShapeColumn)->text(),
             QStringLiteral("4,x-1,16,16"));
    QCOMPARE(w.session()->undoStack()->count(), 2);
    QTest::qWait(400);  // no re-conversion is scheduled
    QCOMPARE(w.model(), before);

    // A shape the model rejects (channels fixed to 3): the import error lands in the row.
    QSignalSpy failed(&w, &MainWindow::reconvertFailed);
    QVERIFY(panel->setShapeText("input", "4,5,16,16"));
    QVERIFY(failed.wait(30000));
    QVERIFY2(panel->rowError("input").contains("fixed"), qPrintable(panel->rowError("input")));
    QCOMPARE(w.model(), before);  // the previous conversion stays on screen
    QVERIFY(w.convertedPane()->isVisible());
    QDir().mkpath(QStringLiteral(MB_SCREENSHOT_DIR));
    QVERIFY(panel->grab().save(QStringLiteral(MB_SCREENSHOT_DIR "/inputs_panel_error.png")));

    // Undo the rejected shape and the rename: back to the size 4.
    QVERIFY(waitReady(w, [&] {
      w.session()->undoStack()->undo();
      w.session()->undoStack()->undo();
    }));
    QCOMPARE(inputDims(*w.model()->converted).at(0).value, int64_t{4});
    QVERIFY(panel->rowError("input").isEmpty());
    QVERIFY(waitReady(w, [&] { w.session()->undoStack()->undo(); }));
    QCOMPARE(inputDims(*w.model()->converted).at(0).symbol, std::string("batch"));
  }

  void outputNodeConvertsSubgraph() {
    MainWindow w;
    w.resize(1400, 900);
    w.show();
    QVERIFY(waitReady(w, [&] { w.openModel(model("tiny_cnn_op17_eval.onnx")); }));
    auto* panel = w.findChild<InputsPanel*>();
    const size_t fullSource = w.model()->source->nodes.size();
    const size_t fullConverted = w.model()->converted->nodes.size();
    QVERIFY(!panel->useSelectedAsOutput());  // nothing selected: says so, changes nothing
    QCOMPARE(w.session()->undoStack()->count(), 0);

    // Pick the first MaxPool in the source graph as the output node.
    const NodeId pool = nodeNamed(*w.model()->source, "/features/features.3/MaxPool");
    QVERIFY(pool != kNoNode);
    w.sourcePane()->scene()->selectNodes({pool}, true);
    QVERIFY(waitReady(w, [&] { QVERIFY(panel->useSelectedAsOutput()); }));
    QCOMPARE(w.session()->project().outputNodes,
             std::vector<std::string>{"/features/features.3/MaxPool"});
    QCOMPARE(panel->outputNodesEdit()->text(), QStringLiteral("/features/features.3/MaxPool"));
    QCOMPARE(w.model()->source->nodes.size(), size_t{3});  // Conv, Relu, MaxPool
    QVERIFY(w.model()->converted->nodes.size() < fullConverted);
    const Graph& cut = *w.model()->converted;
    QCOMPARE(cut.value(cut.outputs.at(0)).shape.rank(), size_t{4});  // a feature map, not logits

    // A cut point typed as an input node (a tensor inside the graph) with its shape.
    const Graph& src = *w.model()->source;
    const std::string reluOut = src.value(src.node(1).outputs.at(0)).name;
    w.sourcePane()->scene()->selectNodes({2}, true);  // MaxPool: its input is the Relu's output
    QVERIFY(waitReady(w, [&] { QVERIFY(panel->useSelectedAsInput()); }));
    QCOMPARE(w.session()->project().inputNodes, std::vector<std::string>{reluOut});
    QCOMPARE(w.model()->source->nodes.size(), size_t{1});  // only the MaxPool remains

    QVERIFY(waitReady(w, [&] { w.session()->undoStack()->undo(); }));
    QCOMPARE(w.model()->source->nodes.size(), size_t{3});
    // Typing output nodes: an unknown name is an error in the panel, the subgraph stays.
    QSignalSpy failed(&w, &MainWindow::reconvertFailed);
    panel->outputNodesEdit()->setText(QStringLiteral("/no/such/node"));
    emit panel->outputNodesEdit()->editingFinished();
    QVERIFY(failed.wait(30000));
    QVERIFY2(panel->statusLabel()->text().contains("no/such/node"),
             qPrintable(panel->statusLabel()->text()));
    QCOMPARE(w.model()->source->nodes.size(), size_t{3});
    QDir().mkpath(QStringLiteral(MB_SCREENSHOT_DIR));
    QVERIFY(w.grab().save(QStringLiteral(MB_SCREENSHOT_DIR "/inputs_window.png")));
    QVERIFY(waitReady(w, [&] {
      w.session()->undoStack()->undo();
      w.session()->undoStack()->undo();
    }));
    QCOMPARE(w.model()->source->nodes.size(), fullSource);
    QVERIFY(w.session()->project().outputNodes.empty());
  }

  // Opening a project (what File › Open Project does: reset the session, then open its model)
  // converts with its inputs and output nodes, and gives the model.py `convert --project` writes.
  void projectOpenMatchesCli() {
    const QString modelPath = model("dynamic_batch_op17_eval.onnx");
    const std::string dir = mbtest::makeTempDir("inputs_panel_project");
    const std::string projectPath = dir + "/p.mbproj";
    project::Project p;
    p.modelPath = project::relativeModelPath(modelPath.toStdString(), projectPath);
    p.inputs.push_back({"input", {Dim::known(2), Dim::known(3), Dim::known(16), Dim::known(16)}});
    p.outputNodes = {"/pool/GlobalAveragePool"};
    QVERIFY(project::saveProject(p, projectPath));

    MainWindow w;
    w.show();
    w.session()->reset(p, QString::fromStdString(projectPath));
    const QString resolved = QString::fromStdString(project::resolveModelPath(p, projectPath));
    QVERIFY(waitReady(w, [&] { w.openModel(resolved); }));
    QCOMPARE(inputDims(*w.model()->converted).at(0).value, int64_t{2});
    QCOMPARE(w.model()->source->nodes.size(), size_t{3});  // Conv, Relu, GlobalAveragePool
    auto* panel = w.findChild<InputsPanel*>();
    QCOMPARE(panel->outputNodesEdit()->text(), QStringLiteral("/pool/GlobalAveragePool"));
    QCOMPARE(panel->table()->item(0, InputsPanel::StatusColumn)->text(),
             QStringLiteral("set by you"));

    QProcess cli;
    cli.start(QString::fromStdString(mbtest::cliExe()),
              {"convert", "--project", QString::fromStdString(projectPath), "--output",
               QString::fromStdString(dir + "/out"), "--no-validation-data"});
    QVERIFY(cli.waitForFinished(120000));
    QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
    const std::string stem = QFileInfo(modelPath).completeBaseName().toStdString();
    QFile written(QString::fromStdString(dir + "/out/" + stem + ".py"));
    QVERIFY(written.open(QIODevice::ReadOnly));
    auto sha = emitter::sha256File(modelPath.toStdString());
    QVERIFY(sha);
    emitter::ModelPyOptions options{stem, QFileInfo(modelPath).fileName().toStdString(), *sha,
                                    stem + ".ckpt"};
    auto printed = emitter::printModelPy(*w.model()->converted, options);
    QVERIFY(printed);
    QCOMPARE(QString::fromStdString(printed->code), QString::fromUtf8(written.readAll()));
  }

  void resnet18ReconvertLatency() {
    MainWindow w;
    w.resize(1400, 900);
    w.show();
    QVERIFY(waitReady(
        w, [&] { w.openModel(model("resnet18_op17_eval.onnx")); }, 120000));
    auto* panel = w.findChild<InputsPanel*>();
    QElapsedTimer timer;
    timer.start();
    QVERIFY(waitReady(
        w, [&] { QVERIFY(panel->setShapeText("input", "1,3,96,96")); }, 120000));
    qInfo("resnet18: shape edit to re-converted and laid out: %lld ms (250 ms debounce included)",
          static_cast<long long>(timer.elapsed()));
    QVERIFY(w.model()->converted);
    // A re-conversion cancelled at once (Esc): the previous model stays, the window is idle.
    auto before = w.model();
    QVERIFY(panel->setShapeText("input", "1, 3, 96, 96 "));  // same dims: no edit
    panel->reconvertButton()->click();
    QVERIFY(w.reconverting());
    w.cancelWork();
    QVERIFY(!w.reconverting());
    QTest::qWait(1500);  // the dropped job must not land
    QCOMPARE(w.model(), before);
    QVERIFY(!w.busy());
    QVERIFY(panel->grab().save(QStringLiteral(MB_SCREENSHOT_DIR "/inputs_panel.png")));
  }
};

QTEST_MAIN(TestInputsPanel)
#include "test_inputs_panel.moc"
