#include "layout_worker.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QPainter>
#include <QPointer>
#include <QThread>
#include <chrono>

#include "op_style.h"

namespace mb {

namespace {

constexpr double kHeaderHeight = 22;
constexpr double kLineHeight = 15;
constexpr double kFrameTitle = 20;  // GraphScene::addFrames pads each frame by these
constexpr double kFrameBottom = 8;

void renderOverview(SceneLayout& out) {
  const auto& r = out.result;
  double w = 1, h = 1;
  for (size_t i = 0; i < r.centers.size(); ++i) {
    w = std::max(w, r.centers[i].x + out.visual.input.nodes[i].width / 2);
    h = std::max(h, r.centers[i].y + out.visual.input.nodes[i].height / 2);
  }
  // Large enough for the minimap and far zoom, small enough to stay a few MB.
  double scale = std::min({0.25, 4096.0 / w, 16384.0 / h});
  out.overviewScale = scale;
  QImage image(std::max(1, static_cast<int>(w * scale) + 1),
               std::max(1, static_cast<int>(h * scale) + 1), QImage::Format_ARGB32_Premultiplied);
  image.fill(Qt::white);
  QPainter p(&image);
  p.scale(scale, scale);
  QPen pen(QColor(120, 120, 120));
  pen.setCosmetic(true);
  p.setPen(pen);
  for (const auto& e : r.edges)
    for (size_t k = 1; k < e.points.size(); ++k)
      p.drawLine(QPointF(e.points[k - 1].x, e.points[k - 1].y),
                 QPointF(e.points[k].x, e.points[k].y));
  p.setPen(Qt::NoPen);
  for (size_t i = 0; i < r.centers.size(); ++i) {
    const auto& n = out.visual.input.nodes[i];
    const auto& item = out.visual.items[i];
    QColor c = item.kind == layout::ItemKind::Node
                   ? OpStyle::forOp(out.graph->node(item.id).opType).header
                   : QColor(150, 150, 170);
    if (c.lightness() > 200) c = QColor(150, 150, 150);
    p.fillRect(
        QRectF(r.centers[i].x - n.width / 2, r.centers[i].y - n.height / 2, n.width, n.height), c);
  }
  p.end();
  out.overview = std::move(image);
}

// Each drawn group frame needs its title above its first box and a border below its last one.
void reserveFrameRoom(SceneLayout& out) {
  const auto& tree = out.tree;
  std::vector<NodeId> nodeAt(tree.topoIndex.size());
  for (size_t n = 0; n < tree.topoIndex.size(); ++n)
    nodeAt[static_cast<size_t>(tree.topoIndex[n])] = static_cast<NodeId>(n);
  for (size_t gi = 1; gi < tree.groups.size(); ++gi) {
    const auto& g = tree.groups[gi];
    bool drawn = g.expanded && g.totalNodes > 0;
    for (int32_t p = g.parent; drawn && p > 0; p = tree.groups[static_cast<size_t>(p)].parent)
      drawn = tree.groups[static_cast<size_t>(p)].expanded;
    if (!drawn) continue;
    auto first = static_cast<size_t>(
        out.visual.itemOfNode[static_cast<size_t>(nodeAt[static_cast<size_t>(g.firstTopo)])]);
    auto last = static_cast<size_t>(
        out.visual.itemOfNode[static_cast<size_t>(nodeAt[static_cast<size_t>(g.lastTopo)])]);
    out.visual.input.nodes[first].marginBefore += kFrameTitle;
    out.visual.input.nodes[last].marginAfter += kFrameBottom;
  }
}

}  // namespace

LayoutWorker::LayoutWorker(QObject* parent) : QObject(parent) {}

LayoutWorker::~LayoutWorker() {
  cancel();
}

void LayoutWorker::cancel() {
  if (cancel_) cancel_->store(true);
  if (running_) emit cancelled();
  running_ = false;
}

BoxText LayoutWorker::boxText(const Graph& graph, const layout::ModuleTree& tree,
                              const layout::VisualItem& item) {
  BoxText text;
  switch (item.kind) {
    case layout::ItemKind::Node: {
      const Node& node = graph.node(item.id);
      text.header = OpStyle::displayName(node);
      text.lines = OpStyle::bodyLines(graph, node);
      break;
    }
    case layout::ItemKind::Group: {
      const auto& g = tree.groups[static_cast<size_t>(item.id)];
      text.header = QString::fromStdString(g.label);
      text.lines << QObject::tr("%n node(s)", nullptr, static_cast<int>(g.totalNodes));
      if (g.repeats > 1) text.lines.back() += QObject::tr("  ·  %1 alike").arg(g.repeats);
      break;
    }
    case layout::ItemKind::Input:
    case layout::ItemKind::Output: {
      const Value& v = graph.value(item.id);
      text.header = QString::fromStdString(v.name);
      text.lines << QString::fromStdString(std::string(dtypeName(v.dtype)) + v.shape.toString());
      break;
    }
  }
  return text;
}

QSizeF LayoutWorker::boxSize(const BoxText& text, const QFont& font, layout::ItemKind kind) {
  QFontMetricsF fm(font);
  QFont bold = font;
  bold.setBold(true);
  QFontMetricsF fb(bold);
  double width = fb.horizontalAdvance(text.header) + 20;
  for (const auto& line : text.lines) width = std::max(width, fm.horizontalAdvance(line) + 16);
  width = std::clamp(width, kind == layout::ItemKind::Node ? 64.0 : 90.0, 320.0);
  if (kind == layout::ItemKind::Input || kind == layout::ItemKind::Output)
    return {width, kHeaderHeight + kLineHeight + 4};
  return {width, kHeaderHeight + (text.lines.isEmpty() ? 0 : kLineHeight * text.lines.size() + 6)};
}

void LayoutWorker::start(std::shared_ptr<const Graph> graph, std::optional<layout::ModuleTree> tree,
                         const layout::LayoutOptions& options, const QFont& font, int64_t budget) {
  if (cancel_) cancel_->store(true);
  cancel_ = std::make_shared<std::atomic<bool>>(false);
  running_ = true;
  auto flag = cancel_;
  uint64_t generation = ++generation_;
  QPointer<LayoutWorker> self(this);
  QThread* thread = QThread::create([self, graph, tree = std::move(tree), options, font, flag,
                                     generation, budget] {
    auto started = std::chrono::steady_clock::now();
    auto out = std::make_shared<SceneLayout>();
    out->graph = graph;
    if (tree) {
      out->tree = *tree;
    } else {
      out->tree = layout::ModuleTree::build(*graph);
      out->tree.expandToBudget(budget);
    }
    out->generation = generation;
    std::vector<BoxText>& texts = out->texts;
    auto sizer = [&](const Graph& g, const layout::ModuleTree& t, const layout::VisualItem& item) {
      texts.push_back(boxText(g, t, item));
      QSizeF size = boxSize(texts.back(), font, item.kind);
      return layout::LayoutNode{size.width(), size.height()};
    };
    out->visual = layout::buildVisualGraph(*graph, out->tree, sizer);
    reserveFrameRoom(*out);
    if (!flag->load()) out->result = layout::layeredLayout(out->visual.input, options, flag.get());
    if (!flag->load()) renderOverview(*out);
    out->seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (flag->load()) return;
    QMetaObject::invokeMethod(
        qApp,
        [self, out, flag] {
          if (!self || flag->load() || out->generation != self->generation_) return;
          self->running_ = false;
          emit self->finished(out);
        },
        Qt::QueuedConnection);
  });
  connect(thread, &QThread::finished, thread, &QObject::deleteLater);
  thread->start(QThread::LowPriority);
}

}  // namespace mb
