// ONNX Concat, Split, Slice, Pad, Compress. Slice 1 (attributes) vs 10 (inputs, steps), Pad 2
// (attributes) vs 11 (inputs) vs 18 (axes), Split 2 / 13 (sizes as input) / 18 (num_outputs).
#include <algorithm>
#include <limits>

#include "exec/kernel.h"
#include "exec/onnx/tensor_kernel_util.h"
#include "exec/primitives/indexing.h"
#include "exec/primitives/layout.h"

namespace mb::exec {
namespace {

using tensor_ops::intsInput;
using tensor_ops::normalizeAxes;
using tensor_ops::normalizeAxis;
using tensor_ops::requireInputs;
using tensor_ops::setOutput;

Status concatKernel(KernelContext& ctx) {
  std::vector<const Tensor*> xs;
  for (const Tensor* t : ctx.inputs)
    if (t) xs.push_back(t);
  if (xs.empty()) return ctx.fail(ErrorCode::InvalidModel, "needs at least one input");
  if (!ctx.attrs().has("axis"))
    return ctx.fail(ErrorCode::InvalidModel, "attribute 'axis' is required");
  auto axis = normalizeAxis(ctx, ctx.attrs().getInt("axis", 0), xs[0]->rank());
  if (!axis) return axis.error();
  return setOutput(ctx, 0, prim::concat(xs, *axis));
}

Status splitInto(KernelContext& ctx, std::vector<int64_t> sizes, int64_t numOutputs) {
  const Tensor& x = ctx.input(0);
  auto axis = normalizeAxis(ctx, ctx.attrs().getInt("axis", 0), x.rank());
  if (!axis) return axis.error();
  const int64_t dim = x.dims()[static_cast<size_t>(*axis)];
  const auto outputs = static_cast<int64_t>(ctx.node.outputs.size());
  if (sizes.empty()) {
    const int64_t parts = numOutputs > 0 ? numOutputs : outputs;
    if (parts <= 0) return ctx.fail(ErrorCode::InvalidModel, "no outputs to split into");
    if (numOutputs > 0) {
      // Split-18: ceil-sized chunks, the last one smaller.
      const int64_t chunk = (dim + parts - 1) / parts;
      for (int64_t i = 0; i < parts; ++i)
        sizes.push_back(std::max<int64_t>(0, std::min(chunk, dim - i * chunk)));
    } else {
      if (dim % parts != 0)
        return ctx.fail(ErrorCode::ShapeMismatch,
                        "axis " + std::to_string(*axis) + " of size " + std::to_string(dim) +
                            " cannot be split evenly into " + std::to_string(parts) + " outputs");
      sizes.assign(static_cast<size_t>(parts), dim / parts);
    }
  }
  if (static_cast<int64_t>(sizes.size()) != outputs)
    return ctx.fail(ErrorCode::InvalidModel, std::to_string(sizes.size()) + " split sizes for " +
                                                 std::to_string(outputs) + " outputs");
  auto parts = prim::split(x, *axis, sizes);
  if (!parts) return tensor_ops::nodeError(ctx, parts.error());
  for (size_t i = 0; i < parts->size(); ++i) MB_TRY(setOutput(ctx, i, std::move((*parts)[i])));
  return {};
}
Status split2Kernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 1));
  return splitInto(ctx, ctx.attrs().getInts("split"), 0);
}
Status split13Kernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 1));
  std::vector<int64_t> sizes;
  if (ctx.hasInput(1)) {
    auto s = intsInput(ctx, 1);
    if (!s) return s.error();
    sizes = *s;
  }
  return splitInto(ctx, sizes, ctx.attrs().getInt("num_outputs", 0));
}

Status sliceWith(KernelContext& ctx, const std::vector<int64_t>& starts,
                 const std::vector<int64_t>& ends, std::vector<int64_t> axes,
                 std::vector<int64_t> steps) {
  const Tensor& x = ctx.input(0);
  if (starts.size() != ends.size())
    return ctx.fail(ErrorCode::InvalidArgument, "starts and ends differ in length");
  if (axes.empty())
    for (size_t i = 0; i < starts.size(); ++i) axes.push_back(static_cast<int64_t>(i));
  if (steps.empty()) steps.assign(starts.size(), 1);
  if (axes.size() != starts.size() || steps.size() != starts.size())
    return ctx.fail(ErrorCode::InvalidArgument,
                    "starts, ends, axes and steps must have one length");
  auto normalized = normalizeAxes(ctx, axes, x.rank());
  if (!normalized) return normalized.error();
  std::vector<prim::SliceRange> ranges(x.dims().size());
  for (size_t d = 0; d < ranges.size(); ++d) ranges[d] = prim::SliceRange{0, 1, x.dims()[d]};
  for (size_t i = 0; i < starts.size(); ++i) {
    if (steps[i] == 0) return ctx.fail(ErrorCode::InvalidArgument, "slice step must not be 0");
    const auto axis = static_cast<size_t>((*normalized)[i]);
    ranges[axis] = prim::normalizeSlice(starts[i], ends[i], steps[i], x.dims()[axis]);
  }
  return setOutput(ctx, 0, prim::slice(x, ranges));
}
Status slice1Kernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 1));
  return sliceWith(ctx, ctx.attrs().getInts("starts"), ctx.attrs().getInts("ends"),
                   ctx.attrs().getInts("axes"), {});
}
Status slice10Kernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 3));
  auto starts = intsInput(ctx, 1), ends = intsInput(ctx, 2);
  if (!starts) return starts.error();
  if (!ends) return ends.error();
  std::vector<int64_t> axes, steps;
  if (ctx.hasInput(3)) {
    auto a = intsInput(ctx, 3);
    if (!a) return a.error();
    axes = *a;
  }
  if (ctx.hasInput(4)) {
    auto s = intsInput(ctx, 4);
    if (!s) return s.error();
    steps = *s;
  }
  return sliceWith(ctx, *starts, *ends, axes, steps);
}

