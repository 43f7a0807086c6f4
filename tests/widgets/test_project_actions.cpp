// Projects in the workbench, end to end on fixture models: save and reopen (settings equal), the
// modified marker, a changed or missing model explained, a malformed .mbproj (message with the
// JSON path, window still usable), File › Export equal to `mindbridge-cli convert --project`,
// recovery after the real binary is killed mid-edit, and the dark palette. Screenshots go to
// build/release/screenshots/.
#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QPainter>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>
#include <QUrl>
#include <map>
#include <nlohmann/json.hpp>

#include "emit/sha256.h"
#include "export_dialog.h"
#include "graph_pane.h"
#include "graph_view.h"
#include "main_window.h"
#include "project_actions.h"
#include "project_autosave.h"
#include "test_paths.h"
#include "theme.h"

using namespace mb;

namespace {

QString fixtureModel(const char* name) {
  return QString::fromStdString(mbtest::fixture(std::string("models/") + name));
}

void saveShot(QWidget* w, const QString& name) {
  QDir().mkpath(QStringLiteral(MB_SCREENSHOT_DIR));
  QVERIFY(w->grab().save(QStringLiteral(MB_SCREENSHOT_DIR "/") + name));
}

ProjectActions* projectsOf(MainWindow& w) {
  return w.findChild<ProjectActions*>();
}

bool waitReady(MainWindow& w, const std::function<void()>& start) {
  QSignalSpy ready(&w, &MainWindow::modelReady);
  start();
  return ready.wait(60000);
}

QByteArray readAll(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Project JSON with the model fields set aside (the in-memory project keeps the model path
// absolute and learns the digest only when saved).
std::string settingsJson(project::Project p) {
  p.modelPath.clear();
  p.modelSha256.clear();
  return project::projectToJson(p);
}

void editSettings(project::Project& p) {
  p.tolerance.atol = 2.5e-4;
  p.tolerance.rtol = 1e-3;
  p.layerTolerances["/fc/Gemm"] = compare::Tolerance{1e-2, 0};
  p.diff.seed = 42;
  p.diff.samples = 2;
}

}  // namespace

class ProjectActionsTest : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  QString path(const QString& name) const { return dir_.filePath(name); }

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    QSettings().clear();
  }

