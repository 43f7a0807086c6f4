// LSTM / GRU / RNN → mindspore.nn.LSTM / GRU / RNN (used at both API levels: mint has no RNN Cells;
// their parameter names already equal torch's). ONNX stacks gates as i,o,f,c (LSTM) and z,r,h
// (GRU); MindSpore and torch use i,f,g,o and r,z,n — the weights are reordered and the reorder is
// recorded. ONNX's Y [seq, dirs, batch, hidden] is rebuilt from MindSpore's output
// [seq, batch, dirs·hidden] with a reshape + transpose (or expand_dims for one direction).
#include "convert/constant_folder.h"
#include "convert/ops/op_helpers.h"

namespace mb::convert::ops {
namespace {

// Rows of `t` ([gates·H, …]) regrouped by gate in `order` (source gate index per target position).
Tensor reorderGates(const Tensor& t, int64_t hidden, const std::vector<int64_t>& order) {
  std::vector<Tensor> blocks;
  for (int64_t g : order) blocks.push_back(sliceAxis(t, 0, g * hidden, (g + 1) * hidden));
  return concatTensors(blocks, 0);
}

std::string gateNames(const std::string& kind) {
  return kind == "LSTM" ? "i,o,f,c → i,f,g,o" : "z,r,h → r,z,n";
}

ConvertStatus convertRecurrent(ConvertContext& ctx) {
  const std::string kind = ctx.opType();
  const Tensor* w = ctx.constantInput(1);
  const Tensor* r = ctx.constantInput(2);
  const Tensor* b = ctx.hasInput(3) ? ctx.constantInput(3) : nullptr;
  if (!w || !r || (ctx.hasInput(3) && !b))
    return ctx.unconverted(kind + " weights computed at run time");
  if (ctx.hasInput(4))
    return ctx.unconverted(kind + " with sequence_lens (variable lengths)",
                           {"mindspore.nn." + kind});
  if (kind == "LSTM" && ctx.hasInput(7))
    return ctx.unconverted("LSTM with peepholes", {"mindspore.nn.LSTM"});
  if (ctx.attrs().has("clip")) return ctx.unconverted(kind + " with cell clipping");
  if (ctx.attrs().getInt("input_forget", 0) != 0)
    return ctx.unconverted("LSTM with coupled input-forget gate");
  if (ctx.attrs().getInt("layout", 0) != 0)
    return ctx.unconverted(kind + " with layout=1 (batch-major)");
  if (kind == "GRU" && ctx.attrs().getInt("linear_before_reset", 0) == 0)
    return ctx.unconverted(
        "GRU with linear_before_reset=0 (MindSpore and torch apply the reset gate after the "
        "matmul)");
  const std::string direction = ctx.attrs().getString("direction", "forward");
  if (direction == "reverse") return ctx.unconverted(kind + " running in reverse only");
  const bool bidirectional = direction == "bidirectional";
  std::string nonlinearity = "tanh";
  std::vector<std::string> acts =
      ctx.attrs().has("activations")
          ? ctx.attrs().find("activations")->as<std::vector<std::string>>()
          : std::vector<std::string>{};
  if (kind == "RNN") {
    if (!acts.empty() && acts[0] == "Relu")
      nonlinearity = "relu";
    else if (!acts.empty() && acts[0] != "Tanh")
      return ctx.unconverted("RNN activation " + acts[0]);
  } else if (!acts.empty()) {
    static const std::vector<std::string> kLstm = {"Sigmoid", "Tanh", "Tanh"},
                                          kGru = {"Sigmoid", "Tanh"};
    for (size_t i = 0; i < acts.size(); ++i)
      if (acts[i] != (kind == "LSTM" ? kLstm : kGru)[i % (kind == "LSTM" ? 3 : 2)])
        return ctx.unconverted(kind + " with non-default activations");
  }
  const int64_t dirs = bidirectional ? 2 : 1;
  const int64_t gates = kind == "LSTM" ? 4 : kind == "GRU" ? 3 : 1;
  const int64_t hidden = ctx.attrs().getInt("hidden_size", r->dims().back());
  const int64_t inputSize = w->dims().back();
  if (w->rank() != 3 || w->dims()[0] != dirs || w->dims()[1] != gates * hidden)
    return ctx.unconverted(kind + " weight shape " + dimsToString(w->dims()) +
                           " does not match its attributes");
  const std::vector<int64_t> order = kind == "LSTM"  ? std::vector<int64_t>{0, 2, 3, 1}
                                     : kind == "GRU" ? std::vector<int64_t>{1, 0, 2}
                                                     : std::vector<int64_t>{0};
  // Initial states: MindSpore takes hx = h0 (GRU/RNN) or (h0, c0) (LSTM); both or neither.
  std::vector<ValueId> inputs = {ctx.input(0)};
  const bool hasH = ctx.hasInput(5), hasC = kind == "LSTM" && ctx.hasInput(6);
  if (kind == "LSTM" && hasH != hasC)
    return ctx.unconverted("LSTM with only one of initial_h / initial_c");
  if (hasH) inputs.push_back(ctx.input(5));
  if (hasC) inputs.push_back(ctx.input(6));

  DType dt = ctx.inputDType(0);
  ValueId seqOut = ctx.temp(dt, Shape::unknownRank(), "output");
  std::vector<ValueId> outputs = {seqOut};
  outputs.push_back(ctx.outputUsed(1) ? ctx.output(1) : ctx.temp(dt, Shape::unknownRank(), "h_n"));
  if (kind == "LSTM")
    outputs.push_back(ctx.outputUsed(2) ? ctx.output(2)
                                        : ctx.temp(dt, Shape::unknownRank(), "c_n"));
  NodeRef cell = ctx.addNode("mindspore.nn." + kind, inputs, outputs);
  auto& a = cell->attrs;
  a.set("input_size", inputSize);
  a.set("hidden_size", hidden);
  a.set("has_bias", b != nullptr);
  if (bidirectional) a.set("bidirectional", true);
  if (kind == "RNN") a.set("nonlinearity", nonlinearity);
  const std::string transform = gates > 1 ? "gate order " + gateNames(kind) : std::string();
  for (int64_t d = 0; d < dirs; ++d) {
    const std::string suffix = d == 1 ? "_reverse" : "";
    Tensor wd = sliceAxis(*w, 0, d, d + 1).reshaped({gates * hidden, inputSize});
    Tensor rd = sliceAxis(*r, 0, d, d + 1).reshaped({gates * hidden, hidden});
    ctx.param(cell, "weight_ih_l0" + suffix, reorderGates(wd, hidden, order),
              ctx.initializerNames(1), transform);
    ctx.param(cell, "weight_hh_l0" + suffix, reorderGates(rd, hidden, order),
              ctx.initializerNames(2), transform);
    if (b) {
      Tensor bd = sliceAxis(*b, 0, d, d + 1).reshaped({2 * gates * hidden});
      ctx.param(cell, "bias_ih_l0" + suffix,
                reorderGates(sliceAxis(bd, 0, 0, gates * hidden), hidden, order),
                ctx.initializerNames(3), "first half of B; " + transform);
      ctx.param(cell, "bias_hh_l0" + suffix,
                reorderGates(sliceAxis(bd, 0, gates * hidden, 2 * gates * hidden), hidden, order),
                ctx.initializerNames(3), "second half of B; " + transform);
    }
  }
  if (!ctx.outputUsed(0)) return kConverted;
  // Y = [seq, dirs, batch, hidden] from [seq, batch, dirs·hidden].
  if (!bidirectional) {
    NodeRef e = ctx.addNode(ctx.pick("mindspore.ops.expand_dims", "mindspore.mint.unsqueeze"),
                            {seqOut}, {ctx.output(0)});
    e->callArgs.set(ctx.mint() ? "dim" : "axis", int64_t{1});
    return kConverted;
  }
  ValueId split = ctx.temp(dt, Shape::unknownRank(), "per_direction");
  const std::string reshape = ctx.pick("mindspore.ops.reshape", "mindspore.mint.reshape");
  const Shape& x = ctx.inputShape(0);
  const bool seqKnown = x.dims.size() == 3 && x.dims[0].isKnown();
  const bool batchKnown = x.dims.size() == 3 && x.dims[1].isKnown();
  if (seqKnown || batchKnown) {
    std::vector<int64_t> target = {seqKnown ? x.dims[0].value : -1, seqKnown ? -1 : x.dims[1].value,
                                   2, hidden};
    ctx.addNode(reshape, {seqOut}, {split})->callArgs.set("shape", target);
  } else {
    // Both seq and batch dynamic: target = concat(shape(output)[0:2], [2, hidden]).
    ValueId shape = ctx.temp(DType::Int64, Shape::ofDims({3}), "shape");
    ctx.addNode("mindspore.ops.dyn_shape", {seqOut}, {shape});
    ValueId lead = ctx.temp(DType::Int64, Shape::ofDims({2}), "seq_batch");
    NodeRef s = ctx.addNode("mindspore.ops.strided_slice", {shape}, {lead});
    s->callArgs.set("begin", std::vector<int64_t>{0});
    s->callArgs.set("end", std::vector<int64_t>{2});
    s->callArgs.set("strides", std::vector<int64_t>{1});
    ValueId tail = ctx.constant(
        Tensor::fromVector<int64_t>(DType::Int64, {2}, std::vector<int64_t>{2, hidden}),
        "dirs_hidden");
    ValueId target = ctx.temp(DType::Int64, Shape::ofDims({4}), "target");
    ctx.addNode(ctx.pick("mindspore.ops.concat", "mindspore.mint.cat"), {lead, tail}, {target})
        ->callArgs.set(ctx.mint() ? "dim" : "axis", int64_t{0});
    ctx.addNode(reshape, {seqOut, target}, {split});
  }
  NodeRef t = ctx.addNode(ctx.pick("mindspore.ops.transpose", "mindspore.mint.permute"), {split},
                          {ctx.output(0)});
  t->callArgs.set(ctx.mint() ? "dims" : "input_perm", std::vector<int64_t>{0, 2, 1, 3});
  return kConverted;
}

MB_CONVERTER("LSTM", 1, convertRecurrent);
MB_CONVERTER("GRU", 1, convertRecurrent);
MB_CONVERTER("RNN", 1, convertRecurrent);

}  // namespace
}  // namespace mb::convert::ops
