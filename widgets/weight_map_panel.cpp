#include "weight_map_panel.h"

#include <QAction>
#include <QComboBox>
#include <QCompleter>
#include <QCoreApplication>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPointer>
#include <QSortFilterProxyModel>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QThread>
#include <QToolButton>
#include <fstream>
#include <nlohmann/json.hpp>

#include "io/atomic_file.h"
#include "main_window.h"
#include "migration_session.h"
#include "regex_rule_dialog.h"
#include "weights/targets.h"
#include "weights/weight_outputs.h"

namespace mb {

namespace {
bool dialogsAllowed() {
  return !qEnvironmentVariableIsSet("MB_NO_DIALOGS");
}

// Status group and text (in either name) filter over the mapping table.
class MappingFilter : public QSortFilterProxyModel {
 public:
  using QSortFilterProxyModel::QSortFilterProxyModel;
  void set(WeightMapModel::Group group, const QString& text) {
    group_ = group;
    text_ = text;
    invalidateFilter();
  }

 protected:
  bool filterAcceptsRow(int row, const QModelIndex&) const override {
    auto* m = static_cast<WeightMapModel*>(sourceModel());
    if (!m->inGroup(row, group_)) return false;
    if (text_.isEmpty()) return true;
    const auto& e = m->entry(row);
    return QString::fromStdString(e.source).contains(text_, Qt::CaseInsensitive) ||
           QString::fromStdString(e.target).contains(text_, Qt::CaseInsensitive);
  }

 private:
  WeightMapModel::Group group_ = WeightMapModel::Group::All;
  QString text_;
};

// The MindSpore-name editor completes from the parameters nothing is mapped onto yet.
class TargetDelegate : public QStyledItemDelegate {
 public:
  TargetDelegate(WeightMapModel* model, QObject* parent)
      : QStyledItemDelegate(parent), model_(model) {}
  QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option,
                        const QModelIndex& index) const override {
    auto* editor =
        qobject_cast<QLineEdit*>(QStyledItemDelegate::createEditor(parent, option, index));
    if (editor) {
      auto* completer = new QCompleter(model_->unmatchedTargets(), editor);
      completer->setCaseSensitivity(Qt::CaseInsensitive);
      completer->setFilterMode(Qt::MatchContains);
      editor->setCompleter(completer);
    }
    return editor;
  }

 private:
  WeightMapModel* model_;
};

// MindConverter's weight_map.json: {model: [{converted_weight: {name}, source_weight: {name}}]}.
Expected<weights::MappingRules> pairsFromWeightMap(const nlohmann::json& j,
                                                   const std::string& where) {
  weights::MappingRules rules;
  for (const auto& [model, entries] : j.items()) {
    if (!entries.is_array()) continue;
    for (size_t i = 0; i < entries.size(); ++i) {
      const auto& e = entries[i];
      const std::string at = where + ": " + model + "[" + std::to_string(i) + "]";
      if (!e.is_object() || !e.contains("converted_weight") || !e.contains("source_weight"))
        return makeError(ErrorCode::BadFormat,
                         "expected {\"converted_weight\": {...}, \"source_weight\": {...}}", at);
      const auto& c = e["converted_weight"];
      const auto& s = e["source_weight"];
      if (c.is_null() || s.is_null()) continue;  // a missing or unexpected entry: no pair
      if (!c.is_object() || !s.is_object() || !c.contains("name") || !s.contains("name") ||
          !c["name"].is_string() || !s["name"].is_string())
        return makeError(ErrorCode::BadFormat, "each weight needs a \"name\" string", at);
      rules.overrides[s["name"].get<std::string>()] = c["name"].get<std::string>();
    }
  }
  return rules;
}
}  // namespace