  void saveReopenAndModifiedMarker() {
    const QString model = fixtureModel("tiny_cnn_op13_eval.onnx");
    MainWindow w;
    w.show();
    ProjectActions* actions = projectsOf(w);
    QVERIFY(actions);
    QVERIFY(waitReady(w, [&] { w.openModel(model); }));
    QCOMPARE(QString::fromStdString(w.session()->project().modelPath),
             QFileInfo(model).absoluteFilePath());
    QVERIFY(!w.isWindowModified());
    QVERIFY(w.windowTitle().contains(QStringLiteral("tiny_cnn_op13_eval.onnx[*]")));

    w.session()->edit(QStringLiteral("tolerances"), MigrationSession::Tolerances, editSettings);
    QVERIFY(w.session()->modified());
    QVERIFY(w.isWindowModified());

    const QString file = path(QStringLiteral("saved/tiny.mbproj"));
    QDir().mkpath(path(QStringLiteral("saved")));
    QVERIFY(actions->saveAs(file));
    QVERIFY(!w.isWindowModified());
    QVERIFY(w.windowTitle().startsWith(QStringLiteral("tiny.mbproj[*]")));
    QVERIFY(w.recentFiles().first() == file);
    auto stored = project::loadProject(file.toStdString());
    QVERIFY(stored);
    QVERIFY2(!QDir::isAbsolutePath(QString::fromStdString(stored->modelPath)),
             stored->modelPath.c_str());
    QCOMPARE(stored->modelSha256, *emitter::sha256File(model.toStdString()));
    QCOMPARE(stored->tolerance.atol, 2.5e-4);

    // Reopen in a fresh window, through drag and drop: the same settings, not modified.
    MainWindow again;
    again.show();
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(file)});
    QVERIFY(waitReady(again, [&] { QVERIFY(again.openDropped(&mime)); }));
    QCOMPARE(again.session()->projectPath(), file);
    QCOMPARE(settingsJson(again.session()->project()), settingsJson(w.session()->project()));
    QCOMPARE(again.session()->project().modelPath, w.session()->project().modelPath);
    QVERIFY(!again.session()->modified());
    QVERIFY(!again.isWindowModified());
    QCOMPARE(again.model()->path, QFileInfo(model).absoluteFilePath());

    // Closing with unsaved changes: Cancel keeps the window open, Discard closes it.
    again.session()->edit(QStringLiteral("seed"), MigrationSession::Tolerances,
                          [](project::Project& p) { p.diff.seed = 7; });
    qputenv("MB_UNSAVED_ANSWER", "cancel");
    QVERIFY(!again.close());
    QVERIFY(again.isVisible());
    qputenv("MB_UNSAVED_ANSWER", "discard");
    QVERIFY(again.close());
    qunsetenv("MB_UNSAVED_ANSWER");
  }

  void changedAndMissingModelAreExplained() {
    const QString model = path(QStringLiteral("moved/model.onnx"));
    QDir().mkpath(path(QStringLiteral("moved")));
    QVERIFY(QFile::copy(fixtureModel("tiny_cnn_op13_eval.onnx"), model));
    const QString file = path(QStringLiteral("moved/model.mbproj"));
    {
      MainWindow w;
      QVERIFY(waitReady(w, [&] { w.openModel(model); }));
      QVERIFY(projectsOf(w)->saveAs(file));
    }
    // Another model under the same name: the digest differs.
    QVERIFY(QFile::remove(model));
    QVERIFY(QFile::copy(fixtureModel("tiny_cnn_op11_eval.onnx"), model));
    MainWindow w;
    w.show();
    QVERIFY(waitReady(w, [&] { QVERIFY(projectsOf(w)->openProject(file)); }));
    const QString changed = projectsOf(w)->lastMessage();
    QVERIFY2(changed.contains(QStringLiteral("changed since the project was saved")),
             qPrintable(changed));
    QCOMPARE(w.session()->projectPath(), file);

    // Gone: explained, and the project still opens (settings kept, no model).
    QVERIFY(QFile::remove(model));
    MainWindow w2;
    w2.show();
    QVERIFY(projectsOf(w2)->openProject(file));
    QTest::qWait(20);
    const QString missing = projectsOf(w2)->lastMessage();
    QVERIFY2(missing.contains(QStringLiteral("was not found")), qPrintable(missing));
    QVERIFY2(missing.contains(QStringLiteral("Open Model")), qPrintable(missing));
    QCOMPARE(w2.session()->projectPath(), file);
    saveShot(&w2, QStringLiteral("project_missing_model.png"));
    // Pointing the project at the model's new place: an undoable edit, saved as a relative path.
    const QString newPlace = path(QStringLiteral("moved/elsewhere/model.onnx"));
    QDir().mkpath(path(QStringLiteral("moved/elsewhere")));
    QVERIFY(QFile::copy(fixtureModel("tiny_cnn_op13_eval.onnx"), newPlace));
    QVERIFY(waitReady(w2, [&] { w2.openModel(newPlace); }));
    QVERIFY(w2.session()->modified());
    QCOMPARE(QString::fromStdString(w2.session()->project().modelPath), newPlace);
    QVERIFY(projectsOf(w2)->save());
    auto stored = project::loadProject(file.toStdString());
    QVERIFY(stored);
    QCOMPARE(stored->modelPath, std::string("elsewhere/model.onnx"));
    QVERIFY(project::checkSourceModel(*stored, file.toStdString()).ok());
  }

  void malformedProjectGivesJsonPathAndWindowStaysUsable() {
    project::Project p;
    p.modelPath = "model.onnx";
    p.inputs.push_back({"input", {Dim(1), Dim(3)}});
    auto json = nlohmann::json::parse(project::projectToJson(p));
    json["inputs"][0]["shape"] = "not a shape";
    const QString file = path(QStringLiteral("broken.mbproj"));
    QFile out(file);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(QByteArray::fromStdString(json.dump(2)));
    out.close();
    MainWindow w;
    w.show();
    w.openFile(file);  // as the command line, a drop or Open Recent would
    const QString message = projectsOf(w)->lastMessage();
    QVERIFY2(message.contains(QStringLiteral("inputs[0].shape")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("broken.mbproj")), qPrintable(message));
    QVERIFY(w.session()->projectPath().isEmpty());
    // Still usable: a model opens afterwards.
    QVERIFY(waitReady(w, [&] { w.openModel(fixtureModel("tiny_cnn_op13_eval.onnx")); }));
  }

  void exportEqualsCliConvertProject() {
    const QString model = fixtureModel("resnet18_op13_eval.onnx");
    MainWindow w;
    w.resize(1400, 900);
    w.show();
    QVERIFY(waitReady(w, [&] { w.openModel(model); }));
    w.session()->edit(QStringLiteral("tolerances"), MigrationSession::Tolerances, editSettings);
    const QString projectFile = path(QStringLiteral("export/resnet18.mbproj"));
    QDir().mkpath(path(QStringLiteral("export")));
    QVERIFY(projectsOf(w)->saveAs(projectFile));

    ExportDialog* dialog = projectsOf(w)->exportDialog();
    const QString out = path(QStringLiteral("export/out"));
    dialog->start();
    dialog->folderEdit()->setText(out);
    dialog->show();
    saveShot(dialog, QStringLiteral("export_dialog.png"));
    QSignalSpy finished(dialog, &ExportDialog::finished);
    QElapsedTimer clock;
    clock.start();
    QVERIFY(dialog->exportTo(out));
    saveShot(dialog, QStringLiteral("export_dialog_running.png"));
    QVERIFY(finished.wait(120000));
    const qint64 ms = clock.elapsed();
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    qInfo("resnet18 export (pictures, HTML, PDF, all CLI files): %lld ms wall-clock, job %.2f s",
          static_cast<long long>(ms), dialog->lastSeconds());
    saveShot(dialog, QStringLiteral("export_dialog_done.png"));
    dialog->hide();

    // The HTML shows pictures that exist; the PDF is a PDF.
    const QString html = QString::fromUtf8(readAll(out + QStringLiteral("/report.html")));
    QRegularExpression img(QStringLiteral("<img src=\"(figures/[^\"]+)\""));
    int pictures = 0;
    for (auto it = img.globalMatch(html); it.hasNext(); ++pictures) {
      const QString rel = it.next().captured(1);
      QVERIFY2(QFileInfo(out + QLatin1Char('/') + rel).size() > 1000, qPrintable(rel));
    }
    QVERIFY2(pictures >= 2, qPrintable(QString::number(pictures)));
    const QByteArray pdf = readAll(out + QStringLiteral("/report.pdf"));
    QVERIFY(pdf.startsWith("%PDF"));
    QVERIFY2(pdf.count("/Subtype /Image") >= 2, "the PDF has no pictures");  // both graphs

    // The CLI on the saved project, into the same folder path (report.json lists absolute file
    // paths): the GUI's folder moves aside first.
    const QString gui = path(QStringLiteral("export/gui"));
    QVERIFY(QDir().rename(out, gui));
    QProcess cli;
    cli.start(QString::fromStdString(mbtest::cliExe()),
              {QStringLiteral("convert"), QStringLiteral("--project"), projectFile,
               QStringLiteral("--output"), out});
    QVERIFY(cli.waitForFinished(120000));
    QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
    const QString stem = QStringLiteral("resnet18_op13_eval");
    const QStringList same = {stem + QStringLiteral(".py"),
                              stem + QStringLiteral(".ckpt"),
                              QStringLiteral("weight_map_of_") + stem + QStringLiteral(".json"),
                              QStringLiteral("report_of_") + stem + QStringLiteral(".txt"),
                              QStringLiteral("operator_scanning_report.csv"),
                              QStringLiteral("validate.py"),
                              QStringLiteral("export_mindir.py")};
    for (const QString& name : same) {
      const QByteArray a = readAll(gui + QLatin1Char('/') + name);
      QVERIFY2(!a.isEmpty(), qPrintable(name));
      QVERIFY2(a == readAll(out + QLatin1Char('/') + name), qPrintable(name + " differs"));
    }
    // report.json: identical except "seconds" (the only time-dependent field: the run's duration).
    auto guiJson =
        nlohmann::json::parse(readAll(gui + QStringLiteral("/report.json")).toStdString());
    auto cliJson =
        nlohmann::json::parse(readAll(out + QStringLiteral("/report.json")).toStdString());
    QVERIFY(guiJson.contains("seconds"));
    guiJson.erase("seconds");
    cliJson.erase("seconds");
    QVERIFY2(guiJson == cliJson, "report.json differs beyond its duration");
    QVERIFY(!QFileInfo::exists(out + QStringLiteral("/report.pdf")));
  }

  void exportWithDiffPlotsItAndEqualsCliDiff() {
    MainWindow w;
    w.show();
    QVERIFY(waitReady(w, [&] { w.openModel(fixtureModel("tiny_cnn_op13_eval.onnx")); }));
    const QString projectFile = path(QStringLiteral("diff/tiny.mbproj"));
    QDir().mkpath(path(QStringLiteral("diff")));
    QVERIFY(projectsOf(w)->saveAs(projectFile));
    ExportDialog* dialog = projectsOf(w)->exportDialog();
    const QString out = path(QStringLiteral("diff/out"));
    dialog->diffBox()->setChecked(true);
    QSignalSpy finished(dialog, &ExportDialog::finished);
    QVERIFY(dialog->exportTo(out));
    QVERIFY(finished.wait(120000));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    dialog->diffBox()->setChecked(false);
    const QString html = QString::fromUtf8(readAll(out + QStringLiteral("/report.html")));
    QVERIFY(html.contains(QStringLiteral("src=\"figures/layer_diff.png\"")));
    QVERIFY(QImage(out + QStringLiteral("/figures/layer_diff.png")).width() >= 1000);
    // Artifacts to look at: the plot, and the report as the PDF lays it out (QTextDocument).
    QDir().mkpath(QStringLiteral(MB_SCREENSHOT_DIR));
    QFile::remove(QStringLiteral(MB_SCREENSHOT_DIR "/export_layer_diff.png"));
    QVERIFY(QFile::copy(out + QStringLiteral("/figures/layer_diff.png"),
                        QStringLiteral(MB_SCREENSHOT_DIR "/export_layer_diff.png")));
    {
      QTextDocument doc;
      doc.setBaseUrl(QUrl::fromLocalFile(out + QLatin1Char('/')));
      doc.setHtml(html);
      doc.setTextWidth(1000);
      QImage page(1000, std::min(4000, int(doc.size().height())), QImage::Format_RGB32);
      page.fill(Qt::white);
      QPainter painter(&page);
      doc.drawContents(&painter);
      painter.end();
      QVERIFY(page.save(QStringLiteral(MB_SCREENSHOT_DIR "/export_report.png")));
    }
    const QString gui = path(QStringLiteral("diff/gui"));
    QVERIFY(QDir().rename(out, gui));
    QProcess cli;
    cli.start(QString::fromStdString(mbtest::cliExe()),
              {QStringLiteral("convert"), QStringLiteral("--project"), projectFile,
               QStringLiteral("--diff"), QStringLiteral("--output"), out});
    QVERIFY(cli.waitForFinished(120000));
    QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
    for (const char* name : {"diff.json", "diff.csv", "tiny_cnn_op13_eval.py"}) {
      const QByteArray a = readAll(gui + QLatin1Char('/') + name);
      QVERIFY2(!a.isEmpty() && a == readAll(out + QLatin1Char('/') + name), name);
    }
  }

  void actionsHaveShortcutsAndTips() {
    MainWindow w;
    const std::map<QString, QKeySequence> expected = {
        {tr("&New Project"), QKeySequence::New},
        {tr("Open &Project…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O)},
        {tr("&Save Project"), QKeySequence::Save},
        {tr("Save Project &As…"), QKeySequence::SaveAs},
        {tr("&Export…"), QKeySequence(Qt::CTRL | Qt::Key_E)}};
    int found = 0;
    for (QAction* a : w.fileMenu()->actions()) {
      auto it = expected.find(a->text());
      if (it == expected.end()) continue;
      ++found;
      QCOMPARE(a->shortcut(), QKeySequence(it->second));
      QVERIFY(!a->statusTip().isEmpty());
    }
    QCOMPARE(found, 5);
  }

  void exportUntitledAndRefuseExistingFiles() {
    MainWindow w;
    QVERIFY(waitReady(w, [&] { w.openModel(fixtureModel("tiny_cnn_op13_eval.onnx")); }));
    QVERIFY(w.session()->projectPath().isEmpty());
    ExportDialog* dialog = projectsOf(w)->exportDialog();
    const QString out = path(QStringLiteral("untitled"));
    QSignalSpy finished(dialog, &ExportDialog::finished);
    QVERIFY(dialog->exportTo(out));
    QVERIFY(finished.wait(120000));
    QVERIFY2(finished.last().at(0).toBool(), qPrintable(dialog->lastMessage()));
    QVERIFY(dialog->lastFiles().contains(out + QStringLiteral("/report.pdf")));
    // Again into the same folder: refused by name, unless Replace is ticked.
    QVERIFY(dialog->exportTo(out));
    QVERIFY(finished.wait(120000));
    QVERIFY(!finished.last().at(0).toBool());
    QVERIFY2(dialog->lastMessage().contains(QStringLiteral("tiny_cnn_op13_eval.py")),
             qPrintable(dialog->lastMessage()));
    dialog->overwriteBox()->setChecked(true);
    QVERIFY(dialog->exportTo(out));
    QVERIFY(finished.wait(120000));
    QVERIFY2(finished.last().at(0).toBool(), qPrintable(dialog->lastMessage()));
    dialog->overwriteBox()->setChecked(false);
  }

  void exportCancelWritesNothing() {
    MainWindow w;
    QVERIFY(waitReady(w, [&] { w.openModel(fixtureModel("resnet18_op13_eval.onnx")); }));
    ExportDialog* dialog = projectsOf(w)->exportDialog();
    const QString out = path(QStringLiteral("cancelled"));
    QSignalSpy finished(dialog, &ExportDialog::finished);
    QVERIFY(dialog->exportTo(out));
    dialog->cancel();
    QVERIFY(finished.wait(120000));
    QVERIFY(!finished.first().at(0).toBool());
    QVERIFY2(dialog->lastMessage().contains(QStringLiteral("cancelled")),
             qPrintable(dialog->lastMessage()));
    QVERIFY(QDir(out).entryList(QDir::Files | QDir::NoDotAndDotDot).isEmpty());
  }

  void recoversAfterTheAppIsKilled() {
    // The real binary, offscreen, with its own data and settings folders; an edit through the
    // MB_TEST_EDIT_PROJECT hook, then SIGKILL once the recovery file is written.
    const QString home = path(QStringLiteral("killed"));
    const QString data = home + QStringLiteral("/data");
    QDir().mkpath(home);
    QVERIFY(
        QFile::copy(fixtureModel("tiny_cnn_op13_eval.onnx"), home + QStringLiteral("/tiny.onnx")));
    project::Project saved;
    saved.modelPath = "tiny.onnx";
    saved.modelSha256 = *emitter::sha256File((home + QStringLiteral("/tiny.onnx")).toStdString());
    const QString projectFile = home + QStringLiteral("/tiny.mbproj");
    QVERIFY(project::saveProject(saved, projectFile.toStdString()));
    project::Project edited = saved;
    editSettings(edited);
    const QString editFile = home + QStringLiteral("/edit.mbproj");
    QVERIFY(project::saveProject(edited, editFile.toStdString()));

    QProcess app;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("MB_NO_DIALOGS"), QStringLiteral("1"));
    env.insert(QStringLiteral("XDG_DATA_HOME"), data);
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/config"));
    env.insert(QStringLiteral("MB_TEST_EDIT_PROJECT"), editFile);
    app.setProcessEnvironment(env);
    app.start(QStringLiteral(MB_GUI_EXE), {projectFile});
    QVERIFY(app.waitForStarted(20000));
    const QString recovery = data + QStringLiteral("/MindBridge/MindBridge/recovery");
    QElapsedTimer clock;
    clock.start();
    while (QDir(recovery).entryList({QStringLiteral("*.json")}, QDir::Files).isEmpty() &&
           clock.elapsed() < 60000 && app.state() == QProcess::Running)
      QTest::qWait(100);
    QVERIFY2(!QDir(recovery).entryList({QStringLiteral("*.json")}, QDir::Files).isEmpty(),
             app.readAllStandardError().constData());
    app.kill();  // SIGKILL: no close event, no cleanup
    QVERIFY(app.waitForFinished(10000));
    QCOMPARE(app.exitStatus(), QProcess::CrashExit);

    // Start again (same data folder): the recovery is offered and taken.
    const QByteArray ownData = qgetenv("XDG_DATA_HOME");
    qputenv("XDG_DATA_HOME", data.toUtf8());
    qputenv("MB_RECOVERY_ANSWER", "recover");
    MainWindow w;
    w.show();
    QVERIFY(waitReady(w, [&] { QVERIFY(projectsOf(w)->offerRecovery()); }));
    qunsetenv("MB_RECOVERY_ANSWER");
    project::Project expected = edited;
    expected.modelPath =
        QDir::cleanPath(home + QStringLiteral("/tiny.onnx")).toStdString();  // absolute in memory
    QCOMPARE(project::projectToJson(w.session()->project()), project::projectToJson(expected));
    QCOMPARE(w.session()->projectPath(), projectFile);
    QVERIFY(w.isWindowModified());
    // The recovered edit is one undoable step on top of the saved project.
    w.session()->undoStack()->undo();
    QCOMPARE(w.session()->project().tolerance.atol, saved.tolerance.atol);
    QVERIFY(!w.session()->modified());
    // Taken: the orphan is gone, so a later start offers nothing.
    MainWindow later;
    QVERIFY(!projectsOf(later)->offerRecovery());

    QScopedPointer<QMessageBox> prompt(projectsOf(w)->makeRecoveryPrompt(
        QStringLiteral("tiny.mbproj"), QStringLiteral("22/11/2026 13:05")));
    prompt->show();
    saveShot(prompt.data(), QStringLiteral("recovery_prompt.png"));
    qputenv("XDG_DATA_HOME", ownData);
  }

  void darkPaletteKeepsTextReadable() {
    MainWindow w;
    w.resize(1400, 860);
    w.show();
    QVERIFY(waitReady(w, [&] { w.openModel(fixtureModel("resnet18_op13_eval.onnx")); }));
    setThemePreference(Theme::Dark);
    QCOMPARE(themePreference(), Theme::Dark);
    applyTheme(Theme::Dark);
    QVERIFY(isDarkPalette(QApplication::palette()));
    const QPalette p = QApplication::palette();
    QVERIFY(p.color(QPalette::WindowText).lightness() - p.color(QPalette::Window).lightness() >
            150);
    QVERIFY(p.color(QPalette::Text).lightness() - p.color(QPalette::Base).lightness() > 150);
    QTest::qWait(50);
    saveShot(&w, QStringLiteral("main_dark.png"));
    // The graph canvas keeps its light background, so node colours and text read the same.
    const QImage canvas = w.sourcePane()->view()->viewport()->grab().toImage();
    QCOMPARE(QColor(canvas.pixel(3, canvas.height() - 3)).lightness(), 255);
    applyTheme(Theme::Light);
    QVERIFY(!isDarkPalette(QApplication::palette()));
    saveShot(&w, QStringLiteral("main_light.png"));
    setThemePreference(Theme::System);
    applyTheme(Theme::System);
  }
};

int main(int argc, char** argv) {
  // Settings and autosave files of this test stay in a private folder.
  QTemporaryDir home;
  qputenv("XDG_CONFIG_HOME", (home.path() + QStringLiteral("/config")).toUtf8());
  qputenv("XDG_DATA_HOME", (home.path() + QStringLiteral("/data")).toUtf8());
  qputenv("QT_QPA_PLATFORM", "offscreen");
  qputenv("MB_NO_DIALOGS", "1");
  QApplication app(argc, argv);
  // The binary's names, so the recovery test reads the folder the killed app wrote.
  QApplication::setOrganizationName(QStringLiteral("MindBridge"));
  QApplication::setApplicationName(QStringLiteral("MindBridge"));
  ProjectActionsTest test;
  return QTest::qExec(&test, argc, argv);
}

#include "test_project_actions.moc"
