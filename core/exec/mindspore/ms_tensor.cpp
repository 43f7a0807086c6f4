// Tensor-manipulation MindSpore APIs: reshape / transpose / concat / split / gather / squeeze /
// tile / broadcast / flatten / pad / slicing, classic (mindspore.ops, mindspore.nn) and mint.
// MindSpore's own rules apply: ops.reshape has no ONNX "0 = copy this dim", ops.transpose takes a
// full permutation while mint.transpose swaps two dims, mint.gather is torch.gather (elementwise)
// while ops.gather takes whole slices, mint.flatten starts at dim 0 while nn.Flatten starts at 1,
// ops.pad lists pads from the last dim backwards (torch order) while nn.Pad lists (before, after)
// pairs from the first dim.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "exec/mindspore/ms_common.h"
#include "exec/primitives/cast.h"
#include "exec/primitives/layout.h"

namespace mb::exec::ms {
namespace {

// An int-tuple argument that may instead arrive as tensor input `index` (dynamic shapes).
Expected<std::vector<int64_t>> intsFromInputOrArg(KernelContext& ctx, size_t index,
                                                  const std::string& name, bool required) {
  if (ctx.hasInput(index)) return ctx.input(index).toInt64Vector();
  const Attribute* a = argFind(ctx, ArgSource::Call, name);
  if (!a) {
    if (required)
      return ctx.fail(ErrorCode::InvalidModel, ctx.node.opType + " needs '" + name + "'");
    return std::vector<int64_t>{};
  }
  if (a->is<int64_t>()) return std::vector<int64_t>{a->as<int64_t>()};
  if (a->is<std::vector<int64_t>>()) return a->as<std::vector<int64_t>>();
  return ctx.fail(ErrorCode::InvalidModel,
                  "'" + name + "' must be an int or a tuple of ints, got " + a->toString());
}

// The tensor inputs of a list-taking API (concat, stack): every given input, in order.
std::vector<const Tensor*> tensorList(const KernelContext& ctx) {
  std::vector<const Tensor*> list;
  for (const Tensor* t : ctx.inputs)
    if (t) list.push_back(t);
  return list;
}

// ---- reshape / flatten -----------------------------------------------------------------------
// MindSpore reshape: one -1 may be inferred; every other entry is taken literally.
Expected<std::vector<int64_t>> resolveReshape(const KernelContext& ctx, const Tensor& x,
                                              std::vector<int64_t> shape) {
  int64_t known = 1, inferAt = -1;
  for (size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] == -1) {
      if (inferAt >= 0)
        return ctx.fail(ErrorCode::InvalidModel, "reshape shape has more than one -1");
      inferAt = static_cast<int64_t>(i);
    } else if (shape[i] < 0) {
      return ctx.fail(ErrorCode::InvalidModel, "reshape shape has a negative entry other than -1");
    } else {
      known *= shape[i];
    }
  }
  if (inferAt >= 0) {
    if (known == 0 || x.numel() % known != 0)
      return ctx.fail(ErrorCode::ShapeMismatch,
                      "cannot reshape " + dimsToString(x.dims()) + " to " + dimsToString(shape));
    shape[static_cast<size_t>(inferAt)] = x.numel() / known;
  } else if (known != x.numel()) {
    return ctx.fail(ErrorCode::ShapeMismatch, "cannot reshape " + dimsToString(x.dims()) + " (" +
                                                  std::to_string(x.numel()) + " elements) to " +
                                                  dimsToString(shape));
  }
  return shape;
}
Status reshapeFn(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"shape"}));
  MB_TRY(needInputs(ctx, 1));
  MB_MS_TRY_ASSIGN(std::vector<int64_t> shape, intsFromInputOrArg(ctx, 1, "shape", true));
  MB_MS_TRY_ASSIGN(shape, resolveReshape(ctx, ctx.input(0), shape));
  return setOutput(ctx, ctx.input(0).reshaped(shape));
}
Status flattenDims(KernelContext& ctx, int64_t start, int64_t end) {
  const Tensor& x = ctx.input(0);
  if (x.rank() == 0) return setOutput(ctx, x.reshaped({1}));
  MB_MS_TRY_ASSIGN(start, normalizeAxis(ctx, start, x.rank()));
  MB_MS_TRY_ASSIGN(end, normalizeAxis(ctx, end, x.rank()));
  if (start > end) return ctx.fail(ErrorCode::InvalidModel, "flatten start_dim is after end_dim");
  std::vector<int64_t> dims;
  for (int64_t d = 0; d < start; ++d) dims.push_back(x.dims()[static_cast<size_t>(d)]);
  int64_t merged = 1;
  for (int64_t d = start; d <= end; ++d) merged *= x.dims()[static_cast<size_t>(d)];
  dims.push_back(merged);
  for (int64_t d = end + 1; d < x.rank(); ++d) dims.push_back(x.dims()[static_cast<size_t>(d)]);
  return setOutput(ctx, x.reshaped(dims));
}
Status nnFlatten(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {"start_dim", "end_dim"}, {}));
  MB_TRY(needInputs(ctx, 1));
  MB_MS_TRY_ASSIGN(int64_t start, argInt(ctx, ArgSource::Ctor, "start_dim", 1));
  MB_MS_TRY_ASSIGN(int64_t end, argInt(ctx, ArgSource::Ctor, "end_dim", -1));
  return flattenDims(ctx, start, end);
}
Status opsFlatten(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"order", "start_dim", "end_dim"}));
  MB_TRY(needInputs(ctx, 1));
  MB_MS_TRY_ASSIGN(std::string order, argString(ctx, ArgSource::Call, "order", "C"));
  if (order != "C")
    return ctx.fail(ErrorCode::UnsupportedOp, "flatten order '" + order + "' is not supported");
  MB_MS_TRY_ASSIGN(int64_t start, argInt(ctx, ArgSource::Call, "start_dim", 1));
  MB_MS_TRY_ASSIGN(int64_t end, argInt(ctx, ArgSource::Call, "end_dim", -1));
  return flattenDims(ctx, start, end);
}
Status mintFlatten(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"start_dim", "end_dim"}));
  MB_TRY(needInputs(ctx, 1));
  MB_MS_TRY_ASSIGN(int64_t start, argInt(ctx, ArgSource::Call, "start_dim", 0));
  MB_MS_TRY_ASSIGN(int64_t end, argInt(ctx, ArgSource::Call, "end_dim", -1));
  return flattenDims(ctx, start, end);
}
// mint.nn.Flatten(start_dim=1, end_dim=-1), like torch.nn.Flatten.
Status mintNnFlatten(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {"start_dim", "end_dim"}, {}));
  return nnFlatten(ctx);
}

