// ONNX Conv, ConvTranspose, ConvInteger and QLinearConv → nn::conv / nn::convTranspose.
#include <cmath>

#include "exec/onnx/nn_onnx_util.h"
#include "exec/primitives/conv.h"
#include "exec/primitives/nn_util.h"

namespace mb::exec::onnx_nn {
namespace {

std::vector<int64_t> spatialOf(const Tensor& t) {
  return {t.dims().begin() + 2, t.dims().end()};
}

Status convKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 2));
  MB_TRY(requireFloat(ctx, 0));
  const Tensor& x = ctx.input(0);
  const Tensor& w = ctx.input(1);
  if (x.rank() < 3 || w.rank() != x.rank())
    return ctx.fail(ErrorCode::ShapeMismatch, "input " + dimsToString(x.dims()) + " and weight " +
                                                  dimsToString(w.dims()) + " do not fit Conv");
  auto window = readWindow(ctx, spatialOf(x), spatialOf(w));
  if (!window) return window.error();
  if (window->kernel != spatialOf(w))
    return ctx.fail(ErrorCode::ShapeMismatch, "kernel_shape " + dimsToString(window->kernel) +
                                                  " differs from the weight's " +
                                                  dimsToString(w.dims()));
  nn::ConvParams p{window->strides, window->dilations, window->padsBegin, window->padsEnd,
                   ctx.attrs().getInt("group", 1)};
  return push(ctx, nn::conv(x, w, ctx.hasInput(2) ? &ctx.input(2) : nullptr, p, ctx.pool));
}

Status convTransposeKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 2));
  MB_TRY(requireFloat(ctx, 0));
  const Tensor& x = ctx.input(0);
  const Tensor& w = ctx.input(1);
  if (x.rank() < 3 || w.rank() != x.rank())
    return ctx.fail(ErrorCode::ShapeMismatch, "input " + dimsToString(x.dims()) + " and weight " +
                                                  dimsToString(w.dims()) +
                                                  " do not fit ConvTranspose");
  size_t rank = static_cast<size_t>(x.rank() - 2);
  std::vector<int64_t> in = spatialOf(x);
  std::vector<int64_t> kernel = ctx.attrs().getInts("kernel_shape", spatialOf(w));
  std::vector<int64_t> strides = ctx.attrs().getInts("strides", std::vector<int64_t>(rank, 1));
  std::vector<int64_t> dilations = ctx.attrs().getInts("dilations", std::vector<int64_t>(rank, 1));
  std::vector<int64_t> outPad =
      ctx.attrs().getInts("output_padding", std::vector<int64_t>(rank, 0));
  std::vector<int64_t> pads = ctx.attrs().getInts("pads", std::vector<int64_t>(2 * rank, 0));
  std::vector<int64_t> outputShape = ctx.attrs().getInts("output_shape");
  std::string autoPad = ctx.attrs().getString("auto_pad", "NOTSET");
  if (kernel.size() != rank || strides.size() != rank || dilations.size() != rank ||
      outPad.size() != rank || pads.size() != 2 * rank)
    return ctx.fail(ErrorCode::InvalidModel,
                    "kernel_shape / strides / dilations / output_padding / pads have the "
                    "wrong number of values for " +
                        std::to_string(rank) + " spatial dims");
  if (outputShape.size() == rank + 2)
    outputShape.erase(outputShape.begin(), outputShape.begin() + 2);
  if (!outputShape.empty() && outputShape.size() != rank)
    return ctx.fail(ErrorCode::InvalidModel,
                    "output_shape has " + std::to_string(outputShape.size()) + " values");
  if (outputShape.empty() && (autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER"))
    for (size_t d = 0; d < rank; ++d) outputShape.push_back(in[d] * strides[d]);
  std::vector<int64_t> begin(pads.begin(), pads.begin() + static_cast<std::ptrdiff_t>(rank));
  std::vector<int64_t> end(pads.begin() + static_cast<std::ptrdiff_t>(rank), pads.end());
  if (autoPad == "VALID") std::fill(begin.begin(), begin.end(), 0);
  if (autoPad == "VALID") std::fill(end.begin(), end.end(), 0);
  if (!outputShape.empty()) {
    // The pads that make the output exactly output_shape; the odd one goes to the end for
    // SAME_UPPER, to the beginning otherwise (ONNX's ConvTranspose rule).
    for (size_t d = 0; d < rank; ++d) {
      int64_t total = strides[d] * (in[d] - 1) + outPad[d] + (kernel[d] - 1) * dilations[d] + 1 -
                      outputShape[d];
      if (total < 0) {
        // A larger output than the natural one: the extra rows are output padding at the end.
        outPad[d] -= total;
        total = 0;
      }
      begin[d] = autoPad == "SAME_UPPER" ? total / 2 : total - total / 2;
      end[d] = total - begin[d];
    }
  }
  nn::ConvTransposeParams p{strides, dilations, begin, end, outPad, ctx.attrs().getInt("group", 1)};
  return push(ctx, nn::convTranspose(x, w, ctx.hasInput(2) ? &ctx.input(2) : nullptr, p, ctx.pool));
}

// (x - zero) as float32; per-channel zero points index `axis` of x.
Tensor dequantize(const Tensor& x, const Tensor* zero, const Tensor* scale, int64_t axis) {
  Tensor out = Tensor::zeros(DType::Float32, x.dims());
  int64_t inner = nn::product(x.dims(), static_cast<size_t>(axis) + 1, x.dims().size());
  int64_t channels = x.rank() > axis ? x.dims()[static_cast<size_t>(axis)] : 1;
  for (int64_t i = 0; i < x.numel(); ++i) {
    int64_t c = (i / inner) % std::max<int64_t>(channels, 1);
    double z = zero ? zero->elementAsDouble(zero->numel() == 1 ? 0 : c) : 0.0;
    double s = scale ? scale->elementAsDouble(scale->numel() == 1 ? 0 : c) : 1.0;
    out.mutableData<float>()[i] = static_cast<float>((x.elementAsDouble(i) - z) * s);
  }
  return out;
}

Status convIntegerKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 2));
  const Tensor& x = ctx.input(0);
  const Tensor& w = ctx.input(1);
  // Exact while partial sums stay below 2^24, which int8 products over ordinary kernels do.
  Tensor xf = dequantize(x, ctx.hasInput(2) ? &ctx.input(2) : nullptr, nullptr, 1);
  Tensor wf = dequantize(w, ctx.hasInput(3) ? &ctx.input(3) : nullptr, nullptr, 0);
  auto window = readWindow(ctx, spatialOf(x), spatialOf(w));
  if (!window) return window.error();
  nn::ConvParams p{window->strides, window->dilations, window->padsBegin, window->padsEnd,
                   ctx.attrs().getInt("group", 1)};
  auto y = nn::conv(xf, wf, nullptr, p, ctx.pool);
  if (!y) return ctx.fail(y.error().code, y.error().message);
  Tensor out = Tensor::zeros(DType::Int32, y->dims());
  for (int64_t i = 0; i < y->numel(); ++i)
    out.mutableData<int32_t>()[i] = static_cast<int32_t>(std::lrint(y->data<float>()[i]));
  ctx.outputs.push_back(std::move(out));
  return Status::ok();
}

