// Linear algebra MindSpore APIs: nn.Dense (weight [out, in], has_bias default True, optional
// activation by name), mint.nn.Linear, ops.dense / mint.nn.functional.linear, ops.matmul /
// mint.matmul (numpy semantics), bmm, and the embedding lookups nn.Embedding (embedding_table) and
// mint.nn.Embedding (weight).
#include "exec/mindspore/ms_common.h"
#include "exec/primitives/elementwise.h"
#include "exec/primitives/matmul.h"

namespace mb::exec::ms {
namespace {

// y = x · Wᵀ + b over the last dim of x (any leading dims).
Expected<Tensor> linear(const KernelContext& ctx, const Tensor& x, const Tensor& w,
                        const Tensor* b) {
  if (w.rank() != 2)
    return ctx.fail(ErrorCode::ShapeMismatch,
                    "weight must be 2-D [out, in], got " + dimsToString(w.dims()));
  if (x.rank() < 1 || x.dims().back() != w.dims()[1])
    return ctx.fail(ErrorCode::ShapeMismatch,
                    "input " + dimsToString(x.dims()) + " does not end in " +
                        std::to_string(w.dims()[1]) + " features (weight " +
                        dimsToString(w.dims()) + ")");
  if (b && b->numel() != w.dims()[0])
    return ctx.fail(ErrorCode::ShapeMismatch, "bias has " + std::to_string(b->numel()) +
                                                  " values for " + std::to_string(w.dims()[0]) +
                                                  " outputs");
  const int64_t in = w.dims()[1], out = w.dims()[0];
  const int64_t rows = in == 0 ? 0 : x.numel() / in;
  Tensor bias2;
  if (b) bias2 = b->reshaped({out});
  auto y = nn::gemm(x.reshaped({rows, in}), w, b ? &bias2 : nullptr, false, true, 1.0f, 1.0f);
  if (!y) return y.error();
  std::vector<int64_t> dims(x.dims().begin(), x.dims().end() - 1);
  dims.push_back(out);
  return y->reshaped(dims);
}

// nn.Dense's `activation` names a Cell: 'relu', 'relu6', 'tanh', 'sigmoid', 'gelu' (nn.GELU,
// tanh-approximated), 'leakyrelu' (alpha 0.2), 'hswish', 'hsigmoid', 'silu', 'elu'.
Expected<Tensor> applyNamedActivation(const KernelContext& ctx, const std::string& name,
                                      const Tensor& y) {
  using prim::UnaryOp;
  if (name.empty()) return y;
  if (name == "relu") return prim::unary(UnaryOp::Relu, y);
  if (name == "relu6") return prim::unary(UnaryOp::Clip, y, {0, 6, 0});
  if (name == "tanh") return prim::unary(UnaryOp::Tanh, y);
  if (name == "sigmoid") return prim::unary(UnaryOp::Sigmoid, y);
  if (name == "gelu") return prim::unary(UnaryOp::GeluTanh, y);
  if (name == "leakyrelu") return prim::unary(UnaryOp::LeakyRelu, y, {0.2, 0, 0});
  if (name == "hswish") return prim::unary(UnaryOp::HardSwish, y);
  if (name == "hsigmoid") return prim::unary(UnaryOp::HardSigmoid, y, {1.0 / 6.0, 0.5, 0});
  if (name == "silu") return prim::unary(UnaryOp::Swish, y);
  if (name == "elu") return prim::unary(UnaryOp::Elu, y, {1.0, 0, 0});
  return ctx.fail(ErrorCode::UnsupportedOp,
                  "nn.Dense activation '" + name + "' is not supported by the executor");
}

Status nnDense(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx,
                       {"in_channels", "out_channels", "weight_init", "bias_init", "has_bias",
                        "activation", "dtype"},
                       {}));
  MB_TRY(needInputs(ctx, 1));
  MB_MS_TRY_ASSIGN(int64_t in, argInt(ctx, ArgSource::Ctor, "in_channels", -1));
  MB_MS_TRY_ASSIGN(int64_t out, argInt(ctx, ArgSource::Ctor, "out_channels", -1));
  MB_MS_TRY_ASSIGN(bool hasBias, argBool(ctx, ArgSource::Ctor, "has_bias", true));
  MB_MS_TRY_ASSIGN(std::string activation, argString(ctx, ArgSource::Ctor, "activation", ""));
  MB_MS_TRY_ASSIGN(const Tensor* w, requireParam(ctx, "weight"));
  if (w->dims() != std::vector<int64_t>{out, in})
    return ctx.fail(ErrorCode::ShapeMismatch,
                    "weight is " + dimsToString(w->dims()) + ", in_channels/out_channels say [" +
                        std::to_string(out) + ", " + std::to_string(in) + "]");
  const Tensor* b = param(ctx, "bias");
  if (hasBias && !b)
    return ctx.fail(ErrorCode::InvalidModel, "has_bias is True but the node binds no 'bias'");
  if (!hasBias && b)
    return ctx.fail(ErrorCode::InvalidModel,
                    "has_bias is False but the node binds a 'bias' that would be ignored");
  MB_MS_TRY_ASSIGN(Tensor y, linear(ctx, ctx.input(0), *w, b));
  return setOutput(ctx, applyNamedActivation(ctx, activation, y));
}

