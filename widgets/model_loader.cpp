#include "model_loader.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QPointer>
#include <QThread>
#include <chrono>

#include "io/onnx_importer.h"
#if __has_include("convert/convert_graph.h")
#include "convert/convert_graph.h"
#define MB_HAVE_CONVERTER 1
#endif

namespace mb {

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

void ModelLoader::load(const QString& path) {
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
  QThread* thread = QThread::create([path, flag, post] {
    using Clock = std::chrono::steady_clock;
    auto t0 = Clock::now();
    auto result = importOnnxFile(path.toStdString());
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
#ifdef MB_HAVE_CONVERTER
    post([](ModelLoader* l) { emit l->stage(tr("Converting to MindSpore…")); });
    auto t1 = Clock::now();
    auto converted = convert::convertGraph(*source);
    model->convertSeconds = std::chrono::duration<double>(Clock::now() - t1).count();
    if (converted) {
      size_t unconverted = converted->count(convert::NodeStatus::Unconverted);
      model->conversionMessage = tr("%1 MindSpore ops, %2 source ops not converted")
                                     .arg(converted->converted.nodes.size())
                                     .arg(unconverted);
      model->converted = std::make_shared<Graph>(std::move(converted->converted));
    } else {
      model->conversionMessage = QString::fromStdString(converted.error().describe());
    }
#else
    model->conversionMessage = tr("This build has no converter yet.");
#endif
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
