// ONNX Det, QuantizeLinear / DequantizeLinear (per-axis from 13), DynamicQuantizeLinear, the
// signal windows (17), NonMaxSuppression, ReverseSequence.
#include <algorithm>
#include <cmath>

#include "exec/kernel.h"
#include "exec/onnx/tensor_kernel_util.h"
#include "exec/primitives/numeric_misc.h"
#include "exec/primitives/reduce.h"

namespace mb::exec {
namespace {

using tensor_ops::normalizeAxis;
using tensor_ops::requireInputs;
using tensor_ops::setOutput;

Status detKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 1));
  return setOutput(ctx, 0, prim::determinant(ctx.input(0)));
}

// The axis only matters for per-channel (1-D) scales.
Expected<int64_t> quantAxis(const KernelContext& ctx) {
  if (ctx.input(1).numel() == 1) return int64_t{0};
  return normalizeAxis(ctx, ctx.attrs().getInt("axis", 1),
                       std::max<int64_t>(ctx.input(0).rank(), 1));
}

Status quantizeKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 2));
  auto axis = quantAxis(ctx);
  if (!axis) return axis.error();
  const Tensor zero = ctx.hasInput(2) ? ctx.input(2) : Tensor::zeros(DType::UInt8, {});
  return setOutput(ctx, 0, prim::quantizeLinear(ctx.input(0), ctx.input(1), zero, *axis));
}

Status dequantizeKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 2));
  auto axis = quantAxis(ctx);
  if (!axis) return axis.error();
  return setOutput(ctx, 0,
                   prim::dequantizeLinear(ctx.input(0), ctx.input(1),
                                          ctx.hasInput(2) ? &ctx.input(2) : nullptr, *axis));
}

Status dynamicQuantizeKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 1));
  const auto values = ctx.input(0).toFloatVector();
  float lo = 0, hi = 0;
  for (float v : values) lo = std::min(lo, v), hi = std::max(hi, v);
  const float scale = (hi - lo) / 255.0f;
  const float zero = scale == 0 ? 0.0f : std::clamp(std::nearbyint(-lo / scale), 0.0f, 255.0f);
  const Tensor scaleT = Tensor::scalarFloat(scale);
  const Tensor zeroT = Tensor::fromVector<uint8_t>(DType::UInt8, {}, {static_cast<uint8_t>(zero)});
  if (scale == 0)
    MB_TRY(setOutput(ctx, 0, Tensor::zeros(DType::UInt8, ctx.input(0).dims())));
  else
    MB_TRY(setOutput(ctx, 0, prim::quantizeLinear(ctx.input(0), scaleT, zeroT, 0)));
  MB_TRY(setOutput(ctx, 1, scaleT));
  return setOutput(ctx, 2, zeroT);
}

template <prim::WindowKind Kind>
Status windowKernel(KernelContext& ctx) {
  auto size = tensor_ops::scalarInput(ctx, 0);
  if (!size) return size.error();
  if (*size < 0 || *size > 1e9)
    return ctx.fail(ErrorCode::InvalidArgument, "window size must be in [0, 1e9]");
  const auto dtype = static_cast<DType>(ctx.attrs().getInt("output_datatype", 1));
  if (!isValidDType(static_cast<int32_t>(dtype)) || dtypeSize(dtype) == 0)
    return ctx.fail(ErrorCode::InvalidArgument, "unsupported output_datatype");
  return setOutput(ctx, 0,
                   prim::window(Kind, static_cast<int64_t>(*size),
                                ctx.attrs().getInt("periodic", 1) != 0, dtype));
}

Status nmsKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 2));
  int64_t maxPerClass = 0;
  double iou = 0, scoreThreshold = 0;
  if (ctx.hasInput(2) && ctx.input(2).numel() > 0) maxPerClass = ctx.input(2).elementAsInt64(0);
  if (ctx.hasInput(3) && ctx.input(3).numel() > 0) iou = ctx.input(3).elementAsDouble(0);
  const bool hasScore = ctx.hasInput(4) && ctx.input(4).numel() > 0;
  if (hasScore) scoreThreshold = ctx.input(4).elementAsDouble(0);
  return setOutput(
      ctx, 0,
      prim::nonMaxSuppression(ctx.input(0), ctx.input(1), maxPerClass, iou, hasScore,
                              scoreThreshold, ctx.attrs().getInt("center_point_box", 0) != 0));
}

Status reverseSequenceKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 2));
  auto lengths = tensor_ops::intsInput(ctx, 1);
  if (!lengths) return lengths.error();
  return setOutput(
      ctx, 0,
      prim::reverseSequence(ctx.input(0), *lengths, ctx.attrs().getInt("batch_axis", 1),
                            ctx.attrs().getInt("time_axis", 0)));
}

MB_ONNX_KERNEL("Det", 11, detKernel);
MB_ONNX_KERNEL("QuantizeLinear", 10, quantizeKernel);
MB_ONNX_KERNEL("DequantizeLinear", 10, dequantizeKernel);
MB_ONNX_KERNEL("DynamicQuantizeLinear", 11, dynamicQuantizeKernel);
MB_ONNX_KERNEL("HannWindow", 17, windowKernel<prim::WindowKind::Hann>);
MB_ONNX_KERNEL("HammingWindow", 17, windowKernel<prim::WindowKind::Hamming>);
MB_ONNX_KERNEL("BlackmanWindow", 17, windowKernel<prim::WindowKind::Blackman>);
MB_ONNX_KERNEL("NonMaxSuppression", 10, nmsKernel);
MB_ONNX_KERNEL("ReverseSequence", 10, reverseSequenceKernel);

}  // namespace
}  // namespace mb::exec
