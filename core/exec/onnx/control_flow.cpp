// ONNX If, Loop and Scan: the bodies run through the executor's subgraph runner, which lets them
// read values of the enclosing graph by name. Tensor values only (no sequences or optionals).
#include <algorithm>
#include <climits>
#include <cstring>

#include "exec/onnx/nn_onnx_util.h"
#include "exec/primitives/nn_util.h"

namespace mb::exec::onnx_nn {
namespace {

Expected<const Graph*> bodyAttr(const KernelContext& ctx, const std::string& name) {
  const Attribute* a = ctx.attrs().find(name);
  if (!a || !a->is<std::shared_ptr<Graph>>() || !a->as<std::shared_ptr<Graph>>())
    return ctx.fail(ErrorCode::InvalidModel, "graph attribute '" + name + "' is missing");
  if (!ctx.runSubgraph) return ctx.fail(ErrorCode::Internal, "no subgraph runner available");
  return a->as<std::shared_ptr<Graph>>().get();
}

// x with `axis` fixed at `index` (the axis removed).
Tensor sliceAxis(const Tensor& x, size_t axis, int64_t index) {
  std::vector<int64_t> dims = x.dims();
  int64_t outer = nn::product(dims, 0, axis), len = dims[axis],
          inner = nn::product(dims, axis + 1, dims.size());
  dims.erase(dims.begin() + static_cast<std::ptrdiff_t>(axis));
  Tensor out = Tensor::zeros(x.dtype(), dims);
  size_t bytes = static_cast<size_t>(inner) * dtypeSize(x.dtype());
  for (int64_t o = 0; o < outer; ++o)
    std::memcpy(out.mutableBytes() + static_cast<size_t>(o) * bytes,
                x.bytes() + static_cast<size_t>(o * len + index) * bytes, bytes);
  return out;
}

// Stacks equally shaped tensors along a new `axis`.
Expected<Tensor> stack(const KernelContext& ctx, const std::vector<Tensor>& parts, size_t axis,
                       DType emptyType) {
  if (parts.empty())
    return Tensor::zeros(emptyType == DType::Undefined ? DType::Float32 : emptyType, {0});
  std::vector<int64_t> dims = parts[0].dims();
  for (const auto& p : parts)
    if (p.dims() != dims || p.dtype() != parts[0].dtype())
      return ctx.fail(ErrorCode::ShapeMismatch,
                      "scan outputs change shape or dtype between iterations (" +
                          dimsToString(dims) + " vs " + dimsToString(p.dims()) + ")");
  auto count = static_cast<int64_t>(parts.size());
  int64_t outer = nn::product(dims, 0, axis), inner = nn::product(dims, axis, dims.size());
  std::vector<int64_t> outDims = dims;
  outDims.insert(outDims.begin() + static_cast<std::ptrdiff_t>(axis), count);
  Tensor out = Tensor::zeros(parts[0].dtype(), outDims);
  size_t bytes = static_cast<size_t>(inner) * dtypeSize(parts[0].dtype());
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t k = 0; k < count; ++k)
      std::memcpy(out.mutableBytes() + static_cast<size_t>(o * count + k) * bytes,
                  parts[static_cast<size_t>(k)].bytes() + static_cast<size_t>(o) * bytes, bytes);
  return out;
}

Status ifKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 1));
  if (ctx.input(0).numel() != 1)
    return ctx.fail(ErrorCode::ShapeMismatch, "cond must hold one value");
  bool cond = ctx.input(0).elementAsDouble(0) != 0;
  auto body = bodyAttr(ctx, cond ? "then_branch" : "else_branch");
  if (!body) return body.error();
  auto outs = ctx.runSubgraph(**body, {});
  if (!outs) return outs.error();
  if (outs->size() != ctx.node.outputs.size())
    return ctx.fail(ErrorCode::InvalidModel,
                    std::string(cond ? "then" : "else") + "_branch returns " +
                        std::to_string(outs->size()) + " values for " +
                        std::to_string(ctx.node.outputs.size()) + " outputs");
  ctx.outputs = std::move(*outs);
  return Status::ok();
}

