#include "weight_tensor_model.h"

#include <QBrush>
#include <QColor>
#include <QCoreApplication>
#include <QPointer>
#include <QThread>

namespace mb {

namespace {
QString number(double v) {
  return QString::number(v, 'g', 5);
}
}  // namespace

WeightTensorModel::WeightTensorModel(QObject* parent) : QAbstractTableModel(parent) {}

WeightTensorModel::~WeightTensorModel() = default;

void WeightTensorModel::setSources(std::shared_ptr<const weights::LoadedSources> sources) {
  beginResetModel();
  sources_ = std::move(sources);
  stats_.clear();
  statsReady_ = false;
  const int generation = ++generation_;
  endResetModel();
  if (!sources_) return;
  // The worker owns a reference to the tensors, so closing the file meanwhile is safe.
  QPointer<WeightTensorModel> self(this);
  auto owned = sources_;
  QThread* thread = QThread::create([self, owned, generation] {
    std::vector<TensorStats> stats;
    stats.reserve(owned->tensors.size());
    for (const auto& [name, tensor] : owned->tensors) stats.push_back(TensorStats::of(tensor, 1));
    QMetaObject::invokeMethod(
        qApp,
        [self, generation, stats = std::move(stats)]() mutable {
          if (!self || generation != self->generation_) return;
          self->stats_ = std::move(stats);
          self->statsReady_ = true;
          if (self->rowCount() > 0)
            emit self->dataChanged(self->index(0, Min), self->index(self->rowCount() - 1, Zeros));
          emit self->statsComputed();
        },
        Qt::QueuedConnection);
  });
  connect(thread, &QThread::finished, thread, &QObject::deleteLater);
  thread->start();
}

const TensorStats* WeightTensorModel::stats(int row) const {
  if (!statsReady_ || row < 0 || row >= static_cast<int>(stats_.size())) return nullptr;
  return &stats_[static_cast<size_t>(row)];
}

int WeightTensorModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() || !sources_ ? 0 : static_cast<int>(sources_->tensors.size());
}

int WeightTensorModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : kColumns;
}

QVariant WeightTensorModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || !sources_) return {};
  const auto& [name, tensor] = sources_->tensors[static_cast<size_t>(index.row())];
  const TensorStats* s = stats(index.row());
  if (role == Qt::TextAlignmentRole && index.column() >= Elements)
    return QVariant(Qt::AlignRight | Qt::AlignVCenter);
  if (role == Qt::ForegroundRole && index.column() >= Min && s && s->nonFinite > 0)
    return QBrush(QColor(200, 40, 40));
  if (role == Qt::ToolTipRole && index.column() >= Min && s && s->nonFinite > 0)
    return tr("%n value(s) are NaN or infinite", nullptr, static_cast<int>(s->nonFinite));
  if (role != Qt::DisplayRole) return {};
  switch (index.column()) {
    case Name:
      return QString::fromStdString(name);
    case DTypeColumn:
      return QString::fromLatin1(dtypeName(tensor.dtype()).data());
    case ShapeColumn: {
      QStringList dims;
      for (int64_t d : tensor.dims()) dims << QString::number(d);
      return QStringLiteral("[%1]").arg(dims.join(QStringLiteral(", ")));
    }
    case Elements:
      return QString::number(tensor.numel());
  }
  if (!s) return statsReady_ ? QString() : tr("…");
  if (!s->valid) return QString();
  switch (index.column()) {
    case Min:
      return number(s->min);
    case Max:
      return number(s->max);
    case Mean:
      return number(s->mean);
    case Std:
      return number(s->std);
    case Zeros:
      return QStringLiteral("%1 %").arg(s->sparsity * 100.0, 0, 'f', 1);
  }
  return {};
}

QVariant WeightTensorModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case Name:
      return tr("Tensor");
    case DTypeColumn:
      return tr("Dtype");
    case ShapeColumn:
      return tr("Shape");
    case Elements:
      return tr("Elements");
    case Min:
      return tr("Min");
    case Max:
      return tr("Max");
    case Mean:
      return tr("Mean");
    case Std:
      return tr("Std");
    case Zeros:
      return tr("Zeros");
  }
  return {};
}

}  // namespace mb
