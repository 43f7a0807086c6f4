// The weight mapping as a table: one row per mapping entry (source tensor, MindSpore parameter,
// status and reason, coloured), recomputed by the mapping engine whenever the sources, the targets
// or the project's mapping edits change. Editing a row's MindSpore name or dropping a source row
// onto a target row does not change the table directly: it asks for a pairing (pairRequested),
// which the panel turns into an undoable project edit — the table then follows the project.
#pragma once

#include <QAbstractTableModel>
#include <QStringList>
#include <memory>

#include "weights/sources.h"
#include "weights/weight_map.h"

namespace mb {

class WeightMapModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column {
    Source,
    SourceShape,
    SourceDType,
    Target,
    TargetShape,
    TargetDType,
    Status,
    Reason,
    kColumns
  };
  // A status group for filtering.
  enum class Group { All, Matched, Problems, Dropped };
  static constexpr const char* kMimeType = "application/x-mindbridge-weight-source";

  explicit WeightMapModel(QObject* parent = nullptr);

  void setSources(std::shared_ptr<const weights::LoadedSources> sources);
  void setTargets(std::vector<weights::TargetParam> targets, bool haveModel);
  void setRules(const weights::MappingRules& rules, const std::string& targetApi);
  const weights::MappingResult& mapping() const { return mapping_; }
  const weights::LoadedSources* sources() const { return sources_.get(); }
  std::shared_ptr<const weights::LoadedSources> sharedSources() const { return sources_; }
  bool hasModel() const { return haveModel_; }
  const weights::MappingEntry& entry(int row) const { return mapping_.entries[row]; }
  // Targets that more than one source is mapped onto.
  bool isConflict(int row) const;
  bool inGroup(int row, Group group) const;
  // Target names no source maps onto (completion for editing).
  QStringList unmatchedTargets() const;
  int rowOfSource(const QString& source) const;
  int rowOfTarget(const QString& target) const;

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
  Qt::ItemFlags flags(const QModelIndex& index) const override;
  bool setData(const QModelIndex& index, const QVariant& value, int role) override;
  QStringList mimeTypes() const override;
  QMimeData* mimeData(const QModelIndexList& indexes) const override;
  bool canDropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                       const QModelIndex& parent) const override;
  bool dropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                    const QModelIndex& parent) override;
  Qt::DropActions supportedDropActions() const override { return Qt::CopyAction; }

 signals:
  // Map `source` onto `target` (empty target: drop the manual pairing of `source`).
  void pairRequested(const QString& source, const QString& target);
  void remapped();

 private:
  void remap();
  std::shared_ptr<const weights::LoadedSources> sources_;
  std::vector<weights::TargetParam> targets_;
  weights::MappingRules rules_;
  std::string api_ = "classic";
  bool haveModel_ = false;
  weights::MappingResult mapping_;
  std::vector<uint8_t> conflict_;
  std::vector<QString> conflictNote_;
};

}  // namespace mb
