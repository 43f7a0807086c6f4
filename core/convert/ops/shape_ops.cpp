// Shape and layout ops: Reshape, Flatten, Transpose, Squeeze, Unsqueeze, Concat, Split, Slice,
// Expand, Tile, Shape, Size. Literal arguments go to callArgs; arguments computed at run time
// (Shape chains) stay graph inputs, so dynamic dims are never frozen.
#include <climits>

#include "convert/ops/op_helpers.h"

namespace mb::convert::ops {
namespace {

std::string reshapeApi(const ConvertContext& ctx) {
  return ctx.pick("mindspore.ops.reshape", "mindspore.mint.reshape");
}

// Whether a run-time reshape target may hold ONNX's 0 ("copy dim"). torch's exports build targets
// with Concat from Shape gathers and literal pieces: those hold 0 only if a literal piece does.
bool mayHoldZero(const ConvertContext& ctx, ValueId target) {
  const Value& value = ctx.source().value(target);
  if (value.producer == kNoNode) return true;
  const Node& producer = ctx.source().node(value.producer);
  if (producer.opType != "Concat") return producer.opType != "Shape";
  for (ValueId piece : producer.inputs) {
    const Tensor* literal = ctx.constantOf(piece);
    if (!literal) {
      const Value& p = ctx.source().value(piece);
      if (p.producer == kNoNode) return true;  // a graph input: any value
      continue;                                // computed from shapes: sizes, not markers
    }
    for (int64_t v : literal->toInt64Vector())
      if (v == 0) return true;
  }
  return false;
}

ConvertStatus convertReshape(ConvertContext& ctx) {
  std::vector<int64_t> shape;
  const bool allowZero = ctx.attrs().getInt("allowzero", 0) != 0;
  if (!ctx.constantInts(1, shape)) {
    // Computed target (e.g. Shape → Gather → Concat): passed as a tensor, dims stay dynamic.
    ValueId target = ctx.input(1);
    if (!allowZero && mayHoldZero(ctx, ctx.sourceInput(1))) {
      // ONNX 0 = "copy the input dim"; MindSpore's reshape takes sizes only:
      // where(shape == 0, dyn_shape(x)[:len], shape).
      const Shape& targetShape = ctx.inputShape(1);
      const int64_t length =
          targetShape.rankKnown && targetShape.dims.size() == 1 && targetShape.dims[0].isKnown()
              ? targetShape.dims[0].value
              : -1;
      ValueId dims = emitShapeVector(ctx, ctx.input(0), ctx.inputRank(0), length, false, 0, "dims");
      if (dims == kNoValue)
        return ctx.unconverted(
            "Reshape with a run-time shape that may hold 0 (copy dim) needs the "
            "input rank and the shape's length");
      Tensor zero = Tensor::zeros(DType::Int64, {});
      ValueId isZero = ctx.temp(DType::Bool, Shape::ofDims({length}), "copy_dim");
      ctx.addNode(ctx.pick("mindspore.ops.equal", "mindspore.mint.eq"),
                  {target, ctx.constant(std::move(zero), "zero")}, {isZero});
      ValueId resolved = ctx.temp(DType::Int64, Shape::ofDims({length}), "shape");
      ctx.addNode(ctx.pick("mindspore.ops.where", "mindspore.mint.where"), {isZero, dims, target},
                  {resolved});
      target = resolved;
    }
    emitUnary(ctx, reshapeApi(ctx), {ctx.input(0), target});
    return kConverted;
  }
  const Shape& in = ctx.inputShape(0);
  bool hasInferred = std::count(shape.begin(), shape.end(), -1) > 0;
  for (size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] != 0 || allowZero) continue;
    // ONNX 0 = "copy this input dim"; MindSpore has no such marker.
    if (i < in.dims.size() && in.dims[i].isKnown() && !in.dims[i].symbol.size()) {
      shape[i] = in.dims[i].value;
    } else if (!hasInferred) {
      shape[i] = -1;
      hasInferred = true;
    } else {
      return ctx.unconverted(
          "Reshape copies more than one unknown input dim (0 entries) next to a -1");
    }
  }
  emitUnary(ctx, reshapeApi(ctx), {ctx.input(0)})->callArgs.set("shape", shape);
  return kConverted;
}

