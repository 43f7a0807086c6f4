// Reductions and index-producing MindSpore APIs: mean / sum / amax / amin / prod / max / min
// (classic keep_dims vs keepdims vs mint keepdim spellings), argmax / argmin, topk, cumsum,
// logsumexp, softmax / log_softmax (nn.Softmax(axis), mint.nn.Softmax(dim)).
#include <algorithm>

#include "exec/mindspore/ms_common.h"
#include "exec/primitives/cast.h"
#include "exec/primitives/elementwise.h"
#include "exec/primitives/layout.h"
#include "exec/primitives/reduce.h"

namespace mb::exec::ms {
namespace {

using prim::ReduceOp;

// Axes from a call argument (int, tuple, None = all) or a tensor input at `index`.
Expected<std::vector<int64_t>> axesOf(KernelContext& ctx, const std::string& name, size_t index,
                                      int64_t rank) {
  std::vector<int64_t> axes;
  if (ctx.hasInput(index)) {
    axes = ctx.input(index).toInt64Vector();
  } else if (const Attribute* a = argFind(ctx, ArgSource::Call, name)) {
    if (a->is<int64_t>())
      axes = {a->as<int64_t>()};
    else if (a->is<std::vector<int64_t>>())
      axes = a->as<std::vector<int64_t>>();
    else
      return ctx.fail(ErrorCode::InvalidModel, "'" + name + "' must be an int, a tuple or None");
  }
  for (auto& a : axes) {
    auto n = normalizeAxis(ctx, a, rank);
    if (!n) return n.error();
    a = *n;
  }
  return axes;
}

// x cast to the `dtype` call argument when one is given (MindSpore casts before reducing).
Expected<Tensor> castToDtypeArg(KernelContext& ctx, const Tensor& x) {
  if (!argGiven(ctx, ArgSource::Call, "dtype")) return x;
  auto text = argString(ctx, ArgSource::Call, "dtype", "");
  if (!text) return text.error();
  auto d = parseMindSporeDType(*text);
  if (!d) return ctx.fail(ErrorCode::InvalidModel, "unknown dtype '" + *text + "'");
  return prim::cast(x, *d);
}

// A reduction whose axes argument is `axisName` and keep flag `keepName`.
Status reduceWith(KernelContext& ctx, ReduceOp op, const char* axisName, const char* keepName) {
  MB_TRY(needInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  MB_MS_TRY_ASSIGN(std::vector<int64_t> axes, axesOf(ctx, axisName, 1, x.rank()));
  MB_MS_TRY_ASSIGN(bool keep, argBool(ctx, ArgSource::Call, keepName, false));
  // An explicitly empty tuple (mint.amax's default dim=()) reduces everything, like None.
  MB_MS_TRY_ASSIGN(Tensor in, castToDtypeArg(ctx, x));
  return setOutput(ctx, prim::reduce(op, in, axes, keep));
}

template <ReduceOp Op>
Status classicKeepDims(
    KernelContext& ctx) {  // ops.mean(x, axis, keep_dims), ops.prod(input, axis, keep_dims, dtype)
  MB_TRY(checkArgNames(ctx, {}, {"axis", "keep_dims", "dtype"}));
  return reduceWith(ctx, Op, "axis", "keep_dims");
}
template <ReduceOp Op>
Status classicKeepdims(KernelContext& ctx) {  // ops.amax(input, axis, keepdims)
  MB_TRY(checkArgNames(ctx, {}, {"axis", "keepdims"}));
  return reduceWith(ctx, Op, "axis", "keepdims");
}
template <ReduceOp Op>
Status torchStyle(KernelContext& ctx) {  // ops.sum(input, dim, keepdim, dtype), mint.*
  MB_TRY(checkArgNames(ctx, {}, {"dim", "keepdim", "dtype"}));
  return reduceWith(ctx, Op, "dim", "keepdim");
}

// ops.max / ops.min(input, axis, keepdims) and mint.max / mint.min(input, dim, keepdim): with an
// axis they return (values, indices); without one a single value.
Status maxMinWith(KernelContext& ctx, bool largest, const char* axisName, const char* keepName) {
  MB_TRY(needInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  if (ctx.hasInput(1))  // mint.max(input, other): elementwise
    return setOutput(
        ctx, prim::binary(largest ? prim::BinaryOp::Max : prim::BinaryOp::Min, x, ctx.input(1)));
  MB_MS_TRY_ASSIGN(bool keep, argBool(ctx, ArgSource::Call, keepName, false));
  if (!argGiven(ctx, ArgSource::Call, axisName))
    return setOutput(ctx, prim::reduce(largest ? ReduceOp::Max : ReduceOp::Min, x, {}, false));
  MB_MS_TRY_ASSIGN(int64_t axis, argInt(ctx, ArgSource::Call, axisName, 0));
  MB_MS_TRY_ASSIGN(axis, normalizeAxis(ctx, axis, x.rank()));
  MB_MS_TRY_ASSIGN(Tensor values,
                   prim::reduce(largest ? ReduceOp::Max : ReduceOp::Min, x, {axis}, keep));
  MB_MS_TRY_ASSIGN(Tensor indices, prim::argReduce(x, axis, keep, largest, false));
  return setOutputs(ctx, {values, indices});
}
Status opsMax(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"axis", "keepdims", "initial", "where"}));
  if (argGiven(ctx, ArgSource::Call, "initial") || argGiven(ctx, ArgSource::Call, "where"))
    return ctx.fail(ErrorCode::UnsupportedOp, "max / min with initial or where is not supported");
  return maxMinWith(ctx, true, "axis", "keepdims");
}
Status opsMin(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"axis", "keepdims", "initial", "where"}));
  if (argGiven(ctx, ArgSource::Call, "initial") || argGiven(ctx, ArgSource::Call, "where"))
    return ctx.fail(ErrorCode::UnsupportedOp, "max / min with initial or where is not supported");
  return maxMinWith(ctx, false, "axis", "keepdims");
}
Status mintMax(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"dim", "keepdim"}));
  return maxMinWith(ctx, true, "dim", "keepdim");
}
Status mintMin(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"dim", "keepdim"}));
  return maxMinWith(ctx, false, "dim", "keepdim");
}

