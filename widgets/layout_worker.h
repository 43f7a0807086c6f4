// Runs box measuring + layered layout + overview rendering off the UI thread. One job at a time
// per worker: starting a new one cancels the previous; results of stale jobs are dropped.
#pragma once

#include <QFont>
#include <QObject>
#include <atomic>
#include <memory>
#include <optional>

#include "scene_layout.h"

namespace mb {

class LayoutWorker : public QObject {
  Q_OBJECT
 public:
  explicit LayoutWorker(QObject* parent = nullptr);
  ~LayoutWorker() override;

  // `tree` = the collapse state to show; without one the worker builds the module tree and opens
  // groups until about `budget` boxes show (the first layout of a freshly opened graph).
  void start(std::shared_ptr<const Graph> graph, std::optional<layout::ModuleTree> tree,
             const layout::LayoutOptions& options, const QFont& font, int64_t budget = 1500);
  void cancel();
  bool running() const { return running_; }

  // Text and size of a box, measured with `font` (also used by the scene to paint).
  static BoxText boxText(const Graph& graph, const layout::ModuleTree& tree,
                         const layout::VisualItem& item);
  static QSizeF boxSize(const BoxText& text, const QFont& font, layout::ItemKind kind);

 signals:
  void finished(std::shared_ptr<mb::SceneLayout> layout);
  void cancelled();

 private:
  std::shared_ptr<std::atomic<bool>> cancel_;
  uint64_t generation_ = 0;
  bool running_ = false;
};

}  // namespace mb
