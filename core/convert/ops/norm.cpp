// Normalisation: BatchNormalization, InstanceNormalization (as GroupNorm with one group per
// channel, which computes exactly the same), LayerNormalization, GroupNormalization, LRN. Classic
// names parameters gamma / beta / moving_mean / moving_variance; mint keeps torch's names.
#include "convert/ops/op_helpers.h"

namespace mb::convert::ops {
namespace {

ConvertStatus convertBatchNorm(ConvertContext& ctx) {
  const Tensor* scale = ctx.constantInput(1);
  const Tensor* bias = ctx.constantInput(2);
  const Tensor* mean = ctx.constantInput(3);
  const Tensor* var = ctx.constantInput(4);
  if (!scale || !bias || !mean || !var)
    return ctx.unconverted("BatchNormalization statistics computed at run time");
  for (size_t i = 1; i < ctx.node().outputs.size(); ++i)
    if (ctx.outputUsed(i))
      return ctx.unconverted("BatchNormalization running-statistics outputs are used");
  int64_t rank = ctx.inputRank(0);
  if (rank < 2 || rank > 5) return ctx.unconverted("BatchNormalization needs an input of rank 2–5");
  const bool training = ctx.attrs().getInt("training_mode", 0) != 0;
  const int dims = rank <= 3 ? 1 : static_cast<int>(rank - 2);
  const double eps = shortestFloat32(ctx.attrs().getFloat("epsilon", 1e-5));
  // ONNX momentum weights the running value (like MindSpore); torch's weights the new batch.
  const double onnxMomentum = shortestFloat32(ctx.attrs().getFloat("momentum", 0.9));
  const int64_t c = scale->numel();
  std::string d = std::to_string(dims);
  if (ctx.mint()) {
    NodeRef cell = emitUnary(ctx, "mindspore.mint.nn.BatchNorm" + d + "d", {ctx.input(0)});
    cell->attrs.set("num_features", c);
    if (!near(eps, 1e-5)) cell->attrs.set("eps", eps);
    cell->attrs.set("momentum", shortestFloat32(1.0 - onnxMomentum));
    if (training)
      ctx.warn(
          "training-mode BatchNorm: mint BatchNorm uses batch statistics only under "
          "set_train(True)");
    ctx.param(cell, "weight", *scale, ctx.initializerNames(1));
    ctx.param(cell, "bias", *bias, ctx.initializerNames(2));
    ctx.param(cell, "running_mean", *mean, ctx.initializerNames(3));
    ctx.param(cell, "running_var", *var, ctx.initializerNames(4));
    ctx.param(cell, "num_batches_tracked", Tensor::scalarInt64(0), {},
              "not in the ONNX model: starts at 0");
    return kConverted;
  }
  NodeRef cell = emitUnary(ctx, "mindspore.nn.BatchNorm" + d + "d", {ctx.input(0)});
  cell->attrs.set("num_features", c);
  cell->attrs.set("eps", eps);
  cell->attrs.set("momentum", onnxMomentum);
  if (training) cell->attrs.set("use_batch_statistics", true);
  // BatchNorm3d wraps a BatchNorm2d child called bn2d, so its parameters sit one level deeper.
  std::string prefix = dims == 3 ? "bn2d." : "";
  ctx.param(cell, prefix + "gamma", *scale, ctx.initializerNames(1), {}, "weight");
  ctx.param(cell, prefix + "beta", *bias, ctx.initializerNames(2), {}, "bias");
  ctx.param(cell, prefix + "moving_mean", *mean, ctx.initializerNames(3), {}, "running_mean");
  ctx.param(cell, prefix + "moving_variance", *var, ctx.initializerNames(4), {}, "running_var");
  return kConverted;
}

// GroupNorm Cell shared by InstanceNormalization (groups = channels) and GroupNormalization.
void emitGroupNorm(ConvertContext& ctx, int64_t groups, int64_t channels, double eps,
                   const Tensor& scale, const Tensor& bias,
                   const std::vector<std::string>& scaleNames,
                   const std::vector<std::string>& biasNames) {
  NodeRef cell = emitUnary(ctx, ctx.pick("mindspore.nn.GroupNorm", "mindspore.mint.nn.GroupNorm"),
                           {ctx.input(0)});
  cell->attrs.set("num_groups", groups);
  cell->attrs.set("num_channels", channels);
  cell->attrs.set("eps", eps);
  ctx.param(cell, ctx.mint() ? "weight" : "gamma", scale, scaleNames, {}, "weight");
  ctx.param(cell, ctx.mint() ? "bias" : "beta", bias, biasNames, {}, "bias");
}

ConvertStatus convertInstanceNorm(ConvertContext& ctx) {
  const Tensor* scale = ctx.constantInput(1);
  const Tensor* bias = ctx.constantInput(2);
  if (!scale || !bias)
    return ctx.unconverted("InstanceNormalization scale/bias computed at run time");
  if (ctx.inputRank(0) >= 0 && ctx.inputRank(0) < 3)
    return ctx.unconverted("InstanceNormalization needs rank ≥ 3");
  const int64_t c = scale->numel();
  emitGroupNorm(ctx, c, c, shortestFloat32(ctx.attrs().getFloat("epsilon", 1e-5)), *scale, *bias,
                ctx.initializerNames(1), ctx.initializerNames(2));
  return kConverted;
}

ConvertStatus convertGroupNorm(ConvertContext& ctx) {
  const Tensor* scale = ctx.constantInput(1);
  const Tensor* bias = ctx.constantInput(2);
  if (!scale || !bias) return ctx.unconverted("GroupNormalization scale/bias computed at run time");
  const int64_t groups = ctx.attrs().getInt("num_groups", 0);
  const Shape& in = ctx.inputShape(0);
  if (in.dims.size() < 2 || !in.dims[1].isKnown())
    return ctx.unconverted("GroupNormalization needs the channel count");
  const int64_t c = in.dims[1].value;
  // Opset 18 had one scale per group; MindSpore (like opset 21) has one per channel.
  if (scale->numel() != c)
    return ctx.unconverted("GroupNormalization with per-group scale (opset 18 form)");
  emitGroupNorm(ctx, groups, c, shortestFloat32(ctx.attrs().getFloat("epsilon", 1e-5)), *scale,
                *bias, ctx.initializerNames(1), ctx.initializerNames(2));
  return kConverted;
}

ConvertStatus convertLayerNorm(ConvertContext& ctx) {
  const Tensor* scale = ctx.constantInput(1);
  const Tensor* bias = ctx.hasInput(2) ? ctx.constantInput(2) : nullptr;
  if (!scale || (ctx.hasInput(2) && !bias))
    return ctx.unconverted("LayerNormalization scale/bias computed at run time");
  for (size_t i = 1; i < ctx.node().outputs.size(); ++i)
    if (ctx.outputUsed(i))
      return ctx.unconverted("LayerNormalization mean/inv-std outputs are used");
  int64_t axis = ctx.attrs().getInt("axis", -1);
  int64_t rank = ctx.inputRank(0);
  std::vector<int64_t> normalized = scale->dims();
  if (rank >= 0 && normAxis(axis, rank) + static_cast<int64_t>(normalized.size()) != rank)
    return ctx.unconverted("LayerNormalization scale shape does not cover the normalised dims");
  const double eps = shortestFloat32(ctx.attrs().getFloat("epsilon", 1e-5));
  if (ctx.mint()) {
    NodeRef cell = emitUnary(ctx, "mindspore.mint.nn.LayerNorm", {ctx.input(0)});
    cell->attrs.set("normalized_shape", normalized);
    cell->attrs.set("eps", eps);
    if (!bias) cell->attrs.set("bias", false);
    ctx.param(cell, "weight", *scale, ctx.initializerNames(1));
    if (bias) ctx.param(cell, "bias", *bias, ctx.initializerNames(2));
    return kConverted;
  }
  NodeRef cell = emitUnary(ctx, "mindspore.nn.LayerNorm", {ctx.input(0)});
  const int64_t begin = -static_cast<int64_t>(normalized.size());
  cell->attrs.set("normalized_shape", normalized);
  cell->attrs.set("begin_norm_axis", begin);
  cell->attrs.set("begin_params_axis", begin);
  cell->attrs.set("epsilon", eps);  // MindSpore's default is 1e-7, torch's 1e-5: always explicit
  ctx.param(cell, "gamma", *scale, ctx.initializerNames(1), {}, "weight");
  // nn.LayerNorm always has beta; without an ONNX bias it is zero.
  ctx.param(cell, "beta", bias ? *bias : Tensor::zeros(scale->dtype(), scale->dims()),
            bias ? ctx.initializerNames(2) : std::vector<std::string>{},
            bias ? "" : "not in the ONNX model: zeros", "bias");
  return kConverted;
}

ConvertStatus convertLrn(ConvertContext& ctx) {
  const int64_t size = ctx.attrs().getInt("size", 0);
  if (size <= 0 || size % 2 == 0)
    return ctx.unconverted("LRN with an even size has an asymmetric window");
  // ONNX divides alpha by size; MindSpore's (TensorFlow's) alpha multiplies the plain sum.
  NodeRef cell = emitUnary(ctx, "mindspore.nn.LRN", {ctx.input(0)});
  cell->attrs.set("depth_radius", (size - 1) / 2);
  cell->attrs.set("bias", ctx.attrs().getFloat("bias", 1.0));
  cell->attrs.set("alpha", ctx.attrs().getFloat("alpha", 1e-4) / static_cast<double>(size));
  cell->attrs.set("beta", ctx.attrs().getFloat("beta", 0.75));
  return kConverted;
}

MB_CONVERTER("BatchNormalization", 1, convertBatchNorm);
MB_CONVERTER("InstanceNormalization", 1, convertInstanceNorm);
MB_CONVERTER("GroupNormalization", 18, convertGroupNorm);
MB_CONVERTER("LayerNormalization", 17, convertLayerNorm);
MB_CONVERTER("LRN", 1, convertLrn);

}  // namespace
}  // namespace mb::convert::ops
