// Numpy broadcasting: the output shape of several operands, and an iterator that walks the output
// in contiguous runs so inner loops see plain strides (1 = same shape, 0 = broadcast scalar).
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

#include "exec/thread_pool.h"
#include "util/status.h"

namespace mb::exec::prim {

// Numpy's rule: align trailing dims; each pair must be equal or contain a 1.
Expected<std::vector<int64_t>> broadcastShapes(const std::vector<std::vector<int64_t>>& shapes);
// Whether `from` can be broadcast to exactly `to` (ONNX's unidirectional broadcasting).
bool broadcastsTo(const std::vector<int64_t>& from, const std::vector<int64_t>& to);
std::vector<int64_t> contiguousStrides(const std::vector<int64_t>& dims);
// Element strides of `dims` read as if broadcast to `out` (0 on broadcast axes); dims is
// right-aligned against out.
std::vector<int64_t> broadcastStrides(const std::vector<int64_t>& dims,
                                      const std::vector<int64_t>& out);

// Walks a K-operand broadcast over `outDims`, calling run(offsets, innerStrides, count, outOffset)
// once per contiguous output run. Axes that are contiguous in every operand are merged first so
// same-shape operands make a single run. With a pool and at least `grain` output elements the
// runs (or, for a single long run, pieces of it) are split across threads; `run` must then only
// write its own output range.
template <size_t K, typename Run>
void forEachBroadcastRun(const std::vector<int64_t>& outDims,
                         const std::array<std::vector<int64_t>, K>& strides, Run&& run,
                         ThreadPool* pool = nullptr, int64_t grain = int64_t{1} << 15) {
  // Collapse: drop size-1 axes, merge axis i into i+1 when every operand is contiguous across them.
  std::vector<int64_t> dims;
  std::array<std::vector<int64_t>, K> st;
  for (size_t d = 0; d < outDims.size(); ++d) {
    if (outDims[d] == 1) continue;
    if (!dims.empty()) {
      bool mergeable = true;
      for (size_t k = 0; k < K; ++k)
        if (st[k].back() != strides[k][d] * outDims[d]) mergeable = false;
      if (mergeable) {
        dims.back() *= outDims[d];
        for (size_t k = 0; k < K; ++k) st[k].back() = strides[k][d];
        continue;
      }
    }
    dims.push_back(outDims[d]);
    for (size_t k = 0; k < K; ++k) st[k].push_back(strides[k][d]);
  }
  for (int64_t d : outDims)
    if (d == 0) return;
  if (dims.empty()) {
    const std::array<int64_t, K> zero{};
    run(zero, zero, int64_t{1}, int64_t{0});
    return;
  }
  const size_t rank = dims.size();
  const int64_t inner = dims.back();
  std::array<int64_t, K> innerStrides;
  for (size_t k = 0; k < K; ++k) innerStrides[k] = st[k].back();
  int64_t runs = 1;
  for (size_t d = 0; d + 1 < rank; ++d) runs *= dims[d];

  if (runs == 1) {
    // One long run (same-shape or scalar operands): split it into pieces.
    parallelFor(pool, inner, grain, [&](int64_t begin, int64_t end) {
      std::array<int64_t, K> offsets;
      for (size_t k = 0; k < K; ++k) offsets[k] = begin * innerStrides[k];
      run(offsets, innerStrides, end - begin, begin);
    });
    return;
  }
  const int64_t runGrain = std::max<int64_t>(1, grain / std::max<int64_t>(inner, 1));
  auto walk = [&](int64_t first, int64_t last) {
    // Odometer over the outer axes, started at run `first`.
    std::vector<int64_t> counter(rank, 0);
    std::array<int64_t, K> offsets{};
    int64_t rest = first;
    for (size_t d = rank - 1; d-- > 0;) {
      counter[d] = rest % dims[d];
      rest /= dims[d];
      for (size_t k = 0; k < K; ++k) offsets[k] += counter[d] * st[k][d];
    }
    for (int64_t r = first; r < last; ++r) {
      run(offsets, innerStrides, inner, r * inner);
      for (size_t d = rank - 1; d-- > 0;) {
        ++counter[d];
        for (size_t k = 0; k < K; ++k) offsets[k] += st[k][d];
        if (counter[d] < dims[d]) break;
        for (size_t k = 0; k < K; ++k) offsets[k] -= st[k][d] * dims[d];
        counter[d] = 0;
      }
    }
  };
  if (pool && runs * inner >= grain)
    parallelFor(pool, runs, runGrain, walk);
  else
    walk(0, runs);
}

}  // namespace mb::exec::prim
