// Elementwise MindSpore APIs: activation Cells (mindspore.nn / mindspore.mint.nn), their functional
// forms (mindspore.ops / mindspore.mint.nn.functional) and math functions (ops / mint). Defaults
// are MindSpore's, which differ from torch's in places that matter: nn.GELU approximates with tanh
// unless approximate=False, nn.LeakyReLU's alpha is 0.2, nn.HSigmoid is relu6(x + 3) / 6.
#include <cmath>
#include <limits>

#include "exec/mindspore/ms_common.h"
#include "exec/primitives/cast.h"
#include "exec/primitives/elementwise.h"
#include "exec/primitives/layout.h"

namespace mb::exec::ms {
namespace {

using prim::BinaryOp;
using prim::UnaryOp;
using prim::UnaryParams;

constexpr double kInf = std::numeric_limits<double>::infinity();

Status runUnary(KernelContext& ctx, UnaryOp op, UnaryParams p = {}) {
  MB_TRY(needInputs(ctx, 1));
  return setOutput(ctx, prim::unary(op, ctx.input(0), p));
}

// ---- activation Cells, classic ----------------------------------------------------------------
Status nnReLU(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {}));
  return runUnary(ctx, UnaryOp::Relu);
}
Status nnReLU6(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {}));
  return runUnary(ctx, UnaryOp::Clip, {0.0, 6.0, 0.0});
}
Status nnSigmoid(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {}));
  return runUnary(ctx, UnaryOp::Sigmoid);
}
Status nnTanh(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {}));
  return runUnary(ctx, UnaryOp::Tanh);
}
// nn.GELU(approximate=True): True = tanh approximation (MindSpore's default), False = erf.
Status nnGELU(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {"approximate"}, {}));
  MB_MS_TRY_ASSIGN(bool approximate, argBool(ctx, ArgSource::Ctor, "approximate", true));
  return runUnary(ctx, approximate ? UnaryOp::GeluTanh : UnaryOp::GeluErf);
}
Status nnLeakyReLU(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {"alpha"}, {}));
  MB_MS_TRY_ASSIGN(double alpha, argFloat(ctx, ArgSource::Ctor, "alpha", 0.2));
  return runUnary(ctx, UnaryOp::LeakyRelu, {alpha, 0, 0});
}
Status nnHSwish(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {}));
  return runUnary(ctx, UnaryOp::HardSwish);
}
// HSigmoid = relu6(x + 3) / 6 = clip(x / 6 + 0.5, 0, 1).
Status nnHSigmoid(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {}));
  return runUnary(ctx, UnaryOp::HardSigmoid, {1.0 / 6.0, 0.5, 0});
}
Status nnSiLU(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {}));
  return runUnary(ctx, UnaryOp::Swish);
}
Status nnELU(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {"alpha"}, {}));
  MB_MS_TRY_ASSIGN(double alpha, argFloat(ctx, ArgSource::Ctor, "alpha", 1.0));
  return runUnary(ctx, UnaryOp::Elu, {alpha, 0, 0});
}
Status nnCELU(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {"alpha"}, {}));
  MB_MS_TRY_ASSIGN(double alpha, argFloat(ctx, ArgSource::Ctor, "alpha", 1.0));
  return runUnary(ctx, UnaryOp::Celu, {alpha, 0, 0});
}
Status selu(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {}));
  return runUnary(ctx, UnaryOp::Selu, {1.6732632423543772, 0, 1.0507009873554805});
}
Status nnMish(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {}));
  return runUnary(ctx, UnaryOp::Mish);
}
Status nnSoftsign(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {}));
  return runUnary(ctx, UnaryOp::Softsign);
}
Status nnHardtanh(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {"min_val", "max_val"}, {}));
  MB_MS_TRY_ASSIGN(double lo, argFloat(ctx, ArgSource::Ctor, "min_val", -1.0));
  MB_MS_TRY_ASSIGN(double hi, argFloat(ctx, ArgSource::Ctor, "max_val", 1.0));
  return runUnary(ctx, UnaryOp::Clip, {lo, hi, 0});
}
// Dropout in inference: identity (MindSpore Cells are in inference mode unless set_train()).
Status identityCell(KernelContext& ctx) {
  MB_TRY(needInputs(ctx, 1));
  return setOutput(ctx, ctx.input(0));
}
Status nnDropout(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {"keep_prob", "p", "dtype"}, {}));
  return identityCell(ctx);
}
Status nnIdentity(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {}));
  return identityCell(ctx);
}

