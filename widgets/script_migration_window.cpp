#include "script_migration_window.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QScrollBar>
#include <QSplitter>
#include <QStatusBar>
#include <QToolBar>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <filesystem>

#include "code_view.h"
#include "emit/output_stager.h"
#include "main_window.h"
#include "migrate/cell_keys.h"
#include "migrate/line_diff.h"
#include "migrate/migration_report.h"
#include "migrate/python_ast.h"
#include "migration_session.h"
#include "weights/targets.h"

namespace mb {

namespace {
// Translucent, so the marks read on light and dark palettes alike.
const QColor kRemoved(220, 60, 60, 60);
const QColor kAdded(40, 170, 70, 60);
const QColor kUnconverted(240, 150, 0, 90);
enum Column { kAccept, kLine, kKind, kFrom, kTo, kDetail };

bool dialogsAllowed() {
  return !qEnvironmentVariableIsSet("MB_NO_DIALOGS");
}

QString kindName(migrate::ChangeKind kind) {
  switch (kind) {
    case migrate::ChangeKind::Convert:
      return ScriptMigrationWindow::tr("Convert");
    case migrate::ChangeKind::Insert:
      return ScriptMigrationWindow::tr("Insert");
    case migrate::ChangeKind::UnConvert:
      return ScriptMigrationWindow::tr("Not converted");
  }
  return {};
}
}  // namespace

ScriptMigrationWindow::ScriptMigrationWindow(MigrationSession* session, QWidget* parent)
    : QMainWindow(parent), session_(session) {
  setAttribute(Qt::WA_DeleteOnClose);
  setWindowTitle(tr("Migrate PyTorch Script — MindBridge"));
  resize(1300, 820);

  QToolBar* bar = addToolBar(tr("Script"));
  bar->setObjectName(QStringLiteral("scriptToolBar"));
  bar->addAction(tr("Open Script…"), this, [this] {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open PyTorch script"), QString(),
                                                      tr("Python scripts (*.py)"));
    if (path.isEmpty()) return;
    const QString error = openScript(path);
    if (!error.isEmpty() && dialogsAllowed())
      QMessageBox::warning(this, tr("Open PyTorch script"), error);
  });
  QAction* save =
      bar->addAction(tr("Save Rewritten Script…"), this, &ScriptMigrationWindow::chooseSaveFolder);
  save->setShortcut(QKeySequence::Save);
  save->setToolTip(tr("Write the reviewed script and its reports into a folder"));
  bar->addSeparator();
  bar->addWidget(new QLabel(tr("Target API: "), bar));
  api_ = new QComboBox(bar);
  api_->addItem(tr("classic (mindspore.nn / ops)"));
  api_->addItem(tr("mint (mindspore.mint)"));
  api_->setToolTip(tr("Which MindSpore API the rewrite uses"));
  bar->addWidget(api_);
  connect(api_, &QComboBox::currentIndexChanged, this, [this](int index) {
    setTargetApi(index == 1 ? migrate::TargetApi::Mint : migrate::TargetApi::Classic);
  });
  bar->addSeparator();
  bar->addAction(tr("Accept All"), this, [this] { setAllAccepted(true); });
  bar->addAction(tr("Reject All"), this, [this] { setAllAccepted(false); });
  bar->addSeparator();
  QAction* check =
      bar->addAction(tr("Check Keys Against Open Model"), this, &ScriptMigrationWindow::checkKeys);
  check->setToolTip(
      tr("Compare the parameters the rewritten model creates with the converted model's "
         "checkpoint keys"));

