// Small helpers shared by the MindSpore kernel families: input checks and storing a primitive's
// result (an error from a primitive is re-labelled with the node it happened in).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "exec/mindspore/ms_args.h"

namespace mb::exec::ms {

inline Status needInputs(const KernelContext& ctx, size_t minCount) {
  if (ctx.inputs.size() < minCount)
    return ctx.fail(ErrorCode::InvalidModel,
                    ctx.node.opType + " needs " + std::to_string(minCount) +
                        " tensor input(s), the node has " + std::to_string(ctx.inputs.size()));
  for (size_t i = 0; i < minCount; ++i)
    if (!ctx.inputs[i])
      return ctx.fail(ErrorCode::InvalidModel,
                      ctx.node.opType + " input " + std::to_string(i) + " is missing");
  return Status::ok();
}

inline Error relabel(const KernelContext& ctx, const Error& e) {
  return ctx.fail(e.code, e.message);
}

// Stores one result as output 0.
inline Status setOutput(KernelContext& ctx, Expected<Tensor> result) {
  if (!result) return relabel(ctx, result.error());
  ctx.outputs.resize(std::max<size_t>(ctx.outputs.size(), 1));
  ctx.outputs[0] = std::move(*result);
  return Status::ok();
}

inline Status setOutputs(KernelContext& ctx, std::vector<Tensor> results) {
  ctx.outputs = std::move(results);
  return Status::ok();
}

// Unwraps a primitive's result into `out` or returns the relabelled error from the kernel.
#define MB_MS_TRY_ASSIGN(out, expr)                                                \
  auto MB_CONCAT(mbMsResult_, __LINE__) = (expr);                                  \
  if (!MB_CONCAT(mbMsResult_, __LINE__))                                           \
    return ::mb::exec::ms::relabel(ctx, MB_CONCAT(mbMsResult_, __LINE__).error()); \
  out = std::move(*MB_CONCAT(mbMsResult_, __LINE__))

}  // namespace mb::exec::ms
