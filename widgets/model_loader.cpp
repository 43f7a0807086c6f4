#include "model_loader.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QPointer>
#include <QThread>
#include <chrono>

#include "io/onnx_importer.h"
#include "project/project_source.h"
#if __has_include("convert/convert_graph.h")
#include "convert/convert_graph.h"
#include "convert/fixes/op_templates.h"
#define MB_HAVE_CONVERTER 1
#endif

namespace mb {

namespace {
// Fills model.converted / reference / conversionMessage from model.source.
void convertModel(LoadedModel& model, const project::Project& project) {
  model.reference = model.source;
#ifdef MB_HAVE_CONVERTER
  using Clock = std::chrono::steady_clock;
  auto t1 = Clock::now();
  const convert::ConvertOptions options = project::convertOptions(project);
  auto converted = convert::convertGraph(*model.source, options);
  model.convertSeconds = std::chrono::duration<double>(Clock::now() - t1).count();
  if (!converted) {
    model.converted.reset();
    model.conversionMessage = QString::fromStdString(converted.error().describe());
    return;
  }
  size_t unconverted = converted->count(convert::NodeStatus::Unconverted);
  model.conversionMessage = ModelLoader::tr("%1 MindSpore ops, %2 source ops not converted")
                                .arg(converted->converted.nodes.size())
                                .arg(unconverted);
  for (const auto& w : converted->warnings) model.warnings << QString::fromStdString(w);
  model.converted = std::make_shared<Graph>(std::move(converted->converted));
  bool templates = false;
  for (const auto& entry : options.fixes)
    templates = templates || entry.second.kind == convert::FixKind::Template;
  if (templates)
    if (auto expanded = convert::expandTemplateFixes(*model.source, options))
      model.reference = std::make_shared<Graph>(std::move(expanded->graph));
#else
  (void)project;
  model.conversionMessage = ModelLoader::tr("This build has no converter yet.");
#endif
}
}  // namespace

ModelLoader::ModelLoader(QObject* parent) : QObject(parent) {}

ModelLoader::~ModelLoader() {
  if (cancel_) cancel_->store(true);
}

bool ModelLoader::converterAvailable() {
#ifdef MB_HAVE_CONVERTER
  return true;
#else
  return false;
#endif
}

void ModelLoader::cancel() {
  if (!running_) return;
  cancel_->store(true);
  running_ = false;
  emit cancelled(path_);
}

void ModelLoader::reconvert(std::shared_ptr<const LoadedModel> previous,
                            const project::Project& project) {
  if (cancel_) cancel_->store(true);
  cancel_ = std::make_shared<std::atomic<bool>>(false);
  auto flag = cancel_;
  path_ = previous->path;
  running_ = true;
  QPointer<ModelLoader> self(this);
  emit stage(tr("Converting to MindSpore…"));
  QThread* thread = QThread::create([previous, project, flag, self] {
    auto model = std::make_shared<LoadedModel>();
    model->path = previous->path;
    model->source = previous->source;
    model->importSeconds = previous->importSeconds;
    convertModel(*model, project);
    if (flag->load()) return;
    QMetaObject::invokeMethod(
        qApp,
        [self, flag, model] {
          if (!self || flag->load()) return;
          self->running_ = false;
          emit self->loaded(model);
        },
        Qt::QueuedConnection);
  });
  connect(thread, &QThread::finished, thread, &QObject::deleteLater);
  thread->start();
}

void ModelLoader::load(const QString& path, const project::Project& project) {
  if (cancel_) cancel_->store(true);
  cancel_ = std::make_shared<std::atomic<bool>>(false);
  auto flag = cancel_;
  path_ = path;
  running_ = true;
  QPointer<ModelLoader> self(this);
  auto post = [self, flag](auto fn) {
    QMetaObject::invokeMethod(
        qApp,
        [self, flag, fn] {
          if (self && !flag->load()) fn(self.data());
        },
        Qt::QueuedConnection);
  };
  emit stage(tr("Reading %1…").arg(QFileInfo(path).fileName()));
  QThread* thread = QThread::create([path, project, flag, post] {
    using Clock = std::chrono::steady_clock;
    auto t0 = Clock::now();
    auto result = project::importProjectSource(path.toStdString(), project);
    if (flag->load()) return;
    if (!result) {
      QString message = QString::fromStdString(result.error().describe());
      post([path, message](ModelLoader* l) {
        l->running_ = false;
        emit l->failed(path, message);
      });
      return;
    }
    auto model = std::make_shared<LoadedModel>();
    model->path = path;
    model->importSeconds = std::chrono::duration<double>(Clock::now() - t0).count();
    for (const auto& w : result->warnings) model->warnings << QString::fromStdString(w);
    auto source = std::make_shared<Graph>(std::move(result->graph));
    if (source->name.empty()) source->name = QFileInfo(path).completeBaseName().toStdString();
    model->source = source;
    model->reference = source;
#ifdef MB_HAVE_CONVERTER
    // The source graph goes on screen while the conversion runs.
    auto first = std::make_shared<LoadedModel>(*model);
    first->conversionMessage = tr("converting…");
    post([first](ModelLoader* l) {
      emit l->sourceReady(first);
      emit l->stage(tr("Converting to MindSpore…"));
    });
#endif
    convertModel(*model, project);
    if (flag->load()) return;
    post([model](ModelLoader* l) {
      l->running_ = false;
      emit l->loaded(model);
    });
  });
  connect(thread, &QThread::finished, thread, &QObject::deleteLater);
  thread->start();
}

}  // namespace mb
