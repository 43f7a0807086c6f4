#include "diff_overview.h"

#include <QPainter>
#include <algorithm>

namespace mb {

namespace {
constexpr double kMinFailPixels = 6;  // a failing box's frame is at least this wide and high
}

QColor diffOverviewColour(const DiffMark& mark) {
  if (mark.level >= 0) return diffColour(mark.level);
  if (mark.notComputed) return QColor(150, 150, 150);  // as NodeItem draws it
  return QColor(226, 226, 230);
}

QImage paintDiffOverview(const SceneLayout& layout, const std::vector<DiffMark>& itemMarks) {
  QImage image = layout.overview.copy();  // the layout's image stays as it is for "overlay off"
  if (image.isNull()) return image;
  const auto& centers = layout.result.centers;
  const auto& boxes = layout.visual.input.nodes;
  const size_t n = std::min({centers.size(), boxes.size(), itemMarks.size()});
  const double s = layout.overviewScale;
  auto pixelRect = [&](size_t i) {
    return QRectF((centers[i].x - boxes[i].width / 2) * s, (centers[i].y - boxes[i].height / 2) * s,
                  boxes[i].width * s, boxes[i].height * s);
  };
  QPainter p(&image);
  for (size_t i = 0; i < n; ++i) p.fillRect(pixelRect(i), diffOverviewColour(itemMarks[i]));
  // Frames last, so a neighbour's fill never covers them.
  QPen pen(QColor(200, 0, 60), 2);
  pen.setJoinStyle(Qt::MiterJoin);
  p.setPen(pen);
  p.setBrush(Qt::NoBrush);
  for (size_t i = 0; i < n; ++i) {
    if (!itemMarks[i].failed) continue;
    QRectF r = pixelRect(i);
    const double dx = std::max(0.0, (kMinFailPixels - r.width()) / 2);
    const double dy = std::max(0.0, (kMinFailPixels - r.height()) / 2);
    p.drawRect(r.adjusted(-dx, -dy, dx, dy));
  }
  p.end();
  return image;
}

}  // namespace mb
