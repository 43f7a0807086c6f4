// ONNX Resize (opsets 10, 11, 13) and Upsample (7, 9) → nn::resize with every choice explicit.
#include <cmath>

#include "exec/onnx/nn_onnx_util.h"
#include "exec/primitives/resize.h"

namespace mb::exec::onnx_nn {
namespace {

Expected<nn::ResizeMode> modeOf(const KernelContext& ctx) {
  std::string mode = ctx.attrs().getString("mode", "nearest");
  if (mode == "nearest") return nn::ResizeMode::Nearest;
  if (mode == "linear" || mode == "bilinear" || mode == "trilinear") return nn::ResizeMode::Linear;
  if (mode == "cubic" || mode == "bicubic") return nn::ResizeMode::Cubic;
  return ctx.fail(ErrorCode::InvalidModel, "unknown mode '" + mode + "'");
}

// Output sizes floor(in * scale) from scales, with scales kept for the coordinate transform.
Status fromScales(const KernelContext& ctx, const Tensor& x, const std::vector<double>& scales,
                  nn::ResizeParams& p) {
  if (scales.size() != static_cast<size_t>(x.rank()))
    return ctx.fail(ErrorCode::ShapeMismatch, "scales has " + std::to_string(scales.size()) +
                                                  " values for input " + dimsToString(x.dims()));
  p.scales = scales;
  p.outputDims.clear();
  for (size_t d = 0; d < scales.size(); ++d) {
    if (!(scales[d] > 0)) return ctx.fail(ErrorCode::InvalidModel, "scales must be positive");
    p.outputDims.push_back(
        static_cast<int64_t>(std::floor(static_cast<double>(x.dims()[d]) * scales[d])));
  }
  return Status::ok();
}

// Upsample and Resize-10: asymmetric coordinates, nearest rounds down.
Status legacyResize(KernelContext& ctx, const std::vector<double>& scales) {
  const Tensor& x = ctx.input(0);
  nn::ResizeParams p;
  auto mode = modeOf(ctx);
  if (!mode) return mode.error();
  p.mode = *mode;
  p.transform = nn::CoordinateTransform::Asymmetric;
  p.rounding = nn::NearestRounding::Floor;
  MB_TRY(fromScales(ctx, x, scales, p));
  return push(ctx, nn::resize(x, p, ctx.pool));
}

std::vector<double> floatsOf(const Tensor& t) {
  std::vector<double> v;
  for (int64_t i = 0; i < t.numel(); ++i) v.push_back(t.elementAsDouble(i));
  return v;
}

Status upsampleKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 1));
  std::vector<double> scales =
      ctx.opset >= 9 ? (ctx.hasInput(1) ? floatsOf(ctx.input(1)) : std::vector<double>{})
                     : ctx.attrs().getFloats("scales");
  return legacyResize(ctx, scales);
}

Status resize10Kernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 2));
  return legacyResize(ctx, floatsOf(ctx.input(1)));
}

Status resizeKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  nn::ResizeParams p;
  auto mode = modeOf(ctx);
  if (!mode) return mode.error();
  p.mode = *mode;
  auto transform = nn::parseCoordinateTransform(
      ctx.attrs().getString("coordinate_transformation_mode", "half_pixel"));
  if (!transform) return ctx.fail(transform.error().code, transform.error().message);
  p.transform = *transform;
  auto rounding =
      nn::parseNearestRounding(ctx.attrs().getString("nearest_mode", "round_prefer_floor"));
  if (!rounding) return ctx.fail(rounding.error().code, rounding.error().message);
  p.rounding = *rounding;
  p.cubicA = ctx.attrs().getFloat("cubic_coeff_a", -0.75);
  p.excludeOutside = ctx.attrs().getInt("exclude_outside", 0) != 0;
  p.extrapolationValue = ctx.attrs().getFloat("extrapolation_value", 0.0);
  auto rank = static_cast<size_t>(x.rank());
  if (ctx.hasInput(1) && ctx.input(1).numel() == static_cast<int64_t>(2 * rank)) {
    std::vector<double> roi = floatsOf(ctx.input(1));
    p.roiStart.assign(roi.begin(), roi.begin() + static_cast<std::ptrdiff_t>(rank));
    p.roiEnd.assign(roi.begin() + static_cast<std::ptrdiff_t>(rank), roi.end());
  }
  bool haveScales = ctx.hasInput(2) && ctx.input(2).numel() > 0;
  bool haveSizes = ctx.hasInput(3) && ctx.input(3).numel() > 0;
  if (haveScales == haveSizes)
    return ctx.fail(ErrorCode::InvalidModel, "exactly one of scales and sizes must be given");
  if (haveScales) {
    MB_TRY(fromScales(ctx, x, floatsOf(ctx.input(2)), p));
  } else {
    p.outputDims = ctx.input(3).toInt64Vector();
    if (p.outputDims.size() != rank)
      return ctx.fail(ErrorCode::ShapeMismatch, "sizes has " + std::to_string(p.outputDims.size()) +
                                                    " values for input " + dimsToString(x.dims()));
    for (size_t d = 0; d < rank; ++d)
      p.scales.push_back(x.dims()[d] ? static_cast<double>(p.outputDims[d]) /
                                           static_cast<double>(x.dims()[d])
                                     : 1.0);
  }
  return push(ctx, nn::resize(x, p, ctx.pool));
}

MB_ONNX_KERNEL("Upsample", 7, upsampleKernel);
MB_ONNX_KERNEL("Resize", 10, resize10Kernel);
MB_ONNX_KERNEL("Resize", 11, resizeKernel);

}  // namespace
}  // namespace mb::exec::onnx_nn