// ---- permutations ----------------------------------------------------------------------------
Status permuteWith(KernelContext& ctx, std::vector<int64_t> perm) {
  const Tensor& x = ctx.input(0);
  if (static_cast<int64_t>(perm.size()) != x.rank())
    return ctx.fail(
        ErrorCode::ShapeMismatch,
        "permutation " + dimsToString(perm) + " does not match rank " + std::to_string(x.rank()));
  for (auto& p : perm) {
    MB_MS_TRY_ASSIGN(p, normalizeAxis(ctx, p, x.rank()));
  }
  return setOutput(ctx, prim::transpose(x, perm));
}
Status opsTranspose(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"input_perm"}));
  MB_TRY(needInputs(ctx, 1));
  MB_MS_TRY_ASSIGN(std::vector<int64_t> perm, intsFromInputOrArg(ctx, 1, "input_perm", true));
  return permuteWith(ctx, perm);
}
Status opsPermute(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"axis"}));
  MB_TRY(needInputs(ctx, 1));
  MB_MS_TRY_ASSIGN(std::vector<int64_t> perm, intsFromInputOrArg(ctx, 1, "axis", true));
  return permuteWith(ctx, perm);
}
Status mintPermute(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"dims"}));
  MB_TRY(needInputs(ctx, 1));
  MB_MS_TRY_ASSIGN(std::vector<int64_t> perm, intsFromInputOrArg(ctx, 1, "dims", true));
  return permuteWith(ctx, perm);
}
Status swapDims(KernelContext& ctx, const char* a, const char* b) {
  MB_TRY(needInputs(ctx, 1));
  const int64_t rank = ctx.input(0).rank();
  MB_MS_TRY_ASSIGN(int64_t d0, argInt(ctx, ArgSource::Call, a, 0));
  MB_MS_TRY_ASSIGN(int64_t d1, argInt(ctx, ArgSource::Call, b, 0));
  MB_MS_TRY_ASSIGN(d0, normalizeAxis(ctx, d0, rank));
  MB_MS_TRY_ASSIGN(d1, normalizeAxis(ctx, d1, rank));
  std::vector<int64_t> perm(static_cast<size_t>(rank));
  std::iota(perm.begin(), perm.end(), 0);
  std::swap(perm[static_cast<size_t>(d0)], perm[static_cast<size_t>(d1)]);
  return setOutput(ctx, prim::transpose(ctx.input(0), perm));
}
Status mintTranspose(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"dim0", "dim1"}));
  return swapDims(ctx, "dim0", "dim1");
}
Status opsSwapaxes(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"axis0", "axis1"}));
  return swapDims(ctx, "axis0", "axis1");
}

// ---- concat / stack / split ------------------------------------------------------------------
Status concatAlong(KernelContext& ctx, const char* axisName, int64_t def) {
  auto list = tensorList(ctx);
  if (list.empty()) return ctx.fail(ErrorCode::InvalidModel, "concat needs at least one tensor");
  MB_MS_TRY_ASSIGN(int64_t axis, argInt(ctx, ArgSource::Call, axisName, def));
  MB_MS_TRY_ASSIGN(axis, normalizeAxis(ctx, axis, list[0]->rank()));
  return setOutput(ctx, prim::concat(list, axis));
}
Status opsConcat(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"axis"}));
  return concatAlong(ctx, "axis", 0);
}
Status mintCat(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"dim"}));
  return concatAlong(ctx, "dim", 0);
}
Status stackAlong(KernelContext& ctx, const char* axisName) {
  auto list = tensorList(ctx);
  if (list.empty()) return ctx.fail(ErrorCode::InvalidModel, "stack needs at least one tensor");
  MB_MS_TRY_ASSIGN(int64_t axis, argInt(ctx, ArgSource::Call, axisName, 0));
  MB_MS_TRY_ASSIGN(axis, normalizeAxis(ctx, axis, list[0]->rank() + 1));
  std::vector<Tensor> expanded;
  for (const Tensor* t : list) {
    auto dims = t->dims();
    dims.insert(dims.begin() + axis, 1);
    expanded.push_back(t->reshaped(dims));
  }
  std::vector<const Tensor*> ptrs;
  for (const auto& t : expanded) ptrs.push_back(&t);
  return setOutput(ctx, prim::concat(ptrs, axis));
}
Status opsStack(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"axis"}));
  return stackAlong(ctx, "axis");
}
Status mintStack(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"dim"}));
  return stackAlong(ctx, "dim");
}
// split(tensor, split_size_or_sections, axis): an int is the size of every chunk (the last one may
// be smaller), a tuple lists the sizes.
Status splitAlong(KernelContext& ctx, const char* axisName) {
  MB_TRY(needInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  MB_MS_TRY_ASSIGN(int64_t axis, argInt(ctx, ArgSource::Call, axisName, 0));
  MB_MS_TRY_ASSIGN(axis, normalizeAxis(ctx, axis, x.rank()));
  const int64_t dim = x.dims()[static_cast<size_t>(axis)];
  const Attribute* a = argFind(ctx, ArgSource::Call, "split_size_or_sections");
  std::vector<int64_t> sizes;
  if (ctx.hasInput(1)) {
    sizes = ctx.input(1).toInt64Vector();
  } else if (a && a->is<int64_t>()) {
    const int64_t chunk = a->as<int64_t>();
    if (chunk <= 0) return ctx.fail(ErrorCode::InvalidModel, "split size must be positive");
    for (int64_t start = 0; start < dim; start += chunk)
      sizes.push_back(std::min(chunk, dim - start));
  } else if (a && a->is<std::vector<int64_t>>()) {
    sizes = a->as<std::vector<int64_t>>();
  } else {
    return ctx.fail(ErrorCode::InvalidModel, "split needs split_size_or_sections");
  }
  if (std::accumulate(sizes.begin(), sizes.end(), int64_t{0}) != dim)
    return ctx.fail(ErrorCode::ShapeMismatch, "split sizes " + dimsToString(sizes) +
                                                  " do not add up to " + std::to_string(dim));
  MB_MS_TRY_ASSIGN(std::vector<Tensor> parts, prim::split(x, axis, sizes));
  return setOutputs(ctx, std::move(parts));
}
Status opsSplit(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"split_size_or_sections", "axis"}));
  return splitAlong(ctx, "axis");
}
Status mintSplit(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"split_size_or_sections", "dim"}));
  return splitAlong(ctx, "dim");
}
// chunk(input, chunks, axis): torch's rule, chunk size = ceil(dim / chunks).
Status chunkAlong(KernelContext& ctx, const char* axisName) {
  MB_TRY(needInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  MB_MS_TRY_ASSIGN(int64_t chunks, argInt(ctx, ArgSource::Call, "chunks", 0));
  if (chunks <= 0) return ctx.fail(ErrorCode::InvalidModel, "chunks must be positive");
  MB_MS_TRY_ASSIGN(int64_t axis, argInt(ctx, ArgSource::Call, axisName, 0));
  MB_MS_TRY_ASSIGN(axis, normalizeAxis(ctx, axis, x.rank()));
  const int64_t dim = x.dims()[static_cast<size_t>(axis)];
  const int64_t size = (dim + chunks - 1) / chunks;
  std::vector<int64_t> sizes;
  for (int64_t start = 0; start < dim; start += size) sizes.push_back(std::min(size, dim - start));
  MB_MS_TRY_ASSIGN(std::vector<Tensor> parts, prim::split(x, axis, sizes));
  return setOutputs(ctx, std::move(parts));
}
Status opsChunk(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"chunks", "axis"}));
  return chunkAlong(ctx, "axis");
}
Status mintChunk(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"chunks", "dim"}));
  return chunkAlong(ctx, "dim");
}

