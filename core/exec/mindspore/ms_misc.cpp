// Smaller MindSpore APIs the converter emits: Threshold / shrink Cells, LRN (TensorFlow-style:
// alpha multiplies the plain sum over 2·depth_radius + 1 channels), tril / triu, einsum, size,
// isinf, and the mint spellings of trigonometric functions.
#include <cmath>
#include <limits>

#include "exec/mindspore/ms_common.h"
#include "exec/primitives/einsum.h"
#include "exec/primitives/elementwise.h"
#include "exec/primitives/indexing.h"
#include "exec/primitives/layout.h"
#include "exec/primitives/norm.h"

namespace mb::exec::ms {
namespace {

using prim::UnaryOp;

Status unaryOut(KernelContext& ctx, UnaryOp op, prim::UnaryParams p = {}) {
  MB_TRY(needInputs(ctx, 1));
  return setOutput(ctx, prim::unary(op, ctx.input(0), p));
}
template <UnaryOp Op>
Status plain(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {}));
  return unaryOut(ctx, Op);
}

// nn.Threshold(threshold, value) / mint.nn.Threshold(threshold, value, inplace=False):
// y = x > threshold ? x : value.
Status threshold(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {"threshold", "value", "inplace"}, {}));
  MB_TRY(needInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  if (!argGiven(ctx, ArgSource::Ctor, "threshold") || !argGiven(ctx, ArgSource::Ctor, "value"))
    return ctx.fail(ErrorCode::InvalidModel, "Threshold needs threshold and value");
  MB_MS_TRY_ASSIGN(double t, argFloat(ctx, ArgSource::Ctor, "threshold", 0));
  MB_MS_TRY_ASSIGN(double v, argFloat(ctx, ArgSource::Ctor, "value", 0));
  MB_MS_TRY_ASSIGN(Tensor keep,
                   prim::binary(prim::BinaryOp::Greater, x, prim::filled(x.dtype(), {}, t)));
  return setOutput(ctx, prim::where(keep, x, prim::filled(x.dtype(), {}, v)));
}
// Hard shrink: |x| > lambd ? x : 0. Soft shrink: x ∓ lambd outside [−lambd, lambd], else 0.
Status hardShrink(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {"lambd"}, {}));
  MB_MS_TRY_ASSIGN(double lambd, argFloat(ctx, ArgSource::Ctor, "lambd", 0.5));
  return unaryOut(ctx, UnaryOp::Shrink, {lambd, 0.0, 0});
}
Status softShrink(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {"lambd"}, {}));
  MB_MS_TRY_ASSIGN(double lambd, argFloat(ctx, ArgSource::Ctor, "lambd", 0.5));
  if (lambd < 0) return ctx.fail(ErrorCode::InvalidModel, "lambd must be >= 0");
  return unaryOut(ctx, UnaryOp::Shrink, {lambd, lambd, 0});
}
Status selu(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {"inplace"}, {}));
  return unaryOut(ctx, UnaryOp::Selu, {1.6732632423543772, 0, 1.0507009873554805});
}

// nn.LRN(depth_radius=5, bias=1.0, alpha=1.0, beta=0.5, norm_region="ACROSS_CHANNELS"):
// b_c = a_c / (bias + alpha · Σ_{c−r..c+r} a²)^beta. The shared primitive divides alpha by the
// window size (ONNX), so it gets alpha·size.
Status lrn(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {"depth_radius", "bias", "alpha", "beta", "norm_region"}, {}));
  MB_TRY(needInputs(ctx, 1));
  MB_MS_TRY_ASSIGN(int64_t radius, argInt(ctx, ArgSource::Ctor, "depth_radius", 5));
  MB_MS_TRY_ASSIGN(double bias, argFloat(ctx, ArgSource::Ctor, "bias", 1.0));
  MB_MS_TRY_ASSIGN(double alpha, argFloat(ctx, ArgSource::Ctor, "alpha", 1.0));
  MB_MS_TRY_ASSIGN(double beta, argFloat(ctx, ArgSource::Ctor, "beta", 0.5));
  MB_MS_TRY_ASSIGN(std::string region,
                   argString(ctx, ArgSource::Ctor, "norm_region", "ACROSS_CHANNELS"));
  if (region != "ACROSS_CHANNELS")
    return ctx.fail(ErrorCode::InvalidModel, "norm_region must be ACROSS_CHANNELS");
  if (radius < 0) return ctx.fail(ErrorCode::InvalidModel, "depth_radius must be >= 0");
  const int64_t size = 2 * radius + 1;
  return setOutput(ctx, nn::lrn(ctx.input(0), size, alpha * static_cast<double>(size), beta, bias));
}

