// The Unconverted-ops panel and the Fix… dialog end to end: a small ONNX model whose
// com.microsoft::QuickGelu the converter leaves unconverted; the panel lists it with its reason
// and suggestions; the dialog's template fix re-converts it, the per-layer diff of the result
// passes, undo brings the unconverted node back; an API pick converts it too; a bad fix stays in
// the dialog as an error. Saves screenshots of the panel and the dialog's pages.
#include <QDir>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>
#include <QTreeWidget>

#include "compare/layer_diff_runner.h"
#include "fix_dialog.h"
#include "graph_pane.h"
#include "graph_view.h"
#include "main_window.h"
#include "test_paths.h"
#include "unconverted_panel.h"

using namespace mb;

namespace {

bool waitReady(MainWindow& w, const std::function<void()>& action, int ms = 60000) {
  QSignalSpy ready(&w, &MainWindow::modelReady);
  action();
  return ready.wait(ms);
}

// X[2,3,4] → com.microsoft::QuickGelu(alpha=1.702) "gelu" → Relu → Y, written by onnx.
QString writeQuickGeluModel() {
  const std::string dir = mbtest::makeTempDir("unconverted_panel");
  const QString path = QString::fromStdString(dir + "/quick_gelu.onnx");
  const QString script = QStringLiteral(
      "import onnx, sys\n"
      "from onnx import helper, TensorProto\n"
      "X = helper.make_tensor_value_info('X', TensorProto.FLOAT, [2, 3, 4])\n"
      "Y = helper.make_tensor_value_info('Y', TensorProto.FLOAT, [2, 3, 4])\n"
      "g = helper.make_graph([\n"
      "    helper.make_node('QuickGelu', ['X'], ['q'], name='gelu', domain='com.microsoft',\n"
      "                     alpha=1.702),\n"
      "    helper.make_node('Relu', ['q'], ['Y'], name='relu')], 'quick', [X], [Y])\n"
      "m = helper.make_model(g, opset_imports=[helper.make_opsetid('', 17),\n"
      "                                        helper.make_opsetid('com.microsoft', 1)])\n"
      "onnx.save(m, sys.argv[1])\n");
  QProcess p;
  p.start(QString::fromStdString(mbtest::pythonExe()), {"-c", script, path});
  if (!p.waitForFinished(60000) || p.exitCode() != 0)
    qFatal("writing the model failed: %s", p.readAllStandardError().constData());
  return path;
}

size_t unconvertedNodes(const Graph& g) {
  size_t n = 0;
  for (const Node& node : g.nodes) n += node.unconverted ? 1 : 0;
  return n;
}

void shot(QWidget* w, const char* name) {
  QDir().mkpath(QStringLiteral(MB_SCREENSHOT_DIR));
  QVERIFY(w->grab().save(QStringLiteral(MB_SCREENSHOT_DIR "/") + name));
}

}  // namespace

