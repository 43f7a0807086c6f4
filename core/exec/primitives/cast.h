// Element type conversion with numpy's rules for in-range values: float → int truncates toward
// zero (NaN → 0, out-of-range saturates instead of being undefined), anything → bool is "≠ 0",
// float16 / bfloat16 round to nearest even.
#pragma once

#include "ir/tensor.h"
#include "util/status.h"

namespace mb::exec::prim {

Expected<Tensor> cast(const Tensor& x, DType to);

// float16 / bfloat16 tensors widened to float32 (others returned as they are); and back.
Tensor widenHalf(const Tensor& x);
Tensor narrowTo(const Tensor& x, DType halfType);

}  // namespace mb::exec::prim
