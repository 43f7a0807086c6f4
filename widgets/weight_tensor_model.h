// A weight file's tensors as a read-only table (name, dtype, shape, elements, min, max, mean, std,
// zeros): what the weight-mapping panel shows while no model is open. The statistics take a pass
// over every tensor (25 M values for resnet50), so they are computed on a worker thread and fill
// in when ready; the names, dtypes and shapes show at once.
#pragma once

#include <QAbstractTableModel>
#include <memory>
#include <vector>

#include "tensor_stats.h"
#include "weights/sources.h"

namespace mb {

class WeightTensorModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { Name, DTypeColumn, ShapeColumn, Elements, Min, Max, Mean, Std, Zeros, kColumns };

  explicit WeightTensorModel(QObject* parent = nullptr);
  ~WeightTensorModel() override;

  void setSources(std::shared_ptr<const weights::LoadedSources> sources);
  bool statsReady() const { return statsReady_; }
  const TensorStats* stats(int row) const;

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

 signals:
  void statsComputed();

 private:
  std::shared_ptr<const weights::LoadedSources> sources_;
  std::vector<TensorStats> stats_;
  bool statsReady_ = false;
  int generation_ = 0;  // a newer file makes a running computation's result stale
};

}  // namespace mb
