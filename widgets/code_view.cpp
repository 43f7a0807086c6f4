#include "code_view.h"

#include <QFontDatabase>
#include <QPainter>
#include <QScrollBar>
#include <QTextBlock>

namespace mb {

class LineNumberGutter : public QWidget {
 public:
  explicit LineNumberGutter(CodeView* view) : QWidget(view), view_(view) {}
  QSize sizeHint() const override { return {view_->gutterWidth(), 0}; }

 protected:
  void paintEvent(QPaintEvent* event) override { view_->paintGutter(event); }

 private:
  CodeView* view_;
};

CodeView::CodeView(QWidget* parent) : QPlainTextEdit(parent), gutter_(new LineNumberGutter(this)) {
  setReadOnly(true);
  setLineWrapMode(QPlainTextEdit::NoWrap);
  setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  connect(this, &QPlainTextEdit::blockCountChanged, this,
          [this] { setViewportMargins(gutterWidth(), 0, 0, 0); });
  connect(this, &QPlainTextEdit::updateRequest, this, [this](const QRect& rect, int dy) {
    if (dy != 0)
      gutter_->scroll(0, dy);
    else
      gutter_->update(0, rect.y(), gutter_->width(), rect.height());
  });
  setViewportMargins(gutterWidth(), 0, 0, 0);
}

int CodeView::gutterWidth() const {
  const int digits = QString::number(std::max(1, blockCount())).size();
  return 12 + fontMetrics().horizontalAdvance(QLatin1Char('9')) * digits;
}

void CodeView::resizeEvent(QResizeEvent* event) {
  QPlainTextEdit::resizeEvent(event);
  const QRect r = contentsRect();
  gutter_->setGeometry(r.left(), r.top(), gutterWidth(), r.height());
}

void CodeView::paintGutter(QPaintEvent* event) {
  QPainter painter(gutter_);
  painter.fillRect(event->rect(), palette().color(QPalette::AlternateBase));
  painter.setPen(palette().color(QPalette::PlaceholderText));
  QTextBlock block = firstVisibleBlock();
  int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
  while (block.isValid() && top <= event->rect().bottom()) {
    const int height = qRound(blockBoundingRect(block).height());
    if (block.isVisible() && top + height >= event->rect().top()) {
      auto mark = marks_.find(block.blockNumber());
      if (mark != marks_.end()) painter.fillRect(0, top, 4, height, mark->second.darker(130));
      painter.drawText(0, top, gutter_->width() - 6, height, Qt::AlignRight | Qt::AlignVCenter,
                       QString::number(block.blockNumber() + 1));
    }
    block = block.next();
    top += height;
  }
}

void CodeView::setLineMarks(std::map<int, QColor> marks) {
  marks_ = std::move(marks);
  applyMarks();
  gutter_->update();
}

void CodeView::applyMarks() {
  QList<QTextEdit::ExtraSelection> selections;
  for (const auto& [line, colour] : marks_) {
    QTextBlock block = document()->findBlockByNumber(line);
    if (!block.isValid()) continue;
    QTextEdit::ExtraSelection s;
    s.format.setBackground(colour);
    s.format.setProperty(QTextFormat::FullWidthSelection, true);
    s.cursor = QTextCursor(block);
    selections << s;
  }
  setExtraSelections(selections);
}

void CodeView::showLine(int line) {
  QTextBlock block = document()->findBlockByNumber(std::max(0, line));
  if (!block.isValid()) return;
  setTextCursor(QTextCursor(block));
  // Two lines of context above the target.
  verticalScrollBar()->setValue(std::max(0, line - 2));
}

}  // namespace mb