ConvertStatus convertFlatten(ConvertContext& ctx) {
  int64_t rank = ctx.inputRank(0);
  int64_t axis = ctx.attrs().getInt("axis", 1);
  if (axis < 0) {
    if (rank < 0) return ctx.unconverted("Flatten with a negative axis needs the input rank");
    axis += rank;
  }
  std::string flatten = ctx.pick("mindspore.ops.flatten", "mindspore.mint.flatten");
  if (axis == 0 || (rank >= 0 && axis == rank)) {
    emitUnary(ctx, reshapeApi(ctx), {ctx.input(0)})
        ->callArgs.set("shape",
                       axis == 0 ? std::vector<int64_t>{1, -1} : std::vector<int64_t>{-1, 1});
    return kConverted;
  }
  if (axis == 1) {
    emitUnary(ctx, flatten, {ctx.input(0)})->callArgs.set("start_dim", int64_t{1});
    return kConverted;
  }
  // [d0..d(axis-1)] and [d(axis)..] each collapsed: two flattens keep dynamic dims dynamic.
  ValueId tail = ctx.temp(ctx.inputDType(0), Shape::unknownRank(), "tail_flat");
  ctx.addNode(flatten, {ctx.input(0)}, {tail})->callArgs.set("start_dim", axis);
  NodeRef head = ctx.addNode(flatten, {tail}, {ctx.output(0)});
  head->callArgs.set("start_dim", int64_t{0});
  head->callArgs.set("end_dim", axis - 1);
  return kConverted;
}

ConvertStatus convertTranspose(ConvertContext& ctx) {
  std::vector<int64_t> perm = ctx.attrs().getInts("perm");
  if (perm.empty()) {
    int64_t rank = ctx.inputRank(0);
    if (rank < 0) return ctx.unconverted("Transpose without perm needs the input rank");
    for (int64_t i = rank; i-- > 0;) perm.push_back(i);
  }
  NodeRef n =
      emitUnary(ctx, ctx.pick("mindspore.ops.transpose", "mindspore.mint.permute"), {ctx.input(0)});
  n->callArgs.set(ctx.mint() ? "dims" : "input_perm", perm);
  return kConverted;
}

ConvertStatus convertSqueeze(ConvertContext& ctx) {
  std::vector<int64_t> axes;
  if (!readAxes(ctx, "axes", 1, axes)) return ctx.unconverted("Squeeze axes computed at run time");
  if (axes.empty()) {
    // Squeeze every size-1 dim: only ops.squeeze accepts "no axis".
    emitUnary(ctx, "mindspore.ops.squeeze", {ctx.input(0)});
    return kConverted;
  }
  NodeRef n =
      emitUnary(ctx, ctx.pick("mindspore.ops.squeeze", "mindspore.mint.squeeze"), {ctx.input(0)});
  n->callArgs.set(ctx.mint() ? "dim" : "axis", axes);
  return kConverted;
}

ConvertStatus convertUnsqueeze(ConvertContext& ctx) {
  std::vector<int64_t> axes;
  if (!readAxes(ctx, "axes", 1, axes) || axes.empty())
    return ctx.unconverted("Unsqueeze axes computed at run time");
  int64_t rank = ctx.inputRank(0);
  const int64_t outRank = rank < 0 ? -1 : rank + static_cast<int64_t>(axes.size());
  for (auto& a : axes) {
    if (a < 0 && outRank < 0)
      return ctx.unconverted("Unsqueeze with negative axes needs the input rank");
    a = normAxis(a, outRank);
  }
  std::sort(axes.begin(), axes.end());
  // One dim at a time in ascending order gives the ONNX result (axes refer to the output).
  ValueId current = ctx.input(0);
  for (size_t k = 0; k < axes.size(); ++k) {
    bool last = k + 1 == axes.size();
    ValueId out =
        last ? ctx.output(0) : ctx.temp(ctx.inputDType(0), Shape::unknownRank(), "unsqueezed");
    NodeRef n = ctx.addNode(ctx.pick("mindspore.ops.expand_dims", "mindspore.mint.unsqueeze"),
                            {current}, {out});
    n->callArgs.set(ctx.mint() ? "dim" : "axis", axes[k]);
    current = out;
  }
  return kConverted;
}

