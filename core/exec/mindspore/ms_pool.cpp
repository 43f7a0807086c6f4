// Pooling Cells and functions as MindSpore documents them.
// Classic nn.MaxPool{1,2}d / AvgPool{1,2}d: kernel_size=1 and stride=1 by default (torch: stride =
// kernel), pad_mode 'valid' (default) / 'same' / 'pad'; padding, ceil_mode, dilation,
// count_include_pad and divisor_override only with pad_mode='pad' (MindSpore raises otherwise);
// padding = int or (pad_h, pad_w) on both sides. 'same' averages over the in-image elements only.
// mint.nn.MaxPool2d / AvgPool2d and ops.max_pool2d / avg_pool2d: torch semantics (stride None =
// kernel). Adaptive pools split the input the torch way: [floor(i·in/out), ceil((i+1)·in/out)).
#include <algorithm>
#include <cmath>
#include <limits>

#include "exec/mindspore/ms_common.h"
#include "exec/primitives/pool.h"

namespace mb::exec::ms {
namespace {

nn::PoolParams toParams(const Window& w, bool countIncludePad) {
  nn::PoolParams p;
  p.kernel = w.kernel;
  p.strides = w.stride;
  p.dilations = w.dilation;
  p.padsBegin = w.padBegin;
  p.padsEnd = w.padEnd;
  p.ceilMode = w.ceilMode;
  p.countIncludePad = countIncludePad;
  return p;
}

// sum / divisor: avg with padded positions counted, times the window's counted size, over
// `divisor`.
Expected<Tensor> withDivisor(const Tensor& x, const Window& w, int64_t divisor, ThreadPool* pool) {
  auto avg = nn::averagePool(x, toParams(w, true), pool);
  if (!avg) return avg.error();
  const size_t spatial = w.kernel.size();
  std::vector<int64_t> in(x.dims().end() - static_cast<long>(spatial), x.dims().end());
  std::vector<int64_t> out(avg->dims().end() - static_cast<long>(spatial), avg->dims().end());
  // Window size counted with padding but clipped at the end padding (what countIncludePad divides
  // by).
  std::vector<std::vector<double>> counts(spatial);
  for (size_t d = 0; d < spatial; ++d)
    for (int64_t o = 0; o < out[d]; ++o) {
      const int64_t start = o * w.stride[d] - w.padBegin[d];
      const int64_t end =
          std::min(start + (w.kernel[d] - 1) * w.dilation[d] + 1, in[d] + w.padEnd[d]);
      counts[d].push_back(static_cast<double>((end - start + w.dilation[d] - 1) / w.dilation[d]));
    }
  Tensor result = avg->clone();
  float* data = result.mutableData<float>();
  int64_t plane = 1;
  for (int64_t o : out) plane *= o;
  for (int64_t i = 0; i < result.numel(); ++i) {
    int64_t r = i % plane;
    double count = 1;
    for (size_t d = spatial; d-- > 0;) {
      count *= counts[d][static_cast<size_t>(r % out[d])];
      r /= out[d];
    }
    data[i] = static_cast<float>(data[i] * count / static_cast<double>(divisor));
  }
  return result;
}

// Max-pool indices as MindSpore / torch return them: flat within each (n, c) plane.
Tensor planeIndices(const Tensor& flatIndices, const Tensor& x, size_t spatial) {
  int64_t plane = 1;
  for (size_t d = 0; d < spatial; ++d) plane *= x.dims()[x.dims().size() - 1 - d];
  Tensor out = flatIndices.clone();
  int64_t* p = out.mutableData<int64_t>();
  for (int64_t i = 0; i < out.numel(); ++i) p[i] %= plane;
  return out;
}

// ---- classic nn pools ------------------------------------------------------------------------
template <size_t S, bool IsMax>
Status nnPool(KernelContext& ctx) {
  if constexpr (IsMax) {
    MB_TRY(checkArgNames(ctx,
                         {"kernel_size", "stride", "pad_mode", "padding", "dilation",
                          "return_indices", "ceil_mode", "data_format"},
                         {}));
  } else {
    MB_TRY(checkArgNames(ctx,
                         {"kernel_size", "stride", "pad_mode", "padding", "ceil_mode",
                          "count_include_pad", "divisor_override", "data_format"},
                         {}));
  }
  MB_TRY(needInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  MB_TRY(needSpatialRank(ctx, x, S));
  Window w;
  MB_TRY(readWindow(ctx, S, std::vector<int64_t>(S, 1), w));
  MB_MS_TRY_ASSIGN(std::string padMode, argString(ctx, ArgSource::Ctor, "pad_mode", "valid"));
  MB_MS_TRY_ASSIGN(std::vector<int64_t> padding,
                   argInts(ctx, ArgSource::Ctor, "padding", {0}, {S}, 1));
  MB_MS_TRY_ASSIGN(w.ceilMode, argBool(ctx, ArgSource::Ctor, "ceil_mode", false));
  MB_MS_TRY_ASSIGN(bool countIncludePad, argBool(ctx, ArgSource::Ctor, "count_include_pad", true));
  MB_MS_TRY_ASSIGN(bool returnIndices, argBool(ctx, ArgSource::Ctor, "return_indices", false));
  MB_MS_TRY_ASSIGN(int64_t divisor, argInt(ctx, ArgSource::Ctor, "divisor_override", 0));
  MB_MS_TRY_ASSIGN(std::string format, argString(ctx, ArgSource::Ctor, "data_format", "NCHW"));
  if (format != "NCHW")
    return ctx.fail(ErrorCode::UnsupportedOp, "data_format '" + format + "' is not supported");
  std::transform(padMode.begin(), padMode.end(), padMode.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  const bool padIsZero =
      std::all_of(padding.begin(), padding.end(), [](int64_t p) { return p == 0; });
  const bool dilated =
      std::any_of(w.dilation.begin(), w.dilation.end(), [](int64_t d) { return d != 1; });
  const std::vector<int64_t> in = spatialDims(x, S);
  if (padMode == "pad") {
    Status s = padFromPoolPadding(padding, S, w);
    if (!s) return ctx.fail(ErrorCode::InvalidModel, s.error().message);
  } else if (padMode == "same" || padMode == "valid") {
    // MindSpore raises for these outside pad_mode='pad': padding always; MaxPool1d/2d also for
    // ceil_mode / dilation / return_indices (MaxPool3d only for dilation / return_indices).
    // AvgPool*d accepts ceil_mode, count_include_pad and divisor_override with 'valid'.
    const bool maxStrict = IsMax && (dilated || returnIndices || (S != 3 && w.ceilMode));
    const bool sameExtras =
        padMode == "same" && (w.ceilMode || divisor != 0 || (!IsMax && !countIncludePad));
    if (!padIsZero || maxStrict || sameExtras)
      return ctx.fail(ErrorCode::InvalidModel,
                      "padding (and for MaxPool ceil_mode / dilation / return_indices) must "
                      "stay default unless pad_mode is 'pad' (MindSpore raises)");
    if (padMode == "same") {
      padSame(in, w);
      countIncludePad = false;  // TF-style 'same' averages over the in-image elements
    } else {
      w.padBegin.assign(S, 0);
      w.padEnd.assign(S, 0);
    }
  } else {
    return ctx.fail(ErrorCode::InvalidModel,
                    "pad_mode must be 'same', 'valid' or 'pad', got '" + padMode + "'");
  }
  for (size_t i = 0; i < S; ++i)
    if (w.padBegin[i] * 2 > w.kernel[i])
      return ctx.fail(ErrorCode::InvalidModel,
                      "pad should be at most half of the kernel size (MindSpore/torch rule)");
  if constexpr (IsMax) {
    if (!returnIndices)
      return setOutput(ctx, nn::maxPool(x, toParams(w, false), nullptr, false, ctx.pool));
    Tensor indices;
    MB_MS_TRY_ASSIGN(Tensor values, nn::maxPool(x, toParams(w, false), &indices, false, ctx.pool));
    return setOutputs(ctx, {values, planeIndices(indices, x, S)});
  } else {
    if (divisor != 0) return setOutput(ctx, withDivisor(x, w, divisor, ctx.pool));
    return setOutput(ctx, nn::averagePool(x, toParams(w, countIncludePad), ctx.pool));
  }
}

// ---- torch-style pools (mint.nn Cells, ops / mint functions)
// -------------------------------------
template <size_t S, bool IsMax>
Status torchPool(KernelContext& ctx, ArgSource src) {
  MB_TRY(needInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  MB_TRY(needSpatialRank(ctx, x, S));
  Window w;
  MB_MS_TRY_ASSIGN(w.kernel, argInts(ctx, src, "kernel_size", std::vector<int64_t>(S, 1), {S}, S));
  MB_MS_TRY_ASSIGN(w.stride, argInts(ctx, src, "stride", w.kernel, {S}, S));
  MB_MS_TRY_ASSIGN(w.dilation, argInts(ctx, src, "dilation", std::vector<int64_t>(S, 1), {S}, S));
  MB_MS_TRY_ASSIGN(std::vector<int64_t> padding, argInts(ctx, src, "padding", {0}, {S}, 1));
  MB_MS_TRY_ASSIGN(w.ceilMode, argBool(ctx, src, "ceil_mode", false));
  MB_MS_TRY_ASSIGN(bool countIncludePad, argBool(ctx, src, "count_include_pad", true));
  MB_MS_TRY_ASSIGN(bool returnIndices, argBool(ctx, src, "return_indices", false));
  MB_MS_TRY_ASSIGN(int64_t divisor, argInt(ctx, src, "divisor_override", 0));
  Status s = padFromPoolPadding(padding, S, w);
  if (!s) return ctx.fail(ErrorCode::InvalidModel, s.error().message);
  for (size_t i = 0; i < S; ++i)
    if (w.padBegin[i] * 2 > w.kernel[i])
      return ctx.fail(ErrorCode::InvalidModel, "pad should be at most half of the kernel size");
  if constexpr (IsMax) {
    if (!returnIndices)
      return setOutput(ctx, nn::maxPool(x, toParams(w, false), nullptr, false, ctx.pool));
    Tensor indices;
    MB_MS_TRY_ASSIGN(Tensor values, nn::maxPool(x, toParams(w, false), &indices, false, ctx.pool));
    return setOutputs(ctx, {values, planeIndices(indices, x, S)});
  } else {
    if (divisor != 0) return setOutput(ctx, withDivisor(x, w, divisor, ctx.pool));
    return setOutput(ctx, nn::averagePool(x, toParams(w, countIncludePad), ctx.pool));
  }
}
Status mintMaxPool2d(KernelContext& ctx) {
  MB_TRY(checkArgNames(
      ctx, {"kernel_size", "stride", "padding", "dilation", "return_indices", "ceil_mode"}, {}));
  return torchPool<2, true>(ctx, ArgSource::Ctor);
}
Status mintAvgPool2d(KernelContext& ctx) {
  MB_TRY(checkArgNames(
      ctx,
      {"kernel_size", "stride", "padding", "ceil_mode", "count_include_pad", "divisor_override"},
      {}));
  return torchPool<2, false>(ctx, ArgSource::Ctor);
}
Status mintAvgPool1d(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {"kernel_size", "stride", "padding", "ceil_mode", "count_include_pad"},
                       {}));
  return torchPool<1, false>(ctx, ArgSource::Ctor);
}
Status mintAvgPool3d(KernelContext& ctx) {
  MB_TRY(checkArgNames(
      ctx,
      {"kernel_size", "stride", "padding", "ceil_mode", "count_include_pad", "divisor_override"},
      {}));
  return torchPool<3, false>(ctx, ArgSource::Ctor);
}
Status maxPool2dFn(KernelContext& ctx) {
  MB_TRY(checkArgNames(
      ctx, {}, {"kernel_size", "stride", "padding", "dilation", "return_indices", "ceil_mode"}));
  return torchPool<2, true>(ctx, ArgSource::Call);
}
// ops.avg_pool2d(input_x, kernel_size=1, stride=1, ...): classic defaults stride=1, not kernel.
Status opsAvgPool2d(KernelContext& ctx) {
  MB_TRY(checkArgNames(
      ctx, {},
      {"kernel_size", "stride", "padding", "ceil_mode", "count_include_pad", "divisor_override"}));
  MB_TRY(needInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  MB_TRY(needSpatialRank(ctx, x, 2));
  Window w;
  MB_MS_TRY_ASSIGN(w.kernel, argInts(ctx, ArgSource::Call, "kernel_size", {1, 1}, {2}, 2));
  MB_MS_TRY_ASSIGN(w.stride, argInts(ctx, ArgSource::Call, "stride", {1, 1}, {2}, 2));
  w.dilation = {1, 1};
  MB_MS_TRY_ASSIGN(std::vector<int64_t> padding,
                   argInts(ctx, ArgSource::Call, "padding", {0}, {2, 4}, 1));
  MB_MS_TRY_ASSIGN(w.ceilMode, argBool(ctx, ArgSource::Call, "ceil_mode", false));
  MB_MS_TRY_ASSIGN(bool countIncludePad, argBool(ctx, ArgSource::Call, "count_include_pad", true));
  MB_MS_TRY_ASSIGN(int64_t divisor, argInt(ctx, ArgSource::Call, "divisor_override", 0));
  Status s =
      padding.size() == 4 ? padFromConvPadding(padding, 2, w) : padFromPoolPadding(padding, 2, w);
  if (!s) return ctx.fail(ErrorCode::InvalidModel, s.error().message);
  if (divisor != 0) return setOutput(ctx, withDivisor(x, w, divisor, ctx.pool));
  return setOutput(ctx, nn::averagePool(x, toParams(w, countIncludePad), ctx.pool));
}
Status mintAvgPool2dFn(KernelContext& ctx) {
  MB_TRY(checkArgNames(
      ctx, {},
      {"kernel_size", "stride", "padding", "ceil_mode", "count_include_pad", "divisor_override"}));
  return torchPool<2, false>(ctx, ArgSource::Call);
}

// ---- adaptive pools
// ------------------------------------------------------------------------------
template <bool IsMax>
Expected<Tensor> adaptivePool2d(const KernelContext& ctx, const Tensor& xIn,
                                std::vector<int64_t> outHW) {
  if (xIn.rank() != 4 && xIn.rank() != 3)
    return ctx.fail(ErrorCode::ShapeMismatch, "adaptive 2-D pooling needs a 3-D or 4-D input");
  if (xIn.dtype() != DType::Float32)
    return ctx.fail(ErrorCode::TypeMismatch, "adaptive pooling computes float32 only");
  const Tensor x =
      xIn.rank() == 3 ? xIn.reshaped({1, xIn.dims()[0], xIn.dims()[1], xIn.dims()[2]}) : xIn;
  const int64_t n = x.dims()[0], c = x.dims()[1], h = x.dims()[2], wd = x.dims()[3];
  for (size_t i = 0; i < 2; ++i)
    if (outHW[i] <= 0) outHW[i] = i == 0 ? h : wd;  // None keeps the input size
  const int64_t oh = outHW[0], ow = outHW[1];
  Tensor out = Tensor::zeros(DType::Float32, {n, c, oh, ow});
  const float* src = x.data<float>();
  float* dst = out.mutableData<float>();
  for (int64_t p = 0; p < n * c; ++p)
    for (int64_t i = 0; i < oh; ++i) {
      const int64_t h0 = i * h / oh, h1 = ((i + 1) * h + oh - 1) / oh;
      for (int64_t j = 0; j < ow; ++j) {
        const int64_t w0 = j * wd / ow, w1 = ((j + 1) * wd + ow - 1) / ow;
        double acc = IsMax ? -std::numeric_limits<double>::infinity() : 0.0;
        for (int64_t y = h0; y < h1; ++y)
          for (int64_t xx = w0; xx < w1; ++xx) {
            const double v = src[(p * h + y) * wd + xx];
            acc = IsMax ? std::max(acc, v) : acc + v;
          }
        if (!IsMax) acc /= static_cast<double>((h1 - h0) * (w1 - w0));
        dst[(p * oh + i) * ow + j] = static_cast<float>(acc);
      }
    }
  return xIn.rank() == 3 ? out.reshaped({c, oh, ow}) : out;
}
Expected<std::vector<int64_t>> outputSize(const KernelContext& ctx, ArgSource src) {
  const Attribute* a = argFind(ctx, src, "output_size");
  if (!a) return ctx.fail(ErrorCode::InvalidModel, "output_size is required");
  if (a->is<int64_t>()) return std::vector<int64_t>{a->as<int64_t>(), a->as<int64_t>()};
  if (a->is<std::vector<int64_t>>() && a->as<std::vector<int64_t>>().size() == 2)
    return a->as<std::vector<int64_t>>();
  return ctx.fail(ErrorCode::InvalidModel,
                  "output_size must be an int or (h, w) (use -1 / None to keep a dim)");
}
template <bool IsMax>
Status adaptiveCell(KernelContext& ctx) {
  if constexpr (IsMax) {
    MB_TRY(checkArgNames(ctx, {"output_size", "return_indices"}, {}));
    MB_MS_TRY_ASSIGN(bool ri, argBool(ctx, ArgSource::Ctor, "return_indices", false));
    if (ri)
      return ctx.fail(ErrorCode::UnsupportedOp,
                      "AdaptiveMaxPool2d return_indices is not supported");
  } else {
    MB_TRY(checkArgNames(ctx, {"output_size"}, {}));
  }
  MB_TRY(needInputs(ctx, 1));
  MB_MS_TRY_ASSIGN(std::vector<int64_t> size, outputSize(ctx, ArgSource::Ctor));
  return setOutput(ctx, adaptivePool2d<IsMax>(ctx, ctx.input(0), size));
}
Status adaptiveAvgFn(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"output_size"}));
  MB_TRY(needInputs(ctx, 1));
  MB_MS_TRY_ASSIGN(std::vector<int64_t> size, outputSize(ctx, ArgSource::Call));
  return setOutput(ctx, adaptivePool2d<false>(ctx, ctx.input(0), size));
}

}  // namespace