Expected<prim::PadMode> padMode(const KernelContext& ctx) {
  const std::string mode = ctx.attrs().getString("mode", "constant");
  if (mode == "constant") return prim::PadMode::Constant;
  if (mode == "reflect") return prim::PadMode::Reflect;
  if (mode == "edge") return prim::PadMode::Edge;
  if (mode == "wrap") return prim::PadMode::Wrap;
  return ctx.fail(ErrorCode::InvalidArgument, "unknown pad mode '" + mode + "'");
}

// pads = [x1_begin, x2_begin, …, x1_end, x2_end, …] over `axes` (all axes when empty).
Status padWith(KernelContext& ctx, const std::vector<int64_t>& pads,
               const std::vector<int64_t>& axesIn, double value) {
  const Tensor& x = ctx.input(0);
  auto mode = padMode(ctx);
  if (!mode) return mode.error();
  std::vector<int64_t> axes = axesIn;
  if (axes.empty())
    for (int64_t d = 0; d < x.rank(); ++d) axes.push_back(d);
  auto normalized = normalizeAxes(ctx, axes, x.rank());
  if (!normalized) return normalized.error();
  if (pads.size() != 2 * normalized->size())
    return ctx.fail(ErrorCode::InvalidArgument,
                    "pads has " + std::to_string(pads.size()) + " values; a tensor of shape " +
                        dimsToString(x.dims()) + " padded on " +
                        std::to_string(normalized->size()) + " axes needs " +
                        std::to_string(2 * normalized->size()));
  std::vector<int64_t> begin(x.dims().size(), 0), end(x.dims().size(), 0);
  for (size_t i = 0; i < normalized->size(); ++i) {
    begin[static_cast<size_t>((*normalized)[i])] = pads[i];
    end[static_cast<size_t>((*normalized)[i])] = pads[i + normalized->size()];
  }
  return setOutput(ctx, 0, prim::pad(x, begin, end, *mode, value));
}
Status pad2Kernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 1));
  return padWith(ctx, ctx.attrs().getInts("pads"), {}, ctx.attrs().getFloat("value", 0.0));
}
Status pad11Kernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 2));
  auto pads = intsInput(ctx, 1);
  if (!pads) return pads.error();
  double value = 0.0;
  if (ctx.hasInput(2) && ctx.input(2).numel() > 0) value = ctx.input(2).elementAsDouble(0);
  std::vector<int64_t> axes;
  if (ctx.hasInput(3)) {
    auto a = intsInput(ctx, 3);
    if (!a) return a.error();
    axes = *a;
  }
  return padWith(ctx, *pads, axes, value);
}

Status compressKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 2));
  const Tensor& x = ctx.input(0);
  const Tensor& cond = ctx.input(1);
  if (cond.rank() != 1)
    return ctx.fail(ErrorCode::ShapeMismatch,
                    "condition must be 1-D, got " + dimsToString(cond.dims()));
  Tensor source = x;
  int64_t axis = 0;
  if (ctx.attrs().has("axis")) {
    auto a = normalizeAxis(ctx, ctx.attrs().getInt("axis", 0), x.rank());
    if (!a) return a.error();
    axis = *a;
  } else {
    source = x.reshaped({x.numel()});
  }
  const int64_t dim = source.dims()[static_cast<size_t>(axis)];
  if (cond.numel() > dim)
    return ctx.fail(ErrorCode::ShapeMismatch, "condition has " + std::to_string(cond.numel()) +
                                                  " entries for an axis of size " +
                                                  std::to_string(dim));
  std::vector<int64_t> picked;
  for (int64_t i = 0; i < cond.numel(); ++i)
    if (cond.elementAsDouble(i) != 0.0) picked.push_back(i);
  const Tensor indices =
      Tensor::fromVector(DType::Int64, {static_cast<int64_t>(picked.size())}, picked);
  return setOutput(ctx, 0, prim::gather(source, indices, axis));
}

MB_ONNX_KERNEL("Concat", 4, concatKernel);
MB_ONNX_KERNEL("Split", 2, split2Kernel);
MB_ONNX_KERNEL("Split", 13, split13Kernel);
MB_ONNX_KERNEL("Slice", 1, slice1Kernel);
MB_ONNX_KERNEL("Slice", 10, slice10Kernel);
MB_ONNX_KERNEL("Pad", 2, pad2Kernel);
MB_ONNX_KERNEL("Pad", 11, pad11Kernel);
MB_ONNX_KERNEL("Compress", 9, compressKernel);

}  // namespace
}  // namespace mb::exec
