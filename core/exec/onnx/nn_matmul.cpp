// ONNX Gemm, MatMul, MatMulInteger and QLinearMatMul → nn::gemm / nn::matmul.
#include <cmath>

#include "exec/onnx/nn_onnx_util.h"
#include "exec/primitives/matmul.h"

namespace mb::exec::onnx_nn {
namespace {

Status gemmKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 2));
  return push(ctx,
              nn::gemm(ctx.input(0), ctx.input(1), ctx.hasInput(2) ? &ctx.input(2) : nullptr,
                       ctx.attrs().getInt("transA", 0) != 0, ctx.attrs().getInt("transB", 0) != 0,
                       static_cast<float>(ctx.attrs().getFloat("alpha", 1.0)),
                       static_cast<float>(ctx.attrs().getFloat("beta", 1.0))));
}

Status matmulKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 2));
  return push(ctx, nn::matmul(ctx.input(0), ctx.input(1)));
}

Status matmulIntegerKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 2));
  return push(
      ctx, nn::matmulInteger(ctx.input(0), ctx.input(1), ctx.hasInput(2) ? &ctx.input(2) : nullptr,
                             ctx.hasInput(3) ? &ctx.input(3) : nullptr));
}

// Dequantize both operands exactly (int32 accumulation), rescale, round half to even, saturate.
Status qlinearMatmulKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 8));
  auto acc = nn::matmulInteger(ctx.input(0), ctx.input(3), &ctx.input(2), &ctx.input(5));
  if (!acc) return ctx.fail(acc.error().code, acc.error().message);
  double scale = ctx.input(1).elementAsDouble(0) * ctx.input(4).elementAsDouble(0) /
                 ctx.input(6).elementAsDouble(0);
  double zero = ctx.input(7).elementAsDouble(0);
  DType type = ctx.input(7).dtype();
  Tensor out = Tensor::zeros(type, acc->dims());
  double lo = type == DType::UInt8 ? 0 : -128, hi = type == DType::UInt8 ? 255 : 127;
  for (int64_t i = 0; i < acc->numel(); ++i) {
    double q = std::min(hi, std::max(lo, std::nearbyint(acc->data<int32_t>()[i] * scale) + zero));
    if (type == DType::UInt8)
      out.mutableData<uint8_t>()[i] = static_cast<uint8_t>(q);
    else
      out.mutableData<int8_t>()[i] = static_cast<int8_t>(q);
  }
  ctx.outputs.push_back(std::move(out));
  return Status::ok();
}

MB_ONNX_KERNEL("Gemm", 1, gemmKernel);
MB_ONNX_KERNEL("MatMul", 1, matmulKernel);
MB_ONNX_KERNEL("MatMulInteger", 10, matmulIntegerKernel);
MB_ONNX_KERNEL("QLinearMatMul", 10, qlinearMatmulKernel);

}  // namespace
}  // namespace mb::exec::onnx_nn
