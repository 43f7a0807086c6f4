// File › Export…: writes what `mindbridge-cli convert --project` writes, through the same core
// pipeline (pipeline::ConversionJob) with the session's project settings, plus pictures of both
// graphs and of the per-layer diff (when the session has one) in report.html and a PDF of that
// report (report.pdf). Runs off the UI thread with progress and Cancel; all files appear together
// or none do.
#pragma once

#include <QDialog>
#include <QStringList>
#include <atomic>
#include <memory>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace mb {

class MainWindow;

class ExportDialog : public QDialog {
  Q_OBJECT
 public:
  explicit ExportDialog(MainWindow* window);

  // Fills in a folder and shows the dialog (without dialogs: only fills in).
  void start();
  // Starts exporting into `folder` with the options shown; false (and a message) when the
  // project cannot be exported (no model, bad settings).
  bool exportTo(const QString& folder);
  void cancel();
  bool running() const { return running_; }

  QLineEdit* folderEdit() const { return folder_; }
  QCheckBox* diffBox() const { return diff_; }
  QCheckBox* overwriteBox() const { return overwrite_; }
  QStringList lastFiles() const { return lastFiles_; }
  double lastSeconds() const { return lastSeconds_; }
  QString lastMessage() const { return lastMessage_; }

 signals:
  void finished(bool ok, const QString& message);

 private:
  void setRunning(bool running);
  void done(bool ok, const QString& message, const QStringList& files, double seconds);

  MainWindow* window_;
  QLineEdit* folder_;
  QCheckBox* diff_;
  QCheckBox* overwrite_;
  QCheckBox* scaffold_;
  QCheckBox* validation_;
  QProgressBar* progress_;
  QLabel* status_;
  QPushButton* exportButton_;
  QPushButton* cancelButton_;
  QPushButton* closeButton_;
  std::shared_ptr<std::atomic<bool>> cancel_;
  bool running_ = false;
  int jobId_ = -1;
  QStringList lastFiles_;
  double lastSeconds_ = 0;
  QString lastMessage_;
};

}  // namespace mb
