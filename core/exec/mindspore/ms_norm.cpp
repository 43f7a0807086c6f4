// Normalisation Cells and functions, in inference mode (the executor runs a converted model the
// way model.py does after net.set_train(False)).
// nn.BatchNorm{1,2,3}d: gamma / beta / moving_mean / moving_variance, eps (1e-5); momentum
// (MindSpore = 1 − torch) only drives training updates but must lie in [0, 1];
// use_batch_statistics=True normalises with the batch's own statistics. mint.nn.BatchNorm*d: torch
// names (weight, bias, running_mean, running_var), track_running_stats=False uses batch statistics.
// nn.LayerNorm(normalized_shape, begin_norm_axis, begin_params_axis, epsilon=1e-7): MindSpore's
// epsilon default is NOT torch's. mint.nn.LayerNorm(normalized_shape, eps=1e-5). GroupNorm and
// InstanceNorm likewise.
#include <algorithm>

#include "exec/mindspore/ms_common.h"
#include "exec/primitives/elementwise.h"
#include "exec/primitives/layout.h"
#include "exec/primitives/norm.h"
#include "exec/primitives/reduce.h"

namespace mb::exec::ms {
namespace {

Expected<const Tensor*> channelParam(const KernelContext& ctx, const std::string& name,
                                     int64_t channels) {
  const Tensor* t = param(ctx, name);
  if (!t)
    return ctx.fail(ErrorCode::InvalidModel,
                    ctx.node.opType + " needs its Parameter '" + name + "'");
  if (t->numel() != channels)
    return ctx.fail(ErrorCode::ShapeMismatch, "Parameter '" + name + "' has " +
                                                  std::to_string(t->numel()) + " values for " +
                                                  std::to_string(channels) + " channels");
  return t;
}

// Batch statistics over every axis except 1, then the usual affine normalisation.
Expected<Tensor> batchStatsNorm(const Tensor& x, const Tensor& scale, const Tensor& bias,
                                double eps) {
  Tensor mean, var;
  return nn::batchNormTraining(x, scale.reshaped({scale.numel()}), bias.reshaped({bias.numel()}),
                               eps, mean, var);
}

Status batchNormCore(KernelContext& ctx, const Tensor& x, const Tensor& scale, const Tensor& bias,
                     const Tensor* mean, const Tensor* var, double eps, bool batchStats) {
  if (batchStats) return setOutput(ctx, batchStatsNorm(x, scale, bias, eps));
  const int64_t c = scale.numel();
  return setOutput(ctx, nn::batchNorm(x, scale.reshaped({c}), bias.reshaped({c}),
                                      mean->reshaped({c}), var->reshaped({c}), eps, ctx.pool));
}

Status nnBatchNorm(KernelContext& ctx) {
  MB_TRY(checkArgNames(
      ctx,
      {"num_features", "eps", "momentum", "affine", "gamma_init", "beta_init", "moving_mean_init",
       "moving_var_init", "use_batch_statistics", "data_format", "dtype"},
      {}));
  MB_TRY(needInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  if (x.rank() < 2)
    return ctx.fail(ErrorCode::ShapeMismatch, "BatchNorm needs an input with a channel axis");
  MB_MS_TRY_ASSIGN(int64_t features, argInt(ctx, ArgSource::Ctor, "num_features", -1));
  MB_MS_TRY_ASSIGN(double eps, argFloat(ctx, ArgSource::Ctor, "eps", 1e-5));
  MB_MS_TRY_ASSIGN(double momentum, argFloat(ctx, ArgSource::Ctor, "momentum", 0.9));
  MB_MS_TRY_ASSIGN(std::string format, argString(ctx, ArgSource::Ctor, "data_format", "NCHW"));
  if (format != "NCHW")
    return ctx.fail(ErrorCode::UnsupportedOp, "data_format '" + format + "' is not supported");
  if (momentum < 0 || momentum > 1)
    return ctx.fail(ErrorCode::InvalidModel, "momentum must lie in [0, 1]");
  if (eps <= 0) return ctx.fail(ErrorCode::InvalidModel, "eps must be positive");
  if (features != x.dims()[1])
    return ctx.fail(ErrorCode::ShapeMismatch, "num_features is " + std::to_string(features) +
                                                  " but the input has " +
                                                  std::to_string(x.dims()[1]) + " channels");
  const Attribute* ubs = argFind(ctx, ArgSource::Ctor, "use_batch_statistics");
  if (ubs && !ubs->is<bool>())
    return ctx.fail(ErrorCode::InvalidModel, "use_batch_statistics must be None or a bool");
  const bool batchStats = ubs && ubs->as<bool>();
  MB_MS_TRY_ASSIGN(const Tensor* gamma, channelParam(ctx, "gamma", features));
  MB_MS_TRY_ASSIGN(const Tensor* beta, channelParam(ctx, "beta", features));
  MB_MS_TRY_ASSIGN(const Tensor* mean, channelParam(ctx, "moving_mean", features));
  MB_MS_TRY_ASSIGN(const Tensor* var, channelParam(ctx, "moving_variance", features));
  return batchNormCore(ctx, x, *gamma, *beta, mean, var, eps, batchStats);
}

Status mintBatchNorm(KernelContext& ctx) {
  MB_TRY(checkArgNames(
      ctx, {"num_features", "eps", "momentum", "affine", "track_running_stats", "dtype"}, {}));
  MB_TRY(needInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  if (x.rank() < 2)
    return ctx.fail(ErrorCode::ShapeMismatch, "BatchNorm needs an input with a channel axis");
  MB_MS_TRY_ASSIGN(int64_t features, argInt(ctx, ArgSource::Ctor, "num_features", -1));
  MB_MS_TRY_ASSIGN(double eps, argFloat(ctx, ArgSource::Ctor, "eps", 1e-5));
  MB_MS_TRY_ASSIGN(double momentum, argFloat(ctx, ArgSource::Ctor, "momentum", 0.1));
  MB_MS_TRY_ASSIGN(bool affine, argBool(ctx, ArgSource::Ctor, "affine", true));
  MB_MS_TRY_ASSIGN(bool track, argBool(ctx, ArgSource::Ctor, "track_running_stats", true));
  if (momentum < 0 || momentum > 1)
    return ctx.fail(ErrorCode::InvalidModel, "momentum must lie in [0, 1]");
  if (features != x.dims()[1])
    return ctx.fail(ErrorCode::ShapeMismatch, "num_features is " + std::to_string(features) +
                                                  " but the input has " +
                                                  std::to_string(x.dims()[1]) + " channels");
  Tensor ones = prim::filled(x.dtype(), {features}, 1.0),
         zeros = prim::filled(x.dtype(), {features}, 0.0);
  const Tensor* weight = &ones;
  const Tensor* bias = &zeros;
  if (affine) {
    MB_MS_TRY_ASSIGN(weight, channelParam(ctx, "weight", features));
    MB_MS_TRY_ASSIGN(bias, channelParam(ctx, "bias", features));
  }
  if (!track) return batchNormCore(ctx, x, *weight, *bias, nullptr, nullptr, eps, true);
  MB_MS_TRY_ASSIGN(const Tensor* mean, channelParam(ctx, "running_mean", features));
  MB_MS_TRY_ASSIGN(const Tensor* var, channelParam(ctx, "running_var", features));
  return batchNormCore(ctx, x, *weight, *bias, mean, var, eps, false);
}

// ops.batch_norm(input_x, running_mean, running_var, weight, bias, training=False, momentum=0.1,
// eps=1e-5)
Status opsBatchNorm(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"training", "momentum", "eps"}));
  MB_TRY(needInputs(ctx, 5));
  MB_MS_TRY_ASSIGN(bool training, argBool(ctx, ArgSource::Call, "training", false));
  MB_MS_TRY_ASSIGN(double eps, argFloat(ctx, ArgSource::Call, "eps", 1e-5));
  return batchNormCore(ctx, ctx.input(0), ctx.input(3), ctx.input(4), &ctx.input(1), &ctx.input(2),
                       eps, training);
}

// Normalise over [axis, rank) without affine, then gamma / beta broadcast over the trailing dims.
Expected<Tensor> layerNormAffine(const KernelContext& ctx, const Tensor& x, int64_t axis,
                                 const Tensor* gamma, const Tensor* beta, double eps) {
  std::vector<int64_t> normDims(x.dims().begin() + axis, x.dims().end());
  Tensor ones = prim::filled(x.dtype(), normDims, 1.0);
  auto y = nn::layerNorm(x, ones, nullptr, axis, eps, nullptr, nullptr, ctx.pool);
  if (!y) return y.error();
  Tensor out = *y;
  if (gamma) {
    auto r = prim::binary(prim::BinaryOp::Mul, out, *gamma);
    if (!r) return r.error();
    out = *r;
  }
  if (beta) {
    auto r = prim::binary(prim::BinaryOp::Add, out, *beta);
    if (!r) return r.error();
    out = *r;
  }
  return out;
}

// True when `shape` equals the last shape.size() dims of x.
bool trailingDimsAre(const Tensor& x, const std::vector<int64_t>& shape) {
  return shape.size() <= x.dims().size() &&
         std::equal(shape.rbegin(), shape.rend(), x.dims().rbegin());
}

Status nnLayerNorm(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx,
                       {"normalized_shape", "begin_norm_axis", "begin_params_axis", "gamma_init",
                        "beta_init", "epsilon", "dtype"},
                       {}));
  MB_TRY(needInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  MB_MS_TRY_ASSIGN(std::vector<int64_t> normalized,
                   argInts(ctx, ArgSource::Ctor, "normalized_shape", {}, {1, 2, 3, 4, 5, 6}, 1));
  MB_MS_TRY_ASSIGN(int64_t normAxis, argInt(ctx, ArgSource::Ctor, "begin_norm_axis", -1));
  MB_MS_TRY_ASSIGN(int64_t paramsAxis, argInt(ctx, ArgSource::Ctor, "begin_params_axis", -1));
  MB_MS_TRY_ASSIGN(double eps, argFloat(ctx, ArgSource::Ctor, "epsilon", 1e-7));
  MB_MS_TRY_ASSIGN(normAxis, normalizeAxis(ctx, normAxis, x.rank()));
  MB_MS_TRY_ASSIGN(paramsAxis, normalizeAxis(ctx, paramsAxis, x.rank()));
  const std::vector<int64_t> paramDims(x.dims().begin() + paramsAxis, x.dims().end());
  if (!normalized.empty() && normalized != paramDims)
    return ctx.fail(ErrorCode::ShapeMismatch,
                    "normalized_shape " + dimsToString(normalized) +
                        " is not the input's dims from begin_params_axis " +
                        dimsToString(paramDims));
  MB_MS_TRY_ASSIGN(const Tensor* gamma, requireParam(ctx, "gamma"));
  MB_MS_TRY_ASSIGN(const Tensor* beta, requireParam(ctx, "beta"));
  if (gamma->dims() != paramDims || beta->dims() != paramDims)
    return ctx.fail(ErrorCode::ShapeMismatch,
                    "gamma/beta are " + dimsToString(gamma->dims()) +
                        " but the input's dims from begin_params_axis are " +
                        dimsToString(paramDims));
  return setOutput(ctx, layerNormAffine(ctx, x, normAxis, gamma, beta, eps));
}

