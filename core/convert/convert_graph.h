// ONNX-dialect Graph → MindSpore-dialect Graph (see README.md for the contract every converted
// graph follows). Never aborts because of one op: nodes without a converter stay as onnx::<Op>
// with a reason and suggested MindSpore APIs, and the rest converts.
#pragma once

#include "convert/convert_types.h"
#include "util/status.h"

namespace mb::convert {

// Errors only for graphs that cannot be walked at all (not ONNX dialect, cycles).
Expected<ConversionResult> convertGraph(const Graph& source, const ConvertOptions& options = {});

}  // namespace mb::convert