ConvertStatus convertConcat(ConvertContext& ctx) {
  std::vector<ValueId> inputs;
  for (size_t i = 0; i < ctx.inputCount(); ++i) inputs.push_back(ctx.input(i));
  NodeRef n =
      emitUnary(ctx, ctx.pick("mindspore.ops.concat", "mindspore.mint.cat"), std::move(inputs));
  n->callArgs.set(ctx.mint() ? "dim" : "axis", ctx.attrs().getInt("axis", 0));
  return kConverted;
}

ConvertStatus convertSplit(ConvertContext& ctx) {
  int64_t axis = ctx.attrs().getInt("axis", 0);
  std::vector<int64_t> sizes = ctx.attrs().getInts("split");
  if (ctx.hasInput(1) && !ctx.constantInts(1, sizes))
    return ctx.unconverted("Split sizes computed at run time");
  std::vector<ValueId> outputs;
  for (size_t i = 0; i < ctx.node().outputs.size(); ++i) outputs.push_back(ctx.output(i));
  const auto n = static_cast<int64_t>(outputs.size());
  const char* axisKey = ctx.mint() ? "dim" : "axis";
  if (!sizes.empty()) {
    NodeRef s = ctx.addNode(ctx.pick("mindspore.ops.split", "mindspore.mint.split"), {ctx.input(0)},
                            outputs);
    s->callArgs.set("split_size_or_sections", sizes);
    s->callArgs.set(axisKey, axis);
    return kConverted;
  }
  // Equal parts (the last one smaller when it does not divide): torch.chunk semantics.
  NodeRef c =
      ctx.addNode(ctx.pick("mindspore.ops.chunk", "mindspore.mint.chunk"), {ctx.input(0)}, outputs);
  c->callArgs.set("chunks", n);
  c->callArgs.set(axisKey, axis);
  return kConverted;
}

// Dynamic slice bound (from a Shape chain): a 1-element tensor squeezed to a scalar.
ValueId scalarOf(ConvertContext& ctx, size_t input, const std::string& hint) {
  ValueId out = ctx.temp(DType::Int64, Shape::ofDims({}), hint);
  ctx.addNode("mindspore.ops.squeeze", {ctx.input(input)}, {out});
  return out;
}

