// Add a regex renaming rule to the weight mapping, with a live preview: every source name the
// mapping has not matched yet, what the rule turns it into, and whether that is a MindSpore
// parameter of the model. Invalid patterns are shown inline, never thrown.
#pragma once

#include <QDialog>
#include <functional>

#include "weights/weight_map.h"

class QLabel;
class QLineEdit;
class QTableWidget;

namespace mb {

class RegexRuleDialog : public QDialog {
  Q_OBJECT
 public:
  RegexRuleDialog(const weights::MappingResult& mapping, QWidget* parent = nullptr);
  void setRule(const QString& pattern, const QString& replacement);
  QString pattern() const;
  QString replacement() const;
  // Lets the preview run the mapping engine with the rule added, so that it shows what each renamed
  // source finally maps onto (built-in renames such as weight → gamma included), not only whether
  // the renamed text is a parameter name.
  void setRemap(std::function<weights::MappingResult(const weights::UserRule&)> remap);
  // How many of the unmatched sources the rule maps onto a MindSpore parameter.
  int previewHits() const { return hits_; }
  QTableWidget* preview() const { return preview_; }

 private:
  void updatePreview();
  std::vector<std::string> unmatched_;
  std::vector<std::string> targets_;
  std::function<weights::MappingResult(const weights::UserRule&)> remap_;
  QLineEdit* pattern_;
  QLineEdit* replacement_;
  QLabel* status_;
  QTableWidget* preview_;
  QPushButton* ok_;
  int hits_ = 0;
};

}  // namespace mb