WeightMapPanel::WeightMapPanel(MainWindow* window, QWidget* parent)
    : QWidget(parent), window_(window), session_(window->session()) {
  model_ = new WeightMapModel(this);
  proxy_ = new MappingFilter(this);
  proxy_->setSourceModel(model_);
  auto* column = new QVBoxLayout(this);
  column->setContentsMargins(4, 4, 4, 4);
  auto* row = new QHBoxLayout;
  auto button = [&](const QString& text, const QString& tip, auto slot) {
    auto* b = new QToolButton(this);
    b->setText(text);
    b->setToolTip(tip);
    connect(b, &QToolButton::clicked, this, slot);
    row->addWidget(b);
    return b;
  };
  button(tr("Open Weights…"), tr("A .pth, .safetensors or .ckpt file to map onto the model"),
         &WeightMapPanel::chooseWeights);
  button(tr("Add Rule…"), tr("Rename unmatched source names with a regular expression"),
         &WeightMapPanel::chooseRule);
  button(tr("Import…"), tr("Pairs from a weight_map.json, or a rules file"), [this] {
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Import weight map"), QString(), tr("JSON (*.json)"));
    if (path.isEmpty()) return;
    const QString error = importMap(path);
    if (!error.isEmpty() && dialogsAllowed())
      QMessageBox::warning(this, tr("Import weight map"), error);
  });
  button(tr("Export…"), tr("Write weight_map.json (MindConverter's format)"), [this] {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export weight map"), QStringLiteral("weight_map.json"), tr("JSON (*.json)"));
    if (path.isEmpty()) return;
    const QString error = exportMap(path);
    if (!error.isEmpty() && dialogsAllowed())
      QMessageBox::warning(this, tr("Export weight map"), error);
  });
  button(tr("Write Checkpoint…"), tr("Write the mapped weights as a MindSpore .ckpt"), [this] {
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Write checkpoint"), QStringLiteral("model.ckpt"),
                                     tr("MindSpore checkpoint (*.ckpt)"));
    if (!path.isEmpty()) writeCheckpoint(path);
  });
  row->addSpacing(12);
  group_ = new QComboBox(this);
  group_->addItems({tr("All"), tr("Matched"), tr("Problems"), tr("Dropped")});
  group_->setToolTip(tr("Show entries by status"));
  row->addWidget(group_);
  text_ = new QLineEdit(this);
  text_->setPlaceholderText(tr("Filter names…"));
  text_->setClearButtonEnabled(true);
  row->addWidget(text_, 1);
  column->addLayout(row);
  summary_ =
      new QLabel(tr("Open the model's weights (.pth, .safetensors or .ckpt) to map them."), this);
  column->addWidget(summary_);
  view_ = new QTableView(this);
  view_->setModel(proxy_);
  view_->setItemDelegateForColumn(WeightMapModel::Target, new TargetDelegate(model_, view_));
  view_->setSelectionBehavior(QAbstractItemView::SelectRows);
  view_->setSelectionMode(QAbstractItemView::SingleSelection);
  view_->setDragEnabled(true);
  view_->setAcceptDrops(true);
  view_->setDropIndicatorShown(true);
  view_->setDragDropMode(QAbstractItemView::DragDrop);
  view_->setDefaultDropAction(Qt::CopyAction);
  view_->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
  view_->verticalHeader()->hide();
  view_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
  view_->horizontalHeader()->setStretchLastSection(true);
  view_->setWordWrap(false);
  column->addWidget(view_, 1);

  connect(group_, &QComboBox::currentIndexChanged, this, &WeightMapPanel::applyFilter);
  connect(text_, &QLineEdit::textChanged, this, &WeightMapPanel::applyFilter);
  connect(model_, &WeightMapModel::pairRequested, this, &WeightMapPanel::pair);
  connect(model_, &WeightMapModel::remapped, this, [this] {
    summary_->setText(summary());
    view_->resizeColumnsToContents();
  });
  connect(session_, &MigrationSession::modelChanged, this, &WeightMapPanel::refreshTargets);
  connect(session_, &MigrationSession::projectChanged, this,
          [this](MigrationSession::Aspects aspects) {
            if (aspects & (MigrationSession::Mapping | MigrationSession::Conversion))
              refreshRules();
          });
  refreshRules();
  refreshTargets();
}

WeightMapPanel* WeightMapPanel::install(MainWindow* window) {
  auto* panel = new WeightMapPanel(window, window);
  QDockWidget* dock = window->addPanel(
      panel, tr("Weight Mapping"), QStringLiteral("weightMappingDock"), Qt::BottomDockWidgetArea);
  dock->hide();
  auto open = [panel, dock](const QString& path) {
    dock->show();
    dock->raise();
    panel->openWeights(path);
  };
  window->registerOpener({QStringLiteral("pth"), QStringLiteral("pt"),
                          QStringLiteral("safetensors"), QStringLiteral("ckpt")},
                         open);
  QAction* action = window->fileMenu()->addAction(tr("Open &Weights…"), panel, [panel, dock] {
    dock->show();
    panel->chooseWeights();
  });
  action->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_W));
  action->setStatusTip(tr("Map a PyTorch state dict, safetensors or checkpoint onto the model"));
  // Put it right after Open Model… (the first action), where people look for it.
  const auto actions = window->fileMenu()->actions();
  if (actions.size() > 2) {
    window->fileMenu()->removeAction(action);
    window->fileMenu()->insertAction(actions[1], action);
  }
  return panel;
}

