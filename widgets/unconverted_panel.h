// The Unconverted-ops panel: the source nodes the converter left unconverted, grouped by op type
// with counts, each with the converter's reason and suggested MindSpore APIs; the nodes the user
// fixed (API pick, template, snippet, overrides) in their own group. Clicking a node selects it
// in both graphs; Fix… opens the FixDialog, Remove Fix drops a fix (both undoable edits).
#pragma once

#include <QWidget>
#include <memory>

class QLabel;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace mb {

class FixDialog;
class MainWindow;

class UnconvertedPanel : public QWidget {
  Q_OBJECT
 public:
  enum Column { NodeColumn, ReasonColumn, SuggestionColumn };

  explicit UnconvertedPanel(MainWindow* window);
  static UnconvertedPanel* install(MainWindow* window);

  QTreeWidget* tree() const { return tree_; }
  QPushButton* fixButton() const { return fix_; }
  // The item of a source node (unconverted or fixed); null when it is in neither group.
  QTreeWidgetItem* itemFor(const QString& node) const;
  // Number of unconverted nodes listed (the fixed group not counted).
  int unconvertedCount() const { return unconvertedCount_; }
  // The Fix… dialog for a source node (not shown; Fix… shows it). Null when the node is unknown.
  FixDialog* createFixDialog(const QString& node);
  bool removeFix(const QString& node);

 private:
  void refresh();
  QString currentNode() const;

  MainWindow* window_;
  QTreeWidget* tree_;
  QLabel* summary_;
  QLabel* details_;  // the selected node's reason and suggestions, wrapped
  QPushButton* fix_;
  QPushButton* remove_;
  int unconvertedCount_ = 0;
};

}  // namespace mb
