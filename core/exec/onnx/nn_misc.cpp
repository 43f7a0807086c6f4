// ONNX Flatten, Dropout, DepthToSpace and SpaceToDepth.
#include <cstring>
#include <random>

#include "exec/onnx/nn_onnx_util.h"
#include "exec/primitives/nn_util.h"

namespace mb::exec::onnx_nn {
namespace {

Status flattenKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  int64_t rank = x.rank();
  int64_t axis = ctx.attrs().getInt("axis", 1);
  if (axis < -rank || axis > rank)
    return ctx.fail(ErrorCode::InvalidModel, "axis " + std::to_string(axis) + " is outside [-" +
                                                 std::to_string(rank) + ", " +
                                                 std::to_string(rank) + "]");
  if (axis < 0) axis += rank;
  int64_t outer = nn::product(x.dims(), 0, static_cast<size_t>(axis));
  ctx.outputs.push_back(
      x.reshaped({outer, nn::product(x.dims(), static_cast<size_t>(axis), x.dims().size())}));
  return Status::ok();
}

// Inference: identity, mask all true. Training (opset ≥ 12 training_mode, or is_test = 0 before 7)
// with ratio > 0: elements dropped with probability `ratio` and the rest scaled by 1/(1-ratio),
// drawn from the node's seed (results are reproducible for a seed, but not ONNX's numpy draws).
Status dropoutKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  double ratio = ctx.attrs().getFloat("ratio", 0.5);
  bool training = false;
  if (ctx.opset >= 12) {
    if (ctx.hasInput(1)) ratio = ctx.input(1).elementAsDouble(0);
    training = ctx.hasInput(2) && ctx.input(2).elementAsInt64(0) != 0;
  } else if (ctx.opset < 7) {
    training = ctx.attrs().getInt("is_test", 0) == 0;
  }
  if (ratio < 0 || ratio >= 1) {
    if (training || ratio < 0) return ctx.fail(ErrorCode::InvalidModel, "ratio must be in [0, 1)");
  }
  // Before opset 10 the mask had the input's dtype; from 10 it is bool.
  DType maskType = ctx.opset >= 10 ? DType::Bool : x.dtype();
  Tensor mask = Tensor::zeros(maskType, x.dims());
  if (!training || ratio == 0) {
    ctx.outputs.push_back(x);
    if (maskType == DType::Bool)
      std::memset(mask.mutableBytes(), 1, mask.nbytes());
    else
      for (int64_t i = 0; i < mask.numel(); ++i) {
        Tensor one = nn::fromFloat32(Tensor::scalarFloat(1.0f), maskType);
        std::memcpy(mask.mutableBytes() + i * static_cast<int64_t>(dtypeSize(maskType)),
                    one.bytes(), dtypeSize(maskType));
      }
    ctx.outputs.push_back(std::move(mask));
    return Status::ok();
  }
  if (!nn::isFloatLike(x.dtype()))
    return ctx.fail(ErrorCode::TypeMismatch, "training dropout needs a float input");
  std::mt19937_64 rng(static_cast<uint64_t>(ctx.attrs().getInt("seed", 0)));
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  Tensor xf = nn::toFloat32(x);
  Tensor y = Tensor::zeros(DType::Float32, x.dims());
  float scale = static_cast<float>(1.0 / (1.0 - ratio));
  for (int64_t i = 0; i < x.numel(); ++i) {
    bool keep = uniform(rng) >= ratio;
    y.mutableData<float>()[i] = keep ? xf.data<float>()[i] * scale : 0.0f;
    mask.mutableBytes()[i * static_cast<int64_t>(dtypeSize(maskType))] =
        std::byte{keep ? uint8_t{1} : uint8_t{0}};
  }
  ctx.outputs.push_back(nn::fromFloat32(y, x.dtype()));
  ctx.outputs.push_back(std::move(mask));
  return Status::ok();
}

// DepthToSpace: [N, C, H, W] → [N, C/b², H*b, W*b]. DCR reads channel (bh, bw, c'), CRD (c', bh,
// bw).
Status depthToSpaceKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  int64_t b = ctx.attrs().getInt("blocksize", 0);
  if (x.rank() != 4 || b <= 0 || x.dims()[1] % (b * b) != 0)
    return ctx.fail(ErrorCode::ShapeMismatch,
                    "DepthToSpace needs a 4-D input whose channels divide by blocksize² (" +
                        dimsToString(x.dims()) + ", blocksize " + std::to_string(b) + ")");
  bool crd = ctx.attrs().getString("mode", "DCR") == "CRD";
  int64_t N = x.dims()[0], C = x.dims()[1], H = x.dims()[2], W = x.dims()[3], Co = C / (b * b);
  Tensor y = Tensor::zeros(x.dtype(), {N, Co, H * b, W * b});
  size_t size = dtypeSize(x.dtype());
  for (int64_t n = 0; n < N; ++n)
    for (int64_t c = 0; c < Co; ++c)
      for (int64_t h = 0; h < H * b; ++h)
        for (int64_t w = 0; w < W * b; ++w) {
          int64_t bh = h % b, bw = w % b;
          int64_t ci = crd ? (c * b + bh) * b + bw : (bh * b + bw) * Co + c;
          int64_t from = ((n * C + ci) * H + h / b) * W + w / b;
          int64_t to = ((n * Co + c) * H * b + h) * W * b + w;
          std::memcpy(y.mutableBytes() + to * static_cast<int64_t>(size),
                      x.bytes() + from * static_cast<int64_t>(size), size);
        }
  ctx.outputs.push_back(std::move(y));
  return Status::ok();
}

// SpaceToDepth: [N, C, H, W] → [N, C*b², H/b, W/b], output channel (bh, bw, c).
Status spaceToDepthKernel(KernelContext& ctx) {
  MB_TRY(requireInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  int64_t b = ctx.attrs().getInt("blocksize", 0);
  if (x.rank() != 4 || b <= 0 || x.dims()[2] % b != 0 || x.dims()[3] % b != 0)
    return ctx.fail(ErrorCode::ShapeMismatch,
                    "SpaceToDepth needs a 4-D input whose H and W divide by blocksize (" +
                        dimsToString(x.dims()) + ", blocksize " + std::to_string(b) + ")");
  int64_t N = x.dims()[0], C = x.dims()[1], H = x.dims()[2], W = x.dims()[3];
  Tensor y = Tensor::zeros(x.dtype(), {N, C * b * b, H / b, W / b});
  size_t size = dtypeSize(x.dtype());
  for (int64_t n = 0; n < N; ++n)
    for (int64_t c = 0; c < C; ++c)
      for (int64_t h = 0; h < H; ++h)
        for (int64_t w = 0; w < W; ++w) {
          int64_t co = ((h % b) * b + w % b) * C + c;
          int64_t to = ((n * C * b * b + co) * (H / b) + h / b) * (W / b) + w / b;
          int64_t from = ((n * C + c) * H + h) * W + w;
          std::memcpy(y.mutableBytes() + to * static_cast<int64_t>(size),
                      x.bytes() + from * static_cast<int64_t>(size), size);
        }
  ctx.outputs.push_back(std::move(y));
  return Status::ok();
}

MB_ONNX_KERNEL("Flatten", 1, flattenKernel);
MB_ONNX_KERNEL("Dropout", 1, dropoutKernel);
MB_ONNX_KERNEL("DepthToSpace", 1, depthToSpaceKernel);
MB_ONNX_KERNEL("SpaceToDepth", 1, spaceToDepthKernel);

}  // namespace
}  // namespace mb::exec::onnx_nn
