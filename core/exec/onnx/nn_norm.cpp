// ONNX BatchNormalization, InstanceNormalization, LayerNormalization, GroupNormalization, LRN and
// Softmax / LogSoftmax / Hardmax → nn primitives.
#include "exec/onnx/nn_onnx_util.h"
#include "exec/primitives/nn_util.h"
#include "exec/primitives/norm.h"

namespace mb::exec::onnx_nn {
namespace {

bool wants(const KernelContext& ctx, size_t output) {
  return ctx.node.outputs.size() > output && ctx.node.outputs[output] != kNoValue;
}

// running = running * momentum + batch * (1 - momentum), in the running statistic's dtype.
Tensor blend(const Tensor& running, const Tensor& batch, double momentum) {
  Tensor out = Tensor::zeros(DType::Float32, running.dims());
  for (int64_t i = 0; i < running.numel(); ++i)
    out.mutableData<float>()[i] = static_cast<float>(running.elementAsDouble(i) * momentum +
                                                     batch.elementAsDouble(i) * (1.0 - momentum));
  return nn::fromFloat32(out, running.dtype());
}

Status batchNormKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 5));
  MB_TRY(requireFloat(ctx, 0));
  double eps = ctx.attrs().getFloat("epsilon", 1e-5);
  double momentum = ctx.attrs().getFloat("momentum", 0.9);
  bool training = ctx.opset >= 14
                      ? ctx.attrs().getInt("training_mode", 0) != 0
                      : (ctx.opset < 7 ? ctx.attrs().getInt("is_test", 0) == 0 && wants(ctx, 1)
                                       : wants(ctx, 1));
  if (!training)
    return push(ctx, nn::batchNorm(ctx.input(0), ctx.input(1), ctx.input(2), ctx.input(3),
                                   ctx.input(4), eps, ctx.pool));
  Tensor mean, var;
  auto y = nn::batchNormTraining(ctx.input(0), ctx.input(1), ctx.input(2), eps, mean, var);
  MB_TRY(push(ctx, std::move(y)));
  Tensor runningMean = blend(ctx.input(3), mean, momentum);
  Tensor runningVar = blend(ctx.input(4), var, momentum);
  ctx.outputs.push_back(runningMean);
  ctx.outputs.push_back(runningVar);
  if (ctx.opset < 14) {
    // Opsets 9–13 also return the batch statistics (saved_mean, saved_var).
    ctx.outputs.push_back(nn::fromFloat32(mean, ctx.input(0).dtype()));
    ctx.outputs.push_back(nn::fromFloat32(var, ctx.input(0).dtype()));
  }
  return Status::ok();
}

Status instanceNormKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 3));
  MB_TRY(requireFloat(ctx, 0));
  return push(ctx, nn::instanceNorm(ctx.input(0), ctx.input(1), ctx.input(2),
                                    ctx.attrs().getFloat("epsilon", 1e-5), ctx.pool));
}

Status layerNormKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 2));
  MB_TRY(requireFloat(ctx, 0));
  int64_t rank = ctx.input(0).rank();
  int64_t axis = ctx.attrs().getInt("axis", -1);
  if (axis < -rank || axis >= rank)
    return ctx.fail(ErrorCode::InvalidModel,
                    "axis " + std::to_string(axis) + " is outside rank " + std::to_string(rank));
  if (axis < 0) axis += rank;
  Tensor mean, inv;
  auto y = nn::layerNorm(ctx.input(0), ctx.input(1), ctx.hasInput(2) ? &ctx.input(2) : nullptr,
                         axis, ctx.attrs().getFloat("epsilon", 1e-5), &mean, &inv, ctx.pool);
  MB_TRY(push(ctx, std::move(y)));
  // Mean and InvStdDev are float32 under the default stash_type = 1.
  ctx.outputs.push_back(mean);
  ctx.outputs.push_back(inv);
  return Status::ok();
}

Status groupNormKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 3));
  MB_TRY(requireFloat(ctx, 0));
  if (!ctx.attrs().has("num_groups"))
    return ctx.fail(ErrorCode::InvalidModel, "num_groups is required");
  return push(ctx, nn::groupNorm(ctx.input(0), ctx.input(1), ctx.input(2),
                                 ctx.attrs().getInt("num_groups", 1),
                                 ctx.attrs().getFloat("epsilon", 1e-5), ctx.pool));
}

Status lrnKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 1));
  MB_TRY(requireFloat(ctx, 0));
  if (!ctx.attrs().has("size")) return ctx.fail(ErrorCode::InvalidModel, "size is required");
  return push(
      ctx, nn::lrn(ctx.input(0), ctx.attrs().getInt("size", 1), ctx.attrs().getFloat("alpha", 1e-4),
                   ctx.attrs().getFloat("beta", 0.75), ctx.attrs().getFloat("bias", 1.0)));
}

// Opset < 13: the input is coerced to 2-D at `axis` (default 1) and normalised over the second
// dim; opset ≥ 13: normalised along `axis` (default -1) alone.
Status softmaxFamily(KernelContext& ctx, nn::SoftmaxKind kind) {
  MB_TRY(requireInputs(ctx, 1));
  MB_TRY(requireFloat(ctx, 0));
  const Tensor& x = ctx.input(0);
  int64_t rank = x.rank();
  bool perAxis = ctx.opset >= 13;
  int64_t axis = ctx.attrs().getInt("axis", perAxis ? -1 : 1);
  if (rank == 0) {
    auto y = nn::softmax(x.reshaped({1}), 0, kind, ctx.pool);
    if (!y) return ctx.fail(y.error().code, y.error().message);
    ctx.outputs.push_back(y->reshaped({}));
    return Status::ok();
  }
  if (axis < -rank || axis >= rank)
    return ctx.fail(ErrorCode::InvalidModel,
                    "axis " + std::to_string(axis) + " is outside rank " + std::to_string(rank));
  if (axis < 0) axis += rank;
  if (perAxis) return push(ctx, nn::softmax(x, axis, kind, ctx.pool));
  int64_t outer = nn::product(x.dims(), 0, static_cast<size_t>(axis));
  int64_t inner = nn::product(x.dims(), static_cast<size_t>(axis), x.dims().size());
  auto y = nn::softmax(x.reshaped({outer, inner}), 1, kind, ctx.pool);
  if (!y) return ctx.fail(y.error().code, y.error().message);
  ctx.outputs.push_back(y->reshaped(x.dims()));
  return Status::ok();
}

Status softmaxKernel(KernelContext& ctx) {
  return softmaxFamily(ctx, nn::SoftmaxKind::Softmax);
}
Status logSoftmaxKernel(KernelContext& ctx) {
  return softmaxFamily(ctx, nn::SoftmaxKind::LogSoftmax);
}
Status hardmaxKernel(KernelContext& ctx) {
  return softmaxFamily(ctx, nn::SoftmaxKind::Hardmax);
}

MB_ONNX_KERNEL("BatchNormalization", 1, batchNormKernel);
MB_ONNX_KERNEL("InstanceNormalization", 1, instanceNormKernel);
MB_ONNX_KERNEL("LayerNormalization", 17, layerNormKernel);
MB_ONNX_KERNEL("GroupNormalization", 18, groupNormKernel);
MB_ONNX_KERNEL("LRN", 1, lrnKernel);
MB_ONNX_KERNEL("Softmax", 1, softmaxKernel);
MB_ONNX_KERNEL("LogSoftmax", 1, logSoftmaxKernel);
MB_ONNX_KERNEL("Hardmax", 1, hardmaxKernel);

}  // namespace
}  // namespace mb::exec::onnx_nn
