// The weight-mapping editor on resnet18 (training-mode export, BatchNorm kept) and its PyTorch
// state dict: everything maps; a wrong pairing shows a conflict and a missing parameter, undo and
// redo restore both states, dropping the source row onto the parameter's row fixes it; a
// `backbone.`-prefixed state dict maps 100 % after a regex rule whose preview shows the hits;
// weight_map.json exported and imported back; the checkpoint written is byte-identical to
// `mindbridge-cli pth2ckpt`; broken files give errors and change nothing.
#include <QDockWidget>
#include <QFile>
#include <QMimeData>
#include <QProcess>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTest>

#include "main_window.h"
#include "regex_rule_dialog.h"
#include "test_paths.h"
#include "weight_map_panel.h"

using namespace mb;

namespace {

QString fixture(const std::string& rel) {
  return QString::fromStdString(mbtest::fixture(rel));
}

QByteArray readAll(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void saveShot(QWidget* w, const QString& name) {
  QDir().mkpath(QStringLiteral(MB_SCREENSHOT_DIR));
  QVERIFY(w->grab().save(QStringLiteral(MB_SCREENSHOT_DIR "/") + name));
}

bool openModel(MainWindow& w, const QString& path) {
  QSignalSpy ready(&w, &MainWindow::modelReady);
  w.openFile(path);
  return ready.wait(60000);
}

bool openWeights(MainWindow& w, WeightMapPanel* panel, const QString& path) {
  QSignalSpy loaded(panel, &WeightMapPanel::weightsLoaded);
  QSignalSpy failed(panel, &WeightMapPanel::weightsFailed);
  w.openFile(path);  // through the suffix opener, as a drop or the command line does
  for (int i = 0; i < 600 && loaded.isEmpty() && failed.isEmpty(); ++i) QTest::qWait(50);
  return !loaded.isEmpty();
}

bool problems(const WeightMapModel* m) {
  for (int r = 0; r < m->rowCount(); ++r)
    if (m->inGroup(r, WeightMapModel::Group::Problems)) return true;
  return false;
}

}  // namespace

class TestWeightMapPanel : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { qputenv("MB_NO_DIALOGS", "1"); }

  void mapBreakUndoAndFixByDrop() {
    MainWindow w;
    w.resize(1400, 900);
    w.show();
    auto* panel = w.findChild<WeightMapPanel*>();
    QVERIFY(panel);
    QVERIFY(openModel(w, fixture("models/resnet18_op17_train.onnx")));
    QVERIFY(openWeights(w, panel, fixture("data/resnet18/state_dict.pth")));
    WeightMapModel* m = panel->model();
    QVERIFY(m->mapping().complete());
    QVERIFY(!problems(m));
    QVERIFY2(panel->summary().contains("missing") && panel->summary().contains(" 0 missing"),
             qPrintable(panel->summary()));

    // Break it as a user would: type a wrong MindSpore name into fc.weight's row.
    const int fc = m->rowOfSource(QStringLiteral("fc.weight"));
    QVERIFY(fc >= 0);
    const QString conv1 =
        m->data(m->index(m->rowOfSource("conv1.weight"), WeightMapModel::Target), Qt::DisplayRole)
            .toString();
    QVERIFY(m->setData(m->index(fc, WeightMapModel::Target), conv1, Qt::EditRole));
    QVERIFY(!m->mapping().complete());
    QVERIFY(problems(m));
    bool conflict = false;
    for (int r = 0; r < m->rowCount(); ++r) conflict |= m->isConflict(r);
    QVERIFY(conflict);
    panel->setFilter(WeightMapModel::Group::Problems, {});
    QVERIFY(panel->view()->model()->rowCount() >= 2);
    w.findChild<QDockWidget*>(QStringLiteral("weightMappingDock"))->show();
    QTest::qWait(50);
    saveShot(&w, QStringLiteral("weight_mapping_conflict.png"));

    QUndoStack* undo = w.session()->undoStack();
    undo->undo();
    QVERIFY(m->mapping().complete());
    undo->redo();
    QVERIFY(!m->mapping().complete());

    // Fix by dragging the source row onto the parameter it belongs to.
    const int fcRow = m->rowOfSource(QStringLiteral("fc.weight"));
    const int missing = m->rowOfTarget(QStringLiteral("fc.weight"));
    QVERIFY(missing >= 0);
    QCOMPARE(m->entry(missing).status, weights::MatchStatus::Missing);
    std::unique_ptr<QMimeData> mime(m->mimeData({m->index(fcRow, WeightMapModel::Source)}));
    QVERIFY(mime);
    QVERIFY(m->canDropMimeData(mime.get(), Qt::CopyAction, -1, -1, m->index(missing, 0)));
    QVERIFY(m->dropMimeData(mime.get(), Qt::CopyAction, -1, -1, m->index(missing, 0)));
    QVERIFY(m->mapping().complete());
    QVERIFY(!problems(m));
    QCOMPARE(undo->count(), 2);  // the break and the fix, each one step
    panel->setFilter(WeightMapModel::Group::All, {});
    saveShot(&w, QStringLiteral("weight_mapping.png"));

    // The checkpoint is the one pth2ckpt writes for the same inputs, byte for byte.
    const QString dir = QString::fromStdString(mbtest::makeTempDir("weight_panel"));
    QSignalSpy written(panel, &WeightMapPanel::checkpointWritten);
    panel->writeCheckpoint(dir + "/gui.ckpt");
    QVERIFY(written.wait(60000));
    QCOMPARE(written.first().at(1).toString(), QString());
    QProcess cli;
    cli.start(QString::fromStdString(mbtest::cliExe()),
              {"pth2ckpt", "--pth", fixture("data/resnet18/state_dict.pth"), "--onnx",
               fixture("models/resnet18_op17_train.onnx"), "--out", dir + "/cli.ckpt", "--quiet"});
    QVERIFY(cli.waitForFinished(120000));
    QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
    const QByteArray gui = readAll(dir + "/gui.ckpt");
    QVERIFY(gui.size() > 1000000);
    QVERIFY(gui == readAll(dir + "/cli.ckpt"));
  }

