// The Inputs panel: the graph inputs (name, dtype, shape) with editable shapes (a size or a name
// per dim), the input and output nodes that cut a subgraph (typed, or picked from the selected
// source node), errors inline in the row, and a Re-convert button. Every change is a project edit
// (MigrationSession::Inputs), so it undoes and triggers the window's re-conversion.
#pragma once

#include <QWidget>
#include <map>

class QAction;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace mb {

class MainWindow;

class InputsPanel : public QWidget {
  Q_OBJECT
 public:
  enum Column { NameColumn, DTypeColumn, ShapeColumn, StatusColumn };

  explicit InputsPanel(MainWindow* window);
  // Creates the panel, its dock and its actions (Tools › Use Selected Node as Input / Output).
  static InputsPanel* install(MainWindow* window);

  QTableWidget* table() const { return table_; }
  QLineEdit* inputNodesEdit() const { return inputNodes_; }
  QLineEdit* outputNodesEdit() const { return outputNodes_; }
  QPushButton* reconvertButton() const { return reconvert_; }
  QLabel* statusLabel() const { return status_; }
  // What typing in the Shape cell of `input` does: a bad text stays in the row as an error and
  // changes nothing; a good one is one undoable project edit. Returns false on a bad text.
  bool setShapeText(const QString& input, const QString& text);
  // The error shown in the row of `input` (bad text, or why the model rejected the shape).
  QString rowError(const QString& input) const;
  int rowOf(const QString& input) const;
  // The selected source node becomes an output node / its data input becomes an input node.
  bool useSelectedAsInput();
  bool useSelectedAsOutput();

 private:
  void refresh();
  void commitNodeList(QLineEdit* edit, bool inputs);
  void onConversionFailed(const QString& message);

  MainWindow* window_;
  QTableWidget* table_;
  QLineEdit* inputNodes_;
  QLineEdit* outputNodes_;
  QPushButton* reconvert_;
  QLabel* status_;
  // input → a bad shape text and its error: shown in the row, never put in the project
  std::map<QString, QString> textErrors_, badTexts_;
  std::map<QString, QString> importErrors_;  // input → why the last re-conversion failed
  QString generalError_;
  bool refreshing_ = false;
};

}  // namespace mb
