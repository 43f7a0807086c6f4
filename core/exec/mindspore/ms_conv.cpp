// Convolution Cells and functions as MindSpore documents them.
// Classic nn.Conv1d/2d/3d: pad_mode 'same' (default; odd extra pad at the end), 'valid' or 'pad'
// with padding = int or (begin, end) per dim — Conv2d (top, bottom, left, right); group;
// has_bias (default False); weight [out, in/group, *kernel] (Conv1d: [out, in/group, 1, k]).
// nn.Conv2dTranspose: weight [in, out/group, kh, kw]; 'same' gives out = in·stride.
// mint.nn.Conv*d: torch arguments (padding int / tuple / 'same' / 'valid', groups, bias=True,
// padding_mode). ops.conv2d / mint.nn.functional.conv2d take weight and bias as inputs.
#include <algorithm>

#include "exec/mindspore/ms_common.h"
#include "exec/primitives/conv.h"
#include "exec/primitives/layout.h"

namespace mb::exec::ms {
namespace {

// Checks weight against the declared channels / kernel and returns it as [out, in/g, *k] with
// `spatial` kernel dims (Conv1d's [out, in/g, 1, k] is viewed as [out, in/g, k]).
Expected<Tensor> checkedWeight(const KernelContext& ctx, const Tensor& w, size_t spatial,
                               int64_t dim0, int64_t dim1, const std::vector<int64_t>& kernel) {
  Tensor view = w;
  if (spatial == 1 && w.rank() == 4 && w.dims()[2] == 1)
    view = w.reshaped({w.dims()[0], w.dims()[1], w.dims()[3]});
  if (view.rank() != static_cast<int64_t>(spatial) + 2)
    return ctx.fail(ErrorCode::ShapeMismatch, "weight " + dimsToString(w.dims()) +
                                                  " does not have " + std::to_string(spatial + 2) +
                                                  " dims");
  std::vector<int64_t> want{dim0, dim1};
  want.insert(want.end(), kernel.begin(), kernel.end());
  if (view.dims() != want)
    return ctx.fail(ErrorCode::ShapeMismatch, "weight is " + dimsToString(w.dims()) +
                                                  " but the constructor arguments say " +
                                                  dimsToString(want));
  return view;
}

Expected<const Tensor*> optionalBias(const KernelContext& ctx, bool hasBias, const char* name,
                                     int64_t out) {
  const Tensor* b = param(ctx, name);
  if (!hasBias) {
    if (b)
      return ctx.fail(
          ErrorCode::InvalidModel,
          "the node binds a bias but has_bias/bias is False: the bias would be ignored");
    return static_cast<const Tensor*>(nullptr);
  }
  if (!b)
    return ctx.fail(ErrorCode::InvalidModel, "has_bias/bias is True but the node binds no '" +
                                                 std::string(name) + "' Parameter");
  if (b->numel() != out)
    return ctx.fail(ErrorCode::ShapeMismatch, "bias has " + std::to_string(b->numel()) +
                                                  " values for " + std::to_string(out) +
                                                  " channels");
  return b;
}

// ---- classic nn.Conv{1,2,3}d ------------------------------------------------------------------
template <size_t S>
Status nnConv(KernelContext& ctx) {
  MB_TRY(checkArgNames(
      ctx,
      {"in_channels", "out_channels", "kernel_size", "stride", "pad_mode", "padding", "dilation",
       "group", "has_bias", "weight_init", "bias_init", "data_format", "dtype"},
      {}));
  MB_TRY(needInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  MB_TRY(needSpatialRank(ctx, x, S));
  MB_MS_TRY_ASSIGN(int64_t inC, argInt(ctx, ArgSource::Ctor, "in_channels", -1));
  MB_MS_TRY_ASSIGN(int64_t outC, argInt(ctx, ArgSource::Ctor, "out_channels", -1));
  MB_MS_TRY_ASSIGN(int64_t group, argInt(ctx, ArgSource::Ctor, "group", 1));
  MB_MS_TRY_ASSIGN(bool hasBias, argBool(ctx, ArgSource::Ctor, "has_bias", false));
  MB_MS_TRY_ASSIGN(std::string padMode, argString(ctx, ArgSource::Ctor, "pad_mode", "same"));
  MB_MS_TRY_ASSIGN(std::string format, argString(ctx, ArgSource::Ctor, "data_format", "NCHW"));
  if (format != "NCHW" && format != "NCDHW")
    return ctx.fail(ErrorCode::UnsupportedOp,
                    "data_format '" + format + "' is not supported (NCHW only)");
  Window w;
  MB_TRY(readWindow(ctx, S, {}, w));
  MB_MS_TRY_ASSIGN(std::vector<int64_t> padding,
                   argInts(ctx, ArgSource::Ctor, "padding", {0}, {1, 2 * S}, 1));
  MB_TRY(checkConvChannels(ctx, x, inC, outC, group, "group"));
  const auto in = spatialDims(x, S);
  const bool padIsZero =
      std::all_of(padding.begin(), padding.end(), [](int64_t p) { return p == 0; });
  if (padMode == "same") {
    if (!padIsZero)
      return ctx.fail(ErrorCode::InvalidModel,
                      "padding must be 0 when pad_mode is 'same' (MindSpore raises)");
    padSame(in, w);
  } else if (padMode == "valid") {
    if (!padIsZero)
      return ctx.fail(ErrorCode::InvalidModel,
                      "padding must be 0 when pad_mode is 'valid' (MindSpore raises)");
    w.padBegin.assign(S, 0);
    w.padEnd.assign(S, 0);
  } else if (padMode == "pad") {
    Status s = padFromConvPadding(padding, S, w);
    if (!s) return ctx.fail(ErrorCode::InvalidModel, s.error().message);
  } else {
    return ctx.fail(ErrorCode::InvalidModel,
                    "pad_mode must be 'same', 'valid' or 'pad', got '" + padMode + "'");
  }
  MB_MS_TRY_ASSIGN(const Tensor* wt, requireParam(ctx, "weight"));
  MB_MS_TRY_ASSIGN(Tensor weight, checkedWeight(ctx, *wt, S, outC, inC / group, w.kernel));
  MB_MS_TRY_ASSIGN(const Tensor* bias, optionalBias(ctx, hasBias, "bias", outC));
  nn::ConvParams p{w.stride, w.dilation, w.padBegin, w.padEnd, group};
  return setOutput(ctx, nn::conv(x, weight, bias, p, ctx.pool));
}

// ---- classic nn.Conv2dTranspose / Conv1dTranspose ----------------------------------------------
template <size_t S>
Status nnConvTranspose(KernelContext& ctx) {
  MB_TRY(checkArgNames(
      ctx,
      {"in_channels", "out_channels", "kernel_size", "stride", "pad_mode", "padding",
       "output_padding", "dilation", "group", "has_bias", "weight_init", "bias_init", "dtype"},
      {}));
  MB_TRY(needInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  MB_TRY(needSpatialRank(ctx, x, S));
  MB_MS_TRY_ASSIGN(int64_t inC, argInt(ctx, ArgSource::Ctor, "in_channels", -1));
  MB_MS_TRY_ASSIGN(int64_t outC, argInt(ctx, ArgSource::Ctor, "out_channels", -1));
  MB_MS_TRY_ASSIGN(int64_t group, argInt(ctx, ArgSource::Ctor, "group", 1));
  MB_MS_TRY_ASSIGN(bool hasBias, argBool(ctx, ArgSource::Ctor, "has_bias", false));
  MB_MS_TRY_ASSIGN(std::string padMode, argString(ctx, ArgSource::Ctor, "pad_mode", "same"));
  Window w;
  MB_TRY(readWindow(ctx, S, {}, w));
  MB_MS_TRY_ASSIGN(std::vector<int64_t> padding,
                   argInts(ctx, ArgSource::Ctor, "padding", {0}, {1, 2 * S}, 1));
  MB_MS_TRY_ASSIGN(std::vector<int64_t> outPad, argInts(ctx, ArgSource::Ctor, "output_padding",
                                                        std::vector<int64_t>(S, 0), {S}, S));
  MB_TRY(checkConvChannels(ctx, x, inC, outC, group, "group"));
  const bool padIsZero =
      std::all_of(padding.begin(), padding.end(), [](int64_t p) { return p == 0; });
  const auto in = spatialDims(x, S);
  w.padBegin.assign(S, 0);
  w.padEnd.assign(S, 0);
  if (padMode == "same") {
    if (!padIsZero)
      return ctx.fail(ErrorCode::InvalidModel, "padding must be 0 when pad_mode is 'same'");
    // Output in·stride: crop the full transposed output the way the forward 'same' conv pads it.
    for (size_t i = 0; i < S; ++i) {
      const int64_t total = w.dilation[i] * (w.kernel[i] - 1) + 1 - w.stride[i] + outPad[i];
      if (total < 0)
        return ctx.fail(ErrorCode::UnsupportedOp,
                        "pad_mode 'same' with stride larger than the kernel is not supported");
      w.padBegin[i] = total / 2;
      w.padEnd[i] = total - total / 2;
    }
  } else if (padMode == "valid") {
    if (!padIsZero)
      return ctx.fail(ErrorCode::InvalidModel, "padding must be 0 when pad_mode is 'valid'");
  } else if (padMode == "pad") {
    Status s = padFromConvPadding(padding, S, w);
    if (!s) return ctx.fail(ErrorCode::InvalidModel, s.error().message);
  } else {
    return ctx.fail(ErrorCode::InvalidModel,
                    "pad_mode must be 'same', 'valid' or 'pad', got '" + padMode + "'");
  }
  (void)in;
  MB_MS_TRY_ASSIGN(const Tensor* wt, requireParam(ctx, "weight"));
  MB_MS_TRY_ASSIGN(Tensor weight, checkedWeight(ctx, *wt, S, inC, outC / group, w.kernel));
  MB_MS_TRY_ASSIGN(const Tensor* bias, optionalBias(ctx, hasBias, "bias", outC));
  nn::ConvTransposeParams p{w.stride, w.dilation, w.padBegin, w.padEnd, outPad, group};
  return setOutput(ctx, nn::convTranspose(x, weight, bias, p, ctx.pool));
}

// ---- torch-style padding (mint) ----------------------------------------------------------------
// padding: int, tuple per dim (both sides), or 'same' (stride 1; the smaller half first) / 'valid'.
Status torchPadding(const KernelContext& ctx, ArgSource src, const char* name, size_t spatial,
                    Window& w) {
  w.padBegin.assign(spatial, 0);
  w.padEnd.assign(spatial, 0);
  const Attribute* a = argFind(ctx, src, name);
  if (!a) return Status::ok();
  if (a->is<std::string>()) {
    const std::string& mode = a->as<std::string>();
    if (mode == "valid") return Status::ok();
    if (mode != "same")
      return ctx.fail(ErrorCode::InvalidModel,
                      "padding must be 'same' or 'valid', got '" + mode + "'");
    for (size_t i = 0; i < spatial; ++i) {
      if (w.stride[i] != 1)
        return ctx.fail(ErrorCode::InvalidModel, "padding='same' needs stride 1 (torch rule)");
      const int64_t total = w.dilation[i] * (w.kernel[i] - 1);
      w.padBegin[i] = total / 2;
      w.padEnd[i] = total - total / 2;
    }
    return Status::ok();
  }
  auto p = argInts(ctx, src, name, {0}, {spatial}, spatial);
  if (!p) return p.error();
  Status s = padFromPoolPadding(*p, spatial, w);
  if (!s) return ctx.fail(ErrorCode::InvalidModel, s.error().message);
  return Status::ok();
}

// Applies padding_mode other than 'zeros' as an explicit pad before a pad-free convolution.
Expected<Tensor> prePad(const KernelContext& ctx, const Tensor& x, const std::string& mode,
                        Window& w) {
  if (mode == "zeros") return x;
  prim::PadMode pm;
  if (mode == "reflect")
    pm = prim::PadMode::Reflect;
  else if (mode == "replicate")
    pm = prim::PadMode::Edge;
  else if (mode == "circular")
    pm = prim::PadMode::Wrap;
  else
    return ctx.fail(
        ErrorCode::InvalidModel,
        "padding_mode must be zeros, reflect, replicate or circular, got '" + mode + "'");
  std::vector<int64_t> begin(2, 0), end(2, 0);
  begin.insert(begin.end(), w.padBegin.begin(), w.padBegin.end());
  end.insert(end.end(), w.padEnd.begin(), w.padEnd.end());
  std::fill(w.padBegin.begin(), w.padBegin.end(), 0);
  std::fill(w.padEnd.begin(), w.padEnd.end(), 0);
  return prim::pad(x, begin, end, pm, 0.0);
}

template <size_t S>
Status mintConv(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx,
                       {"in_channels", "out_channels", "kernel_size", "stride", "padding",
                        "dilation", "groups", "bias", "padding_mode", "dtype"},
                       {}));
  MB_TRY(needInputs(ctx, 1));
  MB_TRY(needSpatialRank(ctx, ctx.input(0), S));
  MB_MS_TRY_ASSIGN(int64_t inC, argInt(ctx, ArgSource::Ctor, "in_channels", -1));
  MB_MS_TRY_ASSIGN(int64_t outC, argInt(ctx, ArgSource::Ctor, "out_channels", -1));
  MB_MS_TRY_ASSIGN(int64_t groups, argInt(ctx, ArgSource::Ctor, "groups", 1));
  MB_MS_TRY_ASSIGN(bool hasBias, argBool(ctx, ArgSource::Ctor, "bias", true));
  MB_MS_TRY_ASSIGN(std::string paddingMode,
                   argString(ctx, ArgSource::Ctor, "padding_mode", "zeros"));
  Window w;
  MB_TRY(readWindow(ctx, S, {}, w));
  MB_TRY(checkConvChannels(ctx, ctx.input(0), inC, outC, groups, "groups"));
  MB_TRY(torchPadding(ctx, ArgSource::Ctor, "padding", S, w));
  MB_MS_TRY_ASSIGN(Tensor x, prePad(ctx, ctx.input(0), paddingMode, w));
  MB_MS_TRY_ASSIGN(const Tensor* wt, requireParam(ctx, "weight"));
  MB_MS_TRY_ASSIGN(Tensor weight, checkedWeight(ctx, *wt, S, outC, inC / groups, w.kernel));
  MB_MS_TRY_ASSIGN(const Tensor* bias, optionalBias(ctx, hasBias, "bias", outC));
  nn::ConvParams p{w.stride, w.dilation, w.padBegin, w.padEnd, groups};
  return setOutput(ctx, nn::conv(x, weight, bias, p, ctx.pool));
}

template <size_t S>
Status mintConvTranspose(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx,
                       {"in_channels", "out_channels", "kernel_size", "stride", "padding",
                        "output_padding", "groups", "bias", "dilation", "padding_mode", "dtype"},
                       {}));
  MB_TRY(needInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  MB_TRY(needSpatialRank(ctx, x, S));
  MB_MS_TRY_ASSIGN(int64_t inC, argInt(ctx, ArgSource::Ctor, "in_channels", -1));
  MB_MS_TRY_ASSIGN(int64_t outC, argInt(ctx, ArgSource::Ctor, "out_channels", -1));
  MB_MS_TRY_ASSIGN(int64_t groups, argInt(ctx, ArgSource::Ctor, "groups", 1));
  MB_MS_TRY_ASSIGN(bool hasBias, argBool(ctx, ArgSource::Ctor, "bias", true));
  MB_MS_TRY_ASSIGN(std::string paddingMode,
                   argString(ctx, ArgSource::Ctor, "padding_mode", "zeros"));
  if (paddingMode != "zeros")
    return ctx.fail(ErrorCode::InvalidModel, "ConvTranspose supports padding_mode='zeros' only");
  Window w;
  MB_TRY(readWindow(ctx, S, {}, w));
  MB_MS_TRY_ASSIGN(std::vector<int64_t> outPad, argInts(ctx, ArgSource::Ctor, "output_padding",
                                                        std::vector<int64_t>(S, 0), {S}, S));
  if (inC <= 0 || outC <= 0 || groups <= 0 || inC % groups || outC % groups)
    return ctx.fail(ErrorCode::InvalidModel,
                    "in_channels / out_channels must be positive multiples of groups");
  MB_MS_TRY_ASSIGN(std::vector<int64_t> padding,
                   argInts(ctx, ArgSource::Ctor, "padding", std::vector<int64_t>(S, 0), {S}, S));
  w.padBegin = padding;
  w.padEnd = padding;
  MB_MS_TRY_ASSIGN(const Tensor* wt, requireParam(ctx, "weight"));
  MB_MS_TRY_ASSIGN(Tensor weight, checkedWeight(ctx, *wt, S, inC, outC / groups, w.kernel));
  MB_MS_TRY_ASSIGN(const Tensor* bias, optionalBias(ctx, hasBias, "bias", outC));
  nn::ConvTransposeParams p{w.stride, w.dilation, w.padBegin, w.padEnd, outPad, groups};
  return setOutput(ctx, nn::convTranspose(x, weight, bias, p, ctx.pool));
}

// ---- functional ------------------------------------------------------------------------------
// ops.conv2d(input, weight, bias=None, stride=1, pad_mode="valid", padding=0, dilation=1, groups=1)
Status opsConv2d(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"stride", "pad_mode", "padding", "dilation", "groups"}));
  MB_TRY(needInputs(ctx, 2));
  const Tensor& x = ctx.input(0);
  const Tensor& weight = ctx.input(1);
  MB_TRY(needSpatialRank(ctx, x, 2));
  if (weight.rank() != 4) return ctx.fail(ErrorCode::ShapeMismatch, "conv2d weight must be 4-D");
  Window w;
  w.kernel = {weight.dims()[2], weight.dims()[3]};
  MB_MS_TRY_ASSIGN(w.stride, argInts(ctx, ArgSource::Call, "stride", {1, 1}, {2}, 2));
  MB_MS_TRY_ASSIGN(w.dilation, argInts(ctx, ArgSource::Call, "dilation", {1, 1}, {2}, 2));
  MB_MS_TRY_ASSIGN(int64_t groups, argInt(ctx, ArgSource::Call, "groups", 1));
  MB_MS_TRY_ASSIGN(std::string padMode, argString(ctx, ArgSource::Call, "pad_mode", "valid"));
  MB_MS_TRY_ASSIGN(std::vector<int64_t> padding,
                   argInts(ctx, ArgSource::Call, "padding", {0}, {1, 2, 4}, 1));
  if (padMode == "same") {
    padSame(spatialDims(x, 2), w);
  } else if (padMode == "valid") {
    w.padBegin = w.padEnd = {0, 0};
  } else if (padMode == "pad") {
    Status s =
        padding.size() == 2 ? padFromPoolPadding(padding, 2, w) : padFromConvPadding(padding, 2, w);
    if (!s) return ctx.fail(ErrorCode::InvalidModel, s.error().message);
  } else {
    return ctx.fail(ErrorCode::InvalidModel, "pad_mode must be 'same', 'valid' or 'pad'");
  }
  const Tensor* bias = ctx.hasInput(2) ? &ctx.input(2) : nullptr;
  nn::ConvParams p{w.stride, w.dilation, w.padBegin, w.padEnd, groups};
  return setOutput(ctx, nn::conv(x, weight, bias, p, ctx.pool));
}
// mint.nn.functional.conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1)
Status mintConv2dFn(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"stride", "padding", "dilation", "groups"}));
  MB_TRY(needInputs(ctx, 2));
  const Tensor& x = ctx.input(0);
  const Tensor& weight = ctx.input(1);
  MB_TRY(needSpatialRank(ctx, x, 2));
  if (weight.rank() != 4) return ctx.fail(ErrorCode::ShapeMismatch, "conv2d weight must be 4-D");
  Window w;
  w.kernel = {weight.dims()[2], weight.dims()[3]};
  MB_MS_TRY_ASSIGN(w.stride, argInts(ctx, ArgSource::Call, "stride", {1, 1}, {2}, 2));
  MB_MS_TRY_ASSIGN(w.dilation, argInts(ctx, ArgSource::Call, "dilation", {1, 1}, {2}, 2));
  MB_MS_TRY_ASSIGN(int64_t groups, argInt(ctx, ArgSource::Call, "groups", 1));
  MB_TRY(torchPadding(ctx, ArgSource::Call, "padding", 2, w));
  const Tensor* bias = ctx.hasInput(2) ? &ctx.input(2) : nullptr;
  nn::ConvParams p{w.stride, w.dilation, w.padBegin, w.padEnd, groups};
  return setOutput(ctx, nn::conv(x, weight, bias, p, ctx.pool));
}

}  // namespace

MB_MINDSPORE_KERNEL("mindspore.nn.Conv1d", nnConv<1>);
MB_MINDSPORE_KERNEL("mindspore.nn.Conv2d", nnConv<2>);
MB_MINDSPORE_KERNEL("mindspore.nn.Conv3d", nnConv<3>);
MB_MINDSPORE_KERNEL("mindspore.nn.Conv1dTranspose", nnConvTranspose<1>);
MB_MINDSPORE_KERNEL("mindspore.nn.Conv2dTranspose", nnConvTranspose<2>);
MB_MINDSPORE_KERNEL("mindspore.nn.Conv3dTranspose", nnConvTranspose<3>);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.Conv1d", mintConv<1>);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.Conv2d", mintConv<2>);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.Conv3d", mintConv<3>);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.ConvTranspose2d", mintConvTranspose<2>);
MB_MINDSPORE_KERNEL("mindspore.ops.conv2d", opsConv2d);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.functional.conv2d", mintConv2dFn);

}  // namespace mb::exec::ms
