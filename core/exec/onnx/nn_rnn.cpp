// ONNX RNN, GRU and LSTM (opsets 7, 14 with layout) → nn::rnn.
#include <cstring>

#include "exec/onnx/nn_onnx_util.h"
#include "exec/primitives/nn_util.h"
#include "exec/primitives/rnn.h"

namespace mb::exec::onnx_nn {
namespace {

// Swaps the first two axes (batch-major ↔ time-major layouts).
Tensor swapLeadingAxes(const Tensor& t) {
  std::vector<int64_t> dims = t.dims();
  std::swap(dims[0], dims[1]);
  Tensor out = Tensor::zeros(t.dtype(), dims);
  int64_t a = t.dims()[0], b = t.dims()[1], inner = nn::product(t.dims(), 2, t.dims().size());
  size_t bytes = static_cast<size_t>(inner) * dtypeSize(t.dtype());
  for (int64_t i = 0; i < a; ++i)
    for (int64_t j = 0; j < b; ++j)
      std::memcpy(out.mutableBytes() + static_cast<size_t>(j * a + i) * bytes,
                  t.bytes() + static_cast<size_t>(i * b + j) * bytes, bytes);
  return out;
}

bool usesAlpha(const std::string& n) {
  return n == "Affine" || n == "LeakyRelu" || n == "ThresholdedRelu" || n == "ScaledTanh" ||
         n == "HardSigmoid" || n == "Elu";
}
bool usesBeta(const std::string& n) {
  return n == "Affine" || n == "ScaledTanh" || n == "HardSigmoid";
}

Status recurrentKernel(KernelContext& ctx, nn::RnnCell cell) {
  MB_TRY(requireInputs(ctx, 3));
  MB_TRY(requireFloat(ctx, 0));
  nn::RnnParams p;
  p.cell = cell;
  p.hiddenSize = ctx.attrs().getInt("hidden_size", 0);
  std::string direction = ctx.attrs().getString("direction", "forward");
  if (direction == "forward")
    p.direction = nn::RnnDirection::Forward;
  else if (direction == "reverse")
    p.direction = nn::RnnDirection::Reverse;
  else if (direction == "bidirectional")
    p.direction = nn::RnnDirection::Bidirectional;
  else
    return ctx.fail(ErrorCode::InvalidModel, "unknown direction '" + direction + "'");
  if (p.hiddenSize <= 0) {
    // hidden_size is required, but R's last dim tells it.
    p.hiddenSize = ctx.input(2).rank() == 3 ? ctx.input(2).dims()[2] : 0;
  }
  p.clip = static_cast<float>(ctx.attrs().getFloat("clip", 0.0));
  p.linearBeforeReset = ctx.attrs().getInt("linear_before_reset", 0) != 0;
  p.inputForget = ctx.attrs().getInt("input_forget", 0) != 0;
  std::vector<double> alphas = ctx.attrs().getFloats("activation_alpha");
  std::vector<double> betas = ctx.attrs().getFloats("activation_beta");
  size_t nextAlpha = 0, nextBeta = 0;
  if (const auto* names = ctx.attrs().find("activations");
      names && names->is<std::vector<std::string>>()) {
    for (const auto& name : names->as<std::vector<std::string>>()) {
      nn::RnnActivation a = nn::rnnActivation(name);
      if (usesAlpha(name) && nextAlpha < alphas.size())
        a.alpha = static_cast<float>(alphas[nextAlpha++]);
      if (usesBeta(name) && nextBeta < betas.size()) a.beta = static_cast<float>(betas[nextBeta++]);
      p.activations.push_back(a);
    }
  }
  bool batchMajor = ctx.attrs().getInt("layout", 0) == 1;
  auto opt = [&](size_t i) -> const Tensor* {
    return ctx.hasInput(i) && ctx.input(i).numel() > 0 ? &ctx.input(i) : nullptr;
  };
  Tensor x = batchMajor ? swapLeadingAxes(ctx.input(0)) : ctx.input(0);
  Tensor h0, c0;
  nn::RnnInputs in;
  in.x = &x;
  in.w = &ctx.input(1);
  in.r = &ctx.input(2);
  in.b = opt(3);
  in.seqLens = opt(4);
  if (const Tensor* t = opt(5)) {
    h0 = batchMajor ? swapLeadingAxes(*t) : *t;
    in.h0 = &h0;
  }
  if (cell == nn::RnnCell::Lstm) {
    if (const Tensor* t = opt(6)) {
      c0 = batchMajor ? swapLeadingAxes(*t) : *t;
      in.c0 = &c0;
    }
    in.p = opt(7);
  }
  auto out = nn::rnn(in, p);
  if (!out) return ctx.fail(out.error().code, out.error().message);
  if (batchMajor) {
    // Y [seq, dirs, batch, H] → [batch, seq, dirs, H]; states [dirs, batch, H] → [batch, dirs, H].
    const Tensor& y = out->y;
    int64_t S = y.dims()[0], D = y.dims()[1], B = y.dims()[2], H = y.dims()[3];
    Tensor yb = Tensor::zeros(y.dtype(), {B, S, D, H});
    size_t bytes = static_cast<size_t>(H) * dtypeSize(y.dtype());
    for (int64_t s = 0; s < S; ++s)
      for (int64_t d = 0; d < D; ++d)
        for (int64_t b = 0; b < B; ++b)
          std::memcpy(yb.mutableBytes() + static_cast<size_t>((b * S + s) * D + d) * bytes,
                      y.bytes() + static_cast<size_t>((s * D + d) * B + b) * bytes, bytes);
    out->y = yb;
    out->yh = swapLeadingAxes(out->yh);
    out->yc = swapLeadingAxes(out->yc);
  }
  ctx.outputs.push_back(std::move(out->y));
  ctx.outputs.push_back(std::move(out->yh));
  if (cell == nn::RnnCell::Lstm) ctx.outputs.push_back(std::move(out->yc));
  return Status::ok();
}

Status rnnKernel(KernelContext& ctx) {
  return recurrentKernel(ctx, nn::RnnCell::Simple);
}
Status gruKernel(KernelContext& ctx) {
  return recurrentKernel(ctx, nn::RnnCell::Gru);
}
Status lstmKernel(KernelContext& ctx) {
  return recurrentKernel(ctx, nn::RnnCell::Lstm);
}

MB_ONNX_KERNEL("RNN", 1, rnnKernel);
MB_ONNX_KERNEL("GRU", 1, gruKernel);
MB_ONNX_KERNEL("LSTM", 1, lstmKernel);

}  // namespace
}  // namespace mb::exec::onnx_nn