Status mintLayerNorm(KernelContext& ctx) {
  MB_TRY(
      checkArgNames(ctx, {"normalized_shape", "eps", "elementwise_affine", "bias", "dtype"}, {}));
  MB_TRY(needInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  MB_MS_TRY_ASSIGN(std::vector<int64_t> normalized,
                   argInts(ctx, ArgSource::Ctor, "normalized_shape", {}, {1, 2, 3, 4, 5, 6}, 1));
  MB_MS_TRY_ASSIGN(double eps, argFloat(ctx, ArgSource::Ctor, "eps", 1e-5));
  MB_MS_TRY_ASSIGN(bool affine, argBool(ctx, ArgSource::Ctor, "elementwise_affine", true));
  MB_MS_TRY_ASSIGN(bool hasBias, argBool(ctx, ArgSource::Ctor, "bias", true));
  if (normalized.empty() || !trailingDimsAre(x, normalized))
    return ctx.fail(ErrorCode::ShapeMismatch, "normalized_shape " + dimsToString(normalized) +
                                                  " is not the trailing dims of " +
                                                  dimsToString(x.dims()));
  const Tensor* w = affine ? param(ctx, "weight") : nullptr;
  const Tensor* b = affine && hasBias ? param(ctx, "bias") : nullptr;
  if (affine && (!w || (hasBias && !b)))
    return ctx.fail(ErrorCode::InvalidModel, "LayerNorm needs its weight/bias Parameters");
  return setOutput(
      ctx, layerNormAffine(ctx, x, x.rank() - static_cast<int64_t>(normalized.size()), w, b, eps));
}

// ops.layer_norm / mint.nn.functional.layer_norm(input, normalized_shape, weight=None, bias=None,
// eps=1e-5)
Status layerNormFn(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"normalized_shape", "eps"}));
  MB_TRY(needInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  MB_MS_TRY_ASSIGN(std::vector<int64_t> normalized,
                   argInts(ctx, ArgSource::Call, "normalized_shape", {}, {1, 2, 3, 4, 5, 6}, 1));
  MB_MS_TRY_ASSIGN(double eps, argFloat(ctx, ArgSource::Call, "eps", 1e-5));
  if (normalized.empty() || !trailingDimsAre(x, normalized))
    return ctx.fail(ErrorCode::ShapeMismatch,
                    "normalized_shape does not match the input's trailing dims");
  return setOutput(ctx, layerNormAffine(ctx, x, x.rank() - static_cast<int64_t>(normalized.size()),
                                        ctx.hasInput(1) ? &ctx.input(1) : nullptr,
                                        ctx.hasInput(2) ? &ctx.input(2) : nullptr, eps));
}

