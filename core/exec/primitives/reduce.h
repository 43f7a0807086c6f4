// Reductions over a set of axes (keepdims or not), arg-reductions, cumulative sums and top-k.
// Floats accumulate in double, integers in 64 bits; float16 / bfloat16 go through float32.
// Axes arrive normalised (0 ≤ axis < rank, any order, duplicates ignored).
#pragma once

#include <cstdint>
#include <vector>

#include "ir/tensor.h"
#include "util/status.h"

namespace mb::exec::prim {

enum class ReduceOp { Sum, Mean, Max, Min, Prod, L1, L2, LogSum, LogSumExp, SumSquare };

// Empty `axes` reduces every axis.
Expected<Tensor> reduce(ReduceOp op, const Tensor& x, const std::vector<int64_t>& axes,
                        bool keepdims);

// Index (int64) of the largest / smallest element along `axis`; ties go to the first occurrence
// unless selectLast.
Expected<Tensor> argReduce(const Tensor& x, int64_t axis, bool keepdims, bool largest,
                           bool selectLast);

Expected<Tensor> cumulativeSum(const Tensor& x, int64_t axis, bool exclusive, bool reverse);

// The k largest (or smallest) values along `axis` and their int64 indices; equal values keep
// index order. `sorted` = false still returns them sorted (allowed by every caller's spec).
Expected<std::pair<Tensor, Tensor>> topK(const Tensor& x, int64_t axis, int64_t k, bool largest);

}  // namespace mb::exec::prim
