#include "diff_runner.h"

#include <QCoreApplication>
#include <QPointer>
#include <QThread>
#include <chrono>

#include "compare/layer_diff_runner.h"

namespace mb {

DiffRunner::DiffRunner(QObject* parent) : QObject(parent) {}

DiffRunner::~DiffRunner() {
  if (cancel_) cancel_->store(true);
}

void DiffRunner::cancel() {
  if (!running_) return;
  cancel_->store(true);
  running_ = false;
  emit cancelled();
}

namespace {
// The diff options a project implies: the CLI's `convert --project --diff` makes the same choice.
compare::DiffRunOptions optionsFor(const Graph& source, const project::Project& project) {
  compare::DiffRunOptions options;
  options.tolerances.defaults = project.tolerance;
  options.tolerances.overrides = project.layerTolerances;
  options.samples = std::max(1, project.diff.samples);
  options.seed = project.diff.seed;
  options.random.seed = project.diff.seed;
  for (const auto& input : project.inputs) {
    std::vector<int64_t> dims;
    for (const Dim& d : input.shape)
      if (d.isKnown()) dims.push_back(d.value);
    if (!dims.empty() && dims.size() == input.shape.size())
      options.random.shapes[input.name] = dims;
  }
  // Symbolic dims nobody gave a value get 1, as in the CLI.
  for (ValueId id : source.inputs)
    for (const Dim& d : source.value(id).shape.dims)
      if (!d.isKnown() && !d.symbol.empty()) options.random.dimValues.emplace(d.symbol, 1);
  return options;
}
}  // namespace

void DiffRunner::run(std::shared_ptr<const LoadedModel> model, const project::Project& project) {
  if (running_) cancel();
  if (!model || !model->source || !model->converted) {
    emit failed(tr("There is no converted model to compare: open an ONNX model first."));
    return;
  }
  cancel_ = std::make_shared<std::atomic<bool>>(false);
  auto flag = cancel_;
  running_ = true;
  QPointer<DiffRunner> self(this);
  auto post = [self, flag](auto fn) {
    QMetaObject::invokeMethod(
        qApp,
        [self, flag, fn] {
          if (self && !flag->load()) fn(self.data());
        },
        Qt::QueuedConnection);
  };
  compare::DiffRunOptions options = optionsFor(*model->source, project);
  QThread* thread = QThread::create([model, options, flag, post]() mutable {
    const auto t0 = std::chrono::steady_clock::now();
    options.cancel = flag.get();
    options.progress = [post](int done, int total) {
      post([done, total](DiffRunner* r) { emit r->progress(done, total); });
    };
    // Template fixes are checked against their expansion (the fixed op may have no kernel).
    const Graph& reference = model->reference ? *model->reference : *model->source;
    auto report = compare::runLayerDiff(reference, *model->converted, options);
    if (flag->load()) return;
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!report) {
      const QString message = QString::fromStdString(report.error().describe());
      post([message](DiffRunner* r) {
        r->running_ = false;
        emit r->failed(message);
      });
      return;
    }
    auto shared = std::make_shared<const compare::DiffReport>(std::move(*report));
    post([shared, seconds](DiffRunner* r) {
      r->running_ = false;
      emit r->finished(shared, seconds);
    });
  });
  connect(thread, &QThread::finished, thread, &QObject::deleteLater);
  thread->start();
}

}  // namespace mb
