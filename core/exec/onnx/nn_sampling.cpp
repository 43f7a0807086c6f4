// ONNX GridSample and MeanVarianceNormalization → nn::gridSample / nn::meanVarianceNormalize.
#include "exec/onnx/nn_onnx_util.h"
#include "exec/primitives/grid_sample.h"

namespace mb::exec::onnx_nn {
namespace {

Status gridSampleKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 2));
  std::string mode = ctx.attrs().getString("mode", "bilinear");
  std::string padding = ctx.attrs().getString("padding_mode", "zeros");
  const auto m = nn::parseGridSampleMode(mode, true);
  if (!m) return ctx.fail(ErrorCode::InvalidModel, "unknown mode '" + mode + "'");
  const auto p = nn::parseGridPadding(padding);
  if (!p) return ctx.fail(ErrorCode::InvalidModel, "unknown padding_mode '" + padding + "'");
  return push(ctx, nn::gridSample(ctx.input(0), ctx.input(1), *m, *p,
                                  ctx.attrs().getInt("align_corners", 0) != 0));
}

Status mvnKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 1));
  return push(ctx, nn::meanVarianceNormalize(ctx.input(0), ctx.attrs().getInts("axes", {0, 2, 3})));
}

Status roiAlignKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 3));
  nn::RoiAlignParams p;
  p.outputHeight = ctx.attrs().getInt("output_height", 1);
  p.outputWidth = ctx.attrs().getInt("output_width", 1);
  p.samplingRatio = ctx.attrs().getInt("sampling_ratio", 0);
  p.spatialScale = ctx.attrs().getFloat("spatial_scale", 1.0);
  std::string mode = ctx.attrs().getString("mode", "avg");
  if (mode != "avg" && mode != "max")
    return ctx.fail(ErrorCode::InvalidModel, "unknown mode '" + mode + "'");
  p.maxMode = mode == "max";
  // Opset 10 had no attribute and behaved like output_half_pixel; 16 defaults to half_pixel.
  std::string transform = ctx.attrs().getString(
      "coordinate_transformation_mode", ctx.opset >= 16 ? "half_pixel" : "output_half_pixel");
  if (transform != "half_pixel" && transform != "output_half_pixel")
    return ctx.fail(ErrorCode::InvalidModel,
                    "unknown coordinate_transformation_mode '" + transform + "'");
  p.halfPixel = transform == "half_pixel";
  return push(ctx, nn::roiAlign(ctx.input(0), ctx.input(1), ctx.input(2), p));
}

MB_ONNX_KERNEL("GridSample", 16, gridSampleKernel);
MB_ONNX_KERNEL("RoiAlign", 10, roiAlignKernel);
MB_ONNX_KERNEL("MeanVarianceNormalization", 9, mvnKernel);

}  // namespace
}  // namespace mb::exec::onnx_nn
