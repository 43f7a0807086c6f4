// Spatial sampling: grid_sample over [N, C, H, W] (PyTorch's and ONNX's GridSample semantics) and
// mean-variance normalisation over explicit axes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ir/tensor.h"
#include "util/status.h"

namespace mb::exec::nn {

enum class GridSampleMode { Bilinear, Nearest, Bicubic };
enum class GridPadding { Zeros, Border, Reflection };

// torch / MindSpore / ONNX spellings: "bilinear", "nearest", "bicubic" (ONNX ≥ 20 also "linear",
// "cubic" when `onnxNames`); "zeros", "border", "reflection". nullopt when unknown.
std::optional<GridSampleMode> parseGridSampleMode(const std::string& mode, bool onnxNames);
std::optional<GridPadding> parseGridPadding(const std::string& padding);

// x [N, C, H, W], grid [N, Ho, Wo, 2] holding (x, y) in [-1, 1] → y [N, C, Ho, Wo].
Expected<Tensor> gridSample(const Tensor& x, const Tensor& grid, GridSampleMode mode,
                            GridPadding padding, bool alignCorners);

struct RoiAlignParams {
  int64_t outputHeight = 1, outputWidth = 1;
  int64_t samplingRatio = 0;  // samples per bin side; 0 = ceil(roi size / output size)
  double spatialScale = 1.0;
  bool halfPixel = true;  // shift box corners by -0.5 (ONNX ≥ 16 default, torchvision aligned=True)
  bool maxMode = false;  // max of the weighted corner samples instead of their average
};

// x [N, C, H, W], rois [R, 4] (x1, y1, x2, y2), batchIndices [R] → [R, C, outH, outW].
Expected<Tensor> roiAlign(const Tensor& x, const Tensor& rois, const Tensor& batchIndices,
                          const RoiAlignParams& p);

// (x - mean) / (std + 1e-9) with mean / std over `axes` (population statistics).
Expected<Tensor> meanVarianceNormalize(const Tensor& x, const std::vector<int64_t>& axes);

}  // namespace mb::exec::nn