MB_MINDSPORE_KERNEL("mindspore.nn.MaxPool1d", (nnPool<1, true>));
MB_MINDSPORE_KERNEL("mindspore.nn.MaxPool2d", (nnPool<2, true>));
MB_MINDSPORE_KERNEL("mindspore.nn.AvgPool1d", (nnPool<1, false>));
MB_MINDSPORE_KERNEL("mindspore.nn.AvgPool2d", (nnPool<2, false>));
MB_MINDSPORE_KERNEL("mindspore.nn.MaxPool3d", (nnPool<3, true>));
MB_MINDSPORE_KERNEL("mindspore.nn.AvgPool3d", (nnPool<3, false>));
MB_MINDSPORE_KERNEL("mindspore.mint.nn.AvgPool1d", mintAvgPool1d);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.AvgPool3d", mintAvgPool3d);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.MaxPool2d", mintMaxPool2d);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.AvgPool2d", mintAvgPool2d);
MB_MINDSPORE_KERNEL("mindspore.ops.max_pool2d", maxPool2dFn);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.functional.max_pool2d", maxPool2dFn);
MB_MINDSPORE_KERNEL("mindspore.ops.avg_pool2d", opsAvgPool2d);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.functional.avg_pool2d", mintAvgPool2dFn);
MB_MINDSPORE_KERNEL("mindspore.nn.AdaptiveAvgPool2d", adaptiveCell<false>);
MB_MINDSPORE_KERNEL("mindspore.nn.AdaptiveMaxPool2d", adaptiveCell<true>);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.AdaptiveAvgPool2d", adaptiveCell<false>);
MB_MINDSPORE_KERNEL("mindspore.ops.adaptive_avg_pool2d", adaptiveAvgFn);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.functional.adaptive_avg_pool2d", adaptiveAvgFn);

}  // namespace mb::exec::ms
