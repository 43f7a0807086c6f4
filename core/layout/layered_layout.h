// Layered (Sugiyama-style) layout tuned for DNN graphs: ranks by longest path plus a greedy
// tightening pass, far-reaching fan-out families cut into stubs, bounded barycenter sweeps, and
// compact coordinates from per-rank weighted isotonic regression. Linear memory; O(E log V) sweeps.
#pragma once

#include <atomic>

#include "layout/layout_types.h"

namespace mb::layout {

// Lays out `input`. Deterministic for equal input. Returns early with `cancelled` set when
// `cancel` becomes true (checked between phases and sweeps).
LayoutResult layeredLayout(const LayoutInput& input, const LayoutOptions& options = {},
                           const std::atomic<bool>* cancel = nullptr);

}  // namespace mb::layout
