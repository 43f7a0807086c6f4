// The workbench's main window. For now: open an ONNX model (off the UI thread) and list its nodes.
#pragma once

#include <QMainWindow>

class QLabel;
class QTreeWidget;

namespace mb {

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(QWidget* parent = nullptr);
  // Starts loading `path` in the background; the result arrives through modelLoaded / loadFailed.
  void openModel(const QString& path);

 signals:
  void modelLoaded(const QString& path, int nodeCount);
  void loadFailed(const QString& path, const QString& message);

 private:
  void chooseModel();
  QTreeWidget* nodeList_ = nullptr;
  QLabel* status_ = nullptr;
};

}  // namespace mb