class TestUnconvertedPanel : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    qputenv("MB_NO_DIALOGS", "1");
    QCoreApplication::setOrganizationName(QStringLiteral("MindBridgeTest"));
    QCoreApplication::setApplicationName(QStringLiteral("unconverted_panel"));
  }

  void templateFixConvertsAndDiffPasses() {
    const QString path = writeQuickGeluModel();
    MainWindow w;
    w.resize(1400, 900);
    w.show();
    QVERIFY(waitReady(w, [&] { w.openModel(path); }));
    auto* panel = w.findChild<UnconvertedPanel*>();
    QVERIFY(panel);
    QCOMPARE(panel->unconvertedCount(), 1);
    QTreeWidgetItem* item = panel->itemFor(QStringLiteral("gelu"));
    QVERIFY(item);
    QVERIFY(item->parent()->text(0).contains("QuickGelu"));
    QVERIFY(item->parent()->text(0).contains("(1)"));
    QVERIFY(!item->text(UnconvertedPanel::ReasonColumn).isEmpty());
    QVERIFY2(item->text(UnconvertedPanel::SuggestionColumn).contains("mindspore."),
             qPrintable(item->text(UnconvertedPanel::SuggestionColumn)));
    // Clicking the row selects the node in the source graph.
    panel->tree()->setCurrentItem(item);
    QVERIFY(panel->fixButton()->isEnabled());
    shot(panel, "unconverted_panel.png");

    std::unique_ptr<FixDialog> dialog(panel->createFixDialog(QStringLiteral("gelu")));
    QVERIFY(dialog);
    dialog->show();
    // A template fits QuickGelu: the dialog opens on it.
    QCOMPARE(dialog->tabs()->currentIndex(), int(FixDialog::TemplatePage));
    QVERIFY(dialog->selectTemplate(QStringLiteral("QuickGelu")));
    shot(dialog.get(), "fix_dialog_template.png");
    // Only the conversion changes: the source graph is not re-imported and keeps its view.
    auto sourceBefore = w.model()->source;
    w.sourcePane()->view()->setZoom(1.7);
    QVERIFY(waitReady(w, [&] { QVERIFY(dialog->applyFix()); }));
    QCOMPARE(w.model()->source, sourceBefore);
    QCOMPARE(w.sourcePane()->view()->zoom(), 1.7);
    QCOMPARE(w.session()->project().fixes.at("gelu").templateName, std::string("QuickGelu"));
    QCOMPARE(panel->unconvertedCount(), 0);
    QCOMPARE(unconvertedNodes(*w.model()->converted), size_t{0});
    QVERIFY(panel->itemFor(QStringLiteral("gelu")));  // now in "Fixed by you"
    QVERIFY(panel->itemFor(QStringLiteral("gelu"))->parent()->text(0).contains("Fixed"));

    // The diff runs the template's expansion as the reference: every layer within tolerance.
    QVERIFY(w.model()->reference != w.model()->source);
    auto diff = compare::runLayerDiff(*w.model()->reference, *w.model()->converted, {});
    QVERIFY2(diff, diff ? "" : diff.error().describe().c_str());
    QVERIFY(diff->passed());
    size_t compared = 0;
    for (const auto& layer : diff->layers)
      compared += layer.status == compare::LayerStatus::Compared && layer.passed ? 1 : 0;
    QVERIFY2(compared >= 2, "the fixed node's output and Y are compared");
    QVERIFY(diff->unconvertedNodes.empty());
    QVERIFY(diff->unverifiedNodes.empty());

    // Undo: the node is unconverted again.
    QVERIFY(waitReady(w, [&] { w.session()->undoStack()->undo(); }));
    QCOMPARE(panel->unconvertedCount(), 1);
    QCOMPARE(unconvertedNodes(*w.model()->converted), size_t{1});
    QVERIFY(w.session()->project().fixes.empty());
  }

  void apiPickAndBadFix() {
    const QString path = writeQuickGeluModel();
    MainWindow w;
    w.resize(1400, 900);
    w.show();
    QVERIFY(waitReady(w, [&] { w.openModel(path); }));
    auto* panel = w.findChild<UnconvertedPanel*>();
    std::unique_ptr<FixDialog> dialog(panel->createFixDialog(QStringLiteral("gelu")));
    QVERIFY(dialog);
    dialog->show();
    // The catalogue search finds the API; the form maps the node's input onto its first tensor.
    dialog->apiSearch()->setText(QStringLiteral("ops gelu"));
    QVERIFY(dialog->apiList()->count() > 0);
    QVERIFY(dialog->selectApi(QStringLiteral("mindspore.ops.gelu")));
    QCOMPARE(dialog->apiArguments()->item(0, 2)->text(), QStringLiteral("input 0"));

    // Bad: an input the node does not have. The error stays in the dialog; nothing changes.
    QVERIFY(dialog->setApiArgument(dialog->apiArguments()->item(0, 0)->text(),
                                   QStringLiteral("input 3")));
    QVERIFY(!dialog->applyFix());
    QVERIFY(!dialog->errorLabel()->isHidden());
    QVERIFY2(dialog->errorLabel()->text().contains("3"), qPrintable(dialog->errorLabel()->text()));
    QCOMPARE(w.session()->undoStack()->count(), 0);
    // Bad: a keyword the API does not have.
    QVERIFY(dialog->setApiArgument(dialog->apiArguments()->item(0, 0)->text(),
                                   QStringLiteral("input 0")));
    QVERIFY(dialog->setApiArgument(QStringLiteral("approximate"), QStringLiteral("'tanh'")));
    shot(dialog.get(), "fix_dialog_api.png");
    QVERIFY(waitReady(
        w, [&] { QVERIFY2(dialog->applyFix(), qPrintable(dialog->errorLabel()->text())); }));
    const auto& fix = w.session()->project().fixes.at("gelu");
    QCOMPARE(fix.kind, convert::FixKind::Api);
    QCOMPARE(fix.api.inputs, std::vector<int>{0});
    QCOMPARE(fix.api.callArgs.getString("approximate", ""), std::string("tanh"));
    QCOMPARE(panel->unconvertedCount(), 0);
    bool found = false;
    for (const Node& n : w.model()->converted->nodes)
      found = found || n.opType == "mindspore.ops.gelu";
    QVERIFY(found);
    w.findChild<QDockWidget*>(QStringLiteral("unconvertedDock"))->raise();
    shot(&w, "unconverted_window.png");

    // Remove Fix is an undoable edit too.
    QVERIFY(waitReady(w, [&] { QVERIFY(panel->removeFix(QStringLiteral("gelu"))); }));
    QCOMPARE(panel->unconvertedCount(), 1);
    QVERIFY(waitReady(w, [&] { w.session()->undoStack()->undo(); }));
    QCOMPARE(panel->unconvertedCount(), 0);
  }

  void snippetAndOverridePages() {
    const QString path = writeQuickGeluModel();
    MainWindow w;
    w.show();
    QVERIFY(waitReady(w, [&] { w.openModel(path); }));
    auto* panel = w.findChild<UnconvertedPanel*>();
    std::unique_ptr<FixDialog> dialog(panel->createFixDialog(QStringLiteral("gelu")));
    // A snippet without a class is refused inline.
    dialog->tabs()->setCurrentIndex(FixDialog::SnippetPage);
    dialog->snippetEdit()->setPlainText(QStringLiteral("def f(x):\n    return x\n"));
    QVERIFY(!dialog->applyFix());
    QVERIFY(!dialog->errorLabel()->isHidden());
    dialog->snippetEdit()->setPlainText(
        QStringLiteral("class MyQuickGelu(nn.Cell):\n"
                       "    def construct(self, x):\n"
                       "        return x * ops.sigmoid(1.702 * x)\n"));
    QVERIFY(waitReady(w, [&] { QVERIFY(dialog->applyFix()); }));
    QCOMPARE(w.session()->project().fixes.at("gelu").kind, convert::FixKind::Snippet);
    QCOMPARE(panel->unconvertedCount(), 0);
    // The override page shows the node's attribute; a changed value is saved as an override.
    std::unique_ptr<FixDialog> again(panel->createFixDialog(QStringLiteral("gelu")));
    QCOMPARE(again->tabs()->currentIndex(), int(FixDialog::SnippetPage));  // the existing fix
    again->tabs()->setCurrentIndex(FixDialog::OverridePage);
    QCOMPARE(again->overrideTable()->item(0, 0)->text(), QStringLiteral("alpha"));
    again->overrideTable()->item(0, 1)->setText(QStringLiteral("1.5"));
    QVERIFY(waitReady(w, [&] { QVERIFY(again->applyFix()); }));
    QCOMPARE(w.session()->project().overrides.at("gelu").attributes.getFloat("alpha", 0), 1.5);
    QCOMPARE(w.session()->project().fixes.at("gelu").kind, convert::FixKind::Snippet);
  }
};

QTEST_MAIN(TestUnconvertedPanel)
#include "test_unconverted_panel.moc"