// Loop(M, cond, v...) with body(i, cond, v...) → (cond, v..., scan...).
Status loopKernel(KernelContext& ctx) {
  auto body = bodyAttr(ctx, "body");
  if (!body) return body.error();
  const Graph& g = **body;
  size_t carried = ctx.inputCount() >= 2 ? ctx.inputCount() - 2 : 0;
  if (g.outputs.size() < 1 + carried)
    return ctx.fail(ErrorCode::InvalidModel, "body returns fewer values than cond + loop-carried");
  size_t scans = g.outputs.size() - 1 - carried;
  int64_t maxTrips = ctx.hasInput(0) ? ctx.input(0).elementAsInt64(0) : INT64_MAX;
  bool cond = ctx.hasInput(1) ? ctx.input(1).elementAsDouble(0) != 0 : true;
  std::vector<Tensor> state;
  for (size_t i = 0; i < carried; ++i) state.push_back(ctx.input(2 + i));
  std::vector<std::vector<Tensor>> scanParts(scans);
  constexpr int64_t kMaxIterations = int64_t{1} << 31;
  for (int64_t i = 0; i < maxTrips && cond; ++i) {
    if (i >= kMaxIterations)
      return ctx.fail(ErrorCode::LimitExceeded, "the loop ran 2^31 iterations without stopping");
    std::vector<Tensor> in = {Tensor::scalarInt64(i),
                              Tensor::fromVector<uint8_t>(DType::Bool, {}, {uint8_t{1}})};
    in.insert(in.end(), state.begin(), state.end());
    auto outs = ctx.runSubgraph(g, in);
    if (!outs) return outs.error();
    cond = (*outs)[0].numel() > 0 && (*outs)[0].elementAsDouble(0) != 0;
    for (size_t k = 0; k < carried; ++k) state[k] = (*outs)[1 + k];
    for (size_t k = 0; k < scans; ++k) scanParts[k].push_back((*outs)[1 + carried + k]);
  }
  ctx.outputs = state;
  for (size_t k = 0; k < scans; ++k) {
    auto stacked = stack(ctx, scanParts[k], 0, g.value(g.outputs[1 + carried + k]).dtype);
    if (!stacked) return stacked.error();
    ctx.outputs.push_back(std::move(*stacked));
  }
  return Status::ok();
}

// Scan (opset 9+) over inputs [state..., scan...] whose scan axes are sliced per iteration.
Status scanCore(KernelContext& ctx, const Graph& g, const std::vector<Tensor>& states,
                const std::vector<Tensor>& scanInputs, std::vector<Tensor>& outputs) {
  size_t numScanIn = scanInputs.size(), numState = states.size();
  if (g.outputs.size() < numState)
    return ctx.fail(ErrorCode::InvalidModel, "body returns too few values");
  size_t numScanOut = g.outputs.size() - numState;
  auto readAxes = [&](const char* name, size_t count) -> Expected<std::vector<int64_t>> {
    std::vector<int64_t> v = ctx.attrs().getInts(name, std::vector<int64_t>(count, 0));
    if (v.size() != count)
      return ctx.fail(ErrorCode::InvalidModel,
                      std::string(name) + " needs " + std::to_string(count) + " values");
    return v;
  };
  auto inAxes = readAxes("scan_input_axes", numScanIn);
  auto inDirs = readAxes("scan_input_directions", numScanIn);
  auto outAxes = readAxes("scan_output_axes", numScanOut);
  auto outDirs = readAxes("scan_output_directions", numScanOut);
  if (!inAxes) return inAxes.error();
  if (!inDirs) return inDirs.error();
  if (!outAxes) return outAxes.error();
  if (!outDirs) return outDirs.error();
  int64_t length = -1;
  for (size_t k = 0; k < numScanIn; ++k) {
    int64_t& axis = (*inAxes)[k];
    if (axis < 0) axis += scanInputs[k].rank();
    if (axis < 0 || axis >= scanInputs[k].rank())
      return ctx.fail(ErrorCode::InvalidModel, "scan_input_axes out of range");
    int64_t len = scanInputs[k].dims()[static_cast<size_t>(axis)];
    if (length >= 0 && len != length)
      return ctx.fail(ErrorCode::ShapeMismatch,
                      "scan inputs have different lengths along their scan axes");
    length = len;
  }
  if (length < 0) length = 0;
  std::vector<Tensor> state = states;
  std::vector<std::vector<Tensor>> parts(numScanOut);
  for (int64_t t = 0; t < length; ++t) {
    std::vector<Tensor> in = state;
    for (size_t k = 0; k < numScanIn; ++k)
      in.push_back(sliceAxis(scanInputs[k], static_cast<size_t>((*inAxes)[k]),
                             (*inDirs)[k] ? length - 1 - t : t));
    auto outs = ctx.runSubgraph(g, in);
    if (!outs) return outs.error();
    for (size_t k = 0; k < numState; ++k) state[k] = (*outs)[k];
    for (size_t k = 0; k < numScanOut; ++k) parts[k].push_back((*outs)[numState + k]);
  }
  outputs = state;
  for (size_t k = 0; k < numScanOut; ++k) {
    if ((*outDirs)[k]) std::reverse(parts[k].begin(), parts[k].end());
    int64_t axis = (*outAxes)[k];
    int64_t rank = parts[k].empty() ? 1 : parts[k][0].rank() + 1;
    if (axis < 0) axis += rank;
    if (axis < 0 || axis >= rank)
      return ctx.fail(ErrorCode::InvalidModel, "scan_output_axes out of range");
    auto stacked =
        stack(ctx, parts[k], static_cast<size_t>(axis), g.value(g.outputs[numState + k]).dtype);
    if (!stacked) return stacked.error();
    outputs.push_back(std::move(*stacked));
  }
  return Status::ok();
}

