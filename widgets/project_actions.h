// File › New Project, Open Project…, Save, Save As…, Export…: the .mbproj workflow of the
// workbench. Opening loads the project (errors name the JSON path), resets the session and opens
// its model; a missing or changed model is explained and the project still opens. Saving writes
// the model path relative to the project and the model's sha256, atomically. The window title
// carries the project name and `*` while modified; closing with unsaved changes asks Save /
// Discard / Cancel. Autosave and recovery after a crash: ProjectAutosave.
//
// Without dialogs (MB_NO_DIALOGS, tests and scripted runs) questions take their answer from
// MB_UNSAVED_ANSWER (save | discard | cancel; default discard) and MB_RECOVERY_ANSWER (recover |
// discard | later; default later), and messages go to the status bar and messageShown().
// Test hook: MB_TEST_EDIT_PROJECT=FILE.mbproj makes the first loaded model apply FILE's settings
// as one undoable edit (the crash-recovery test drives the real binary with it).
#pragma once

#include <QObject>
#include <QString>

class QAction;
class QMessageBox;

namespace mb {

class MainWindow;
class ProjectAutosave;
class ExportDialog;

class ProjectActions : public QObject {
  Q_OBJECT
 public:
  explicit ProjectActions(MainWindow* window);

  // Each returns false when nothing happened (an error was shown, or the user cancelled).
  bool openProject(const QString& path);
  bool save();
  bool saveAs(const QString& path);  // empty path: ask for one
  void newProject();
  // Asks what to do with unsaved changes; true when the caller may go on.
  bool maybeSave();
  // At start-up: offers the newest recovery file a killed window left; true when recovered.
  bool offerRecovery();
  // The prompt offerRecovery shows (also for screenshots).
  QMessageBox* makeRecoveryPrompt(const QString& what, const QString& when);

  ProjectAutosave* autosave() const { return autosave_; }
  ExportDialog* exportDialog();
  // The model file the project names, absolute; empty when none.
  QString modelPath() const;
  QString lastMessage() const { return lastMessage_; }
  // The settings the project is written with (model path relative to `projectPath`, sha256).
  static QString displayName(const QString& projectPath, const QString& modelPath);

 signals:
  void messageShown(const QString& title, const QString& text);
  void projectSaved(const QString& path);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void buildActions();
  void updateTitle();
  void showMessage(const QString& title, const QString& text, bool warning);
  void onModelLoaded(const QString& path);
  void applyTestEdit();
  bool writeProject(const QString& path);

  MainWindow* window_;
  ProjectAutosave* autosave_;
  ExportDialog* exportDialog_ = nullptr;
  QAction* save_ = nullptr;
  QString lastMessage_;
  bool testEditDone_ = false;
};

// Creates the project actions of `window` (one call from MainWindow's constructor).
ProjectActions* installProjectActions(MainWindow* window);

}  // namespace mb