  auto* central = new QWidget(this);
  auto* column = new QVBoxLayout(central);
  column->setContentsMargins(4, 4, 4, 4);
  auto* vertical = new QSplitter(Qt::Vertical, central);
  auto* sides = new QSplitter(Qt::Horizontal, vertical);
  auto titled = [sides](const QString& title, CodeView*& view) {
    auto* box = new QWidget(sides);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* label = new QLabel(QStringLiteral("<b>%1</b>").arg(title), box);
    layout->addWidget(label);
    view = new CodeView(box);
    layout->addWidget(view, 1);
    sides->addWidget(box);
  };
  titled(tr("PyTorch (original)"), original_);
  titled(tr("MindSpore (rewritten)"), rewritten_);
  vertical->addWidget(sides);
  changes_ = new QTreeWidget(vertical);
  changes_->setRootIsDecorated(false);
  changes_->setUniformRowHeights(true);
  changes_->setHeaderLabels(
      {tr("Apply"), tr("Line"), tr("Kind"), tr("PyTorch"), tr("MindSpore"), tr("Notes")});
  changes_->header()->setSectionResizeMode(QHeaderView::Interactive);
  changes_->setColumnWidth(kAccept, 56);
  changes_->setColumnWidth(kLine, 70);
  changes_->setColumnWidth(kKind, 110);
  changes_->setColumnWidth(kFrom, 280);
  changes_->setColumnWidth(kTo, 280);
  vertical->addWidget(changes_);
  vertical->setStretchFactor(0, 3);
  vertical->setStretchFactor(1, 1);
  column->addWidget(vertical, 1);
  keys_ = new QLabel(central);
  keys_->setWordWrap(true);
  keys_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  keys_->hide();
  column->addWidget(keys_);
  setCentralWidget(central);
  status_ = new QLabel(tr("Open a PyTorch model script (.py)."), this);
  statusBar()->addWidget(status_, 1);

  connect(changes_, &QTreeWidget::currentItemChanged, this,
          [this](QTreeWidgetItem* item) { showChange(item); });
  connect(changes_, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem* item, int column) {
    if (filling_ || column != kAccept) return;
    setAccepted(changes_->indexOfTopLevelItem(item), item->checkState(kAccept) == Qt::Checked);
  });
}

QString ScriptMigrationWindow::openScript(const QString& path) {
  auto text = migrate::readPythonScript(path.toStdString());
  if (!text) return QString::fromStdString(text.error().describe());
  auto result = migrate::migrateScript(*text, QFileInfo(path).fileName().toStdString(),
                                       migrate::MigrationOptions{target_});
  if (!result) return QString::fromStdString(result.error().describe());
  path_ = path;
  source_ = QString::fromStdString(*text);
  result_ = std::move(*result);
  accepted_.assign(result_->changes.size(), true);
  setWindowTitle(tr("%1 — Migrate PyTorch Script — MindBridge").arg(QFileInfo(path).fileName()));
  keys_->hide();
  original_->setPlainText(source_);
  fillChangeList();
  refresh();
  return {};
}

void ScriptMigrationWindow::setTargetApi(migrate::TargetApi api) {
  if (api == target_) return;
  target_ = api;
  {
    const QSignalBlocker block(api_);
    api_->setCurrentIndex(api == migrate::TargetApi::Mint ? 1 : 0);
  }
  if (path_.isEmpty()) return;
  // Re-migrate from the text already read (the file may have moved since).
  auto result =
      migrate::migrateScript(source_.toStdString(), QFileInfo(path_).fileName().toStdString(),
                             migrate::MigrationOptions{target_});
  if (!result) return;
  result_ = std::move(*result);
  accepted_.assign(result_->changes.size(), true);
  fillChangeList();
  refresh();
}

void ScriptMigrationWindow::setAccepted(int index, bool accepted) {
  if (!result_ || index < 0 || index >= static_cast<int>(accepted_.size())) return;
  if (!migrate::isReviewable(result_->changes[index]) || accepted_[index] == accepted) return;
  accepted_[index] = accepted;
  syncCheckBoxes();
  refresh();
}

void ScriptMigrationWindow::setAllAccepted(bool accepted) {
  if (!result_) return;
  for (size_t i = 0; i < accepted_.size(); ++i)
    if (migrate::isReviewable(result_->changes[i])) accepted_[i] = accepted;
  syncCheckBoxes();
  refresh();
}

migrate::MigrationResult ScriptMigrationWindow::reviewed() const {
  return result_ ? migrate::applyReview(*result_, accepted_) : migrate::MigrationResult{};
}

QString ScriptMigrationWindow::summary() const {
  if (!result_) return {};
  const migrate::MigrationResult r = reviewed();
  return tr("%1 converted, %2 not converted (%3 %) · target %4")
      .arg(r.converted)
      .arg(r.unconverted)
      .arg(100.0 * r.convertedRate(), 0, 'f', 1)
      .arg(QString::fromLatin1(migrate::targetApiName(target_)));
}

