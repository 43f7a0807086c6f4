// Smaller numeric primitives: determinants, linear (de)quantisation, signal windows,
// non-maximum suppression and per-batch sequence reversal.
#pragma once

#include <cstdint>
#include <vector>

#include "ir/tensor.h"
#include "util/status.h"

namespace mb::exec::prim {

// Determinant of each trailing [M, M] matrix (LU with partial pivoting, in double).
Expected<Tensor> determinant(const Tensor& x);

// y = saturate(round_half_even(x / scale) + zeroPoint) in zeroPoint's dtype (uint8 / int8 /
// int32); scale / zeroPoint are scalars or 1-D along `axis` (per-channel).
Expected<Tensor> quantizeLinear(const Tensor& x, const Tensor& scale, const Tensor& zeroPoint,
                                int64_t axis);
// y = (x - zeroPoint) * scale as float32 (zeroPoint may be empty: 0).
Expected<Tensor> dequantizeLinear(const Tensor& x, const Tensor& scale, const Tensor* zeroPoint,
                                  int64_t axis);

enum class WindowKind { Hann, Hamming, Blackman };
Tensor window(WindowKind kind, int64_t size, bool periodic, DType dtype);

// ONNX NonMaxSuppression: boxes [B, N, 4], scores [B, C, N] → int64 [K, 3] (batch, class, box).
Expected<Tensor> nonMaxSuppression(const Tensor& boxes, const Tensor& scores, int64_t maxPerClass,
                                   double iouThreshold, bool hasScoreThreshold,
                                   double scoreThreshold, bool centerPointBox);

// Reverses the first lengths[b] elements along timeAxis for each b along batchAxis.
Expected<Tensor> reverseSequence(const Tensor& x, const std::vector<int64_t>& lengths,
                                 int64_t batchAxis, int64_t timeAxis);

}  // namespace mb::exec::prim