// Rounds half to even and saturates, as ONNX's QuantizeLinear does.
Tensor quantize(const Tensor& y, double scale, double zero, DType type) {
  Tensor out = Tensor::zeros(type, y.dims());
  double lo = type == DType::UInt8 ? 0 : -128, hi = type == DType::UInt8 ? 255 : 127;
  for (int64_t i = 0; i < y.numel(); ++i) {
    double q = std::nearbyint(y.data<float>()[i] / scale) + zero;
    q = std::min(hi, std::max(lo, q));
    if (type == DType::UInt8)
      out.mutableData<uint8_t>()[i] = static_cast<uint8_t>(q);
    else
      out.mutableData<int8_t>()[i] = static_cast<int8_t>(q);
  }
  return out;
}

Status qlinearConvKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 8));
  const Tensor& x = ctx.input(0);
  const Tensor& w = ctx.input(3);
  Tensor xf = dequantize(x, &ctx.input(2), &ctx.input(1), 1);
  Tensor wf = dequantize(w, &ctx.input(5), &ctx.input(4), 0);
  Tensor bias;
  if (ctx.hasInput(8)) {
    // int32 bias in units of x_scale * w_scale.
    const Tensor& b = ctx.input(8);
    bias = Tensor::zeros(DType::Float32, b.dims());
    for (int64_t i = 0; i < b.numel(); ++i) {
      double ws = ctx.input(4).elementAsDouble(ctx.input(4).numel() == 1 ? 0 : i);
      bias.mutableData<float>()[i] =
          static_cast<float>(b.elementAsDouble(i) * ctx.input(1).elementAsDouble(0) * ws);
    }
  }
  auto window = readWindow(ctx, spatialOf(x), spatialOf(w));
  if (!window) return window.error();
  nn::ConvParams p{window->strides, window->dilations, window->padsBegin, window->padsEnd,
                   ctx.attrs().getInt("group", 1)};
  auto y = nn::conv(xf, wf, ctx.hasInput(8) ? &bias : nullptr, p, ctx.pool);
  if (!y) return ctx.fail(y.error().code, y.error().message);
  ctx.outputs.push_back(quantize(*y, ctx.input(6).elementAsDouble(0),
                                 ctx.input(7).elementAsDouble(0), ctx.input(7).dtype()));
  return Status::ok();
}

MB_ONNX_KERNEL("Conv", 1, convKernel);
MB_ONNX_KERNEL("ConvTranspose", 1, convTransposeKernel);
MB_ONNX_KERNEL("ConvInteger", 10, convIntegerKernel);
MB_ONNX_KERNEL("QLinearConv", 10, qlinearConvKernel);

}  // namespace
}  // namespace mb::exec::onnx_nn
