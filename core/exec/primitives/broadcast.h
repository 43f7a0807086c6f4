// Numpy broadcasting: the output shape of several operands, and an iterator that walks the output
// in contiguous runs so inner loops see plain strides (1 = same shape, 0 = broadcast scalar).
#pragma once

#include <array>
#include <cstdint>
#include <vector>

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
// same-shape operands make a single run.
template <size_t K, typename Run>
void forEachBroadcastRun(const std::vector<int64_t>& outDims,
                         const std::array<std::vector<int64_t>, K>& strides, Run&& run) {
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
  std::array<int64_t, K> offsets{};
  if (dims.empty()) {
    std::array<int64_t, K> zero{};
    run(offsets, zero, int64_t{1}, int64_t{0});
    return;
  }
  const size_t rank = dims.size();
  const int64_t inner = dims.back();
  std::array<int64_t, K> innerStrides;
  for (size_t k = 0; k < K; ++k) innerStrides[k] = st[k].back();
  std::vector<int64_t> counter(rank, 0);
  int64_t outOffset = 0;
  while (true) {
    run(offsets, innerStrides, inner, outOffset);
    outOffset += inner;
    // Odometer over the outer axes.
    size_t d = rank - 1;
    while (true) {
      if (d == 0) return;
      --d;
      ++counter[d];
      for (size_t k = 0; k < K; ++k) offsets[k] += st[k][d];
      if (counter[d] < dims[d]) break;
      for (size_t k = 0; k < K; ++k) offsets[k] -= st[k][d] * dims[d];
      counter[d] = 0;
    }
  }
}

}  // namespace mb::exec::prim
