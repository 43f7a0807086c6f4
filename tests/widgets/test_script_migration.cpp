// The script migration window: a real model script (tests/migrate/models/resnet_basic.py) shown
// beside its rewrite with changed lines marked, a change rejected and accepted again, the reviewed
// script saved (and compiled by python), bad scripts refused with file:line:col, the .py opener on
// the workbench, and the parameter-key check against the converted ONNX export of the same model.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>
#include <fstream>

#include "code_view.h"
#include "main_window.h"
#include "migrate/script_migrator.h"
#include "script_migration_window.h"
#include "test_paths.h"

using namespace mb;

namespace {

QString script(const char* name) {
  return QString::fromStdString(mbtest::sourceDir() + "/tests/migrate/models/" + name);
}

QString readAll(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

int rowOf(QTreeWidget* list, const QString& from) {
  for (int i = 0; i < list->topLevelItemCount(); ++i)
    if (list->topLevelItem(i)->text(3) == from) return i;
  return -1;
}

void saveShot(QWidget* w, const QString& name) {
  QDir().mkpath(QStringLiteral(MB_SCREENSHOT_DIR));
  QVERIFY(w->grab().save(QStringLiteral(MB_SCREENSHOT_DIR "/") + name));
}

}  // namespace

class TestScriptMigration : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { qputenv("MB_NO_DIALOGS", "1"); }

  void showsBothSidesAndEveryChange() {
    ScriptMigrationWindow w(nullptr);
    QCOMPARE(w.openScript(script("resnet_basic.py")), QString());
    auto expected =
        migrate::migrateScript(readAll(script("resnet_basic.py")).toStdString(), "resnet_basic.py");
    QVERIFY(expected);
    QCOMPARE(w.rewrittenView()->toPlainText().toStdString(), expected->output);
    QCOMPARE(w.changeList()->topLevelItemCount(), static_cast<int>(expected->changes.size()));
    QVERIFY(!w.originalView()->lineMarks().empty());
    QVERIFY(!w.rewrittenView()->lineMarks().empty());
    // Line 3 (import torch.nn as nn) is rewritten: marked on the left.
    QVERIFY(w.originalView()->lineMarks().count(2));
    QVERIFY(w.summary().contains(QStringLiteral("%1 converted").arg(expected->converted)));
    w.show();
    w.changeList()->setCurrentItem(
        w.changeList()->topLevelItem(rowOf(w.changeList(), "torch.nn.Linear")));
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    saveShot(&w, QStringLiteral("script_migration.png"));
  }

  void rejectAndAcceptAChange() {
    ScriptMigrationWindow w(nullptr);
    QCOMPARE(w.openScript(script("resnet_basic.py")), QString());
    const int linear = rowOf(w.changeList(), QStringLiteral("torch.nn.Linear"));
    QVERIFY(linear >= 0);
    QVERIFY(w.rewrittenView()->toPlainText().contains("nn.Dense(512"));
    const QString before = w.summary();
    // Through the check box, as a user does.
    w.changeList()->topLevelItem(linear)->setCheckState(0, Qt::Unchecked);
    QVERIFY(w.rewrittenView()->toPlainText().contains("nn.Linear(512"));
    QVERIFY(!w.rewrittenView()->toPlainText().contains("nn.Dense(512"));
    QVERIFY(w.summary() != before);
    w.changeList()->topLevelItem(linear)->setCheckState(0, Qt::Checked);
    QVERIFY(w.rewrittenView()->toPlainText().contains("nn.Dense(512"));
    QCOMPARE(w.summary(), before);
    // Not-converted rows cannot be turned down: their markers keep the script honest.
    for (int i = 0; i < w.changeList()->topLevelItemCount(); ++i) {
      QTreeWidgetItem* item = w.changeList()->topLevelItem(i);
      if (item->text(2) == ScriptMigrationWindow::tr("Not converted"))
        QVERIFY(!(item->flags() & Qt::ItemIsUserCheckable));
    }
  }

  void targetApiSwitchRemigrates() {
    ScriptMigrationWindow w(nullptr);
    QCOMPARE(w.openScript(script("resnet_basic.py")), QString());
    w.setTargetApi(migrate::TargetApi::Mint);
    QVERIFY(w.rewrittenView()->toPlainText().contains("mint"));
    QVERIFY(w.summary().contains("mint"));
  }

