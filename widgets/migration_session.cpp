#include "migration_session.h"

#include <QUndoCommand>

namespace mb {

// One undo step: the whole project before and after. Projects are small (settings and edits, no
// tensors), so snapshots are simpler and safer than per-field inverse operations.
class ProjectSnapshotCommand : public QUndoCommand {
 public:
  ProjectSnapshotCommand(MigrationSession* session, const QString& text, project::Project before,
                         project::Project after, MigrationSession::Aspects aspects)
      : QUndoCommand(text),
        session_(session),
        before_(std::move(before)),
        after_(std::move(after)),
        aspects_(aspects) {}
  void undo() override { session_->restore(before_, aspects_); }
  void redo() override { session_->restore(after_, aspects_); }

 private:
  MigrationSession* session_;
  project::Project before_, after_;
  MigrationSession::Aspects aspects_;
};

MigrationSession::MigrationSession(QObject* parent) : QObject(parent) {
  connect(&undo_, &QUndoStack::cleanChanged, this,
          [this](bool clean) { emit modifiedChanged(!clean); });
}

void MigrationSession::edit(const QString& description, Aspects aspects,
                            const std::function<void(project::Project&)>& change) {
  project::Project after = project_;
  change(after);
  // The JSON text is the project's identity: equal text, nothing to undo.
  if (project::projectToJson(after) == project::projectToJson(project_)) return;
  undo_.push(new ProjectSnapshotCommand(this, description, project_, std::move(after), aspects));
}

void MigrationSession::restore(const project::Project& snapshot, Aspects aspects) {
  project_ = snapshot;
  if (aspects & (Inputs | Conversion | ModelPath)) setDiff(nullptr);
  emit projectChanged(aspects);
}

void MigrationSession::reset(const project::Project& project, const QString& path,
                             Aspects aspects) {
  project_ = project;
  projectPath_ = path;
  undo_.clear();
  undo_.setClean();
  setDiff(nullptr);
  emit projectChanged(aspects);
}

void MigrationSession::markSaved(const QString& path) {
  projectPath_ = path;
  undo_.setClean();
}

void MigrationSession::setModel(std::shared_ptr<const LoadedModel> model) {
  model_ = std::move(model);
  diff_.reset();
  emit modelChanged();
  emit diffChanged();
}

void MigrationSession::setDiff(std::shared_ptr<const compare::DiffReport> diff) {
  if (!diff && !diff_) return;
  diff_ = std::move(diff);
  emit diffChanged();
}

}  // namespace mb
