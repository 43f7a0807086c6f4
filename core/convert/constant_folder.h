// Evaluates data-movement ops on constants at conversion time (Identity, Transpose, Slice, Concat,
// Unsqueeze, Squeeze, Reshape, Flatten, Gather, Cast, Constant, ConstantOfShape). PyTorch's
// training-mode exports reorder LSTM gates and transpose Linear weights with such ops; folding them
// lets converters see the weights as parameters. Shape-derived values are never folded, so
// dynamic dims stay dynamic.
#pragma once

#include <optional>
#include <vector>

#include "ir/graph.h"

namespace mb::convert {

bool isFoldableOp(const Node& node);
// nullopt when the op, dtype or attributes are outside what the folder handles.
std::optional<Tensor> foldConstantNode(const Node& node, const std::vector<const Tensor*>& inputs);

// Small tensor helpers shared with the converters.
Tensor transposeTensor(const Tensor& input, const std::vector<int64_t>& perm);
Tensor sliceAxis(const Tensor& input, int64_t axis, int64_t start, int64_t end, int64_t step = 1);
Tensor concatTensors(const std::vector<Tensor>& parts, int64_t axis);
Tensor castTensor(const Tensor& input, DType to);
// Multiply every element of a float tensor by `factor` (Gemm alpha / beta).
Tensor scaleTensor(const Tensor& input, double factor);

}  // namespace mb::convert
