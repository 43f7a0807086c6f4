// "Export tensor as .npy" from the inspector. Uses core's writer (io/npy.h) when the build has it;
// until then a minimal format-1.0 writer (numeric dtypes, C order) through AtomicFile.
#pragma once

#include <string>

#include "ir/tensor.h"
#include "util/status.h"

namespace mb {

Status exportTensorNpy(const std::string& path, const Tensor& tensor);

}  // namespace mb
