// A finished layout as the scene consumes it: the visible boxes, their geometry and a pre-rendered
// overview image; produced on a worker thread by LayoutWorker.
#pragma once

#include <QImage>
#include <QSizeF>
#include <QStringList>
#include <memory>
#include <vector>

#include "ir/graph.h"
#include "layout/layered_layout.h"
#include "layout/module_tree.h"
#include "layout/visual_graph.h"

namespace mb {

struct BoxText {
  QString header;
  QStringList lines;
};

struct SceneLayout {
  std::shared_ptr<const Graph> graph;
  layout::ModuleTree tree;  // the collapse state this layout shows
  layout::VisualGraph visual;
  layout::LayoutResult result;
  std::vector<BoxText> texts;  // per item
  QImage overview;             // whole drawing, small (for the minimap and far zoom)
  double overviewScale = 1;    // overview pixels per scene unit
  double seconds = 0;          // whole job: boxes, layout, overview
  uint64_t generation = 0;
};

}  // namespace mb
