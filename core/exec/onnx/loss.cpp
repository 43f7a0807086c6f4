// ONNX NegativeLogLikelihoodLoss and SoftmaxCrossEntropyLoss (opset 12; 13 widened types).
#include "exec/primitives/loss.h"
#include "exec/kernel.h"
#include "exec/onnx/tensor_kernel_util.h"

namespace mb::exec {
namespace {

using tensor_ops::requireInputs;
using tensor_ops::setOutput;

Expected<prim::LossReduction> lossReduction(const KernelContext& ctx) {
  const std::string r = ctx.attrs().getString("reduction", "mean");
  if (r == "none") return prim::LossReduction::None;
  if (r == "sum") return prim::LossReduction::Sum;
  if (r == "mean") return prim::LossReduction::Mean;
  return ctx.fail(ErrorCode::InvalidArgument,
                  "reduction must be none, sum or mean, got '" + r + "'");
}

std::optional<int64_t> ignoreIndex(const KernelContext& ctx) {
  if (!ctx.attrs().has("ignore_index")) return std::nullopt;
  return ctx.attrs().getInt("ignore_index", 0);
}

Status nllKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 2));
  auto reduction = lossReduction(ctx);
  if (!reduction) return reduction.error();
  const Tensor* weight = ctx.hasInput(2) ? &ctx.input(2) : nullptr;
  return setOutput(ctx, 0,
                   prim::nllLoss(ctx.input(0), ctx.input(1), weight, *reduction, ignoreIndex(ctx)));
}

Status softmaxCrossEntropyKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 2));
  auto reduction = lossReduction(ctx);
  if (!reduction) return reduction.error();
  if (ctx.input(0).rank() < 2)
    return ctx.fail(ErrorCode::ShapeMismatch,
                    "scores must be [N, C, …], got " + dimsToString(ctx.input(0).dims()));
  auto logProb = prim::logSoftmax(ctx.input(0), 1);
  if (!logProb) return tensor_ops::nodeError(ctx, logProb.error());
  const Tensor* weight = ctx.hasInput(2) ? &ctx.input(2) : nullptr;
  MB_TRY(setOutput(ctx, 0,
                   prim::nllLoss(*logProb, ctx.input(1), weight, *reduction, ignoreIndex(ctx))));
  if (ctx.node.outputs.size() > 1) MB_TRY(setOutput(ctx, 1, std::move(*logProb)));
  return {};
}

MB_ONNX_KERNEL("NegativeLogLikelihoodLoss", 12, nllKernel);
MB_ONNX_KERNEL("SoftmaxCrossEntropyLoss", 12, softmaxCrossEntropyKernel);

}  // namespace
}  // namespace mb::exec
