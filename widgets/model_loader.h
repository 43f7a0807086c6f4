// Opens a model off the UI thread: import (shape-inferred) and, when the build has the converter,
// conversion to MindSpore. Cancel drops the job at once (the UI never waits for the worker).
#pragma once

#include <QObject>
#include <QString>
#include <atomic>
#include <memory>

#include "ir/graph.h"

namespace mb {

struct LoadedModel {
  QString path;
  std::shared_ptr<const Graph> source;
  std::shared_ptr<const Graph> converted;  // null when conversion is not available or failed
  QString conversionMessage;               // why there is no converted graph, or its summary
  QStringList warnings;
  double importSeconds = 0, convertSeconds = 0;
};

class ModelLoader : public QObject {
  Q_OBJECT
 public:
  explicit ModelLoader(QObject* parent = nullptr);
  ~ModelLoader() override;
  static bool converterAvailable();

  void load(const QString& path);
  void cancel();
  bool running() const { return running_; }

 signals:
  void stage(const QString& text);
  void loaded(std::shared_ptr<mb::LoadedModel> model);
  void failed(const QString& path, const QString& message);
  void cancelled(const QString& path);

 private:
  std::shared_ptr<std::atomic<bool>> cancel_;
  QString path_;
  bool running_ = false;
};

}  // namespace mb
