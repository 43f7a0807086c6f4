// ONNX MaxPool, AveragePool, LpPool, their Global forms and MaxUnpool → nn pooling primitives.
#include "exec/onnx/nn_onnx_util.h"
#include "exec/primitives/pool.h"

namespace mb::exec::onnx_nn {
namespace {

Expected<nn::PoolParams> poolParams(const KernelContext& ctx, const Tensor& x) {
  if (x.rank() < 3)
    return ctx.fail(ErrorCode::ShapeMismatch,
                    "pooling needs [N,C,spatial…], got " + dimsToString(x.dims()));
  if (!ctx.attrs().has("kernel_shape"))
    return ctx.fail(ErrorCode::InvalidModel, "kernel_shape is required");
  std::vector<int64_t> spatial(x.dims().begin() + 2, x.dims().end());
  auto window = readWindow(ctx, spatial, {});
  if (!window) return window.error();
  nn::PoolParams p;
  p.kernel = window->kernel;
  p.strides = window->strides;
  p.dilations = window->dilations;
  p.padsBegin = window->padsBegin;
  p.padsEnd = window->padsEnd;
  p.ceilMode = ctx.attrs().getInt("ceil_mode", 0) != 0;
  p.countIncludePad = ctx.attrs().getInt("count_include_pad", 0) != 0;
  return p;
}

Status maxPoolKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 1));
  auto p = poolParams(ctx, ctx.input(0));
  if (!p) return p.error();
  bool wantIndices = ctx.node.outputs.size() > 1 && ctx.node.outputs[1] != kNoValue;
  Tensor indices;
  auto y = nn::maxPool(ctx.input(0), *p, wantIndices ? &indices : nullptr,
                       ctx.attrs().getInt("storage_order", 0) == 1, ctx.pool);
  MB_TRY(push(ctx, std::move(y)));
  if (wantIndices) ctx.outputs.push_back(std::move(indices));
  return Status::ok();
}

Status averagePoolKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 1));
  auto p = poolParams(ctx, ctx.input(0));
  if (!p) return p.error();
  return push(ctx, nn::averagePool(ctx.input(0), *p, ctx.pool));
}

Status lpPoolKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 1));
  auto p = poolParams(ctx, ctx.input(0));
  if (!p) return p.error();
  return push(ctx, nn::lpPool(ctx.input(0), *p, static_cast<double>(ctx.attrs().getFloat("p", 2.0)),
                              ctx.pool));
}

Status globalMaxKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 1));
  return push(ctx, nn::globalPool(ctx.input(0), nn::GlobalPoolKind::Max, 0, ctx.pool));
}
Status globalAverageKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 1));
  return push(ctx, nn::globalPool(ctx.input(0), nn::GlobalPoolKind::Average, 0, ctx.pool));
}
Status globalLpKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 1));
  // GlobalLpPool-1 had a float "p"; later versions an int.
  double p = ctx.attrs().find("p") && ctx.attrs().find("p")->is<double>()
                 ? ctx.attrs().getFloat("p", 2.0)
                 : static_cast<double>(ctx.attrs().getInt("p", 2));
  return push(ctx, nn::globalPool(ctx.input(0), nn::GlobalPoolKind::Lp, p, ctx.pool));
}

Status maxUnpoolKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 2));
  const Tensor& x = ctx.input(0);
  auto p = poolParams(ctx, x);
  if (!p) return p.error();
  std::vector<int64_t> natural = {x.dims()[0], x.dims()[1]};
  for (size_t d = 0; d + 2 < x.dims().size(); ++d)
    natural.push_back((x.dims()[d + 2] - 1) * p->strides[d] + p->kernel[d] - p->padsBegin[d] -
                      p->padsEnd[d]);
  std::vector<int64_t> outDims = ctx.hasInput(2) ? ctx.input(2).toInt64Vector() : natural;
  return push(ctx, nn::maxUnpool(x, ctx.input(1), natural, outDims));
}

MB_ONNX_KERNEL("MaxPool", 1, maxPoolKernel);
MB_ONNX_KERNEL("AveragePool", 1, averagePoolKernel);
MB_ONNX_KERNEL("LpPool", 1, lpPoolKernel);
MB_ONNX_KERNEL("GlobalMaxPool", 1, globalMaxKernel);
MB_ONNX_KERNEL("GlobalAveragePool", 1, globalAverageKernel);
MB_ONNX_KERNEL("GlobalLpPool", 1, globalLpKernel);
MB_ONNX_KERNEL("MaxUnpool", 9, maxUnpoolKernel);

}  // namespace
}  // namespace mb::exec::onnx_nn