// argmax / argmin: no axis = index into the flattened input. Indices are int64.
Status argWith(KernelContext& ctx, bool largest, const char* axisName, const char* keepName) {
  MB_TRY(needInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  MB_MS_TRY_ASSIGN(bool keep, argBool(ctx, ArgSource::Call, keepName, false));
  if (!argGiven(ctx, ArgSource::Call, axisName)) {
    MB_MS_TRY_ASSIGN(Tensor flat,
                     prim::argReduce(x.reshaped({x.numel()}), 0, false, largest, false));
    if (keep)
      return setOutput(ctx, flat.reshaped(std::vector<int64_t>(static_cast<size_t>(x.rank()), 1)));
    return setOutput(ctx, flat);
  }
  MB_MS_TRY_ASSIGN(int64_t axis, argInt(ctx, ArgSource::Call, axisName, 0));
  MB_MS_TRY_ASSIGN(axis, normalizeAxis(ctx, axis, x.rank()));
  return setOutput(ctx, prim::argReduce(x, axis, keep, largest, false));
}
Status opsArgmax(KernelContext& ctx) {  // ops.argmax(input, dim=None, keepdim=False)
  MB_TRY(checkArgNames(ctx, {}, {"dim", "keepdim"}));
  return argWith(ctx, true, "dim", "keepdim");
}
Status opsArgmin(KernelContext& ctx) {  // ops.argmin(input, axis=None, keepdims=False)
  MB_TRY(checkArgNames(ctx, {}, {"axis", "keepdims"}));
  return argWith(ctx, false, "axis", "keepdims");
}
Status mintArgmin(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"dim", "keepdim"}));
  return argWith(ctx, false, "dim", "keepdim");
}

