// ONNX Gather, GatherElements, GatherND, Scatter / ScatterElements / ScatterND (reductions from
// opset 16 / 18), OneHot, NonZero. Attribute translation only; see prim indexing.h.
#include "exec/kernel.h"
#include "exec/onnx/tensor_kernel_util.h"
#include "exec/primitives/indexing.h"

namespace mb::exec {
namespace {

using tensor_ops::normalizeAxis;
using tensor_ops::requireInputs;
using tensor_ops::setOutput;

Status gatherKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 2));
  auto axis = normalizeAxis(ctx, ctx.attrs().getInt("axis", 0), ctx.input(0).rank());
  if (!axis) return axis.error();
  return setOutput(ctx, 0, prim::gather(ctx.input(0), ctx.input(1), *axis));
}

Status gatherElementsKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 2));
  auto axis = normalizeAxis(ctx, ctx.attrs().getInt("axis", 0), ctx.input(0).rank());
  if (!axis) return axis.error();
  return setOutput(ctx, 0, prim::gatherElements(ctx.input(0), ctx.input(1), *axis));
}

Status gatherNDKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 2));
  return setOutput(ctx, 0,
                   prim::gatherND(ctx.input(0), ctx.input(1), ctx.attrs().getInt("batch_dims", 0)));
}

Expected<prim::ScatterReduction> reduction(const KernelContext& ctx) {
  const std::string r = ctx.attrs().getString("reduction", "none");
  if (r == "none") return prim::ScatterReduction::None;
  if (r == "add") return prim::ScatterReduction::Add;
  if (r == "mul") return prim::ScatterReduction::Mul;
  if (r == "max") return prim::ScatterReduction::Max;
  if (r == "min") return prim::ScatterReduction::Min;
  return ctx.fail(ErrorCode::InvalidArgument, "unknown reduction '" + r + "'");
}

Status scatterNDKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 3));
  auto r = reduction(ctx);
  if (!r) return r.error();
  return setOutput(ctx, 0, prim::scatterND(ctx.input(0), ctx.input(1), ctx.input(2), *r));
}

Status scatterElementsKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 3));
  auto r = reduction(ctx);
  if (!r) return r.error();
  auto axis = normalizeAxis(ctx, ctx.attrs().getInt("axis", 0), ctx.input(0).rank());
  if (!axis) return axis.error();
  return setOutput(ctx, 0,
                   prim::scatterElements(ctx.input(0), ctx.input(1), ctx.input(2), *axis, *r));
}

Status oneHotKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 3));
  auto depth = tensor_ops::scalarInput(ctx, 1);
  if (!depth) return depth.error();
  const Tensor& indices = ctx.input(0);
  auto axis = normalizeAxis(ctx, ctx.attrs().getInt("axis", -1), indices.rank() + 1);
  if (!axis) return axis.error();
  return setOutput(ctx, 0,
                   prim::oneHot(indices, static_cast<int64_t>(*depth), ctx.input(2), *axis));
}

Status nonZeroKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 1));
  return setOutput(ctx, 0, prim::nonZero(ctx.input(0)));
}

MB_ONNX_KERNEL("Gather", 1, gatherKernel);
MB_ONNX_KERNEL("GatherElements", 11, gatherElementsKernel);
MB_ONNX_KERNEL("GatherND", 11, gatherNDKernel);
MB_ONNX_KERNEL("ScatterND", 11, scatterNDKernel);
MB_ONNX_KERNEL("Scatter", 9, scatterElementsKernel);
MB_ONNX_KERNEL("ScatterElements", 11, scatterElementsKernel);
MB_ONNX_KERNEL("OneHot", 9, oneHotKernel);
MB_ONNX_KERNEL("NonZero", 9, nonZeroKernel);

}  // namespace
}  // namespace mb::exec
