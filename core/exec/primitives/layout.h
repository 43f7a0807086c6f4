// Data movement that never looks at values: transpose, strided views (slice, expand), concat,
// split, pad (constant / reflect / edge / wrap), tile. Works on any fixed-size dtype by element
// size. Axes and permutations arrive already normalised (0 ≤ axis < rank); the dialect layers
// translate their own conventions (negative axes, ONNX vs MindSpore pad order) before calling.
#pragma once

#include <cstdint>
#include <vector>

#include "ir/tensor.h"
#include "util/status.h"

namespace mb::exec::prim {

Expected<Tensor> transpose(const Tensor& x, const std::vector<int64_t>& perm);

// out[i0..in] = x[base + Σ i_d · strides[d]] (element strides; may be 0 or negative).
Expected<Tensor> stridedCopy(const Tensor& x, const std::vector<int64_t>& outDims,
                             const std::vector<int64_t>& strides, int64_t base);

// One axis of a slice: first index, step (≠ 0) and number of elements taken.
struct SliceRange {
  int64_t start = 0;
  int64_t step = 1;
  int64_t count = 0;
};
// numpy / ONNX clamping of (start, end, step) against a dim of size `dim`.
SliceRange normalizeSlice(int64_t start, int64_t end, int64_t step, int64_t dim);
// ranges has one entry per axis of x.
Expected<Tensor> slice(const Tensor& x, const std::vector<SliceRange>& ranges);

// Numpy-style bidirectional broadcast of x to `shape`.
Expected<Tensor> expand(const Tensor& x, const std::vector<int64_t>& shape);

Expected<Tensor> concat(const std::vector<const Tensor*>& xs, int64_t axis);
Expected<std::vector<Tensor>> split(const Tensor& x, int64_t axis,
                                    const std::vector<int64_t>& sizes);

enum class PadMode { Constant, Reflect, Edge, Wrap };
// begin[d] / end[d] elements added before / after axis d (negative crops).
Expected<Tensor> pad(const Tensor& x, const std::vector<int64_t>& begin,
                     const std::vector<int64_t>& end, PadMode mode, double value);

Expected<Tensor> tile(const Tensor& x, const std::vector<int64_t>& repeats);

// out[i0..in] = x[maps[0][i0], …, maps[n][in]]; an index of -1 on any axis yields `fill`.
Expected<Tensor> remapAxes(const Tensor& x, const std::vector<std::vector<int64_t>>& maps,
                           double fill);

// A tensor whose elements all equal `value` converted to dtype.
Tensor filled(DType dtype, const std::vector<int64_t>& dims, double value);

}  // namespace mb::exec::prim