// ---- gather ----------------------------------------------------------------------------------
// ops.gather(input_params, input_indices, axis, batch_dims=0): whole slices along axis. MindSpore
// documents indices in [0, dim); anything else is an error here rather than a silent wrap.
Expected<Tensor> gatherSlices(const KernelContext& ctx, const Tensor& x, const Tensor& indices,
                              int64_t axis) {
  const int64_t dim = x.dims()[static_cast<size_t>(axis)];
  std::vector<int64_t> idx = indices.toInt64Vector();
  for (int64_t i : idx)
    if (i < 0 || i >= dim)
      return ctx.fail(ErrorCode::InvalidModel, "gather index " + std::to_string(i) +
                                                   " is outside [0, " + std::to_string(dim) +
                                                   ") (MindSpore does not wrap negative indices)");
  // Gather = remap the axis with the flat index list, then reshape the axis into indices' dims.
  std::vector<std::vector<int64_t>> maps(static_cast<size_t>(x.rank()));
  for (int64_t d = 0; d < x.rank(); ++d) {
    if (d == axis) {
      maps[static_cast<size_t>(d)] = idx;
    } else {
      maps[static_cast<size_t>(d)].resize(static_cast<size_t>(x.dims()[static_cast<size_t>(d)]));
      std::iota(maps[static_cast<size_t>(d)].begin(), maps[static_cast<size_t>(d)].end(), 0);
    }
  }
  auto flat = prim::remapAxes(x, maps, 0.0);
  if (!flat) return flat.error();
  std::vector<int64_t> dims(x.dims().begin(), x.dims().begin() + axis);
  dims.insert(dims.end(), indices.dims().begin(), indices.dims().end());
  dims.insert(dims.end(), x.dims().begin() + axis + 1, x.dims().end());
  return flat->reshaped(dims);
}
Status opsGather(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"axis", "batch_dims"}));
  MB_TRY(needInputs(ctx, 2));
  MB_MS_TRY_ASSIGN(int64_t batchDims, argInt(ctx, ArgSource::Call, "batch_dims", 0));
  if (batchDims != 0)
    return ctx.fail(ErrorCode::UnsupportedOp, "gather with batch_dims != 0 is not supported");
  MB_MS_TRY_ASSIGN(int64_t axis, argInt(ctx, ArgSource::Call, "axis", 0));
  MB_MS_TRY_ASSIGN(axis, normalizeAxis(ctx, axis, ctx.input(0).rank()));
  return setOutput(ctx, gatherSlices(ctx, ctx.input(0), ctx.input(1), axis));
}
// index_select(input, axis|dim, index): a 1-D index.
Status indexSelectWith(KernelContext& ctx, const char* axisName) {
  MB_TRY(needInputs(ctx, 2));
  MB_MS_TRY_ASSIGN(int64_t axis, argInt(ctx, ArgSource::Call, axisName, 0));
  MB_MS_TRY_ASSIGN(axis, normalizeAxis(ctx, axis, ctx.input(0).rank()));
  return setOutput(ctx, gatherSlices(ctx, ctx.input(0), ctx.input(1), axis));
}
Status opsIndexSelect(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"axis"}));
  return indexSelectWith(ctx, "axis");
}
Status mintIndexSelect(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"dim"}));
  return indexSelectWith(ctx, "dim");
}
// gather_elements / mint.gather(input, dim, index): out[i][j] = input[index[i][j]][j] (dim 0).
Status gatherElementsWith(KernelContext& ctx, const char* dimName) {
  MB_TRY(needInputs(ctx, 2));
  const Tensor& x = ctx.input(0);
  const Tensor& index = ctx.input(1);
  MB_MS_TRY_ASSIGN(int64_t dim, argInt(ctx, ArgSource::Call, dimName, 0));
  MB_MS_TRY_ASSIGN(dim, normalizeAxis(ctx, dim, x.rank()));
  if (index.rank() != x.rank())
    return ctx.fail(ErrorCode::ShapeMismatch, "index rank must equal input rank");
  const auto idx = index.toInt64Vector();
  const size_t elem = dtypeSize(x.dtype());
  Tensor out = Tensor::zeros(x.dtype(), index.dims());
  std::vector<int64_t> xStrides(static_cast<size_t>(x.rank()), 1);
  for (int64_t d = x.rank() - 2; d >= 0; --d)
    xStrides[static_cast<size_t>(d)] =
        xStrides[static_cast<size_t>(d + 1)] * x.dims()[static_cast<size_t>(d + 1)];
  std::vector<int64_t> counter(static_cast<size_t>(x.rank()), 0);
  const int64_t axisDim = x.dims()[static_cast<size_t>(dim)];
  for (int64_t flat = 0; flat < index.numel(); ++flat) {
    int64_t off = 0;
    for (int64_t d = 0; d < x.rank(); ++d) {
      int64_t c = counter[static_cast<size_t>(d)];
      if (d == dim) {
        c = idx[static_cast<size_t>(flat)];
        if (c < 0 || c >= axisDim)
          return ctx.fail(ErrorCode::InvalidModel, "gather index " + std::to_string(c) +
                                                       " is outside [0, " +
                                                       std::to_string(axisDim) + ")");
      } else if (c >= x.dims()[static_cast<size_t>(d)]) {
        return ctx.fail(ErrorCode::ShapeMismatch,
                        "index is larger than the input outside the gather dim");
      }
      off += c * xStrides[static_cast<size_t>(d)];
    }
    std::copy_n(x.bytes() + off * static_cast<int64_t>(elem), elem,
                out.mutableBytes() + flat * static_cast<int64_t>(elem));
    for (int64_t d = index.rank() - 1; d >= 0; --d) {
      if (++counter[static_cast<size_t>(d)] < index.dims()[static_cast<size_t>(d)]) break;
      counter[static_cast<size_t>(d)] = 0;
    }
  }
  return setOutput(ctx, out);
}
Status opsGatherElements(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"dim"}));
  return gatherElementsWith(ctx, "dim");
}