// ---- activation Cells, mint (torch-style arguments) --------------------------------------------
Status mintNoArgs(KernelContext& ctx, UnaryOp op, UnaryParams p = {}) {
  MB_TRY(checkArgNames(ctx, {"inplace"}, {}));
  return runUnary(ctx, op, p);
}
Status mintReLU(KernelContext& ctx) {
  return mintNoArgs(ctx, UnaryOp::Relu);
}
Status mintReLU6(KernelContext& ctx) {
  return mintNoArgs(ctx, UnaryOp::Clip, {0, 6, 0});
}
Status mintSigmoid(KernelContext& ctx) {
  return mintNoArgs(ctx, UnaryOp::Sigmoid);
}
Status mintTanh(KernelContext& ctx) {
  return mintNoArgs(ctx, UnaryOp::Tanh);
}
Status mintSiLU(KernelContext& ctx) {
  return mintNoArgs(ctx, UnaryOp::Swish);
}
Status mintMish(KernelContext& ctx) {
  return mintNoArgs(ctx, UnaryOp::Mish);
}
Status mintHardswish(KernelContext& ctx) {
  return mintNoArgs(ctx, UnaryOp::HardSwish);
}
Status mintHardsigmoid(KernelContext& ctx) {
  return mintNoArgs(ctx, UnaryOp::HardSigmoid, {1.0 / 6.0, 0.5, 0});
}
// mint.nn.GELU(approximate='none' | 'tanh'), torch semantics.
Status mintGELU(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {"approximate"}, {}));
  MB_MS_TRY_ASSIGN(std::string mode, argString(ctx, ArgSource::Ctor, "approximate", "none"));
  if (mode != "none" && mode != "tanh")
    return ctx.fail(ErrorCode::InvalidModel,
                    "approximate must be 'none' or 'tanh', got '" + mode + "'");
  return runUnary(ctx, mode == "tanh" ? UnaryOp::GeluTanh : UnaryOp::GeluErf);
}
Status mintELU(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {"alpha", "inplace"}, {}));
  MB_MS_TRY_ASSIGN(double alpha, argFloat(ctx, ArgSource::Ctor, "alpha", 1.0));
  return runUnary(ctx, UnaryOp::Elu, {alpha, 0, 0});
}
Status mintHardtanh(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {"min_val", "max_val", "inplace"}, {}));
  MB_MS_TRY_ASSIGN(double lo, argFloat(ctx, ArgSource::Ctor, "min_val", -1.0));
  MB_MS_TRY_ASSIGN(double hi, argFloat(ctx, ArgSource::Ctor, "max_val", 1.0));
  return runUnary(ctx, UnaryOp::Clip, {lo, hi, 0});
}
Status mintDropout(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {"p", "inplace"}, {}));
  return identityCell(ctx);
}

// PReLU: classic nn.PReLU(channel, w) with Parameter `w`; mint.nn.PReLU(num_parameters, init) with
// `weight`. One slope per channel (axis 1), or a single shared slope.
Status preluWith(KernelContext& ctx, const Tensor& slope) {
  MB_TRY(needInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  Tensor s = slope;
  if (slope.numel() > 1) {
    if (x.rank() < 2 || x.dims()[1] != slope.numel())
      return ctx.fail(ErrorCode::ShapeMismatch,
                      "PReLU has " + std::to_string(slope.numel()) +
                          " slopes but the input's channel axis is " +
                          (x.rank() < 2 ? std::string("absent") : std::to_string(x.dims()[1])));
    std::vector<int64_t> dims(static_cast<size_t>(x.rank() - 1), 1);
    dims[0] = slope.numel();
    s = slope.reshaped(dims);
  } else {
    s = slope.reshaped({});
  }
  return setOutput(ctx, prim::binary(BinaryOp::PRelu, x, s));
}
Status nnPReLU(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {"channel", "w"}, {}));
  MB_MS_TRY_ASSIGN(const Tensor* w, requireParam(ctx, "w"));
  return preluWith(ctx, *w);
}
Status mintPReLU(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {"num_parameters", "init", "dtype"}, {}));
  MB_MS_TRY_ASSIGN(const Tensor* w, requireParam(ctx, "weight"));
  return preluWith(ctx, *w);
}
// ops.prelu(input, weight): weight is the second input.
Status opsPrelu(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {}));
  MB_TRY(needInputs(ctx, 2));
  return preluWith(ctx, ctx.input(1));
}

