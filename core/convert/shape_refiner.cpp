#include "convert/shape_refiner.h"

#include <algorithm>
#include <set>
#include <string>

namespace mb::convert {
namespace {

bool rankKnown(const Shape& s) {
  return s.rankKnown || !s.dims.empty();
}

Shape unknownDims(size_t rank) {
  Shape s;
  s.rankKnown = true;
  s.dims.assign(rank, Dim{});
  return s;
}

const std::set<std::string>& sameShapeOps() {
  static const std::set<std::string> ops = {"Relu",
                                            "Sigmoid",
                                            "Tanh",
                                            "LeakyRelu",
                                            "Elu",
                                            "Selu",
                                            "Celu",
                                            "Softplus",
                                            "Softsign",
                                            "HardSigmoid",
                                            "HardSwish",
                                            "Mish",
                                            "Gelu",
                                            "PRelu",
                                            "Softmax",
                                            "LogSoftmax",
                                            "Clip",
                                            "Dropout",
                                            "Cast",
                                            "CastLike",
                                            "Identity",
                                            "Abs",
                                            "Neg",
                                            "Exp",
                                            "Log",
                                            "Sqrt",
                                            "Reciprocal",
                                            "Erf",
                                            "Floor",
                                            "Ceil",
                                            "Round",
                                            "Sign",
                                            "Sin",
                                            "Cos",
                                            "Tan",
                                            "Not",
                                            "IsNaN",
                                            "IsInf",
                                            "BatchNormalization",
                                            "InstanceNormalization",
                                            "LayerNormalization",
                                            "GroupNormalization",
                                            "LRN",
                                            "Trilu",
                                            "CumSum",
                                            "Shrink",
                                            "ThresholdedRelu"};
  return ops;
}

const std::set<std::string>& broadcastOps() {
  static const std::set<std::string> ops = {
      "Add",   "Sub",  "Mul",         "Div",     "Pow",
      "Mod",   "Max",  "Min",         "Sum",     "Mean",
      "Equal", "Less", "LessOrEqual", "Greater", "GreaterOrEqual",
      "And",   "Or",   "Xor",         "Where"};
  return ops;
}

}  // namespace

std::vector<Shape> refineShapes(const Graph& graph, const std::vector<NodeId>& order,
                                const std::vector<const Tensor*>& constants) {
  std::vector<Shape> shapes;
  shapes.reserve(graph.values.size());
  for (const auto& v : graph.values) shapes.push_back(v.shape);
  for (size_t v = 0; v < graph.values.size(); ++v)
    if (constants[v] && !rankKnown(shapes[v])) shapes[v] = Shape::ofDims(constants[v]->dims());
  auto in = [&](const Node& n, size_t i) -> const Shape* {
    return i < n.inputs.size() && n.inputs[i] != kNoValue
               ? &shapes[static_cast<size_t>(n.inputs[i])]
               : nullptr;
  };
  for (NodeId id : order) {
    const Node& n = graph.node(id);
    if (n.outputs.empty() || n.outputs[0] == kNoValue) continue;
    Shape& out = shapes[static_cast<size_t>(n.outputs[0])];
    // A Shape output's length is the input's rank even when the importer left it symbolic.
    if (n.opType == "Shape" && out.dims.size() == 1 && !out.dims[0].isKnown()) out = Shape();
    if (rankKnown(out)) continue;
    const Shape* x = in(n, 0);
    const std::string& op = n.opType;
    if (sameShapeOps().count(op)) {
      if (x && rankKnown(*x)) out = *x;
    } else if (broadcastOps().count(op)) {
      size_t rank = 0;
      bool all = true;
      for (size_t i = 0; i < n.inputs.size(); ++i) {
        const Shape* s = in(n, i);
        if (!s || !rankKnown(*s))
          all = false;
        else
          rank = std::max(rank, s->rank());
      }
      if (all) out = unknownDims(rank);
    } else if (op == "Shape") {
      if (x && rankKnown(*x)) {
        auto r = static_cast<int64_t>(x->rank());
        int64_t start = n.attrs.getInt("start", 0), end = n.attrs.getInt("end", r);
        if (start < 0) start += r;
        if (end < 0) end += r;
        out = Shape::ofDims({std::max<int64_t>(0, std::min(end, r) - std::max<int64_t>(0, start))});
      }
    } else if (op == "Reshape") {
      const Shape* target = in(n, 1);
      const Tensor* c = n.inputs.size() > 1 ? constants[static_cast<size_t>(n.inputs[1])] : nullptr;
      if (c) {
        out = unknownDims(static_cast<size_t>(c->numel()));
        auto values = c->toInt64Vector();
        for (size_t i = 0; i < values.size(); ++i) {
          if (values[i] > 0) out.dims[i] = Dim::known(values[i]);
          if (values[i] == 0 && x && i < x->dims.size()) out.dims[i] = x->dims[i];
        }
      } else if (target && target->dims.size() == 1 && target->dims[0].isKnown()) {
        out = unknownDims(static_cast<size_t>(target->dims[0].value));
      }
    } else if (op == "Gemm" || op == "Flatten") {
      out = unknownDims(2);
    } else if (op == "MatMul") {
      const Shape* y = in(n, 1);
      if (x && y && rankKnown(*x) && rankKnown(*y))
        out = unknownDims(std::max(x->rank(), y->rank()));
    } else if (op == "Transpose") {
      if (n.attrs.has("perm"))
        out = unknownDims(n.attrs.getInts("perm").size());
      else if (x && rankKnown(*x))
        out = unknownDims(x->rank());
    } else if (op == "Unsqueeze" || op == "Squeeze") {
      std::vector<int64_t> axes = n.attrs.getInts("axes");
      if (axes.empty() && n.inputs.size() > 1 && n.inputs[1] != kNoValue)
        if (const Tensor* c = constants[static_cast<size_t>(n.inputs[1])])
          axes = c->toInt64Vector();
      if (x && rankKnown(*x) && !axes.empty())
        out = unknownDims(op == "Unsqueeze" ? x->rank() + axes.size()
                                            : x->rank() - std::min(axes.size(), x->rank()));
    } else if (op == "Concat" || op == "Slice" || op == "Expand" || op == "Tile" || op == "Pad" ||
               op == "Resize" || op == "Conv" || op == "ConvTranspose" || op == "MaxPool" ||
               op == "AveragePool" || op == "GlobalAveragePool" || op == "GlobalMaxPool") {
      for (size_t i = 0; i < n.inputs.size() && !rankKnown(out); ++i)
        if (const Shape* s = in(n, i); s && rankKnown(*s)) out = unknownDims(s->rank());
      if (op == "Expand" && n.inputs.size() > 1) out = Shape();  // target may add dims: not safe
    } else if (op == "Gather") {
      const Shape* idx = in(n, 1);
      if (x && idx && rankKnown(*x) && rankKnown(*idx) && x->rank() >= 1)
        out = unknownDims(x->rank() + idx->rank() - 1);
    } else if (op.rfind("Reduce", 0) == 0 || op == "ArgMax" || op == "ArgMin") {
      if (x && rankKnown(*x) && n.attrs.getInt("keepdims", 1) != 0) out = unknownDims(x->rank());
    }
  }
  return shapes;
}

}  // namespace mb::convert
