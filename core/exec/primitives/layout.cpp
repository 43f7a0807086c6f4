#include "exec/primitives/layout.h"

#include <algorithm>
#include <cstring>

#include "exec/primitives/broadcast.h"
#include "exec/primitives/cast.h"
#include "exec/primitives/dispatch.h"

namespace mb::exec::prim {
namespace {

Error unsupportedType(const char* what, DType dtype) {
  return makeError(ErrorCode::TypeMismatch, std::string(what) + " does not support " +
                                                std::string(dtypeName(dtype)) + " tensors");
}

bool validPerm(const std::vector<int64_t>& perm, size_t rank) {
  if (perm.size() != rank) return false;
  std::vector<bool> seen(rank, false);
  for (int64_t p : perm) {
    if (p < 0 || p >= static_cast<int64_t>(rank) || seen[static_cast<size_t>(p)]) return false;
    seen[static_cast<size_t>(p)] = true;
  }
  return true;
}

}  // namespace

Tensor filled(DType dtype, const std::vector<int64_t>& dims, double value) {
  Tensor one = Tensor::fromVector<double>(DType::Float64, {}, {value});
  auto typed = cast(one, dtype);
  Tensor out = Tensor::zeros(dtype, dims);
  if (!typed) return out;
  const size_t size = dtypeSize(dtype);
  const int64_t n = out.numel();
  for (int64_t i = 0; i < n; ++i)
    std::memcpy(out.mutableBytes() + static_cast<size_t>(i) * size, typed->bytes(), size);
  return out;
}

Expected<Tensor> stridedCopy(const Tensor& x, const std::vector<int64_t>& outDims,
                             const std::vector<int64_t>& strides, int64_t base) {
  Tensor out = Tensor::zeros(x.dtype(), outDims);
  if (out.numel() == 0) return out;
  const bool ok = dispatchBySize(dtypeSize(x.dtype()), [&](auto tag) {
    using T = decltype(tag);
    const T* src = x.data<T>() + base;
    T* dst = out.mutableData<T>();
    forEachBroadcastRun<1>(outDims, {strides},
                           [&](const auto& off, const auto& st, int64_t n, int64_t o) {
                             const T* s = src + off[0];
                             if (st[0] == 1) {
                               std::memcpy(dst + o, s, static_cast<size_t>(n) * sizeof(T));
                             } else {
                               for (int64_t i = 0; i < n; ++i) dst[o + i] = s[i * st[0]];
                             }
                           });
  });
  if (!ok) return unsupportedType("copy", x.dtype());
  return out;
}

Expected<Tensor> transpose(const Tensor& x, const std::vector<int64_t>& perm) {
  if (!validPerm(perm, x.dims().size()))
    return makeError(ErrorCode::InvalidArgument,
                     "permutation " + dimsToString(perm) + " is not a permutation of the " +
                         std::to_string(x.rank()) + " axes of a tensor of shape " +
                         dimsToString(x.dims()));
  const auto own = contiguousStrides(x.dims());
  std::vector<int64_t> outDims(perm.size()), strides(perm.size());
  for (size_t d = 0; d < perm.size(); ++d) {
    outDims[d] = x.dims()[static_cast<size_t>(perm[d])];
    strides[d] = own[static_cast<size_t>(perm[d])];
  }
  return stridedCopy(x, outDims, strides, 0);
}

SliceRange normalizeSlice(int64_t start, int64_t end, int64_t step, int64_t dim) {
  SliceRange r;
  r.step = step;
  if (start < 0) start += dim;
  if (end < 0) end += dim;
  if (step > 0) {
    start = std::clamp<int64_t>(start, 0, dim);
    end = std::clamp<int64_t>(end, 0, dim);
    r.count = end > start ? (end - start + step - 1) / step : 0;
  } else {
    start = std::clamp<int64_t>(start, 0, dim - 1);
    end = std::clamp<int64_t>(end, -1, dim - 1);
    r.count = start > end ? (start - end + (-step) - 1) / (-step) : 0;
  }
  r.start = start;
  return r;
}

Expected<Tensor> slice(const Tensor& x, const std::vector<SliceRange>& ranges) {
  if (ranges.size() != x.dims().size())
    return makeError(ErrorCode::InvalidArgument, "slice needs one range per axis");
  const auto own = contiguousStrides(x.dims());
  std::vector<int64_t> outDims(ranges.size()), strides(ranges.size());
  int64_t base = 0;
  for (size_t d = 0; d < ranges.size(); ++d) {
    outDims[d] = ranges[d].count;
    strides[d] = own[d] * ranges[d].step;
    if (ranges[d].count > 0) base += own[d] * ranges[d].start;
  }
  return stridedCopy(x, outDims, strides, base);
}

Expected<Tensor> expand(const Tensor& x, const std::vector<int64_t>& shape) {
  auto outDims = broadcastShapes({x.dims(), shape});
  if (!outDims)
    return makeError(ErrorCode::ShapeMismatch,
                     "cannot expand a tensor of shape " + dimsToString(x.dims()) + " to " +
                         dimsToString(shape) + ": " + outDims.error().message);
  return stridedCopy(x, *outDims, broadcastStrides(x.dims(), *outDims), 0);
}

Expected<Tensor> concat(const std::vector<const Tensor*>& xs, int64_t axis) {
  if (xs.empty()) return makeError(ErrorCode::InvalidArgument, "concat of no tensors");
  const auto& first = xs[0]->dims();
  std::vector<int64_t> outDims = first;
  outDims[static_cast<size_t>(axis)] = 0;
  for (const Tensor* t : xs) {
    if (t->dtype() != xs[0]->dtype())
      return makeError(ErrorCode::TypeMismatch,
                       "concat inputs differ in type: " + std::string(dtypeName(xs[0]->dtype())) +
                           " and " + std::string(dtypeName(t->dtype())));
    bool compatible = t->dims().size() == first.size();
    for (size_t d = 0; compatible && d < first.size(); ++d)
      if (static_cast<int64_t>(d) != axis && t->dims()[d] != first[d]) compatible = false;
    if (!compatible)
      return makeError(ErrorCode::ShapeMismatch,
                       "cannot concatenate shapes " + dimsToString(first) + " and " +
                           dimsToString(t->dims()) + " along axis " + std::to_string(axis));
    outDims[static_cast<size_t>(axis)] += t->dims()[static_cast<size_t>(axis)];
  }
  Tensor out = Tensor::zeros(xs[0]->dtype(), outDims);
  const size_t elem = dtypeSize(out.dtype());
  if (elem == 0) return unsupportedType("concat", out.dtype());
  int64_t outer = 1;
  for (int64_t d = 0; d < axis; ++d) outer *= first[static_cast<size_t>(d)];
  const size_t outRow = static_cast<size_t>(out.numel() / std::max<int64_t>(outer, 1)) * elem;
  size_t column = 0;
  for (const Tensor* t : xs) {
    const size_t row = outer == 0 ? 0 : static_cast<size_t>(t->numel() / outer) * elem;
    for (int64_t o = 0; o < outer && row > 0; ++o)
      std::memcpy(out.mutableBytes() + static_cast<size_t>(o) * outRow + column,
                  t->bytes() + static_cast<size_t>(o) * row, row);
    column += row;
  }
  return out;
}

Expected<std::vector<Tensor>> split(const Tensor& x, int64_t axis,
                                    const std::vector<int64_t>& sizes) {
  const int64_t dim = x.dims()[static_cast<size_t>(axis)];
  int64_t total = 0;
  for (int64_t s : sizes) {
    if (s < 0)
      return makeError(ErrorCode::InvalidArgument, "negative split size " + std::to_string(s));
    total += s;
  }
  if (total != dim)
    return makeError(ErrorCode::ShapeMismatch, "split sizes " + dimsToString(sizes) +
                                                   " add up to " + std::to_string(total) +
                                                   " but axis " + std::to_string(axis) + " has " +
                                                   std::to_string(dim) + " elements");
  std::vector<Tensor> parts;
  std::vector<SliceRange> ranges(x.dims().size());
  for (size_t d = 0; d < ranges.size(); ++d) ranges[d] = SliceRange{0, 1, x.dims()[d]};
  int64_t start = 0;
  for (int64_t s : sizes) {
    ranges[static_cast<size_t>(axis)] = SliceRange{start, 1, s};
    auto part = slice(x, ranges);
    if (!part) return part.error();
    parts.push_back(std::move(*part));
    start += s;
  }
  return parts;
}

Expected<Tensor> remapAxes(const Tensor& x, const std::vector<std::vector<int64_t>>& maps,
                           double fill) {
  const size_t rank = maps.size();
  if (rank != x.dims().size())
    return makeError(ErrorCode::InvalidArgument, "remap needs one map per axis");
  std::vector<int64_t> outDims(rank);
  for (size_t d = 0; d < rank; ++d) outDims[d] = static_cast<int64_t>(maps[d].size());
  Tensor out = filled(x.dtype(), outDims, fill);
  if (out.numel() == 0) return out;
  if (rank == 0) return x.clone();
  const auto strides = contiguousStrides(x.dims());
  const bool ok = dispatchBySize(dtypeSize(x.dtype()), [&](auto tag) {
    using T = decltype(tag);
    const T* src = x.data<T>();
    T* dst = out.mutableData<T>();
    const auto& inner = maps[rank - 1];
    const int64_t innerCount = outDims[rank - 1];
    std::vector<int64_t> counter(rank, 0);
    int64_t o = 0;
    while (true) {
      // Offset of the outer coordinates, or -1 when one of them is padding.
      int64_t base = 0;
      for (size_t d = 0; d + 1 < rank; ++d) {
        const int64_t m = maps[d][static_cast<size_t>(counter[d])];
        if (m < 0) {
          base = -1;
          break;
        }
        base += m * strides[d];
      }
      if (base >= 0)
        for (int64_t i = 0; i < innerCount; ++i) {
          const int64_t m = inner[static_cast<size_t>(i)];
          if (m >= 0) dst[o + i] = src[base + m];
        }
      o += innerCount;
      size_t d = rank - 1;
      while (true) {
        if (d == 0) return;
        --d;
        if (++counter[d] < outDims[d]) break;
        counter[d] = 0;
      }
    }
  });
  if (!ok) return unsupportedType("remap", x.dtype());
  return out;
}

Expected<Tensor> pad(const Tensor& x, const std::vector<int64_t>& begin,
                     const std::vector<int64_t>& end, PadMode mode, double value) {
  const size_t rank = x.dims().size();
  if (begin.size() != rank || end.size() != rank)
    return makeError(
        ErrorCode::InvalidArgument,
        "pad needs begin and end amounts for each of the " + std::to_string(rank) + " axes");
  std::vector<std::vector<int64_t>> maps(rank);
  for (size_t d = 0; d < rank; ++d) {
    const int64_t n = x.dims()[d];
    const int64_t outN = n + begin[d] + end[d];
    if (outN < 0)
      return makeError(
          ErrorCode::InvalidArgument,
          "pads crop axis " + std::to_string(d) + " of size " + std::to_string(n) + " below zero");
    if (mode != PadMode::Constant && n == 0 && outN > 0)
      return makeError(ErrorCode::InvalidArgument,
                       "cannot pad an empty axis except with a constant");
    if (mode == PadMode::Reflect && n == 1 && (begin[d] > 0 || end[d] > 0))
      return makeError(ErrorCode::InvalidArgument,
                       "reflect padding needs at least 2 elements on axis " + std::to_string(d));
    auto& map = maps[d];
    map.resize(static_cast<size_t>(outN));
    for (int64_t o = 0; o < outN; ++o) {
      int64_t i = o - begin[d];
      if (i < 0 || i >= n) {
        switch (mode) {
          case PadMode::Constant:
            i = -1;
            break;
          case PadMode::Edge:
            i = std::clamp<int64_t>(i, 0, n - 1);
            break;
          case PadMode::Wrap:
            i = ((i % n) + n) % n;
            break;
          case PadMode::Reflect: {
            const int64_t period = 2 * (n - 1);
            i = ((i % period) + period) % period;
            if (i >= n) i = period - i;
            break;
          }
        }
      }
      map[static_cast<size_t>(o)] = i;
    }
  }
  return remapAxes(x, maps, value);
}

Expected<Tensor> tile(const Tensor& x, const std::vector<int64_t>& repeats) {
  const size_t rank = x.dims().size();
  if (repeats.size() != rank)
    return makeError(
        ErrorCode::InvalidArgument,
        "tile needs " + std::to_string(rank) + " repeats, got " + std::to_string(repeats.size()));
  std::vector<std::vector<int64_t>> maps(rank);
  for (size_t d = 0; d < rank; ++d) {
    if (repeats[d] < 0) return makeError(ErrorCode::InvalidArgument, "negative repeat count");
    const int64_t n = x.dims()[d];
    for (int64_t r = 0; r < repeats[d]; ++r)
      for (int64_t i = 0; i < n; ++i) maps[d].push_back(i);
  }
  return remapAxes(x, maps, 0.0);
}

}  // namespace mb::exec::prim