void ScriptMigrationWindow::refresh() {
  const migrate::MigrationResult r = reviewed();
  const int line = rewritten_->verticalScrollBar()->value();
  rewritten_->setPlainText(QString::fromStdString(r.output));
  rewritten_->verticalScrollBar()->setValue(line);
  const migrate::LineDiff diff = migrate::diffLines(result_->original, r.output);
  originalToRewritten_ = diff.originalToRewritten;
  std::map<int, QColor> left, right;
  for (size_t i = 0; i < diff.removed.size(); ++i)
    if (diff.removed[i]) left[static_cast<int>(i)] = kRemoved;
  for (size_t i = 0; i < diff.added.size(); ++i)
    if (diff.added[i]) right[static_cast<int>(i)] = kAdded;
  for (const migrate::Change& c : result_->changes)
    if (c.kind == migrate::ChangeKind::UnConvert && c.line > 0)
      left[static_cast<int>(c.line) - 1] = kUnconverted;
  original_->setLineMarks(std::move(left));
  rewritten_->setLineMarks(std::move(right));

  status_->setText(summary());
}

void ScriptMigrationWindow::fillChangeList() {
  filling_ = true;
  changes_->clear();
  for (size_t i = 0; i < result_->changes.size(); ++i) {
    const migrate::Change& c = result_->changes[i];
    auto* item = new QTreeWidgetItem(changes_);
    if (migrate::isReviewable(c)) {
      item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
      item->setCheckState(kAccept, accepted_[i] ? Qt::Checked : Qt::Unchecked);
    } else {
      item->setFlags(item->flags() & ~Qt::ItemIsUserCheckable);
      item->setToolTip(kAccept, tr("Kept as written and marked in the rewritten script"));
      for (int col = 0; col <= kDetail; ++col) item->setBackground(col, kUnconverted);
    }
    item->setText(kLine, c.line > 0 ? QStringLiteral("%1:%2").arg(c.line).arg(c.col) : QString());
    item->setText(kKind, kindName(c.kind));
    item->setText(kFrom, QString::fromStdString(c.from));
    item->setText(kTo, QString::fromStdString(c.to));
    item->setText(kDetail, QString::fromStdString(c.detail));
    item->setToolTip(kDetail, QString::fromStdString(c.detail));
  }
  filling_ = false;
}

void ScriptMigrationWindow::syncCheckBoxes() {
  filling_ = true;  // the rows stay: a check box may be the one being clicked
  for (int i = 0; i < changes_->topLevelItemCount() && i < static_cast<int>(accepted_.size()); ++i)
    if (migrate::isReviewable(result_->changes[i]))
      changes_->topLevelItem(i)->setCheckState(kAccept, accepted_[i] ? Qt::Checked : Qt::Unchecked);
  filling_ = false;
}

void ScriptMigrationWindow::showChange(QTreeWidgetItem* item) {
  const int index = changes_->indexOfTopLevelItem(item);
  if (!result_ || index < 0) return;
  const int line = static_cast<int>(result_->changes[index].line) - 1;
  if (line < 0) return;
  original_->showLine(line);
  // The rewritten counterpart: the nearest unchanged line at or above, shifted by the distance.
  int above = line;
  while (above >= 0 && (above >= static_cast<int>(originalToRewritten_.size()) ||
                        originalToRewritten_[above] < 0))
    --above;
  const int mapped = above < 0 ? line : originalToRewritten_[above] + (line - above);
  rewritten_->showLine(mapped);
}

QString ScriptMigrationWindow::saveTo(const QString& folder) {
  if (!result_) return tr("No script is open.");
  namespace fs = std::filesystem;
  const migrate::MigrationResult r = reviewed();
  const fs::path dir = folder.toStdString();
  const fs::path script = dir / QFileInfo(path_).fileName().toStdString();
  std::error_code ec;
  if (fs::exists(script) && fs::equivalent(script, path_.toStdString(), ec))
    return tr("%1: the rewritten script would replace the original; choose another folder")
        .arg(QString::fromStdString(script.string()));
  const std::string stem = QFileInfo(path_).completeBaseName().toStdString();
  emitter::OutputStager stager(/*overwrite=*/true);
  const std::vector<std::pair<std::string, std::string>> files = {
      {script.filename().string(), r.output},
      {"report_of_" + stem + ".txt", migrate::migrationReportText(r)},
      {"report_of_" + stem + ".json", migrate::migrationReportJson(r).dump(2) + "\n"}};
  for (const auto& [name, text] : files)
    if (auto st = stager.writeText(dir.string(), name, text); !st)
      return QString::fromStdString(st.error().describe());
  if (auto st = stager.commit(); !st) return QString::fromStdString(st.error().describe());
  status_->setText(tr("Saved %1 and its reports in %2").arg(QFileInfo(path_).fileName(), folder));
  return {};
}

