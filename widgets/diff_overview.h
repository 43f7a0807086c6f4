// The diff overlay in far zoom and in the overview map. Both draw the small pre-rendered image of
// the whole graph instead of items, so without this a zoomed-out view of a 10k-node graph showed
// op colours only and hid every failing layer. This repaints that image with the diff colours:
// compared boxes by their level, not-computed ones grey, the rest pale (so a red op header is not
// read as a failure), and failing boxes framed in red at a minimum size so one bad layer among
// thousands stays visible however small its box is in the image.
#pragma once

#include <QImage>
#include <vector>

#include "diff_overlay.h"
#include "scene_layout.h"

namespace mb {

// A copy of layout.overview coloured by `itemMarks` (one per layout.visual.items entry).
// Costs one image copy plus a rectangle per box: a few ms for 10k boxes, on the UI thread.
QImage paintDiffOverview(const SceneLayout& layout, const std::vector<DiffMark>& itemMarks);

// The colour the overview gives a box with this mark (exposed for tests).
QColor diffOverviewColour(const DiffMark& mark);

}  // namespace mb
