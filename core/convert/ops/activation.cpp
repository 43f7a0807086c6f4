// Activations: Cells where MindSpore has one with the same semantics (nn.ReLU / mint.nn.ReLU …),
// functions otherwise. Attributes whose MindSpore spelling or default differs are always explicit.
#include "convert/ops/op_helpers.h"

namespace mb::convert::ops {
namespace {

ConvertStatus convertRelu(ConvertContext& ctx) {
  emitUnary(ctx, ctx.pick("mindspore.nn.ReLU", "mindspore.mint.nn.ReLU"), {ctx.input(0)});
  return kConverted;
}

ConvertStatus convertSigmoid(ConvertContext& ctx) {
  emitUnary(ctx, ctx.pick("mindspore.nn.Sigmoid", "mindspore.mint.nn.Sigmoid"), {ctx.input(0)});
  return kConverted;
}

ConvertStatus convertTanh(ConvertContext& ctx) {
  emitUnary(ctx, ctx.pick("mindspore.nn.Tanh", "mindspore.mint.nn.Tanh"), {ctx.input(0)});
  return kConverted;
}

ConvertStatus convertLeakyRelu(ConvertContext& ctx) {
  double alpha = ctx.attrs().getFloat("alpha", 0.01);
  if (ctx.mint()) {
    emitUnary(ctx, "mindspore.mint.nn.functional.leaky_relu", {ctx.input(0)})
        ->callArgs.set("negative_slope", alpha);
  } else {
    // nn.LeakyReLU's default alpha is 0.2 (torch: 0.01), so it is always written out.
    emitUnary(ctx, "mindspore.nn.LeakyReLU", {ctx.input(0)})->attrs.set("alpha", alpha);
  }
  return kConverted;
}

ConvertStatus convertElu(ConvertContext& ctx) {
  NodeRef n = emitUnary(ctx, ctx.pick("mindspore.nn.ELU", "mindspore.mint.nn.ELU"), {ctx.input(0)});
  n->attrs.set("alpha", ctx.attrs().getFloat("alpha", 1.0));
  return kConverted;
}

ConvertStatus convertCelu(ConvertContext& ctx) {
  double alpha = ctx.attrs().getFloat("alpha", 1.0);
  if (ctx.mint())
    emitUnary(ctx, "mindspore.ops.celu", {ctx.input(0)})->callArgs.set("alpha", alpha);
  else
    emitUnary(ctx, "mindspore.nn.CELU", {ctx.input(0)})->attrs.set("alpha", alpha);
  return kConverted;
}

ConvertStatus convertSelu(ConvertContext& ctx) {
  if (!near(ctx.attrs().getFloat("alpha", 1.67326319217681884765625), 1.6732632423543772, 1e-6) ||
      !near(ctx.attrs().getFloat("gamma", 1.05070102214813232421875), 1.0507009873554805, 1e-6))
    return ctx.unconverted("Selu with non-standard alpha/gamma; MindSpore's SeLU fixes them",
                           {"mindspore.ops.elu", "mindspore.ops.mul"});
  emitUnary(ctx, ctx.pick("mindspore.nn.SeLU", "mindspore.mint.nn.SELU"), {ctx.input(0)});
  return kConverted;
}

ConvertStatus convertSoftplus(ConvertContext& ctx) {
  // ONNX Softplus is log(1 + exp(x)); threshold 20 (the default) changes the result by < 3e-9.
  NodeRef n =
      emitUnary(ctx, ctx.pick("mindspore.ops.softplus", "mindspore.mint.nn.functional.softplus"),
                {ctx.input(0)});
  n->callArgs.set("beta", int64_t{1});
  n->callArgs.set("threshold", int64_t{20});
  return kConverted;
}

ConvertStatus convertHardSigmoid(ConvertContext& ctx) {
  double alpha = ctx.attrs().getFloat("alpha", 0.2), beta = ctx.attrs().getFloat("beta", 0.5);
  if (near(alpha, 1.0 / 6.0, 1e-5) && near(beta, 0.5)) {
    emitUnary(ctx, ctx.pick("mindspore.nn.HSigmoid", "mindspore.mint.nn.Hardsigmoid"),
              {ctx.input(0)});
    return kConverted;
  }
  // General form max(0, min(1, alpha·x + beta)).
  DType dt = ctx.inputDType(0);
  const Shape& shape = ctx.inputShape(0);
  ValueId scaled = ctx.temp(dt, shape, "scaled");
  ctx.addNode(ctx.pick("mindspore.ops.mul", "mindspore.mint.mul"),
              {ctx.input(0), ctx.constant(Tensor::scalarFloat(static_cast<float>(alpha)), "alpha")},
              {scaled});
  ValueId shifted = ctx.temp(dt, shape, "shifted");
  ctx.addNode(ctx.pick("mindspore.ops.add", "mindspore.mint.add"),
              {scaled, ctx.constant(Tensor::scalarFloat(static_cast<float>(beta)), "beta")},
              {shifted});
  NodeRef clamp = ctx.addNode(ctx.pick("mindspore.ops.clamp", "mindspore.mint.clamp"), {shifted},
                              {ctx.output(0)});
  clamp->callArgs.set("min", 0.0);
  clamp->callArgs.set("max", 1.0);
  return kConverted;
}

ConvertStatus convertHardSwish(ConvertContext& ctx) {
  emitUnary(ctx, ctx.pick("mindspore.nn.HSwish", "mindspore.mint.nn.Hardswish"), {ctx.input(0)});
  return kConverted;
}

ConvertStatus convertMish(ConvertContext& ctx) {
  emitUnary(ctx, ctx.pick("mindspore.nn.Mish", "mindspore.mint.nn.Mish"), {ctx.input(0)});
  return kConverted;
}

ConvertStatus convertGelu(ConvertContext& ctx) {
  bool tanh = ctx.attrs().getString("approximate", "none") == "tanh";
  NodeRef n =
      emitUnary(ctx, ctx.pick("mindspore.nn.GELU", "mindspore.mint.nn.GELU"), {ctx.input(0)});
  // nn.GELU defaults to the tanh approximation (torch: exact), so the flag is always written.
  if (ctx.mint())
    n->attrs.set("approximate", std::string(tanh ? "tanh" : "none"));
  else
    n->attrs.set("approximate", tanh);
  return kConverted;
}

// ONNX broadcasts the slope to X (numpy rules); MindSpore's PReLU takes one slope or one per
// channel (axis 1). Anything else is where(x < 0, x * slope, x), the same arithmetic.
bool slopePerChannel(const Tensor& slope, const ConvertContext& ctx) {
  if (slope.numel() == 1) return true;
  const int64_t rank = ctx.inputRank(0);
  if (rank < 2 || slope.rank() > rank) return false;
  const Dim& channels = ctx.inputShape(0).dims[1];
  if (!channels.isKnown() || channels.value != slope.numel()) return false;
  // Right-aligned, the slope's only non-1 dim must land on axis 1.
  const int64_t offset = rank - slope.rank();
  for (int64_t d = 0; d < slope.rank(); ++d)
    if (slope.dims()[static_cast<size_t>(d)] != 1 && d + offset != 1) return false;
  return true;
}

ConvertStatus convertPRelu(ConvertContext& ctx) {
  const Tensor* slope = ctx.constantInput(1);
  if (!slope || !slopePerChannel(*slope, ctx)) {
    const DType type = ctx.inputDType(0);
    ValueId negative = ctx.temp(DType::Bool, ctx.inputShape(0), "negative");
    ctx.addNode(ctx.pick("mindspore.ops.less", "mindspore.mint.lt"),
                {ctx.input(0), ctx.constant(Tensor::zeros(type, {}), "zero")}, {negative});
    ValueId scaled = ctx.temp(type, Shape::unknownRank(), "scaled");
    ctx.addNode(ctx.pick("mindspore.ops.mul", "mindspore.mint.mul"), {ctx.input(0), ctx.input(1)},
                {scaled});
    emitUnary(ctx, ctx.pick("mindspore.ops.where", "mindspore.mint.where"),
              {negative, scaled, ctx.input(0)});
    return kConverted;
  }
  const int64_t channels = slope->numel();
  NodeRef cell =
      emitUnary(ctx, ctx.pick("mindspore.nn.PReLU", "mindspore.mint.nn.PReLU"), {ctx.input(0)});
  cell->attrs.set(ctx.mint() ? "num_parameters" : "channel", channels);
  Tensor w = slope->reshaped({channels});
  ctx.param(cell, ctx.mint() ? "weight" : "w", w, ctx.initializerNames(1),
            slope->rank() == 1 ? std::string()
                               : "reshaped " + dimsToString(slope->dims()) + " → [" +
                                     std::to_string(channels) + "]",
            "weight");
  return kConverted;
}

// Softmax / LogSoftmax. Opset ≥ 13: along one axis, as MindSpore. Before 13: over all dims from
// `axis` on (the input is viewed as 2-D), which equals the 1-axis form only when axis is last.
ConvertStatus convertSoftmaxFamily(ConvertContext& ctx, bool log) {
  const bool modern = ctx.opset() >= 13;
  int64_t rank = ctx.inputRank(0);
  int64_t axis = ctx.attrs().getInt("axis", modern ? -1 : 1);
  std::string cell = log ? ctx.pick("mindspore.nn.LogSoftmax", "mindspore.mint.nn.LogSoftmax")
                         : ctx.pick("mindspore.nn.Softmax", "mindspore.mint.nn.Softmax");
  const char* key = ctx.mint() ? "dim" : "axis";
  if (modern || (rank >= 0 && normAxis(axis, rank) == rank - 1)) {
    emitUnary(ctx, cell, {ctx.input(0)})->attrs.set(key, axis);
    return kConverted;
  }
  if (rank < 0)
    return ctx.unconverted("Softmax (opset < 13) with a non-last axis needs the input rank");
  // Flatten dims from axis on, normalise the last dim, restore the shape.
  DType dt = ctx.inputDType(0);
  ValueId flat = ctx.temp(dt, Shape::unknownRank(), "flat");
  NodeRef f = ctx.addNode(ctx.pick("mindspore.ops.flatten", "mindspore.mint.flatten"),
                          {ctx.input(0)}, {flat});
  f->callArgs.set("start_dim", normAxis(axis, rank));
  ValueId normed = ctx.temp(dt, Shape::unknownRank(), "normed");
  ctx.addNode(cell, {flat}, {normed})->attrs.set(key, int64_t{-1});
  ValueId shape = ctx.temp(DType::Int64, Shape::ofDims({rank}), "shape");
  ctx.addNode("mindspore.ops.dyn_shape", {ctx.input(0)}, {shape});
  ctx.addNode(ctx.pick("mindspore.ops.reshape", "mindspore.mint.reshape"), {normed, shape},
              {ctx.output(0)});
  return kConverted;
}

ConvertStatus convertSoftmax(ConvertContext& ctx) {
  return convertSoftmaxFamily(ctx, false);
}
ConvertStatus convertLogSoftmax(ConvertContext& ctx) {
  return convertSoftmaxFamily(ctx, true);
}

ConvertStatus convertThresholdedRelu(ConvertContext& ctx) {
  NodeRef n = emitUnary(ctx, ctx.pick("mindspore.nn.Threshold", "mindspore.mint.nn.Threshold"),
                        {ctx.input(0)});
  n->attrs.set("threshold", ctx.attrs().getFloat("alpha", 1.0));
  n->attrs.set("value", 0.0);
  return kConverted;
}

ConvertStatus convertShrink(ConvertContext& ctx) {
  double bias = ctx.attrs().getFloat("bias", 0.0), lambd = ctx.attrs().getFloat("lambd", 0.5);
  std::string api;
  if (bias == 0.0)
    api = ctx.pick("mindspore.nn.HShrink", "mindspore.mint.nn.Hardshrink");
  else if (near(bias, lambd))
    api = ctx.pick("mindspore.nn.SoftShrink", "mindspore.mint.nn.Softshrink");
  else
    return ctx.unconverted("Shrink with bias ∉ {0, lambd} has no MindSpore Cell",
                           {"mindspore.ops.where"});
  emitUnary(ctx, api, {ctx.input(0)})->attrs.set("lambd", lambd);
  return kConverted;
}

// Clip: ReLU6 when it is one (MobileNet), else clamp with literal or tensor bounds.
ConvertStatus convertClip(ConvertContext& ctx) {
  bool hasMin = false, hasMax = false;
  double lo = 0, hi = 0;
  if (ctx.opset() < 11) {
    hasMin = ctx.attrs().has("min");
    hasMax = ctx.attrs().has("max");
    lo = ctx.attrs().getFloat("min", 0);
    hi = ctx.attrs().getFloat("max", 0);
  } else {
    if (ctx.hasInput(1)) {
      if (!ctx.constantScalar(1, lo)) {
        NodeRef n =
            emitUnary(ctx, ctx.pick("mindspore.ops.clamp", "mindspore.mint.clamp"),
                      {ctx.input(0), ctx.input(1), ctx.hasInput(2) ? ctx.input(2) : kNoValue});
        (void)n;
        return kConverted;
      }
      hasMin = true;
    }
    if (ctx.hasInput(2)) {
      if (!ctx.constantScalar(2, hi)) {
        emitUnary(ctx, ctx.pick("mindspore.ops.clamp", "mindspore.mint.clamp"),
                  {ctx.input(0), ctx.hasInput(1) ? ctx.input(1) : kNoValue, ctx.input(2)});
        return kConverted;
      }
      hasMax = true;
    }
  }
  if (hasMin && hasMax && lo == 0.0 && hi == 6.0) {
    emitUnary(ctx, ctx.pick("mindspore.nn.ReLU6", "mindspore.mint.nn.ReLU6"), {ctx.input(0)});
    return kConverted;
  }
  NodeRef n =
      emitUnary(ctx, ctx.pick("mindspore.ops.clamp", "mindspore.mint.clamp"), {ctx.input(0)});
  bool integral = isInteger(ctx.inputDType(0));
  if (hasMin)
    n->callArgs.set("min", integral ? Attribute(static_cast<int64_t>(lo)) : Attribute(lo));
  if (hasMax)
    n->callArgs.set("max", integral ? Attribute(static_cast<int64_t>(hi)) : Attribute(hi));
  return kConverted;
}

MB_CONVERTER("Relu", 1, convertRelu);
MB_CONVERTER("Sigmoid", 1, convertSigmoid);
MB_CONVERTER("Tanh", 1, convertTanh);
MB_CONVERTER("LeakyRelu", 1, convertLeakyRelu);
MB_CONVERTER("Elu", 1, convertElu);
MB_CONVERTER("Celu", 12, convertCelu);
MB_CONVERTER("Selu", 1, convertSelu);
MB_CONVERTER("Softplus", 1, convertSoftplus);
MB_CONVERTER("HardSigmoid", 1, convertHardSigmoid);
MB_CONVERTER("HardSwish", 14, convertHardSwish);
MB_CONVERTER("Mish", 18, convertMish);
MB_CONVERTER("Gelu", 20, convertGelu);
MB_DOMAIN_CONVERTER("com.microsoft", "Gelu", 1, convertGelu);
MB_CONVERTER("PRelu", 1, convertPRelu);
MB_CONVERTER("Softmax", 1, convertSoftmax);
MB_CONVERTER("LogSoftmax", 1, convertLogSoftmax);
MB_CONVERTER("ThresholdedRelu", 10, convertThresholdedRelu);
MB_CONVERTER("Shrink", 9, convertShrink);
MB_CONVERTER("Clip", 1, convertClip);

}  // namespace
}  // namespace mb::convert::ops
