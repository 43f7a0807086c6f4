// The weight-mapping editor end to end on resnet18 (training export: BatchNorm kept, initializers
// named like the state dict): 100 % mapped; a mapping broken by editing a MindSpore name shows the
// shape mismatch / missing / unexpected rows and is fixed by dropping the source row onto the
// parameter's row (model API and the view's real drop path); undo and redo walk the states; a regex
// rule with preview maps a `backbone.`-prefixed state dict; weight_map.json exports and imports;
// an incomplete mapping writes no checkpoint (test_weight_map_panel.cpp compares a written one
// with `mindbridge-cli pth2ckpt`'s byte for byte); a broken .pth dropped on the window is a clear
// error that changes nothing; with no model open, a weight file's tensors are listed with their
// statistics. Screenshots go to build/release/screenshots/.
#include <QAction>
#include <QDialogButtonBox>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QMenu>
#include <QMimeData>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QUrl>
#include <fstream>
#include <nlohmann/json.hpp>

#include "main_window.h"
#include "regex_rule_dialog.h"
#include "test_paths.h"
#include "weight_map_panel.h"
#include "weight_tensor_model.h"

using namespace mb;
using weights::MatchStatus;

namespace {

const QString kModel = QString::fromStdString(mbtest::fixture("models/resnet18_op17_train.onnx"));
const QString kStateDict = QString::fromStdString(mbtest::fixture("data/resnet18/state_dict.pth"));

void saveShot(QWidget* w, const QString& name) {
  QDir().mkpath(QStringLiteral(MB_SCREENSHOT_DIR));
  QVERIFY(w->grab().save(QStringLiteral(MB_SCREENSHOT_DIR "/") + name));
}

bool openModel(MainWindow& w, const QString& path) {
  QSignalSpy ready(&w, &MainWindow::modelReady);
  w.openModel(path);
  return ready.wait(120000);
}

bool openWeights(WeightMapPanel* panel, const QString& path) {
  QSignalSpy loaded(panel, &WeightMapPanel::weightsLoaded);
  QSignalSpy failed(panel, &WeightMapPanel::weightsFailed);
  panel->openWeights(path);
  return loaded.wait(60000) && failed.isEmpty();
}

// Targets (MindSpore parameters) in the mapping, and how many of them have a source.
size_t targetCount(const weights::MappingResult& m) {
  return m.matched() + m.count(MatchStatus::Missing) + m.count(MatchStatus::ShapeMismatch) +
         m.count(MatchStatus::TypeMismatch);
}

MatchStatus statusOfSource(const WeightMapModel* model, const QString& source) {
  const int row = model->rowOfSource(source);
  return row < 0 ? MatchStatus::Missing : model->entry(row).status;
}

QByteArray readAll(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Runs Debian's python with torch; empty string on success, else what went wrong.
QString runPython(const QString& script) {
  QProcess p;
  p.start(QString::fromStdString(mbtest::pythonExe()), {QStringLiteral("-c"), script});
  if (!p.waitForFinished(120000)) return QStringLiteral("python timed out");
  if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
    return QString::fromUtf8(p.readAllStandardError());
  return {};
}

struct Fixture {
  MainWindow window;
  WeightMapPanel* panel = nullptr;
  WeightMapModel* model = nullptr;
  Fixture() {
    window.resize(1400, 900);
    window.show();
    panel = window.findChild<WeightMapPanel*>();
    if (panel) model = panel->model();
  }
};

}  // namespace

class TestWeightMap : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    qputenv("MB_NO_DIALOGS", "1");
    tmp_ = QString::fromStdString(mbtest::makeTempDir("weight_map_gui"));
  }

  void resnet18MapsCompletelyAndEditsUndo() {
    Fixture f;
    QVERIFY(f.panel && f.model);
    QVERIFY(openModel(f.window, kModel));
    QElapsedTimer timer;
    timer.start();
    QVERIFY(openWeights(f.panel, kStateDict));
    qInfo("resnet18: read + mapped + table filled in %lld ms", timer.elapsed());
    const auto& m = f.model->mapping();
    QVERIFY(f.model->hasModel());
    QVERIFY(m.complete());
    QVERIFY(targetCount(m) > 100);
    QCOMPARE(m.matched(), targetCount(m));
    QCOMPARE(m.count(MatchStatus::Dropped), size_t(20));  // num_batches_tracked
    QVERIFY(f.panel->summary().contains(
        QStringLiteral("%1 of %1").arg(m.matched())));  // "102 of 102 … matched"
    auto* dock = qobject_cast<QDockWidget*>(f.panel->parentWidget());
    QVERIFY(dock);
    dock->show();
    QUndoStack* undo = f.window.session()->undoStack();
    const int steps = undo->count();

    // Break: edit conv1.weight's MindSpore name to a parameter of another shape.
    const int row = f.model->rowOfSource(QStringLiteral("conv1.weight"));
    QVERIFY(row >= 0);
    QVERIFY(f.model->flags(f.model->index(row, WeightMapModel::Target)) & Qt::ItemIsEditable);
    QVERIFY(f.model->setData(f.model->index(row, WeightMapModel::Target),
                             QStringLiteral("bn1.gamma"), Qt::EditRole));
    QCOMPARE(undo->count(), steps + 1);
    QVERIFY(!f.model->mapping().complete());
    QCOMPARE(statusOfSource(f.model, QStringLiteral("conv1.weight")), MatchStatus::ShapeMismatch);
    QCOMPARE(statusOfSource(f.model, QStringLiteral("bn1.weight")), MatchStatus::Unexpected);
    const int missing = f.model->rowOfTarget(QStringLiteral("conv1.weight"));
    QVERIFY(missing >= 0);
    QCOMPARE(f.model->entry(missing).status, MatchStatus::Missing);
    QVERIFY(f.model->unmatchedTargets().contains(QStringLiteral("conv1.weight")));
    QVERIFY(f.model->data(f.model->index(missing, WeightMapModel::Status), Qt::BackgroundRole)
                .isValid());
    f.panel->setFilter(WeightMapModel::Group::Problems, QString());
    QCOMPARE(f.panel->view()->model()->rowCount(), 3);
    f.panel->setFilter(WeightMapModel::Group::All, QStringLiteral("1"));
    dock->resize(1400, 420);
    f.window.resize(1400, 1000);
    QTest::qWait(50);
    saveShot(f.panel, QStringLiteral("weight_map_broken.png"));
    f.panel->setFilter(WeightMapModel::Group::All, QString());

    // Fix: drop the conv1.weight source row onto the conv1.weight parameter's row.
    {
      const int from = f.model->rowOfSource(QStringLiteral("conv1.weight"));
      std::unique_ptr<QMimeData> mime(
          f.model->mimeData({f.model->index(from, WeightMapModel::Source)}));
      QVERIFY(mime);
      const QModelIndex onto = f.model->index(f.model->rowOfTarget(QStringLiteral("conv1.weight")),
                                              WeightMapModel::Target);
      QVERIFY(f.model->canDropMimeData(mime.get(), Qt::CopyAction, -1, -1, onto));
      QVERIFY(f.model->dropMimeData(mime.get(), Qt::CopyAction, -1, -1, onto));
    }
    QCOMPARE(undo->count(), steps + 2);
    QVERIFY(f.model->mapping().complete());
    QCOMPARE(statusOfSource(f.model, QStringLiteral("conv1.weight")), MatchStatus::MatchedOverride);

    // Undo (through Edit › Undo) and redo walk back and forth through the three states.
    QAction* undoAction = nullptr;
    for (QAction* a : f.window.editMenu()->actions())
      if (a->shortcut() == QKeySequence::Undo) undoAction = a;
    QVERIFY(undoAction);
    undoAction->trigger();
    QCOMPARE(statusOfSource(f.model, QStringLiteral("conv1.weight")), MatchStatus::ShapeMismatch);
    undo->undo();
    QVERIFY(f.model->mapping().complete());
    QCOMPARE(statusOfSource(f.model, QStringLiteral("conv1.weight")), MatchStatus::MatchedExact);
    undo->redo();
    QCOMPARE(statusOfSource(f.model, QStringLiteral("conv1.weight")), MatchStatus::ShapeMismatch);
    undo->redo();
    QVERIFY(f.model->mapping().complete());
    QCOMPARE(statusOfSource(f.model, QStringLiteral("conv1.weight")), MatchStatus::MatchedOverride);

    // The real drop path: break bn1.weight, then drop its source row on the view's target row.
    f.panel->pair(QStringLiteral("bn1.weight"), QStringLiteral("fc.bias"));
    QCOMPARE(statusOfSource(f.model, QStringLiteral("bn1.weight")), MatchStatus::ShapeMismatch);
    {
      const int from = f.model->rowOfSource(QStringLiteral("bn1.weight"));
      std::unique_ptr<QMimeData> mime(
          f.model->mimeData({f.model->index(from, WeightMapModel::Source)}));
      QTableView* view = f.panel->view();
      auto* proxy = view->model();
      QModelIndex onto;
      for (int r = 0; r < proxy->rowCount(); ++r)
        if (proxy->index(r, WeightMapModel::Target).data().toString() ==
            QStringLiteral("bn1.gamma"))
          onto = proxy->index(r, WeightMapModel::Target);
      QVERIFY(onto.isValid());
      view->scrollTo(onto);
      const QPoint at = view->visualRect(onto).center();
      QDragEnterEvent enter(at, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
      QCoreApplication::sendEvent(view->viewport(), &enter);
      QDragMoveEvent move(at, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
      QCoreApplication::sendEvent(view->viewport(), &move);
      QVERIFY(move.isAccepted());
      QDropEvent drop(at, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
      QCoreApplication::sendEvent(view->viewport(), &drop);
    }
    QVERIFY(f.model->mapping().complete());
    QCOMPARE(statusOfSource(f.model, QStringLiteral("bn1.weight")), MatchStatus::MatchedOverride);
    f.panel->setFilter(WeightMapModel::Group::All, QStringLiteral("layer1.0"));
    QTest::qWait(50);
    saveShot(f.panel, QStringLiteral("weight_map_resnet18.png"));

    // Broken again, the checkpoint is refused and nothing is written.
    f.panel->pair(QStringLiteral("fc.weight"), QStringLiteral("fc.bias"));
    QVERIFY(!f.model->mapping().complete());
    const QString refused = tmp_ + QStringLiteral("/refused.ckpt");
    QSignalSpy written(f.panel, &WeightMapPanel::checkpointWritten);
    f.panel->writeCheckpoint(refused);
    QVERIFY(written.count() == 1 || written.wait(10000));
    QVERIFY(!written.first().at(1).toString().isEmpty());
    QVERIFY(!QFile::exists(refused));
  }

  void regexRuleMapsBackbonePrefixedStateDict() {
    const QString prefixed = tmp_ + QStringLiteral("/backbone.pth");
    const QString error =
        runPython(QStringLiteral("import torch\n"
                                 "sd = torch.load(r'%1')\n"
                                 "torch.save({'backbone.' + k: v for k, v in sd.items()}, "
                                 "r'%2')\n")
                      .arg(kStateDict, prefixed));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    Fixture f;
    QVERIFY(openModel(f.window, kModel));
    QVERIFY(openWeights(f.panel, prefixed));
    auto byUserRule = [&] {
      size_t n = 0;
      for (const auto& e : f.model->mapping().entries) n += e.matchedBy == "user-rule";
      return n;
    };
    const size_t targets = targetCount(f.model->mapping());
    QCOMPARE(byUserRule(), size_t(0));
    for (const auto& e : f.model->mapping().entries)  // nothing matched by name
      QVERIFY(e.matchedBy != "exact" && e.matchedBy != "rule");

    RegexRuleDialog dialog(f.model->mapping(), f.panel);
    dialog.resize(820, 520);
    dialog.show();
    dialog.setRule(QStringLiteral("("), QString());  // invalid: said inline, cannot be added
    QCOMPARE(dialog.previewHits(), 0);
    QVERIFY(!dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->isEnabled());
    dialog.setRule(QStringLiteral("^backbone\\.(.*)$"), QStringLiteral("$1"));
    QVERIFY(dialog.preview()->rowCount() >= static_cast<int>(targets));
    // Without the engine the preview only knows names that are parameters as they are.
    const int literalHits = dialog.previewHits();
    QVERIFY(literalHits > 0 && literalHits < static_cast<int>(targets));
    // With it (as the panel opens the dialog), every parameter is reached, built-in renames too.
    dialog.setRemap([&](const weights::UserRule& rule) { return f.model->mappingWith(rule); });
    QCOMPARE(dialog.previewHits(), static_cast<int>(targets));
    bool gammaShown = false;
    for (int r = 0; r < dialog.preview()->rowCount(); ++r)
      if (dialog.preview()->item(r, 0)->text() == QStringLiteral("backbone.bn1.weight"))
        gammaShown = dialog.preview()->item(r, 2)->text().startsWith(QStringLiteral("bn1.gamma"));
    QVERIFY(gammaShown);
    QVERIFY(f.model->mapping().matched() < targets);  // the preview changed nothing yet
    QVERIFY(dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->isEnabled());
    QTest::qWait(50);
    saveShot(&dialog, QStringLiteral("weight_map_regex_dialog.png"));
    f.panel->addRule(dialog.pattern(), dialog.replacement());
    QVERIFY(f.model->mapping().complete());
    QCOMPARE(byUserRule(), targets);
    QCOMPARE(f.window.session()->project().weightMapping.rules.size(), size_t(1));

    // Export the weight map, undo the rule, import the map back: complete again, by override.
    const QString mapPath = tmp_ + QStringLiteral("/weight_map.json");
    QCOMPARE(f.panel->exportMap(mapPath), QString());
    const auto json = nlohmann::json::parse(readAll(mapPath).toStdString());
    QCOMPARE(json.size(), size_t(1));
    QCOMPARE(json.begin()->size(), f.model->mapping().entries.size());
    f.window.session()->undoStack()->undo();
    QVERIFY(!f.model->mapping().complete() || byUserRule() == 0);
    QCOMPARE(byUserRule(), size_t(0));
    QCOMPARE(f.panel->importMap(mapPath), QString());
    QVERIFY(f.model->mapping().complete());
    QCOMPARE(f.model->mapping().count(MatchStatus::MatchedOverride), targets);

    // Bad imports: a clear message naming the file, the project unchanged.
    const int steps = f.window.session()->undoStack()->count();
    const QString bad = tmp_ + QStringLiteral("/bad_map.json");
    for (const char* text : {"{not json", "[1, 2]", "{\"m\": [{\"source_weight\": 3}]}"}) {
      QFile out(bad);
      QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
      out.write(text);
      out.close();
      const QString message = f.panel->importMap(bad);
      QVERIFY2(message.contains(QStringLiteral("bad_map.json")), qPrintable(message));
    }
    QCOMPARE(f.panel->importMap(tmp_ + QStringLiteral("/absent.json")).isEmpty(), false);
    QCOMPARE(f.window.session()->undoStack()->count(), steps);
  }

  // Modules renamed (conv1 → stem, fc → classifier) and one tensor more than the model: the
  // engine's scope and position steps cannot pair them, Auto-match can, in one undoable step.
  void autoMatchPairsRenamedModulesByShape() {
    Fixture f;
    QVERIFY(openModel(f.window, kModel));
    QVERIFY(openWeights(f.panel, kStateDict));
    auto renamed = std::make_shared<weights::LoadedSources>(*f.model->sources());
    for (auto& [name, tensor] : renamed->tensors) {
      if (name.rfind("conv1.", 0) == 0) name = "stem." + name.substr(6);
      if (name.rfind("fc.", 0) == 0) name = "classifier." + name.substr(3);
    }
    renamed->tensors.emplace_back("aux.weight", Tensor::zeros(DType::Float32, {10}));
    f.model->setSources(renamed);
    QVERIFY(!f.model->mapping().complete());
    QCOMPARE(f.model->mapping().count(MatchStatus::Missing), size_t(3));
    const int steps = f.window.session()->undoStack()->count();
    QCOMPARE(f.panel->autoMatch(), 3);
    QCOMPARE(f.window.session()->undoStack()->count(), steps + 1);
    QCOMPARE(f.model->entry(f.model->rowOfSource(QStringLiteral("stem.weight"))).target,
             std::string("conv1.weight"));
    QCOMPARE(f.model->entry(f.model->rowOfSource(QStringLiteral("classifier.bias"))).target,
             std::string("fc.bias"));
    QCOMPARE(statusOfSource(f.model, QStringLiteral("aux.weight")), MatchStatus::Unexpected);
    QCOMPARE(f.model->mapping().count(MatchStatus::Missing), size_t(0));
    QCOMPARE(f.panel->autoMatch(), 0);  // nothing left to pair
    f.window.session()->undoStack()->undo();
    QCOMPARE(f.model->mapping().count(MatchStatus::Missing), size_t(3));
  }

  void brokenWeightFileDroppedIsAClearError() {
    Fixture f;
    QVERIFY(openModel(f.window, kModel));
    QVERIFY(openWeights(f.panel, kStateDict));
    const size_t before = f.model->mapping().entries.size();
    const QByteArray good = readAll(kStateDict);
    const QString dir = tmp_ + QStringLiteral("/dropped");  // nothing but the two bad files
    QVERIFY(QDir().mkpath(dir));
    const QString broken = dir + QStringLiteral("/broken.pth");
    {
      QFile out(broken);  // a torch zip cut in the middle
      QVERIFY(out.open(QIODevice::WriteOnly));
      out.write(good.left(good.size() / 3));
    }
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(broken)});
    QSignalSpy failed(f.panel, &WeightMapPanel::weightsFailed);
    QVERIFY(f.window.openDropped(&mime));
    QVERIFY(failed.wait(30000));
    const QString message = failed.first().at(1).toString();
    QVERIFY2(message.contains(QStringLiteral("broken.pth")), qPrintable(message));
    // The mapping of the good file stays, the window stays usable.
    QCOMPARE(f.model->mapping().entries.size(), before);
    QVERIFY(f.model->mapping().complete());
    QVERIFY(f.panel->weightsPath().endsWith(QStringLiteral("state_dict.pth")));
    QTRY_VERIFY_WITH_TIMEOUT(!f.window.busy(), 30000);  // no job left hanging
    const QString garbage = dir + QStringLiteral("/garbage.safetensors");
    {
      QFile out(garbage);
      QVERIFY(out.open(QIODevice::WriteOnly));
      out.write("\xff\xff\xff\xff\xff\xff\xff\x7fnot a header");
    }
    QSignalSpy failedAgain(f.panel, &WeightMapPanel::weightsFailed);
    f.window.openFile(garbage);
    QVERIFY(failedAgain.wait(30000));
    QVERIFY(failedAgain.first().at(1).toString().contains(QStringLiteral("garbage.safetensors")));
    QVERIFY(openWeights(f.panel, kStateDict));
    QCOMPARE(QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot),
             QStringList({QStringLiteral("broken.pth"), QStringLiteral("garbage.safetensors")}));
  }

  void weightFileWithoutModelListsTensors() {
    Fixture f;
    QSignalSpy loaded(f.panel, &WeightMapPanel::weightsLoaded);
    f.window.openFile(kStateDict);
    QVERIFY(loaded.wait(30000));
    auto* dock = qobject_cast<QDockWidget*>(f.panel->parentWidget());
    QVERIFY(dock && dock->isVisible());
    WeightTensorModel* tensors = f.panel->tensorModel();
    QVERIFY(tensors);
    auto* shown = qobject_cast<QSortFilterProxyModel*>(f.panel->view()->model());
    QVERIFY(shown && shown->sourceModel() == tensors);
    QCOMPARE(tensors->rowCount(), 122);  // resnet18's state dict with num_batches_tracked
    if (!tensors->statsReady()) {
      QSignalSpy stats(tensors, &WeightTensorModel::statsComputed);
      QVERIFY(stats.wait(30000));
    }
    int runningVar = -1, counter = -1;
    for (int r = 0; r < tensors->rowCount(); ++r) {
      const QString name = tensors->index(r, WeightTensorModel::Name).data().toString();
      if (name == QStringLiteral("bn1.running_var")) runningVar = r;
      if (name == QStringLiteral("bn1.num_batches_tracked")) counter = r;
    }
    QVERIFY(runningVar >= 0 && counter >= 0);
    QCOMPARE(tensors->index(runningVar, WeightTensorModel::ShapeColumn).data().toString(),
             QStringLiteral("[64]"));
    QCOMPARE(tensors->index(counter, WeightTensorModel::DTypeColumn).data().toString(),
             QStringLiteral("int64"));
    QVERIFY(tensors->stats(runningVar)->min > 0);  // variances
    QVERIFY(!tensors->index(runningVar, WeightTensorModel::Mean).data().toString().isEmpty());
    QVERIFY(!(tensors->flags(tensors->index(0, 0)) & Qt::ItemIsEditable));
    QTest::qWait(50);
    saveShot(f.panel, QStringLiteral("weight_file_tensors.png"));
    f.panel->setFilter(WeightMapModel::Group::All, QStringLiteral("RUNNING_VAR"));
    QCOMPARE(shown->rowCount(), 20);  // one per BatchNorm, case-insensitive
    f.panel->setFilter(WeightMapModel::Group::All, QString());
    QCOMPARE(shown->rowCount(), 122);

    // Opening a model afterwards maps the same weights onto it.
    QVERIFY(openModel(f.window, kModel));
    QTRY_VERIFY_WITH_TIMEOUT(f.model->hasModel(), 10000);
    QCOMPARE(f.panel->view()->model() == shown, false);
    QVERIFY(f.model->mapping().complete());
  }

  // Figures for a bigger model (not part of the suite's fixtures: make the files with torchvision's
  // resnet50, state_dict.pth + a training-mode ONNX export resnet50_train.onnx, and point
  // MB_WEIGHT_MAP_BENCH_DIR at them).
  void resnet50Figures() {
    const QString dir = qEnvironmentVariable("MB_WEIGHT_MAP_BENCH_DIR");
    if (dir.isEmpty()) QSKIP("MB_WEIGHT_MAP_BENCH_DIR not set: resnet50 figures not measured");
    Fixture f;
    QVERIFY(openModel(f.window, dir + QStringLiteral("/resnet50_train.onnx")));
    QElapsedTimer timer;
    timer.start();
    QVERIFY(openWeights(f.panel, dir + QStringLiteral("/state_dict.pth")));
    const qint64 open = timer.elapsed();
    QVERIFY(f.model->mapping().complete());
    // A mapping edit re-maps on the UI thread: the engine, the table reset and the column sizes.
    timer.restart();
    const int rounds = 10;
    for (int i = 0; i < rounds; ++i)
      f.panel->pair(QStringLiteral("fc.weight"), i % 2 ? QStringLiteral("fc.weight") : QString());
    const double edit = static_cast<double>(timer.elapsed()) / rounds;
    timer.restart();
    for (int i = 0; i < rounds; ++i) f.panel->view()->resizeColumnsToContents();
    const double resize = static_cast<double>(timer.elapsed()) / rounds;
    timer.restart();
    weights::mapWeights(f.model->sources()->tensors, [&] {
      std::vector<weights::TargetParam> targets;
      for (const auto& e : f.model->mapping().entries)
        if (!e.target.empty()) targets.push_back({e.target, e.targetShape, e.targetDType, {}});
      return targets;
    }());
    const double engine = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    qInfo(
        "resnet50: %zu source tensors, %zu parameters; read + map + fill %lld ms; one edit "
        "(re-map + table) %.1f ms, resizing the columns (on new weights or model only) %.1f ms; "
        "engine alone %.2f ms",
        f.model->sources()->tensors.size(), targetCount(f.model->mapping()), open, edit, resize,
        engine);
  }

 private:
  QString tmp_;
};

QTEST_MAIN(TestWeightMap)
#include "test_weight_map.moc"
