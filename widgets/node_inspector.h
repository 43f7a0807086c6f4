// The sidebar for the selected node: its attributes, inputs and outputs with dtypes and shapes,
// provenance (converted graphs), and its weights with min/max/mean/std/sparsity, a histogram and
// export to .npy.
#pragma once

#include <QWidget>
#include <memory>

#include "ir/graph.h"
#include "tensor_stats.h"

class QComboBox;
class QLabel;
class QPushButton;
class QTreeWidget;
class QCustomPlot;

namespace mb {

class NodeInspector : public QWidget {
  Q_OBJECT
 public:
  explicit NodeInspector(QWidget* parent = nullptr);

  // Shows `node` of `graph`; `source` resolves provenance names for converted graphs.
  void showNode(std::shared_ptr<const Graph> graph, NodeId node,
                std::shared_ptr<const Graph> source = nullptr);
  void clear();
  NodeId node() const { return node_; }
  int weightCount() const;
  void selectWeight(int index);
  const TensorStats& currentStats() const { return stats_; }
  // Writes the current weight; returns an error message or an empty string.
  QString exportCurrentWeight(const QString& path) const;
  QTreeWidget* properties() const { return tree_; }

 private:
  void showWeight(int index);
  void chooseExportPath();

  std::shared_ptr<const Graph> graph_;
  NodeId node_ = kNoNode;
  std::vector<ValueId> weights_;
  TensorStats stats_;
  QLabel* title_;
  QTreeWidget* tree_;
  QComboBox* weightBox_;
  QLabel* statsLabel_;
  QCustomPlot* plot_;
  QPushButton* exportButton_;
  QWidget* weightPanel_;
};

}  // namespace mb
