// ONNX elementwise ops: arithmetic, comparison and logic with numpy broadcasting, the variadic
// Sum / Mean / Max / Min, Where, unary math and activations, Clip, Cast. Thin: attributes →
// prim::binary / prim::unary parameters.
#include <cfloat>
#include <cmath>

#include "exec/kernel.h"
#include "exec/onnx/tensor_kernel_util.h"
#include "exec/primitives/cast.h"
#include "exec/primitives/elementwise.h"

namespace mb::exec {
namespace {

using prim::BinaryOp;
using prim::UnaryOp;
using tensor_ops::requireInputs;
using tensor_ops::setOutput;

template <BinaryOp Op>
Status binaryKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 2));
  return setOutput(ctx, 0, prim::binary(Op, ctx.input(0), ctx.input(1), ctx.pool));
}

Status modKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 2));
  const bool fmod = ctx.attrs().getInt("fmod", 0) != 0;
  if (!fmod && isFloating(ctx.input(0).dtype()))
    return ctx.fail(ErrorCode::InvalidArgument, "Mod of floating-point inputs requires fmod=1");
  return setOutput(ctx, 0,
                   prim::binary(fmod ? BinaryOp::Fmod : BinaryOp::Mod, ctx.input(0), ctx.input(1)));
}

Status bitShiftKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 2));
  const std::string direction = ctx.attrs().getString("direction", "");
  if (direction != "LEFT" && direction != "RIGHT")
    return ctx.fail(ErrorCode::InvalidArgument,
                    "direction must be LEFT or RIGHT, got '" + direction + "'");
  return setOutput(
      ctx, 0,
      prim::binary(direction == "LEFT" ? BinaryOp::BitShiftLeft : BinaryOp::BitShiftRight,
                   ctx.input(0), ctx.input(1)));
}

std::vector<const Tensor*> presentInputs(const KernelContext& ctx) {
  std::vector<const Tensor*> xs;
  for (const Tensor* t : ctx.inputs)
    if (t) xs.push_back(t);
  return xs;
}

template <BinaryOp Op>
Status variadicKernel(KernelContext& ctx) {
  const auto xs = presentInputs(ctx);
  if (xs.empty()) return ctx.fail(ErrorCode::InvalidModel, "needs at least one input");
  return setOutput(ctx, 0, prim::foldBinary(Op, xs, ctx.pool));
}

Status meanKernel(KernelContext& ctx) {
  const auto xs = presentInputs(ctx);
  if (xs.empty()) return ctx.fail(ErrorCode::InvalidModel, "needs at least one input");
  auto sum = prim::foldBinary(BinaryOp::Add, xs, ctx.pool);
  if (!sum) return tensor_ops::nodeError(ctx, sum.error());
  auto count = prim::cast(Tensor::scalarFloat(static_cast<float>(xs.size())), sum->dtype());
  if (!count) return tensor_ops::nodeError(ctx, count.error());
  return setOutput(ctx, 0, prim::binary(BinaryOp::Div, *sum, *count));
}

Status whereKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 3));
  return setOutput(ctx, 0, prim::where(ctx.input(0), ctx.input(1), ctx.input(2), ctx.pool));
}

template <UnaryOp Op>
Status unaryKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 1));
  return setOutput(ctx, 0, prim::unary(Op, ctx.input(0), {}, ctx.pool));
}

// Activations whose ONNX attributes map onto alpha / beta / gamma with ONNX's defaults.
template <UnaryOp Op>
Status activationKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 1));
  const auto& a = ctx.attrs();
  prim::UnaryParams p;
  switch (Op) {
    case UnaryOp::LeakyRelu:
      p.alpha = a.getFloat("alpha", 0.01);
      break;
    case UnaryOp::Elu:
    case UnaryOp::Celu:
    case UnaryOp::ThresholdedRelu:
      p.alpha = a.getFloat("alpha", 1.0);
      break;
    case UnaryOp::Selu:
      p.alpha = a.getFloat("alpha", 1.67326319217681884765625);
      p.gamma = a.getFloat("gamma", 1.05070102214813232421875);
      break;
    case UnaryOp::HardSigmoid:
      p.alpha = a.getFloat("alpha", 0.2);
      p.beta = a.getFloat("beta", 0.5);
      break;
    case UnaryOp::Shrink:
      p.alpha = a.getFloat("lambd", 0.5);
      p.beta = a.getFloat("bias", 0.0);
      break;
    default:
      break;
  }
  // ONNX stores float attributes as float32; round the double the same way for exact parity.
  p.alpha = static_cast<float>(p.alpha);
  p.beta = static_cast<float>(p.beta);
  p.gamma = static_cast<float>(p.gamma);
  return setOutput(ctx, 0, prim::unary(Op, ctx.input(0), p, ctx.pool));
}

