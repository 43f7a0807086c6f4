// Opens a model off the UI thread: import (shape-inferred) and, when the build has the converter,
// conversion to MindSpore. Cancel drops the job at once (the UI never waits for the worker).
#pragma once

#include <QObject>
#include <QString>
#include <atomic>
#include <memory>

#include "ir/graph.h"
#include "project/project.h"

namespace mb {

struct LoadedModel {
  QString path;
  std::shared_ptr<const Graph> source;
  std::shared_ptr<const Graph> converted;  // null when conversion is not available or failed
  // What the per-layer diff runs as the source: `source` with template fixes expanded (the fixed
  // op may have no ONNX kernel), or `source` itself.
  std::shared_ptr<const Graph> reference;
  QString conversionMessage;  // why there is no converted graph, or its summary
  QStringList warnings;
  double importSeconds = 0, convertSeconds = 0;
};

class ModelLoader : public QObject {
  Q_OBJECT
 public:
  explicit ModelLoader(QObject* parent = nullptr);
  ~ModelLoader() override;
  static bool converterAvailable();

  // Imports and converts with the project's settings (input shapes, input / output nodes, target
  // API, overrides, op fixes: what `mindbridge-cli convert --project` does).
  void load(const QString& path, const project::Project& project = {});
  // Converts `previous->source` again with the project's conversion settings (no re-import): the
  // result shares the source graph, so the source pane keeps its view.
  void reconvert(std::shared_ptr<const LoadedModel> previous, const project::Project& project);
  void cancel();
  bool running() const { return running_; }

 signals:
  void stage(const QString& text);
  // The imported graph, before conversion (only when a conversion follows).
  void sourceReady(std::shared_ptr<mb::LoadedModel> model);
  void loaded(std::shared_ptr<mb::LoadedModel> model);
  void failed(const QString& path, const QString& message);
  void cancelled(const QString& path);

 private:
  std::shared_ptr<std::atomic<bool>> cancel_;
  QString path_;
  bool running_ = false;
};

}  // namespace mb
