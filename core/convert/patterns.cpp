#include "convert/patterns.h"

#include <cmath>

#include "convert/convert_context.h"
#include "convert/ops/linear.h"
#include "convert/ops/op_helpers.h"

namespace mb::convert {
namespace {

// Read-only view of the source graph for matching.
class Matcher {
 public:
  explicit Matcher(const ConvertState& st) : st_(st), g_(st.source) {}

  const Node* producer(ValueId v) const {
    if (v == kNoValue) return nullptr;
    NodeId p = g_.value(v).producer;
    return p == kNoNode ? nullptr : &g_.node(p);
  }
  NodeId producerId(ValueId v) const { return v == kNoValue ? kNoNode : g_.value(v).producer; }
  // The single node reading v (and v is not a graph output), else null.
  const Node* soleConsumer(ValueId v) const {
    const auto& users = st_.consumers[static_cast<size_t>(v)];
    if (users.size() != 1 || st_.isGraphOutput[static_cast<size_t>(v)]) return nullptr;
    return &g_.node(users[0]);
  }
  NodeId idOf(const Node* n) const { return static_cast<NodeId>(n - g_.nodes.data()); }
  const Tensor* constant(ValueId v) const {
    return v == kNoValue ? nullptr : st_.constants[static_cast<size_t>(v)];
  }
  bool scalarNear(ValueId v, double want, double tol) const {
    const Tensor* t = constant(v);
    return t && t->numel() == 1 && isFloating(t->dtype()) &&
           std::fabs(t->elementAsDouble(0) - want) <= tol;
  }
  bool isOp(const Node* n, const char* op) const {
    return n && n->opType == op && (n->domain.empty() || n->domain == "ai.onnx") &&
           !st_.foldedNode[static_cast<size_t>(idOf(n))];
  }
  // For a binary node with `known` as one operand, the other operand (kNoValue if neither).
  static ValueId other(const Node* n, ValueId known) {
    if (n->inputs.size() != 2) return kNoValue;
    if (n->inputs[0] == known) return n->inputs[1];
    if (n->inputs[1] == known) return n->inputs[0];
    return kNoValue;
  }
  const Graph& graph() const { return g_; }
  const Shape& shape(ValueId v) const { return st_.shapes[static_cast<size_t>(v)]; }
  const std::vector<NodeId>& consumers(ValueId v) const {
    return st_.consumers[static_cast<size_t>(v)];
  }

