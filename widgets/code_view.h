// A read-only source view with line numbers and whole-line background marks (changed lines of a
// script migration). Marks use translucent colours so they read on light and dark palettes.
#pragma once

#include <QColor>
#include <QPlainTextEdit>
#include <map>

namespace mb {

class CodeView : public QPlainTextEdit {
  Q_OBJECT
 public:
  explicit CodeView(QWidget* parent = nullptr);
  // Background colour per 0-based line; replaces the previous marks.
  void setLineMarks(std::map<int, QColor> marks);
  const std::map<int, QColor>& lineMarks() const { return marks_; }
  // Scrolls so that `line` (0-based) is visible near the top and puts the cursor there.
  void showLine(int line);
  int gutterWidth() const;

 protected:
  void resizeEvent(QResizeEvent* event) override;

 private:
  friend class LineNumberGutter;
  void paintGutter(QPaintEvent* event);
  void applyMarks();
  QWidget* gutter_;
  std::map<int, QColor> marks_;
};

}  // namespace mb
