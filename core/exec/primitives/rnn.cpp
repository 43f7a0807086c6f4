#include "exec/primitives/rnn.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "exec/primitives/matmul.h"
#include "exec/primitives/nn_util.h"

namespace mb::exec::nn {
namespace {

float sigmoid(float x) {
  return 1.0f / (1.0f + std::exp(-x));
}

Expected<float (*)(float, float, float)> activationFn(const std::string& name) {
  using Fn = float (*)(float, float, float);
  static const std::pair<const char*, Fn> table[] = {
      {"Sigmoid", [](float x, float, float) { return sigmoid(x); }},
      {"Tanh", [](float x, float, float) { return std::tanh(x); }},
      {"Relu", [](float x, float, float) { return std::max(x, 0.0f); }},
      {"Affine", [](float x, float a, float b) { return a * x + b; }},
      {"LeakyRelu", [](float x, float a, float) { return x >= 0 ? x : a * x; }},
      {"ThresholdedRelu", [](float x, float a, float) { return x > a ? x : 0.0f; }},
      {"ScaledTanh", [](float x, float a, float b) { return a * std::tanh(b * x); }},
      {"HardSigmoid",
       [](float x, float a, float b) { return std::max(0.0f, std::min(1.0f, a * x + b)); }},
      {"Elu", [](float x, float a, float) { return x >= 0 ? x : a * (std::exp(x) - 1.0f); }},
      {"Softsign", [](float x, float, float) { return x / (1.0f + std::fabs(x)); }},
      {"Softplus", [](float x, float, float) { return std::log1p(std::exp(x)); }},
  };
  for (const auto& [n, fn] : table)
    if (name == n) return fn;
  return makeError(ErrorCode::InvalidModel, "unknown recurrent activation '" + name + "'");
}

struct Act {
  float (*fn)(float, float, float);
  float alpha, beta;
  float operator()(float x) const { return fn(x, alpha, beta); }
};

}  // namespace

RnnActivation rnnActivation(const std::string& name) {
  if (name == "LeakyRelu") return {name, 0.01f, 0};
  if (name == "ThresholdedRelu" || name == "Elu") return {name, 1.0f, 0};
  if (name == "HardSigmoid") return {name, 0.2f, 0.5f};
  if (name == "Affine" || name == "ScaledTanh") return {name, 1.0f, 0.0f};
  return {name, 0, 0};
}

Expected<RnnOutputs> rnn(const RnnInputs& in, const RnnParams& params) {
  const int64_t gates = params.cell == RnnCell::Lstm ? 4 : params.cell == RnnCell::Gru ? 3 : 1;
  const int64_t perDirection = params.cell == RnnCell::Lstm  ? 3
                               : params.cell == RnnCell::Gru ? 2
                                                             : 1;
  const int64_t dirs = params.direction == RnnDirection::Bidirectional ? 2 : 1;
  if (!in.x || !in.w || !in.r || in.x->rank() != 3)
    return makeError(ErrorCode::ShapeMismatch,
                     "recurrent layers need X [seq, batch, input], W and R");
  const int64_t S = in.x->dims()[0], B = in.x->dims()[1], I = in.x->dims()[2],
                H = params.hiddenSize;
  const int64_t GH = gates * H;
  if (H <= 0) return makeError(ErrorCode::InvalidModel, "hidden_size must be positive");
  auto expect = [&](const Tensor* t, std::vector<int64_t> dims, const char* what) -> Status {
    if (t && t->dims() != dims)
      return makeError(ErrorCode::ShapeMismatch, std::string(what) + " is " +
                                                     dimsToString(t->dims()) + ", expected " +
                                                     dimsToString(dims));
    return Status::ok();
  };
  MB_TRY(expect(in.w, {dirs, GH, I}, "W"));
  MB_TRY(expect(in.r, {dirs, GH, H}, "R"));
  MB_TRY(expect(in.b, {dirs, 2 * GH}, "B"));
  MB_TRY(expect(in.h0, {dirs, B, H}, "initial_h"));
  MB_TRY(expect(in.c0, {dirs, B, H}, "initial_c"));
  MB_TRY(expect(in.p, {dirs, 3 * H}, "P"));
  std::vector<int64_t> lens(static_cast<size_t>(B), S);
  if (in.seqLens) {
    if (in.seqLens->numel() != B)
      return makeError(ErrorCode::ShapeMismatch, "sequence_lens has " +
                                                     std::to_string(in.seqLens->numel()) +
                                                     " values for batch " + std::to_string(B));
    for (int64_t b = 0; b < B; ++b) {
      lens[static_cast<size_t>(b)] = in.seqLens->elementAsInt64(b);
      if (lens[static_cast<size_t>(b)] < 0 || lens[static_cast<size_t>(b)] > S)
        return makeError(ErrorCode::InvalidArgument,
                         "sequence_lens values must be in [0, " + std::to_string(S) + "]");
    }
  }
  // Activations: the given ones, or the defaults, for each direction.
  std::vector<Act> acts;
  for (int64_t d = 0; d < dirs; ++d)
    for (int64_t k = 0; k < perDirection; ++k) {
      size_t at = static_cast<size_t>(d * perDirection + k);
      RnnActivation a;
      if (at < params.activations.size())
        a = params.activations[at];
      else if (static_cast<size_t>(k) < params.activations.size() && dirs == 2 &&
               params.activations.size() == static_cast<size_t>(perDirection))
        a = params.activations[static_cast<size_t>(k)];  // one set given for both directions
      else
        a = rnnActivation(params.cell == RnnCell::Simple ? "Tanh" : (k == 0 ? "Sigmoid" : "Tanh"));
      auto fn = activationFn(a.name);
      if (!fn) return fn.error();
      acts.push_back({*fn, a.alpha, a.beta});
    }

  DType dtype = in.x->dtype();
  Tensor x = toFloat32(*in.x), w = toFloat32(*in.w), r = toFloat32(*in.r);
  Tensor b = in.b ? toFloat32(*in.b) : Tensor(), h0 = in.h0 ? toFloat32(*in.h0) : Tensor();
  Tensor c0 = in.c0 ? toFloat32(*in.c0) : Tensor(), p = in.p ? toFloat32(*in.p) : Tensor();
  RnnOutputs out;
  out.y = Tensor::zeros(DType::Float32, {S, dirs, B, H});
  out.yh = Tensor::zeros(DType::Float32, {dirs, B, H});
  out.yc = Tensor::zeros(DType::Float32, {dirs, B, H});
  std::vector<float> xw(static_cast<size_t>(S * B * GH)), hr(static_cast<size_t>(B * GH));
  std::vector<float> h(static_cast<size_t>(B * H)), c(static_cast<size_t>(B * H)),
      rh(static_cast<size_t>(B * H));
  std::vector<float> hNew(static_cast<size_t>(B * H)), gate(static_cast<size_t>(GH));
  auto clip = [&](float v) {
    return params.clip > 0 ? std::max(-params.clip, std::min(params.clip, v)) : v;
  };

  for (int64_t d = 0; d < dirs; ++d) {
    bool reverse = params.direction == RnnDirection::Reverse || d == 1;
    const float* Wd = w.data<float>() + d * GH * I;
    const float* Rd = r.data<float>() + d * GH * H;
    const float* Wb = in.b ? b.data<float>() + d * 2 * GH : nullptr;
    const float* Rb = in.b ? Wb + GH : nullptr;
    const float* P = in.p ? p.data<float>() + d * 3 * H : nullptr;
    const Act* f = &acts[static_cast<size_t>(d * perDirection)];
    // Input projections for every step at once: [S*B, I] · W^T.
    sgemm(false, true, S * B, GH, I, 1.0f, x.data<float>(), I, Wd, I, 0.0f, xw.data(), GH);
    if (in.h0)
      std::memcpy(h.data(), h0.data<float>() + d * B * H,
                  sizeof(float) * static_cast<size_t>(B * H));
    else
      std::fill(h.begin(), h.end(), 0.0f);
    if (in.c0)
      std::memcpy(c.data(), c0.data<float>() + d * B * H,
                  sizeof(float) * static_cast<size_t>(B * H));
    else
      std::fill(c.begin(), c.end(), 0.0f);

    for (int64_t step = 0; step < S; ++step) {
      int64_t t = reverse ? S - 1 - step : step;
      // Recurrent projections: H_prev · R^T. GRU without linear_before_reset handles its h gate
      // below.
      sgemm(false, true, B, GH, H, 1.0f, h.data(), H, Rd, H, 0.0f, hr.data(), GH);
      if (params.cell == RnnCell::Gru && !params.linearBeforeReset) {
        for (int64_t bb = 0; bb < B; ++bb) {
          if (t >= lens[static_cast<size_t>(bb)]) continue;
          const float* xwb = xw.data() + (t * B + bb) * GH;
          const float* hrb = hr.data() + bb * GH;
          for (int64_t j = 0; j < H; ++j) {
            float rg = clip(xwb[H + j] + hrb[H + j] + (Wb ? Wb[H + j] + Rb[H + j] : 0.0f));
            rh[static_cast<size_t>(bb * H + j)] = f[0](rg) * h[static_cast<size_t>(bb * H + j)];
          }
        }
        // (r ⊙ H_prev) · Rh^T goes into the h-gate slot of hr.
        std::vector<float> rhr(static_cast<size_t>(B * H));
        sgemm(false, true, B, H, H, 1.0f, rh.data(), H, Rd + 2 * H * H, H, 0.0f, rhr.data(), H);
        for (int64_t bb = 0; bb < B; ++bb)
          for (int64_t j = 0; j < H; ++j)
            hr[static_cast<size_t>(bb * GH + 2 * H + j)] = rhr[static_cast<size_t>(bb * H + j)];
      }
      for (int64_t bb = 0; bb < B; ++bb) {
        float* hb = h.data() + bb * H;
        float* cb = c.data() + bb * H;
        if (t >= lens[static_cast<size_t>(bb)]) continue;  // past the end: state kept, Y stays 0
        const float* xwb = xw.data() + (t * B + bb) * GH;
        const float* hrb = hr.data() + bb * GH;
        for (int64_t k = 0; k < GH; ++k)
          gate[static_cast<size_t>(k)] = xwb[k] + hrb[k] + (Wb ? Wb[k] + Rb[k] : 0.0f);
        float* hn = hNew.data() + bb * H;
        if (params.cell == RnnCell::Simple) {
          for (int64_t j = 0; j < H; ++j) hn[j] = f[0](clip(gate[static_cast<size_t>(j)]));
        } else if (params.cell == RnnCell::Gru) {
          for (int64_t j = 0; j < H; ++j) {
            float z = f[0](clip(gate[static_cast<size_t>(j)]));
            float hh;
            if (params.linearBeforeReset) {
              float rg = f[0](clip(gate[static_cast<size_t>(H + j)]));
              // r ⊙ (H_prev·Rh^T + Rbh), plus the input part with Wbh.
              float rec = hrb[2 * H + j] + (Rb ? Rb[2 * H + j] : 0.0f);
              hh = f[1](clip(xwb[2 * H + j] + (Wb ? Wb[2 * H + j] : 0.0f) + rg * rec));
            } else {
              hh = f[1](clip(gate[static_cast<size_t>(2 * H + j)]));
            }
            hn[j] = (1.0f - z) * hh + z * hb[j];
          }
        } else {
          for (int64_t j = 0; j < H; ++j) {
            float gi = clip(gate[static_cast<size_t>(j)] + (P ? P[j] * cb[j] : 0.0f));
            float i = f[0](gi);
            float fg = params.inputForget ? 1.0f - i
                                          : f[0](clip(gate[static_cast<size_t>(2 * H + j)] +
                                                      (P ? P[2 * H + j] * cb[j] : 0.0f)));
            float cc = f[1](clip(gate[static_cast<size_t>(3 * H + j)]));
            float cNew = fg * cb[j] + i * cc;
            float o = f[0](clip(gate[static_cast<size_t>(H + j)] + (P ? P[H + j] * cNew : 0.0f)));
            cb[j] = cNew;
            hn[j] = o * f[2](cNew);
          }
        }
        std::memcpy(hb, hn, sizeof(float) * static_cast<size_t>(H));
        std::memcpy(out.y.mutableData<float>() + ((t * dirs + d) * B + bb) * H, hb,
                    sizeof(float) * static_cast<size_t>(H));
      }
    }
    std::memcpy(out.yh.mutableData<float>() + d * B * H, h.data(),
                sizeof(float) * static_cast<size_t>(B * H));
    std::memcpy(out.yc.mutableData<float>() + d * B * H, c.data(),
                sizeof(float) * static_cast<size_t>(B * H));
  }
  out.y = fromFloat32(out.y, dtype);
  out.yh = fromFloat32(out.yh, dtype);
  out.yc = fromFloat32(out.yc, dtype);
  return out;
}

}  // namespace mb::exec::nn