// tril / triu(input, diagonal=0) over the last two dims.
template <bool Upper>
Status triangle(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"diagonal"}));
  MB_TRY(needInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  if (x.rank() < 2) return ctx.fail(ErrorCode::ShapeMismatch, "tril / triu need at least 2 dims");
  int64_t k = 0;
  if (ctx.hasInput(1)) {
    k = ctx.input(1).elementAsInt64(0);
  } else {
    MB_MS_TRY_ASSIGN(k, argInt(ctx, ArgSource::Call, "diagonal", 0));
  }
  const int64_t rows = x.dims()[static_cast<size_t>(x.rank() - 2)], cols = x.dims().back();
  Tensor out = x.clone();
  const size_t elem = dtypeSize(x.dtype());
  for (int64_t i = 0; i < x.numel(); ++i) {
    const int64_t c = i % cols, r = (i / cols) % rows;
    const bool keep = Upper ? c - r >= k : c - r <= k;
    if (!keep) std::fill_n(out.mutableBytes() + static_cast<size_t>(i) * elem, elem, std::byte{0});
  }
  return setOutput(ctx, out);
}

// einsum(equation, *operands): the equation is a call argument, operands are the inputs.
Status einsumFn(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"equation"}));
  MB_MS_TRY_ASSIGN(std::string equation, argString(ctx, ArgSource::Call, "equation", ""));
  if (equation.empty()) return ctx.fail(ErrorCode::InvalidModel, "einsum needs an equation");
  std::vector<const Tensor*> operands;
  for (const Tensor* t : ctx.inputs)
    if (t) operands.push_back(t);
  return setOutput(ctx, prim::einsum(equation, operands));
}

// ops.size(input_x): the element count as an int64 scalar.
Status sizeFn(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {}));
  MB_TRY(needInputs(ctx, 1));
  return setOutput(ctx, Tensor::scalarInt64(ctx.input(0).numel()));
}

Status isinfFn(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {}));
  return unaryOut(ctx, UnaryOp::IsInf, {1.0, 1.0, 0});
}

Status logicalXor(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {}));
  MB_TRY(needInputs(ctx, 2));
  return setOutput(ctx, prim::binary(prim::BinaryOp::Xor, ctx.input(0), ctx.input(1)));
}

// gather_nd(input_x, indices): the last dim of indices addresses leading dims of input_x.
Status gatherNd(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {}));
  MB_TRY(needInputs(ctx, 2));
  return setOutput(ctx, prim::gatherND(ctx.input(0), ctx.input(1), 0));
}
// tensor_scatter_{update,add,mul,max,min}(input_x, indices, updates): N-d scatter into a copy.
template <prim::ScatterReduction R>
Status tensorScatter(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {}));
  MB_TRY(needInputs(ctx, 3));
  return setOutput(ctx, prim::scatterND(ctx.input(0), ctx.input(1), ctx.input(2), R));
}
// tensor_scatter_elements(input_x, indices, updates, axis=0, reduction="none"|"add").
Status tensorScatterElements(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"axis", "reduction"}));
  MB_TRY(needInputs(ctx, 3));
  MB_MS_TRY_ASSIGN(int64_t axis, argInt(ctx, ArgSource::Call, "axis", 0));
  MB_MS_TRY_ASSIGN(axis, normalizeAxis(ctx, axis, ctx.input(0).rank()));
  MB_MS_TRY_ASSIGN(std::string reduction, argString(ctx, ArgSource::Call, "reduction", "none"));
  if (reduction != "none" && reduction != "add")
    return ctx.fail(ErrorCode::InvalidModel,
                    "reduction must be 'none' or 'add', got '" + reduction + "'");
  return setOutput(ctx, prim::scatterElements(ctx.input(0), ctx.input(1), ctx.input(2), axis,
                                              reduction == "add" ? prim::ScatterReduction::Add
                                                                 : prim::ScatterReduction::None));
}
// mint.scatter(input, dim, index, src): torch.scatter without reduce.
Status mintScatter(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"dim", "reduce"}));
  MB_TRY(needInputs(ctx, 3));
  if (argGiven(ctx, ArgSource::Call, "reduce"))
    return ctx.fail(ErrorCode::UnsupportedOp, "scatter reduce is not supported");
  MB_MS_TRY_ASSIGN(int64_t dim, argInt(ctx, ArgSource::Call, "dim", 0));
  MB_MS_TRY_ASSIGN(dim, normalizeAxis(ctx, dim, ctx.input(0).rank()));
  return setOutput(ctx, prim::scatterElements(ctx.input(0), ctx.input(1), ctx.input(2), dim,
                                              prim::ScatterReduction::None));
}
// nonzero(input, *, as_tuple=False): [count, rank] int64 coordinates (torch layout).
Status nonzeroFn(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"as_tuple"}));
  MB_TRY(needInputs(ctx, 1));
  MB_MS_TRY_ASSIGN(bool asTuple, argBool(ctx, ArgSource::Call, "as_tuple", false));
  if (asTuple) return ctx.fail(ErrorCode::UnsupportedOp, "nonzero(as_tuple=True) is not supported");
  MB_MS_TRY_ASSIGN(Tensor coords, prim::nonZero(ctx.input(0)));
  return setOutput(ctx, prim::transpose(coords, {1, 0}));
}

}  // namespace

