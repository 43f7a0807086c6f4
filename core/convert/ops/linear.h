// Linear-layer helpers shared by the MatMul / Gemm converters and the MatMul + Add pattern.
#pragma once

#include <string>
#include <vector>

#include "convert/convert_context.h"

namespace mb::convert::ops {

struct LinearWeight {
  bool ok = false;
  Tensor weight;  // [out, in], MindSpore / torch layout
  std::vector<std::string> sources;
  std::string transform;
};

// The Linear weight behind MatMul's constant right operand (ok = false when it is not one).
LinearWeight linearWeightFromMatMulOperand(const ConvertContext& ctx, ValueId sourceOperand);
// nn.Dense / mint.nn.Linear reading `input` into `output`.
NodeRef emitLinear(ConvertContext& ctx, ValueId input, ValueId output, const LinearWeight& weight,
                   const Tensor* bias, const std::vector<std::string>& biasSources,
                   const std::string& biasTransform);

}  // namespace mb::convert::ops
