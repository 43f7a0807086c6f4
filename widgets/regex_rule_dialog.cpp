#include "regex_rule_dialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <regex>
#include <set>

namespace mb {

RegexRuleDialog::RegexRuleDialog(const weights::MappingResult& mapping, QWidget* parent)
    : QDialog(parent) {
  setWindowTitle(tr("Add Renaming Rule"));
  resize(760, 480);
  for (const auto& e : mapping.entries) {
    if (e.status == weights::MatchStatus::Unexpected) unmatched_.push_back(e.source);
    if (!e.target.empty()) targets_.push_back(e.target);
  }
  auto* column = new QVBoxLayout(this);
  auto* form = new QFormLayout;
  pattern_ = new QLineEdit(this);
  pattern_->setPlaceholderText(QStringLiteral("^backbone\\.(.*)$"));
  pattern_->setToolTip(tr("ECMAScript regular expression matched against the whole source name"));
  replacement_ = new QLineEdit(this);
  replacement_->setPlaceholderText(QStringLiteral("$1"));
  replacement_->setToolTip(tr("Replacement; $1, $2 … insert the pattern's groups"));
  form->addRow(tr("Pattern:"), pattern_);
  form->addRow(tr("Replace with:"), replacement_);
  column->addLayout(form);
  status_ = new QLabel(this);
  column->addWidget(status_);
  preview_ = new QTableWidget(this);
  preview_->setColumnCount(3);
  preview_->setHorizontalHeaderLabels(
      {tr("Unmatched source"), tr("Becomes"), tr("MindSpore parameter?")});
  preview_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
  preview_->verticalHeader()->hide();
  preview_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  column->addWidget(preview_, 1);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  ok_ = buttons->button(QDialogButtonBox::Ok);
  ok_->setText(tr("Add Rule"));
  column->addWidget(buttons);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(pattern_, &QLineEdit::textChanged, this, &RegexRuleDialog::updatePreview);
  connect(replacement_, &QLineEdit::textChanged, this, &RegexRuleDialog::updatePreview);
  updatePreview();
}

void RegexRuleDialog::setRule(const QString& pattern, const QString& replacement) {
  pattern_->setText(pattern);
  replacement_->setText(replacement);
}

QString RegexRuleDialog::pattern() const {
  return pattern_->text();
}

QString RegexRuleDialog::replacement() const {
  return replacement_->text();
}

void RegexRuleDialog::updatePreview() {
  hits_ = 0;
  preview_->setRowCount(0);
  ok_->setEnabled(false);
  if (pattern_->text().isEmpty()) {
    status_->setText(tr("%1 source tensors are not matched yet.").arg(unmatched_.size()));
    return;
  }
  std::regex re;
  try {
    re = std::regex(pattern_->text().toStdString(), std::regex::ECMAScript);
  } catch (const std::regex_error& e) {
    status_->setText(tr("<span style='color:#c00'>Invalid pattern: %1</span>")
                         .arg(QString::fromLatin1(e.what()).toHtmlEscaped()));
    return;
  }
  const std::set<std::string> targets(targets_.begin(), targets_.end());
  const std::string replacement = replacement_->text().toStdString();
  for (const std::string& name : unmatched_) {
    if (!std::regex_search(name, re)) continue;
    const std::string renamed = std::regex_replace(name, re, replacement);
    const bool hit = targets.count(renamed) > 0;
    hits_ += hit;
    const int row = preview_->rowCount();
    preview_->insertRow(row);
    preview_->setItem(row, 0, new QTableWidgetItem(QString::fromStdString(name)));
    preview_->setItem(row, 1, new QTableWidgetItem(QString::fromStdString(renamed)));
    auto* verdict =
        new QTableWidgetItem(hit ? tr("yes") : tr("no (built-in renames may still apply)"));
    verdict->setBackground(hit ? QColor(40, 170, 70, 60) : QColor(240, 140, 0, 60));
    preview_->setItem(row, 2, verdict);
  }
  status_->setText(
      tr("The rule renames %1 unmatched names; %2 of them become MindSpore parameters.")
          .arg(preview_->rowCount())
          .arg(hits_));
  ok_->setEnabled(preview_->rowCount() > 0);
}

}  // namespace mb
