// The weight-mapping editor (a dock): a weight file (.pth / .safetensors / .ckpt) mapped onto the
// open model's MindSpore parameters, every entry with its status and reason; filter by status and
// text; edit a MindSpore name (with completion from unmatched parameters) or drag a source row onto
// a parameter's row to pair them; add regex renaming rules with a preview; import and export
// weight_map.json; write the checkpoint. Every change is an undoable edit of the project's mapping.
#pragma once

#include <QWidget>
#include <memory>

#include "weight_map_model.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace mb {

class MainWindow;
class MigrationSession;

class WeightMapPanel : public QWidget {
  Q_OBJECT
 public:
  WeightMapPanel(MainWindow* window, QWidget* parent = nullptr);
  static WeightMapPanel* install(MainWindow* window);

  // Reads a weight file in the background; weightsLoaded or weightsFailed follows.
  void openWeights(const QString& path);
  QString weightsPath() const { return weightsPath_; }
  // The edits the panel's controls make (undoable through the session).
  void pair(const QString& source, const QString& target);
  void addRule(const QString& pattern, const QString& replacement);
  // weight_map.json (MindConverter's schema: pairs become manual pairs) or a rules file
  // ({"rules": [...], "overrides": {...}}). Returns an error message, empty on success.
  QString importMap(const QString& path);
  QString exportMap(const QString& path) const;
  // Writes the mapped checkpoint in the background (refused while the mapping is incomplete);
  // checkpointWritten follows.
  void writeCheckpoint(const QString& path);
  void setFilter(WeightMapModel::Group group, const QString& text);

  WeightMapModel* model() const { return model_; }
  QTableView* view() const { return view_; }
  QString summary() const;

 signals:
  void weightsLoaded(const QString& path, int tensors);
  void weightsFailed(const QString& path, const QString& message);
  void checkpointWritten(const QString& path, const QString& error);

 private:
  void refreshTargets();
  void refreshRules();
  void chooseWeights();
  void chooseRule();
  void applyFilter();
  MainWindow* window_;
  MigrationSession* session_;
  WeightMapModel* model_;
  QSortFilterProxyModel* proxy_;
  QTableView* view_;
  QComboBox* group_;
  QLineEdit* text_;
  QLabel* summary_;
  QString weightsPath_;
  int loadToken_ = 0;
};

}  // namespace mb
