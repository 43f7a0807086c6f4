// Indexing, generation and selection ops: Gather (incl. Embedding lookups), GatherElements,
// GatherND, ScatterND, ScatterElements, ConstantOfShape, Range, Where, Cast, Identity, Dropout,
// Constant, NonZero, Trilu, OneHot, CumSum, TopK, ArgMax / ArgMin, Einsum.
#include "convert/ops/op_helpers.h"

namespace mb::convert::ops {
namespace {

bool hasNegative(const Tensor& t) {
  for (int64_t v : t.toInt64Vector())
    if (v < 0) return true;
  return false;
}

// ONNX indices may count from the end; MindSpore's gather / gather_elements take [0, size) only.
// Run-time indices into a dim of known size are wrapped in the graph (unknown size: passed as
// they are, MindSpore's range applies).
ValueId wrapRunTimeIndices(ConvertContext& ctx, ValueId indices, int64_t axis) {
  const int64_t rank = ctx.inputRank(0);
  const int64_t a = normAxis(axis, rank);
  const DType type = ctx.inputDType(1);
  if (rank < 0 || a < 0 || a >= rank || (type != DType::Int64 && type != DType::Int32))
    return indices;
  const Dim& dim = ctx.inputShape(0).dims[static_cast<size_t>(a)];
  if (!dim.isKnown() || !dim.symbol.empty()) return indices;
  return emitWrappedIndices(ctx, indices, type, dim.value, "indices");
}

// A float 2-D initializer gathered along axis 0 by run-time ids is an Embedding table.
ConvertStatus convertGather(ConvertContext& ctx) {
  int64_t axis = ctx.attrs().getInt("axis", 0);
  const Tensor* table = ctx.constantInput(0);
  if (table && axis == 0 && table->rank() == 2 && isFloating(table->dtype()) &&
      !ctx.constantInput(1)) {
    NodeRef cell = emitUnary(ctx, ctx.pick("mindspore.nn.Embedding", "mindspore.mint.nn.Embedding"),
                             {ctx.input(1)});
    cell->attrs.set(ctx.mint() ? "num_embeddings" : "vocab_size", table->dims()[0]);
    cell->attrs.set(ctx.mint() ? "embedding_dim" : "embedding_size", table->dims()[1]);
    ctx.param(cell, ctx.mint() ? "weight" : "embedding_table", *table, ctx.initializerNames(0), {},
              "weight");
    return kConverted;
  }
  ValueId indices = ctx.input(1);
  // MindSpore's gather has no negative indices: normalise literal ones against the known dim.
  if (const Tensor* idx = ctx.constantInput(1)) {
    std::vector<int64_t> values = idx->toInt64Vector();
    if (std::any_of(values.begin(), values.end(), [](int64_t v) { return v < 0; })) {
      int64_t rank = ctx.inputRank(0);
      const Shape& s = ctx.inputShape(0);
      int64_t a = normAxis(axis, rank);
      if (rank < 0 || a < 0 || a >= rank)
        return ctx.unconverted("Gather with negative literal indices needs the data rank");
      if (!s.dims[static_cast<size_t>(a)].isKnown()) {
        // One negative index into a dim of unknown size: a strided slice counts from the end.
        if (values.size() != 1)
          return ctx.unconverted("Gather with several negative indices on a dynamic dim");
        std::vector<int64_t> begin(static_cast<size_t>(rank), 0), end(static_cast<size_t>(rank), 0),
            strides(static_cast<size_t>(rank), 1);
        int64_t beginMask = 0, endMask = 0;
        for (int64_t d = 0; d < rank; ++d)
          if (d != a) {
            beginMask |= int64_t{1} << d;
            endMask |= int64_t{1} << d;
          }
        begin[static_cast<size_t>(a)] = values[0];
        if (values[0] == -1)
          endMask |= int64_t{1} << a;
        else
          end[static_cast<size_t>(a)] = values[0] + 1;
        const bool scalarIndex = idx->rank() == 0;
        ValueId sliced = scalarIndex ? ctx.temp(ctx.inputDType(0), Shape::unknownRank(), "slice")
                                     : ctx.output(0);
        NodeRef sl = ctx.addNode("mindspore.ops.strided_slice", {ctx.input(0)}, {sliced});
        sl->callArgs.set("begin", begin);
        sl->callArgs.set("end", end);
        sl->callArgs.set("strides", strides);
        if (beginMask) sl->callArgs.set("begin_mask", beginMask);
        sl->callArgs.set("end_mask", endMask);
        if (scalarIndex)
          ctx.addNode(ctx.pick("mindspore.ops.squeeze", "mindspore.mint.squeeze"), {sliced},
                      {ctx.output(0)})
              ->callArgs.set(ctx.mint() ? "dim" : "axis", std::vector<int64_t>{a});
        return kConverted;
      }
      for (auto& v : values)
        if (v < 0) v += s.dims[static_cast<size_t>(a)].value;
      indices =
          ctx.constant(Tensor::fromVector<int64_t>(DType::Int64, idx->dims(), values), "indices");
    }
  } else {
    indices = wrapRunTimeIndices(ctx, indices, axis);
  }
  NodeRef n = emitUnary(ctx, "mindspore.ops.gather", {ctx.input(0), indices});
  n->callArgs.set("axis", axis);
  return kConverted;
}

ConvertStatus convertGatherElements(ConvertContext& ctx) {
  ValueId indices = ctx.input(1);
  if (!ctx.constantInput(1) || hasNegative(*ctx.constantInput(1)))
    indices = wrapRunTimeIndices(ctx, indices, ctx.attrs().getInt("axis", 0));
  NodeRef n = emitUnary(ctx, ctx.pick("mindspore.ops.gather_elements", "mindspore.mint.gather"),
                        {ctx.input(0), indices});
  n->callArgs.set("dim", ctx.attrs().getInt("axis", 0));
  return kConverted;
}

ConvertStatus convertGatherND(ConvertContext& ctx) {
  if (ctx.attrs().getInt("batch_dims", 0) != 0)
    return ctx.unconverted("GatherND with batch_dims has no MindSpore equivalent",
                           {"mindspore.ops.gather_nd"});
  emitUnary(ctx, "mindspore.ops.gather_nd", {ctx.input(0), ctx.input(1)});
  return kConverted;
}

ConvertStatus convertScatterND(ConvertContext& ctx) {
  std::string reduction = ctx.attrs().getString("reduction", "none");
  std::string api = reduction == "none"  ? "mindspore.ops.tensor_scatter_update"
                    : reduction == "add" ? "mindspore.ops.tensor_scatter_add"
                    : reduction == "mul" ? "mindspore.ops.tensor_scatter_mul"
                    : reduction == "max" ? "mindspore.ops.tensor_scatter_max"
                    : reduction == "min" ? "mindspore.ops.tensor_scatter_min"
                                         : "";
  if (api.empty()) return ctx.unconverted("ScatterND reduction '" + reduction + "'");
  emitUnary(ctx, api, {ctx.input(0), ctx.input(1), ctx.input(2)});
  return kConverted;
}

ConvertStatus convertScatterElements(ConvertContext& ctx) {
  std::string reduction = ctx.attrs().getString("reduction", "none");
  int64_t axis = ctx.attrs().getInt("axis", 0);
  if (reduction != "none" && reduction != "add")
    return ctx.unconverted("ScatterElements reduction '" + reduction + "' (MindSpore: none, add)");
  if (ctx.mint() && reduction == "none") {
    emitUnary(ctx, "mindspore.mint.scatter", {ctx.input(0), ctx.input(1), ctx.input(2)})
        ->callArgs.set("dim", axis);
    return kConverted;
  }
  NodeRef n = emitUnary(ctx, "mindspore.ops.tensor_scatter_elements",
                        {ctx.input(0), ctx.input(1), ctx.input(2)});
  n->callArgs.set("axis", axis);
  n->callArgs.set("reduction", reduction);
  return kConverted;
}

ConvertStatus convertConstantOfShape(ConvertContext& ctx) {
  Tensor fill = Tensor::scalarFloat(0.0f);
  if (const Attribute* a = ctx.attrs().find("value"); a && a->is<Tensor>()) fill = a->as<Tensor>();
  if (fill.numel() != 1) return ctx.unconverted("ConstantOfShape value must hold one element");
  NodeRef n = emitUnary(ctx, ctx.pick("mindspore.ops.full", "mindspore.mint.full"), {ctx.input(0)});
  n->callArgs.set("fill_value", isFloating(fill.dtype()) ? Attribute(fill.elementAsDouble(0))
                                                         : Attribute(fill.elementAsInt64(0)));
  n->callArgs.set("dtype", msDType(fill.dtype()));
  return kConverted;
}

ConvertStatus convertRange(ConvertContext& ctx) {
  NodeRef n = emitUnary(ctx, ctx.pick("mindspore.ops.arange", "mindspore.mint.arange"),
                        {ctx.input(0), ctx.input(1), ctx.input(2)});
  n->callArgs.set("dtype", msDType(ctx.inputDType(0)));
  return kConverted;
}

ConvertStatus convertWhere(ConvertContext& ctx) {
  emitUnary(ctx, ctx.pick("mindspore.ops.where", "mindspore.mint.where"),
            {ctx.input(0), ctx.input(1), ctx.input(2)});
  return kConverted;
}

ConvertStatus convertCast(ConvertContext& ctx) {
  DType to = ctx.opType() == "CastLike" ? ctx.inputDType(1)
                                        : static_cast<DType>(ctx.attrs().getInt("to", 0));
  std::string dtype = msDType(to);
  if (dtype.empty()) return ctx.unconverted("Cast to a dtype MindSpore has no name for");
  emitUnary(ctx, "mindspore.ops.cast", {ctx.input(0)})->callArgs.set("dtype", dtype);
  return kConverted;
}

ConvertStatus convertIdentity(ConvertContext& ctx) {
  emitUnary(ctx, ctx.pick("mindspore.nn.Identity", "mindspore.mint.nn.Identity"), {ctx.input(0)});
  return kConverted;
}

// Constants are usually folded into their consumers; this handles one that is a graph output.
ConvertStatus convertConstant(ConvertContext& ctx) {
  const Tensor* value = ctx.constantOf(ctx.node().outputs[0]);
  if (!value) return ctx.unconverted("Constant without a tensor value (sparse or string)");
  ValueId c = ctx.constant(*value, "value");
  emitUnary(ctx, ctx.pick("mindspore.nn.Identity", "mindspore.mint.nn.Identity"), {c});
  return kConverted;
}

// Kept as a Dropout Cell (p = ratio) so training code sees it; identity in inference mode.
ConvertStatus convertDropout(ConvertContext& ctx) {
  if (ctx.outputUsed(1))
    return ctx.unconverted("Dropout's mask output is used; MindSpore's Dropout returns no mask");
  double ratio = ctx.attrs().getFloat("ratio", 0.5);
  if (ctx.hasInput(1) && !ctx.constantScalar(1, ratio))
    return ctx.unconverted("Dropout ratio computed at run time");
  NodeRef n = ctx.addNode(ctx.pick("mindspore.nn.Dropout", "mindspore.mint.nn.Dropout"),
                          {ctx.input(0)}, {ctx.output(0)});
  n->attrs.set("p", ratio);
  return kConverted;
}

ConvertStatus convertNonZero(ConvertContext& ctx) {
  // MindSpore returns [count, rank]; ONNX wants [rank, count].
  ValueId rows = ctx.temp(DType::Int64, Shape::unknownRank(), "nonzero");
  ctx.addNode(ctx.pick("mindspore.ops.nonzero", "mindspore.mint.nonzero"), {ctx.input(0)}, {rows});
  NodeRef t = ctx.addNode(ctx.pick("mindspore.ops.transpose", "mindspore.mint.permute"), {rows},
                          {ctx.output(0)});
  t->callArgs.set(ctx.mint() ? "dims" : "input_perm", std::vector<int64_t>{1, 0});
  return kConverted;
}

ConvertStatus convertTrilu(ConvertContext& ctx) {
  bool upper = ctx.attrs().getInt("upper", 1) != 0;
  double k = 0;
  if (ctx.hasInput(1) && !ctx.constantScalar(1, k))
    return ctx.unconverted("Trilu k computed at run time");
  NodeRef n = emitUnary(ctx,
                        upper ? ctx.pick("mindspore.ops.triu", "mindspore.mint.triu")
                              : ctx.pick("mindspore.ops.tril", "mindspore.mint.tril"),
                        {ctx.input(0)});
  n->callArgs.set("diagonal", static_cast<int64_t>(k));
  return kConverted;
}

ConvertStatus convertOneHot(ConvertContext& ctx) {
  double depth = 0;
  const Tensor* values = ctx.constantInput(2);
  if (!ctx.constantScalar(1, depth) || !values || values->numel() != 2)
    return ctx.unconverted("OneHot depth and values must be constants");
  NodeRef n = emitUnary(ctx, "mindspore.ops.one_hot", {ctx.input(0)});
  n->callArgs.set("depth", static_cast<int64_t>(depth));
  bool floating = isFloating(values->dtype());
  n->callArgs.set("on_value", floating ? Attribute(values->elementAsDouble(1))
                                       : Attribute(values->elementAsInt64(1)));
  n->callArgs.set("off_value", floating ? Attribute(values->elementAsDouble(0))
                                        : Attribute(values->elementAsInt64(0)));
  n->callArgs.set("axis", ctx.attrs().getInt("axis", -1));
  return kConverted;
}

ConvertStatus convertCumSum(ConvertContext& ctx) {
  if (ctx.attrs().getInt("exclusive", 0) != 0 || ctx.attrs().getInt("reverse", 0) != 0)
    return ctx.unconverted("CumSum exclusive/reverse has no MindSpore flag",
                           {"mindspore.ops.cumsum", "mindspore.ops.flip"});
  double axis = 0;
  if (!ctx.constantScalar(1, axis)) return ctx.unconverted("CumSum axis computed at run time");
  NodeRef n =
      emitUnary(ctx, ctx.pick("mindspore.ops.cumsum", "mindspore.mint.cumsum"), {ctx.input(0)});
  n->callArgs.set(ctx.mint() ? "dim" : "axis", static_cast<int64_t>(axis));
  return kConverted;
}

ConvertStatus convertTopK(ConvertContext& ctx) {
  double k = static_cast<double>(ctx.attrs().getInt("k", -1));
  if (ctx.opset() >= 10 && !ctx.constantScalar(1, k))
    return ctx.unconverted("TopK k computed at run time");
  NodeRef n = ctx.addNode(ctx.pick("mindspore.ops.topk", "mindspore.mint.topk"), {ctx.input(0)},
                          {ctx.output(0), ctx.output(1)});
  n->callArgs.set("k", static_cast<int64_t>(k));
  n->callArgs.set("dim", ctx.attrs().getInt("axis", -1));
  n->callArgs.set("largest", ctx.attrs().getInt("largest", 1) != 0);
  n->callArgs.set("sorted", ctx.attrs().getInt("sorted", 1) != 0);
  return kConverted;
}

ConvertStatus convertArgExtreme(ConvertContext& ctx) {
  if (ctx.attrs().getInt("select_last_index", 0) != 0)
    return ctx.unconverted("select_last_index=1 (MindSpore returns the first extreme)",
                           {"mindspore.ops.flip"});
  bool max = ctx.opType() == "ArgMax";
  NodeRef n = emitUnary(ctx,
                        max ? ctx.pick("mindspore.ops.argmax", "mindspore.mint.argmax")
                            : ctx.pick("mindspore.ops.argmin", "mindspore.mint.argmin"),
                        {ctx.input(0)});
  // Classic ops.argmin spells its arguments axis/keepdims; ops.argmax and mint use dim/keepdim.
  bool classicMin = !max && !ctx.mint();
  n->callArgs.set(classicMin ? "axis" : "dim", ctx.attrs().getInt("axis", 0));
  n->callArgs.set(classicMin ? "keepdims" : "keepdim", ctx.attrs().getInt("keepdims", 1) != 0);
  return kConverted;
}

ConvertStatus convertEinsum(ConvertContext& ctx) {
  std::vector<ValueId> operands;
  for (size_t i = 0; i < ctx.inputCount(); ++i) operands.push_back(ctx.input(i));
  NodeRef n = emitUnary(ctx, ctx.pick("mindspore.ops.einsum", "mindspore.mint.einsum"),
                        std::move(operands));
  n->callArgs.set("equation", ctx.attrs().getString("equation", ""));
  return kConverted;
}

MB_CONVERTER("Gather", 1, convertGather);
MB_CONVERTER("GatherElements", 11, convertGatherElements);
MB_CONVERTER("GatherND", 11, convertGatherND);
MB_CONVERTER("ScatterND", 11, convertScatterND);
MB_CONVERTER("ScatterElements", 11, convertScatterElements);
// Scatter (opsets 9–10, deprecated in 11) is ScatterElements without a reduction.
MB_CONVERTER("Scatter", 9, convertScatterElements);
MB_CONVERTER("ConstantOfShape", 9, convertConstantOfShape);
MB_CONVERTER("Range", 11, convertRange);
MB_CONVERTER("Where", 9, convertWhere);
MB_CONVERTER("Cast", 1, convertCast);
MB_CONVERTER("CastLike", 15, convertCast);
MB_CONVERTER("Identity", 1, convertIdentity);
MB_CONVERTER("Constant", 1, convertConstant);
MB_CONVERTER("Dropout", 1, convertDropout);
MB_CONVERTER("NonZero", 9, convertNonZero);
MB_CONVERTER("Trilu", 14, convertTrilu);
MB_CONVERTER("OneHot", 9, convertOneHot);
MB_CONVERTER("CumSum", 11, convertCumSum);
MB_CONVERTER("TopK", 1, convertTopK);
MB_CONVERTER("ArgMax", 1, convertArgExtreme);
MB_CONVERTER("ArgMin", 1, convertArgExtreme);
MB_CONVERTER("Einsum", 12, convertEinsum);

}  // namespace
}  // namespace mb::convert::ops