// ---- squeeze / unsqueeze -----------------------------------------------------------------------
// MindSpore squeeze refuses to squeeze a dim that is not 1 (torch silently keeps it).
Status squeezeWith(KernelContext& ctx, const char* axisName) {
  MB_TRY(needInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  MB_MS_TRY_ASSIGN(std::vector<int64_t> axes, intsFromInputOrArg(ctx, 1, axisName, false));
  std::vector<bool> drop(static_cast<size_t>(x.rank()), false);
  if (axes.empty()) {
    for (int64_t d = 0; d < x.rank(); ++d)
      drop[static_cast<size_t>(d)] = x.dims()[static_cast<size_t>(d)] == 1;
  } else {
    for (int64_t a : axes) {
      MB_MS_TRY_ASSIGN(int64_t d, normalizeAxis(ctx, a, x.rank()));
      if (x.dims()[static_cast<size_t>(d)] != 1)
        return ctx.fail(ErrorCode::ShapeMismatch,
                        "cannot squeeze dim " + std::to_string(d) + " of size " +
                            std::to_string(x.dims()[static_cast<size_t>(d)]));
      drop[static_cast<size_t>(d)] = true;
    }
  }
  std::vector<int64_t> dims;
  for (int64_t d = 0; d < x.rank(); ++d)
    if (!drop[static_cast<size_t>(d)]) dims.push_back(x.dims()[static_cast<size_t>(d)]);
  return setOutput(ctx, x.reshaped(dims));
}
Status opsSqueeze(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"axis"}));
  return squeezeWith(ctx, "axis");
}
Status mintSqueeze(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"dim"}));
  return squeezeWith(ctx, "dim");
}
Status unsqueezeWith(KernelContext& ctx, const char* axisName) {
  MB_TRY(needInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  MB_MS_TRY_ASSIGN(std::vector<int64_t> axes, intsFromInputOrArg(ctx, 1, axisName, true));
  const int64_t outRank = x.rank() + static_cast<int64_t>(axes.size());
  std::vector<bool> inserted(static_cast<size_t>(outRank), false);
  for (int64_t a : axes) {
    MB_MS_TRY_ASSIGN(int64_t d, normalizeAxis(ctx, a, outRank));
    inserted[static_cast<size_t>(d)] = true;
  }
  std::vector<int64_t> dims;
  size_t src = 0;
  for (int64_t d = 0; d < outRank; ++d)
    dims.push_back(inserted[static_cast<size_t>(d)] ? 1 : x.dims()[src++]);
  if (src != x.dims().size())
    return ctx.fail(ErrorCode::InvalidModel, "repeated axes in expand_dims");
  return setOutput(ctx, x.reshaped(dims));
}
Status opsExpandDims(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"axis"}));
  return unsqueezeWith(ctx, "axis");
}
Status opsUnsqueeze(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"dim"}));
  return unsqueezeWith(ctx, "dim");
}