// topk(input, k, dim=None|-1, largest=True, sorted=True) → (values, indices); k may be an input.
Status topkFn(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"k", "dim", "largest", "sorted"}));
  MB_TRY(needInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  int64_t k = 0;
  if (ctx.hasInput(1)) {
    k = ctx.input(1).elementAsInt64(0);
  } else {
    MB_MS_TRY_ASSIGN(k, argInt(ctx, ArgSource::Call, "k", -1));
  }
  MB_MS_TRY_ASSIGN(int64_t dim, argInt(ctx, ArgSource::Call, "dim", -1));
  MB_MS_TRY_ASSIGN(dim, normalizeAxis(ctx, dim, x.rank()));
  MB_MS_TRY_ASSIGN(bool largest, argBool(ctx, ArgSource::Call, "largest", true));
  if (k < 0 || k > x.dims()[static_cast<size_t>(dim)])
    return ctx.fail(ErrorCode::InvalidModel, "topk k=" + std::to_string(k) + " is outside the dim");
  MB_MS_TRY_ASSIGN(auto pair, prim::topK(x, dim, k, largest));
  return setOutputs(ctx, {pair.first, pair.second});
}

// cumsum(x, axis, dtype) / mint.cumsum(input, dim, dtype).
Status cumsumWith(KernelContext& ctx, const char* axisName) {
  MB_TRY(needInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  MB_MS_TRY_ASSIGN(int64_t axis, argInt(ctx, ArgSource::Call, axisName, 0));
  if (ctx.hasInput(1)) axis = ctx.input(1).elementAsInt64(0);
  MB_MS_TRY_ASSIGN(axis, normalizeAxis(ctx, axis, x.rank()));
  return setOutput(ctx, prim::cumulativeSum(x, axis, false, false));
}
Status opsCumsum(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"axis", "dtype"}));
  return cumsumWith(ctx, "axis");
}
Status mintCumsum(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"dim", "dtype"}));
  return cumsumWith(ctx, "dim");
}
Status logsumexpFn(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"dim", "keepdim"}));
  return reduceWith(ctx, ReduceOp::LogSumExp, "dim", "keepdim");
}

