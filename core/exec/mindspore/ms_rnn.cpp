// Recurrent Cells as MindSpore documents them: nn.LSTM / nn.GRU / nn.RNN(input_size, hidden_size,
// num_layers=1, has_bias=True, batch_first=False, dropout=0., bidirectional=False), called as
// (x, hx=None, seq_length=None) → (output, h_n) or (output, (h_n, c_n)). Parameters per layer and
// direction: weight_ih_l{k}[_reverse] [gates·H, in], weight_hh_l{k}[_reverse], bias_ih / bias_hh,
// gates stacked i,f,g,o (LSTM) and r,z,n (GRU, reset applied to (W_hn h + b_hn)) — torch's layout.
// Node inputs: x, then h0 (and c0 for LSTM); outputs: output, h_n (and c_n), h/c as
// [num_layers·dirs, batch, H]. The shared primitive takes ONNX's gate order (i,o,f,c / z,r,h), so
// the gate blocks are reordered here.
#include <algorithm>

#include "exec/mindspore/ms_common.h"
#include "exec/primitives/layout.h"
#include "exec/primitives/rnn.h"

namespace mb::exec::ms {
namespace {

// Stacks the gate blocks of `w` ([gates·H, …]) in `order` (indices of MindSpore's blocks).
Tensor reorderGates(const Tensor& w, int64_t hidden, const std::vector<int64_t>& order) {
  const int64_t rowBytes = static_cast<int64_t>(w.nbytes()) / w.dims()[0];
  Tensor out = Tensor::zeros(w.dtype(), w.dims());
  for (size_t dst = 0; dst < order.size(); ++dst)
    std::copy_n(w.bytes() + order[dst] * hidden * rowBytes, hidden * rowBytes,
                out.mutableBytes() + static_cast<int64_t>(dst) * hidden * rowBytes);
  return out;
}

Tensor stack(const std::vector<Tensor>& parts, std::vector<int64_t> innerDims) {
  std::vector<int64_t> dims{static_cast<int64_t>(parts.size())};
  dims.insert(dims.end(), innerDims.begin(), innerDims.end());
  Tensor out = Tensor::zeros(parts[0].dtype(), dims);
  size_t offset = 0;
  for (const auto& p : parts) {
    std::copy_n(p.bytes(), p.nbytes(), out.mutableBytes() + offset);
    offset += p.nbytes();
  }
  return out;
}

// Rows [begin, begin + count) of a [L·D, batch, H] state.
Expected<Tensor> stateSlice(const Tensor& s, int64_t begin, int64_t count) {
  return prim::slice(s, {{begin, 1, count}, {0, 1, s.dims()[1]}, {0, 1, s.dims()[2]}});
}

template <nn::RnnCell Cell>
Status recurrent(KernelContext& ctx) {
  if constexpr (Cell == nn::RnnCell::Simple) {
    MB_TRY(checkArgNames(ctx,
                         {"input_size", "hidden_size", "num_layers", "nonlinearity", "has_bias",
                          "batch_first", "dropout", "bidirectional", "dtype"},
                         {}));
  } else {
    MB_TRY(checkArgNames(ctx,
                         {"input_size", "hidden_size", "num_layers", "has_bias", "batch_first",
                          "dropout", "bidirectional", "dtype"},
                         {}));
  }
  MB_TRY(needInputs(ctx, 1));
  constexpr bool isLstm = Cell == nn::RnnCell::Lstm;
  const int64_t gates = isLstm ? 4 : Cell == nn::RnnCell::Gru ? 3 : 1;
  MB_MS_TRY_ASSIGN(int64_t inputSize, argInt(ctx, ArgSource::Ctor, "input_size", -1));
  MB_MS_TRY_ASSIGN(int64_t hidden, argInt(ctx, ArgSource::Ctor, "hidden_size", -1));
  MB_MS_TRY_ASSIGN(int64_t layers, argInt(ctx, ArgSource::Ctor, "num_layers", 1));
  MB_MS_TRY_ASSIGN(bool hasBias, argBool(ctx, ArgSource::Ctor, "has_bias", true));
  MB_MS_TRY_ASSIGN(bool batchFirst, argBool(ctx, ArgSource::Ctor, "batch_first", false));
  MB_MS_TRY_ASSIGN(bool bidirectional, argBool(ctx, ArgSource::Ctor, "bidirectional", false));
  MB_MS_TRY_ASSIGN(std::string nonlinearity,
                   argString(ctx, ArgSource::Ctor, "nonlinearity", "tanh"));
  if (nonlinearity != "tanh" && nonlinearity != "relu")
    return ctx.fail(ErrorCode::InvalidModel, "nonlinearity must be 'tanh' or 'relu'");
  if (hidden <= 0 || inputSize <= 0 || layers <= 0)
    return ctx.fail(ErrorCode::InvalidModel,
                    "input_size, hidden_size and num_layers must be positive");
  if (ctx.inputs.size() > (isLstm ? 3u : 2u))
    return ctx.fail(ErrorCode::UnsupportedOp, "seq_length is not supported by the executor");
  const int64_t dirs = bidirectional ? 2 : 1;

  Tensor x = ctx.input(0);
  if (x.rank() != 3)
    return ctx.fail(ErrorCode::ShapeMismatch,
                    "RNN input must be 3-D, got " + dimsToString(x.dims()));
  if (batchFirst) {
    MB_MS_TRY_ASSIGN(x, prim::transpose(x, {1, 0, 2}));
  }
  if (x.dims()[2] != inputSize)
    return ctx.fail(ErrorCode::ShapeMismatch, "input has " + std::to_string(x.dims()[2]) +
                                                  " features, input_size is " +
                                                  std::to_string(inputSize));
  const int64_t batch = x.dims()[1];
  const std::vector<int64_t> stateDims{layers * dirs, batch, hidden};
  const Tensor* h0 = ctx.hasInput(1) ? &ctx.input(1) : nullptr;
  const Tensor* c0 = isLstm && ctx.hasInput(2) ? &ctx.input(2) : nullptr;
  if (isLstm && (h0 == nullptr) != (c0 == nullptr))
    return ctx.fail(ErrorCode::InvalidModel, "LSTM hx must hold both h0 and c0");
  if ((h0 && h0->dims() != stateDims) || (c0 && c0->dims() != stateDims))
    return ctx.fail(ErrorCode::ShapeMismatch, "initial state must be " + dimsToString(stateDims));

  // MindSpore's gate blocks → ONNX's: LSTM i,f,g,o → i,o,f,c; GRU r,z,n → z,r,h.
  const std::vector<int64_t> order = isLstm                     ? std::vector<int64_t>{0, 3, 1, 2}
                                     : Cell == nn::RnnCell::Gru ? std::vector<int64_t>{1, 0, 2}
                                                                : std::vector<int64_t>{0};
  nn::RnnParams params;
  params.cell = Cell;
  params.direction = bidirectional ? nn::RnnDirection::Bidirectional : nn::RnnDirection::Forward;
  params.hiddenSize = hidden;
  params.linearBeforeReset = true;  // n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))
  const std::vector<std::string> acts =
      isLstm ? std::vector<std::string>{"Sigmoid", "Tanh", "Tanh"}
      : Cell == nn::RnnCell::Gru
          ? std::vector<std::string>{"Sigmoid", "Tanh"}
          : std::vector<std::string>{nonlinearity == "relu" ? "Relu" : "Tanh"};
  for (int64_t d = 0; d < dirs; ++d)
    for (const auto& a : acts) params.activations.push_back(nn::rnnActivation(a));

  std::vector<Tensor> hn, cn;
  Tensor layerInput = x;
  for (int64_t layer = 0; layer < layers; ++layer) {
    const int64_t in = layer == 0 ? inputSize : hidden * dirs;
    std::vector<Tensor> w, r, b;
    for (int64_t d = 0; d < dirs; ++d) {
      const std::string suffix = "_l" + std::to_string(layer) + (d == 1 ? "_reverse" : "");
      MB_MS_TRY_ASSIGN(const Tensor* wih, requireParam(ctx, "weight_ih" + suffix));
      MB_MS_TRY_ASSIGN(const Tensor* whh, requireParam(ctx, "weight_hh" + suffix));
      if (wih->dims() != std::vector<int64_t>{gates * hidden, in} ||
          whh->dims() != std::vector<int64_t>{gates * hidden, hidden})
        return ctx.fail(ErrorCode::ShapeMismatch,
                        "weight_ih" + suffix + " / weight_hh" + suffix + " are " +
                            dimsToString(wih->dims()) + " / " + dimsToString(whh->dims()) +
                            ", expected [" + std::to_string(gates * hidden) + ", " +
                            std::to_string(in) + "] / [" + std::to_string(gates * hidden) + ", " +
                            std::to_string(hidden) + "]");
      w.push_back(reorderGates(*wih, hidden, order));
      r.push_back(reorderGates(*whh, hidden, order));
      Tensor bias = prim::filled(x.dtype(), {2 * gates * hidden}, 0.0);
      const Tensor* bih = param(ctx, "bias_ih" + suffix);
      const Tensor* bhh = param(ctx, "bias_hh" + suffix);
      if (hasBias != (bih && bhh))
        return ctx.fail(
            ErrorCode::InvalidModel,
            hasBias
                ? "has_bias is True but bias_ih" + suffix + " / bias_hh" + suffix + " are missing"
                : "has_bias is False but the node binds biases that would be ignored");
      if (hasBias) {
        if (bih->numel() != gates * hidden || bhh->numel() != gates * hidden)
          return ctx.fail(ErrorCode::ShapeMismatch, "bias" + suffix + " must hold " +
                                                        std::to_string(gates * hidden) + " values");
        Tensor bi = reorderGates(bih->reshaped({gates * hidden, 1}), hidden, order);
        Tensor bh = reorderGates(bhh->reshaped({gates * hidden, 1}), hidden, order);
        std::copy_n(bi.bytes(), bi.nbytes(), bias.mutableBytes());
        std::copy_n(bh.bytes(), bh.nbytes(), bias.mutableBytes() + bi.nbytes());
      }
      b.push_back(bias);
    }
    Tensor W = stack(w, {gates * hidden, in}), R = stack(r, {gates * hidden, hidden}),
           B = stack(b, {2 * gates * hidden});
    Tensor h0l, c0l;
    if (h0) {
      MB_MS_TRY_ASSIGN(h0l, stateSlice(*h0, layer * dirs, dirs));
    }
    if (c0) {
      MB_MS_TRY_ASSIGN(c0l, stateSlice(*c0, layer * dirs, dirs));
    }
    nn::RnnInputs rin;
    rin.x = &layerInput;
    rin.w = &W;
    rin.r = &R;
    rin.b = &B;
    rin.h0 = h0 ? &h0l : nullptr;
    rin.c0 = c0 ? &c0l : nullptr;
    MB_MS_TRY_ASSIGN(nn::RnnOutputs out, nn::rnn(rin, params));
    // y [seq, dirs, batch, H] → [seq, batch, dirs·H]
    MB_MS_TRY_ASSIGN(Tensor y, prim::transpose(out.y, {0, 2, 1, 3}));
    layerInput = y.reshaped({y.dims()[0], batch, dirs * hidden});
    hn.push_back(out.yh);
    if (isLstm) cn.push_back(out.yc);
  }
  Tensor output = layerInput;
  if (batchFirst) {
    MB_MS_TRY_ASSIGN(output, prim::transpose(output, {1, 0, 2}));
  }
  std::vector<const Tensor*> hp, cp;
  for (const auto& t : hn) hp.push_back(&t);
  for (const auto& t : cn) cp.push_back(&t);
  MB_MS_TRY_ASSIGN(Tensor hAll, prim::concat(hp, 0));
  std::vector<Tensor> results{output, hAll};
  if (isLstm) {
    MB_MS_TRY_ASSIGN(Tensor cAll, prim::concat(cp, 0));
    results.push_back(cAll);
  }
  return setOutputs(ctx, std::move(results));
}

}  // namespace

MB_MINDSPORE_KERNEL("mindspore.nn.LSTM", recurrent<nn::RnnCell::Lstm>);
MB_MINDSPORE_KERNEL("mindspore.nn.GRU", recurrent<nn::RnnCell::Gru>);
MB_MINDSPORE_KERNEL("mindspore.nn.RNN", recurrent<nn::RnnCell::Simple>);

}  // namespace mb::exec::ms
