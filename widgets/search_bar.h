// Find (Ctrl+F): matches node names, op types and tensor names in both panes; Enter / the arrows
// step through the hits, Escape closes.
#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;

namespace mb {

class SearchBar : public QWidget {
  Q_OBJECT
 public:
  explicit SearchBar(QWidget* parent = nullptr);
  void activate();  // show, focus and select the text
  QString text() const;
  void setText(const QString& text);
  void setResultText(const QString& text);

 signals:
  void searchChanged(const QString& text);
  void next();
  void previous();
  void closed();

 protected:
  void keyPressEvent(QKeyEvent* event) override;

 private:
  QLineEdit* edit_;
  QLabel* result_;
};

}  // namespace mb