// ---- functional activations ---------------------------------------------------------------------
Status opsRelu(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"inplace"}));
  return runUnary(ctx, UnaryOp::Relu);
}
template <UnaryOp Op>
Status plainUnary(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {}));
  return runUnary(ctx, Op);
}
Status relu6Fn(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"inplace"}));
  return runUnary(ctx, UnaryOp::Clip, {0, 6, 0});
}
Status hardsigmoidFn(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"inplace"}));
  return runUnary(ctx, UnaryOp::HardSigmoid, {1.0 / 6.0, 0.5, 0});
}
Status hardswishFn(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"inplace"}));
  return runUnary(ctx, UnaryOp::HardSwish);
}
Status siluFn(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"inplace"}));
  return runUnary(ctx, UnaryOp::Swish);
}
// ops.gelu / mint.nn.functional.gelu(input, approximate='none').
Status geluFn(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"approximate"}));
  MB_MS_TRY_ASSIGN(std::string mode, argString(ctx, ArgSource::Call, "approximate", "none"));
  if (mode != "none" && mode != "tanh")
    return ctx.fail(ErrorCode::InvalidModel,
                    "approximate must be 'none' or 'tanh', got '" + mode + "'");
  return runUnary(ctx, mode == "tanh" ? UnaryOp::GeluTanh : UnaryOp::GeluErf);
}
// ops.leaky_relu(input, alpha=0.2); mint.nn.functional.leaky_relu(input, negative_slope=0.01).
Status opsLeakyRelu(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"alpha"}));
  MB_MS_TRY_ASSIGN(double alpha, argFloat(ctx, ArgSource::Call, "alpha", 0.2));
  return runUnary(ctx, UnaryOp::LeakyRelu, {alpha, 0, 0});
}
Status mintLeakyReluFn(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"negative_slope", "inplace"}));
  MB_MS_TRY_ASSIGN(double slope, argFloat(ctx, ArgSource::Call, "negative_slope", 0.01));
  return runUnary(ctx, UnaryOp::LeakyRelu, {slope, 0, 0});
}
Status eluFn(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"alpha", "inplace"}));
  MB_MS_TRY_ASSIGN(double alpha, argFloat(ctx, ArgSource::Call, "alpha", 1.0));
  return runUnary(ctx, UnaryOp::Elu, {alpha, 0, 0});
}
Status celuFn(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"alpha"}));
  MB_MS_TRY_ASSIGN(double alpha, argFloat(ctx, ArgSource::Call, "alpha", 1.0));
  return runUnary(ctx, UnaryOp::Celu, {alpha, 0, 0});
}
Status hardtanhFn(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"min_val", "max_val", "inplace"}));
  MB_MS_TRY_ASSIGN(double lo, argFloat(ctx, ArgSource::Call, "min_val", -1.0));
  MB_MS_TRY_ASSIGN(double hi, argFloat(ctx, ArgSource::Call, "max_val", 1.0));
  return runUnary(ctx, UnaryOp::Clip, {lo, hi, 0});
}
// softplus(input, beta=1, threshold=20): x·beta > threshold returns x (a linear tail).
Status softplusFn(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"beta", "threshold"}));
  MB_TRY(needInputs(ctx, 1));
  MB_MS_TRY_ASSIGN(double beta, argFloat(ctx, ArgSource::Call, "beta", 1.0));
  MB_MS_TRY_ASSIGN(double threshold, argFloat(ctx, ArgSource::Call, "threshold", 20.0));
  const Tensor& x = ctx.input(0);
  Tensor betaT = prim::filled(x.dtype(), {}, beta);
  MB_MS_TRY_ASSIGN(Tensor scaled, prim::binary(BinaryOp::Mul, x, betaT));
  MB_MS_TRY_ASSIGN(Tensor sp, prim::unary(UnaryOp::Softplus, scaled));
  MB_MS_TRY_ASSIGN(Tensor smooth, prim::binary(BinaryOp::Div, sp, betaT));
  MB_MS_TRY_ASSIGN(Tensor linear,
                   prim::binary(BinaryOp::Greater, scaled, prim::filled(x.dtype(), {}, threshold)));
  return setOutput(ctx, prim::where(linear, x, smooth));
}
Status dropoutFn(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"p", "training", "seed", "inplace"}));
  MB_MS_TRY_ASSIGN(bool training, argBool(ctx, ArgSource::Call, "training", true));
  if (training)
    return ctx.fail(ErrorCode::UnsupportedOp,
                    "dropout with training=True is random; a converted inference graph must pass "
                    "training=False");
  return identityCell(ctx);
}