QString WeightMapPanel::summary() const {
  const weights::MappingResult& m = model_->mapping();
  if (!model_->sources())
    return tr("Open the model's weights (.pth, .safetensors or .ckpt) to map them.");
  if (!model_->hasModel())
    return tr("%1: %2 tensors (%3) — open the model to map them onto its MindSpore parameters.")
        .arg(QFileInfo(weightsPath_).fileName())
        .arg(model_->sources()->tensors.size())
        .arg(QString::fromStdString(model_->sources()->format));
  int conflicts = 0;
  for (int r = 0; r < model_->rowCount(); ++r) conflicts += model_->isConflict(r);
  const size_t targets = m.matched() + m.count(weights::MatchStatus::Missing);
  return tr("%1: %2 of %3 MindSpore parameters matched · %4 missing · %5 unexpected · %6 dropped "
            "· %7 conflicts")
      .arg(QFileInfo(weightsPath_).fileName())
      .arg(m.matched())
      .arg(targets)
      .arg(m.count(weights::MatchStatus::Missing))
      .arg(m.count(weights::MatchStatus::Unexpected))
      .arg(m.count(weights::MatchStatus::Dropped))
      .arg(conflicts);
}

void WeightMapPanel::refreshTargets() {
  auto model = session_->model();
  if (model && model->converted)
    model_->setTargets(weights::targetsFromGraph(*model->converted), true);
  else
    model_->setTargets({}, false);
}

void WeightMapPanel::refreshRules() {
  const project::Project& p = session_->project();
  model_->setRules(p.weightMapping, convert::targetApiName(p.targetApi));
}

void WeightMapPanel::applyFilter() {
  static_cast<MappingFilter*>(proxy_)->set(
      static_cast<WeightMapModel::Group>(group_->currentIndex()), text_->text());
}

void WeightMapPanel::setFilter(WeightMapModel::Group group, const QString& text) {
  group_->setCurrentIndex(static_cast<int>(group));
  text_->setText(text);
  applyFilter();
}

void WeightMapPanel::pair(const QString& source, const QString& target) {
  const std::string s = source.toStdString(), t = target.toStdString();
  if (t.empty())
    session_->edit(tr("Unpair %1").arg(source), MigrationSession::Mapping,
                   [s](project::Project& p) { p.weightMapping.overrides.erase(s); });
  else
    session_->edit(tr("Map %1 → %2").arg(source, target), MigrationSession::Mapping,
                   [s, t](project::Project& p) { p.weightMapping.overrides[s] = t; });
}

void WeightMapPanel::addRule(const QString& pattern, const QString& replacement) {
  weights::UserRule rule;
  rule.pattern = pattern.toStdString();
  rule.replace = replacement.toStdString();
  try {
    rule.regex = std::regex(rule.pattern, std::regex::ECMAScript);
  } catch (const std::regex_error&) {
    return;  // the dialog refuses invalid patterns; a test or script may not
  }
  session_->edit(tr("Add rule %1 → %2").arg(pattern, replacement), MigrationSession::Mapping,
                 [rule](project::Project& p) { p.weightMapping.rules.push_back(rule); });
}

void WeightMapPanel::chooseRule() {
  RegexRuleDialog dialog(model_->mapping(), this);
  if (dialog.exec() == QDialog::Accepted) addRule(dialog.pattern(), dialog.replacement());
}

void WeightMapPanel::chooseWeights() {
  const QString path =
      QFileDialog::getOpenFileName(this, tr("Open weights"), QString(),
                                   tr("Weights (*.pth *.pt *.safetensors *.ckpt);;All files (*)"));
  if (!path.isEmpty()) openWeights(path);
}