// ops.norm(A, ord=None, dim=None, keepdim=False, *, dtype=None) (torch.linalg.norm style) and
// mint.norm(input, p='fro', dim=None, keepdim=False, *, dtype=None) (torch.norm style). Supported:
// the 2-norm (ord None / p 'fro' / 2) and the 1-norm (1) of a vector (one dim) or, for None /
// 'fro', of all elements of a matrix (two dims) or of the flattened input (dim None). More dims
// raise in MindSpore and here; other orders are not implemented by this executor.
Status normWith(KernelContext& ctx, const char* ordName, const char* ordDefault) {
  MB_TRY(checkArgNames(ctx, {}, {ordName, "dim", "keepdim", "dtype"}));
  MB_TRY(needInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  MB_MS_TRY_ASSIGN(std::vector<int64_t> axes, axesOf(ctx, "dim", 1, x.rank()));
  MB_MS_TRY_ASSIGN(bool keep, argBool(ctx, ArgSource::Call, "keepdim", false));
  std::string ord = ordDefault;
  if (const Attribute* a = argFind(ctx, ArgSource::Call, ordName)) {
    if (a->is<std::string>())
      ord = a->as<std::string>();
    else if (a->is<int64_t>())
      ord = std::to_string(a->as<int64_t>());
    else if (a->is<double>() && (a->as<double>() == 1.0 || a->as<double>() == 2.0))
      ord = a->as<double>() == 1.0 ? "1" : "2";
    else
      return ctx.fail(ErrorCode::UnsupportedOp, std::string("'") + ordName +
                                                    "' other than None, 'fro', 1 or 2 is not "
                                                    "implemented by this executor");
  }
  if (axes.size() > 2)
    return ctx.fail(ErrorCode::InvalidModel,
                    "'dim' names " + std::to_string(axes.size()) +
                        " dims; a norm takes one (vector) or two (matrix)");
  ReduceOp op;
  if (ord == "None" || ord == "fro" || (ord == "2" && axes.size() == 1))
    op = ReduceOp::L2;
  else if (ord == "1" && axes.size() == 1)
    op = ReduceOp::L1;
  else
    return ctx.fail(ErrorCode::UnsupportedOp, std::string("'") + ordName + "'=" + ord + " over " +
                                                  std::to_string(axes.size()) +
                                                  " dims is not implemented by this executor");
  MB_MS_TRY_ASSIGN(Tensor in, castToDtypeArg(ctx, x));
  return setOutput(ctx, prim::reduce(op, in, axes, keep));
}
Status opsNorm(KernelContext& ctx) {
  return normWith(ctx, "ord", "None");
}
Status mintNorm(KernelContext& ctx) {
  return normWith(ctx, "p", "fro");
}

// ---- softmax -----------------------------------------------------------------------------------
// softmax along one axis from the shared primitives: exp(x - max) / sum.
Expected<Tensor> softmaxAlong(const Tensor& x, int64_t axis, bool logSoftmax) {
  auto mx = prim::reduce(ReduceOp::Max, x, {axis}, true);
  if (!mx) return mx.error();
  auto shifted = prim::binary(prim::BinaryOp::Sub, x, *mx);
  if (!shifted) return shifted.error();
  auto e = prim::unary(prim::UnaryOp::Exp, *shifted);
  if (!e) return e.error();
  auto sum = prim::reduce(ReduceOp::Sum, *e, {axis}, true);
  if (!sum) return sum.error();
  if (!logSoftmax) return prim::binary(prim::BinaryOp::Div, *e, *sum);
  auto logSum = prim::unary(prim::UnaryOp::Log, *sum);
  if (!logSum) return logSum.error();
  return prim::binary(prim::BinaryOp::Sub, *shifted, *logSum);
}
Status softmaxWith(KernelContext& ctx, int64_t axis, bool logSoftmax) {
  MB_TRY(needInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  if (x.rank() == 0) return setOutput(ctx, prim::filled(x.dtype(), {}, logSoftmax ? 0.0 : 1.0));
  MB_MS_TRY_ASSIGN(axis, normalizeAxis(ctx, axis, x.rank()));
  return setOutput(ctx, softmaxAlong(x, axis, logSoftmax));
}
// torch's implicit dim when dim=None: 0 for ranks 0, 1 and 3, else 1.
int64_t torchImplicitDim(int64_t rank) {
  return (rank == 0 || rank == 1 || rank == 3) ? 0 : 1;
}

Status nnSoftmax(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {"axis"}, {}));
  MB_MS_TRY_ASSIGN(int64_t axis, argInt(ctx, ArgSource::Ctor, "axis", -1));
  return softmaxWith(ctx, axis, false);
}
Status nnLogSoftmax(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {"axis"}, {}));
  MB_MS_TRY_ASSIGN(int64_t axis, argInt(ctx, ArgSource::Ctor, "axis", -1));
  return softmaxWith(ctx, axis, true);
}
Status mintNnSoftmaxCell(KernelContext& ctx, bool logSoftmax) {
  MB_TRY(checkArgNames(ctx, {"dim"}, {}));
  MB_TRY(needInputs(ctx, 1));
  MB_MS_TRY_ASSIGN(int64_t dim,
                   argInt(ctx, ArgSource::Ctor, "dim", torchImplicitDim(ctx.input(0).rank())));
  return softmaxWith(ctx, dim, logSoftmax);
}
Status mintNnSoftmax(KernelContext& ctx) {
  return mintNnSoftmaxCell(ctx, false);
}
Status mintNnLogSoftmax(KernelContext& ctx) {
  return mintNnSoftmaxCell(ctx, true);
}
Status opsSoftmax(KernelContext& ctx) {  // ops.softmax(input, axis=-1, *, dtype=None)
  MB_TRY(checkArgNames(ctx, {}, {"axis", "dtype"}));
  MB_MS_TRY_ASSIGN(int64_t axis, argInt(ctx, ArgSource::Call, "axis", -1));
  return softmaxWith(ctx, axis, false);
}
Status opsLogSoftmax(KernelContext& ctx) {  // ops.log_softmax(logits, axis=-1)
  MB_TRY(checkArgNames(ctx, {}, {"axis"}));
  MB_MS_TRY_ASSIGN(int64_t axis, argInt(ctx, ArgSource::Call, "axis", -1));
  return softmaxWith(ctx, axis, true);
}
Status mintFnSoftmax(KernelContext& ctx, bool logSoftmax) {  // (input, dim=None, dtype=None)
  MB_TRY(checkArgNames(ctx, {}, {"dim", "dtype"}));
  MB_TRY(needInputs(ctx, 1));
  MB_MS_TRY_ASSIGN(int64_t dim,
                   argInt(ctx, ArgSource::Call, "dim", torchImplicitDim(ctx.input(0).rank())));
  return softmaxWith(ctx, dim, logSoftmax);
}
Status mintSoftmax(KernelContext& ctx) {
  return mintFnSoftmax(ctx, false);
}
Status mintLogSoftmax(KernelContext& ctx) {
  return mintFnSoftmax(ctx, true);
}

}  // namespace

