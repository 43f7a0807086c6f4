#include "node_inspector.h"

#include <qcustomplot.h>
#include <QComboBox>
#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "npy_export.h"
#include "op_style.h"

namespace mb {

namespace {

QString describeValue(const Value& v) {
  QString text =
      QString::fromLatin1(dtypeName(v.dtype).data()) + QString::fromStdString(v.shape.toString());
  if (v.initializer) {
    QStringList dims;
    for (int64_t d : v.initializer->dims()) dims << QString::number(d);
    text = QString::fromLatin1(dtypeName(v.initializer->dtype()).data()) +
           QStringLiteral("[%1]").arg(dims.join(','));
  }
  return text;
}

QTreeWidgetItem* section(QTreeWidget* tree, const QString& name) {
  auto* item = new QTreeWidgetItem(tree, {name});
  QFont f = item->font(0);
  f.setBold(true);
  item->setFont(0, f);
  item->setExpanded(true);
  item->setFirstColumnSpanned(true);
  return item;
}

}  // namespace

NodeInspector::NodeInspector(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(6, 6, 6, 6);
  title_ = new QLabel(tr("Select a node to see its details."), this);
  title_->setWordWrap(true);
  title_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  layout->addWidget(title_);
  tree_ = new QTreeWidget(this);
  tree_->setColumnCount(2);
  tree_->setHeaderLabels({tr("Property"), tr("Value")});
  tree_->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
  tree_->setAlternatingRowColors(true);
  tree_->setRootIsDecorated(false);
  layout->addWidget(tree_, 3);

  weightPanel_ = new QWidget(this);
  auto* wl = new QVBoxLayout(weightPanel_);
  wl->setContentsMargins(0, 0, 0, 0);
  auto* row = new QHBoxLayout;
  weightBox_ = new QComboBox(weightPanel_);
  exportButton_ = new QPushButton(tr("Export .npy…"), weightPanel_);
  exportButton_->setToolTip(tr("Save this weight as a NumPy .npy file"));
  row->addWidget(new QLabel(tr("Weight"), weightPanel_));
  row->addWidget(weightBox_, 1);
  row->addWidget(exportButton_);
  wl->addLayout(row);
  statsLabel_ = new QLabel(weightPanel_);
  statsLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  statsLabel_->setWordWrap(true);
  wl->addWidget(statsLabel_);
  plot_ = new QCustomPlot(weightPanel_);
  plot_->setMinimumHeight(140);
  plot_->xAxis->setLabel(tr("value"));
  plot_->yAxis->setLabel(tr("count"));
  plot_->setBackground(palette().base());
  plot_->xAxis->ticker()->setTickCount(4);
  plot_->yAxis->ticker()->setTickCount(4);
  wl->addWidget(plot_, 2);
  layout->addWidget(weightPanel_, 2);
  weightPanel_->hide();
  connect(weightBox_, &QComboBox::currentIndexChanged, this, &NodeInspector::showWeight);
  connect(exportButton_, &QPushButton::clicked, this, &NodeInspector::chooseExportPath);
}

void NodeInspector::clear() {
  graph_.reset();
  node_ = kNoNode;
  weights_.clear();
  stats_ = {};
  tree_->clear();
  title_->setText(tr("Select a node to see its details."));
  weightPanel_->hide();
}

int NodeInspector::weightCount() const {
  return static_cast<int>(weights_.size());
}

void NodeInspector::selectWeight(int index) {
  weightBox_->setCurrentIndex(index);
}

void NodeInspector::showNode(std::shared_ptr<const Graph> graph, NodeId id,
                             std::shared_ptr<const Graph> source) {
  clear();
  if (!graph || id < 0 || static_cast<size_t>(id) >= graph->nodes.size()) return;
  graph_ = std::move(graph);
  node_ = id;
  const Node& node = graph_->node(id);
  title_->setText(QStringLiteral("<b>%1</b><br>%2")
                      .arg(OpStyle::displayName(node).toHtmlEscaped(),
                           QString::fromStdString(node.name).toHtmlEscaped()));
  auto* props = section(tree_, tr("Node"));
  auto add = [](QTreeWidgetItem* parent, const QString& k, const QString& v) {
    auto* item = new QTreeWidgetItem(parent, {k, v});
    item->setToolTip(1, v);
    return item;
  };
  add(props, tr("type"), QString::fromStdString(node.opType));
  add(props, tr("name"), QString::fromStdString(node.name));
  if (!node.domain.empty()) add(props, tr("domain"), QString::fromStdString(node.domain));
  if (!node.scope.empty() && node.scope != node.name)
    add(props, tr("scope"), QString::fromStdString(node.scope));
  if (!node.attrs.empty()) {
    auto* attrs = section(
        tree_, node.dialect == Dialect::MindSpore ? tr("Constructor arguments") : tr("Attributes"));
    for (const auto& a : node.attrs.items())
      add(attrs, QString::fromStdString(a.name), QString::fromStdString(a.value.toString()));
  }
  if (!node.callArgs.empty()) {
    auto* call = section(tree_, tr("Call arguments"));
    for (const auto& a : node.callArgs.items())
      add(call, QString::fromStdString(a.name), QString::fromStdString(a.value.toString()));
  }
  auto* ins = section(tree_, tr("Inputs"));
  for (size_t i = 0; i < node.inputs.size(); ++i) {
    if (node.inputs[i] == kNoValue) {
      add(ins, QString::number(i), tr("(omitted)"));
      continue;
    }
    const Value& v = graph_->value(node.inputs[i]);
    add(ins, QString::fromStdString(v.name),
        describeValue(v) + (v.initializer ? tr("  weight") : QString()));
    if (v.initializer) weights_.push_back(node.inputs[i]);
  }
  auto* outs = section(tree_, tr("Outputs"));
  for (ValueId o : node.outputs)
    if (o != kNoValue)
      add(outs, QString::fromStdString(graph_->value(o).name), describeValue(graph_->value(o)));
  if (!node.params.empty()) {
    auto* params = section(tree_, tr("Parameters"));
    for (const auto& p : node.params) {
      if (p.value == kNoValue) continue;
      const Value& v = graph_->value(p.value);
      add(params, QString::fromStdString(p.name),
          QString::fromStdString(v.name) + QStringLiteral("  ") + describeValue(v));
      if (v.initializer) weights_.push_back(p.value);
    }
  }
  if (!node.sourceNodes.empty() || !node.sourceInitializers.empty()) {
    auto* prov = section(tree_, tr("Converted from"));
    for (NodeId s : node.sourceNodes) {
      QString name =
          source && s >= 0 && static_cast<size_t>(s) < source->nodes.size()
              ? QString::fromStdString(source->node(s).name + "  (" + source->node(s).opType + ")")
              : QStringLiteral("#%1").arg(s);
      add(prov, tr("node"), name);
    }
    for (const auto& init : node.sourceInitializers)
      add(prov, tr("initializer"), QString::fromStdString(init));
  }
  if (node.unconverted) {
    auto* why = section(tree_, tr("Not converted"));
    add(why, tr("reason"), QString::fromStdString(node.unconvertedReason));
    for (const auto& s : node.suggestions) add(why, tr("try"), QString::fromStdString(s));
  }
  if (!weights_.empty()) {
    weightBox_->blockSignals(true);
    weightBox_->clear();
    for (ValueId w : weights_) weightBox_->addItem(QString::fromStdString(graph_->value(w).name));
    weightBox_->blockSignals(false);
    weightPanel_->show();
    showWeight(0);
  }
}

void NodeInspector::showWeight(int index) {
  if (!graph_ || index < 0 || index >= weightCount()) return;
  const Value& v = graph_->value(weights_[static_cast<size_t>(index)]);
  stats_ = TensorStats::of(*v.initializer);
  plot_->clearPlottables();
  if (!stats_.valid) {
    statsLabel_->setText(
        tr("No statistics for %1 (%2).").arg(QString::fromStdString(v.name), describeValue(v)));
    plot_->replot();
    return;
  }
  statsLabel_->setText(tr("%1 elements%2<br>min %3 · max %4<br>mean %5 · std %6 · sparsity %7%")
                           .arg(v.initializer->numel())
                           .arg(stats_.sampled ? tr(" (sampled)") : QString())
                           .arg(stats_.min, 0, 'g', 5)
                           .arg(stats_.max, 0, 'g', 5)
                           .arg(stats_.mean, 0, 'g', 5)
                           .arg(stats_.std, 0, 'g', 5)
                           .arg(stats_.sparsity * 100, 0, 'f', 1));
  auto* bars = new QCPBars(plot_->xAxis, plot_->yAxis);
  QVector<double> keys, counts;
  const double width = (stats_.max - stats_.min) / static_cast<double>(stats_.histogram.size());
  for (size_t b = 0; b < stats_.histogram.size(); ++b) {
    keys << stats_.min + (static_cast<double>(b) + 0.5) * (width > 0 ? width : 1);
    counts << static_cast<double>(stats_.histogram[b]);
  }
  bars->setWidth(width > 0 ? width : 1);
  bars->setData(keys, counts);
  bars->setBrush(QColor(51, 85, 136, 180));
  bars->setPen(Qt::NoPen);
  plot_->rescaleAxes();
  plot_->yAxis->setRangeLower(0);
  plot_->replot();
}

QString NodeInspector::exportCurrentWeight(const QString& path) const {
  int index = weightBox_->currentIndex();
  if (!graph_ || index < 0 || index >= weightCount()) return tr("No weight selected.");
  Status status = exportTensorNpy(path.toStdString(),
                                  *graph_->value(weights_[static_cast<size_t>(index)]).initializer);
  return status ? QString() : QString::fromStdString(status.error().describe());
}

void NodeInspector::chooseExportPath() {
  int index = weightBox_->currentIndex();
  if (index < 0) return;
  QString name = QString::fromStdString(graph_->value(weights_[static_cast<size_t>(index)]).name);
  name.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_.-]")), QStringLiteral("_"));
  QString path = QFileDialog::getSaveFileName(
      this, tr("Export weight"), name + QStringLiteral(".npy"), tr("NumPy arrays (*.npy)"));
  if (path.isEmpty()) return;
  QString error = exportCurrentWeight(path);
  if (!error.isEmpty()) QMessageBox::warning(this, tr("Export weight"), error);
}

}  // namespace mb
