// Classification losses shared by ONNX (NegativeLogLikelihoodLoss, SoftmaxCrossEntropyLoss) and
// MindSpore (nn.NLLLoss, nn.CrossEntropyLoss): per-element negative log-likelihood gathered at the
// target class (axis 1), optional class weights, an ignored target value, and none / sum / mean
// reduction where "mean" divides by the summed weights of the targets that count.
#pragma once

#include <optional>

#include "ir/tensor.h"
#include "util/status.h"

namespace mb::exec::prim {

enum class LossReduction { None, Sum, Mean };

// logProb: [N, C, d1…]; target: [N, d1…] integers; weight: [C] or null.
Expected<Tensor> nllLoss(const Tensor& logProb, const Tensor& target, const Tensor* weight,
                         LossReduction reduction, std::optional<int64_t> ignoreIndex);

// log(softmax(x)) along `axis`, numerically stable.
Expected<Tensor> logSoftmax(const Tensor& x, int64_t axis);

}  // namespace mb::exec::prim
