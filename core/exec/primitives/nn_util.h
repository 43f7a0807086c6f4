// Small helpers the neural-network primitives share: float32 working copies of half / bfloat16 /
// double tensors (nn primitives compute in float32 and round back), and output-size arithmetic.
#pragma once

#include <cstdint>
#include <vector>

#include "ir/tensor.h"

namespace mb::exec::nn {

// float16 / bfloat16 / float64 → float32 copy; a float32 tensor is returned as is (shared bytes).
Tensor toFloat32(const Tensor& x);
// float32 → `to` (float16 / bfloat16 round to nearest even; float64 widens); float32 as is.
Tensor fromFloat32(const Tensor& x, DType to);
inline bool isFloatLike(DType t) {
  return t == DType::Float32 || t == DType::Float16 || t == DType::BFloat16 || t == DType::Float64;
}

// Product of dims[begin, end).
int64_t product(const std::vector<int64_t>& dims, size_t begin, size_t end);

// Output length of a sliding window over `in` elements with explicit pads (conv and pooling):
// floor((in + padBegin + padEnd - dilation*(kernel-1) - 1) / stride) + 1, or the ceiling when
// ceilMode is set; ceil mode never starts a window inside the end padding (PyTorch's and ONNX's
// rule).
int64_t slidingOutputSize(int64_t in, int64_t kernel, int64_t stride, int64_t dilation,
                          int64_t padBegin, int64_t padEnd, bool ceilMode);

}  // namespace mb::exec::nn
