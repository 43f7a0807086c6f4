#include "search_bar.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>

namespace mb {

SearchBar::SearchBar(QWidget* parent) : QWidget(parent) {
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(6, 2, 6, 2);
  layout->addWidget(new QLabel(tr("Find:"), this));
  edit_ = new QLineEdit(this);
  edit_->setPlaceholderText(tr("node name, op type or tensor name"));
  edit_->setClearButtonEnabled(true);
  layout->addWidget(edit_, 1);
  result_ = new QLabel(this);
  result_->setMinimumWidth(110);
  layout->addWidget(result_);
  auto button = [&](const QString& text, const QString& tip) {
    auto* b = new QToolButton(this);
    b->setText(text);
    b->setToolTip(tip);
    layout->addWidget(b);
    return b;
  };
  connect(button(QStringLiteral("▲"), tr("Previous match (Shift+Enter)")), &QToolButton::clicked,
          this, &SearchBar::previous);
  connect(button(QStringLiteral("▼"), tr("Next match (Enter)")), &QToolButton::clicked, this,
          &SearchBar::next);
  connect(button(QStringLiteral("✕"), tr("Close (Esc)")), &QToolButton::clicked, this, [this] {
    hide();
    emit closed();
  });
  connect(edit_, &QLineEdit::textChanged, this, &SearchBar::searchChanged);
  connect(edit_, &QLineEdit::returnPressed, this, &SearchBar::next);
}

void SearchBar::activate() {
  show();
  edit_->setFocus();
  edit_->selectAll();
}

QString SearchBar::text() const {
  return edit_->text();
}
void SearchBar::setText(const QString& text) {
  edit_->setText(text);
}
void SearchBar::setResultText(const QString& text) {
  result_->setText(text);
}

void SearchBar::keyPressEvent(QKeyEvent* event) {
  if (event->key() == Qt::Key_Escape) {
    hide();
    emit closed();
    return;
  }
  if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) &&
      event->modifiers() & Qt::ShiftModifier) {
    emit previous();
    return;
  }
  QWidget::keyPressEvent(event);
}

}  // namespace mb