Status mintLinear(KernelContext& ctx) {
  MB_TRY(checkArgNames(
      ctx, {"in_features", "out_features", "bias", "weight_init", "bias_init", "dtype"}, {}));
  MB_TRY(needInputs(ctx, 1));
  MB_MS_TRY_ASSIGN(int64_t in, argInt(ctx, ArgSource::Ctor, "in_features", -1));
  MB_MS_TRY_ASSIGN(int64_t out, argInt(ctx, ArgSource::Ctor, "out_features", -1));
  MB_MS_TRY_ASSIGN(bool hasBias, argBool(ctx, ArgSource::Ctor, "bias", true));
  MB_MS_TRY_ASSIGN(const Tensor* w, requireParam(ctx, "weight"));
  if (w->dims() != std::vector<int64_t>{out, in})
    return ctx.fail(ErrorCode::ShapeMismatch,
                    "weight is " + dimsToString(w->dims()) + ", in_features/out_features say [" +
                        std::to_string(out) + ", " + std::to_string(in) + "]");
  const Tensor* b = param(ctx, "bias");
  if (hasBias && !b)
    return ctx.fail(ErrorCode::InvalidModel, "bias is True but the node binds no 'bias'");
  if (!hasBias && b)
    return ctx.fail(ErrorCode::InvalidModel,
                    "bias is False but the node binds a 'bias' that would be ignored");
  return setOutput(ctx, linear(ctx, ctx.input(0), *w, b));
}

// ops.dense(input, weight, bias=None) / mint.nn.functional.linear(input, weight, bias=None).
Status denseFn(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {}));
  MB_TRY(needInputs(ctx, 2));
  return setOutput(
      ctx, linear(ctx, ctx.input(0), ctx.input(1), ctx.hasInput(2) ? &ctx.input(2) : nullptr));
}

Status matmulFn(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {}));
  MB_TRY(needInputs(ctx, 2));
  return setOutput(ctx, nn::matmul(ctx.input(0), ctx.input(1)));
}
Status bmmFn(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx, {}, {}));
  MB_TRY(needInputs(ctx, 2));
  if (ctx.input(0).rank() != 3 || ctx.input(1).rank() != 3)
    return ctx.fail(ErrorCode::ShapeMismatch, "bmm needs two 3-D tensors");
  return setOutput(ctx, nn::matmul(ctx.input(0), ctx.input(1)));
}

