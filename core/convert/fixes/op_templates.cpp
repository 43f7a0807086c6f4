#include "convert/fixes/op_templates.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace mb::convert {
namespace {

// √(2/π) and 1/√2 as the decimal literals the programs use.
#define SQRT_2_OVER_PI "0.7978845608028654"
#define INV_SQRT_2 "0.7071067811865476"

const std::vector<OpTemplate> kTemplates = {
    {"HardSwish",
     "HardSwish",
     "y = x · relu6(x + 3) / 6",
     {"X"},
     {},
     {"a = Add(X, 3)", "b = Max(a, 0)", "r = Min(b, 6)", "m = Mul(X, r)", "Y = Div(m, 6)"}},
    {"HardSigmoid",
     "HardSigmoid",
     "y = max(0, min(1, alpha · x + beta))",
     {"X"},
     {{"alpha", 0.2}, {"beta", 0.5}},
     {"a = Mul(X, @alpha)", "b = Add(a, @beta)", "c = Max(b, 0)", "Y = Min(c, 1)"}},
    {"Mish",
     "Mish",
     "y = x · tanh(softplus(x))",
     {"X"},
     {},
     {"s = Softplus(X)", "t = Tanh(s)", "Y = Mul(X, t)"}},
    {"Gelu (erf)",
     "Gelu",
     "y = 0.5 · x · (1 + erf(x / √2))",
     {"X"},
     {},
     {"a = Mul(X, " INV_SQRT_2 ")", "e = Erf(a)", "b = Add(e, 1)", "m = Mul(X, b)",
      "Y = Mul(m, 0.5)"}},
    {"Gelu (tanh)",
     "Gelu",
     "y = 0.5 · x · (1 + tanh(√(2/π) · (x + 0.044715 · x³)))",
     {"X"},
     {},
     {"x2 = Mul(X, X)", "x3 = Mul(x2, X)", "c = Mul(x3, 0.044715)", "s = Add(X, c)",
      "k = Mul(s, " SQRT_2_OVER_PI ")", "t = Tanh(k)", "b = Add(t, 1)", "m = Mul(X, b)",
      "Y = Mul(m, 0.5)"}},
    {"FastGelu",
     "com.microsoft::FastGelu",
     "y = 0.5 · x · (1 + tanh(√(2/π) · (x + 0.044715 · x³))) (no bias input)",
     {"X"},
     {},
     {"x2 = Mul(X, X)", "x3 = Mul(x2, X)", "c = Mul(x3, 0.044715)", "s = Add(X, c)",
      "k = Mul(s, " SQRT_2_OVER_PI ")", "t = Tanh(k)", "b = Add(t, 1)", "m = Mul(X, b)",
      "Y = Mul(m, 0.5)"}},
    {"BiasGelu",
     "com.microsoft::BiasGelu",
     "y = gelu_erf(a + b)",
     {"A", "B"},
     {},
     {"x = Add(A, B)", "a = Mul(x, " INV_SQRT_2 ")", "e = Erf(a)", "b = Add(e, 1)", "m = Mul(x, b)",
      "Y = Mul(m, 0.5)"}},
    {"QuickGelu",
     "com.microsoft::QuickGelu",
     "y = x · sigmoid(alpha · x)",
     {"X"},
     {{"alpha", 1.702}},
     {"a = Mul(X, @alpha)", "s = Sigmoid(a)", "Y = Mul(X, s)"}},
    {"Swish",
     "Swish",
     "y = x · sigmoid(alpha · x) (SiLU when alpha = 1)",
     {"X"},
     {{"alpha", 1.0}},
     {"a = Mul(X, @alpha)", "s = Sigmoid(a)", "Y = Mul(X, s)"}},
    {"Softsign",
     "Softsign",
     "y = x / (1 + |x|)",
     {"X"},
     {},
     {"a = Abs(X)", "d = Add(a, 1)", "Y = Div(X, d)"}},
    {"LogSoftmax",
     "LogSoftmax",
     "y = log(softmax(x, axis))",
     {"X"},
     {},
     {"s = Softmax(X; axis=@axis?)", "Y = Log(s)"}},
    {"Celu",
     "Celu",
     "y = max(0, x) + min(0, alpha · (exp(x / alpha) − 1))",
     {"X"},
     {{"alpha", 1.0}},
     {"a = Div(X, @alpha)", "e = Exp(a)", "m = Sub(e, 1)", "s = Mul(m, @alpha)", "n = Min(s, 0)",
      "p = Max(X, 0)", "Y = Add(p, n)"}},
    {"Elu",
     "Elu",
     "y = max(0, x) + min(0, alpha · (exp(x) − 1))",
     {"X"},
     {{"alpha", 1.0}},
     {"e = Exp(X)", "m = Sub(e, 1)", "s = Mul(m, @alpha)", "n = Min(s, 0)", "p = Max(X, 0)",
      "Y = Add(p, n)"}},
    {"Selu",
     "Selu",
     "y = gamma · (max(0, x) + min(0, alpha · (exp(x) − 1)))",
     {"X"},
     {{"alpha", 1.67326319217681884765625}, {"gamma", 1.05070102214813232421875}},
     {"e = Exp(X)", "m = Sub(e, 1)", "s = Mul(m, @alpha)", "n = Min(s, 0)", "p = Max(X, 0)",
      "a = Add(p, n)", "Y = Mul(a, @gamma)"}},
    {"LeakyRelu",
     "LeakyRelu",
     "y = max(0, x) + alpha · min(0, x)",
     {"X"},
     {{"alpha", 0.01}},
     {"p = Max(X, 0)", "n = Min(X, 0)", "s = Mul(n, @alpha)", "Y = Add(p, s)"}},
    {"ThresholdedRelu",
     "ThresholdedRelu",
     "y = x if x > alpha else 0",
     {"X"},
     {{"alpha", 1.0}},
     {"c = Greater(X, @alpha)", "Y = Where(c, X, 0)"}},
    {"Shrink",
     "Shrink",
     "y = x + bias if x < −lambd; x − bias if x > lambd; else 0",
     {"X"},
     {{"bias", 0.0}, {"lambd", 0.5}},
     {"l = Neg(@lambd)", "lo = Less(X, l)", "hi = Greater(X, @lambd)", "a = Add(X, @bias)",
      "b = Sub(X, @bias)", "w = Where(hi, b, 0)", "Y = Where(lo, a, w)"}},
};

// ---- the program notation ----------------------------------------------------------------------

struct Step {
  std::string out, op;
  std::vector<std::string> args;
  std::vector<std::pair<std::string, std::string>> attrs;
};

std::string trim(std::string s) {
  while (!s.empty() && s.front() == ' ') s.erase(s.begin());
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

std::vector<std::string> splitList(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    std::string item =
        trim(text.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (!item.empty()) out.push_back(item);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

// The table is ours, so a malformed line is a programming error caught by the tests.
Step parseStep(const std::string& line) {
  Step s;
  size_t eq = line.find('='), open = line.find('('), close = line.rfind(')');
  s.out = trim(line.substr(0, eq));
  s.op = trim(line.substr(eq + 1, open - eq - 1));
  std::string inside = line.substr(open + 1, close - open - 1);
  size_t semi = inside.find(';');
  s.args = splitList(inside.substr(0, semi));
  if (semi != std::string::npos)
    for (const auto& kv : splitList(inside.substr(semi + 1))) {
      size_t e = kv.find('=');
      s.attrs.push_back({trim(kv.substr(0, e)), trim(kv.substr(e + 1))});
    }
  return s;
}

bool producesBool(const std::string& op) {
  return op == "Less" || op == "Greater" || op == "Equal" || op == "Not";
}

std::string bareOpType(const std::string& opType) {
  size_t sep = opType.find("::");
  return sep == std::string::npos ? opType : opType.substr(sep + 2);
}

Tensor scalarOf(DType dtype, double value) {
  if (dtype == DType::Float64) return Tensor::fromVector<double>(DType::Float64, {}, {value});
  if (dtype == DType::Float16)
    return Tensor::fromVector<uint16_t>(DType::Float16, {},
                                        {floatToHalf(static_cast<float>(value))});
  return Tensor::fromVector<float>(DType::Float32, {}, {static_cast<float>(value)});
}

class Expander {
 public:
  Expander(Graph& g, NodeId id, const OpTemplate& t, const AttributeList& attrs)
      : g_(g), id_(id), t_(t), attrs_(attrs), original_(g.node(id)) {}

  Status run(std::vector<NodeId>& appended) {
    const std::string where = "node '" + original_.name + "'";
    std::vector<ValueId> present;
    for (ValueId v : original_.inputs)
      if (v != kNoValue) present.push_back(v);
    if (present.size() < t_.inputs.size())
      return makeError(ErrorCode::InvalidArgument,
                       "template '" + t_.name + "' needs " + std::to_string(t_.inputs.size()) +
                           " input(s), the node has " + std::to_string(present.size()),
                       where);
    if (original_.outputs.empty() || original_.outputs[0] == kNoValue)
      return makeError(ErrorCode::InvalidArgument,
                       "template '" + t_.name + "' writes one output; the node has none", where);
    for (size_t o = 1; o < original_.outputs.size(); ++o)
      if (original_.outputs[o] != kNoValue && isUsed(original_.outputs[o]))
        return makeError(ErrorCode::InvalidArgument,
                         "template '" + t_.name + "' computes one output; the node's output " +
                             std::to_string(o) + " is used",
                         where);
    for (size_t i = 0; i < t_.inputs.size(); ++i) names_[t_.inputs[i]] = present[i];
    const Value& x = g_.value(present[0]);
    dtype_ = x.dtype;
    if (dtype_ != DType::Float32 && dtype_ != DType::Float64 && dtype_ != DType::Float16)
      return makeError(ErrorCode::TypeMismatch,
                       "template '" + t_.name + "' works on float16/32/64 tensors; input '" +
                           x.name + "' is " + std::string(dtypeName(dtype_)),
                       where);
    const ValueId y = original_.outputs[0];
    const Shape outShape = g_.value(y).shape;
    std::vector<Node> nodes;
    for (size_t k = 0; k < t_.program.size(); ++k) {
      Step step = parseStep(t_.program[k]);
      Node n;
      n.name = original_.name + "_" + step.out;
      n.opType = step.op;
      n.scope = original_.scope;
      for (const auto& arg : step.args) n.inputs.push_back(argument(arg, k));
      for (const auto& [attr, value] : step.attrs) {
        if (value.rfind('@', 0) == 0) {
          bool optional = value.back() == '?';
          std::string name = value.substr(1, value.size() - 1 - (optional ? 1 : 0));
          if (const Attribute* a = attrs_.find(name)) n.attrs.set(attr, *a);
        } else if (value.find('.') != std::string::npos) {
          n.attrs.set(attr, std::stod(value));
        } else {
          n.attrs.set(attr, static_cast<int64_t>(std::stoll(value)));
        }
      }
      if (step.out == "Y") {
        n.outputs.push_back(y);
      } else {
        Value v;
        v.name = uniqueName(original_.name + "_" + step.out);
        v.dtype = producesBool(step.op) ? DType::Bool : dtype_;
        v.shape = outShape;
        names_[step.out] = g_.addValue(std::move(v));
        n.outputs.push_back(names_[step.out]);
      }
      nodes.push_back(std::move(n));
    }
    for (size_t k = 0; k < nodes.size(); ++k) {
      if (k == 0) {
        g_.nodes[static_cast<size_t>(id_)] = std::move(nodes[0]);
        for (ValueId o : g_.node(id_).outputs) g_.value(o).producer = id_;
      } else {
        appended.push_back(g_.addNode(std::move(nodes[k])));
      }
    }
    return Status::ok();
  }

 private:
  bool isUsed(ValueId v) const {
    if (std::find(g_.outputs.begin(), g_.outputs.end(), v) != g_.outputs.end()) return true;
    for (const Node& n : g_.nodes)
      if (std::find(n.inputs.begin(), n.inputs.end(), v) != n.inputs.end()) return true;
    return false;
  }

  std::string uniqueName(const std::string& wanted) {
    std::string name = wanted;
    for (int k = 1; g_.findValue(name); ++k) name = wanted + "_" + std::to_string(k);
    return name;
  }

  ValueId argument(const std::string& arg, size_t step) {
    if (auto it = names_.find(arg); it != names_.end()) return it->second;
    double value = 0;
    if (arg.rfind('@', 0) == 0) {
      const std::string attr = arg.substr(1);
      value = attrs_.getFloat(attr, 0);
      for (const auto& [name, fallback] : t_.attributes)
        if (name == attr) value = attrs_.getFloat(attr, fallback);
    } else {
      value = std::stod(arg);
    }
    Value c;
    c.name = uniqueName(original_.name + "_c" + std::to_string(step) + "_" +
                        std::to_string(constants_++));
    c.dtype = dtype_;
    c.initializer = scalarOf(dtype_, value);
    return g_.addValue(std::move(c));
  }

  Graph& g_;
  NodeId id_;
  const OpTemplate& t_;
  const AttributeList& attrs_;
  const Node original_;
  DType dtype_ = DType::Float32;
  std::map<std::string, ValueId> names_;
  int constants_ = 0;
};

}  // namespace

const std::vector<OpTemplate>& opTemplates() {
  return kTemplates;
}

const OpTemplate* findTemplate(const std::string& name) {
  for (const auto& t : kTemplates)
    if (t.name == name) return &t;
  return nullptr;
}

std::vector<const OpTemplate*> templatesFor(const std::string& opType) {
  std::vector<const OpTemplate*> out;
  for (const auto& t : kTemplates)
    if (t.fixes == opType) out.push_back(&t);
  for (const auto& t : kTemplates)
    if (t.fixes != opType && bareOpType(t.fixes) == bareOpType(opType)) out.push_back(&t);
  return out;
}

Expected<TemplateExpansion> expandTemplateFixes(const Graph& source,
                                                const ConvertOptions& options) {
  TemplateExpansion result{source, {}};
  Graph& g = result.graph;
  if (g.opsetVersion("") < 9 && g.opsetImports.count("")) {
    for (const auto& [name, fix] : options.fixes)
      if (fix.kind == FixKind::Template)
        return makeError(ErrorCode::InvalidArgument,
                         "template fixes need ONNX opset 9 or newer; the model has opset " +
                             std::to_string(g.opsetVersion("")),
                         "node '" + name + "'");
  }
  if (!g.opsetImports.count("")) g.opsetImports[""] = 13;
  for (const auto& [name, fix] : options.fixes) {
    if (fix.kind != FixKind::Template) continue;
    auto id = source.findNode(name);
    if (!id)
      return makeError(ErrorCode::InvalidArgument, "a fix names a node the model does not have",
                       "node '" + name + "'");
    const OpTemplate* t = findTemplate(fix.templateName);
    if (!t)
      return makeError(ErrorCode::InvalidArgument, "unknown template '" + fix.templateName + "'",
                       "node '" + name + "'");
    AttributeList attrs = source.node(*id).attrs;
    if (auto o = options.overrides.find(name); o != options.overrides.end()) {
      for (const auto& item : o->second.attributes.items()) attrs.set(item.name, item.value);
      for (const auto& a : o->second.removeAttributes) attrs.erase(a);
    }
    std::vector<NodeId> appended;
    MB_TRY(Expander(g, *id, *t, attrs).run(appended));
    result.owners.insert(result.owners.end(), appended.size(), *id);
  }
  g.reindex();
  return result;
}

}  // namespace mb::convert