Status geluKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 1));
  const std::string approximate = ctx.attrs().getString("approximate", "none");
  if (approximate != "none" && approximate != "tanh")
    return ctx.fail(ErrorCode::InvalidArgument,
                    "approximate must be 'none' or 'tanh', got '" + approximate + "'");
  return setOutput(
      ctx, 0,
      prim::unary(approximate == "tanh" ? UnaryOp::GeluTanh : UnaryOp::GeluErf, ctx.input(0)));
}

Status isInfKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 1));
  prim::UnaryParams p;
  p.alpha = static_cast<double>(ctx.attrs().getInt("detect_positive", 1));
  p.beta = static_cast<double>(ctx.attrs().getInt("detect_negative", 1));
  return setOutput(ctx, 0, prim::unary(UnaryOp::IsInf, ctx.input(0), p));
}

// Clip-6: bounds are attributes (default ±FLT_MAX).
Status clip6Kernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 1));
  prim::UnaryParams p;
  p.alpha = static_cast<float>(ctx.attrs().getFloat("min", -FLT_MAX));
  p.beta = static_cast<float>(ctx.attrs().getFloat("max", FLT_MAX));
  return setOutput(ctx, 0, prim::unary(UnaryOp::Clip, ctx.input(0), p, ctx.pool));
}

// Clip-11+: optional scalar inputs min and max; a missing bound is no bound.
Status clip11Kernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 1));
  prim::UnaryParams p{-INFINITY, INFINITY, 0.0};
  for (size_t i = 1; i <= 2; ++i) {
    if (!ctx.hasInput(i)) continue;
    auto bound = tensor_ops::scalarInput(ctx, i);
    if (!bound) return bound.error();
    (i == 1 ? p.alpha : p.beta) = *bound;
  }
  return setOutput(ctx, 0, prim::unary(UnaryOp::Clip, ctx.input(0), p, ctx.pool));
}

Status castKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 1));
  const int64_t to = ctx.attrs().getInt("to", 0);
  if (!isValidDType(static_cast<int32_t>(to)) || to == 0)
    return ctx.fail(ErrorCode::InvalidArgument,
                    "'to' = " + std::to_string(to) + " is not a known element type");
  return setOutput(ctx, 0, prim::cast(ctx.input(0), static_cast<DType>(to)));
}

Status castLikeKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 2));
  return setOutput(ctx, 0, prim::cast(ctx.input(0), ctx.input(1).dtype()));
}

// Binary arithmetic and comparisons: one registration covers 7–17 (later versions only widened
// the type lists).
MB_ONNX_KERNEL("Add", 7, binaryKernel<BinaryOp::Add>);
MB_ONNX_KERNEL("Sub", 7, binaryKernel<BinaryOp::Sub>);
MB_ONNX_KERNEL("Mul", 7, binaryKernel<BinaryOp::Mul>);
MB_ONNX_KERNEL("Div", 7, binaryKernel<BinaryOp::Div>);
MB_ONNX_KERNEL("Pow", 7, binaryKernel<BinaryOp::Pow>);
MB_ONNX_KERNEL("Mod", 10, modKernel);
MB_ONNX_KERNEL("BitShift", 11, bitShiftKernel);
MB_ONNX_KERNEL("Equal", 7, binaryKernel<BinaryOp::Equal>);
MB_ONNX_KERNEL("Less", 7, binaryKernel<BinaryOp::Less>);
MB_ONNX_KERNEL("LessOrEqual", 12, binaryKernel<BinaryOp::LessEqual>);
MB_ONNX_KERNEL("Greater", 7, binaryKernel<BinaryOp::Greater>);
MB_ONNX_KERNEL("GreaterOrEqual", 12, binaryKernel<BinaryOp::GreaterEqual>);
MB_ONNX_KERNEL("And", 7, binaryKernel<BinaryOp::And>);
MB_ONNX_KERNEL("Or", 7, binaryKernel<BinaryOp::Or>);
MB_ONNX_KERNEL("Xor", 7, binaryKernel<BinaryOp::Xor>);
MB_ONNX_KERNEL("BitwiseAnd", 18, binaryKernel<BinaryOp::BitwiseAnd>);
MB_ONNX_KERNEL("BitwiseOr", 18, binaryKernel<BinaryOp::BitwiseOr>);
MB_ONNX_KERNEL("BitwiseXor", 18, binaryKernel<BinaryOp::BitwiseXor>);
MB_ONNX_KERNEL("BitwiseNot", 18, unaryKernel<UnaryOp::BitwiseNot>);
MB_ONNX_KERNEL("PRelu", 7, binaryKernel<BinaryOp::PRelu>);
MB_ONNX_KERNEL("Sum", 8, variadicKernel<BinaryOp::Add>);
MB_ONNX_KERNEL("Max", 8, variadicKernel<BinaryOp::Max>);
MB_ONNX_KERNEL("Min", 8, variadicKernel<BinaryOp::Min>);
MB_ONNX_KERNEL("Mean", 8, meanKernel);
MB_ONNX_KERNEL("Where", 9, whereKernel);

