// ONNX reductions and arg-reductions. Axes are an attribute up to opset 12 (ReduceSum) / 17 (the
// rest) and an optional input after, with noop_with_empty_axes; ArgMax / ArgMin gain
// select_last_index in 12.
#include "exec/primitives/reduce.h"
#include "exec/kernel.h"
#include "exec/onnx/tensor_kernel_util.h"

namespace mb::exec {
namespace {

using prim::ReduceOp;
using tensor_ops::normalizeAxes;
using tensor_ops::normalizeAxis;
using tensor_ops::requireInputs;
using tensor_ops::setOutput;

Status reduceWith(KernelContext& ctx, ReduceOp op, const std::vector<int64_t>& axesIn,
                  bool noopWhenEmpty) {
  const Tensor& x = ctx.input(0);
  if (axesIn.empty() && noopWhenEmpty) return setOutput(ctx, 0, x);
  auto axes = normalizeAxes(ctx, axesIn, x.rank());
  if (!axes) return axes.error();
  return setOutput(ctx, 0, prim::reduce(op, x, *axes, ctx.attrs().getInt("keepdims", 1) != 0));
}

template <ReduceOp Op>
Status reduceAttrKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 1));
  return reduceWith(ctx, Op, ctx.attrs().getInts("axes"), false);
}

template <ReduceOp Op>
Status reduceInputKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 1));
  std::vector<int64_t> axes;
  if (ctx.hasInput(1)) {
    auto a = tensor_ops::intsInput(ctx, 1);
    if (!a) return a.error();
    axes = *a;
  }
  return reduceWith(ctx, Op, axes, ctx.attrs().getInt("noop_with_empty_axes", 0) != 0);
}

template <bool Largest>
Status argKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 1));
  auto axis = normalizeAxis(ctx, ctx.attrs().getInt("axis", 0), ctx.input(0).rank());
  if (!axis) return axis.error();
  return setOutput(ctx, 0,
                   prim::argReduce(ctx.input(0), *axis, ctx.attrs().getInt("keepdims", 1) != 0,
                                   Largest, ctx.attrs().getInt("select_last_index", 0) != 0));
}

MB_ONNX_KERNEL("ReduceSum", 1, reduceAttrKernel<ReduceOp::Sum>);
MB_ONNX_KERNEL("ReduceSum", 13, reduceInputKernel<ReduceOp::Sum>);
MB_ONNX_KERNEL("ReduceMean", 1, reduceAttrKernel<ReduceOp::Mean>);
MB_ONNX_KERNEL("ReduceMean", 18, reduceInputKernel<ReduceOp::Mean>);
MB_ONNX_KERNEL("ReduceMax", 1, reduceAttrKernel<ReduceOp::Max>);
MB_ONNX_KERNEL("ReduceMax", 18, reduceInputKernel<ReduceOp::Max>);
MB_ONNX_KERNEL("ReduceMin", 1, reduceAttrKernel<ReduceOp::Min>);
MB_ONNX_KERNEL("ReduceMin", 18, reduceInputKernel<ReduceOp::Min>);
MB_ONNX_KERNEL("ReduceProd", 1, reduceAttrKernel<ReduceOp::Prod>);
MB_ONNX_KERNEL("ReduceProd", 18, reduceInputKernel<ReduceOp::Prod>);
MB_ONNX_KERNEL("ReduceL1", 1, reduceAttrKernel<ReduceOp::L1>);
MB_ONNX_KERNEL("ReduceL1", 18, reduceInputKernel<ReduceOp::L1>);
MB_ONNX_KERNEL("ReduceL2", 1, reduceAttrKernel<ReduceOp::L2>);
MB_ONNX_KERNEL("ReduceL2", 18, reduceInputKernel<ReduceOp::L2>);
MB_ONNX_KERNEL("ReduceLogSum", 1, reduceAttrKernel<ReduceOp::LogSum>);
MB_ONNX_KERNEL("ReduceLogSum", 18, reduceInputKernel<ReduceOp::LogSum>);
MB_ONNX_KERNEL("ReduceLogSumExp", 1, reduceAttrKernel<ReduceOp::LogSumExp>);
MB_ONNX_KERNEL("ReduceLogSumExp", 18, reduceInputKernel<ReduceOp::LogSumExp>);
MB_ONNX_KERNEL("ReduceSumSquare", 1, reduceAttrKernel<ReduceOp::SumSquare>);
MB_ONNX_KERNEL("ReduceSumSquare", 18, reduceInputKernel<ReduceOp::SumSquare>);
MB_ONNX_KERNEL("ArgMax", 1, argKernel<true>);
MB_ONNX_KERNEL("ArgMin", 1, argKernel<false>);

}  // namespace
}  // namespace mb::exec
