#include "main_window.h"

#include <QApplication>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPointer>
#include <QStatusBar>
#include <QThread>
#include <QTreeWidget>
#include <memory>

#include "io/onnx_importer.h"

namespace mb {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  setWindowTitle(tr("MindBridge"));
  setWindowIcon(QIcon(QStringLiteral(":/mindbridge/icons/mindbridge.svg")));
  nodeList_ = new QTreeWidget(this);
  nodeList_->setHeaderLabels({tr("Node"), tr("Operator"), tr("Inputs"), tr("Outputs")});
  nodeList_->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
  nodeList_->setRootIsDecorated(false);
  nodeList_->setAlternatingRowColors(true);
  setCentralWidget(nodeList_);
  status_ = new QLabel(tr("Open an ONNX model to begin (File › Open Model…)"), this);
  statusBar()->addWidget(status_, 1);
  QMenu* file = menuBar()->addMenu(tr("&File"));
  file->addAction(tr("&Open Model…"), QKeySequence::Open, this, &MainWindow::chooseModel);
  file->addSeparator();
  file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
  resize(1100, 720);
}

void MainWindow::chooseModel() {
  QString path = QFileDialog::getOpenFileName(this, tr("Open Model"), QString(),
                                              tr("ONNX models (*.onnx);;All files (*)"));
  if (!path.isEmpty()) openModel(path);
}

void MainWindow::openModel(const QString& path) {
  status_->setText(tr("Loading %1…").arg(path));
  QPointer<MainWindow> self(this);
  QThread* worker = QThread::create([self, path] {
    auto result = std::make_shared<Expected<OnnxImportResult>>(importOnnxFile(path.toStdString()));
    QMetaObject::invokeMethod(qApp, [self, path, result] {
      if (!self) return;
      if (!*result) {
        QString message = QString::fromStdString(result->error().describe());
        self->status_->setText(tr("Could not open %1").arg(path));
        emit self->loadFailed(path, message);
        return;
      }
      const Graph& graph = (*result)->graph;
      self->nodeList_->clear();
      QList<QTreeWidgetItem*> items;
      for (const Node& node : graph.nodes) {
        QStringList ins, outs;
        for (ValueId v : node.inputs)
          if (v != kNoValue) ins << QString::fromStdString(graph.value(v).name);
        for (ValueId v : node.outputs)
          if (v != kNoValue) outs << QString::fromStdString(graph.value(v).name);
        items << new QTreeWidgetItem({QString::fromStdString(node.name), QString::fromStdString(node.opType),
                                      ins.join(QStringLiteral(", ")), outs.join(QStringLiteral(", "))});
      }
      self->nodeList_->addTopLevelItems(items);
      self->setWindowTitle(tr("%1 — MindBridge").arg(QFileInfo(path).fileName()));
      self->status_->setText(tr("%1: %2 nodes, opset %3")
                                 .arg(path)
                                 .arg(graph.nodes.size())
                                 .arg(graph.opsetVersion()));
      emit self->modelLoaded(path, static_cast<int>(graph.nodes.size()));
    });
  });
  connect(worker, &QThread::finished, worker, &QObject::deleteLater);
  connect(this, &MainWindow::loadFailed, this, [this](const QString&, const QString& message) {
    if (!qEnvironmentVariableIsSet("MB_NO_DIALOGS")) QMessageBox::warning(this, tr("Open Model"), message);
  }, Qt::UniqueConnection);
  worker->start();
}

}  // namespace mb
