#include "exec/primitives/indexing.h"

#include <cstring>
#include <type_traits>

#include "exec/primitives/broadcast.h"
#include "exec/primitives/cast.h"
#include "exec/primitives/dispatch.h"

namespace mb::exec::prim {
namespace {

Expected<std::vector<int64_t>> readIndices(const Tensor& indices) {
  if (indices.dtype() != DType::Int64 && indices.dtype() != DType::Int32 &&
      !(isInteger(indices.dtype())))
    return makeError(ErrorCode::TypeMismatch,
                     "indices must be integers, got " + std::string(dtypeName(indices.dtype())));
  if (indices.dtype() == DType::Int64) {
    const int64_t* p = indices.data<int64_t>();
    return std::vector<int64_t>(p, p + indices.numel());
  }
  return indices.toInt64Vector();
}

Error outOfRange(int64_t index, int64_t axis, int64_t size) {
  return makeError(ErrorCode::InvalidArgument,
                   "index " + std::to_string(index) + " is out of range for axis " +
                       std::to_string(axis) + " of size " + std::to_string(size));
}

// Normalises a possibly negative index; false when outside [-size, size).
bool fixIndex(int64_t& index, int64_t size) {
  if (index < 0) index += size;
  return index >= 0 && index < size;
}

template <typename T>
void applyReduction(T& dst, T src, ScatterReduction r) {
  switch (r) {
    case ScatterReduction::None:
      dst = src;
      break;
    case ScatterReduction::Add:
      dst = static_cast<T>(dst + src);
      break;
    case ScatterReduction::Mul:
      dst = static_cast<T>(dst * src);
      break;
    case ScatterReduction::Max:
      dst = dst > src ? dst : src;
      break;
    case ScatterReduction::Min:
      dst = dst < src ? dst : src;
      break;
  }
}

// Runs fn.template<T>() for the dtype scatter reductions need (values) or only bytes (None).
template <typename Fn>
bool dispatchScatter(DType dtype, ScatterReduction r, Fn&& fn) {
  if (r == ScatterReduction::None) return dispatchBySize(dtypeSize(dtype), fn);
  return dispatchNumeric(dtype, fn);
}

}  // namespace

Expected<Tensor> gather(const Tensor& x, const Tensor& indices, int64_t axis) {
  auto idx = readIndices(indices);
  if (!idx) return idx.error();
  const auto& dims = x.dims();
  const int64_t n = dims[static_cast<size_t>(axis)];
  for (auto& i : *idx)
    if (!fixIndex(i, n)) return outOfRange(i < 0 ? i - n : i, axis, n);
  std::vector<int64_t> outDims(dims.begin(), dims.begin() + axis);
  outDims.insert(outDims.end(), indices.dims().begin(), indices.dims().end());
  outDims.insert(outDims.end(), dims.begin() + axis + 1, dims.end());
  int64_t outer = 1, inner = 1;
  for (int64_t d = 0; d < axis; ++d) outer *= dims[static_cast<size_t>(d)];
  for (size_t d = static_cast<size_t>(axis) + 1; d < dims.size(); ++d) inner *= dims[d];
  Tensor out = Tensor::zeros(x.dtype(), outDims);
  const size_t block = static_cast<size_t>(inner) * dtypeSize(x.dtype());
  if (block == 0 && out.numel() > 0)
    return makeError(ErrorCode::TypeMismatch,
                     "gather does not support " + std::string(dtypeName(x.dtype())));
  const std::byte* src = x.bytes();
  std::byte* dst = out.mutableBytes();
  const size_t count = idx->size();
  for (int64_t o = 0; o < outer; ++o)
    for (size_t j = 0; j < count; ++j)
      std::memcpy(dst + (static_cast<size_t>(o) * count + j) * block,
                  src + (static_cast<size_t>(o * n + (*idx)[j])) * block, block);
  return out;
}

Expected<Tensor> gatherElements(const Tensor& x, const Tensor& indices, int64_t axis) {
  auto idx = readIndices(indices);
  if (!idx) return idx.error();
  const size_t rank = x.dims().size();
  if (indices.dims().size() != rank)
    return makeError(ErrorCode::ShapeMismatch, "indices of shape " + dimsToString(indices.dims()) +
                                                   " must have the rank of data " +
                                                   dimsToString(x.dims()));
  const int64_t n = x.dims()[static_cast<size_t>(axis)];
  const auto xs = contiguousStrides(x.dims());
  Tensor out = Tensor::zeros(x.dtype(), indices.dims());
  Status status;
  const bool ok = dispatchBySize(dtypeSize(x.dtype()), [&](auto tag) {
    using T = decltype(tag);
    const T* src = x.data<T>();
    T* dst = out.mutableData<T>();
    std::vector<int64_t> coord(rank, 0);
    for (size_t p = 0; p < idx->size(); ++p) {
      int64_t i = (*idx)[p];
      if (!fixIndex(i, n)) {
        status = outOfRange((*idx)[p], axis, n);
        return;
      }
      int64_t offset = 0;
      for (size_t d = 0; d < rank; ++d)
        offset += (d == static_cast<size_t>(axis) ? i : coord[d]) * xs[d];
      dst[p] = src[offset];
      for (size_t d = rank; d-- > 0;) {
        if (++coord[d] < indices.dims()[d]) break;
        coord[d] = 0;
      }
    }
  });
  if (!ok)
    return makeError(ErrorCode::TypeMismatch,
                     "unsupported dtype " + std::string(dtypeName(x.dtype())));
  if (!status) return status.error();
  return out;
}

namespace {
// Shared by GatherND / ScatterND: flat element offsets of the slices that index tuples select.
struct NdPlan {
  std::vector<int64_t> sliceOffsets;  // per index tuple (all batches flattened)
  int64_t sliceSize = 1;              // elements per selected slice
};
Expected<NdPlan> planNd(const Tensor& data, const Tensor& indices, int64_t batchDims) {
  auto idx = readIndices(indices);
  if (!idx) return idx.error();
  const auto& dd = data.dims();
  const auto& id = indices.dims();
  if (id.empty()) return makeError(ErrorCode::ShapeMismatch, "indices must have rank ≥ 1");
  const int64_t m = id.back();
  const auto b = static_cast<size_t>(batchDims);
  if (batchDims < 0 || b >= id.size() || b + static_cast<size_t>(m) > dd.size())
    return makeError(ErrorCode::ShapeMismatch, "index tuples of length " + std::to_string(m) +
                                                   " with " + std::to_string(batchDims) +
                                                   " batch dims do not fit data of shape " +
                                                   dimsToString(dd));
  for (size_t d = 0; d < b; ++d)
    if (dd[d] != id[d])
      return makeError(ErrorCode::ShapeMismatch, "batch dims of data " + dimsToString(dd) +
                                                     " and indices " + dimsToString(id) +
                                                     " differ");
  const auto ds = contiguousStrides(dd);
  NdPlan plan;
  for (size_t d = b + static_cast<size_t>(m); d < dd.size(); ++d) plan.sliceSize *= dd[d];
  int64_t batchCount = 1;
  for (size_t d = 0; d < b; ++d) batchCount *= dd[d];
  const int64_t batchStride = b == 0 ? 0 : ds[b - 1];
  const int64_t tuples = m == 0 ? 0 : static_cast<int64_t>(idx->size()) / m;
  const int64_t tuplesPerBatch = m == 0 ? 1 : tuples / std::max<int64_t>(batchCount, 1);
  const int64_t totalTuples = m == 0 ? [&] {
    int64_t t = 1;
    for (size_t d = 0; d + 1 < id.size(); ++d) t *= id[d];
    return t;
  }() : tuples;
  plan.sliceOffsets.resize(static_cast<size_t>(totalTuples));
  for (int64_t t = 0; t < totalTuples; ++t) {
    const int64_t batch = m == 0 ? (b == 0 ? 0 : t / std::max<int64_t>(totalTuples / batchCount, 1))
                                 : t / std::max<int64_t>(tuplesPerBatch, 1);
    int64_t offset = batch * batchStride;
    for (int64_t j = 0; j < m; ++j) {
      const size_t axis = b + static_cast<size_t>(j);
      int64_t i = (*idx)[static_cast<size_t>(t * m + j)];
      if (!fixIndex(i, dd[axis]))
        return outOfRange((*idx)[static_cast<size_t>(t * m + j)], static_cast<int64_t>(axis),
                          dd[axis]);
      offset += i * ds[axis];
    }
    plan.sliceOffsets[static_cast<size_t>(t)] = offset;
  }
  return plan;
}
}  // namespace

Expected<Tensor> gatherND(const Tensor& x, const Tensor& indices, int64_t batchDims) {
  auto plan = planNd(x, indices, batchDims);
  if (!plan) return plan.error();
  const auto& id = indices.dims();
  std::vector<int64_t> outDims(id.begin(), id.end() - 1);
  for (size_t d = static_cast<size_t>(batchDims + id.back()); d < x.dims().size(); ++d)
    outDims.push_back(x.dims()[d]);
  Tensor out = Tensor::zeros(x.dtype(), outDims);
  const size_t elem = dtypeSize(x.dtype());
  const size_t block = static_cast<size_t>(plan->sliceSize) * elem;
  for (size_t t = 0; t < plan->sliceOffsets.size(); ++t)
    std::memcpy(out.mutableBytes() + t * block,
                x.bytes() + static_cast<size_t>(plan->sliceOffsets[t]) * elem, block);
  return out;
}

Expected<Tensor> scatterND(const Tensor& data, const Tensor& indices, const Tensor& updates,
                           ScatterReduction reduction) {
  if (updates.dtype() != data.dtype())
    return makeError(ErrorCode::TypeMismatch, "updates must have the data's type");
  if (isHalfLike(data.dtype()) && reduction != ScatterReduction::None) {
    auto r = scatterND(widenHalf(data), indices, widenHalf(updates), reduction);
    if (!r) return r;
    return narrowTo(*r, data.dtype());
  }
  auto plan = planNd(data, indices, 0);
  if (!plan) return plan.error();
  if (static_cast<int64_t>(plan->sliceOffsets.size()) * plan->sliceSize != updates.numel())
    return makeError(ErrorCode::ShapeMismatch, "updates of shape " + dimsToString(updates.dims()) +
                                                   " do not match the slices selected by indices " +
                                                   dimsToString(indices.dims()));
  Tensor out = data.clone();
  const bool ok = dispatchScatter(data.dtype(), reduction, [&](auto tag) {
    using T = decltype(tag);
    T* dst = out.mutableData<T>();
    const T* src = updates.data<T>();
    for (size_t t = 0; t < plan->sliceOffsets.size(); ++t)
      for (int64_t e = 0; e < plan->sliceSize; ++e)
        applyReduction(dst[plan->sliceOffsets[t] + e],
                       src[static_cast<int64_t>(t) * plan->sliceSize + e], reduction);
  });
  if (!ok)
    return makeError(ErrorCode::TypeMismatch,
                     "scatter does not support " + std::string(dtypeName(data.dtype())));
  return out;
}

Expected<Tensor> scatterElements(const Tensor& data, const Tensor& indices, const Tensor& updates,
                                 int64_t axis, ScatterReduction reduction) {
  if (updates.dtype() != data.dtype())
    return makeError(ErrorCode::TypeMismatch, "updates must have the data's type");
  if (isHalfLike(data.dtype()) && reduction != ScatterReduction::None) {
    auto r = scatterElements(widenHalf(data), indices, widenHalf(updates), axis, reduction);
    if (!r) return r;
    return narrowTo(*r, data.dtype());
  }
  auto idx = readIndices(indices);
  if (!idx) return idx.error();
  const size_t rank = data.dims().size();
  if (indices.dims() != updates.dims() || indices.dims().size() != rank)
    return makeError(ErrorCode::ShapeMismatch, "indices " + dimsToString(indices.dims()) +
                                                   " and updates " + dimsToString(updates.dims()) +
                                                   " must have one shape and the data's rank");
  const int64_t n = data.dims()[static_cast<size_t>(axis)];
  const auto ds = contiguousStrides(data.dims());
  Tensor out = data.clone();
  Status status;
  const bool ok = dispatchScatter(data.dtype(), reduction, [&](auto tag) {
    using T = decltype(tag);
    T* dst = out.mutableData<T>();
    const T* src = updates.data<T>();
    std::vector<int64_t> coord(rank, 0);
    for (size_t p = 0; p < idx->size(); ++p) {
      int64_t i = (*idx)[p];
      if (!fixIndex(i, n)) {
        status = outOfRange((*idx)[p], axis, n);
        return;
      }
      int64_t offset = 0;
      for (size_t d = 0; d < rank; ++d)
        offset += (d == static_cast<size_t>(axis) ? i : coord[d]) * ds[d];
      applyReduction(dst[offset], src[p], reduction);
      for (size_t d = rank; d-- > 0;) {
        if (++coord[d] < indices.dims()[d]) break;
        coord[d] = 0;
      }
    }
  });
  if (!ok)
    return makeError(ErrorCode::TypeMismatch,
                     "scatter does not support " + std::string(dtypeName(data.dtype())));
  if (!status) return status.error();
  return out;
}

Expected<Tensor> oneHot(const Tensor& indices, int64_t depth, const Tensor& offOn, int64_t axis) {
  if (offOn.numel() != 2) return makeError(ErrorCode::ShapeMismatch, "values must hold [off, on]");
  if (depth < 0)
    return makeError(ErrorCode::InvalidArgument, "depth must be ≥ 0, got " + std::to_string(depth));
  std::vector<double> idx(static_cast<size_t>(indices.numel()));
  for (size_t i = 0; i < idx.size(); ++i) idx[i] = indices.elementAsDouble(static_cast<int64_t>(i));
  std::vector<int64_t> outDims = indices.dims();
  outDims.insert(outDims.begin() + axis, depth);
  int64_t outer = 1, inner = 1;
  for (int64_t d = 0; d < axis; ++d) outer *= outDims[static_cast<size_t>(d)];
  for (size_t d = static_cast<size_t>(axis) + 1; d < outDims.size(); ++d) inner *= outDims[d];
  Tensor out = Tensor::zeros(offOn.dtype(), outDims);
  const size_t elem = dtypeSize(offOn.dtype());
  for (int64_t i = 0; i < out.numel(); ++i)
    std::memcpy(out.mutableBytes() + static_cast<size_t>(i) * elem, offOn.bytes(), elem);
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t in = 0; in < inner; ++in) {
      auto k = static_cast<int64_t>(idx[static_cast<size_t>(o * inner + in)]);
      if (k < 0) k += depth;
      if (k < 0 || k >= depth) continue;
      std::memcpy(out.mutableBytes() + static_cast<size_t>((o * depth + k) * inner + in) * elem,
                  offOn.bytes() + elem, elem);
    }
  return out;
}

