// Helpers the ONNX tensor kernels share: turning primitive errors into errors that name the node,
// axis normalisation with ONNX's negative-axis rule, and reading shape-like inputs.
#pragma once

#include <cstdint>
#include <vector>

#include "exec/kernel.h"

namespace mb::exec::tensor_ops {

// Re-raises a primitive's error as the node's error.
inline Error nodeError(const KernelContext& ctx, const Error& e) {
  return ctx.fail(e.code, e.message);
}

// Stores `result` as output `index`, or returns the node's error.
Status setOutput(KernelContext& ctx, size_t index, Expected<Tensor> result);

// Checks that inputs [0, count) are present.
Status requireInputs(const KernelContext& ctx, size_t count);

// axis in [-rank, rank) → [0, rank); an error naming the node otherwise.
Expected<int64_t> normalizeAxis(const KernelContext& ctx, int64_t axis, int64_t rank);
Expected<std::vector<int64_t>> normalizeAxes(const KernelContext& ctx,
                                             const std::vector<int64_t>& axes, int64_t rank);

// An integer tensor input read as int64 values (shapes, axes, pads, repeats…).
Expected<std::vector<int64_t>> intsInput(const KernelContext& ctx, size_t index);
// A scalar (or one-element) input as double / int64.
Expected<double> scalarInput(const KernelContext& ctx, size_t index);

}  // namespace mb::exec::tensor_ops