Status scanKernel(KernelContext& ctx) {
  auto body = bodyAttr(ctx, "body");
  if (!body) return body.error();
  auto numScanIn = static_cast<size_t>(ctx.attrs().getInt("num_scan_inputs", 0));
  if (ctx.opset < 9) {
    // Scan-8: input 0 is sequence_lens, every other input has a leading batch dim, scan axis 1.
    size_t numState = ctx.inputCount() - 1 - numScanIn;
    int64_t batch = ctx.inputCount() > 1 ? ctx.input(1).dims()[0] : 0;
    std::vector<std::vector<Tensor>> perBatch;
    for (int64_t b = 0; b < batch; ++b) {
      std::vector<Tensor> states, scans, outs;
      for (size_t i = 0; i < numState; ++i) states.push_back(sliceAxis(ctx.input(1 + i), 0, b));
      for (size_t i = 0; i < numScanIn; ++i)
        scans.push_back(sliceAxis(ctx.input(1 + numState + i), 0, b));
      if (ctx.hasInput(0) &&
          ctx.input(0).elementAsInt64(b) != (scans.empty() ? 0 : scans[0].dims()[0]))
        return ctx.fail(ErrorCode::UnsupportedOp,
                        "Scan-8 with sequence_lens shorter than the sequence");
      MB_TRY(scanCore(ctx, **body, states, scans, outs));
      perBatch.push_back(std::move(outs));
    }
    for (size_t k = 0; k < ctx.node.outputs.size(); ++k) {
      std::vector<Tensor> column;
      for (auto& outs : perBatch) column.push_back(outs[k]);
      auto stacked = stack(ctx, column, 0, DType::Float32);
      if (!stacked) return stacked.error();
      ctx.outputs.push_back(std::move(*stacked));
    }
    return Status::ok();
  }
  if (numScanIn > ctx.inputCount())
    return ctx.fail(ErrorCode::InvalidModel, "num_scan_inputs exceeds the inputs");
  size_t numState = ctx.inputCount() - numScanIn;
  std::vector<Tensor> states, scans;
  for (size_t i = 0; i < numState; ++i) states.push_back(ctx.input(i));
  for (size_t i = 0; i < numScanIn; ++i) scans.push_back(ctx.input(numState + i));
  return scanCore(ctx, **body, states, scans, ctx.outputs);
}

MB_ONNX_KERNEL("If", 1, ifKernel);
MB_ONNX_KERNEL("Loop", 1, loopKernel);
MB_ONNX_KERNEL("Scan", 8, scanKernel);

}  // namespace
}  // namespace mb::exec::onnx_nn