Expected<Tensor> nonZero(const Tensor& x) {
  const size_t rank = x.dims().size();
  std::vector<int64_t> hits;
  const Tensor wide = widenHalf(x);
  const bool ok = dispatchNumeric(wide.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T* p = wide.data<T>();
    for (int64_t i = 0; i < wide.numel(); ++i)
      if (p[i] != T{}) hits.push_back(i);
  });
  if (!ok)
    return makeError(ErrorCode::TypeMismatch,
                     "nonzero does not support " + std::string(dtypeName(x.dtype())));
  const auto count = static_cast<int64_t>(hits.size());
  Tensor out = Tensor::zeros(DType::Int64, {static_cast<int64_t>(rank), count});
  int64_t* dst = out.mutableData<int64_t>();
  for (int64_t h = 0; h < count; ++h) {
    int64_t flat = hits[static_cast<size_t>(h)];
    for (size_t d = rank; d-- > 0;) {
      dst[static_cast<int64_t>(d) * count + h] = flat % x.dims()[d];
      flat /= x.dims()[d];
    }
  }
  return out;
}

Expected<Tensor> triangular(const Tensor& x, bool upper, int64_t k) {
  if (x.rank() < 2)
    return makeError(ErrorCode::ShapeMismatch, "needs rank ≥ 2, got " + dimsToString(x.dims()));
  Tensor out = x.clone();
  const int64_t rows = x.dims()[x.dims().size() - 2], cols = x.dims().back();
  const int64_t batches = rows * cols == 0 ? 0 : x.numel() / (rows * cols);
  const size_t elem = dtypeSize(x.dtype());
  for (int64_t b = 0; b < batches; ++b)
    for (int64_t i = 0; i < rows; ++i)
      for (int64_t j = 0; j < cols; ++j) {
        const bool keep = upper ? j - i >= k : j - i <= k;
        if (!keep)
          std::memset(out.mutableBytes() + static_cast<size_t>((b * rows + i) * cols + j) * elem, 0,
                      elem);
      }
  return out;
}

}  // namespace mb::exec::prim
