#include "inputs_panel.h"

#include <QAction>
#include <QDockWidget>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>

#include "graph_pane.h"
#include "graph_scene.h"
#include "main_window.h"
#include "project/project_source.h"

namespace mb {

namespace {
const QColor kErrorText(190, 20, 20);

QStringList splitNames(const QString& text) {
  QStringList names;
  for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
    if (!part.trimmed().isEmpty()) names << part.trimmed();
  return names;
}

std::vector<std::string> toStd(const QStringList& list) {
  std::vector<std::string> out;
  for (const QString& s : list) out.push_back(s.toStdString());
  return out;
}

QString joined(const std::vector<std::string>& names) {
  QStringList list;
  for (const auto& n : names) list << QString::fromStdString(n);
  return list.join(QStringLiteral(", "));
}

const project::InputSpec* findSpec(const project::Project& p, const std::string& name) {
  for (const auto& s : p.inputs)
    if (s.name == name) return &s;
  return nullptr;
}

void setSpec(project::Project& p, const std::string& name, const std::vector<Dim>& dims) {
  for (auto& s : p.inputs)
    if (s.name == name) {
      s.shape = dims;
      return;
    }
  p.inputs.push_back({name, dims});
}
}  // namespace

InputsPanel::InputsPanel(MainWindow* window) : QWidget(window), window_(window) {
  setObjectName(QStringLiteral("inputsPanel"));
  auto* column = new QVBoxLayout(this);
  table_ = new QTableWidget(0, 4, this);
  table_->setHorizontalHeaderLabels({tr("Input"), tr("DType"), tr("Shape"), tr("Status")});
  table_->horizontalHeader()->setStretchLastSection(true);
  table_->verticalHeader()->hide();
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setWordWrap(true);
  table_->setToolTip(
      tr("Double-click a shape to edit it: a size or a name per dim, e.g. "
         "batch,3,224,224 or 1,3,320,320"));
  column->addWidget(table_, 1);

  auto* form = new QFormLayout;
  inputNodes_ = new QLineEdit(this);
  inputNodes_->setPlaceholderText(tr("the model's own inputs"));
  inputNodes_->setToolTip(
      tr("Tensor or node names where the converted part starts, separated "
         "by commas (MindConverter's --input_nodes)"));
  outputNodes_ = new QLineEdit(this);
  outputNodes_->setPlaceholderText(tr("the model's own outputs"));
  outputNodes_->setToolTip(
      tr("Tensor or node names where the converted part ends, separated by "
         "commas (MindConverter's --output_nodes)"));
  form->addRow(tr("Input nodes:"), inputNodes_);
  form->addRow(tr("Output nodes:"), outputNodes_);
  column->addLayout(form);

  auto* buttons = new QGridLayout;  // two rows keep the dock narrow
  auto* asInput = new QPushButton(tr("Selected → Input"), this);
  asInput->setToolTip(tr("Use the node selected in the source graph as an input node"));
  auto* asOutput = new QPushButton(tr("Selected → Output"), this);
  asOutput->setToolTip(tr("Use the node selected in the source graph as an output node"));
  reconvert_ = new QPushButton(tr("Re-convert"), this);
  reconvert_->setToolTip(tr("Import and convert the model again with these inputs"));
  buttons->addWidget(asInput, 0, 0);
  buttons->addWidget(asOutput, 0, 1);
  buttons->addWidget(reconvert_, 1, 1);
  status_ = new QLabel(this);
  status_->setWordWrap(true);
  status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  status_->setMinimumHeight(status_->fontMetrics().lineSpacing() * 4);
  status_->setAlignment(Qt::AlignLeft | Qt::AlignTop);
  column->addWidget(status_);
  column->addLayout(buttons);

  connect(asInput, &QPushButton::clicked, this, &InputsPanel::useSelectedAsInput);
  connect(asOutput, &QPushButton::clicked, this, &InputsPanel::useSelectedAsOutput);
  connect(reconvert_, &QPushButton::clicked, this, [this] {
    importErrors_.clear();
    generalError_.clear();
    window_->reconvert(false);
    refresh();
  });
  connect(inputNodes_, &QLineEdit::editingFinished, this,
          [this] { commitNodeList(inputNodes_, true); });
  connect(outputNodes_, &QLineEdit::editingFinished, this,
          [this] { commitNodeList(outputNodes_, false); });
  connect(table_, &QTableWidget::itemChanged, this, [this](QTableWidgetItem* item) {
    if (refreshing_ || item->column() != ShapeColumn) return;
    setShapeText(table_->item(item->row(), NameColumn)->text(), item->text());
  });
  MigrationSession* session = window_->session();
  connect(session, &MigrationSession::modelChanged, this, [this] {
    importErrors_.clear();
    generalError_.clear();
    refresh();
  });
  connect(session, &MigrationSession::projectChanged, this,
          [this](MigrationSession::Aspects aspects) {
            // Another input setting (an edit, an undo) makes the last import error stale.
            if (aspects & (MigrationSession::Inputs | MigrationSession::ModelPath)) {
              importErrors_.clear();
              generalError_.clear();
            }
            refresh();
          });
  connect(window_, &MainWindow::reconvertFailed, this, &InputsPanel::onConversionFailed);
  refresh();
}

InputsPanel* InputsPanel::install(MainWindow* window) {
  auto* panel = new InputsPanel(window);
  window->addPanel(panel, tr("Inputs"), QStringLiteral("inputsDock"), Qt::LeftDockWidgetArea);
  QMenu* tools = window->toolsMenu();
  tools->addSeparator();
  tools->addAction(tr("Use Selected Node as &Input"), panel, &InputsPanel::useSelectedAsInput);
  tools->addAction(tr("Use Selected Node as &Output"), panel, &InputsPanel::useSelectedAsOutput);
  tools->addAction(tr("&Re-convert"), QKeySequence(Qt::CTRL | Qt::Key_R), panel,
                   [panel] { panel->reconvertButton()->click(); });
  return panel;
}

int InputsPanel::rowOf(const QString& input) const {
  for (int r = 0; r < table_->rowCount(); ++r)
    if (table_->item(r, NameColumn)->text() == input) return r;
  return -1;
}

QString InputsPanel::rowError(const QString& input) const {
  int r = rowOf(input);
  if (r < 0) return {};
  QTableWidgetItem* status = table_->item(r, StatusColumn);
  return status->data(Qt::UserRole).toBool() ? status->text() : QString();
}

bool InputsPanel::setShapeText(const QString& input, const QString& text) {
  auto dims = project::parseDimsText(text.toStdString());
  if (!dims) {
    badTexts_[input] = text;
    textErrors_[input] = tr("'%1': %2 (%3)")
                             .arg(text, QString::fromStdString(dims.error().message),
                                  QString::fromStdString(dims.error().where));
    refresh();
    return false;
  }
  textErrors_.erase(input);
  badTexts_.erase(input);
  importErrors_.erase(input);
  const std::string name = input.toStdString();
  const std::vector<Dim> wanted = *dims;
  window_->session()->edit(tr("Set shape of %1 to %2").arg(input, text.trimmed()),
                           MigrationSession::Inputs,
                           [name, wanted](project::Project& p) { setSpec(p, name, wanted); });
  refresh();
  return true;
}

void InputsPanel::commitNodeList(QLineEdit* edit, bool inputs) {
  const std::vector<std::string> names = toStd(splitNames(edit->text()));
  const project::Project& current = window_->session()->project();
  if (names == (inputs ? current.inputNodes : current.outputNodes)) return;
  window_->session()->edit(
      inputs ? tr("Set input nodes") : tr("Set output nodes"), MigrationSession::Inputs,
      [names, inputs](project::Project& p) { (inputs ? p.inputNodes : p.outputNodes) = names; });
}

bool InputsPanel::useSelectedAsOutput() {
  GraphScene* scene = window_->sourcePane()->scene();
  auto selected = scene->selectedNodes();
  if (selected.empty() || !scene->graph()) {
    status_->setText(tr("Select a node in the source graph first."));
    return false;
  }
  const std::string name = scene->graph()->node(selected.front()).name;
  if (name.empty()) {
    status_->setText(tr("The selected node has no name; type one of its output tensors."));
    return false;
  }
  window_->session()->edit(
      tr("Use %1 as output node").arg(QString::fromStdString(name)), MigrationSession::Inputs,
      [name](project::Project& p) {
        if (std::find(p.outputNodes.begin(), p.outputNodes.end(), name) == p.outputNodes.end())
          p.outputNodes.push_back(name);
      });
  return true;
}

bool InputsPanel::useSelectedAsInput() {
  GraphScene* scene = window_->sourcePane()->scene();
  auto selected = scene->selectedNodes();
  if (selected.empty() || !scene->graph()) {
    status_->setText(tr("Select a node in the source graph first."));
    return false;
  }
  // The node's first data input (not a weight) becomes the cut point, with its inferred shape.
  const Graph& g = *scene->graph();
  const Node& node = g.node(selected.front());
  for (ValueId v : node.inputs) {
    if (v == kNoValue || g.value(v).initializer) continue;
    const std::string tensor = g.value(v).name;
    const std::vector<Dim> dims = g.value(v).shape.dims;
    window_->session()->edit(
        tr("Use %1 as input node").arg(QString::fromStdString(tensor)), MigrationSession::Inputs,
        [tensor, dims](project::Project& p) {
          if (std::find(p.inputNodes.begin(), p.inputNodes.end(), tensor) == p.inputNodes.end())
            p.inputNodes.push_back(tensor);
          if (!findSpec(p, tensor)) setSpec(p, tensor, dims);
        });
    return true;
  }
  status_->setText(tr("The selected node has no data input to start from."));
  return false;
}

void InputsPanel::onConversionFailed(const QString& text) {
  // "error[code] " is for logs; the panel says what and where.
  static const QRegularExpression code(QStringLiteral("^error\\[[^\\]]*\\]\\s*"));
  QString message = text;
  message.remove(code);
  if (auto model = window_->session()->model())  // the model's path is in the window title
    message.remove(model->path + QStringLiteral(": "));
  // "… input 'x' dim 0 …": the error belongs in that input's row; else below the table.
  static const QRegularExpression inputRef(QStringLiteral("input '([^']+)'"));
  auto match = inputRef.match(message);
  if (match.hasMatch() && rowOf(match.captured(1)) >= 0)
    importErrors_[match.captured(1)] = message;
  else
    generalError_ = message;
  refresh();
}

void InputsPanel::refresh() {
  refreshing_ = true;
  const project::Project& p = window_->session()->project();
  auto model = window_->session()->model();
  struct Row {
    QString name, dtype, shape;
  };
  std::vector<Row> rows;
  if (model && model->source) {
    const Graph& g = *model->source;
    for (ValueId v : g.inputs) {
      const Value& value = g.value(v);
      rows.push_back({QString::fromStdString(value.name),
                      QString::fromLatin1(dtypeName(value.dtype).data(),
                                          static_cast<int>(dtypeName(value.dtype).size())),
                      QString::fromStdString(project::dimsText(value.shape.dims))});
    }
  }
  for (const auto& spec : p.inputs) {  // specs the shown graph does not have (yet)
    QString name = QString::fromStdString(spec.name);
    if (std::none_of(rows.begin(), rows.end(), [&](const Row& r) { return r.name == name; }))
      rows.push_back({name, QString(), QString()});
  }
  table_->setRowCount(static_cast<int>(rows.size()));
  for (int r = 0; r < static_cast<int>(rows.size()); ++r) {
    const Row& row = rows[static_cast<size_t>(r)];
    const project::InputSpec* spec = findSpec(p, row.name.toStdString());
    QString shape = spec ? QString::fromStdString(project::dimsText(spec->shape)) : row.shape;
    QString status = spec ? tr("set by you") : tr("model's");
    bool error = false;
    if (auto t = textErrors_.find(row.name); t != textErrors_.end()) {
      status = t->second;
      shape = badTexts_[row.name];
      error = true;
    } else if (auto i = importErrors_.find(row.name); i != importErrors_.end()) {
      status = i->second;
      error = true;
    } else if (spec && !row.shape.isEmpty() && row.shape != shape) {
      status = tr("converted as %1").arg(row.shape);
    }
    auto* name = new QTableWidgetItem(row.name);
    auto* dtype = new QTableWidgetItem(row.dtype);
    auto* shapeItem = new QTableWidgetItem(shape);
    auto* statusItem = new QTableWidgetItem(status);
    for (auto* item : {name, dtype, statusItem})
      item->setFlags(item->flags() & ~Qt::ItemIsEditable);
    statusItem->setData(Qt::UserRole, error);
    statusItem->setToolTip(status);
    if (error) {
      statusItem->setForeground(kErrorText);
      shapeItem->setForeground(kErrorText);
      shapeItem->setToolTip(status);
    }
    table_->setItem(r, NameColumn, name);
    table_->setItem(r, DTypeColumn, dtype);
    table_->setItem(r, ShapeColumn, shapeItem);
    table_->setItem(r, StatusColumn, statusItem);
  }
  for (int c : {NameColumn, DTypeColumn, ShapeColumn}) table_->resizeColumnToContents(c);
  table_->resizeRowsToContents();
  if (!inputNodes_->hasFocus()) inputNodes_->setText(joined(p.inputNodes));
  if (!outputNodes_->hasFocus()) outputNodes_->setText(joined(p.outputNodes));
  QString rowProblem;
  for (int r = 0; r < table_->rowCount() && rowProblem.isEmpty(); ++r)
    if (table_->item(r, StatusColumn)->data(Qt::UserRole).toBool())
      rowProblem = tr("%1: %2").arg(table_->item(r, NameColumn)->text(),
                                    table_->item(r, StatusColumn)->text());
  if (!generalError_.isEmpty() || !rowProblem.isEmpty()) {
    status_->setText(rowProblem.isEmpty() ? tr("Re-conversion failed: %1").arg(generalError_)
                                          : rowProblem);
    status_->setStyleSheet(QStringLiteral("color: rgb(190,20,20)"));
  } else {
    status_->setStyleSheet(QString());
    status_->setText(window_->reconverting() ? tr("Converting…")
                     : model                 ? model->conversionMessage
                                             : tr("Open a model to set its inputs."));
  }
  reconvert_->setEnabled(model != nullptr);
  refreshing_ = false;
}

}  // namespace mb