// ---- math: unary -------------------------------------------------------------------------------
// ops.round(input, *, decimals=0) rounds half to even like numpy.
Status roundFn(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"decimals"}));
  MB_MS_TRY_ASSIGN(int64_t decimals, argInt(ctx, ArgSource::Call, "decimals", 0));
  if (decimals != 0)
    return ctx.fail(ErrorCode::UnsupportedOp, "round with decimals != 0 is not supported");
  return runUnary(ctx, UnaryOp::Round);
}
// clamp / clip_by_value: bounds are call arguments (scalars) or extra tensor inputs.
Status clampWith(KernelContext& ctx, const char* minName, const char* maxName) {
  MB_TRY(checkArgNames(ctx, {}, {minName, maxName}));
  MB_TRY(needInputs(ctx, 1));
  Tensor out = ctx.input(0);
  auto bound = [&](size_t input, const char* name, BinaryOp op) -> Status {
    if (ctx.hasInput(input)) {
      auto r = prim::binary(op, out, ctx.input(input));
      if (!r) return relabel(ctx, r.error());
      out = std::move(*r);
    } else if (argGiven(ctx, ArgSource::Call, name)) {
      auto v = argFloat(ctx, ArgSource::Call, name, 0);
      if (!v) return v.error();
      auto r = prim::binary(op, out, prim::filled(out.dtype(), {}, *v));
      if (!r) return relabel(ctx, r.error());
      out = std::move(*r);
    }
    return Status::ok();
  };
  MB_TRY(bound(1, minName, BinaryOp::Max));
  MB_TRY(bound(2, maxName, BinaryOp::Min));
  return setOutput(ctx, out);
}
Status clampFn(KernelContext& ctx) {
  return clampWith(ctx, "min", "max");
}
Status clipByValueFn(KernelContext& ctx) {
  return clampWith(ctx, "clip_value_min", "clip_value_max");
}

Status squareFn(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {}));
  MB_TRY(needInputs(ctx, 1));
  return setOutput(ctx, prim::binary(BinaryOp::Mul, ctx.input(0), ctx.input(0)));
}

// ---- math: binary ------------------------------------------------------------------------------
Status runBinary(KernelContext& ctx, BinaryOp op) {
  MB_TRY(needInputs(ctx, 2));
  return setOutput(ctx, prim::binary(op, ctx.input(0), ctx.input(1)));
}
template <BinaryOp Op>
Status plainBinary(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {}));
  return runBinary(ctx, Op);
}
// add / sub with torch-style alpha (mint.add(input, other, *, alpha=1)).
template <BinaryOp Op>
Status alphaBinary(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"alpha"}));
  MB_TRY(needInputs(ctx, 2));
  MB_MS_TRY_ASSIGN(double alpha, argFloat(ctx, ArgSource::Call, "alpha", 1.0));
  Tensor other = ctx.input(1);
  if (alpha != 1.0) {
    MB_MS_TRY_ASSIGN(other,
                     prim::binary(BinaryOp::Mul, other, prim::filled(other.dtype(), {}, alpha)));
  }
  return setOutput(ctx, prim::binary(Op, ctx.input(0), other));
}
// div(input, other, *, rounding_mode=None | 'floor' | 'trunc').
Status divFn(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"rounding_mode"}));
  MB_TRY(needInputs(ctx, 2));
  MB_MS_TRY_ASSIGN(std::string mode, argString(ctx, ArgSource::Call, "rounding_mode", ""));
  MB_MS_TRY_ASSIGN(Tensor q, prim::binary(BinaryOp::Div, ctx.input(0), ctx.input(1)));
  if (mode.empty()) return setOutput(ctx, q);
  if (!isFloating(q.dtype())) {
    if (mode == "trunc") return setOutput(ctx, q);  // integer Div truncates toward zero
  }
  if (mode == "floor") {
    if (isFloating(q.dtype())) return setOutput(ctx, prim::unary(UnaryOp::Floor, q));
    // floor for integers: a - mod(a, b), divided exactly.
    MB_MS_TRY_ASSIGN(Tensor m, prim::binary(BinaryOp::Mod, ctx.input(0), ctx.input(1)));
    MB_MS_TRY_ASSIGN(Tensor a, prim::binary(BinaryOp::Sub, ctx.input(0), m));
    return setOutput(ctx, prim::binary(BinaryOp::Div, a, ctx.input(1)));
  }
  if (mode == "trunc") {
    MB_MS_TRY_ASSIGN(Tensor sign, prim::unary(UnaryOp::Sign, q));
    MB_MS_TRY_ASSIGN(Tensor mag, prim::unary(UnaryOp::Abs, q));
    MB_MS_TRY_ASSIGN(Tensor fl, prim::unary(UnaryOp::Floor, mag));
    return setOutput(ctx, prim::binary(BinaryOp::Mul, sign, fl));
  }
  return ctx.fail(ErrorCode::InvalidModel,
                  "rounding_mode must be None, 'floor' or 'trunc', got '" + mode + "'");
}
Status floorDivFn(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {}));
  MB_TRY(needInputs(ctx, 2));
  MB_MS_TRY_ASSIGN(Tensor q, prim::binary(BinaryOp::Div, ctx.input(0), ctx.input(1)));
  if (isFloating(q.dtype())) return setOutput(ctx, prim::unary(UnaryOp::Floor, q));
  MB_MS_TRY_ASSIGN(Tensor m, prim::binary(BinaryOp::Mod, ctx.input(0), ctx.input(1)));
  MB_MS_TRY_ASSIGN(Tensor a, prim::binary(BinaryOp::Sub, ctx.input(0), m));
  return setOutput(ctx, prim::binary(BinaryOp::Div, a, ctx.input(1)));
}

