// Convolution and transposed convolution over 1, 2 or 3 spatial dims, float32, with every
// framework-level choice explicit: pads at the beginning and end of each spatial dim, strides,
// dilations, groups, output padding. ONNX's auto_pad and MindSpore's pad_mode are resolved to
// explicit pads by the dialect layers, never here.
#pragma once

#include <cstdint>
#include <vector>

#include "ir/tensor.h"
#include "util/status.h"

namespace mb::exec {
class ThreadPool;
}

namespace mb::exec::nn {

struct ConvParams {
  std::vector<int64_t> strides;    // per spatial dim (empty = all 1)
  std::vector<int64_t> dilations;  // per spatial dim (empty = all 1)
  std::vector<int64_t> padsBegin;  // per spatial dim (empty = all 0)
  std::vector<int64_t> padsEnd;    // per spatial dim (empty = all 0)
  int64_t groups = 1;
};

// x [N, C, D1..Dk], w [M, C/groups, K1..Kk], bias [M] (optional) → y [N, M, O1..Ok] with
// Oi = floor((Di + padsBegin + padsEnd - dilation*(Ki-1) - 1) / stride) + 1. im2col + sgemm; a
// direct loop for depthwise 2-D convolutions.
Expected<Tensor> conv(const Tensor& x, const Tensor& w, const Tensor* bias,
                      const ConvParams& params, ThreadPool* pool);

struct ConvTransposeParams {
  std::vector<int64_t> strides;
  std::vector<int64_t> dilations;
  std::vector<int64_t> padsBegin;
  std::vector<int64_t> padsEnd;
  std::vector<int64_t> outputPadding;  // added at the end of each spatial dim
  int64_t groups = 1;
};

// x [N, C, D1..Dk], w [C, M/groups, K1..Kk], bias [M] → y [N, M, O1..Ok] with
// Oi = stride*(Di-1) + outputPadding + dilation*(Ki-1) + 1 - padsBegin - padsEnd.
Expected<Tensor> convTranspose(const Tensor& x, const Tensor& w, const Tensor* bias,
                               const ConvTransposeParams& params, ThreadPool* pool);

}  // namespace mb::exec::nn
