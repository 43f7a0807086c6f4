#include "exec/onnx/nn_onnx_util.h"

#include "exec/primitives/nn_util.h"

namespace mb::exec::onnx_nn {

Status push(KernelContext& ctx, Expected<Tensor> result) {
  if (!result) return ctx.fail(result.error().code, result.error().message);
  ctx.outputs.push_back(std::move(*result));
  return Status::ok();
}

Status requireInputs(const KernelContext& ctx, size_t count) {
  for (size_t i = 0; i < count; ++i)
    if (!ctx.hasInput(i))
      return ctx.fail(ErrorCode::InvalidModel,
                      "input " + std::to_string(i) + " is required but missing");
  return Status::ok();
}

Status requireFloat(const KernelContext& ctx, size_t index) {
  if (!nn::isFloatLike(ctx.input(index).dtype()))
    return ctx.fail(ErrorCode::TypeMismatch, "input " + std::to_string(index) +
                                                 " must be a float tensor, not " +
                                                 std::string(dtypeName(ctx.input(index).dtype())));
  return Status::ok();
}

Expected<Window> readWindow(const KernelContext& ctx, const std::vector<int64_t>& spatial,
                            const std::vector<int64_t>& kernelFromWeight) {
  size_t rank = spatial.size();
  Window w;
  w.kernel = ctx.attrs().getInts("kernel_shape", kernelFromWeight);
  if (w.kernel.size() != rank)
    return ctx.fail(ErrorCode::InvalidModel, "kernel_shape has " + std::to_string(w.kernel.size()) +
                                                 " values for " + std::to_string(rank) +
                                                 " spatial dims");
  w.strides = ctx.attrs().getInts("strides", std::vector<int64_t>(rank, 1));
  w.dilations = ctx.attrs().getInts("dilations", std::vector<int64_t>(rank, 1));
  std::vector<int64_t> pads = ctx.attrs().getInts("pads", std::vector<int64_t>(2 * rank, 0));
  if (w.strides.size() != rank || w.dilations.size() != rank || pads.size() != 2 * rank)
    return ctx.fail(ErrorCode::InvalidModel, "strides / dilations need " + std::to_string(rank) +
                                                 " values and pads " + std::to_string(2 * rank));
  for (size_t d = 0; d < rank; ++d)
    if (w.strides[d] <= 0 || w.dilations[d] <= 0 || w.kernel[d] <= 0)
      return ctx.fail(ErrorCode::InvalidModel,
                      "kernel_shape, strides and dilations must be positive");
  w.padsBegin.assign(pads.begin(), pads.begin() + static_cast<std::ptrdiff_t>(rank));
  w.padsEnd.assign(pads.begin() + static_cast<std::ptrdiff_t>(rank), pads.end());
  std::string autoPad = ctx.attrs().getString("auto_pad", "NOTSET");
  if (autoPad == "VALID") {
    std::fill(w.padsBegin.begin(), w.padsBegin.end(), 0);
    std::fill(w.padsEnd.begin(), w.padsEnd.end(), 0);
  } else if (autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER") {
    for (size_t d = 0; d < rank; ++d) {
      int64_t out = (spatial[d] + w.strides[d] - 1) / w.strides[d];
      int64_t total = std::max<int64_t>(
          0, (out - 1) * w.strides[d] + (w.kernel[d] - 1) * w.dilations[d] + 1 - spatial[d]);
      int64_t small = total / 2;
      w.padsBegin[d] = autoPad == "SAME_UPPER" ? small : total - small;
      w.padsEnd[d] = total - w.padsBegin[d];
    }
  } else if (autoPad != "NOTSET" && !autoPad.empty()) {
    return ctx.fail(ErrorCode::InvalidModel, "unknown auto_pad '" + autoPad + "'");
  }
  return w;
}

}  // namespace mb::exec::onnx_nn
