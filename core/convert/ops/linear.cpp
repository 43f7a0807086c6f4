// MatMul and Gemm. A constant 2-D right operand is a Linear layer: nn.Dense / mint.nn.Linear with
// the weight in torch layout [out, in] (ONNX MatMul holds [in, out]: transposed and recorded).
// Otherwise ops.matmul / mint.matmul (batched, broadcasting — the same as ONNX MatMul).
#include <cstring>

#include "convert/constant_folder.h"
#include "convert/ops/linear.h"
#include "convert/ops/op_helpers.h"

namespace mb::convert::ops {

// torch exports x @ W.T either as MatMul(x, Transpose(W)) (training export, W named like the
// state_dict) or as MatMul(x, W.T folded) (eval export). The first keeps W itself unchanged.
LinearWeight linearWeightFromMatMulOperand(const ConvertContext& ctx, ValueId b) {
  LinearWeight out;
  const Tensor* t = ctx.constantOf(b);
  if (!t || t->rank() != 2 || !isFloating(t->dtype())) return out;
  const Graph& src = ctx.source();
  NodeId producer = src.value(b).producer;
  if (producer != kNoNode) {
    const Node& p = src.node(producer);
    if (p.opType == "Transpose" && p.inputs.size() == 1 &&
        p.attrs.getInts("perm", {1, 0}) == std::vector<int64_t>{1, 0}) {
      if (const Tensor* w = ctx.constantOf(p.inputs[0]);
          w && !ctx.initializerNamesOf(p.inputs[0]).empty()) {
        out.weight = *w;
        out.sources = ctx.initializerNamesOf(p.inputs[0]);
        out.ok = true;
        return out;
      }
    }
  }
  out.weight = transposeTensor(*t, {1, 0});
  out.sources = ctx.initializerNamesOf(b);
  out.transform = "transposed [in, out] → [out, in]";
  out.ok = true;
  return out;
}

std::string linearHint(const std::vector<std::string>& sources) {
  // "encoder.layers.0.self_attn.in_proj_weight" → "in_proj"; onnx::MatMul_12 → "" (op name used).
  if (sources.size() != 1) return {};
  const std::string& s = sources.front();
  if (s.rfind("onnx::", 0) == 0) return {};
  std::string tail = s.substr(s.rfind('.') == std::string::npos ? 0 : s.rfind('.') + 1);
  const std::string suffix = "_weight";
  if (tail.size() > suffix.size() &&
      tail.compare(tail.size() - suffix.size(), suffix.size(), suffix) == 0)
    return tail.substr(0, tail.size() - suffix.size());
  return {};
}

NodeRef emitLinear(ConvertContext& ctx, ValueId input, ValueId output, const LinearWeight& w,
                   const Tensor* bias, const std::vector<std::string>& biasSources,
                   const std::string& biasTransform) {
  NodeRef cell =
      ctx.addNode(ctx.pick("mindspore.nn.Dense", "mindspore.mint.nn.Linear"), {input}, {output});
  cell->attrs.set(ctx.mint() ? "in_features" : "in_channels", w.weight.dims()[1]);
  cell->attrs.set(ctx.mint() ? "out_features" : "out_channels", w.weight.dims()[0]);
  cell->attrs.set(ctx.mint() ? "bias" : "has_bias", bias != nullptr);
  ctx.param(cell, "weight", w.weight, w.sources, w.transform);
  if (bias) ctx.param(cell, "bias", *bias, biasSources, biasTransform);
  if (std::string hint = linearHint(w.sources); !hint.empty()) ctx.cellHint(cell, hint);
  return cell;
}

namespace {

ConvertStatus convertMatMul(ConvertContext& ctx) {
  if (ctx.inputRank(0) >= 1) {
    LinearWeight w = linearWeightFromMatMulOperand(ctx, ctx.sourceInput(1));
    if (w.ok && !ctx.constantInput(0)) {
      emitLinear(ctx, ctx.input(0), ctx.output(0), w, nullptr, {}, {});
      return kConverted;
    }
  }
  emitUnary(ctx, ctx.pick("mindspore.ops.matmul", "mindspore.mint.matmul"),
            {ctx.input(0), ctx.input(1)});
  return kConverted;
}

ConvertStatus convertGemm(ConvertContext& ctx) {
  const Tensor* b = ctx.constantInput(1);
  if (!b || b->rank() != 2)
    return ctx.unconverted("Gemm with a computed B (not a Linear layer)", {"mindspore.ops.addmm"});
  const double alpha = ctx.attrs().getFloat("alpha", 1.0), beta = ctx.attrs().getFloat("beta", 1.0);
  const bool transA = ctx.attrs().getInt("transA", 0) != 0,
             transB = ctx.attrs().getInt("transB", 0) != 0;
  LinearWeight w;
  w.ok = true;
  w.sources = ctx.initializerNames(1);
  w.weight = transB ? *b : transposeTensor(*b, {1, 0});
  if (!transB) w.transform = "transposed [in, out] → [out, in]";
  if (alpha != 1.0) {
    w.weight = scaleTensor(w.weight, alpha);
    w.transform +=
        std::string(w.transform.empty() ? "" : "; ") + "scaled by alpha " + std::to_string(alpha);
  }
  const int64_t outFeatures = w.weight.dims()[0];
  // C: a per-output vector (or scalar) folds into the bias; a full [M, N] matrix is added after.
  const Tensor* c = ctx.hasInput(2) ? ctx.constantInput(2) : nullptr;
  if (ctx.hasInput(2) && !c)
    return ctx.unconverted("Gemm with a computed C", {"mindspore.ops.addmm"});
  std::optional<Tensor> bias;
  std::string biasTransform;
  bool addAfter = false;
  if (c && beta != 0.0) {
    if (c->numel() == outFeatures && (c->rank() == 1 || (c->rank() == 2 && c->dims()[0] == 1))) {
      bias = c->reshaped({outFeatures});
      if (c->rank() != 1) biasTransform = "reshaped [1, N] → [N]";
    } else if (c->numel() == 1) {
      Tensor full = Tensor::zeros(c->dtype(), {outFeatures});
      const size_t elem = dtypeSize(c->dtype());
      for (int64_t i = 0; i < outFeatures; ++i)
        std::memcpy(full.mutableBytes() + static_cast<size_t>(i) * elem, c->bytes(), elem);
      bias = full;
      biasTransform = "scalar broadcast to [N]";
    } else {
      addAfter = true;
    }
    if (bias && beta != 1.0) {
      bias = scaleTensor(*bias, beta);
      biasTransform +=
          std::string(biasTransform.empty() ? "" : "; ") + "scaled by beta " + std::to_string(beta);
    }
  }
  ValueId a = ctx.input(0);
  if (transA) {
    ValueId at = ctx.temp(ctx.inputDType(0), Shape::unknownRank(), "a_t");
    NodeRef t =
        ctx.addNode(ctx.pick("mindspore.ops.transpose", "mindspore.mint.permute"), {a}, {at});
    t->callArgs.set(ctx.mint() ? "dims" : "input_perm", std::vector<int64_t>{1, 0});
    a = at;
  }
  ValueId y =
      addAfter ? ctx.temp(ctx.outputValue(0).dtype, ctx.outputShape(0), "gemm") : ctx.output(0);
  emitLinear(ctx, a, y, w, bias ? &*bias : nullptr, ctx.initializerNames(2), biasTransform);
  if (addAfter) {
    ValueId cv = ctx.constant(beta == 1.0 ? *c : scaleTensor(*c, beta), "c");
    ctx.addNode(ctx.pick("mindspore.ops.add", "mindspore.mint.add"), {y, cv}, {ctx.output(0)});
  }
  return kConverted;
}

MB_CONVERTER("MatMul", 1, convertMatMul);
MB_CONVERTER("Gemm", 1, convertGemm);

}  // namespace
}  // namespace mb::convert::ops
