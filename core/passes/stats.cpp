#include "passes/stats.h"

#include <set>

#include "passes/scopes.h"

namespace mb::passes {
namespace {

std::optional<std::vector<int64_t>> dimsOf(const Graph& graph, ValueId id) {
  if (id == kNoValue) return std::nullopt;
  const Value& v = graph.value(id);
  if (v.initializer) return v.initializer->dims();
  return v.shape.concrete();
}

uint64_t product(const std::vector<int64_t>& dims, size_t from = 0, size_t to = SIZE_MAX) {
  uint64_t p = 1;
  for (size_t i = from; i < dims.size() && i < to; ++i) p *= static_cast<uint64_t>(dims[i]);
  return p;
}

const std::set<std::string>& elementwiseOps() {
  static const std::set<std::string> ops{"Add",
                                         "Sub",
                                         "Mul",
                                         "Div",
                                         "Pow",
                                         "Sqrt",
                                         "Exp",
                                         "Log",
                                         "Neg",
                                         "Abs",
                                         "Relu",
                                         "LeakyRelu",
                                         "PRelu",
                                         "Elu",
                                         "Selu",
                                         "Sigmoid",
                                         "HardSigmoid",
                                         "Tanh",
                                         "Clip",
                                         "Erf",
                                         "Gelu",
                                         "HardSwish",
                                         "Softplus",
                                         "Reciprocal",
                                         "Min",
                                         "Max",
                                         "Sum",
                                         "Mean",
                                         "Where",
                                         "Equal",
                                         "Less",
                                         "Greater",
                                         "Not",
                                         "And",
                                         "Or",
                                         "Softmax",
                                         "LogSoftmax",
                                         "ReduceMean",
                                         "ReduceSum",
                                         "ReduceMax",
                                         "LayerNormalization",
                                         "InstanceNormalization"};
  return ops;
}

}  // namespace

std::optional<uint64_t> nodeFlops(const Graph& graph, const Node& node) {
  const std::string& op = node.opType;
  if (!node.domain.empty()) return std::nullopt;
  auto in = [&](size_t i) {
    return i < node.inputs.size() ? dimsOf(graph, node.inputs[i]) : std::nullopt;
  };
  auto out = [&](size_t i) {
    return i < node.outputs.size() ? dimsOf(graph, node.outputs[i]) : std::nullopt;
  };
  if (op == "Conv") {
    auto w = in(1), y = out(0);
    if (!w || !y || w->size() < 2 || y->size() < 2) return std::nullopt;
    // Each output element: (Cin/group) * kernel multiply-adds = product of W's dims after dim 0.
    return 2 * product(*y) * product(*w, 1);
  }
  if (op == "ConvTranspose") {
    auto x = in(0), w = in(1);
    if (!x || !w || x->size() < 2 || w->size() < 2) return std::nullopt;
    // Each input element scatters into (Cout/group) * kernel outputs; W is [Cin, Cout/group, k...].
    return 2 * product(*x) * product(*w, 1);
  }
  if (op == "Gemm") {
    auto a = in(0), y = out(0);
    if (!a || !y || a->size() != 2 || y->size() != 2) return std::nullopt;
    uint64_t k = static_cast<uint64_t>(node.attrs.getInt("transA", 0) ? (*a)[0] : (*a)[1]);
    return 2 * product(*y) * k;
  }
  if (op == "MatMul") {
    auto a = in(0), y = out(0);
    if (!a || !y || a->empty()) return std::nullopt;
    return 2 * product(*y) * static_cast<uint64_t>(a->back());
  }
  if (op == "LSTM" || op == "GRU" || op == "RNN") {
    auto x = in(0), w = in(1), r = in(2);
    if (!x || !w || !r || x->size() != 3 || w->size() != 3 || r->size() != 3) return std::nullopt;
    // Per step and direction: gates × hidden × (input + hidden) multiply-adds; W is [dirs, gates*H,
    // I].
    uint64_t steps = static_cast<uint64_t>((*x)[0] * (*x)[1]);
    return 2 * steps * static_cast<uint64_t>((*w)[0]) * static_cast<uint64_t>((*w)[1]) *
           static_cast<uint64_t>((*w)[2] + (*r)[2]);
  }
  if (op == "BatchNormalization") {
    auto y = out(0);
    return y ? std::optional<uint64_t>(2 * product(*y)) : std::nullopt;
  }
  if (op == "MaxPool" || op == "AveragePool") {
    auto y = out(0);
    if (!y) return std::nullopt;
    return product(*y) * product(node.attrs.getInts("kernel_shape", {1}));
  }
  if (op == "GlobalAveragePool" || op == "GlobalMaxPool") {
    auto x = in(0);
    return x ? std::optional<uint64_t>(product(*x)) : std::nullopt;
  }
  if (elementwiseOps().count(op)) {
    auto y = out(0);
    return y ? std::optional<uint64_t>(product(*y)) : std::nullopt;
  }
  return uint64_t{0};  // data movement (Reshape, Concat, Gather, …) and shape ops
}

ModelStats computeStats(const Graph& graph) {
  ModelStats stats;
  stats.nodes = graph.nodes.size();
  for (const auto& v : graph.values) {
    if (!v.initializer || v.producer != kNoNode) continue;
    ++stats.initializers;
    stats.parameterCount += static_cast<uint64_t>(v.initializer->numel());
    stats.parameterBytes += v.initializer->nbytes();
  }
  for (const auto& node : graph.nodes) {
    std::string key = node.domain.empty() ? node.opType : node.domain + "::" + node.opType;
    ++stats.opHistogram[key];
    auto flops = nodeFlops(graph, node);
    if (!flops) {
      ++stats.flopsUnknownNodes;
      continue;
    }
    stats.flops += *flops;
    if (*flops) stats.flopsByOp[key] += *flops;
  }
  stats.scopeDepth = scopeDepth(graph);
  return stats;
}

}  // namespace mb::passes