// Row lookup; indices must lie in [0, vocab).
Expected<Tensor> lookup(const KernelContext& ctx, const Tensor& table, const Tensor& ids) {
  if (table.rank() != 2) return ctx.fail(ErrorCode::ShapeMismatch, "embedding table must be 2-D");
  const int64_t vocab = table.dims()[0], dim = table.dims()[1];
  std::vector<int64_t> dims = ids.dims();
  dims.push_back(dim);
  Tensor out = Tensor::zeros(table.dtype(), dims);
  const size_t rowBytes = static_cast<size_t>(dim) * dtypeSize(table.dtype());
  const auto idx = ids.toInt64Vector();
  for (size_t i = 0; i < idx.size(); ++i) {
    if (idx[i] < 0 || idx[i] >= vocab)
      return ctx.fail(ErrorCode::InvalidModel, "embedding index " + std::to_string(idx[i]) +
                                                   " is outside [0, " + std::to_string(vocab) +
                                                   ")");
    std::copy_n(table.bytes() + static_cast<size_t>(idx[i]) * rowBytes, rowBytes,
                out.mutableBytes() + i * rowBytes);
  }
  return out;
}
Status nnEmbedding(KernelContext& ctx) {
  MB_TRY(checkArgNames(
      ctx,
      {"vocab_size", "embedding_size", "use_one_hot", "embedding_table", "dtype", "padding_idx"},
      {}));
  MB_TRY(needInputs(ctx, 1));
  MB_MS_TRY_ASSIGN(const Tensor* table, requireParam(ctx, "embedding_table"));
  MB_MS_TRY_ASSIGN(int64_t vocab, argInt(ctx, ArgSource::Ctor, "vocab_size", table->dims()[0]));
  MB_MS_TRY_ASSIGN(int64_t size,
                   argInt(ctx, ArgSource::Ctor, "embedding_size", table->dims().back()));
  if (table->dims() != std::vector<int64_t>{vocab, size})
    return ctx.fail(ErrorCode::ShapeMismatch, "embedding_table is " + dimsToString(table->dims()) +
                                                  ", arguments say [" + std::to_string(vocab) +
                                                  ", " + std::to_string(size) + "]");
  return setOutput(ctx, lookup(ctx, *table, ctx.input(0)));
}
Status mintEmbedding(KernelContext& ctx) {
  MB_TRY(checkArgNames(ctx,
                       {"num_embeddings", "embedding_dim", "padding_idx", "max_norm", "norm_type",
                        "scale_grad_by_freq", "sparse", "_weight", "_freeze", "dtype"},
                       {}));
  MB_TRY(needInputs(ctx, 1));
  if (argGiven(ctx, ArgSource::Ctor, "max_norm"))
    return ctx.fail(ErrorCode::UnsupportedOp,
                    "Embedding max_norm (renormalising rows) is not supported");
  MB_MS_TRY_ASSIGN(const Tensor* table, requireParam(ctx, "weight"));
  MB_MS_TRY_ASSIGN(int64_t vocab, argInt(ctx, ArgSource::Ctor, "num_embeddings", table->dims()[0]));
  MB_MS_TRY_ASSIGN(int64_t size,
                   argInt(ctx, ArgSource::Ctor, "embedding_dim", table->dims().back()));
  if (table->dims() != std::vector<int64_t>{vocab, size})
    return ctx.fail(ErrorCode::ShapeMismatch, "weight is " + dimsToString(table->dims()) +
                                                  ", arguments say [" + std::to_string(vocab) +
                                                  ", " + std::to_string(size) + "]");
  return setOutput(ctx, lookup(ctx, *table, ctx.input(0)));
}

}  // namespace

MB_MINDSPORE_KERNEL("mindspore.nn.Dense", nnDense);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.Linear", mintLinear);
MB_MINDSPORE_KERNEL("mindspore.ops.dense", denseFn);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.functional.linear", denseFn);
MB_MINDSPORE_KERNEL("mindspore.ops.matmul", matmulFn);
MB_MINDSPORE_KERNEL("mindspore.mint.matmul", matmulFn);
MB_MINDSPORE_KERNEL("mindspore.ops.bmm", bmmFn);
MB_MINDSPORE_KERNEL("mindspore.mint.bmm", bmmFn);
MB_MINDSPORE_KERNEL("mindspore.nn.Embedding", nnEmbedding);
MB_MINDSPORE_KERNEL("mindspore.mint.nn.Embedding", mintEmbedding);

}  // namespace mb::exec::ms