// ---- tile / broadcast --------------------------------------------------------------------------
// tile(input, dims): a shorter dims is padded with leading 1s, a shorter input gains leading
// 1-dims.
Status tileFn(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"dims", "multiples"}));
  MB_TRY(needInputs(ctx, 1));
  Tensor x = ctx.input(0);
  std::vector<int64_t> reps;
  if (ctx.hasInput(1)) {
    reps = ctx.input(1).toInt64Vector();
  } else {
    const char* name = argGiven(ctx, ArgSource::Call, "dims") ? "dims" : "multiples";
    MB_MS_TRY_ASSIGN(reps, intsFromInputOrArg(ctx, 99, name, true));
  }
  if (static_cast<int64_t>(reps.size()) < x.rank())
    reps.insert(reps.begin(), static_cast<size_t>(x.rank()) - reps.size(), 1);
  if (static_cast<int64_t>(reps.size()) > x.rank()) {
    auto dims = x.dims();
    dims.insert(dims.begin(), reps.size() - dims.size(), 1);
    x = x.reshaped(dims);
  }
  return setOutput(ctx, prim::tile(x, reps));
}
// broadcast_to(input, shape): -1 keeps the input's dim.
Status broadcastToWith(KernelContext& ctx, const char* name) {
  MB_TRY(needInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  MB_MS_TRY_ASSIGN(std::vector<int64_t> shape, intsFromInputOrArg(ctx, 1, name, true));
  if (static_cast<int64_t>(shape.size()) < x.rank())
    return ctx.fail(ErrorCode::ShapeMismatch, "broadcast_to shape has fewer dims than the input");
  const size_t lead = shape.size() - x.dims().size();
  for (size_t i = 0; i < shape.size(); ++i)
    if (shape[i] == -1) {
      if (i < lead)
        return ctx.fail(ErrorCode::InvalidModel, "broadcast_to -1 in a new leading dim");
      shape[i] = x.dims()[i - lead];
    }
  for (size_t i = 0; i < x.dims().size(); ++i)
    if (x.dims()[i] != 1 && x.dims()[i] != shape[i + lead])
      return ctx.fail(ErrorCode::ShapeMismatch,
                      "cannot broadcast " + dimsToString(x.dims()) + " to " + dimsToString(shape));
  return setOutput(ctx, prim::expand(x, shape));
}
Status opsBroadcastTo(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"shape"}));
  return broadcastToWith(ctx, "shape");
}
Status opsExpand(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"size"}));
  return broadcastToWith(ctx, "size");
}

