// Element-wise ONNX ops: unary math, binary arithmetic / comparison / logic (numpy broadcasting,
// the same in MindSpore), and the variadic Max / Min / Sum / Mean.
#include <cstring>

#include "convert/ops/op_helpers.h"

namespace mb::convert::ops {
namespace {

struct ApiPair {
  const char* onnx;
  const char* classic;
  const char* mint;
};

// ONNX op → functional API with the same element-wise semantics (first arg = input).
const ApiPair kUnary[] = {
    {"Abs", "mindspore.ops.abs", "mindspore.mint.abs"},
    {"Acos", "mindspore.ops.acos", "mindspore.mint.acos"},
    {"Acosh", "mindspore.ops.acosh", "mindspore.mint.acosh"},
    {"Asin", "mindspore.ops.asin", "mindspore.mint.asin"},
    {"Asinh", "mindspore.ops.asinh", "mindspore.mint.asinh"},
    {"Atan", "mindspore.ops.atan", "mindspore.mint.atan"},
    {"Atanh", "mindspore.ops.atanh", "mindspore.mint.atanh"},
    {"Ceil", "mindspore.ops.ceil", "mindspore.mint.ceil"},
    {"Cos", "mindspore.ops.cos", "mindspore.mint.cos"},
    {"Cosh", "mindspore.ops.cosh", "mindspore.mint.cosh"},
    {"Erf", "mindspore.ops.erf", "mindspore.mint.erf"},
    {"Exp", "mindspore.ops.exp", "mindspore.mint.exp"},
    {"Floor", "mindspore.ops.floor", "mindspore.mint.floor"},
    {"IsNaN", "mindspore.ops.isnan", "mindspore.mint.isnan"},
    {"Log", "mindspore.ops.log", "mindspore.mint.log"},
    {"Neg", "mindspore.ops.neg", "mindspore.mint.neg"},
    {"Not", "mindspore.ops.logical_not", "mindspore.mint.logical_not"},
    {"Reciprocal", "mindspore.ops.reciprocal", "mindspore.mint.reciprocal"},
    {"Round", "mindspore.ops.round", "mindspore.mint.round"},  // both round half to even
    {"Sign", "mindspore.ops.sign", "mindspore.mint.sign"},
    {"Sin", "mindspore.ops.sin", "mindspore.mint.sin"},
    {"Sinh", "mindspore.ops.sinh", "mindspore.mint.sinh"},
    {"Sqrt", "mindspore.ops.sqrt", "mindspore.mint.sqrt"},
    {"Tan", "mindspore.ops.tan", "mindspore.mint.tan"},
    {"BitwiseNot", "mindspore.ops.invert", "mindspore.mint.bitwise_not"},
    {"Softsign", "mindspore.ops.softsign", "mindspore.ops.softsign"},  // no mint spelling
};

const ApiPair kBinary[] = {
    {"Add", "mindspore.ops.add", "mindspore.mint.add"},
    {"Sub", "mindspore.ops.sub", "mindspore.mint.sub"},
    {"Mul", "mindspore.ops.mul", "mindspore.mint.mul"},
    {"Div", "mindspore.ops.div", "mindspore.mint.div"},
    {"Pow", "mindspore.ops.pow", "mindspore.mint.pow"},
    {"Equal", "mindspore.ops.equal", "mindspore.mint.eq"},
    {"Less", "mindspore.ops.less", "mindspore.mint.lt"},
    {"LessOrEqual", "mindspore.ops.less_equal", "mindspore.mint.le"},
    {"Greater", "mindspore.ops.greater", "mindspore.mint.gt"},
    {"GreaterOrEqual", "mindspore.ops.greater_equal", "mindspore.mint.ge"},
    {"And", "mindspore.ops.logical_and", "mindspore.mint.logical_and"},
    {"Or", "mindspore.ops.logical_or", "mindspore.mint.logical_or"},
    {"Xor", "mindspore.ops.logical_xor", "mindspore.mint.logical_xor"},
    {"BitwiseAnd", "mindspore.ops.bitwise_and", "mindspore.mint.bitwise_and"},
    {"BitwiseOr", "mindspore.ops.bitwise_or", "mindspore.mint.bitwise_or"},
    {"BitwiseXor", "mindspore.ops.bitwise_xor", "mindspore.mint.bitwise_xor"},
};

const ApiPair* find(const ApiPair* begin, const ApiPair* end, const std::string& op) {
  for (const ApiPair* p = begin; p != end; ++p)
    if (op == p->onnx) return p;
  return nullptr;
}

ConvertStatus convertUnary(ConvertContext& ctx) {
  const ApiPair* p = find(std::begin(kUnary), std::end(kUnary), ctx.opType());
  if (!p) return ctx.unconverted("no unary mapping for " + ctx.opType());
  emitUnary(ctx, ctx.mint() ? p->mint : p->classic, {ctx.input(0)});
  return kConverted;
}

ConvertStatus convertBinary(ConvertContext& ctx) {
  const ApiPair* p = find(std::begin(kBinary), std::end(kBinary), ctx.opType());
  if (!p) return ctx.unconverted("no binary mapping for " + ctx.opType());
  NodeRef n = emitUnary(ctx, ctx.mint() ? p->mint : p->classic, {ctx.input(0), ctx.input(1)});
  // ONNX integer Div truncates toward zero; MindSpore's div is true division unless told otherwise.
  if (ctx.opType() == "Div" && isInteger(ctx.inputDType(0)))
    n->callArgs.set("rounding_mode", std::string("trunc"));
  return kConverted;
}

ConvertStatus convertIsInf(ConvertContext& ctx) {
  if (ctx.attrs().getInt("detect_positive", 1) == 0 ||
      ctx.attrs().getInt("detect_negative", 1) == 0)
    return ctx.unconverted(
        "IsInf detecting only one sign has no MindSpore equivalent; compose isinf with sign",
        {"mindspore.ops.isinf", "mindspore.ops.sign"});
  emitUnary(ctx, ctx.pick("mindspore.ops.isinf", "mindspore.mint.isinf"), {ctx.input(0)});
  return kConverted;
}

ConvertStatus convertMod(ConvertContext& ctx) {
  // fmod=1: sign of the dividend (C fmod); fmod=0: sign of the divisor (Python %, remainder).
  bool fmod = ctx.attrs().getInt("fmod", 0) != 0;
  std::string api = fmod ? ctx.pick("mindspore.ops.fmod", "mindspore.mint.fmod")
                         : ctx.pick("mindspore.ops.remainder", "mindspore.mint.remainder");
  emitUnary(ctx, api, {ctx.input(0), ctx.input(1)});
  return kConverted;
}

// Max / Min / Sum / Mean over any number of inputs: a chain of binary ops.
ConvertStatus convertVariadic(ConvertContext& ctx) {
  const std::string& op = ctx.opType();
  std::string api = op == "Max"   ? ctx.pick("mindspore.ops.maximum", "mindspore.mint.maximum")
                    : op == "Min" ? ctx.pick("mindspore.ops.minimum", "mindspore.mint.minimum")
                                  : ctx.pick("mindspore.ops.add", "mindspore.mint.add");
  const size_t n = ctx.inputCount();
  if (n == 0) return ctx.unconverted(op + " without inputs");
  if (n == 1 && op != "Mean") {
    emitUnary(ctx, ctx.pick("mindspore.nn.Identity", "mindspore.mint.nn.Identity"), {ctx.input(0)});
    return kConverted;
  }
  ValueId acc = ctx.input(0);
  for (size_t i = 1; i < n; ++i) {
    bool last = i + 1 == n && op != "Mean";
    ValueId out =
        last ? ctx.output(0) : ctx.temp(ctx.outputValue(0).dtype, ctx.outputShape(0), "partial");
    ctx.addNode(api, {acc, ctx.input(i)}, {out});
    acc = out;
  }
  if (op == "Mean") {
    DType dt =
        ctx.outputValue(0).dtype == DType::Undefined ? DType::Float32 : ctx.outputValue(0).dtype;
    Tensor count = Tensor::zeros(dt, {});
    if (dt == DType::Float64)
      count.mutableData<double>()[0] = static_cast<double>(n);
    else
      count = Tensor::scalarFloat(static_cast<float>(n));
    ctx.addNode(ctx.pick("mindspore.ops.div", "mindspore.mint.div"),
                {acc, ctx.constant(count, "count")}, {ctx.output(0)});
  }
  return kConverted;
}

const bool kRegistered = [] {
  for (const auto& p : kUnary) registerConverter("", p.onnx, 1, convertUnary);
  for (const auto& p : kBinary) registerConverter("", p.onnx, 1, convertBinary);
  for (const char* op : {"Max", "Min", "Sum", "Mean"})
    registerConverter("", op, 1, convertVariadic);
  registerConverter("", "IsInf", 10, convertIsInf);
  registerConverter("", "Mod", 10, convertMod);
  return true;
}();

}  // namespace
}  // namespace mb::convert::ops