Status groupNormCore(KernelContext& ctx, int64_t groups, int64_t channels, const Tensor* scale,
                     const Tensor* bias, double eps) {
  const Tensor& x = ctx.input(0);
  if (x.rank() < 2 || x.dims()[1] != channels)
    return ctx.fail(ErrorCode::ShapeMismatch, "num_channels is " + std::to_string(channels) +
                                                  " but the input is " + dimsToString(x.dims()));
  if (groups <= 0 || channels % groups)
    return ctx.fail(ErrorCode::InvalidModel, "num_channels must be a multiple of num_groups");
  Tensor ones = prim::filled(x.dtype(), {channels}, 1.0),
         zeros = prim::filled(x.dtype(), {channels}, 0.0);
  return setOutput(ctx,
                   nn::groupNorm(x, scale ? scale->reshaped({channels}) : ones,
                                 bias ? bias->reshaped({channels}) : zeros, groups, eps, ctx.pool));
}
Status nnGroupNorm(KernelContext& ctx) {
  MB_TRY(checkArgNames(
      ctx, {"num_groups", "num_channels", "eps", "affine", "gamma_init", "beta_init", "dtype"},
      {}));
  MB_TRY(needInputs(ctx, 1));
  MB_MS_TRY_ASSIGN(int64_t groups, argInt(ctx, ArgSource::Ctor, "num_groups", -1));
  MB_MS_TRY_ASSIGN(int64_t channels, argInt(ctx, ArgSource::Ctor, "num_channels", -1));
  MB_MS_TRY_ASSIGN(double eps, argFloat(ctx, ArgSource::Ctor, "eps", 1e-5));
  MB_MS_TRY_ASSIGN(const Tensor* gamma, channelParam(ctx, "gamma", channels));
  MB_MS_TRY_ASSIGN(const Tensor* beta, channelParam(ctx, "beta", channels));
  return groupNormCore(ctx, groups, channels, gamma, beta, eps);
}
Status mintGroupNorm(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {"num_groups", "num_channels", "eps", "affine", "dtype"}, {}));
  MB_TRY(needInputs(ctx, 1));
  MB_MS_TRY_ASSIGN(int64_t groups, argInt(ctx, ArgSource::Ctor, "num_groups", -1));
  MB_MS_TRY_ASSIGN(int64_t channels, argInt(ctx, ArgSource::Ctor, "num_channels", -1));
  MB_MS_TRY_ASSIGN(double eps, argFloat(ctx, ArgSource::Ctor, "eps", 1e-5));
  MB_MS_TRY_ASSIGN(bool affine, argBool(ctx, ArgSource::Ctor, "affine", true));
  const Tensor* w = nullptr;
  const Tensor* b = nullptr;
  if (affine) {
    MB_MS_TRY_ASSIGN(w, channelParam(ctx, "weight", channels));
    MB_MS_TRY_ASSIGN(b, channelParam(ctx, "bias", channels));
  }
  return groupNormCore(ctx, groups, channels, w, b, eps);
}
// ops.group_norm / mint.nn.functional.group_norm(input, num_groups, weight=None, bias=None,
// eps=1e-5)
Status groupNormFn(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"num_groups", "eps"}));
  MB_TRY(needInputs(ctx, 1));
  MB_MS_TRY_ASSIGN(int64_t groups, argInt(ctx, ArgSource::Call, "num_groups", -1));
  MB_MS_TRY_ASSIGN(double eps, argFloat(ctx, ArgSource::Call, "eps", 1e-5));
  const int64_t channels = ctx.input(0).rank() >= 2 ? ctx.input(0).dims()[1] : -1;
  return groupNormCore(ctx, groups, channels, ctx.hasInput(1) ? &ctx.input(1) : nullptr,
                       ctx.hasInput(2) ? &ctx.input(2) : nullptr, eps);
}