Status whereFn(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {}));
  MB_TRY(needInputs(ctx, 3));
  return setOutput(ctx, prim::where(ctx.input(0), ctx.input(1), ctx.input(2)));
}
// masked_fill(input_x, mask, value): value is a tensor input or a call argument.
Status maskedFillFn(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"value"}));
  MB_TRY(needInputs(ctx, 2));
  Tensor value;
  if (ctx.hasInput(2)) {
    value = ctx.input(2);
  } else {
    MB_MS_TRY_ASSIGN(double v, argFloat(ctx, ArgSource::Call, "value", 0.0));
    value = prim::filled(ctx.input(0).dtype(), {}, v);
  }
  if (value.dtype() != ctx.input(0).dtype()) {
    MB_MS_TRY_ASSIGN(value, prim::cast(value, ctx.input(0).dtype()));
  }
  return setOutput(ctx, prim::where(ctx.input(1), value, ctx.input(0)));
}

// cast(input, dtype) / Tensor.astype: dtype as "mindspore.float32" (or "float32").
Status castFn(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"dtype"}));
  MB_TRY(needInputs(ctx, 1));
  MB_MS_TRY_ASSIGN(std::string text, argString(ctx, ArgSource::Call, "dtype", ""));
  auto to = parseMindSporeDType(text);
  if (!to)
    return ctx.fail(ErrorCode::InvalidModel, "cast needs a MindSpore dtype, got '" + text + "'");
  return setOutput(ctx, prim::cast(ctx.input(0), *to));
}

}  // namespace

