// ONNX GridSample and MeanVarianceNormalization → nn::gridSample / nn::meanVarianceNormalize.
#include "exec/onnx/nn_onnx_util.h"
#include "exec/primitives/grid_sample.h"

namespace mb::exec::onnx_nn {
namespace {

Status gridSampleKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 2));
  std::string mode = ctx.attrs().getString("mode", "bilinear");
  std::string padding = ctx.attrs().getString("padding_mode", "zeros");
  nn::GridSampleMode m;
  if (mode == "bilinear" || mode == "linear")
    m = nn::GridSampleMode::Bilinear;
  else if (mode == "nearest")
    m = nn::GridSampleMode::Nearest;
  else if (mode == "bicubic" || mode == "cubic")
    m = nn::GridSampleMode::Bicubic;
  else
    return ctx.fail(ErrorCode::InvalidModel, "unknown mode '" + mode + "'");
  nn::GridPadding p;
  if (padding == "zeros")
    p = nn::GridPadding::Zeros;
  else if (padding == "border")
    p = nn::GridPadding::Border;
  else if (padding == "reflection")
    p = nn::GridPadding::Reflection;
  else
    return ctx.fail(ErrorCode::InvalidModel, "unknown padding_mode '" + padding + "'");
  return push(ctx, nn::gridSample(ctx.input(0), ctx.input(1), m, p,
                                  ctx.attrs().getInt("align_corners", 0) != 0));
}

Status mvnKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 1));
  return push(ctx, nn::meanVarianceNormalize(ctx.input(0), ctx.attrs().getInts("axes", {0, 2, 3})));
}

MB_ONNX_KERNEL("GridSample", 16, gridSampleKernel);
MB_ONNX_KERNEL("MeanVarianceNormalization", 9, mvnKernel);

}  // namespace
}  // namespace mb::exec::onnx_nn