// ---- pad ---------------------------------------------------------------------------------------
Expected<prim::PadMode> padModeOf(const KernelContext& ctx, const std::string& mode) {
  if (mode == "constant" || mode == "CONSTANT") return prim::PadMode::Constant;
  if (mode == "reflect" || mode == "REFLECT") return prim::PadMode::Reflect;
  if (mode == "replicate" || mode == "edge") return prim::PadMode::Edge;
  if (mode == "circular") return prim::PadMode::Wrap;
  return ctx.fail(ErrorCode::UnsupportedOp, "pad mode '" + mode + "' is not supported");
}
// ops.pad / mint.nn.functional.pad: pads in torch order, (left, right) of the last dim first, then
// the dim before it; negative values crop.
Status torchOrderPad(KernelContext& ctx, const char* padName) {
  MB_TRY(needInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  MB_MS_TRY_ASSIGN(std::vector<int64_t> pads, intsFromInputOrArg(ctx, 1, padName, true));
  if (pads.size() % 2 != 0 || static_cast<int64_t>(pads.size() / 2) > x.rank())
    return ctx.fail(ErrorCode::InvalidModel,
                    "padding " + dimsToString(pads) +
                        " must hold (before, after) pairs for at most rank " +
                        std::to_string(x.rank()) + " dims");
  MB_MS_TRY_ASSIGN(std::string modeText, argString(ctx, ArgSource::Call, "mode", "constant"));
  MB_MS_TRY_ASSIGN(prim::PadMode mode, padModeOf(ctx, modeText));
  MB_MS_TRY_ASSIGN(double value, argFloat(ctx, ArgSource::Call, "value", 0.0));
  std::vector<int64_t> begin(static_cast<size_t>(x.rank()), 0),
      end(static_cast<size_t>(x.rank()), 0);
  for (size_t k = 0; k < pads.size() / 2; ++k) {
    const size_t d = static_cast<size_t>(x.rank()) - 1 - k;
    begin[d] = pads[2 * k];
    end[d] = pads[2 * k + 1];
  }
  return setOutput(ctx, prim::pad(x, begin, end, mode, value));
}
Status opsPad(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"padding", "mode", "value"}));
  return torchOrderPad(ctx, "padding");
}
Status mintPad(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"pad", "mode", "value"}));
  return torchOrderPad(ctx, "pad");
}
// nn.Pad(paddings, mode="CONSTANT"): (before, after) for every dim from the first, flattened.
Status nnPad(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {"paddings", "mode"}, {}));
  MB_TRY(needInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  MB_MS_TRY_ASSIGN(std::vector<int64_t> pads, argInts(ctx, ArgSource::Ctor, "paddings", {},
                                                      {static_cast<size_t>(2 * x.rank())}, 0));
  if (pads.size() != static_cast<size_t>(2 * x.rank()))
    return ctx.fail(ErrorCode::InvalidModel,
                    "nn.Pad paddings needs a (before, after) pair for each of the " +
                        std::to_string(x.rank()) + " dims");
  MB_MS_TRY_ASSIGN(std::string modeText, argString(ctx, ArgSource::Ctor, "mode", "CONSTANT"));
  if (modeText == "SYMMETRIC")
    return ctx.fail(ErrorCode::UnsupportedOp,
                    "nn.Pad mode SYMMETRIC is not supported by the executor");
  if (modeText != "CONSTANT" && modeText != "REFLECT")
    return ctx.fail(ErrorCode::InvalidModel,
                    "nn.Pad mode must be CONSTANT, REFLECT or SYMMETRIC, got '" + modeText + "'");
  MB_MS_TRY_ASSIGN(prim::PadMode mode, padModeOf(ctx, modeText));
  std::vector<int64_t> begin, end;
  for (size_t d = 0; d < static_cast<size_t>(x.rank()); ++d) {
    begin.push_back(pads[2 * d]);
    end.push_back(pads[2 * d + 1]);
  }
  return setOutput(ctx, prim::pad(x, begin, end, mode, 0.0));
}
// nn.ZeroPad2d / ConstantPad2d / ReflectionPad2d / ReplicationPad2d(padding): int or
// (left, right, top, bottom) on the last two dims.
Status pad2dCell(KernelContext& ctx, prim::PadMode mode, bool hasValue) {
  if (hasValue) {
    MB_TRY(checkArgNames(ctx, {"padding", "value"}, {}));
  } else {
    MB_TRY(checkArgNames(ctx, {"padding"}, {}));
  }
  MB_TRY(needInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  if (x.rank() < 2) return ctx.fail(ErrorCode::ShapeMismatch, "2-D padding needs rank >= 2");
  MB_MS_TRY_ASSIGN(std::vector<int64_t> p,
                   argInts(ctx, ArgSource::Ctor, "padding", {0, 0, 0, 0}, {4}, 4));
  MB_MS_TRY_ASSIGN(double value, argFloat(ctx, ArgSource::Ctor, "value", 0.0));
  std::vector<int64_t> begin(static_cast<size_t>(x.rank()), 0),
      end(static_cast<size_t>(x.rank()), 0);
  const size_t h = static_cast<size_t>(x.rank()) - 2, w = h + 1;
  begin[w] = p[0];
  end[w] = p[1];
  begin[h] = p[2];
  end[h] = p[3];
  return setOutput(ctx, prim::pad(x, begin, end, mode, value));
}
Status zeroPad2d(KernelContext& ctx) {
  return pad2dCell(ctx, prim::PadMode::Constant, false);
}
Status constantPad2d(KernelContext& ctx) {
  return pad2dCell(ctx, prim::PadMode::Constant, true);
}
Status reflectionPad2d(KernelContext& ctx) {
  return pad2dCell(ctx, prim::PadMode::Reflect, false);
}
Status replicationPad2d(KernelContext& ctx) {
  return pad2dCell(ctx, prim::PadMode::Edge, false);
}

// ---- slicing -----------------------------------------------------------------------------------
// ops.strided_slice(input_x, begin, end, strides, begin_mask, end_mask, ellipsis_mask,
// new_axis_mask, shrink_axis_mask): TF semantics with bit masks.
Status opsStridedSlice(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {},
                       {"begin", "end", "strides", "begin_mask", "end_mask", "ellipsis_mask",
                        "new_axis_mask", "shrink_axis_mask"}));
  MB_TRY(needInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  MB_MS_TRY_ASSIGN(std::vector<int64_t> begin, intsFromInputOrArg(ctx, 1, "begin", true));
  MB_MS_TRY_ASSIGN(std::vector<int64_t> end, intsFromInputOrArg(ctx, 2, "end", true));
  MB_MS_TRY_ASSIGN(std::vector<int64_t> strides, intsFromInputOrArg(ctx, 3, "strides", true));
  MB_MS_TRY_ASSIGN(int64_t beginMask, argInt(ctx, ArgSource::Call, "begin_mask", 0));
  MB_MS_TRY_ASSIGN(int64_t endMask, argInt(ctx, ArgSource::Call, "end_mask", 0));
  MB_MS_TRY_ASSIGN(int64_t ellipsisMask, argInt(ctx, ArgSource::Call, "ellipsis_mask", 0));
  MB_MS_TRY_ASSIGN(int64_t newAxisMask, argInt(ctx, ArgSource::Call, "new_axis_mask", 0));
  MB_MS_TRY_ASSIGN(int64_t shrinkMask, argInt(ctx, ArgSource::Call, "shrink_axis_mask", 0));
  if (ellipsisMask || newAxisMask)
    return ctx.fail(ErrorCode::UnsupportedOp,
                    "strided_slice with ellipsis_mask / new_axis_mask is not supported");
  if (begin.size() != end.size() || begin.size() != strides.size() ||
      static_cast<int64_t>(begin.size()) > x.rank())
    return ctx.fail(ErrorCode::InvalidModel,
                    "strided_slice begin / end / strides must have equal length <= rank");
  std::vector<prim::SliceRange> ranges;
  std::vector<int64_t> outDims;
  for (int64_t d = 0; d < x.rank(); ++d) {
    const int64_t dim = x.dims()[static_cast<size_t>(d)];
    if (d >= static_cast<int64_t>(begin.size())) {
      ranges.push_back({0, 1, dim});
      outDims.push_back(dim);
      continue;
    }
    const int64_t step = strides[static_cast<size_t>(d)];
    if (step == 0) return ctx.fail(ErrorCode::InvalidModel, "strided_slice stride 0");
    int64_t b = begin[static_cast<size_t>(d)], e = end[static_cast<size_t>(d)];
    if (shrinkMask >> d & 1) {
      if (b < 0) b += dim;
      if (b < 0 || b >= dim)
        return ctx.fail(ErrorCode::InvalidModel, "strided_slice shrink index out of range");
      ranges.push_back({b, 1, 1});
      continue;
    }
    if (beginMask >> d & 1) b = step > 0 ? 0 : dim - 1;
    if (endMask >> d & 1) e = step > 0 ? dim : -dim - 1;
    prim::SliceRange r = prim::normalizeSlice(b, e, step, dim);
    ranges.push_back(r);
    outDims.push_back(r.count);
  }
  MB_MS_TRY_ASSIGN(Tensor out, prim::slice(x, ranges));
  return setOutput(ctx, out.reshaped(outDims));
}
// ops.slice(input_x, begin, size): size -1 = to the end.
Status opsSlice(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"begin", "size"}));
  MB_TRY(needInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  MB_MS_TRY_ASSIGN(std::vector<int64_t> begin, intsFromInputOrArg(ctx, 1, "begin", true));
  MB_MS_TRY_ASSIGN(std::vector<int64_t> size, intsFromInputOrArg(ctx, 2, "size", true));
  if (begin.size() != static_cast<size_t>(x.rank()) || size.size() != begin.size())
    return ctx.fail(ErrorCode::InvalidModel, "slice begin and size need one entry per dim");
  std::vector<prim::SliceRange> ranges;
  for (size_t d = 0; d < begin.size(); ++d) {
    const int64_t dim = x.dims()[d];
    const int64_t count = size[d] == -1 ? dim - begin[d] : size[d];
    if (begin[d] < 0 || count < 0 || begin[d] + count > dim)
      return ctx.fail(ErrorCode::InvalidModel, "slice out of range on dim " + std::to_string(d));
    ranges.push_back({begin[d], 1, count});
  }
  return setOutput(ctx, prim::slice(x, ranges));
}
// mint.narrow(input, dim, start, length).
Status mintNarrow(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"dim", "start", "length"}));
  MB_TRY(needInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  MB_MS_TRY_ASSIGN(int64_t dim, argInt(ctx, ArgSource::Call, "dim", 0));
  MB_MS_TRY_ASSIGN(dim, normalizeAxis(ctx, dim, x.rank()));
  MB_MS_TRY_ASSIGN(int64_t start, argInt(ctx, ArgSource::Call, "start", 0));
  MB_MS_TRY_ASSIGN(int64_t length, argInt(ctx, ArgSource::Call, "length", 0));
  const int64_t size = x.dims()[static_cast<size_t>(dim)];
  if (start < 0) start += size;
  if (start < 0 || length < 0 || start + length > size)
    return ctx.fail(ErrorCode::InvalidModel, "narrow range is outside the dim");
  std::vector<prim::SliceRange> ranges;
  for (int64_t d = 0; d < x.rank(); ++d)
    ranges.push_back(d == dim ? prim::SliceRange{start, 1, length}
                              : prim::SliceRange{0, 1, x.dims()[static_cast<size_t>(d)]});
  return setOutput(ctx, prim::slice(x, ranges));
}

