// Migrating a PyTorch model script (issue: migrate-script in the GUI): the original and the
// MindSpore rewrite side by side with changed lines marked, every change listed with a check box
// to accept or reject it, the rewrite and its MindConverter-style reports saved atomically, and —
// when a converted model is open in the workbench — the parameter keys the rewritten Cells create
// checked against that model's checkpoint keys.
#pragma once

#include <QMainWindow>
#include <optional>

#include "migrate/script_migrator.h"

class QComboBox;
class QLabel;
class QTreeWidget;
class QTreeWidgetItem;

namespace mb {

class CodeView;
class MainWindow;
class MigrationSession;

class ScriptMigrationWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit ScriptMigrationWindow(MigrationSession* session, QWidget* parent = nullptr);

  // Reads and migrates `path`; on failure returns the error (file, line:col, why) and keeps what
  // was shown before.
  QString openScript(const QString& path);
  void setTargetApi(migrate::TargetApi api);
  // Accept or reject change `index` (as the check box does).
  void setAccepted(int index, bool accepted);
  void setAllAccepted(bool accepted);
  // The reviewed result: accepted changes applied, rejected ones reported.
  migrate::MigrationResult reviewed() const;
  // Writes the reviewed script and report_of_<stem>.txt/.json into `folder` (atomically, never
  // over the opened script). Returns an error message, empty on success.
  QString saveTo(const QString& folder);
  // Compares the reviewed script's Cell parameter keys with the open model's converted
  // parameters; returns a one-line verdict (also shown in the window).
  QString checkKeys();

  CodeView* originalView() const { return original_; }
  CodeView* rewrittenView() const { return rewritten_; }
  QTreeWidget* changeList() const { return changes_; }
  QString summary() const;

  // File › Migrate PyTorch Script… and the .py opener on the workbench.
  static void install(MainWindow* workbench);

 private:
  void migrate();
  void refresh();         // both code views and the summary, from the decisions
  void fillChangeList();  // one row per change (after open or a target change)
  void syncCheckBoxes();  // rows' check boxes from the decisions
  void showChange(QTreeWidgetItem* item);
  void chooseSaveFolder();

  MigrationSession* session_;
  QString path_, source_;
  migrate::TargetApi target_ = migrate::TargetApi::Classic;
  std::optional<migrate::MigrationResult> result_;
  std::vector<bool> accepted_;
  std::vector<int> originalToRewritten_;
  CodeView* original_;
  CodeView* rewritten_;
  QTreeWidget* changes_;
  QComboBox* api_;
  QLabel* status_;
  QLabel* keys_;
  bool filling_ = false;
};

}  // namespace mb
