#include "exec/onnx/tensor_kernel_util.h"

namespace mb::exec::tensor_ops {

Status setOutput(KernelContext& ctx, size_t index, Expected<Tensor> result) {
  if (!result) return nodeError(ctx, result.error());
  if (ctx.outputs.size() < ctx.node.outputs.size()) ctx.outputs.resize(ctx.node.outputs.size());
  if (index >= ctx.outputs.size()) ctx.outputs.resize(index + 1);
  ctx.outputs[index] = std::move(*result);
  return {};
}

Status requireInputs(const KernelContext& ctx, size_t count) {
  for (size_t i = 0; i < count; ++i)
    if (!ctx.hasInput(i))
      return ctx.fail(ErrorCode::InvalidModel,
                      "input " + std::to_string(i) + " is required but missing");
  return {};
}

Expected<int64_t> normalizeAxis(const KernelContext& ctx, int64_t axis, int64_t rank) {
  if (axis < -rank || axis >= rank)
    return ctx.fail(ErrorCode::InvalidArgument,
                    "axis " + std::to_string(axis) + " is out of range for a tensor of rank " +
                        std::to_string(rank) + " (valid: " + std::to_string(-rank) + " to " +
                        std::to_string(rank - 1) + ")");
  return axis < 0 ? axis + rank : axis;
}

Expected<std::vector<int64_t>> normalizeAxes(const KernelContext& ctx,
                                             const std::vector<int64_t>& axes, int64_t rank) {
  std::vector<int64_t> out;
  for (int64_t a : axes) {
    auto n = normalizeAxis(ctx, a, rank);
    if (!n) return n.error();
    for (int64_t seen : out)
      if (seen == *n)
        return ctx.fail(ErrorCode::InvalidArgument, "axis " + std::to_string(a) + " is repeated");
    out.push_back(*n);
  }
  return out;
}

Expected<std::vector<int64_t>> intsInput(const KernelContext& ctx, size_t index) {
  if (!ctx.hasInput(index))
    return ctx.fail(ErrorCode::InvalidModel,
                    "input " + std::to_string(index) + " is required but missing");
  const Tensor& t = ctx.input(index);
  if (!isInteger(t.dtype()))
    return ctx.fail(ErrorCode::TypeMismatch, "input " + std::to_string(index) +
                                                 " must be an integer tensor, got " +
                                                 std::string(dtypeName(t.dtype())));
  return t.toInt64Vector();
}

Expected<double> scalarInput(const KernelContext& ctx, size_t index) {
  if (!ctx.hasInput(index))
    return ctx.fail(ErrorCode::InvalidModel,
                    "input " + std::to_string(index) + " is required but missing");
  const Tensor& t = ctx.input(index);
  if (t.numel() != 1)
    return ctx.fail(ErrorCode::ShapeMismatch, "input " + std::to_string(index) +
                                                  " must hold one value, has shape " +
                                                  dimsToString(t.dims()));
  return t.elementAsDouble(0);
}

}  // namespace mb::exec::tensor_ops