void WeightMapPanel::openWeights(const QString& path) {
  const int token = ++loadToken_;
  const int job = window_->beginJob(tr("Reading %1…").arg(QFileInfo(path).fileName()),
                                    [this] { ++loadToken_; });
  QPointer<WeightMapPanel> self(this);
  QThread* thread = QThread::create([self, path, token, job] {
    auto loaded = weights::loadSourceTensors(path.toStdString());
    std::shared_ptr<const weights::LoadedSources> sources;
    QString error;
    if (loaded)
      sources = std::make_shared<const weights::LoadedSources>(std::move(*loaded));
    else
      error = QString::fromStdString(loaded.error().describe());
    QMetaObject::invokeMethod(
        qApp,
        [self, path, token, job, sources, error] {
          if (!self) return;
          self->window_->endJob(job, error.isEmpty()
                                         ? tr("Read %1").arg(QFileInfo(path).fileName())
                                         : tr("Could not read %1").arg(QFileInfo(path).fileName()));
          if (token != self->loadToken_) return;  // cancelled or superseded: nothing changes
          if (!sources) {
            if (dialogsAllowed()) QMessageBox::warning(self, tr("Open weights"), error);
            emit self->weightsFailed(path, error);
            return;
          }
          self->weightsPath_ = path;
          self->model_->setSources(sources);
          emit self->weightsLoaded(path, static_cast<int>(sources->tensors.size()));
        },
        Qt::QueuedConnection);
  });
  connect(thread, &QThread::finished, thread, &QObject::deleteLater);
  thread->start();
}

QString WeightMapPanel::importMap(const QString& path) {
  std::ifstream in(path.toStdString(), std::ios::binary);
  if (!in) return tr("%1: cannot be opened for reading").arg(path);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object())
    return tr("%1: not a JSON object (a weight_map.json or a rules file)").arg(path);
  Expected<weights::MappingRules> imported =
      j.contains("rules") || j.contains("overrides")
          ? weights::parseMappingRules(text, path.toStdString())
          : pairsFromWeightMap(j, path.toStdString());
  if (!imported) return QString::fromStdString(imported.error().describe());
  if (imported->overrides.empty() && imported->rules.empty())
    return tr("%1: holds no weight pairs or rules").arg(path);
  const weights::MappingRules add = std::move(*imported);
  session_->edit(tr("Import %1").arg(QFileInfo(path).fileName()), MigrationSession::Mapping,
                 [add](project::Project& p) {
                   for (const auto& [s, t] : add.overrides) p.weightMapping.overrides[s] = t;
                   for (const auto& r : add.rules) p.weightMapping.rules.push_back(r);
                 });
  return {};
}

QString WeightMapPanel::exportMap(const QString& path) const {
  if (!model_->sources() || !model_->hasModel())
    return tr("Open a model and its weights before exporting the weight map.");
  auto model = session_->model();
  const std::string name = model && model->source ? model->source->name : "model";
  auto st = writeFileAtomically(path.toStdString(),
                                weights::weightMapJson(name, model_->mapping()).dump(1) + "\n");
  return st ? QString() : QString::fromStdString(st.error().describe());
}

void WeightMapPanel::writeCheckpoint(const QString& path) {
  if (!model_->sources() || !model_->hasModel()) {
    emit checkpointWritten(path, tr("Open a model and its weights before writing a checkpoint."));
    return;
  }
  if (!model_->mapping().complete()) {
    const QString error = tr("%1 MindSpore parameters have no source yet; map them first (filter "
                             "Problems).")
                              .arg(model_->mapping().count(weights::MatchStatus::Missing));
    if (dialogsAllowed()) QMessageBox::warning(this, tr("Write checkpoint"), error);
    emit checkpointWritten(path, error);
    return;
  }
  // Shared, not copied: the writer thread keeps the tensors alive even if other weights open.
  std::shared_ptr<const weights::LoadedSources> owned = model_->sharedSources();
  const weights::MappingResult mapping = model_->mapping();
  const int job = window_->beginJob(tr("Writing %1…").arg(QFileInfo(path).fileName()), {});
  QPointer<WeightMapPanel> self(this);
  QThread* thread = QThread::create([self, path, owned, mapping, job] {
    auto st = weights::writeMappedCheckpoint(path.toStdString(), owned->tensors, mapping);
    const QString error = st ? QString() : QString::fromStdString(st.error().describe());
    QMetaObject::invokeMethod(
        qApp,
        [self, path, error, job] {
          if (!self) return;
          self->window_->endJob(
              job, error.isEmpty() ? tr("Wrote %1").arg(path) : tr("Could not write %1").arg(path));
          if (!error.isEmpty() && dialogsAllowed())
            QMessageBox::warning(self, tr("Write checkpoint"), error);
          emit self->checkpointWritten(path, error);
        },
        Qt::QueuedConnection);
  });
  connect(thread, &QThread::finished, thread, &QObject::deleteLater);
  thread->start();
}

}  // namespace mb
