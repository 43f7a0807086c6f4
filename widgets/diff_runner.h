// Runs the per-layer diff of the open model (source graph with ONNX semantics against the
// converted graph with MindSpore semantics) off the UI thread, with the project's tolerances,
// per-layer tolerances, samples and seed. Cancel drops the job at once: the UI never waits for it.
#pragma once

#include <QObject>
#include <atomic>
#include <memory>

#include "compare/diff_report.h"
#include "model_loader.h"
#include "project/project.h"

namespace mb {

class DiffRunner : public QObject {
  Q_OBJECT
 public:
  explicit DiffRunner(QObject* parent = nullptr);
  ~DiffRunner() override;

  // Starts a diff; a running one is cancelled first. Fails (signal) when the model has no
  // converted graph.
  void run(std::shared_ptr<const LoadedModel> model, const project::Project& project);
  void cancel();
  bool running() const { return running_; }

 signals:
  void progress(int done, int total);
  void finished(std::shared_ptr<const mb::compare::DiffReport> report, double seconds);
  void failed(const QString& message);
  void cancelled();

 private:
  std::shared_ptr<std::atomic<bool>> cancel_;
  bool running_ = false;
};

}  // namespace mb
