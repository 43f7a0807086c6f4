// ONNX TopK (k attribute in 1, input from 10, largest / sorted from 11), CumSum, Trilu, Einsum,
// Unique.
#include <algorithm>
#include <map>
#include <numeric>

#include "exec/kernel.h"
#include "exec/onnx/tensor_kernel_util.h"
#include "exec/primitives/cast.h"
#include "exec/primitives/einsum.h"
#include "exec/primitives/indexing.h"
#include "exec/primitives/reduce.h"

namespace mb::exec {
namespace {

using tensor_ops::normalizeAxis;
using tensor_ops::requireInputs;
using tensor_ops::setOutput;

Status topKWith(KernelContext& ctx, int64_t k) {
  auto axis = normalizeAxis(ctx, ctx.attrs().getInt("axis", -1), ctx.input(0).rank());
  if (!axis) return axis.error();
  auto r = prim::topK(ctx.input(0), *axis, k, ctx.attrs().getInt("largest", 1) != 0);
  if (!r) return tensor_ops::nodeError(ctx, r.error());
  MB_TRY(setOutput(ctx, 0, std::move(r->first)));
  return setOutput(ctx, 1, std::move(r->second));
}
Status topK1Kernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 1));
  return topKWith(ctx, ctx.attrs().getInt("k", 0));
}
Status topK10Kernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 2));
  auto k = tensor_ops::intsInput(ctx, 1);
  if (!k) return k.error();
  if (k->size() != 1) return ctx.fail(ErrorCode::ShapeMismatch, "K must hold one value");
  return topKWith(ctx, (*k)[0]);
}

Status cumSumKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 2));
  auto axisValue = tensor_ops::intsInput(ctx, 1);
  if (!axisValue) return axisValue.error();
  if (axisValue->size() != 1) return ctx.fail(ErrorCode::ShapeMismatch, "axis must hold one value");
  auto axis = normalizeAxis(ctx, (*axisValue)[0], ctx.input(0).rank());
  if (!axis) return axis.error();
  return setOutput(ctx, 0,
                   prim::cumulativeSum(ctx.input(0), *axis, ctx.attrs().getInt("exclusive", 0) != 0,
                                       ctx.attrs().getInt("reverse", 0) != 0));
}

Status triluKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 1));
  int64_t k = 0;
  if (ctx.hasInput(1)) {
    auto v = tensor_ops::intsInput(ctx, 1);
    if (!v) return v.error();
    if (v->size() != 1) return ctx.fail(ErrorCode::ShapeMismatch, "k must hold one value");
    k = (*v)[0];
  }
  return setOutput(ctx, 0, prim::triangular(ctx.input(0), ctx.attrs().getInt("upper", 1) != 0, k));
}

Status einsumKernel(KernelContext& ctx) {
  std::vector<const Tensor*> xs;
  for (const Tensor* t : ctx.inputs) {
    if (!t) return ctx.fail(ErrorCode::InvalidModel, "Einsum inputs cannot be omitted");
    xs.push_back(t);
  }
  return setOutput(ctx, 0, prim::einsum(ctx.attrs().getString("equation", ""), xs));
}

// Unique along an axis (or over the flattened tensor): sorted or first-occurrence order, with
// the first-occurrence indices, inverse indices and counts.
Status uniqueKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  Tensor source = x;
  int64_t axis = 0;
  if (ctx.attrs().has("axis")) {
    auto a = normalizeAxis(ctx, ctx.attrs().getInt("axis", 0), x.rank());
    if (!a) return a.error();
    axis = *a;
  } else {
    source = x.reshaped({x.numel()});
  }
  const bool sorted = ctx.attrs().getInt("sorted", 1) != 0;
  const auto& dims = source.dims();
  int64_t outer = 1, inner = 1;
  for (int64_t d = 0; d < axis; ++d) outer *= dims[static_cast<size_t>(d)];
  for (size_t d = static_cast<size_t>(axis) + 1; d < dims.size(); ++d) inner *= dims[d];
  const int64_t n = dims[static_cast<size_t>(axis)];
  const Tensor wide = prim::widenHalf(source);
  auto asDouble = prim::cast(wide, DType::Float64);
  if (!asDouble) return tensor_ops::nodeError(ctx, asDouble.error());
  const double* v = asDouble->data<double>();
  // Each slice along the axis as a key.
  std::vector<std::vector<double>> keys(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i)
    for (int64_t o = 0; o < outer; ++o)
      for (int64_t in = 0; in < inner; ++in)
        keys[static_cast<size_t>(i)].push_back(v[(o * n + i) * inner + in]);
  std::vector<int64_t> firstOf;  // unique slice → first index
  std::map<std::vector<double>, int64_t> seen;
  std::vector<int64_t> inverse(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) {
    auto [it, inserted] =
        seen.emplace(keys[static_cast<size_t>(i)], static_cast<int64_t>(firstOf.size()));
    if (inserted) firstOf.push_back(i);
    inverse[static_cast<size_t>(i)] = it->second;
  }
  std::vector<int64_t> order(firstOf.size());
  std::iota(order.begin(), order.end(), 0);
  if (sorted)
    std::sort(order.begin(), order.end(), [&](int64_t a, int64_t b) {
      return keys[static_cast<size_t>(firstOf[static_cast<size_t>(a)])] <
             keys[static_cast<size_t>(firstOf[static_cast<size_t>(b)])];
    });
  std::vector<int64_t> rank(order.size()), indices(order.size()), counts(order.size(), 0);
  for (size_t r = 0; r < order.size(); ++r) {
    rank[static_cast<size_t>(order[r])] = static_cast<int64_t>(r);
    indices[r] = firstOf[static_cast<size_t>(order[r])];
  }
  for (auto& inv : inverse) {
    inv = rank[static_cast<size_t>(inv)];
    ++counts[static_cast<size_t>(inv)];
  }
  const auto u = static_cast<int64_t>(indices.size());
  auto values = prim::gather(source, Tensor::fromVector(DType::Int64, {u}, indices), axis);
  MB_TRY(setOutput(ctx, 0, std::move(values)));
  const size_t outputs = ctx.node.outputs.size();
  if (outputs > 1) MB_TRY(setOutput(ctx, 1, Tensor::fromVector(DType::Int64, {u}, indices)));
  if (outputs > 2) MB_TRY(setOutput(ctx, 2, Tensor::fromVector(DType::Int64, {n}, inverse)));
  if (outputs > 3) MB_TRY(setOutput(ctx, 3, Tensor::fromVector(DType::Int64, {u}, counts)));
  return {};
}

MB_ONNX_KERNEL("TopK", 1, topK1Kernel);
MB_ONNX_KERNEL("TopK", 10, topK10Kernel);
MB_ONNX_KERNEL("CumSum", 11, cumSumKernel);
MB_ONNX_KERNEL("Trilu", 14, triluKernel);
MB_ONNX_KERNEL("Einsum", 12, einsumKernel);
MB_ONNX_KERNEL("Unique", 11, uniqueKernel);

}  // namespace
}  // namespace mb::exec
