// Recognisers for subgraphs PyTorch exports for one module: erf-based GELU, decomposed LayerNorm
// (opset < 17), GroupNorm (Reshape → InstanceNormalization → Reshape → Mul → Add) and Linear as
// MatMul + Add. Each match becomes one FusedGroup converted at its last node.
#pragma once

#include <vector>

#include "convert/convert_state.h"

namespace mb::convert {

std::vector<FusedGroup> findFusedGroups(const ConvertState& state);

}  // namespace mb::convert