// Unary math (opset 6 dropped consumed_inputs; later versions widened types only).
MB_ONNX_KERNEL("Identity", 1, unaryKernel<UnaryOp::Identity>);
MB_ONNX_KERNEL("Neg", 6, unaryKernel<UnaryOp::Neg>);
MB_ONNX_KERNEL("Abs", 6, unaryKernel<UnaryOp::Abs>);
MB_ONNX_KERNEL("Sign", 9, unaryKernel<UnaryOp::Sign>);
MB_ONNX_KERNEL("Reciprocal", 6, unaryKernel<UnaryOp::Reciprocal>);
MB_ONNX_KERNEL("Sqrt", 6, unaryKernel<UnaryOp::Sqrt>);
MB_ONNX_KERNEL("Exp", 6, unaryKernel<UnaryOp::Exp>);
MB_ONNX_KERNEL("Log", 6, unaryKernel<UnaryOp::Log>);
MB_ONNX_KERNEL("Floor", 6, unaryKernel<UnaryOp::Floor>);
MB_ONNX_KERNEL("Ceil", 6, unaryKernel<UnaryOp::Ceil>);
MB_ONNX_KERNEL("Round", 11, unaryKernel<UnaryOp::Round>);
MB_ONNX_KERNEL("Erf", 9, unaryKernel<UnaryOp::Erf>);
MB_ONNX_KERNEL("Sin", 7, unaryKernel<UnaryOp::Sin>);
MB_ONNX_KERNEL("Cos", 7, unaryKernel<UnaryOp::Cos>);
MB_ONNX_KERNEL("Tan", 7, unaryKernel<UnaryOp::Tan>);
MB_ONNX_KERNEL("Asin", 7, unaryKernel<UnaryOp::Asin>);
MB_ONNX_KERNEL("Acos", 7, unaryKernel<UnaryOp::Acos>);
MB_ONNX_KERNEL("Atan", 7, unaryKernel<UnaryOp::Atan>);
MB_ONNX_KERNEL("Sinh", 9, unaryKernel<UnaryOp::Sinh>);
MB_ONNX_KERNEL("Cosh", 9, unaryKernel<UnaryOp::Cosh>);
MB_ONNX_KERNEL("Asinh", 9, unaryKernel<UnaryOp::Asinh>);
MB_ONNX_KERNEL("Acosh", 9, unaryKernel<UnaryOp::Acosh>);
MB_ONNX_KERNEL("Atanh", 9, unaryKernel<UnaryOp::Atanh>);
MB_ONNX_KERNEL("Not", 1, unaryKernel<UnaryOp::Not>);
MB_ONNX_KERNEL("IsNaN", 9, unaryKernel<UnaryOp::IsNaN>);
MB_ONNX_KERNEL("IsInf", 10, isInfKernel);

// Activations.
MB_ONNX_KERNEL("Relu", 6, unaryKernel<UnaryOp::Relu>);
MB_ONNX_KERNEL("Sigmoid", 6, unaryKernel<UnaryOp::Sigmoid>);
MB_ONNX_KERNEL("Tanh", 6, unaryKernel<UnaryOp::Tanh>);
MB_ONNX_KERNEL("Softplus", 1, unaryKernel<UnaryOp::Softplus>);
MB_ONNX_KERNEL("Softsign", 1, unaryKernel<UnaryOp::Softsign>);
MB_ONNX_KERNEL("Mish", 18, unaryKernel<UnaryOp::Mish>);
MB_ONNX_KERNEL("HardSwish", 14, unaryKernel<UnaryOp::HardSwish>);
MB_ONNX_KERNEL("Gelu", 20, geluKernel);
MB_ONNX_KERNEL("LeakyRelu", 6, activationKernel<UnaryOp::LeakyRelu>);
MB_ONNX_KERNEL("Elu", 6, activationKernel<UnaryOp::Elu>);
MB_ONNX_KERNEL("Selu", 6, activationKernel<UnaryOp::Selu>);
MB_ONNX_KERNEL("Celu", 12, activationKernel<UnaryOp::Celu>);
MB_ONNX_KERNEL("ThresholdedRelu", 10, activationKernel<UnaryOp::ThresholdedRelu>);
MB_ONNX_KERNEL("HardSigmoid", 6, activationKernel<UnaryOp::HardSigmoid>);
MB_ONNX_KERNEL("Shrink", 9, activationKernel<UnaryOp::Shrink>);
MB_ONNX_KERNEL("Clip", 6, clip6Kernel);
MB_ONNX_KERNEL("Clip", 11, clip11Kernel);

MB_ONNX_KERNEL("Cast", 6, castKernel);
MB_ONNX_KERNEL("CastLike", 15, castLikeKernel);

}  // namespace
}  // namespace mb::exec
