// Index-driven movement: gather / scatter in their three flavours (axis, elements, N-d), one-hot,
// nonzero and triangular masks. Indices may be negative (counted from the end); an index outside
// [-n, n) is an error naming the index, the axis and its size, never a wild read.
#pragma once

#include <cstdint>
#include <vector>

#include "ir/tensor.h"
#include "util/status.h"

namespace mb::exec::prim {

// out = x[..., indices, ...] on `axis`; out shape = x[:axis] + indices + x[axis+1:].
Expected<Tensor> gather(const Tensor& x, const Tensor& indices, int64_t axis);
// out[p] = x[p with coordinate `axis` replaced by indices[p]]; out shape = indices shape.
Expected<Tensor> gatherElements(const Tensor& x, const Tensor& indices, int64_t axis);
// ONNX GatherND with batch_dims.
Expected<Tensor> gatherND(const Tensor& x, const Tensor& indices, int64_t batchDims);

enum class ScatterReduction { None, Add, Mul, Max, Min };
Expected<Tensor> scatterND(const Tensor& data, const Tensor& indices, const Tensor& updates,
                           ScatterReduction reduction);
Expected<Tensor> scatterElements(const Tensor& data, const Tensor& indices, const Tensor& updates,
                                 int64_t axis, ScatterReduction reduction);

// indices (any integer type) → one-hot along `axis` (normalised for the output rank) with
// values [off, on] of values.dtype(); out-of-range indices give an all-off row.
Expected<Tensor> oneHot(const Tensor& indices, int64_t depth, const Tensor& offOn, int64_t axis);

// Coordinates of the non-zero elements, int64 [rank, count] in row-major order.
Expected<Tensor> nonZero(const Tensor& x);

// Keeps the upper (j - i ≥ k) or lower (j - i ≤ k) triangle of the last two axes, zeroes the rest.
Expected<Tensor> triangular(const Tensor& x, bool upper, int64_t k);

}  // namespace mb::exec::prim