void ScriptMigrationWindow::chooseSaveFolder() {
  if (!result_) return;
  const QString folder = QFileDialog::getExistingDirectory(this, tr("Save rewritten script into"));
  if (folder.isEmpty()) return;
  const QString target = QDir(folder).filePath(QFileInfo(path_).fileName());
  if (QFileInfo::exists(target) &&
      QMessageBox::question(this, tr("Save rewritten script"),
                            tr("%1 exists. Replace it and its reports?").arg(target)) !=
          QMessageBox::Yes)
    return;
  const QString error = saveTo(folder);
  if (!error.isEmpty()) QMessageBox::warning(this, tr("Save rewritten script"), error);
}

QString ScriptMigrationWindow::checkKeys() {
  QString verdict;
  auto model = session_ ? session_->model() : nullptr;
  if (!result_) {
    verdict = tr("No script is open.");
  } else if (!model || !model->converted) {
    verdict = tr("Open and convert the model's ONNX export in the workbench first.");
  } else {
    const migrate::MigrationResult r = reviewed();
    auto module = migrate::parsePython(r.output, QFileInfo(path_).fileName().toStdString());
    if (!module) {
      verdict = tr("The rewritten script does not parse: %1")
                    .arg(QString::fromStdString(module.error().describe()));
    } else if (auto created = migrate::listCellParameterKeys(**module); !created) {
      verdict = QString::fromStdString(created.error().describe());
    } else {
      std::vector<std::string> stored;
      for (const auto& t : weights::targetsFromGraph(*model->converted)) stored.push_back(t.name);
      const migrate::KeyComparison cmp = migrate::compareKeys(created->keys, stored);
      auto list = [](const std::vector<std::string>& keys) {
        QStringList out;
        for (size_t i = 0; i < keys.size() && i < 8; ++i) out << QString::fromStdString(keys[i]);
        if (keys.size() > 8) out << ScriptMigrationWindow::tr("… %1 more").arg(keys.size() - 8);
        return out.join(QStringLiteral(", "));
      };
      const QString cls = QString::fromStdString(created->className);
      if (cmp.equal())
        verdict = tr("%1 creates exactly the %2 parameter keys of the converted model.")
                      .arg(cls)
                      .arg(cmp.matched);
      else
        verdict = tr("%1: %2 keys match; only in the script: %3; only in the converted model: %4.")
                      .arg(cls)
                      .arg(cmp.matched)
                      .arg(cmp.onlyInScript.empty() ? tr("none") : list(cmp.onlyInScript))
                      .arg(cmp.onlyInCheckpoint.empty() ? tr("none") : list(cmp.onlyInCheckpoint));
      for (const auto& w : created->warnings)
        verdict += QStringLiteral("\n") + tr("warning: %1").arg(QString::fromStdString(w));
    }
  }
  keys_->setText(verdict);
  keys_->show();
  return verdict;
}

void ScriptMigrationWindow::install(MainWindow* workbench) {
  auto open = [workbench](const QString& path) {
    auto* window = new ScriptMigrationWindow(workbench->session(), workbench);
    window->setWindowFlag(Qt::Window);
    const QString error = path.isEmpty() ? QString() : window->openScript(path);
    if (!error.isEmpty()) {
      delete window;
      if (dialogsAllowed()) QMessageBox::warning(workbench, tr("Open PyTorch script"), error);
      emit workbench->loadFailed(path, error);
      return;
    }
    window->show();
  };
  workbench->registerOpener({QStringLiteral("py")}, open);
  QAction* action = workbench->toolsMenu()->addAction(
      tr("Migrate PyTorch &Script…"), workbench, [workbench, open] {
        const QString path = QFileDialog::getOpenFileName(workbench, tr("Open PyTorch script"),
                                                          QString(), tr("Python scripts (*.py)"));
        if (!path.isEmpty()) open(path);
      });
  action->setToolTip(tr("Rewrite a PyTorch model script to MindSpore and review each change"));
}

}  // namespace mb