 private:
  const ConvertState& st_;
  const Graph& g_;
};

// ---- converters for the groups --------------------------------------------------------------

ConvertStatus convertGeluGroup(ConvertContext& ctx) {
  const FusedGroup& g = *ctx.group();
  NodeRef n = ctx.addNode(ctx.pick("mindspore.nn.GELU", "mindspore.mint.nn.GELU"),
                          {ctx.map(g.inputs[0])}, {ctx.output(0)});
  if (ctx.mint())
    n->attrs.set("approximate", std::string("none"));
  else
    n->attrs.set("approximate", false);  // nn.GELU defaults to the tanh approximation
  return kConverted;
}

ConvertStatus convertLayerNormGroup(ConvertContext& ctx) {
  const FusedGroup& g = *ctx.group();
  const int64_t k = g.attrs.getInt("normalized_dims", 1);
  const Tensor* gamma =
      g.inputs.size() > 1 && g.inputs[1] != kNoValue ? ctx.constantOf(g.inputs[1]) : nullptr;
  const Tensor* beta =
      g.inputs.size() > 2 && g.inputs[2] != kNoValue ? ctx.constantOf(g.inputs[2]) : nullptr;
  std::vector<int64_t> normalized;
  const Shape& xs = ctx.shapeOf(g.inputs[0]);
  if (gamma && gamma->rank() == k) {
    normalized = gamma->dims();  // γ has exactly the normalised shape
  } else if (xs.dims.size() >= static_cast<size_t>(k)) {
    for (size_t i = xs.dims.size() - static_cast<size_t>(k); i < xs.dims.size(); ++i) {
      if (!xs.dims[i].isKnown()) return ctx.unconverted("LayerNorm over dims of unknown size");
      normalized.push_back(xs.dims[i].value);
    }
  } else {
    return ctx.unconverted("LayerNorm over dims of unknown size");
  }
  auto fit = [&](const Tensor* t, float fill) {
    if (t && t->numel() == checkedNumel(normalized)) return t->reshaped(normalized);
    Tensor out = Tensor::zeros(DType::Float32, normalized);
    for (int64_t i = 0; i < out.numel(); ++i)
      out.mutableData<float>()[i] = t ? t->toFloatVector()[0] : fill;
    return out;
  };
  std::vector<std::string> gammaNames, betaNames;
  if (gamma) gammaNames = ctx.initializerNamesOf(g.inputs[1]);
  if (beta) betaNames = ctx.initializerNamesOf(g.inputs[2]);
  const double eps = ops::shortestFloat32(g.attrs.getFloat("epsilon", 1e-5));
  const bool exact = gamma && gamma->numel() == checkedNumel(normalized);
  if (ctx.mint()) {
    NodeRef cell =
        ctx.addNode("mindspore.mint.nn.LayerNorm", {ctx.map(g.inputs[0])}, {ctx.output(0)});
    cell->attrs.set("normalized_shape", normalized);
    cell->attrs.set("eps", eps);
    if (!beta) cell->attrs.set("bias", false);
    ctx.param(cell, "weight", fit(gamma, 1.0f), gammaNames,
              exact ? "" : "broadcast to normalized_shape");
    if (beta)
      ctx.param(cell, "bias", fit(beta, 0.0f), betaNames,
                beta->numel() == checkedNumel(normalized) ? "" : "broadcast to normalized_shape");
    return kConverted;
  }
  NodeRef cell = ctx.addNode("mindspore.nn.LayerNorm", {ctx.map(g.inputs[0])}, {ctx.output(0)});
  cell->attrs.set("normalized_shape", normalized);
  cell->attrs.set("begin_norm_axis", -k);
  cell->attrs.set("begin_params_axis", -k);
  cell->attrs.set("epsilon", eps);
  ctx.param(cell, "gamma", fit(gamma, 1.0f), gammaNames,
            gamma ? (exact ? "" : "broadcast to normalized_shape") : "not in the ONNX model: ones",
            "weight");
  ctx.param(cell, "beta", fit(beta, 0.0f), betaNames, beta ? "" : "not in the ONNX model: zeros",
            "bias");
  return kConverted;
}

ConvertStatus convertLinearGroup(ConvertContext& ctx) {
  const FusedGroup& g = *ctx.group();
  ops::LinearWeight w = ops::linearWeightFromMatMulOperand(ctx, g.inputs[1]);
  const Tensor* bias = ctx.constantOf(g.inputs[2]);
  if (!w.ok || !bias) return ctx.unconverted("MatMul + Add is not a Linear layer");
  std::vector<std::string> biasNames;
  biasNames = ctx.initializerNamesOf(g.inputs[2]);
  Tensor b = bias->reshaped({bias->numel()});
  ops::emitLinear(ctx, ctx.map(g.inputs[0]), ctx.output(0), w, &b, biasNames,
                  bias->rank() == 1 ? "" : "reshaped " + dimsToString(bias->dims()) + " → [N]");
  return kConverted;
}

ConvertStatus convertGroupNormGroup(ConvertContext& ctx) {
  const FusedGroup& g = *ctx.group();
  const int64_t groups = g.attrs.getInt("num_groups", 0),
                channels = g.attrs.getInt("num_channels", 0);
  auto param = [&](ValueId v, float fill, std::string& transform, std::vector<std::string>& names) {
    const Tensor* t = v == kNoValue ? nullptr : ctx.constantOf(v);
    if (t) {
      names = ctx.initializerNamesOf(v);
      if (t->rank() != 1)
        transform = "reshaped " + dimsToString(t->dims()) + " → [" + std::to_string(channels) + "]";
      return t->reshaped({channels});
    }
    transform = "not in the ONNX model";
    Tensor out = Tensor::zeros(DType::Float32, {channels});
    for (int64_t i = 0; i < channels; ++i) out.mutableData<float>()[i] = fill;
    return out;
  };
  std::string gammaTransform, betaTransform;
  std::vector<std::string> gammaNames, betaNames;
  Tensor gamma = param(g.inputs[1], 1.0f, gammaTransform, gammaNames);
  Tensor beta = param(g.inputs[2], 0.0f, betaTransform, betaNames);
  NodeRef cell = ctx.addNode(ctx.pick("mindspore.nn.GroupNorm", "mindspore.mint.nn.GroupNorm"),
                             {ctx.map(g.inputs[0])}, {ctx.output(0)});
  cell->attrs.set("num_groups", groups);
  cell->attrs.set("num_channels", channels);
  cell->attrs.set("eps", ops::shortestFloat32(g.attrs.getFloat("epsilon", 1e-5)));
  ctx.param(cell, ctx.mint() ? "weight" : "gamma", gamma, gammaNames, gammaTransform, "weight");
  ctx.param(cell, ctx.mint() ? "bias" : "beta", beta, betaNames, betaTransform, "bias");
  return kConverted;
}

// ---- matchers ------------------------------------------------------------------------------

// x · 0.5 · (1 + erf(x / √2)), in the two orders PyTorch exports.
bool matchGelu(const Matcher& m, const Node& erf, FusedGroup& out) {
  const Node* div = m.producer(erf.inputs[0]);
  ValueId x = kNoValue;
  if (m.isOp(div, "Div") && m.scalarNear(div->inputs[1], std::sqrt(2.0), 1e-4)) x = div->inputs[0];
  if (m.isOp(div, "Mul") && m.scalarNear(div->inputs[1], std::sqrt(0.5), 1e-4)) x = div->inputs[0];
  if (x == kNoValue || m.soleConsumer(div->outputs[0]) != &erf) return false;
  const Node* add = m.soleConsumer(erf.outputs[0]);
  if (!m.isOp(add, "Add") || !m.scalarNear(Matcher::other(add, erf.outputs[0]), 1.0, 1e-6))
    return false;
  const Node* mul = m.soleConsumer(add->outputs[0]);
  if (!m.isOp(mul, "Mul")) return false;
  ValueId partner = Matcher::other(mul, add->outputs[0]);
  std::vector<const Node*> members = {div, &erf, add, mul};
  const Node* anchor = nullptr;
  if (partner == x) {  // (x · (1 + erf)) · 0.5
    const Node* half = m.soleConsumer(mul->outputs[0]);
    if (!m.isOp(half, "Mul") || !m.scalarNear(Matcher::other(half, mul->outputs[0]), 0.5, 1e-6))
      return false;
    members.push_back(half);
    anchor = half;
  } else {  // (x · 0.5) · (1 + erf)
    const Node* half = m.producer(partner);
    if (!m.isOp(half, "Mul") || m.soleConsumer(partner) != mul) return false;
    ValueId hx = Matcher::other(half, x);
    if (hx == kNoValue || !m.scalarNear(hx, 0.5, 1e-6)) return false;
    members.push_back(half);
    anchor = mul;
  }
  out.label = "Gelu";
  out.anchor = m.idOf(anchor);
  for (const Node* n : members) out.members.push_back(m.idOf(n));
  out.inputs = {x};
  out.fn = convertGeluGroup;
  return true;
}

bool trailingAxes(const std::vector<int64_t>& axes, int64_t rank, int64_t& count) {
  std::vector<int64_t> sorted;
  for (int64_t a : axes) {
    if (a >= 0) {
      if (rank < 0) return false;
      a -= rank;
    }
    sorted.push_back(a);
  }
  std::sort(sorted.begin(), sorted.end());
  for (size_t i = 0; i < sorted.size(); ++i)
    if (sorted[i] != -static_cast<int64_t>(sorted.size()) + static_cast<int64_t>(i)) return false;
  count = static_cast<int64_t>(sorted.size());
  return count > 0;
}

std::vector<int64_t> reduceAxes(const Matcher& m, const Node& n) {
  if (n.attrs.has("axes")) return n.attrs.getInts("axes");
  if (n.inputs.size() > 1)
    if (const Tensor* t = m.constant(n.inputs[1])) return t->toInt64Vector();
  return {};
}

// (x − mean) / sqrt(mean((x − mean)²) + eps) [· γ] [+ β] over trailing axes.
bool matchLayerNorm(const Matcher& m, const Node& mean, FusedGroup& out) {
  if (mean.attrs.getInt("keepdims", 1) == 0) return false;
  ValueId x = mean.inputs[0];
  const Shape& xs = m.shape(x);
  int64_t k = 0;
  if (!trailingAxes(reduceAxes(m, mean),
                    xs.rankKnown || !xs.dims.empty() ? static_cast<int64_t>(xs.rank()) : -1, k))
    return false;
  const Node* sub = m.soleConsumer(mean.outputs[0]);
  if (!m.isOp(sub, "Sub") || sub->inputs[0] != x || sub->inputs[1] != mean.outputs[0]) return false;
  const Node *pow = nullptr, *div = nullptr;
  for (NodeId u : m.consumers(sub->outputs[0])) {
    const Node* n = &m.graph().node(u);
    if (m.isOp(n, "Pow") && n->inputs[0] == sub->outputs[0] &&
        m.scalarNear(n->inputs[1], 2.0, 1e-6))
      pow = n;
    else if (m.isOp(n, "Div") && n->inputs[0] == sub->outputs[0])
      div = n;
    else
      return false;
  }
  if (!pow || !div) return false;
  const Node* var = m.soleConsumer(pow->outputs[0]);
  int64_t k2 = 0;
  if (!m.isOp(var, "ReduceMean") ||
      !trailingAxes(reduceAxes(m, *var), xs.rankKnown ? static_cast<int64_t>(xs.rank()) : -1, k2) ||
      k2 != k)
    return false;
  const Node* addEps = m.soleConsumer(var->outputs[0]);
  if (!m.isOp(addEps, "Add")) return false;
  const Tensor* eps = m.constant(Matcher::other(addEps, var->outputs[0]));
  if (!eps || eps->numel() != 1) return false;
  const Node* sqrt = m.soleConsumer(addEps->outputs[0]);
  if (!m.isOp(sqrt, "Sqrt") || m.soleConsumer(sqrt->outputs[0]) != div ||
      div->inputs[1] != sqrt->outputs[0])
    return false;
  std::vector<const Node*> members = {&mean, sub, pow, var, addEps, sqrt, div};
  const Node* anchor = div;
  ValueId gamma = kNoValue, beta = kNoValue;
  if (const Node* mul = m.soleConsumer(div->outputs[0]);
      m.isOp(mul, "Mul") && m.constant(Matcher::other(mul, div->outputs[0]))) {
    gamma = Matcher::other(mul, div->outputs[0]);
    members.push_back(mul);
    anchor = mul;
    if (const Node* add = m.soleConsumer(mul->outputs[0]);
        m.isOp(add, "Add") && m.constant(Matcher::other(add, mul->outputs[0]))) {
      beta = Matcher::other(add, mul->outputs[0]);
      members.push_back(add);
      anchor = add;
    }
  }
  out.label = "LayerNorm";
  out.anchor = m.idOf(anchor);
  for (const Node* n : members) out.members.push_back(m.idOf(n));
  out.inputs = {x, gamma, beta};
  out.attrs.set("epsilon", eps->elementAsDouble(0));
  out.attrs.set("normalized_dims", k);
  out.fn = convertLayerNormGroup;
  return true;
}

// torch's group_norm: Reshape(x, [0, G, -1]) → InstanceNormalization(ones, zeros) →
// Reshape(·, Shape(x)) [→ Mul(γ) → Add(β)].
bool matchGroupNorm(const Matcher& m, const Node& inorm, FusedGroup& out) {
  const Node* r1 = m.producer(inorm.inputs[0]);
  if (!m.isOp(r1, "Reshape") || m.soleConsumer(r1->outputs[0]) != &inorm) return false;
  const Tensor* scale = m.constant(inorm.inputs[1]);
  const Tensor* bias = m.constant(inorm.inputs[2]);
  if (!scale || !bias || scale->numel() != bias->numel()) return false;
  for (float v : scale->toFloatVector())
    if (v != 1.0f) return false;
  for (float v : bias->toFloatVector())
    if (v != 0.0f) return false;
  const int64_t groups = scale->numel();
  ValueId x = r1->inputs[0];
  const Node* r2 = m.soleConsumer(inorm.outputs[0]);
  if (!m.isOp(r2, "Reshape")) return false;
  const Node* shape = m.producer(r2->inputs[1]);
  if (!m.isOp(shape, "Shape") || shape->inputs[0] != x) return false;
  std::vector<const Node*> members = {r1, &inorm, r2};
  if (m.soleConsumer(shape->outputs[0]) == r2) members.push_back(shape);
  const Node* anchor = r2;
  ValueId gamma = kNoValue, beta = kNoValue;
  if (const Node* mul = m.soleConsumer(r2->outputs[0]);
      m.isOp(mul, "Mul") && m.constant(Matcher::other(mul, r2->outputs[0]))) {
    gamma = Matcher::other(mul, r2->outputs[0]);
    members.push_back(mul);
    anchor = mul;
    if (const Node* add = m.soleConsumer(mul->outputs[0]);
        m.isOp(add, "Add") && m.constant(Matcher::other(add, mul->outputs[0]))) {
      beta = Matcher::other(add, mul->outputs[0]);
      members.push_back(add);
      anchor = add;
    }
  }
  int64_t channels = gamma != kNoValue ? m.constant(gamma)->numel() : -1;
  const Shape& xs = m.shape(x);
  if (channels < 0 && xs.dims.size() >= 2 && xs.dims[1].isKnown()) channels = xs.dims[1].value;
  if (channels <= 0 || channels % groups != 0) return false;
  if (beta != kNoValue && m.constant(beta)->numel() != channels) return false;
  out.label = "GroupNorm";
  out.anchor = m.idOf(anchor);
  for (const Node* n : members) out.members.push_back(m.idOf(n));
  out.inputs = {x, gamma, beta};
  out.attrs.set("num_groups", groups);
  out.attrs.set("num_channels", channels);
  out.attrs.set("epsilon", inorm.attrs.getFloat("epsilon", 1e-5));
  out.fn = convertGroupNormGroup;
  return true;
}

// MatMul(x, W constant 2-D) + b constant → one Linear layer.
bool matchLinear(const Matcher& m, const Node& matmul, FusedGroup& out) {
  if (matmul.inputs.size() != 2 || m.constant(matmul.inputs[0])) return false;
  const Tensor* w = m.constant(matmul.inputs[1]);
  if (!w || w->rank() != 2 || !isFloating(w->dtype())) return false;
  const Node* add = m.soleConsumer(matmul.outputs[0]);
  if (!m.isOp(add, "Add")) return false;
  ValueId b = Matcher::other(add, matmul.outputs[0]);
  const Tensor* bias = m.constant(b);
  if (!bias || bias->numel() != w->dims()[1] ||
      (bias->rank() > 1 && bias->dims().back() != bias->numel()))
    return false;
  out.label = "Linear";
  out.anchor = m.idOf(add);
  out.members = {m.idOf(&matmul), m.idOf(add)};
  out.inputs = {matmul.inputs[0], matmul.inputs[1], b};
  out.fn = convertLinearGroup;
  return true;
}

}  // namespace

std::vector<FusedGroup> findFusedGroups(const ConvertState& state) {
  Matcher m(state);
  std::vector<FusedGroup> groups;
  std::vector<bool> taken(state.source.nodes.size(), false);
  auto accept = [&](FusedGroup&& g) {
    for (NodeId n : g.members)
      if (taken[static_cast<size_t>(n)]) return;
    for (NodeId n : g.members) taken[static_cast<size_t>(n)] = true;
    groups.push_back(std::move(g));
  };
  for (const Node& node : state.source.nodes) {
    if (!m.isOp(&node, node.opType.c_str())) continue;
    FusedGroup g;
    if (node.opType == "Erf" && matchGelu(m, node, g))
      accept(std::move(g));
    else if (node.opType == "ReduceMean" && matchLayerNorm(m, node, g))
      accept(std::move(g));
    else if (node.opType == "InstanceNormalization" && matchGroupNorm(m, node, g))
      accept(std::move(g));
  }
  for (const Node& node : state.source.nodes) {
    FusedGroup g;
    if (m.isOp(&node, "MatMul") && !taken[static_cast<size_t>(m.idOf(&node))] &&
        matchLinear(m, node, g))
      accept(std::move(g));
  }
  return groups;
}

}  // namespace mb::convert
