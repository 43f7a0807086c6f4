#include "export_dialog.h"

#include <QApplication>
#include <QBuffer>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QThread>
#include <QVBoxLayout>
#include <filesystem>

#include "graph_pane.h"
#include "graph_scene.h"
#include "io/atomic_file.h"
#include "main_window.h"
#include "pipeline/conversion_job.h"
#include "report_figures.h"

namespace mb {

namespace {
QString fromStd(const std::string& text) {
  return QString::fromStdString(text);
}
QByteArray pngBytes(const QImage& image) {
  QByteArray bytes;
  QBuffer buffer(&bytes);
  buffer.open(QIODevice::WriteOnly);
  image.save(&buffer, "PNG");
  return bytes;
}
}  // namespace

ExportDialog::ExportDialog(MainWindow* window) : QDialog(window), window_(window) {
  setObjectName(QStringLiteral("exportDialog"));
  setWindowTitle(tr("Export"));
  auto* column = new QVBoxLayout(this);
  auto* intro = new QLabel(
      tr("Writes model.py, the checkpoint, the weight map and the reports exactly as "
         "<tt>mindbridge-cli convert --project</tt> does, plus pictures of both graphs and of the "
         "diff in report.html, and report.pdf."),
      this);
  intro->setWordWrap(true);
  column->addWidget(intro);
  auto* form = new QFormLayout;
  auto* row = new QHBoxLayout;
  folder_ = new QLineEdit(this);
  folder_->setToolTip(tr("Folder for model.py, the checkpoint and the reports"));
  auto* browse = new QPushButton(tr("&Browse…"), this);
  browse->setToolTip(tr("Choose the output folder"));
  connect(browse, &QPushButton::clicked, this, [this] {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Export To"), folder_->text());
    if (!dir.isEmpty()) folder_->setText(dir);
  });
  row->addWidget(folder_, 1);
  row->addWidget(browse);
  auto* label = new QLabel(tr("Output &folder:"), this);
  label->setBuddy(folder_);
  form->addRow(label, row);
  column->addLayout(form);
  diff_ = new QCheckBox(tr("Run the per-layer &diff (diff.json, diff.csv)"), this);
  diff_->setToolTip(tr("Run both graphs on seeded inputs and compare every layer (as --diff)"));
  validation_ = new QCheckBox(tr("&Validation data for validate.py"), this);
  validation_->setChecked(true);
  validation_->setToolTip(tr("Seeded inputs and the source model's outputs on them"));
  scaffold_ = new QCheckBox(tr("Training &scaffold (dataset.py, train.py, eval.py)"), this);
  scaffold_->setToolTip(tr("Templates to train and evaluate the converted model (as --scaffold)"));
  overwrite_ = new QCheckBox(tr("&Replace existing files"), this);
  overwrite_->setToolTip(tr("Without this, existing files are refused by name (as --overwrite)"));
  for (QCheckBox* box : {diff_, validation_, scaffold_, overwrite_}) column->addWidget(box);
  progress_ = new QProgressBar(this);
  progress_->setRange(0, 1);
  progress_->setValue(0);
  column->addWidget(progress_);
  status_ = new QLabel(this);
  status_->setWordWrap(true);
  status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  column->addWidget(status_);
  auto* buttons = new QDialogButtonBox(this);
  exportButton_ = buttons->addButton(tr("&Export"), QDialogButtonBox::AcceptRole);
  cancelButton_ = buttons->addButton(tr("&Cancel"), QDialogButtonBox::RejectRole);
  closeButton_ = buttons->addButton(tr("C&lose"), QDialogButtonBox::DestructiveRole);
  cancelButton_->setEnabled(false);
  cancelButton_->setToolTip(tr("Stop the export; nothing is written"));
  connect(exportButton_, &QPushButton::clicked, this, [this] { exportTo(folder_->text()); });
  connect(cancelButton_, &QPushButton::clicked, this, &ExportDialog::cancel);
  connect(closeButton_, &QPushButton::clicked, this, &QDialog::hide);
  column->addWidget(buttons);
  resize(620, 320);
}

void ExportDialog::start() {
  if (folder_->text().isEmpty()) {
    const QString last = QSettings().value(QStringLiteral("export/lastFolder")).toString();
    const auto model = window_->model();
    folder_->setText(!last.isEmpty() ? last
                     : model         ? QFileInfo(model->path).absolutePath() + QLatin1Char('/') +
                                   QFileInfo(model->path).completeBaseName() +
                                   QStringLiteral("_mindspore")
                             : QString());
  }
  diff_->setChecked(window_->session()->diff() != nullptr);
  status_->clear();
  if (!qEnvironmentVariableIsSet("MB_NO_DIALOGS")) {
    show();
    raise();
  }
}

void ExportDialog::setRunning(bool running) {
  running_ = running;
  exportButton_->setEnabled(!running);
  cancelButton_->setEnabled(running);
  closeButton_->setEnabled(!running);
  folder_->setEnabled(!running);
  for (QCheckBox* box : {diff_, validation_, scaffold_, overwrite_}) box->setEnabled(!running);
}

void ExportDialog::cancel() {
  if (cancel_) cancel_->store(true);
  status_->setText(tr("Cancelling…"));
}

void ExportDialog::done(bool ok, const QString& message, const QStringList& files, double seconds) {
  setRunning(false);
  if (jobId_ >= 0) window_->endJob(jobId_, message);
  jobId_ = -1;
  progress_->setRange(0, 1);
  progress_->setValue(ok ? 1 : 0);
  lastFiles_ = files;
  lastSeconds_ = seconds;
  lastMessage_ = message;
  status_->setText(message);
  emit finished(ok, message);
}

bool ExportDialog::exportTo(const QString& folder) {
  if (running_) return false;
  const MigrationSession* session = window_->session();
  const QString target = QFileInfo(folder.trimmed()).absoluteFilePath();
  if (folder.trimmed().isEmpty()) {
    done(false, tr("Choose an output folder first."), {}, 0);
    return false;
  }
  std::string warning;
  auto resolved = pipeline::settingsFromProject(session->project(),
                                                session->projectPath().toStdString(), &warning);
  if (!resolved) {
    done(false, tr("Cannot export: %1").arg(fromStd(resolved.error().describe())), {}, 0);
    return false;
  }
  pipeline::ConversionSettings settings = *resolved;
  settings.output = settings.report = target.toStdString();
  settings.diff = diff_->isChecked();
  settings.overwrite = overwrite_->isChecked();
  settings.scaffold = scaffold_->isChecked();
  settings.validationData = validation_->isChecked();
  QSettings().setValue(QStringLiteral("export/lastFolder"), target);

  // Pictures are drawn here (widgets and fonts belong to the UI thread); the job only saves them.
  auto figures = std::make_shared<std::vector<ReportFigure>>();
  figures->push_back({QStringLiteral("source_graph.png"), tr("Source graph (ONNX)"),
                      renderSceneImage(window_->sourcePane()->scene())});
  figures->push_back({QStringLiteral("converted_graph.png"), tr("Converted graph (MindSpore)"),
                      renderSceneImage(window_->convertedPane()->scene())});
  // The diff plot: this export's own diff when it runs one (drawn when it is done), else the last
  // diff of the workbench.
  const QString diffPlot = QStringLiteral("layer_diff.png");
  const bool plotsOwnDiff = settings.diff;
  if (auto diff = session->diff(); diff && !plotsOwnDiff)
    figures->push_back({diffPlot, tr("Per-layer numeric diff (last comparison in the workbench)"),
                        renderDiffPlot(*diff)});
  figures->erase(std::remove_if(figures->begin(), figures->end(),
                                [](const ReportFigure& f) { return f.image.isNull(); }),
                 figures->end());

  cancel_ = std::make_shared<std::atomic<bool>>(false);
  auto flag = cancel_;
  setRunning(true);
  // The window's status bar shows the export too (its Cancel and Esc stop it).
  jobId_ = window_->beginJob(tr("Exporting to %1…").arg(target), [this] { cancel(); });
  progress_->setRange(0, 0);
  status_->setText(warning.empty() ? tr("Starting…") : fromStd(warning));
  const QString title =
      tr("MindBridge report: %1").arg(QFileInfo(fromStd(settings.modelFile)).completeBaseName());
  QPointer<ExportDialog> self(this);
  auto post = [self](auto fn) {
    QMetaObject::invokeMethod(
        qApp,
        [self, fn] {
          if (self) fn(self.data());
        },
        Qt::QueuedConnection);
  };
  QThread* thread = QThread::create([settings, figures, flag, post, title, diffPlot, plotsOwnDiff] {
    pipeline::ConversionJob job(settings);
    job.setCancelFlag(flag.get());
    job.setProgress([post](int step, int total, const std::string& what) {
      const QString text = fromStd(what);
      post([step, total, text](ExportDialog* d) {
        d->progress_->setRange(0, total);
        d->progress_->setValue(step - 1);
        d->status_->setText(text);
        if (d->jobId_ >= 0) d->window_->updateJob(d->jobId_, text, step - 1, total);
      });
    });
    const std::string figureDir = settings.report + "/figures";
    pipeline::ExtraOutputs extra;
    for (const ReportFigure& f : *figures)
      extra.planned.push_back({figureDir, f.fileName.toStdString()});
    if (plotsOwnDiff) extra.planned.push_back({figureDir, diffPlot.toStdString()});
    extra.planned.push_back({settings.report, "report.pdf"});
    extra.write = [&](const emitter::ReportContext& report,
                      const pipeline::StagedPathFn& staged) -> Status {
      if (plotsOwnDiff && report.diff) {
        QImage plot;  // QCustomPlot is a widget: drawn on the UI thread
        QMetaObject::invokeMethod(
            qApp, [&] { plot = renderDiffPlot(*report.diff); }, Qt::BlockingQueuedConnection);
        figures->push_back(
            {diffPlot, QObject::tr("Per-layer numeric diff (this export's comparison)"), plot});
      }
      for (const ReportFigure& f : *figures) {
        auto file = AtomicFile::create(staged(figureDir, f.fileName.toStdString()));
        if (!file) return file.error();
        const QByteArray png = pngBytes(f.image);
        MB_TRY(file->write(std::string_view(png.constData(), static_cast<size_t>(png.size()))));
        MB_TRY(file->commit());
      }
      // report.html: the CLI's report plus the pictures; report.pdf prints that.
      const std::string htmlPath = staged(settings.report, "report.html");
      QFile in(fromStd(htmlPath));
      if (!in.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::FileUnreadable, "cannot read the staged report", htmlPath);
      const QString html = addFiguresToHtml(QString::fromUtf8(in.readAll()), *figures);
      in.close();
      auto out = AtomicFile::create(htmlPath);
      if (!out) return out.error();
      const QByteArray bytes = html.toUtf8();
      MB_TRY(out->write(std::string_view(bytes.constData(), static_cast<size_t>(bytes.size()))));
      MB_TRY(out->commit());
      // Text layout needs the UI thread (fonts are not thread-safe on every platform).
      QString pdfError;
      bool printed = false;
      const QString pdfPath = fromStd(staged(settings.report, "report.pdf"));
      QMetaObject::invokeMethod(
          qApp, [&] { printed = writeHtmlPdf(html, *figures, title, pdfPath, &pdfError); },
          Qt::BlockingQueuedConnection);
      if (!printed)
        return makeError(ErrorCode::WriteFailed, pdfError.toStdString(), pdfPath.toStdString());
      return Status::ok();
    };
    job.setExtraOutputs(std::move(extra));
    auto result = job.run();
    if (!result) {
      const bool cancelled = result.error().code == ErrorCode::Cancelled;
      const QString message =
          cancelled ? QObject::tr("Export cancelled; nothing was written.")
                    : QObject::tr("Export failed: %1").arg(fromStd(result.error().describe()));
      post([message](ExportDialog* d) { d->done(false, message, {}, 0); });
      return;
    }
    QStringList files;
    for (const auto& f : result->files) files << fromStd(f);
    const double seconds = result->seconds;
    const QString message =
        QObject::tr("Exported %1 files to %2 in %3 s (%4 of %5 operators converted).")
            .arg(files.size())
            .arg(fromStd(settings.output))
            .arg(seconds, 0, 'f', 1)
            .arg(result->counts.converted)
            .arg(result->counts.total);
    post([message, files, seconds](ExportDialog* d) { d->done(true, message, files, seconds); });
  });
  connect(thread, &QThread::finished, thread, &QObject::deleteLater);
  thread->start();
  return true;
}

}  // namespace mb