  void savesReviewedScriptThatCompiles() {
    ScriptMigrationWindow w(nullptr);
    QCOMPARE(w.openScript(script("resnet_basic.py")), QString());
    w.setAccepted(rowOf(w.changeList(), QStringLiteral("torch.nn.Linear")), false);
    const QString dir = QString::fromStdString(mbtest::makeTempDir("script_save"));
    QCOMPARE(w.saveTo(dir), QString());
    const QString saved = readAll(dir + "/resnet_basic.py");
    QCOMPARE(saved, w.rewrittenView()->toPlainText());
    const QString report = readAll(dir + "/report_of_resnet_basic.txt");
    QVERIFY2(report.contains("[UnConvert] 'torch.nn.Linear'"), qPrintable(report));
    QVERIFY(readAll(dir + "/report_of_resnet_basic.json").contains("rejected in review"));
    // No staging leftovers.
    QCOMPARE(
        QDir(dir).entryList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden).size(),
        3);
    QProcess py;
    py.start(QString::fromStdString(mbtest::pythonExe()),
             {"-m", "py_compile", dir + "/resnet_basic.py"});
    QVERIFY(py.waitForFinished(60000));
    QVERIFY2(py.exitCode() == 0, py.readAllStandardError().constData());
  }

  void neverWritesOverTheOriginal() {
    const QString dir = QString::fromStdString(mbtest::makeTempDir("script_self"));
    const QString copy = dir + "/resnet_basic.py";
    QVERIFY(QFile::copy(script("resnet_basic.py"), copy));
    ScriptMigrationWindow w(nullptr);
    QCOMPARE(w.openScript(copy), QString());
    const QString error = w.saveTo(dir);
    QVERIFY2(error.contains("replace the original"), qPrintable(error));
    QCOMPARE(readAll(copy), readAll(script("resnet_basic.py")));
  }

  void badScriptsAreRefusedWithWhere() {
    const QString dir = QString::fromStdString(mbtest::makeTempDir("script_bad"));
    auto write = [&](const char* name, const std::string& text) {
      std::ofstream(QString(dir + "/" + name).toStdString(), std::ios::binary) << text;
      return dir + "/" + name;
    };
    ScriptMigrationWindow w(nullptr);
    QCOMPARE(w.openScript(script("vgg11.py")), QString());
    const QString shown = w.rewrittenView()->toPlainText();
    const QString syntax = w.openScript(write("syntax.py", "import torch\ndef f(:\n"));
    QVERIFY2(syntax.contains("syntax.py:2:"), qPrintable(syntax));
    const QString binary = w.openScript(write("binary.py", std::string("x = 1\0\1", 7)));
    QVERIFY2(binary.contains("binary"), qPrintable(binary));
    const QString missing = w.openScript(dir + "/missing.py");
    QVERIFY2(missing.contains("missing.py"), qPrintable(missing));
    const QString folder = w.openScript(dir);
    QVERIFY2(folder.contains("folder"), qPrintable(folder));
    QCOMPARE(w.rewrittenView()->toPlainText(), shown);  // what was open stays
  }

  void workbenchOpensScriptsAndChecksKeys() {
    // The same model, exported to ONNX with torch and opened in the workbench.
    const QString dir = QString::fromStdString(mbtest::makeTempDir("script_keys"));
    const QString onnx = dir + "/resnet_basic.onnx";
    QProcess py;
    py.start(QString::fromStdString(mbtest::pythonExe()),
             {QString::fromStdString(mbtest::sourceDir() + "/tests/migrate/export_model.py"),
              script("resnet_basic.py"), onnx});
    QVERIFY(py.waitForFinished(180000));
    QVERIFY2(py.exitCode() == 0, py.readAllStandardError().constData());

    MainWindow main;
    main.show();
    QSignalSpy ready(&main, &MainWindow::modelReady);
    main.openFile(onnx);
    QVERIFY(ready.wait(60000));
    QVERIFY(main.session()->model() && main.session()->model()->converted);

    main.openFile(script("resnet_basic.py"));  // the .py opener: a script window
    ScriptMigrationWindow* w = main.findChild<ScriptMigrationWindow*>();
    QVERIFY(w);
    const QString verdict = w->checkKeys();
    QVERIFY2(verdict.contains("creates exactly the"), qPrintable(verdict));

    // A script with one layer more than the model: the extra keys are named.
    QString text = readAll(script("resnet_basic.py"));
    text.replace("        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))\n",
                 "        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))\n"
                 "        self.extra = nn.Linear(4, 4)\n");
    QFile f(dir + "/resnet_extra.py");
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text.toUtf8());
    f.close();
    QCOMPARE(w->openScript(dir + "/resnet_extra.py"), QString());
    const QString mismatch = w->checkKeys();
    QVERIFY2(mismatch.contains("extra.weight") && mismatch.contains("extra.bias"),
             qPrintable(mismatch));

    // A broken script through the opener: an error, no window, the workbench unchanged.
    QFile bad(dir + "/bad.py");
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write("class (:\n");
    bad.close();
    QSignalSpy failed(&main, &MainWindow::loadFailed);
    main.openFile(dir + "/bad.py");
    QCOMPARE(failed.count(), 1);
    QVERIFY(failed.first().at(1).toString().contains("bad.py:1:"));
    QCOMPARE(main.findChildren<ScriptMigrationWindow*>().size(), 1);
    QVERIFY(main.session()->model()->converted);
  }
};

QTEST_MAIN(TestScriptMigration)
#include "test_script_migration.moc"
