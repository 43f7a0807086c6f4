#include "unconverted_panel.h"

#include <QDockWidget>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <map>

#include "fix_dialog.h"
#include "main_window.h"

namespace mb {

namespace {
constexpr int kNodeRole = Qt::UserRole + 1;         // source node name
constexpr int kSuggestionsRole = Qt::UserRole + 2;  // QStringList

QString opTypeOf(const Node& node) {
  return QString::fromStdString(node.domain.empty() || node.domain == "ai.onnx"
                                    ? node.opType
                                    : node.domain + "::" + node.opType);
}

QString fixText(const convert::OpFix& fix) {
  switch (fix.kind) {
    case convert::FixKind::Api:
      return UnconvertedPanel::tr("API %1").arg(QString::fromStdString(fix.api.api));
    case convert::FixKind::Template:
      return UnconvertedPanel::tr("template %1").arg(QString::fromStdString(fix.templateName));
    case convert::FixKind::Snippet:
      return UnconvertedPanel::tr("code snippet (unverified)");
  }
  return {};
}
}  // namespace

UnconvertedPanel::UnconvertedPanel(MainWindow* window) : QWidget(window), window_(window) {
  setObjectName(QStringLiteral("unconvertedPanel"));
  auto* column = new QVBoxLayout(this);
  summary_ = new QLabel(this);
  summary_->setWordWrap(true);
  column->addWidget(summary_);
  tree_ = new QTreeWidget(this);
  tree_->setHeaderLabels({tr("Node"), tr("Reason"), tr("Suggested APIs")});
  tree_->setWordWrap(true);
  tree_->setUniformRowHeights(false);
  tree_->header()->setStretchLastSection(true);
  column->addWidget(tree_, 1);
  details_ = new QLabel(this);
  details_->setWordWrap(true);
  details_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  details_->setAlignment(Qt::AlignLeft | Qt::AlignTop);
  details_->setMinimumHeight(details_->fontMetrics().lineSpacing() * 5);
  column->addWidget(details_);
  auto* buttons = new QHBoxLayout;
  fix_ = new QPushButton(tr("Fix…"), this);
  fix_->setToolTip(tr("Pick a MindSpore API, a template or write a snippet for the selected node"));
  remove_ = new QPushButton(tr("Remove Fix"), this);
  buttons->addStretch(1);
  buttons->addWidget(remove_);
  buttons->addWidget(fix_);
  column->addLayout(buttons);

  connect(tree_, &QTreeWidget::currentItemChanged, this, [this] {
    const QString node = currentNode();
    fix_->setEnabled(!node.isEmpty());
    remove_->setEnabled(!node.isEmpty() &&
                        (window_->session()->project().fixes.count(node.toStdString()) ||
                         window_->session()->project().overrides.count(node.toStdString())));
    QTreeWidgetItem* item = tree_->currentItem();
    details_->setText(
        node.isEmpty() || !item
            ? QString()
            : tr("<b>%1</b>: %2<br>%3")
                  .arg(
                      node.toHtmlEscaped(), item->text(ReasonColumn).toHtmlEscaped(),
                      item->text(SuggestionColumn).isEmpty()
                          ? QString()
                          : tr("Suggested: %1").arg(item->text(SuggestionColumn).toHtmlEscaped())));
    if (!node.isEmpty()) window_->session()->requestSelectLayer(node);
  });
  connect(tree_, &QTreeWidget::itemDoubleClicked, this, [this] { fix_->click(); });
  connect(fix_, &QPushButton::clicked, this, [this] {
    if (FixDialog* dialog = createFixDialog(currentNode())) {
      dialog->setAttribute(Qt::WA_DeleteOnClose);
      dialog->open();
    }
  });
  connect(remove_, &QPushButton::clicked, this, [this] { removeFix(currentNode()); });
  connect(window_->session(), &MigrationSession::modelChanged, this, &UnconvertedPanel::refresh);
  connect(window_->session(), &MigrationSession::projectChanged, this, &UnconvertedPanel::refresh);
  refresh();
}

UnconvertedPanel* UnconvertedPanel::install(MainWindow* window) {
  auto* panel = new UnconvertedPanel(window);
  QDockWidget* dock = window->addPanel(panel, tr("Unconverted Ops"),
                                       QStringLiteral("unconvertedDock"), Qt::LeftDockWidgetArea);
  // Shares its place with the Inputs panel (a saved window state may have moved either).
  auto* inputs = window->findChild<QDockWidget*>(QStringLiteral("inputsDock"));
  if (inputs && window->dockWidgetArea(inputs) == window->dockWidgetArea(dock) &&
      window->tabifiedDockWidgets(inputs).isEmpty()) {
    window->tabifyDockWidget(inputs, dock);
    inputs->raise();  // inputs first; the tab shows the unconverted count's panel a click away
  }
  return panel;
}

QString UnconvertedPanel::currentNode() const {
  QTreeWidgetItem* item = tree_->currentItem();
  return item ? item->data(NodeColumn, kNodeRole).toString() : QString();
}

QTreeWidgetItem* UnconvertedPanel::itemFor(const QString& node) const {
  for (int g = 0; g < tree_->topLevelItemCount(); ++g) {
    QTreeWidgetItem* group = tree_->topLevelItem(g);
    for (int c = 0; c < group->childCount(); ++c)
      if (group->child(c)->data(NodeColumn, kNodeRole).toString() == node) return group->child(c);
  }
  return nullptr;
}

void UnconvertedPanel::refresh() {
  const QString selected = currentNode();
  tree_->clear();
  unconvertedCount_ = 0;
  auto model = window_->session()->model();
  const project::Project& project = window_->session()->project();
  if (!model || !model->source) {
    summary_->setText(tr("Open a model to see the ops it could not convert."));
    fix_->setEnabled(false);
    remove_->setEnabled(false);
    return;
  }
  const Graph& source = *model->source;
  // Unconverted source nodes, with the converted node that carries the reason.
  std::map<QString, std::vector<std::pair<NodeId, const Node*>>> byOp;
  if (model->converted)
    for (const Node& n : model->converted->nodes)
      if (n.unconverted)
        for (NodeId s : n.sourceNodes)
          if (s >= 0 && static_cast<size_t>(s) < source.nodes.size())
            byOp[opTypeOf(source.node(s))].push_back({s, &n});
  for (const auto& [op, nodes] : byOp) {
    auto* group = new QTreeWidgetItem(tree_, {tr("%1 (%2)").arg(op).arg(nodes.size())});
    group->setFirstColumnSpanned(true);
    for (const auto& [id, converted] : nodes) {
      QStringList suggestions;
      for (const auto& s : converted->suggestions) suggestions << QString::fromStdString(s);
      const QString name = QString::fromStdString(source.node(id).name);
      auto* item =
          new QTreeWidgetItem(group, {name, QString::fromStdString(converted->unconvertedReason),
                                      suggestions.join(QStringLiteral(", "))});
      item->setData(NodeColumn, kNodeRole, name);
      item->setData(NodeColumn, kSuggestionsRole, suggestions);
      item->setToolTip(ReasonColumn, item->text(ReasonColumn));
      item->setForeground(NodeColumn, QColor(200, 30, 30));
      ++unconvertedCount_;
    }
    group->setExpanded(true);
  }
  // The user's fixes and overrides, converted or not (a fix that failed stays visible here).
  std::map<std::string, QString> fixed;
  for (const auto& [name, fix] : project.fixes) fixed[name] = fixText(fix);
  for (const auto& [name, o] : project.overrides) {
    QString text = o.converter.empty()
                       ? tr("attribute overrides")
                       : tr("converted as %1").arg(QString::fromStdString(o.converter));
    fixed[name] = fixed[name].isEmpty() ? text : fixed[name] + QStringLiteral(" + ") + text;
  }
  if (!fixed.empty()) {
    auto* group = new QTreeWidgetItem(tree_, {tr("Fixed by you (%1)").arg(fixed.size())});
    group->setFirstColumnSpanned(true);
    for (const auto& [name, text] : fixed) {
      const QString node = QString::fromStdString(name);
      auto* item = new QTreeWidgetItem(group, {node, text});
      item->setData(NodeColumn, kNodeRole, node);
      item->setForeground(NodeColumn, QColor(30, 130, 60));
    }
    group->setExpanded(true);
  }
  tree_->resizeColumnToContents(NodeColumn);
  tree_->setColumnWidth(ReasonColumn, std::max(160, tree_->columnWidth(ReasonColumn)));
  summary_->setText(
      unconvertedCount_ == 0
          ? tr("Every op converted.")
          : tr("%n op(s) not converted. Select one and choose Fix….", nullptr, unconvertedCount_));
  details_->clear();
  if (QTreeWidgetItem* again = selected.isEmpty() ? nullptr : itemFor(selected)) {
    tree_->blockSignals(true);
    tree_->setCurrentItem(again);
    tree_->blockSignals(false);
  }
  fix_->setEnabled(!currentNode().isEmpty());
  remove_->setEnabled(!currentNode().isEmpty() && fixed.count(currentNode().toStdString()) > 0);
}

FixDialog* UnconvertedPanel::createFixDialog(const QString& node) {
  auto model = window_->session()->model();
  if (!model || !model->source || node.isEmpty()) return nullptr;
  auto id = model->source->findNode(node.toStdString());
  if (!id) return nullptr;
  std::vector<std::string> suggestions;
  if (QTreeWidgetItem* item = itemFor(node))
    for (const QString& s : item->data(NodeColumn, kSuggestionsRole).toStringList())
      suggestions.push_back(s.toStdString());
  return new FixDialog(window_->session(), model->source, *id, suggestions, window_);
}

bool UnconvertedPanel::removeFix(const QString& node) {
  const std::string name = node.toStdString();
  const project::Project& p = window_->session()->project();
  if (!p.fixes.count(name) && !p.overrides.count(name)) return false;
  window_->session()->edit(tr("Remove fix of %1").arg(node), MigrationSession::Conversion,
                           [name](project::Project& project) {
                             project.fixes.erase(name);
                             project.overrides.erase(name);
                           });
  return true;
}

}  // namespace mb