// nn.InstanceNorm{1,2,3}d(num_features, eps=1e-5, momentum=0.1, affine=True): always the instance's
// own statistics; gamma / beta per channel.
Status nnInstanceNorm(KernelContext& ctx) {
  MB_TRY(checkArgNames(
      ctx, {"num_features", "eps", "momentum", "affine", "gamma_init", "beta_init", "dtype"}, {}));
  MB_TRY(needInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  MB_MS_TRY_ASSIGN(int64_t features, argInt(ctx, ArgSource::Ctor, "num_features", -1));
  MB_MS_TRY_ASSIGN(double eps, argFloat(ctx, ArgSource::Ctor, "eps", 1e-5));
  MB_MS_TRY_ASSIGN(bool affine, argBool(ctx, ArgSource::Ctor, "affine", true));
  if (x.rank() < 3 || x.dims()[1] != features)
    return ctx.fail(ErrorCode::ShapeMismatch, "num_features does not match the input's channels");
  Tensor ones = prim::filled(x.dtype(), {features}, 1.0),
         zeros = prim::filled(x.dtype(), {features}, 0.0);
  const Tensor* g = &ones;
  const Tensor* b = &zeros;
  if (affine) {
    MB_MS_TRY_ASSIGN(g, channelParam(ctx, "gamma", features));
    MB_MS_TRY_ASSIGN(b, channelParam(ctx, "beta", features));
  }
  return setOutput(
      ctx, nn::instanceNorm(x, g->reshaped({features}), b->reshaped({features}), eps, ctx.pool));
}

}  // namespace

