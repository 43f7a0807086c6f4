#include "passes/constant_folding.h"

#include <algorithm>
#include <set>

#include "exec/kernel.h"

namespace mb::passes {
namespace {

bool hasSubgraph(const Node& node) {
  for (const auto& item : node.attrs.items())
    if (item.value.is<std::shared_ptr<Graph>>() ||
        item.value.is<std::vector<std::shared_ptr<Graph>>>())
      return true;
  return false;
}

bool neverFold(const Node& node) {
  static const std::set<std::string> ops{
      "RandomNormal", "RandomUniform", "RandomNormalLike", "RandomUniformLike",
      "Multinomial",  "Bernoulli",     "Dropout"};
  return !node.domain.empty() ? false : ops.count(node.opType) > 0;
}

// The value of a Constant node, from whichever value_* attribute it carries.
std::optional<Tensor> constantValue(const Node& node) {
  const auto& a = node.attrs;
  if (auto* t = a.find("value"); t && t->is<Tensor>()) return t->as<Tensor>();
  if (auto* f = a.find("value_float"); f && f->is<double>())
    return Tensor::scalarFloat(static_cast<float>(f->as<double>()));
  if (auto* i = a.find("value_int"); i && i->is<int64_t>())
    return Tensor::scalarInt64(i->as<int64_t>());
  if (auto* fs = a.find("value_floats"); fs && fs->is<std::vector<double>>()) {
    std::vector<float> v(fs->as<std::vector<double>>().begin(),
                         fs->as<std::vector<double>>().end());
    return Tensor::fromVector(DType::Float32, {static_cast<int64_t>(v.size())}, v);
  }
  if (auto* is = a.find("value_ints"); is && is->is<std::vector<int64_t>>()) {
    const auto& v = is->as<std::vector<int64_t>>();
    return Tensor::fromVector(DType::Int64, {static_cast<int64_t>(v.size())}, v);
  }
  if (auto* s = a.find("value_string"); s && s->is<std::string>())
    return Tensor::strings({}, {s->as<std::string>()});
  if (auto* ss = a.find("value_strings"); ss && ss->is<std::vector<std::string>>())
    return Tensor::strings({static_cast<int64_t>(ss->as<std::vector<std::string>>().size())},
                           ss->as<std::vector<std::string>>());
  return std::nullopt;
}

// Shape (with opset-15 start/end) and Size of a value whose shape is fully known.
std::optional<Tensor> shapeValue(const Graph& graph, const Node& node) {
  if (node.inputs.empty() || node.inputs[0] == kNoValue) return std::nullopt;
  const Value& in = graph.value(node.inputs[0]);
  auto dims = in.initializer ? std::optional(in.initializer->dims()) : in.shape.concrete();
  if (!dims) return std::nullopt;
  if (node.opType == "Size") return Tensor::scalarInt64(checkedNumel(*dims));
  auto rank = static_cast<int64_t>(dims->size());
  auto clampAxis = [&](int64_t axis) {
    return std::clamp(axis < 0 ? axis + rank : axis, int64_t{0}, rank);
  };
  int64_t start = clampAxis(node.attrs.getInt("start", 0));
  int64_t end = clampAxis(node.attrs.getInt("end", rank));
  std::vector<int64_t> slice;
  for (int64_t i = start; i < end; ++i) slice.push_back((*dims)[static_cast<size_t>(i)]);
  return Tensor::fromVector(DType::Int64, {static_cast<int64_t>(slice.size())}, slice);
}

// Shape chains compute on a handful of numbers; weights are bigger.
bool isShapeSized(const Tensor& t) {
  return t.numel() <= 64;
}

// Reshape whose target shape just became constant: its output shape follows.
bool refineReshape(Graph& graph, const Node& node) {
  if (node.opType != "Reshape" || node.inputs.size() < 2 || node.outputs.empty()) return false;
  const Value& shapeInput = graph.value(node.inputs[1]);
  Value& out = graph.value(node.outputs[0]);
  if (!shapeInput.initializer || out.shape.isFullyKnown()) return false;
  auto data = graph.value(node.inputs[0]).shape.concrete();
  if (!data) return false;
  std::vector<int64_t> target = shapeInput.initializer->toInt64Vector();
  bool allowZero = node.attrs.getInt("allowzero", 0) != 0;
  int64_t known = 1, inferAt = -1;
  for (size_t i = 0; i < target.size(); ++i) {
    if (target[i] == 0 && !allowZero) {
      if (i >= data->size()) return false;
      target[i] = (*data)[i];
    }
    if (target[i] == -1) {
      if (inferAt >= 0) return false;
      inferAt = static_cast<int64_t>(i);
    } else if (target[i] < 0) {
      return false;
    } else {
      known *= target[i];
    }
  }
  int64_t total = checkedNumel(*data);
  if (inferAt >= 0) {
    if (known == 0 || total % known != 0) return false;
    target[static_cast<size_t>(inferAt)] = total / known;
  } else if (known != total) {
    return false;
  }
  out.shape = Shape::ofDims(target);
  return true;
}

// Slice whose starts/ends/axes/steps just became constant (opset >= 10 takes them as inputs).
bool refineSlice(Graph& graph, const Node& node) {
  if (node.opType != "Slice" || node.inputs.size() < 3 || node.outputs.empty()) return false;
  Value& out = graph.value(node.outputs[0]);
  auto data = graph.value(node.inputs[0]).shape.concrete();
  if (out.shape.isFullyKnown() || !data) return false;
  bool allConstant = true;
  auto constant = [&](size_t i) -> std::optional<std::vector<int64_t>> {
    if (i >= node.inputs.size() || node.inputs[i] == kNoValue) return std::nullopt;
    const Value& v = graph.value(node.inputs[i]);
    if (!v.initializer) {
      allConstant = false;
      return std::nullopt;
    }
    return v.initializer->toInt64Vector();
  };
  auto starts = constant(1), ends = constant(2), axes = constant(3), steps = constant(4);
  if (!allConstant || !starts || !ends || starts->size() != ends->size() || starts->empty())
    return false;
  if ((axes && axes->size() != starts->size()) || (steps && steps->size() != starts->size()))
    return false;
  auto rank = static_cast<int64_t>(data->size());
  std::vector<int64_t> dims = *data;
  for (size_t i = 0; i < starts->size(); ++i) {
    int64_t axis = axes ? (*axes)[i] : static_cast<int64_t>(i);
    if (axis < 0) axis += rank;
    int64_t step = steps ? (*steps)[i] : 1;
    if (axis < 0 || axis >= rank || step == 0) return false;
    int64_t d = (*data)[static_cast<size_t>(axis)];
    int64_t start = (*starts)[i], end = (*ends)[i];
    if (start < 0) start += d;
    if (end < 0) end += d;
    int64_t length = 0;
    if (step > 0) {
      start = std::clamp<int64_t>(start, 0, d);
      end = std::clamp<int64_t>(end, 0, d);
      length = end > start ? (end - start + step - 1) / step : 0;
    } else {
      start = std::clamp<int64_t>(start, 0, d - 1);
      end = std::clamp<int64_t>(end, -1, d - 1);
      length = start > end ? (start - end - step - 1) / -step : 0;
    }
    dims[static_cast<size_t>(axis)] = length;
  }
  out.shape = Shape::ofDims(dims);
  return true;
}

// Drops folded nodes and the constants only they read, renumbering ids.
void compact(Graph& graph, const std::vector<bool>& folded) {
  std::vector<bool> touched(graph.values.size(), false);
  for (size_t n = 0; n < graph.nodes.size(); ++n) {
    if (!folded[n]) continue;
    for (ValueId v : graph.nodes[n].inputs)
      if (v != kNoValue) touched[static_cast<size_t>(v)] = true;
    for (ValueId v : graph.nodes[n].outputs)
      if (v != kNoValue) touched[static_cast<size_t>(v)] = true;
  }
  std::vector<NodeId> nodeMap(graph.nodes.size(), kNoNode);
  std::vector<Node> nodes;
  for (size_t n = 0; n < graph.nodes.size(); ++n) {
    if (folded[n]) continue;
    nodeMap[n] = static_cast<NodeId>(nodes.size());
    nodes.push_back(std::move(graph.nodes[n]));
  }
  graph.nodes = std::move(nodes);
  std::vector<bool> used(graph.values.size(), false);
  for (const auto& node : graph.nodes) {
    for (ValueId v : node.inputs)
      if (v != kNoValue) used[static_cast<size_t>(v)] = true;
    for (ValueId v : node.outputs)
      if (v != kNoValue) used[static_cast<size_t>(v)] = true;
    for (const auto& p : node.params)
      if (p.value != kNoValue) used[static_cast<size_t>(p.value)] = true;
  }
  for (ValueId v : graph.inputs) used[static_cast<size_t>(v)] = true;
  for (ValueId v : graph.outputs) used[static_cast<size_t>(v)] = true;
  std::vector<ValueId> valueMap(graph.values.size(), kNoValue);
  std::vector<Value> values;
  for (size_t v = 0; v < graph.values.size(); ++v) {
    if (touched[v] && !used[v]) continue;
    valueMap[v] = static_cast<ValueId>(values.size());
    Value value = std::move(graph.values[v]);
    value.producer =
        value.producer == kNoNode ? kNoNode : nodeMap[static_cast<size_t>(value.producer)];
    values.push_back(std::move(value));
  }
  graph.values = std::move(values);
  auto remap = [&](ValueId& id) {
    if (id != kNoValue) id = valueMap[static_cast<size_t>(id)];
  };
  for (auto& node : graph.nodes) {
    for (auto& v : node.inputs) remap(v);
    for (auto& v : node.outputs) remap(v);
    for (auto& p : node.params) remap(p.value);
  }
  for (auto& v : graph.inputs) remap(v);
  for (auto& v : graph.outputs) remap(v);
  graph.reindex();
}

}  // namespace

Expected<FoldReport> foldConstants(Graph& graph, const FoldOptions& options) {
  auto order = graph.topologicalOrder();
  if (!order) return order.error();
  FoldReport report;
  std::vector<bool> folded(graph.nodes.size(), false);
  for (NodeId id : *order) {
    Node& node = graph.node(id);
    if (hasSubgraph(node) || neverFold(node)) continue;
    std::vector<Tensor> results;
    if (node.domain.empty() && node.opType == "Constant") {
      auto value = constantValue(node);
      if (!value) continue;
      results.push_back(std::move(*value));
    } else if (node.domain.empty() && (node.opType == "Shape" || node.opType == "Size")) {
      auto value = shapeValue(graph, node);
      if (!value) continue;
      results.push_back(std::move(*value));
    } else {
      bool allConstant = !node.inputs.empty();
      std::vector<const Tensor*> inputs;
      for (ValueId in : node.inputs) {
        if (in == kNoValue) {
          inputs.push_back(nullptr);
          continue;
        }
        const Value& v = graph.value(in);
        if (!v.initializer) {
          allConstant = false;
          break;
        }
        if (options.shapeChainsOnly && !isShapeSized(*v.initializer)) allConstant = false;
        inputs.push_back(&*v.initializer);
      }
      if (!allConstant) continue;
      auto kernel = exec::findOnnxKernel(node.domain, node.opType, graph.opsetVersion(node.domain));
      if (!kernel) {
        ++report
              .missingKernels[node.domain.empty() ? node.opType : node.domain + "::" + node.opType];
        continue;
      }
      exec::KernelContext ctx{graph, node,   graph.opsetVersion(node.domain), inputs, {},
                              {},    nullptr};
      ctx.outputs.resize(node.outputs.size());
      Status status = kernel(ctx);
      if (!status) return status.error();
      results = std::move(ctx.outputs);
    }
    uint64_t bytes = 0;
    for (const auto& t : results) bytes += t.nbytes();
    bool isConstant =
        node.domain.empty() && node.opType == "Constant";  // its tensor exists already
    if ((bytes > options.maxFoldedBytes && !isConstant) || results.size() < node.outputs.size())
      continue;
    for (size_t i = 0; i < node.outputs.size(); ++i) {
      if (node.outputs[i] == kNoValue) continue;
      if (results[i].empty())
        return makeError(ErrorCode::Internal, "kernel left an output unset",
                         "node '" + node.name + "' (" + node.opType + ")");
      Value& out = graph.value(node.outputs[i]);
      out.dtype = results[i].dtype();
      out.shape = Shape::ofDims(results[i].dims());
      out.initializer = std::move(results[i]);
      out.producer = kNoNode;
    }
    folded[static_cast<size_t>(id)] = true;
    ++report.foldedNodes;
    ++report.foldedByOp[node.domain.empty() ? node.opType : node.domain + "::" + node.opType];
  }
  for (NodeId id : *order)
    if (!folded[static_cast<size_t>(id)] &&
        (refineSlice(graph, graph.node(id)) || refineReshape(graph, graph.node(id))))
      ++report.shapesRefined;
  compact(graph, folded);
  return report;
}

}  // namespace mb::passes
