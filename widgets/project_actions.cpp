#include "project_actions.h"

#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>

#include "emit/sha256.h"
#include "export_dialog.h"
#include "main_window.h"
#include "project_autosave.h"

namespace mb {

namespace {
bool dialogsAllowed() {
  return !qEnvironmentVariableIsSet("MB_NO_DIALOGS");
}
QString envAnswer(const char* name, const QString& fallback) {
  const QString value = qEnvironmentVariable(name).trimmed().toLower();
  return value.isEmpty() ? fallback : value;
}
QString fromStd(const std::string& text) {
  return QString::fromStdString(text);
}
const QString kProjectFilter = QStringLiteral("*.mbproj");
}  // namespace

ProjectActions* installProjectActions(MainWindow* window) {
  return new ProjectActions(window);
}

ProjectActions::ProjectActions(MainWindow* window)
    : QObject(window), window_(window), autosave_(new ProjectAutosave(window->session(), this)) {
  setObjectName(QStringLiteral("projectActions"));
  buildActions();
  window_->registerOpener({QStringLiteral("mbproj")},
                          [this](const QString& path) { openProject(path); });
  window_->installEventFilter(this);
  MigrationSession* session = window_->session();
  connect(session, &MigrationSession::modifiedChanged, this, &ProjectActions::updateTitle);
  connect(session, &MigrationSession::projectChanged, this, &ProjectActions::updateTitle);
  connect(window_, &MainWindow::modelLoaded, this,
          [this](const QString& path) { onModelLoaded(path); });
}

void ProjectActions::buildActions() {
  QMenu* file = window_->fileMenu();
  QAction* before = nullptr;  // the project actions go after Open Model / Open Recent
  for (QAction* a : file->actions())
    if (a->isSeparator()) {
      before = a;
      break;
    }
  auto add = [&](const QString& text, const QKeySequence& keys, const QString& tip, auto slot) {
    auto* action = new QAction(text, file);
    action->setShortcut(keys);
    action->setToolTip(tip);
    action->setStatusTip(tip);
    connect(action, &QAction::triggered, this, slot);
    file->insertAction(before, action);
    return action;
  };
  file->insertSeparator(before);
  add(tr("&New Project"), QKeySequence::New,
      tr("Start an untitled project for the open model with default settings"),
      [this] { newProject(); });
  add(tr("Open &Project…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O),
      tr("Open a MindBridge project (.mbproj) and its model"), [this] {
        const QString path = QFileDialog::getOpenFileName(
            window_, tr("Open Project"), QString(),
            tr("MindBridge projects (%1);;All files (*)").arg(kProjectFilter));
        if (!path.isEmpty()) openProject(path);
      });
  save_ = add(tr("&Save Project"), QKeySequence::Save,
              tr("Save the project's settings and edits (.mbproj)"), [this] { save(); });
  add(tr("Save Project &As…"), QKeySequence::SaveAs, tr("Save the project under a new name"),
      [this] { saveAs(QString()); });
  file->insertSeparator(before);
  add(tr("&Export…"), QKeySequence(Qt::CTRL | Qt::Key_E),
      tr("Write model.py, the checkpoint, the weight map and the reports (HTML with pictures, "
         "PDF) as mindbridge-cli convert --project does"),
      [this] { exportDialog()->start(); });
}

ExportDialog* ProjectActions::exportDialog() {
  if (!exportDialog_) exportDialog_ = new ExportDialog(window_);
  return exportDialog_;
}

QString ProjectActions::modelPath() const {
  const MigrationSession* session = window_->session();
  if (session->project().modelPath.empty()) return QString();
  return fromStd(
      project::resolveModelPath(session->project(), session->projectPath().toStdString()));
}

QString ProjectActions::displayName(const QString& projectPath, const QString& modelPath) {
  if (!projectPath.isEmpty()) return QFileInfo(projectPath).fileName();
  if (!modelPath.isEmpty()) return QFileInfo(modelPath).fileName();
  return tr("Untitled");
}

void ProjectActions::updateTitle() {
  const MigrationSession* session = window_->session();
  window_->setWindowTitle(
      tr("%1[*] — MindBridge").arg(displayName(session->projectPath(), modelPath())));
  window_->setWindowModified(session->modified());
}

void ProjectActions::showMessage(const QString& title, const QString& text, bool warning) {
  lastMessage_ = text;
  emit messageShown(title, text);
  window_->statusBar()->showMessage(QString(text).replace(QLatin1Char('\n'), QLatin1Char(' ')),
                                    10000);
  if (!dialogsAllowed()) return;
  if (warning)
    QMessageBox::warning(window_, title, text);
  else
    QMessageBox::information(window_, title, text);
}

bool ProjectActions::openProject(const QString& path) {
  if (!maybeSave()) return false;
  const QString absolute = QFileInfo(path).absoluteFilePath();
  auto loaded = project::loadProject(absolute.toStdString());
  if (!loaded) {
    showMessage(tr("Open Project"),
                tr("Could not open the project %1:\n\n%2")
                    .arg(absolute, fromStd(loaded.error().describe())),
                true);
    return false;
  }
  const project::ModelCheck check = project::checkSourceModel(*loaded, absolute.toStdString());
  project::Project opened = *loaded;
  // In memory the model path is absolute, so Save As to another folder stays correct; saving
  // writes it relative again.
  if (!check.resolvedPath.empty())
    opened.modelPath =
        QDir::cleanPath(QFileInfo(fromStd(check.resolvedPath)).absoluteFilePath()).toStdString();
  autosave_->discard();
  window_->session()->reset(opened, absolute);
  window_->addRecent(absolute);
  updateTitle();
  if (!check.exists) {
    showMessage(tr("The project's model is missing"),
                tr("%1\n\nThe project is open with all its settings. Point it to the model's "
                   "new place with File › Open Model…; saving then records the new place.")
                    .arg(fromStd(check.explanation)),
                true);
    if (dialogsAllowed()) {
      // The model opened next becomes the project's model (an undoable edit, see onModelLoaded).
      const QString moved = QFileDialog::getOpenFileName(window_, tr("Locate the Model"),
                                                         QFileInfo(absolute).absolutePath(),
                                                         tr("ONNX models (*.onnx);;All files (*)"));
      if (!moved.isEmpty()) window_->openModel(moved);
    }
    return true;
  }
  if (!check.shaMatches && !loaded->modelSha256.empty())
    showMessage(tr("The project's model has changed"),
                tr("%1\n\nThe project opens with the model as it is now. Convert and compare "
                   "again before trusting earlier results; saving records the new digest.")
                    .arg(fromStd(check.explanation)),
                true);
  window_->openModel(fromStd(check.resolvedPath));
  return true;
}

void ProjectActions::onModelLoaded(const QString& path) {
  MigrationSession* session = window_->session();
  const QString loaded = QFileInfo(path).absoluteFilePath();
  if (QFileInfo(modelPath()).absoluteFilePath() != loaded || modelPath().isEmpty()) {
    if (session->projectPath().isEmpty() && !session->modified()) {
      // A model opened on its own starts an untitled project for it.
      project::Project fresh;
      fresh.modelPath = loaded.toStdString();
      session->reset(fresh, QString());
    } else {
      session->edit(tr("Use model %1").arg(QFileInfo(loaded).fileName()),
                    MigrationSession::ModelPath,
                    [&](project::Project& p) { p.modelPath = loaded.toStdString(); });
    }
  }
  if (!session->projectPath().isEmpty()) window_->addRecent(session->projectPath());
  updateTitle();
  applyTestEdit();
}

void ProjectActions::applyTestEdit() {
  const QString file = qEnvironmentVariable("MB_TEST_EDIT_PROJECT");
  if (file.isEmpty() || testEditDone_) return;
  testEditDone_ = true;
  auto edited = project::loadProject(file.toStdString());
  if (!edited) {
    showMessage(QStringLiteral("MB_TEST_EDIT_PROJECT"), fromStd(edited.error().describe()), true);
    return;
  }
  window_->session()->edit(QStringLiteral("test edit"), MigrationSession::Tolerances,
                           [&](project::Project& p) {
                             const std::string model = p.modelPath, sha = p.modelSha256;
                             p = *edited;
                             p.modelPath = model;
                             p.modelSha256 = sha;
                           });
}

bool ProjectActions::writeProject(const QString& path) {
  const QString absolute = QFileInfo(path).absoluteFilePath();
  project::Project stored = window_->session()->project();
  const QString model = modelPath();
  if (!model.isEmpty()) {
    stored.modelPath = project::relativeModelPath(model.toStdString(), absolute.toStdString());
    if (auto sha = emitter::sha256File(model.toStdString())) stored.modelSha256 = *sha;
  }
  if (Status s = project::saveProject(stored, absolute.toStdString()); !s) {
    showMessage(tr("Save Project"),
                tr("Could not save %1:\n\n%2").arg(absolute, fromStd(s.error().describe())), true);
    return false;
  }
  window_->session()->markSaved(absolute);
  autosave_->discard();
  window_->addRecent(absolute);
  updateTitle();
  window_->statusBar()->showMessage(tr("Saved %1").arg(absolute), 5000);
  emit projectSaved(absolute);
  return true;
}

bool ProjectActions::save() {
  const QString path = window_->session()->projectPath();
  return path.isEmpty() ? saveAs(QString()) : writeProject(path);
}

bool ProjectActions::saveAs(const QString& requested) {
  QString path = requested;
  if (path.isEmpty()) {
    if (!dialogsAllowed()) return false;
    const QString model = modelPath();
    const QString suggestion =
        model.isEmpty() ? tr("untitled.mbproj")
                        : QFileInfo(model).absolutePath() + QLatin1Char('/') +
                              QFileInfo(model).completeBaseName() + QStringLiteral(".mbproj");
    path = QFileDialog::getSaveFileName(window_, tr("Save Project As"), suggestion,
                                        tr("MindBridge projects (%1)").arg(kProjectFilter));
    if (path.isEmpty()) return false;
  }
  if (!path.endsWith(QStringLiteral(".mbproj"), Qt::CaseInsensitive))
    path += QStringLiteral(".mbproj");
  return writeProject(path);
}

void ProjectActions::newProject() {
  if (!maybeSave()) return;
  project::Project fresh;
  if (auto model = window_->model())
    fresh.modelPath = QFileInfo(model->path).absoluteFilePath().toStdString();
  autosave_->discard();
  window_->session()->reset(fresh, QString());
  updateTitle();
  window_->statusBar()->showMessage(fresh.modelPath.empty()
                                        ? tr("New project: open a model with File › Open Model…")
                                        : tr("New project for %1 with default settings")
                                              .arg(QFileInfo(fromStd(fresh.modelPath)).fileName()),
                                    8000);
}

bool ProjectActions::maybeSave() {
  MigrationSession* session = window_->session();
  if (!session->modified()) return true;
  QString answer;
  if (dialogsAllowed()) {
    const auto choice = QMessageBox::warning(
        window_, tr("Unsaved Changes"),
        tr("The project %1 has unsaved changes. Save them?")
            .arg(displayName(session->projectPath(), modelPath())),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    answer = choice == QMessageBox::Save      ? QStringLiteral("save")
             : choice == QMessageBox::Discard ? QStringLiteral("discard")
                                              : QStringLiteral("cancel");
  } else {
    answer = envAnswer("MB_UNSAVED_ANSWER", QStringLiteral("discard"));
  }
  if (answer == QLatin1String("save")) return save();
  if (answer == QLatin1String("discard")) {
    autosave_->discard();
    return true;
  }
  return false;
}

QMessageBox* ProjectActions::makeRecoveryPrompt(const QString& what, const QString& when) {
  auto* box = new QMessageBox(QMessageBox::Question, tr("Recover Unsaved Changes"),
                              tr("MindBridge did not close normally. Unsaved changes to %1, "
                                 "autosaved %2, can be recovered.")
                                  .arg(what, when),
                              QMessageBox::NoButton, window_);
  box->setInformativeText(
      tr("Recover opens them as an unsaved edit you can undo or save. "
         "Discard deletes them. Later keeps them for the next start."));
  box->addButton(tr("&Recover"), QMessageBox::AcceptRole)->setObjectName(QStringLiteral("recover"));
  box->addButton(tr("&Discard"), QMessageBox::DestructiveRole)
      ->setObjectName(QStringLiteral("discard"));
  box->addButton(tr("&Later"), QMessageBox::RejectRole)->setObjectName(QStringLiteral("later"));
  return box;
}

bool ProjectActions::offerRecovery() {
  auto orphans = autosave_->findOrphans();
  if (orphans.empty()) return false;
  const ProjectAutosave::Orphan& orphan = orphans.front();
  const QString orphanModel =
      orphan.project.modelPath.empty()
          ? QString()
          : fromStd(project::resolveModelPath(orphan.project, orphan.projectPath.toStdString()));
  QString answer;
  if (dialogsAllowed()) {
    std::unique_ptr<QMessageBox> box(
        makeRecoveryPrompt(displayName(orphan.projectPath, orphanModel),
                           QLocale().toString(orphan.savedAt.toLocalTime(), QLocale::ShortFormat)));
    box->exec();
    answer = box->clickedButton() ? box->clickedButton()->objectName() : QStringLiteral("later");
  } else {
    answer = envAnswer("MB_RECOVERY_ANSWER", QStringLiteral("later"));
  }
  if (answer != QLatin1String("recover")) {
    if (answer == QLatin1String("discard")) autosave_->removeOrphan(orphan);
    autosave_->releaseOrphans();
    return false;
  }
  // The saved project (when there is one) is the clean state; the recovered edits are one undoable
  // step on top of it, so the window shows them as unsaved.
  project::Project base;
  QString basePath;
  if (!orphan.projectPath.isEmpty())
    if (auto saved = project::loadProject(orphan.projectPath.toStdString())) {
      base = *saved;
      const auto check = project::checkSourceModel(base, orphan.projectPath.toStdString());
      if (!check.resolvedPath.empty()) base.modelPath = check.resolvedPath;
      basePath = orphan.projectPath;
    }
  MigrationSession* session = window_->session();
  session->reset(base, basePath);
  const project::Project recovered = orphan.project;
  session->edit(tr("Recovered changes"), MigrationSession::All,
                [&](project::Project& p) { p = recovered; });
  autosave_->removeOrphan(orphan);
  autosave_->releaseOrphans();
  updateTitle();
  if (!orphanModel.isEmpty() && QFileInfo::exists(orphanModel)) window_->openModel(orphanModel);
  window_->statusBar()->showMessage(tr("Recovered unsaved changes"), 8000);
  return true;
}

bool ProjectActions::eventFilter(QObject* watched, QEvent* event) {
  if (watched == window_ && event->type() == QEvent::Close) {
    if (!maybeSave()) {
      event->ignore();
      return true;
    }
    autosave_->discard();
  }
  return QObject::eventFilter(watched, event);
}

}  // namespace mb
