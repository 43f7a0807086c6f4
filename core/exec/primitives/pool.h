// Pooling over 1, 2 or 3 spatial dims with explicit pads per dim begin/end, strides, dilations,
// ceil mode and count_include_pad; the dialect layers translate their attributes into these.
#pragma once

#include <cstdint>
#include <vector>

#include "ir/tensor.h"
#include "util/status.h"

namespace mb::exec {
class ThreadPool;
}

namespace mb::exec::nn {

struct PoolParams {
  std::vector<int64_t> kernel;     // per spatial dim
  std::vector<int64_t> strides;    // empty = all 1
  std::vector<int64_t> dilations;  // empty = all 1
  std::vector<int64_t> padsBegin;  // empty = all 0
  std::vector<int64_t> padsEnd;    // empty = all 0
  bool ceilMode = false;
  // Average pooling: divide by the window including padded positions (but never positions past
  // the end padding that ceil mode adds), or by the in-image elements only.
  bool countIncludePad = false;
};

// Max pooling for float (any float dtype, computed in float32), int8 and uint8. `indices`, when
// given, receives int64 flat indices into x (N, C included), row-major or, with columnMajor, with
// the spatial dims in column-major order (ONNX storage_order = 1).
Expected<Tensor> maxPool(const Tensor& x, const PoolParams& params, Tensor* indices,
                         bool columnMajor, ThreadPool* pool);
Expected<Tensor> averagePool(const Tensor& x, const PoolParams& params, ThreadPool* pool);
// (Σ |x|^p)^(1/p) over each window (padding contributes zeros).
Expected<Tensor> lpPool(const Tensor& x, const PoolParams& params, double p, ThreadPool* pool);

enum class GlobalPoolKind { Max, Average, Lp };
// Pools all spatial dims into size 1 (keeps rank).
Expected<Tensor> globalPool(const Tensor& x, GlobalPoolKind kind, double p, ThreadPool* pool);

// MaxUnpool: scatters x into a zero tensor of `outputDims` at the flat `indices` MaxPool returned.
// Indices address a tensor of `indexDims` (the pooling input); when outputDims is larger, each
// position keeps its coordinates (the extra rows and columns stay zero).
Expected<Tensor> maxUnpool(const Tensor& x, const Tensor& indices,
                           const std::vector<int64_t>& indexDims,
                           const std::vector<int64_t>& outputDims);

}  // namespace mb::exec::nn
