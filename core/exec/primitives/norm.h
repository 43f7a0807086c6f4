// Normalisations and softmax-like ops in float32 over explicit axes. Statistics accumulate in
// double so long reductions (layer norm over 4096 features) stay close to the reference.
#pragma once

#include <cstdint>

#include "ir/tensor.h"
#include "util/status.h"

namespace mb::exec {
class ThreadPool;
}

namespace mb::exec::nn {

// Inference batch norm over channel axis 1: y = scale * (x - mean) / sqrt(var + eps) + bias.
Expected<Tensor> batchNorm(const Tensor& x, const Tensor& scale, const Tensor& bias,
                           const Tensor& mean, const Tensor& var, double epsilon, ThreadPool* pool);

// Training-mode batch norm: normalises with the batch statistics (population variance) and
// returns them in batchMean / batchVar ([C]).
Expected<Tensor> batchNormTraining(const Tensor& x, const Tensor& scale, const Tensor& bias,
                                   double epsilon, Tensor& batchMean, Tensor& batchVar);

// Normalises each (n, c) plane over its spatial elements, then scale[c] and bias[c].
Expected<Tensor> instanceNorm(const Tensor& x, const Tensor& scale, const Tensor& bias,
                              double epsilon, ThreadPool* pool);

// Normalises over dims [axis, rank) and applies scale / bias (broadcast over those dims; bias
// optional). mean / invStdDev (optional) get dims[:axis] + 1s.
Expected<Tensor> layerNorm(const Tensor& x, const Tensor& scale, const Tensor* bias, int64_t axis,
                           double epsilon, Tensor* mean, Tensor* invStdDev, ThreadPool* pool);

// Groups of C/groups channels normalised together; scale / bias per channel.
Expected<Tensor> groupNorm(const Tensor& x, const Tensor& scale, const Tensor& bias, int64_t groups,
                           double epsilon, ThreadPool* pool);

// Local response normalisation across channels (ONNX LRN / PyTorch LocalResponseNorm).
Expected<Tensor> lrn(const Tensor& x, int64_t size, double alpha, double beta, double bias);

enum class SoftmaxKind { Softmax, LogSoftmax, Hardmax };
// Over `axis` of x viewed as [outer, axis, inner]; an ONNX opset < 13 softmax flattens first and
// calls this with a rank-2 view.
Expected<Tensor> softmax(const Tensor& x, int64_t axis, SoftmaxKind kind, ThreadPool* pool);

}  // namespace mb::exec::nn