MB_MINDSPORE_KERNEL("mindspore.ops.mean", classicKeepDims<ReduceOp::Mean>);
MB_MINDSPORE_KERNEL("mindspore.ops.prod", classicKeepDims<ReduceOp::Prod>);
MB_MINDSPORE_KERNEL("mindspore.ops.amax", classicKeepdims<ReduceOp::Max>);
MB_MINDSPORE_KERNEL("mindspore.ops.amin", classicKeepdims<ReduceOp::Min>);
MB_MINDSPORE_KERNEL("mindspore.ops.sum", torchStyle<ReduceOp::Sum>);
MB_MINDSPORE_KERNEL("mindspore.mint.sum", torchStyle<ReduceOp::Sum>);
MB_MINDSPORE_KERNEL("mindspore.mint.mean", torchStyle<ReduceOp::Mean>);
MB_MINDSPORE_KERNEL("mindspore.mint.prod", torchStyle<ReduceOp::Prod>);
MB_MINDSPORE_KERNEL("mindspore.mint.amax", torchStyle<ReduceOp::Max>);
MB_MINDSPORE_KERNEL("mindspore.mint.amin", torchStyle<ReduceOp::Min>);
MB_MINDSPORE_KERNEL("mindspore.ops.max", opsMax);
MB_MINDSPORE_KERNEL("mindspore.ops.min", opsMin);
MB_MINDSPORE_KERNEL("mindspore.mint.max", mintMax);
MB_MINDSPORE_KERNEL("mindspore.mint.min", mintMin);
MB_MINDSPORE_KERNEL("mindspore.ops.argmax", opsArgmax);
MB_MINDSPORE_KERNEL("mindspore.mint.argmax", opsArgmax);
MB_MINDSPORE_KERNEL("mindspore.ops.argmin", opsArgmin);
MB_MINDSPORE_KERNEL("mindspore.mint.argmin", mintArgmin);
MB_MINDSPORE_KERNEL("mindspore.ops.topk", topkFn);
MB_MINDSPORE_KERNEL("mindspore.mint.topk", topkFn);
MB_MINDSPORE_KERNEL("mindspore.ops.cumsum", opsCumsum);
MB_MINDSPORE_KERNEL("mindspore.mint.cumsum", mintCumsum);
MB_MINDSPORE_KERNEL("mindspore.ops.logsumexp", logsumexpFn);
MB_MINDSPORE_KERNEL("mindspore.ops.norm", opsNorm);
MB_MINDSPORE_KERNEL("mindspore.mint.norm", mintNorm);
MB_MINDSPORE_KERNEL("mindspore.mint.logsumexp", logsumexpFn);
MB_MINDSPORE_KERNEL("mindspore.nn.Softmax", nnSoftmax);
MB_MINDSPORE_KERNEL("mindspore.nn.LogSoftmax", nnLogSoftmax);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.Softmax", mintNnSoftmax);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.LogSoftmax", mintNnLogSoftmax);
MB_MINDSPORE_KERNEL("mindspore.ops.softmax", opsSoftmax);
MB_MINDSPORE_KERNEL("mindspore.ops.log_softmax", opsLogSoftmax);
MB_MINDSPORE_KERNEL("mindspore.mint.softmax", mintSoftmax);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.functional.softmax", mintSoftmax);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.functional.log_softmax", mintLogSoftmax);

}  // namespace mb::exec::ms
