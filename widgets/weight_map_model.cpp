#include "weight_map_model.h"

#include <QBrush>
#include <QColor>
#include <QMimeData>
#include <unordered_map>

namespace mb {

namespace {
QString shapeText(const std::vector<int64_t>& shape, bool known) {
  if (!known) return {};
  QStringList dims;
  for (int64_t d : shape) dims << QString::number(d);
  return QStringLiteral("[%1]").arg(dims.join(QStringLiteral(", ")));
}

QString dtypeText(DType type) {
  return type == DType::Undefined ? QString() : QString::fromLatin1(dtypeName(type).data());
}

// Translucent so the colours read on light and dark palettes.
QColor statusColour(weights::MatchStatus status, bool conflict) {
  using weights::MatchStatus;
  if (conflict) return QColor(220, 40, 40, 90);
  switch (status) {
    case MatchStatus::MatchedExact:
    case MatchStatus::MatchedRule:
    case MatchStatus::DtypeCast:
      return QColor(40, 170, 70, 45);
    case MatchStatus::MatchedUserRule:
    case MatchStatus::MatchedOverride:
      return QColor(40, 120, 220, 55);
    case MatchStatus::MatchedShape:
      return QColor(230, 190, 0, 70);
    case MatchStatus::Dropped:
      return QColor(128, 128, 128, 50);
    case MatchStatus::Missing:
    case MatchStatus::Unexpected:
      return QColor(240, 140, 0, 80);
    case MatchStatus::ShapeMismatch:
    case MatchStatus::TypeMismatch:
      return QColor(220, 40, 40, 90);
  }
  return {};
}
}  // namespace

WeightMapModel::WeightMapModel(QObject* parent) : QAbstractTableModel(parent) {}

void WeightMapModel::setSources(std::shared_ptr<const weights::LoadedSources> sources) {
  sources_ = std::move(sources);
  remap();
}

void WeightMapModel::setTargets(std::vector<weights::TargetParam> targets, bool haveModel) {
  targets_ = std::move(targets);
  haveModel_ = haveModel;
  remap();
}

void WeightMapModel::setRules(const weights::MappingRules& rules, const std::string& targetApi) {
  rules_ = rules;
  api_ = targetApi;
  remap();
}

void WeightMapModel::remap() {
  beginResetModel();
  static const weights::SourceTensors kNone;
  weights::MappingOptions options;
  options.targetApi = api_;
  mapping_ = weights::mapWeights(sources_ ? sources_->tensors : kNone, targets_, rules_, options);
  // A conflict: a manual pair took a parameter that another source matched automatically (seen
  // by mapping once more without the manual pairs), or two sources landed on one parameter.
  conflict_.assign(mapping_.entries.size(), 0);
  conflictNote_.assign(mapping_.entries.size(), QString());
  std::unordered_map<std::string, int> uses;
  std::unordered_map<std::string, size_t> rowOfTargetName;
  for (size_t i = 0; i < mapping_.entries.size(); ++i) {
    const auto& e = mapping_.entries[i];
    if (e.target.empty() || e.source.empty()) continue;
    ++uses[e.target];
    rowOfTargetName[e.target] = i;
  }
  for (size_t i = 0; i < mapping_.entries.size(); ++i) {
    const auto& e = mapping_.entries[i];
    if (!e.target.empty() && !e.source.empty() && uses[e.target] > 1) {
      conflict_[i] = 1;
      conflictNote_[i] =
          tr("another source is mapped onto %1 too").arg(QString::fromStdString(e.target));
    }
  }
  if (!rules_.overrides.empty() && sources_) {
    weights::MappingRules automatic = rules_;
    automatic.overrides.clear();
    const weights::MappingResult plain =
        weights::mapWeights(sources_->tensors, targets_, automatic, options);
    std::unordered_map<std::string, std::string> autoTarget;
    for (const auto& e : plain.entries)
      if (!e.source.empty() && !e.target.empty()) autoTarget[e.source] = e.target;
    for (size_t i = 0; i < mapping_.entries.size(); ++i) {
      const auto& e = mapping_.entries[i];
      if (e.status != weights::MatchStatus::Unexpected) continue;
      auto was = autoTarget.find(e.source);
      if (was == autoTarget.end()) continue;
      auto taker = rowOfTargetName.find(was->second);
      if (taker == rowOfTargetName.end()) continue;
      const auto& t = mapping_.entries[taker->second];
      if (!rules_.overrides.count(t.source)) continue;  // (a shape mismatch is still a pair)
      conflict_[i] = conflict_[taker->second] = 1;
      conflictNote_[i] =
          tr("its parameter %1 was taken by the manual pair of %2")
              .arg(QString::fromStdString(was->second), QString::fromStdString(t.source));
      conflictNote_[taker->second] =
          tr("takes %1 from %2, which matched it automatically")
              .arg(QString::fromStdString(t.target), QString::fromStdString(e.source));
    }
  }
  endResetModel();
  emit remapped();
}

bool WeightMapModel::isConflict(int row) const {
  return row >= 0 && row < static_cast<int>(conflict_.size()) && conflict_[row];
}

bool WeightMapModel::inGroup(int row, Group group) const {
  const weights::MatchStatus s = mapping_.entries[row].status;
  switch (group) {
    case Group::All:
      return true;
    case Group::Matched:
      return weights::isMatched(s) && !isConflict(row);
    case Group::Dropped:
      return s == weights::MatchStatus::Dropped;
    case Group::Problems:
      return isConflict(row) || (!weights::isMatched(s) && s != weights::MatchStatus::Dropped);
  }
  return true;
}

QStringList WeightMapModel::unmatchedTargets() const {
  QStringList names;
  for (const auto& e : mapping_.entries)
    if (e.status == weights::MatchStatus::Missing) names << QString::fromStdString(e.target);
  return names;
}

int WeightMapModel::rowOfSource(const QString& source) const {
  const std::string s = source.toStdString();
  for (size_t i = 0; i < mapping_.entries.size(); ++i)
    if (mapping_.entries[i].source == s) return static_cast<int>(i);
  return -1;
}

int WeightMapModel::rowOfTarget(const QString& target) const {
  const std::string t = target.toStdString();
  for (size_t i = 0; i < mapping_.entries.size(); ++i)
    if (mapping_.entries[i].target == t) return static_cast<int>(i);
  return -1;
}

int WeightMapModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(mapping_.entries.size());
}

int WeightMapModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : kColumns;
}

QVariant WeightMapModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid()) return {};
  const auto& e = mapping_.entries[index.row()];
  const bool conflict = isConflict(index.row());
  if (role == Qt::BackgroundRole)
    return haveModel_ ? QBrush(statusColour(e.status, conflict)) : QVariant();
  if (role == Qt::ToolTipRole && (index.column() == Status || index.column() == Reason)) {
    QString tip = QString::fromStdString(e.reason);
    for (const auto& t : e.transforms)
      tip += QStringLiteral("\n%1: %2")
                 .arg(QString::fromStdString(t.kind), QString::fromStdString(t.detail));
    return tip;
  }
  if (role != Qt::DisplayRole && role != Qt::EditRole) return {};
  switch (index.column()) {
    case Source:
      return QString::fromStdString(e.source);
    case SourceShape:
      return shapeText(e.sourceShape, !e.source.empty());
    case SourceDType:
      return e.source.empty() ? QString() : dtypeText(e.sourceDType);
    case Target:
      return QString::fromStdString(e.target);
    case TargetShape:
      return shapeText(e.targetShape, !e.target.empty());
    case TargetDType:
      return e.target.empty() ? QString() : dtypeText(e.targetDType);
    case Status:
      if (!haveModel_) return tr("no model open");
      return conflict ? tr("conflict") : QString::fromLatin1(weights::matchStatusName(e.status));
    case Reason:
      if (conflict) return conflictNote_[static_cast<size_t>(index.row())];
      return QString::fromStdString(e.reason);
  }
  return {};
}

QVariant WeightMapModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case Source:
      return tr("PyTorch name");
    case SourceShape:
      return tr("Shape");
    case SourceDType:
      return tr("Dtype");
    case Target:
      return tr("MindSpore name");
    case TargetShape:
      return tr("Shape");
    case TargetDType:
      return tr("Dtype");
    case Status:
      return tr("Status");
    case Reason:
      return tr("Reason");
  }
  return {};
}

Qt::ItemFlags WeightMapModel::flags(const QModelIndex& index) const {
  Qt::ItemFlags f = QAbstractTableModel::flags(index);
  if (!index.isValid()) return f;
  const auto& e = mapping_.entries[index.row()];
  if (!e.source.empty()) f |= Qt::ItemIsDragEnabled;
  if (haveModel_) f |= Qt::ItemIsDropEnabled;
  if (haveModel_ && index.column() == Target && !e.source.empty()) f |= Qt::ItemIsEditable;
  return f;
}

bool WeightMapModel::setData(const QModelIndex& index, const QVariant& value, int role) {
  if (role != Qt::EditRole || index.column() != Target) return false;
  const auto& e = mapping_.entries[index.row()];
  if (e.source.empty()) return false;
  const QString target = value.toString().trimmed();
  if (target == QString::fromStdString(e.target)) return false;
  emit pairRequested(QString::fromStdString(e.source), target);
  return true;
}

QStringList WeightMapModel::mimeTypes() const {
  return {QString::fromLatin1(kMimeType)};
}

QMimeData* WeightMapModel::mimeData(const QModelIndexList& indexes) const {
  for (const QModelIndex& i : indexes) {
    const auto& e = mapping_.entries[i.row()];
    if (e.source.empty()) continue;
    auto* mime = new QMimeData;
    mime->setData(QString::fromLatin1(kMimeType), QByteArray::fromStdString(e.source));
    mime->setText(QString::fromStdString(e.source));
    return mime;
  }
  return nullptr;
}

bool WeightMapModel::canDropMimeData(const QMimeData* data, Qt::DropAction, int row, int,
                                     const QModelIndex& parent) const {
  const int target = parent.isValid() ? parent.row() : row;
  return haveModel_ && data && data->hasFormat(QString::fromLatin1(kMimeType)) && target >= 0 &&
         target < rowCount() && !mapping_.entries[target].target.empty();
}

bool WeightMapModel::dropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                                  const QModelIndex& parent) {
  if (!canDropMimeData(data, action, row, column, parent)) return false;
  const int target = parent.isValid() ? parent.row() : row;
  const QString source = QString::fromUtf8(data->data(QString::fromLatin1(kMimeType)));
  emit pairRequested(source, QString::fromStdString(mapping_.entries[target].target));
  return true;
}

}  // namespace mb