// ---- creation ----------------------------------------------------------------------------------
Status likeWith(KernelContext& ctx, double value) {
  MB_TRY(checkArgNames(ctx, {}, {"dtype"}));
  MB_TRY(needInputs(ctx, 1));
  DType dtype = ctx.input(0).dtype();
  if (argGiven(ctx, ArgSource::Call, "dtype")) {
    MB_MS_TRY_ASSIGN(std::string text, argString(ctx, ArgSource::Call, "dtype", ""));
    auto d = parseMindSporeDType(text);
    if (!d) return ctx.fail(ErrorCode::InvalidModel, "unknown dtype '" + text + "'");
    dtype = *d;
  }
  return setOutput(ctx, prim::filled(dtype, ctx.input(0).dims(), value));
}
Status zerosLike(KernelContext& ctx) {
  return likeWith(ctx, 0.0);
}
Status onesLike(KernelContext& ctx) {
  return likeWith(ctx, 1.0);
}

// ops.shape / dyn_shape: the dims as an int64 tensor (dyn_shape) — the graph form of Tensor.shape.
Status dynShape(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {}));
  MB_TRY(needInputs(ctx, 1));
  const auto& dims = ctx.input(0).dims();
  return setOutput(ctx,
                   Tensor::fromVector(DType::Int64, {static_cast<int64_t>(dims.size())}, dims));
}

// arange(start=0, end=None, step=1, *, dtype=None): start / end / step are scalar inputs or call
// arguments; a lone start is the end (torch rule). Without dtype: int64 if every bound is an
// integer, else float32.
Status arangeFn(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"start", "end", "step", "dtype"}));
  const char* names[3] = {"start", "end", "step"};
  double v[3] = {0, 0, 1};
  bool given[3] = {false, false, false};
  bool integral = true;
  for (size_t i = 0; i < 3; ++i) {
    if (ctx.hasInput(i)) {
      const Tensor& t = ctx.input(i);
      if (t.numel() != 1)
        return ctx.fail(ErrorCode::InvalidModel,
                        std::string("arange ") + names[i] + " must be a scalar");
      v[i] = t.elementAsDouble(0);
      integral = integral && !isFloating(t.dtype());
      given[i] = true;
    } else if (const Attribute* a = argFind(ctx, ArgSource::Call, names[i])) {
      if (a->is<double>()) integral = false;
      MB_MS_TRY_ASSIGN(v[i], argFloat(ctx, ArgSource::Call, names[i], v[i]));
      given[i] = true;
    }
  }
  if (given[0] && !given[1]) {
    v[1] = v[0];
    v[0] = 0;
  }
  if (v[2] == 0) return ctx.fail(ErrorCode::InvalidModel, "arange step must not be 0");
  DType dtype = integral ? DType::Int64 : DType::Float32;
  if (argGiven(ctx, ArgSource::Call, "dtype")) {
    MB_MS_TRY_ASSIGN(std::string text, argString(ctx, ArgSource::Call, "dtype", ""));
    auto d = parseMindSporeDType(text);
    if (!d) return ctx.fail(ErrorCode::InvalidModel, "unknown dtype '" + text + "'");
    dtype = *d;
  }
  const double count = std::ceil((v[1] - v[0]) / v[2]);
  const int64_t n = count > 0 ? static_cast<int64_t>(count) : 0;
  if (n > (int64_t{1} << 31))
    return ctx.fail(ErrorCode::LimitExceeded, "arange would produce too many elements");
  std::vector<double> values(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i)
    values[static_cast<size_t>(i)] = v[0] + static_cast<double>(i) * v[2];
  Tensor out = Tensor::fromVector(DType::Float64, {n}, values);
  if (dtype == DType::Float64) return setOutput(ctx, out);
  return setOutput(ctx, prim::cast(out, dtype));
}