// Cells, classic
MB_MINDSPORE_KERNEL("mindspore.nn.ReLU", nnReLU);
MB_MINDSPORE_KERNEL("mindspore.nn.ReLU6", nnReLU6);
MB_MINDSPORE_KERNEL("mindspore.nn.Sigmoid", nnSigmoid);
MB_MINDSPORE_KERNEL("mindspore.nn.Tanh", nnTanh);
MB_MINDSPORE_KERNEL("mindspore.nn.GELU", nnGELU);
MB_MINDSPORE_KERNEL("mindspore.nn.LeakyReLU", nnLeakyReLU);
MB_MINDSPORE_KERNEL("mindspore.nn.HSwish", nnHSwish);
MB_MINDSPORE_KERNEL("mindspore.nn.HSigmoid", nnHSigmoid);
MB_MINDSPORE_KERNEL("mindspore.nn.SiLU", nnSiLU);
MB_MINDSPORE_KERNEL("mindspore.nn.ELU", nnELU);
MB_MINDSPORE_KERNEL("mindspore.nn.CELU", nnCELU);
MB_MINDSPORE_KERNEL("mindspore.nn.SeLU", selu);
MB_MINDSPORE_KERNEL("mindspore.nn.Mish", nnMish);
MB_MINDSPORE_KERNEL("mindspore.nn.Softsign", nnSoftsign);
MB_MINDSPORE_KERNEL("mindspore.nn.Hardtanh", nnHardtanh);
MB_MINDSPORE_KERNEL("mindspore.nn.PReLU", nnPReLU);
MB_MINDSPORE_KERNEL("mindspore.nn.Dropout", nnDropout);
MB_MINDSPORE_KERNEL("mindspore.nn.Identity", nnIdentity);
// Cells, mint
MB_MINDSPORE_KERNEL("mindspore.mint.nn.ReLU", mintReLU);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.ReLU6", mintReLU6);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.Sigmoid", mintSigmoid);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.Tanh", mintTanh);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.SiLU", mintSiLU);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.Mish", mintMish);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.Hardswish", mintHardswish);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.Hardsigmoid", mintHardsigmoid);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.GELU", mintGELU);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.ELU", mintELU);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.Hardtanh", mintHardtanh);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.PReLU", mintPReLU);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.Dropout", mintDropout);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.Identity", nnIdentity);
// Functional activations
MB_MINDSPORE_KERNEL("mindspore.ops.relu", opsRelu);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.functional.relu", opsRelu);
MB_MINDSPORE_KERNEL("mindspore.ops.relu6", relu6Fn);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.functional.relu6", relu6Fn);
MB_MINDSPORE_KERNEL("mindspore.ops.sigmoid", plainUnary<UnaryOp::Sigmoid>);
MB_MINDSPORE_KERNEL("mindspore.mint.sigmoid", plainUnary<UnaryOp::Sigmoid>);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.functional.sigmoid", plainUnary<UnaryOp::Sigmoid>);
MB_MINDSPORE_KERNEL("mindspore.ops.tanh", plainUnary<UnaryOp::Tanh>);
MB_MINDSPORE_KERNEL("mindspore.mint.tanh", plainUnary<UnaryOp::Tanh>);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.functional.tanh", plainUnary<UnaryOp::Tanh>);
MB_MINDSPORE_KERNEL("mindspore.ops.gelu", geluFn);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.functional.gelu", geluFn);
MB_MINDSPORE_KERNEL("mindspore.ops.leaky_relu", opsLeakyRelu);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.functional.leaky_relu", mintLeakyReluFn);
MB_MINDSPORE_KERNEL("mindspore.ops.hardswish", hardswishFn);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.functional.hardswish", hardswishFn);
MB_MINDSPORE_KERNEL("mindspore.ops.hardsigmoid", hardsigmoidFn);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.functional.hardsigmoid", hardsigmoidFn);
MB_MINDSPORE_KERNEL("mindspore.ops.silu", siluFn);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.functional.silu", siluFn);
MB_MINDSPORE_KERNEL("mindspore.ops.mish", plainUnary<UnaryOp::Mish>);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.functional.mish", plainUnary<UnaryOp::Mish>);
MB_MINDSPORE_KERNEL("mindspore.ops.elu", eluFn);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.functional.elu", eluFn);
MB_MINDSPORE_KERNEL("mindspore.ops.celu", celuFn);
MB_MINDSPORE_KERNEL("mindspore.ops.selu", selu);
MB_MINDSPORE_KERNEL("mindspore.ops.softsign", plainUnary<UnaryOp::Softsign>);
MB_MINDSPORE_KERNEL("mindspore.ops.hardtanh", hardtanhFn);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.functional.hardtanh", hardtanhFn);
MB_MINDSPORE_KERNEL("mindspore.ops.softplus", softplusFn);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.functional.softplus", softplusFn);
MB_MINDSPORE_KERNEL("mindspore.ops.prelu", opsPrelu);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.functional.prelu", opsPrelu);
MB_MINDSPORE_KERNEL("mindspore.ops.dropout", dropoutFn);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.functional.dropout", dropoutFn);
// Unary math
MB_MINDSPORE_KERNEL("mindspore.ops.exp", plainUnary<UnaryOp::Exp>);
MB_MINDSPORE_KERNEL("mindspore.mint.exp", plainUnary<UnaryOp::Exp>);
MB_MINDSPORE_KERNEL("mindspore.ops.log", plainUnary<UnaryOp::Log>);
MB_MINDSPORE_KERNEL("mindspore.mint.log", plainUnary<UnaryOp::Log>);
MB_MINDSPORE_KERNEL("mindspore.ops.sqrt", plainUnary<UnaryOp::Sqrt>);
MB_MINDSPORE_KERNEL("mindspore.mint.sqrt", plainUnary<UnaryOp::Sqrt>);
MB_MINDSPORE_KERNEL("mindspore.ops.rsqrt", plainUnary<UnaryOp::Rsqrt>);
MB_MINDSPORE_KERNEL("mindspore.mint.rsqrt", plainUnary<UnaryOp::Rsqrt>);
MB_MINDSPORE_KERNEL("mindspore.ops.abs", plainUnary<UnaryOp::Abs>);
MB_MINDSPORE_KERNEL("mindspore.mint.abs", plainUnary<UnaryOp::Abs>);
MB_MINDSPORE_KERNEL("mindspore.ops.neg", plainUnary<UnaryOp::Neg>);
MB_MINDSPORE_KERNEL("mindspore.mint.neg", plainUnary<UnaryOp::Neg>);
MB_MINDSPORE_KERNEL("mindspore.ops.reciprocal", plainUnary<UnaryOp::Reciprocal>);
MB_MINDSPORE_KERNEL("mindspore.mint.reciprocal", plainUnary<UnaryOp::Reciprocal>);
MB_MINDSPORE_KERNEL("mindspore.ops.floor", plainUnary<UnaryOp::Floor>);
MB_MINDSPORE_KERNEL("mindspore.mint.floor", plainUnary<UnaryOp::Floor>);
MB_MINDSPORE_KERNEL("mindspore.ops.ceil", plainUnary<UnaryOp::Ceil>);
MB_MINDSPORE_KERNEL("mindspore.mint.ceil", plainUnary<UnaryOp::Ceil>);
MB_MINDSPORE_KERNEL("mindspore.ops.round", roundFn);
MB_MINDSPORE_KERNEL("mindspore.mint.round", roundFn);
MB_MINDSPORE_KERNEL("mindspore.ops.erf", plainUnary<UnaryOp::Erf>);
MB_MINDSPORE_KERNEL("mindspore.mint.erf", plainUnary<UnaryOp::Erf>);
MB_MINDSPORE_KERNEL("mindspore.ops.sign", plainUnary<UnaryOp::Sign>);
MB_MINDSPORE_KERNEL("mindspore.mint.sign", plainUnary<UnaryOp::Sign>);
MB_MINDSPORE_KERNEL("mindspore.ops.sin", plainUnary<UnaryOp::Sin>);
MB_MINDSPORE_KERNEL("mindspore.mint.sin", plainUnary<UnaryOp::Sin>);
MB_MINDSPORE_KERNEL("mindspore.ops.cos", plainUnary<UnaryOp::Cos>);
MB_MINDSPORE_KERNEL("mindspore.mint.cos", plainUnary<UnaryOp::Cos>);
MB_MINDSPORE_KERNEL("mindspore.ops.tan", plainUnary<UnaryOp::Tan>);
MB_MINDSPORE_KERNEL("mindspore.ops.asin", plainUnary<UnaryOp::Asin>);
MB_MINDSPORE_KERNEL("mindspore.ops.acos", plainUnary<UnaryOp::Acos>);
MB_MINDSPORE_KERNEL("mindspore.ops.atan", plainUnary<UnaryOp::Atan>);
MB_MINDSPORE_KERNEL("mindspore.ops.sinh", plainUnary<UnaryOp::Sinh>);
MB_MINDSPORE_KERNEL("mindspore.ops.cosh", plainUnary<UnaryOp::Cosh>);
MB_MINDSPORE_KERNEL("mindspore.ops.asinh", plainUnary<UnaryOp::Asinh>);
MB_MINDSPORE_KERNEL("mindspore.ops.acosh", plainUnary<UnaryOp::Acosh>);
MB_MINDSPORE_KERNEL("mindspore.ops.atanh", plainUnary<UnaryOp::Atanh>);
MB_MINDSPORE_KERNEL("mindspore.ops.isnan", plainUnary<UnaryOp::IsNaN>);
MB_MINDSPORE_KERNEL("mindspore.mint.isnan", plainUnary<UnaryOp::IsNaN>);
MB_MINDSPORE_KERNEL("mindspore.ops.logical_not", plainUnary<UnaryOp::Not>);
MB_MINDSPORE_KERNEL("mindspore.mint.logical_not", plainUnary<UnaryOp::Not>);
MB_MINDSPORE_KERNEL("mindspore.ops.square", squareFn);
MB_MINDSPORE_KERNEL("mindspore.mint.square", squareFn);
MB_MINDSPORE_KERNEL("mindspore.ops.clamp", clampFn);
MB_MINDSPORE_KERNEL("mindspore.mint.clamp", clampFn);
MB_MINDSPORE_KERNEL("mindspore.ops.clip_by_value", clipByValueFn);
// Binary math
MB_MINDSPORE_KERNEL("mindspore.ops.add", alphaBinary<BinaryOp::Add>);
MB_MINDSPORE_KERNEL("mindspore.mint.add", alphaBinary<BinaryOp::Add>);
MB_MINDSPORE_KERNEL("mindspore.ops.sub", alphaBinary<BinaryOp::Sub>);
MB_MINDSPORE_KERNEL("mindspore.mint.sub", alphaBinary<BinaryOp::Sub>);
MB_MINDSPORE_KERNEL("mindspore.ops.mul", plainBinary<BinaryOp::Mul>);
MB_MINDSPORE_KERNEL("mindspore.mint.mul", plainBinary<BinaryOp::Mul>);
MB_MINDSPORE_KERNEL("mindspore.ops.div", divFn);
MB_MINDSPORE_KERNEL("mindspore.mint.div", divFn);
MB_MINDSPORE_KERNEL("mindspore.ops.floor_divide", floorDivFn);
MB_MINDSPORE_KERNEL("mindspore.mint.floor_divide", floorDivFn);
MB_MINDSPORE_KERNEL("mindspore.ops.floor_div", floorDivFn);
MB_MINDSPORE_KERNEL("mindspore.ops.pow", plainBinary<BinaryOp::Pow>);
MB_MINDSPORE_KERNEL("mindspore.mint.pow", plainBinary<BinaryOp::Pow>);
MB_MINDSPORE_KERNEL("mindspore.ops.maximum", plainBinary<BinaryOp::Max>);
MB_MINDSPORE_KERNEL("mindspore.mint.maximum", plainBinary<BinaryOp::Max>);
MB_MINDSPORE_KERNEL("mindspore.ops.minimum", plainBinary<BinaryOp::Min>);
MB_MINDSPORE_KERNEL("mindspore.mint.minimum", plainBinary<BinaryOp::Min>);
MB_MINDSPORE_KERNEL("mindspore.ops.fmod", plainBinary<BinaryOp::Fmod>);
MB_MINDSPORE_KERNEL("mindspore.mint.fmod", plainBinary<BinaryOp::Fmod>);
MB_MINDSPORE_KERNEL("mindspore.ops.remainder", plainBinary<BinaryOp::Mod>);
MB_MINDSPORE_KERNEL("mindspore.mint.remainder", plainBinary<BinaryOp::Mod>);
MB_MINDSPORE_KERNEL("mindspore.ops.equal", plainBinary<BinaryOp::Equal>);
MB_MINDSPORE_KERNEL("mindspore.mint.eq", plainBinary<BinaryOp::Equal>);
MB_MINDSPORE_KERNEL("mindspore.ops.less", plainBinary<BinaryOp::Less>);
MB_MINDSPORE_KERNEL("mindspore.mint.less", plainBinary<BinaryOp::Less>);
MB_MINDSPORE_KERNEL("mindspore.mint.lt", plainBinary<BinaryOp::Less>);
MB_MINDSPORE_KERNEL("mindspore.ops.less_equal", plainBinary<BinaryOp::LessEqual>);
MB_MINDSPORE_KERNEL("mindspore.mint.less_equal", plainBinary<BinaryOp::LessEqual>);
MB_MINDSPORE_KERNEL("mindspore.mint.le", plainBinary<BinaryOp::LessEqual>);
MB_MINDSPORE_KERNEL("mindspore.ops.greater", plainBinary<BinaryOp::Greater>);
MB_MINDSPORE_KERNEL("mindspore.mint.greater", plainBinary<BinaryOp::Greater>);
MB_MINDSPORE_KERNEL("mindspore.mint.gt", plainBinary<BinaryOp::Greater>);
MB_MINDSPORE_KERNEL("mindspore.ops.greater_equal", plainBinary<BinaryOp::GreaterEqual>);
MB_MINDSPORE_KERNEL("mindspore.mint.greater_equal", plainBinary<BinaryOp::GreaterEqual>);
MB_MINDSPORE_KERNEL("mindspore.mint.ge", plainBinary<BinaryOp::GreaterEqual>);
MB_MINDSPORE_KERNEL("mindspore.ops.logical_and", plainBinary<BinaryOp::And>);
MB_MINDSPORE_KERNEL("mindspore.mint.logical_and", plainBinary<BinaryOp::And>);
MB_MINDSPORE_KERNEL("mindspore.ops.logical_or", plainBinary<BinaryOp::Or>);
MB_MINDSPORE_KERNEL("mindspore.mint.logical_or", plainBinary<BinaryOp::Or>);
MB_MINDSPORE_KERNEL("mindspore.ops.logical_xor", plainBinary<BinaryOp::Xor>);
MB_MINDSPORE_KERNEL("mindspore.ops.where", whereFn);
MB_MINDSPORE_KERNEL("mindspore.mint.where", whereFn);
MB_MINDSPORE_KERNEL("mindspore.ops.select", whereFn);
MB_MINDSPORE_KERNEL("mindspore.ops.masked_fill", maskedFillFn);
MB_MINDSPORE_KERNEL("mindspore.ops.cast", castFn);

}  // namespace mb::exec::ms
