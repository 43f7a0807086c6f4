// Spatial sampling: grid_sample over [N, C, H, W] (PyTorch's and ONNX's GridSample semantics) and
// mean-variance normalisation over explicit axes.
#pragma once

#include <cstdint>
#include <vector>

#include "ir/tensor.h"
#include "util/status.h"

namespace mb::exec::nn {

enum class GridSampleMode { Bilinear, Nearest, Bicubic };
enum class GridPadding { Zeros, Border, Reflection };

// x [N, C, H, W], grid [N, Ho, Wo, 2] holding (x, y) in [-1, 1] → y [N, C, Ho, Wo].
Expected<Tensor> gridSample(const Tensor& x, const Tensor& grid, GridSampleMode mode,
                            GridPadding padding, bool alignCorners);

// (x - mean) / (std + 1e-9) with mean / std over `axes` (population statistics).
Expected<Tensor> meanVarianceNormalize(const Tensor& x, const std::vector<int64_t>& axes);

}  // namespace mb::exec::nn
