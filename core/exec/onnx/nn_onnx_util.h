// Attribute translation helpers shared by the ONNX neural-network kernels (conv, pooling, norms,
// recurrent, resize): errors that name the node, and ONNX's pads / auto_pad rules resolved into the
// explicit per-dim pads the primitives take.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "exec/kernel.h"

namespace mb::exec::onnx_nn {

// Appends `result` as the next output, or turns its error into the node's error.
Status push(KernelContext& ctx, Expected<Tensor> result);
Status requireInputs(const KernelContext& ctx, size_t count);
Status requireFloat(const KernelContext& ctx, size_t index);

// Spatial window attributes of Conv / ConvTranspose / pooling, with ONNX defaults filled in and
// auto_pad resolved: pads begin / end per spatial dim.
struct Window {
  std::vector<int64_t> kernel, strides, dilations, padsBegin, padsEnd;
};

// Reads kernel_shape (or `kernelFromWeight` when the attribute is absent), strides, dilations,
// pads and auto_pad for an input with `spatial` = its spatial sizes. SAME_UPPER / SAME_LOWER give
// output = ceil(in / stride) with the odd pad at the end (UPPER) or the beginning (LOWER).
Expected<Window> readWindow(const KernelContext& ctx, const std::vector<int64_t>& spatial,
                            const std::vector<int64_t>& kernelFromWeight);

}  // namespace mb::exec::onnx_nn
