// Add a regex renaming rule to the weight mapping, with a live preview: every source name the
// mapping has not matched yet, what the rule turns it into, and whether that is a MindSpore
// parameter of the model. Invalid patterns are shown inline, never thrown.
#pragma once

#include <QDialog>

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
  // How many of the unmatched sources the rule renames onto an existing target.
  int previewHits() const { return hits_; }
  QTableWidget* preview() const { return preview_; }

 private:
  void updatePreview();
  std::vector<std::string> unmatched_;
  std::vector<std::string> targets_;
  QLineEdit* pattern_;
  QLineEdit* replacement_;
  QLabel* status_;
  QTableWidget* preview_;
  QPushButton* ok_;
  int hits_ = 0;
};

}  // namespace mb
