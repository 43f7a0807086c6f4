// The state of one open migration, shared by every panel of the workbench: the project settings
// (inputs, target API, op fixes, overrides, mapping edits, tolerances), the loaded model and its
// conversion, and the last per-layer diff. Panels read it and change it only through edit(), so
// that every change is undoable, marks the session modified and is announced once through
// projectChanged(aspects). Heavy work (re-conversion, diff) happens elsewhere off the UI thread;
// its results come back through setModel() / setDiff().
#pragma once

#include <QObject>
#include <QString>
#include <QUndoStack>
#include <functional>
#include <memory>

#include "compare/diff_report.h"
#include "model_loader.h"
#include "project/project.h"

namespace mb {

class MigrationSession : public QObject {
  Q_OBJECT
 public:
  // What an edit touches, so that panels refresh only what changed (and the window knows whether
  // a re-conversion or a new diff is due).
  enum Aspect {
    Inputs = 1 << 0,      // inputs, input / output nodes: re-import and re-convert
    Conversion = 1 << 1,  // target API, overrides, op fixes: re-convert
    Mapping = 1 << 2,     // weight-mapping edits: re-map weights only
    Tolerances = 1 << 3,  // tolerances and diff settings: re-judge / re-run the diff
    ModelPath = 1 << 4,   // another source model
    All = 0xff,
  };
  Q_DECLARE_FLAGS(Aspects, Aspect)

  explicit MigrationSession(QObject* parent = nullptr);

  const project::Project& project() const { return project_; }
  // Where the project is saved; empty while it is untitled.
  QString projectPath() const { return projectPath_; }
  // True when the project differs from what was last saved or opened.
  bool modified() const { return !undo_.isClean(); }
  QUndoStack* undoStack() { return &undo_; }

  // Applies `change` to a copy of the project and pushes it as one undoable step named
  // `description` (shown in Edit › Undo). Does nothing when the change leaves the project equal.
  void edit(const QString& description, Aspects aspects,
            const std::function<void(project::Project&)>& change);
  // Replaces the whole project without an undo step (open, new) and marks it saved at `path`.
  // `aspects` says what listeners must redo: a fresh project for a model that was just converted
  // with these very settings passes less than All, so the model is not loaded twice.
  void reset(const project::Project& project, const QString& path, Aspects aspects = All);
  // After a successful save to `path`: remembers the path and marks the current state clean.
  void markSaved(const QString& path);

  std::shared_ptr<const LoadedModel> model() const { return model_; }
  void setModel(std::shared_ptr<const LoadedModel> model);

  // The last diff of the current conversion; null when none ran or the conversion changed since.
  std::shared_ptr<const compare::DiffReport> diff() const { return diff_; }
  void setDiff(std::shared_ptr<const compare::DiffReport> diff);

  // Any panel may ask the graphs to select a layer (a plot point, a table row): the main window
  // selects it in both panes. `sourceNode` is a node name of the source graph.
  void requestSelectLayer(const QString& sourceNode) { emit layerSelectionRequested(sourceNode); }

 signals:
  void projectChanged(mb::MigrationSession::Aspects aspects);
  void modelChanged();
  void diffChanged();
  void modifiedChanged(bool modified);
  void layerSelectionRequested(const QString& sourceNode);

 private:
  friend class ProjectSnapshotCommand;
  void restore(const project::Project& snapshot, Aspects aspects);

  project::Project project_;
  QString projectPath_;
  QUndoStack undo_;
  std::shared_ptr<const LoadedModel> model_;
  std::shared_ptr<const compare::DiffReport> diff_;
};

}  // namespace mb

Q_DECLARE_OPERATORS_FOR_FLAGS(mb::MigrationSession::Aspects)