ConvertStatus convertSlice(ConvertContext& ctx) {
  std::vector<int64_t> starts, ends, axes, steps;
  bool dynamicBounds = false;
  if (ctx.opset() < 10) {
    starts = ctx.attrs().getInts("starts");
    ends = ctx.attrs().getInts("ends");
    axes = ctx.attrs().getInts("axes");
  } else {
    dynamicBounds = !ctx.constantInts(1, starts) || !ctx.constantInts(2, ends);
    if (ctx.hasInput(3) && !ctx.constantInts(3, axes))
      return ctx.unconverted("Slice axes computed at run time");
    if (ctx.hasInput(4) && !ctx.constantInts(4, steps))
      return ctx.unconverted("Slice steps computed at run time");
  }
  int64_t rank = ctx.inputRank(0);
  if (dynamicBounds) {
    // Bounds from a Shape chain: gather the index range arange(start, end) along the one axis.
    const Shape& startsShape = ctx.inputShape(1);
    const bool oneBound = startsShape.rankKnown && startsShape.dims.size() == 1 &&
                          startsShape.dims[0].isKnown() && startsShape.dims[0].value == 1;
    if (!oneBound || axes.size() > 1 || (!steps.empty() && steps[0] != 1))
      return ctx.unconverted("Slice with run-time bounds over several axes or with steps");
    int64_t axis = axes.empty() ? 0 : axes[0];
    ValueId begin = scalarOf(ctx, 1, "start"), end = scalarOf(ctx, 2, "end");
    ValueId range = ctx.temp(DType::Int64, Shape::unknownRank(), "range");
    ctx.addNode(ctx.pick("mindspore.ops.arange", "mindspore.mint.arange"), {begin, end}, {range});
    NodeRef g = emitUnary(ctx, ctx.pick("mindspore.ops.gather", "mindspore.mint.index_select"),
                          {ctx.input(0), range});
    g->callArgs.set(ctx.mint() ? "dim" : "axis", axis);
    return kConverted;
  }
  if (axes.empty())
    for (size_t i = 0; i < starts.size(); ++i) axes.push_back(static_cast<int64_t>(i));
  if (steps.empty()) steps.assign(starts.size(), 1);
  if (rank < 0) return ctx.unconverted("Slice needs the input rank");
  if (starts.size() != ends.size() || axes.size() != starts.size() || steps.size() != starts.size())
    return ctx.unconverted("Slice starts/ends/axes/steps differ in length");
  std::vector<int64_t> begin(static_cast<size_t>(rank), 0), end(static_cast<size_t>(rank), 0),
      stride(static_cast<size_t>(rank), 1);
  int64_t beginMask = 0, endMask = 0;
  for (int64_t d = 0; d < rank; ++d) {
    beginMask |= int64_t{1} << d;
    endMask |= int64_t{1} << d;
  }
  const int64_t kHuge = INT_MAX / 2;
  for (size_t k = 0; k < axes.size(); ++k) {
    int64_t a = normAxis(axes[k], rank);
    if (a < 0 || a >= rank) return ctx.unconverted("Slice axis out of range");
    if (steps[k] == 0) return ctx.unconverted("Slice step 0");
    auto ai = static_cast<size_t>(a);
    stride[ai] = steps[k];
    // Bounds beyond ±INT_MAX/2 mean "to the end" (torch exports INT64_MAX): a mask, not a literal.
    if (!(steps[k] > 0 ? starts[k] <= -kHuge : starts[k] >= kHuge)) {
      begin[ai] = starts[k];
      beginMask &= ~(int64_t{1} << a);
    }
    if (!(steps[k] > 0 ? ends[k] >= kHuge : ends[k] <= -kHuge)) {
      end[ai] = ends[k];
      endMask &= ~(int64_t{1} << a);
    }
  }
  NodeRef n = emitUnary(ctx, "mindspore.ops.strided_slice", {ctx.input(0)});
  n->callArgs.set("begin", begin);
  n->callArgs.set("end", end);
  n->callArgs.set("strides", stride);
  if (beginMask) n->callArgs.set("begin_mask", beginMask);
  if (endMask) n->callArgs.set("end_mask", endMask);
  return kConverted;
}

ConvertStatus convertExpand(ConvertContext& ctx) {
  std::string api = ctx.pick("mindspore.ops.broadcast_to", "mindspore.mint.broadcast_to");
  std::vector<int64_t> shape;
  if (!ctx.constantInts(1, shape)) {
    // ONNX Expand broadcasts both ways (a target 1 keeps the input dim, torch exports rely on
    // it); MindSpore's broadcast_to needs the full output shape:
    // maximum(target, input dims), both aligned right to the longer length.
    const Shape& targetShape = ctx.inputShape(1);
    const int64_t length =
        targetShape.rankKnown && targetShape.dims.size() == 1 && targetShape.dims[0].isKnown()
            ? targetShape.dims[0].value
            : -1;
    const int64_t inRank = ctx.inputRank(0);
    if (length < 0 || inRank < 0)
      return ctx.unconverted(
          "Expand with a run-time shape needs the input rank and the shape's "
          "length (ONNX broadcasts both ways, MindSpore's broadcast_to one way)");
    const int64_t outRank = std::max(length, inRank);
    ValueId target = ctx.input(1);
    if (length < outRank) {
      ValueId ones =
          ctx.constant(Tensor::fromVector<int64_t>(
                           DType::Int64, {outRank - length},
                           std::vector<int64_t>(static_cast<size_t>(outRank - length), 1)),
                       "ones");
      ValueId padded = ctx.temp(DType::Int64, Shape::ofDims({outRank}), "target");
      ctx.addNode(ctx.pick("mindspore.ops.concat", "mindspore.mint.cat"), {ones, target}, {padded})
          ->callArgs.set(ctx.mint() ? "dim" : "axis", int64_t{0});
      target = padded;
    }
    ValueId dims = emitShapeVector(ctx, ctx.input(0), inRank, outRank, true, 1, "dims");
    ValueId full = ctx.temp(DType::Int64, Shape::ofDims({outRank}), "shape");
    ctx.addNode(ctx.pick("mindspore.ops.maximum", "mindspore.mint.maximum"), {target, dims},
                {full});
    emitUnary(ctx, api, {ctx.input(0), full});
    return kConverted;
  }
  // ONNX Expand broadcasts both ways; MindSpore's target must cover the input: a target 1 over a
  // larger (or unknown) input dim becomes -1 ("keep").
  const Shape& in = ctx.inputShape(0);
  int64_t inRank = ctx.inputRank(0);
  if (inRank < 0) return ctx.unconverted("Expand needs the input rank");
  const size_t outRank = std::max(shape.size(), static_cast<size_t>(inRank));
  std::vector<int64_t> target(outRank);
  for (size_t i = 0; i < outRank; ++i) {
    int64_t s = i + shape.size() >= outRank ? shape[i + shape.size() - outRank] : 1;
    size_t inIndex = i + static_cast<size_t>(inRank);
    bool hasIn = inIndex >= outRank;
    const Dim* d = hasIn ? &in.dims[inIndex - outRank] : nullptr;
    if (s == 1 && hasIn && !(d->isKnown() && d->value == 1))
      target[i] = -1;
    else
      target[i] = s;
  }
  emitUnary(ctx, api, {ctx.input(0)})->callArgs.set("shape", target);
  return kConverted;
}

