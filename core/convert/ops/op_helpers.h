// Small helpers shared by the converters in this folder.
#pragma once

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "convert/convert_context.h"

namespace mb::convert::ops {

inline int64_t normAxis(int64_t axis, int64_t rank) {
  return axis < 0 && rank >= 0 ? axis + rank : axis;
}

// Axes from the `attr` attribute (older opsets) or from constant input `index` (newer ones).
// Returns false when the axes come from a computed tensor (not expressible as a literal).
bool readAxes(const ConvertContext& ctx, const char* attr, size_t index,
              std::vector<int64_t>& axes);

// MindSpore dtype spelling for code: "mindspore.float32", "mindspore.int64", "mindspore.bool_".
std::string msDType(DType type);

// Emits a one-output function/Cell node reading `inputs` and producing source output 0.
NodeRef emitUnary(ConvertContext& ctx, const std::string& api, std::vector<ValueId> inputs);

// Known dims of a shape (nullopt if any dim is unknown).
std::optional<std::vector<int64_t>> knownDims(const Shape& shape);

inline bool near(double a, double b, double tol = 1e-6) {
  return std::fabs(a - b) <= tol * std::max(1.0, std::fabs(b));
}

// ONNX pads [b1..bn, e1..en] → torch/mint F.pad order (last dim first: b_n, e_n, b_{n-1}, …).
std::vector<int64_t> onnxPadsToTorchPad(const std::vector<int64_t>& pads, size_t spatialDims);

// Emits an explicit constant pad on the spatial dims (ONNX pads order) and returns its output.
ValueId emitSpatialPad(ConvertContext& ctx, ValueId input, const std::vector<int64_t>& pads,
                       double value, const std::string& hint);

// Resolves ONNX auto_pad (SAME_UPPER / SAME_LOWER / VALID) into explicit pads when shapes are
// known. Returns false when it cannot (unknown spatial dims with SAME_*).
bool resolveAutoPad(const ConvertContext& ctx, const std::vector<int64_t>& kernel,
                    const std::vector<int64_t>& strides, const std::vector<int64_t>& dilations,
                    std::vector<int64_t>& pads);

}  // namespace mb::convert::ops

namespace mb::convert::ops {
// ONNX stores float attributes as float32 (1e-5 → 9.99999974737875e-06); the shortest decimal
// that round-trips to the same float32 is what the author wrote, and what model.py should show.
double shortestFloat32(double value);
}  // namespace mb::convert::ops

namespace mb::convert::ops {
// ops.dyn_shape(input) as an int64 vector of exactly `length` entries: the first `length` dims
// (cut, or padded at the end with `fill`) when `alignRight` is false, the last ones (padded at the
// front) when true. Needs the rank of `input`; returns kNoValue when it is unknown.
ValueId emitShapeVector(ConvertContext& ctx, ValueId input, int64_t rank, int64_t length,
                        bool alignRight, int64_t fill, const std::string& hint);

// Run-time indices into a dim of `dimSize` elements with negatives counted from the end (ONNX),
// rewritten for MindSpore APIs that only take [0, size): where(index < 0, index + size, index).
ValueId emitWrappedIndices(ConvertContext& ctx, ValueId indices, DType dtype, int64_t dimSize,
                           const std::string& hint);
}  // namespace mb::convert::ops