MB_MINDSPORE_KERNEL("mindspore.nn.BatchNorm1d", nnBatchNorm);
MB_MINDSPORE_KERNEL("mindspore.nn.BatchNorm2d", nnBatchNorm);
MB_MINDSPORE_KERNEL("mindspore.nn.BatchNorm3d", nnBatchNorm);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.BatchNorm1d", mintBatchNorm);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.BatchNorm2d", mintBatchNorm);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.BatchNorm3d", mintBatchNorm);
MB_MINDSPORE_KERNEL("mindspore.ops.batch_norm", opsBatchNorm);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.functional.batch_norm", opsBatchNorm);
MB_MINDSPORE_KERNEL("mindspore.nn.LayerNorm", nnLayerNorm);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.LayerNorm", mintLayerNorm);
MB_MINDSPORE_KERNEL("mindspore.ops.layer_norm", layerNormFn);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.functional.layer_norm", layerNormFn);
MB_MINDSPORE_KERNEL("mindspore.nn.GroupNorm", nnGroupNorm);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.GroupNorm", mintGroupNorm);
MB_MINDSPORE_KERNEL("mindspore.ops.group_norm", groupNormFn);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.functional.group_norm", groupNormFn);
MB_MINDSPORE_KERNEL("mindspore.nn.InstanceNorm1d", nnInstanceNorm);
MB_MINDSPORE_KERNEL("mindspore.nn.InstanceNorm2d", nnInstanceNorm);
MB_MINDSPORE_KERNEL("mindspore.nn.InstanceNorm3d", nnInstanceNorm);

}  // namespace mb::exec::ms