  void regexRuleExportAndImport() {
    const QString dir = QString::fromStdString(mbtest::makeTempDir("weight_rules"));
    const QString prefixed = dir + "/backbone.pth";
    QProcess py;
    py.start(QString::fromStdString(mbtest::pythonExe()),
             {"-c",
              "import sys, torch; sd = torch.load(sys.argv[1]); "
              "torch.save({'backbone.' + k: v for k, v in sd.items()}, sys.argv[2])",
              fixture("data/resnet18/state_dict.pth"), prefixed});
    QVERIFY(py.waitForFinished(120000));
    QVERIFY2(py.exitCode() == 0, py.readAllStandardError().constData());

    MainWindow w;
    w.resize(1400, 900);
    w.show();
    auto* panel = w.findChild<WeightMapPanel*>();
    QVERIFY(openModel(w, fixture("models/resnet18_op17_train.onnx")));
    QVERIFY(openWeights(w, panel, prefixed));
    WeightMapModel* m = panel->model();
    QVERIFY(!m->mapping().complete());

    RegexRuleDialog dialog(m->mapping(), &w);
    dialog.setRule(QStringLiteral("^backbone\\.(.*)$"), QStringLiteral("$1"));
    QVERIFY(dialog.preview()->rowCount() > 50);
    QVERIFY(dialog.previewHits() > 0);
    dialog.show();
    QTest::qWait(20);
    saveShot(&dialog, QStringLiteral("weight_mapping_regex.png"));
    dialog.setRule(QStringLiteral("^backbone\\.(.*"), QStringLiteral("$1"));  // unbalanced
    QCOMPARE(dialog.preview()->rowCount(), 0);
    dialog.setRule(QStringLiteral("^backbone\\.(.*)$"), QStringLiteral("$1"));
    panel->addRule(dialog.pattern(), dialog.replacement());
    QVERIFY(m->mapping().complete());
    QCOMPARE(w.session()->project().weightMapping.rules.size(), size_t{1});

    // Export, start over without the rule, import the map back: complete again through pairs.
    QCOMPARE(panel->exportMap(dir + "/weight_map.json"), QString());
    w.session()->undoStack()->undo();
    QVERIFY(!m->mapping().complete());
    QCOMPARE(panel->importMap(dir + "/weight_map.json"), QString());
    QVERIFY(m->mapping().complete());
    QVERIFY(w.session()->project().weightMapping.overrides.size() > 50);

    // Bad imports: an error naming the file, the project unchanged.
    const auto before = w.session()->undoStack()->count();
    QFile bad(dir + "/bad.json");
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write("{\"m\": [{\"converted_weight\": {\"name\": 3}, \"source_weight\": {}}]}");
    bad.close();
    const QString error = panel->importMap(dir + "/bad.json");
    QVERIFY2(error.contains("bad.json") && error.contains("name"), qPrintable(error));
    QVERIFY(panel->importMap(dir + "/missing.json").contains("missing.json"));
    QCOMPARE(w.session()->undoStack()->count(), before);
  }

  void brokenWeightFileChangesNothing() {
    const QString dir = QString::fromStdString(mbtest::makeTempDir("weight_bad"));
    MainWindow w;
    w.show();
    auto* panel = w.findChild<WeightMapPanel*>();
    // No model open: the tensors are listed read-only.
    QVERIFY(openWeights(w, panel, fixture("data/resnet18/state_dict.pth")));
    QVERIFY(!panel->model()->hasModel());
    QVERIFY(panel->model()->rowCount() > 50);
    QVERIFY(panel->summary().contains("open the model"));
    const QString summary = panel->summary();
    QFile bad(dir + "/broken.pth");
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write("PK\x03\x04 this is not a torch file");
    bad.close();
    QSignalSpy failed(panel, &WeightMapPanel::weightsFailed);
    QVERIFY(!openWeights(w, panel, dir + "/broken.pth"));
    QCOMPARE(failed.count(), 1);
    QVERIFY2(failed.first().at(1).toString().contains("broken.pth"),
             qPrintable(failed.first().at(1).toString()));
    QCOMPARE(panel->summary(), summary);
    QVERIFY(!w.busy());
    QSignalSpy written(panel, &WeightMapPanel::checkpointWritten);
    panel->writeCheckpoint(dir + "/never.ckpt");
    QCOMPARE(written.count(), 1);
    QVERIFY(!written.first().at(1).toString().isEmpty());
    QVERIFY(!QFile::exists(dir + "/never.ckpt"));
  }
};

QTEST_MAIN(TestWeightMapPanel)
#include "test_weight_map_panel.moc"
