// Reductions. Axes come from the attribute (older opsets) or a constant second input (ReduceSum ≥
// 13, the others ≥ 18); keepdims defaults to 1 in ONNX and is always written out.
#include "convert/ops/op_helpers.h"

namespace mb::convert::ops {
namespace {

struct ReduceApi {
  std::string api;
  const char* axisKey;
  const char* keepKey;
};

ReduceApi reduceApi(const ConvertContext& ctx, const std::string& kind) {
  const bool m = ctx.mint();
  if (kind == "Mean")
    return m ? ReduceApi{"mindspore.mint.mean", "dim", "keepdim"}
             : ReduceApi{"mindspore.ops.mean", "axis", "keep_dims"};
  if (kind == "Sum")
    return m ? ReduceApi{"mindspore.mint.sum", "dim", "keepdim"}
             : ReduceApi{"mindspore.ops.sum", "dim", "keepdim"};
  if (kind == "Max")
    return m ? ReduceApi{"mindspore.mint.amax", "dim", "keepdim"}
             : ReduceApi{"mindspore.ops.amax", "axis", "keepdims"};
  if (kind == "Min")
    return m ? ReduceApi{"mindspore.mint.amin", "dim", "keepdim"}
             : ReduceApi{"mindspore.ops.amin", "axis", "keepdims"};
  if (kind == "Prod")
    return ReduceApi{"mindspore.ops.prod", "axis", "keep_dims"};  // mint.prod takes one dim
  if (kind == "LogSumExp")
    return m ? ReduceApi{"mindspore.mint.logsumexp", "dim", "keepdim"}
             : ReduceApi{"mindspore.ops.logsumexp", "dim", "keepdim"};
  if (kind == "L2")
    return m ? ReduceApi{"mindspore.mint.norm", "dim", "keepdim"}
             : ReduceApi{"mindspore.ops.norm", "dim", "keepdim"};
  return {};
}

ConvertStatus convertReduce(ConvertContext& ctx) {
  std::string kind = ctx.opType().substr(6);  // "ReduceMean" → "Mean"
  std::vector<int64_t> axes;
  if (!readAxes(ctx, "axes", 1, axes))
    return ctx.unconverted(ctx.opType() + " axes computed at run time");
  const bool keep = ctx.attrs().getInt("keepdims", 1) != 0;
  if (axes.empty() && ctx.attrs().getInt("noop_with_empty_axes", 0) != 0) {
    emitUnary(ctx, ctx.pick("mindspore.nn.Identity", "mindspore.mint.nn.Identity"), {ctx.input(0)});
    return kConverted;
  }
  if (axes.empty()) {
    int64_t rank = ctx.inputRank(0);
    if (rank < 0) return ctx.unconverted(ctx.opType() + " over all axes needs the input rank");
    for (int64_t d = 0; d < rank; ++d) axes.push_back(d);
  }
  // L1, SumSquare and LogSum are a sum with an element-wise step before or after it.
  std::string pre, post;
  if (kind == "L1") pre = ctx.pick("mindspore.ops.abs", "mindspore.mint.abs");
  if (kind == "SumSquare") pre = ctx.pick("mindspore.ops.square", "mindspore.mint.square");
  if (kind == "LogSum") post = ctx.pick("mindspore.ops.log", "mindspore.mint.log");
  // ops.norm / mint.norm take a vector (one dim) or matrix (two dims, Frobenius) norm only; over
  // more dims the 2-norm is sqrt(sum(square)).
  if (kind == "L2" && axes.size() > 2) {
    pre = ctx.pick("mindspore.ops.square", "mindspore.mint.square");
    post = ctx.pick("mindspore.ops.sqrt", "mindspore.mint.sqrt");
  }
  if (!pre.empty() || !post.empty()) kind = "Sum";
  ReduceApi r = reduceApi(ctx, kind);
  if (r.api.empty()) return ctx.unconverted("no mapping for " + ctx.opType());
  const Value& out = ctx.outputValue(0);
  ValueId x = ctx.input(0);
  if (!pre.empty()) {
    ValueId t = ctx.temp(ctx.inputDType(0), ctx.inputShape(0), "elementwise");
    ctx.addNode(pre, {x}, {t});
    x = t;
  }
  ValueId reduced = post.empty() ? ctx.output(0) : ctx.temp(out.dtype, ctx.outputShape(0), "sum");
  NodeRef n = ctx.addNode(r.api, {x}, {reduced});
  n->callArgs.set(r.axisKey, axes);
  n->callArgs.set(r.keepKey, keep);
  if (!post.empty()) ctx.addNode(post, {reduced}, {ctx.output(0)});
  return kConverted;
}

const bool kRegistered = [] {
  for (const char* op :
       {"ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin", "ReduceProd", "ReduceL1", "ReduceL2",
        "ReduceSumSquare", "ReduceLogSum", "ReduceLogSumExp"})
    registerConverter("", op, 1, convertReduce);
  return true;
}();

}  // namespace
}  // namespace mb::convert::ops
