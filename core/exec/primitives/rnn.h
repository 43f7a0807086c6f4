// Recurrent layers (simple RNN, GRU, LSTM) over a time-major sequence, one or two directions, with
// per-batch sequence lengths, initial states, LSTM peepholes, clipping and custom activations.
// Weights use ONNX's gate order (LSTM i,o,f,c; GRU z,r,h); other dialects reorder their weights
// into it before calling.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ir/tensor.h"
#include "util/status.h"

namespace mb::exec {
class ThreadPool;
}

namespace mb::exec::nn {

enum class RnnCell { Simple, Gru, Lstm };
enum class RnnDirection { Forward, Reverse, Bidirectional };

struct RnnActivation {
  std::string name;  // ONNX spelling: Sigmoid, Tanh, Relu, Affine, LeakyRelu, ThresholdedRelu, …
  float alpha = 0;
  float beta = 0;
};

struct RnnParams {
  RnnCell cell = RnnCell::Lstm;
  RnnDirection direction = RnnDirection::Forward;
  int64_t hiddenSize = 0;
  // Per direction in order: RNN f; GRU f, g; LSTM f, g, h (then the reverse direction's).
  std::vector<RnnActivation> activations;
  float clip = 0;                  // > 0: gate pre-activations clipped to [-clip, clip]
  bool linearBeforeReset = false;  // GRU
  bool inputForget = false;        // LSTM: forget gate = 1 - input gate
};

struct RnnInputs {
  const Tensor* x = nullptr;        // [seq, batch, input]
  const Tensor* w = nullptr;        // [dirs, gates*hidden, input]
  const Tensor* r = nullptr;        // [dirs, gates*hidden, hidden]
  const Tensor* b = nullptr;        // [dirs, 2*gates*hidden] (Wb then Rb) or null
  const Tensor* seqLens = nullptr;  // [batch] int32 or null (all = seq)
  const Tensor* h0 = nullptr;       // [dirs, batch, hidden] or null
  const Tensor* c0 = nullptr;       // LSTM [dirs, batch, hidden] or null
  const Tensor* p = nullptr;        // LSTM peepholes [dirs, 3*hidden] (i, o, f) or null
};

struct RnnOutputs {
  Tensor y;   // [seq, dirs, batch, hidden]; zero past each sequence's length
  Tensor yh;  // [dirs, batch, hidden]
  Tensor yc;  // LSTM [dirs, batch, hidden]
};

// Default alpha / beta of an activation by its ONNX name.
RnnActivation rnnActivation(const std::string& name);

Expected<RnnOutputs> rnn(const RnnInputs& in, const RnnParams& params);

}  // namespace mb::exec::nn