ConvertStatus convertTile(ConvertContext& ctx) {
  std::vector<int64_t> repeats;
  std::string api = ctx.pick("mindspore.ops.tile", "mindspore.mint.tile");
  if (!ctx.constantInts(1, repeats)) {
    emitUnary(ctx, api, {ctx.input(0), ctx.input(1)});
    return kConverted;
  }
  emitUnary(ctx, api, {ctx.input(0)})->callArgs.set("dims", repeats);
  return kConverted;
}

ConvertStatus convertShape(ConvertContext& ctx) {
  // ops.dyn_shape returns the shape as an int64 tensor, like ONNX Shape (ops.shape gives a tuple).
  int64_t rank = ctx.inputRank(0);
  bool sliced = ctx.attrs().has("start") || ctx.attrs().has("end");
  if (!sliced) {
    emitUnary(ctx, "mindspore.ops.dyn_shape", {ctx.input(0)});
    return kConverted;
  }
  if (rank < 0) return ctx.unconverted("Shape with start/end needs the input rank");
  int64_t start = std::clamp<int64_t>(normAxis(ctx.attrs().getInt("start", 0), rank), 0, rank);
  int64_t end = std::clamp<int64_t>(normAxis(ctx.attrs().getInt("end", rank), rank), 0, rank);
  ValueId full = ctx.temp(DType::Int64, Shape::ofDims({rank}), "shape");
  ctx.addNode("mindspore.ops.dyn_shape", {ctx.input(0)}, {full});
  NodeRef n = ctx.addNode("mindspore.ops.strided_slice", {full}, {ctx.output(0)});
  n->callArgs.set("begin", std::vector<int64_t>{start});
  n->callArgs.set("end", std::vector<int64_t>{std::max(start, end)});
  n->callArgs.set("strides", std::vector<int64_t>{1});
  return kConverted;
}

ConvertStatus convertSize(ConvertContext& ctx) {
  emitUnary(ctx, "mindspore.ops.size", {ctx.input(0)});
  return kConverted;
}

MB_CONVERTER("Reshape", 5, convertReshape);
MB_CONVERTER("Flatten", 1, convertFlatten);
MB_CONVERTER("Transpose", 1, convertTranspose);
MB_CONVERTER("Squeeze", 1, convertSqueeze);
MB_CONVERTER("Unsqueeze", 1, convertUnsqueeze);
MB_CONVERTER("Concat", 1, convertConcat);
MB_CONVERTER("Split", 1, convertSplit);
MB_CONVERTER("Slice", 1, convertSlice);
MB_CONVERTER("Expand", 8, convertExpand);
MB_CONVERTER("Tile", 6, convertTile);
MB_CONVERTER("Shape", 1, convertShape);
MB_CONVERTER("Size", 1, convertSize);

}  // namespace
}  // namespace mb::convert::ops
