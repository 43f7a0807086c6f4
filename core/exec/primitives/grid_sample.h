// Sampling an image at normalised grid positions (PyTorch's grid_sample semantics, which ONNX
// GridSample-16 adopted): bilinear / nearest / bicubic (A = -0.75), padding zeros / border /
// reflection, align_corners. 4-D only: x [N, C, H, W], grid [N, Ho, Wo, 2] holding (x, y).
#pragma once

#include "ir/tensor.h"
#include "util/status.h"

namespace mb::exec::prim {

enum class GridMode { Bilinear, Nearest, Bicubic };
enum class GridPadding { Zeros, Border, Reflection };

Expected<Tensor> gridSample(const Tensor& x, const Tensor& grid, GridMode mode, GridPadding padding,
                            bool alignCorners);

}  // namespace mb::exec::prim