// full(size, fill_value, *, dtype=None): size is a shape tensor input or a tuple argument.
Status fullFn(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {"size", "fill_value", "dtype"}));
  MB_MS_TRY_ASSIGN(std::vector<int64_t> dims, intsFromInputOrArg(ctx, 0, "size", true));
  for (int64_t d : dims)
    if (d < 0) return ctx.fail(ErrorCode::InvalidModel, "full size has a negative dim");
  const Attribute* fill = argFind(ctx, ArgSource::Call, "fill_value");
  double value = 0;
  DType dtype = DType::Float32;
  if (ctx.hasInput(1)) {
    value = ctx.input(1).elementAsDouble(0);
    dtype = ctx.input(1).dtype();
  } else if (fill) {
    if (fill->is<int64_t>()) dtype = DType::Int64;
    if (fill->is<bool>()) {
      dtype = DType::Bool;
      value = fill->as<bool>() ? 1 : 0;
    } else {
      MB_MS_TRY_ASSIGN(value, argFloat(ctx, ArgSource::Call, "fill_value", 0.0));
    }
  } else {
    return ctx.fail(ErrorCode::InvalidModel, "full needs fill_value");
  }
  if (argGiven(ctx, ArgSource::Call, "dtype")) {
    MB_MS_TRY_ASSIGN(std::string text, argString(ctx, ArgSource::Call, "dtype", ""));
    auto d = parseMindSporeDType(text);
    if (!d) return ctx.fail(ErrorCode::InvalidModel, "unknown dtype '" + text + "'");
    dtype = *d;
  }
  if (checkedNumel(dims) < 0 || checkedNumel(dims) > (int64_t{1} << 31))
    return ctx.fail(ErrorCode::LimitExceeded, "full size " + dimsToString(dims) + " is too large");
  return setOutput(ctx, prim::filled(dtype, dims, value));
}

}  // namespace

MB_MINDSPORE_KERNEL("mindspore.ops.reshape", reshapeFn);
MB_MINDSPORE_KERNEL("mindspore.mint.reshape", reshapeFn);
MB_MINDSPORE_KERNEL("mindspore.nn.Flatten", nnFlatten);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.Flatten", mintNnFlatten);
MB_MINDSPORE_KERNEL("mindspore.ops.flatten", opsFlatten);
MB_MINDSPORE_KERNEL("mindspore.mint.flatten", mintFlatten);
MB_MINDSPORE_KERNEL("mindspore.ops.transpose", opsTranspose);
MB_MINDSPORE_KERNEL("mindspore.ops.permute", opsPermute);
MB_MINDSPORE_KERNEL("mindspore.mint.permute", mintPermute);
MB_MINDSPORE_KERNEL("mindspore.mint.transpose", mintTranspose);
MB_MINDSPORE_KERNEL("mindspore.ops.swapaxes", opsSwapaxes);
MB_MINDSPORE_KERNEL("mindspore.ops.concat", opsConcat);
MB_MINDSPORE_KERNEL("mindspore.ops.cat", opsConcat);
MB_MINDSPORE_KERNEL("mindspore.mint.cat", mintCat);
MB_MINDSPORE_KERNEL("mindspore.mint.concat", mintCat);
MB_MINDSPORE_KERNEL("mindspore.ops.stack", opsStack);
MB_MINDSPORE_KERNEL("mindspore.mint.stack", mintStack);
MB_MINDSPORE_KERNEL("mindspore.ops.split", opsSplit);
MB_MINDSPORE_KERNEL("mindspore.mint.split", mintSplit);
MB_MINDSPORE_KERNEL("mindspore.ops.chunk", opsChunk);
MB_MINDSPORE_KERNEL("mindspore.mint.chunk", mintChunk);
MB_MINDSPORE_KERNEL("mindspore.ops.gather", opsGather);
MB_MINDSPORE_KERNEL("mindspore.ops.index_select", opsIndexSelect);
MB_MINDSPORE_KERNEL("mindspore.mint.index_select", mintIndexSelect);
MB_MINDSPORE_KERNEL("mindspore.ops.gather_elements", opsGatherElements);
MB_MINDSPORE_KERNEL("mindspore.mint.gather", opsGatherElements);
MB_MINDSPORE_KERNEL("mindspore.ops.squeeze", opsSqueeze);
MB_MINDSPORE_KERNEL("mindspore.mint.squeeze", mintSqueeze);
MB_MINDSPORE_KERNEL("mindspore.ops.expand_dims", opsExpandDims);
MB_MINDSPORE_KERNEL("mindspore.ops.unsqueeze", opsUnsqueeze);
MB_MINDSPORE_KERNEL("mindspore.mint.unsqueeze", opsUnsqueeze);
MB_MINDSPORE_KERNEL("mindspore.ops.tile", tileFn);
MB_MINDSPORE_KERNEL("mindspore.mint.tile", tileFn);
MB_MINDSPORE_KERNEL("mindspore.ops.broadcast_to", opsBroadcastTo);
MB_MINDSPORE_KERNEL("mindspore.mint.broadcast_to", opsBroadcastTo);
MB_MINDSPORE_KERNEL("mindspore.ops.expand", opsExpand);
MB_MINDSPORE_KERNEL("mindspore.ops.pad", opsPad);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.functional.pad", mintPad);
MB_MINDSPORE_KERNEL("mindspore.nn.Pad", nnPad);
MB_MINDSPORE_KERNEL("mindspore.nn.ZeroPad2d", zeroPad2d);
MB_MINDSPORE_KERNEL("mindspore.nn.ConstantPad2d", constantPad2d);
MB_MINDSPORE_KERNEL("mindspore.nn.ReflectionPad2d", reflectionPad2d);
MB_MINDSPORE_KERNEL("mindspore.nn.ReplicationPad2d", replicationPad2d);
MB_MINDSPORE_KERNEL("mindspore.ops.strided_slice", opsStridedSlice);
MB_MINDSPORE_KERNEL("mindspore.ops.slice", opsSlice);
MB_MINDSPORE_KERNEL("mindspore.mint.narrow", mintNarrow);
MB_MINDSPORE_KERNEL("mindspore.ops.zeros_like", zerosLike);
MB_MINDSPORE_KERNEL("mindspore.mint.zeros_like", zerosLike);
MB_MINDSPORE_KERNEL("mindspore.ops.ones_like", onesLike);
MB_MINDSPORE_KERNEL("mindspore.mint.ones_like", onesLike);
MB_MINDSPORE_KERNEL("mindspore.ops.dyn_shape", dynShape);
MB_MINDSPORE_KERNEL("mindspore.ops.arange", arangeFn);
MB_MINDSPORE_KERNEL("mindspore.mint.arange", arangeFn);
MB_MINDSPORE_KERNEL("mindspore.ops.full", fullFn);
MB_MINDSPORE_KERNEL("mindspore.mint.full", fullFn);

}  // namespace mb::exec::ms