MB_MINDSPORE_KERNEL("mindspore.nn.Threshold", threshold);
MB_MINDSPORE_KERNEL("mindspore.ops.gather_nd", gatherNd);
MB_MINDSPORE_KERNEL("mindspore.ops.tensor_scatter_update",
                    tensorScatter<prim::ScatterReduction::None>);
MB_MINDSPORE_KERNEL("mindspore.ops.tensor_scatter_add", tensorScatter<prim::ScatterReduction::Add>);
MB_MINDSPORE_KERNEL("mindspore.ops.tensor_scatter_mul", tensorScatter<prim::ScatterReduction::Mul>);
MB_MINDSPORE_KERNEL("mindspore.ops.tensor_scatter_max", tensorScatter<prim::ScatterReduction::Max>);
MB_MINDSPORE_KERNEL("mindspore.ops.tensor_scatter_min", tensorScatter<prim::ScatterReduction::Min>);
MB_MINDSPORE_KERNEL("mindspore.ops.tensor_scatter_elements", tensorScatterElements);
MB_MINDSPORE_KERNEL("mindspore.ops.nonzero", nonzeroFn);
MB_MINDSPORE_KERNEL("mindspore.mint.scatter", mintScatter);
MB_MINDSPORE_KERNEL("mindspore.mint.nonzero", nonzeroFn);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.Threshold", threshold);
MB_MINDSPORE_KERNEL("mindspore.nn.HShrink", hardShrink);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.Hardshrink", hardShrink);
MB_MINDSPORE_KERNEL("mindspore.nn.SoftShrink", softShrink);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.Softshrink", softShrink);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.SELU", selu);
MB_MINDSPORE_KERNEL("mindspore.nn.LRN", lrn);
MB_MINDSPORE_KERNEL("mindspore.ops.tril", triangle<false>);
MB_MINDSPORE_KERNEL("mindspore.mint.tril", triangle<false>);
MB_MINDSPORE_KERNEL("mindspore.ops.triu", triangle<true>);
MB_MINDSPORE_KERNEL("mindspore.mint.triu", triangle<true>);
MB_MINDSPORE_KERNEL("mindspore.ops.einsum", einsumFn);
MB_MINDSPORE_KERNEL("mindspore.mint.einsum", einsumFn);
MB_MINDSPORE_KERNEL("mindspore.ops.size", sizeFn);
MB_MINDSPORE_KERNEL("mindspore.ops.isinf", isinfFn);
MB_MINDSPORE_KERNEL("mindspore.mint.isinf", isinfFn);
MB_MINDSPORE_KERNEL("mindspore.mint.logical_xor", logicalXor);
MB_MINDSPORE_KERNEL("mindspore.mint.acos", plain<UnaryOp::Acos>);
MB_MINDSPORE_KERNEL("mindspore.mint.acosh", plain<UnaryOp::Acosh>);
MB_MINDSPORE_KERNEL("mindspore.mint.asin", plain<UnaryOp::Asin>);
MB_MINDSPORE_KERNEL("mindspore.mint.asinh", plain<UnaryOp::Asinh>);
MB_MINDSPORE_KERNEL("mindspore.mint.atan", plain<UnaryOp::Atan>);
MB_MINDSPORE_KERNEL("mindspore.mint.atanh", plain<UnaryOp::Atanh>);
MB_MINDSPORE_KERNEL("mindspore.mint.sinh", plain<UnaryOp::Sinh>);
MB_MINDSPORE_KERNEL("mindspore.mint.cosh", plain<UnaryOp::Cosh>);
MB_MINDSPORE_KERNEL("mindspore.mint.tan", plain<UnaryOp::Tan>);

}  // namespace mb::exec::ms
