#include "emit/model_py_printer.h"

#include <algorithm>
#include <functional>
#include <queue>
#include <set>
#include <sstream>
#include <unordered_map>

#include "emit/py_text.h"
#include "ir/fix_marks.h"

namespace mb::emitter {
namespace {

// ---- small helpers ---------------------------------------------------------------------------

std::vector<std::string> splitDots(const std::string& path) {
  std::vector<std::string> parts;
  if (path.empty()) return parts;
  size_t start = 0;
  while (true) {
    size_t dot = path.find('.', start);
    parts.push_back(path.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return parts;
}

std::string lastComponent(const std::string& dotted) {
  size_t dot = dotted.rfind('.');
  return dot == std::string::npos ? dotted : dotted.substr(dot + 1);
}

bool isNumeric(const std::string& s) {
  return !s.empty() && s.size() < 10 && std::all_of(s.begin(), s.end(), ::isdigit);
}

// Cells and Primitives are constructed in __init__ and called in construct(); functions are called.
bool isCellLike(const Node& node) {
  if (node.unconverted) return true;
  const std::string last = lastComponent(node.opType);
  return !last.empty() && std::isupper(static_cast<unsigned char>(last[0]));
}

// "mindspore.nn.Conv2d" → ("nn.Conv2d", "nn"); "mindspore.Tensor" → ("mindspore.Tensor", "").
std::pair<std::string, std::string> apiReference(const std::string& opType) {
  const std::string prefix = "mindspore.";
  if (opType.rfind(prefix, 0) != 0) return {opType, ""};
  std::string rest = opType.substr(prefix.size());
  size_t dot = rest.find('.');
  if (dot == std::string::npos) return {opType, ""};
  return {rest, rest.substr(0, dot)};
}

// Functions whose first argument is a sequence of tensors.
bool takesTensorSequence(const std::string& opType) {
  static const std::set<std::string> names = {
      "concat", "cat",      "stack",       "hstack",       "vstack",    "dstack",
      "addn",   "meshgrid", "concatenate", "column_stack", "block_diag"};
  return names.count(lastComponent(opType)) > 0;
}

// Functions whose arguments after the first are shapes or permutations (tuples in MindSpore).
bool takesShapeArguments(const std::string& opType) {
  static const std::set<std::string> names = {"reshape", "tile",      "broadcast_to", "expand",
                                              "permute", "transpose", "view",         "repeat",
                                              "zeros",   "ones",      "full"};
  return names.count(lastComponent(opType)) > 0;
}

// Attribute names Cell itself uses; a child with such a name goes through insert_child_to_cell.
bool isReservedCellAttr(const std::string& name) {
  static const std::set<std::string> reserved = {"training",
                                                 "construct",
                                                 "cells",
                                                 "parameters_dict",
                                                 "phase",
                                                 "bprop_debug",
                                                 "param_prefix",
                                                 "cls_name",
                                                 "insert_child_to_cell",
                                                 "set_train",
                                                 "to_float",
                                                 "update_parameters_name",
                                                 "name_cells",
                                                 "trainable_params",
                                                 "get_parameters",
                                                 "requires_grad",
                                                 "message",
                                                 "self",
                                                 "scope",
                                                 "parameter_layout_dict",
                                                 "compile",
                                                 "recompute"};
  return reserved.count(name) > 0 || name.rfind("_", 0) == 0;
}

std::string slotMarker(int index) {
  return "\x01" + std::to_string(index) + "\x02";
}

// ---- the Cell tree ---------------------------------------------------------------------------

enum class CellKind { Leaf, Class, Sequential, List, Holder };

struct TreeNode {
  std::string attr;  // attribute name inside the parent ("conv1", "0")
  std::string path;  // dotted path from the top Cell ("layer1.0.conv1")
  int parent = -1;
  std::vector<int> children;
  std::map<std::string, int> childByAttr;
  std::vector<NodeId> leafNodes;  // calls of this Cell (several when a Cell is reused)
  std::vector<NodeId> ownOps;     // function nodes called in this Cell's construct()
  CellKind kind = CellKind::Class;
  int pre = 0, post = 0;
  std::vector<ValueId> inputs, outputs;
  int classId = -1;
};

// ---- templates: one per Class instance, compared to find repeated blocks ---------------------

struct Slot {
  std::string value;  // Python literal
  std::string owner;  // hint for a parameter name: the child or call it belongs to
  std::string arg;    // hint: the argument name
};

struct Expr {
  enum Kind { Api, Class, Sequential, List, Identity, Unconverted } kind = Api;
  std::string api;                                  // "nn.Conv2d"
  std::vector<std::pair<std::string, int>> kwargs;  // argument → slot
  int classId = -1;
  std::vector<int> classSlots;  // Class: one enclosing slot per slot of the nested class
  std::vector<Expr> elements;
};

struct InitStmt {
  std::string attr;
  Expr expr;
  std::string rawText;  // constants: the full right-hand side (no slots)
};

struct ConstructStmt {
  std::string text;           // may contain slot markers
  std::vector<NodeId> nodes;  // nodes this statement calls (for report locations)
};

struct Template {
  std::string key;
  bool holder = false;
  std::vector<InitStmt> init;
  std::vector<ConstructStmt> construct;
  std::vector<std::string> inputs;
  std::vector<Slot> slots;
  std::set<std::string> imports;
  std::vector<std::pair<std::string, ValueId>> constants;  // attribute → constant value
};

struct ParamGroup {
  std::string name;
  int rep = -1;  // representative slot
};

struct ClassDef {
  std::string key;
  std::string name;
  std::vector<int> instances;       // tree nodes
  std::vector<Template> templates;  // one per instance, same key
  std::vector<ParamGroup> groups;
  std::vector<int> slotGroup;  // slot → group or -1
  int depth = 0;
};

class Printer {
 public:
  Printer(const Graph& graph, const ModelPyOptions& options) : g_(graph), options_(options) {}

  Expected<ModelPyResult> run();

 private:
  const Graph& g_;
  const ModelPyOptions& options_;
  ModelPyResult result_;
  std::vector<TreeNode> tree_;
  std::vector<int> treeOf_;  // node → tree node
  std::vector<int> topoIndex_;
  std::vector<NodeId> topo_;
  std::vector<std::vector<NodeId>> consumers_;
  std::set<ValueId> graphOutputs_;
  std::vector<ClassDef> classes_;
  std::map<std::string, int> classByKey_;
  std::vector<Template> templates_;  // per tree node (Class/Holder kinds)
  bool usesUnconverted_ = false;
  std::map<std::string, std::string> snippets_;  // class name → user code, printed as written
  std::set<std::string> imports_;  // "nn", "ops", "mint", "mindspore", "Parameter", "Tensor"

  int ensurePath(const std::string& path);
  void buildTree();
  void numberTree(int t, int& counter);
  bool inSubtree(int t, NodeId n) const {
    const int x = tree_[static_cast<size_t>(treeOf_[static_cast<size_t>(n)])].pre;
    return tree_[static_cast<size_t>(t)].pre <= x && x <= tree_[static_cast<size_t>(t)].post;
  }
  bool isConstant(ValueId v) const {
    const Value& value = g_.value(v);
    return value.initializer.has_value() && value.producer == kNoNode;
  }
  void computeBoundary(int t);
  bool contractible(int t) const;
  void decideKinds(int t);
  bool isChain(int t) const;
  Expr childExpr(int child, Template& tmpl, const std::string& ownerHint);
  void buildTemplate(int t);
  void phase2();
  std::string renderSlot(const ClassDef& cls, int slot) const;
  std::string renderExpr(const ClassDef& cls, const Expr& expr);
  std::string unconvertedMessage(const Node& node) const;
  std::string className(const ClassDef& cls, std::set<std::string>& used) const;
  void collectCheckpoint(int t);
  std::string render();
};

int Printer::ensurePath(const std::string& path) {
  int current = 0;
  std::string soFar;
  for (const auto& part : splitDots(path)) {
    soFar = soFar.empty() ? part : soFar + "." + part;
    auto& node = tree_[static_cast<size_t>(current)];
    auto it = node.childByAttr.find(part);
    if (it != node.childByAttr.end()) {
      current = it->second;
      continue;
    }
    TreeNode child;
    child.attr = part;
    child.path = soFar;
    child.parent = current;
    tree_.push_back(child);
    const int id = static_cast<int>(tree_.size()) - 1;
    tree_[static_cast<size_t>(current)].children.push_back(id);
    tree_[static_cast<size_t>(current)].childByAttr[part] = id;
    current = id;
  }
  return current;
}

void Printer::buildTree() {
  tree_.assign(1, TreeNode{});
  treeOf_.assign(g_.nodes.size(), 0);
  for (NodeId n : topo_) {
    const Node& node = g_.node(n);
    if (isCellLike(node)) {
      std::string path = node.scope;
      if (node.unconverted) {
        const std::string own =
            pyIdentifier(snakeCase(node.name.empty() ? node.opType : node.name));
        if (path.empty()) {
          path = own;
        } else if (lastComponent(path) != node.name) {
          path += "." + own;
        }
      } else if (path.empty()) {
        path = pyIdentifier(node.name.empty() ? snakeCase(lastComponent(node.opType)) : node.name);
      }
      int t = ensurePath(path);
      if (!tree_[static_cast<size_t>(t)].children.empty()) {
        // A Cell path that also holds other Cells: keep the node as its own child so both fit.
        result_.warnings.push_back("scope '" + path + "' is both a Cell and a parent of Cells");
        t = ensurePath(path + "." + pyIdentifier(snakeCase(lastComponent(node.opType))));
      }
      tree_[static_cast<size_t>(t)].leafNodes.push_back(n);
      treeOf_[static_cast<size_t>(n)] = t;
    } else {
      const int t = ensurePath(node.scope);
      tree_[static_cast<size_t>(t)].ownOps.push_back(n);
      treeOf_[static_cast<size_t>(n)] = t;
    }
  }
  // A leaf that later gained children (its path is a prefix of another Cell's): move the calls.
  for (size_t t = 1; t < tree_.size(); ++t) {
    if (tree_[t].leafNodes.empty() || tree_[t].children.empty()) continue;
    auto calls = tree_[t].leafNodes;
    tree_[t].leafNodes.clear();
    result_.warnings.push_back("scope '" + tree_[t].path +
                               "' is both a Cell and a parent of Cells");
    const std::string sub =
        tree_[t].path + "." + snakeCase(lastComponent(g_.node(calls[0]).opType));
    const int moved = ensurePath(sub);
    for (NodeId n : calls) {
      tree_[static_cast<size_t>(moved)].leafNodes.push_back(n);
      treeOf_[static_cast<size_t>(n)] = moved;
    }
  }
  // Children in a stable order: numeric ones by value, then first use.
  for (auto& node : tree_) {
    std::stable_sort(node.children.begin(), node.children.end(), [&](int a, int b) {
      const auto& x = tree_[static_cast<size_t>(a)].attr;
      const auto& y = tree_[static_cast<size_t>(b)].attr;
      if (isNumeric(x) && isNumeric(y)) return std::stoll(x) < std::stoll(y);
      return false;
    });
  }
  int counter = 0;
  numberTree(0, counter);
}

void Printer::numberTree(int t, int& counter) {
  tree_[static_cast<size_t>(t)].pre = counter++;
  for (int c : tree_[static_cast<size_t>(t)].children) numberTree(c, counter);
  tree_[static_cast<size_t>(t)].post = counter - 1;
}

void Printer::computeBoundary(int t) {
  auto& node = tree_[static_cast<size_t>(t)];
  std::set<ValueId> seenIn, seenOut;
  for (NodeId n : topo_) {
    if (!inSubtree(t, n)) continue;
    for (ValueId v : g_.node(n).inputs) {
      if (v == kNoValue || isConstant(v) || seenIn.count(v)) continue;
      const NodeId producer = g_.value(v).producer;
      if (producer == kNoNode || !inSubtree(t, producer)) {
        seenIn.insert(v);
        node.inputs.push_back(v);
      }
    }
    for (ValueId v : g_.node(n).outputs) {
      if (v == kNoValue) continue;
      bool escapes = graphOutputs_.count(v) > 0;
      for (NodeId c : consumers_[static_cast<size_t>(v)]) escapes = escapes || !inSubtree(t, c);
      if (escapes && seenOut.insert(v).second) node.outputs.push_back(v);
    }
  }
}

// A sub-tree can become one call only if no path leaves it and comes back in.
bool Printer::contractible(int t) const {
  std::vector<char> visited(g_.nodes.size(), 0);
  std::queue<NodeId> work;
  for (ValueId v : tree_[static_cast<size_t>(t)].outputs)
    for (NodeId c : consumers_[static_cast<size_t>(v)])
      if (!inSubtree(t, c) && !visited[static_cast<size_t>(c)]) {
        visited[static_cast<size_t>(c)] = 1;
        work.push(c);
      }
  while (!work.empty()) {
    NodeId n = work.front();
    work.pop();
    for (ValueId v : g_.node(n).outputs) {
      if (v == kNoValue) continue;
      for (NodeId c : consumers_[static_cast<size_t>(v)]) {
        if (inSubtree(t, c)) return false;
        if (!visited[static_cast<size_t>(c)]) {
          visited[static_cast<size_t>(c)] = 1;
          work.push(c);
        }
      }
    }
  }
  return true;
}

bool Printer::isChain(int t) const {
  const auto& node = tree_[static_cast<size_t>(t)];
  if (!node.ownOps.empty() || node.inputs.size() != 1 || node.outputs.size() != 1) return false;
  ValueId current = node.inputs[0];
  int64_t lastIndex = -1;
  int64_t lastTopo = -1;
  for (int c : node.children) {
    const auto& child = tree_[static_cast<size_t>(c)];
    if (!isNumeric(child.attr) || std::stoll(child.attr) <= lastIndex) return false;
    if (child.kind == CellKind::List || child.kind == CellKind::Holder) return false;
    if (child.kind == CellKind::Leaf && child.leafNodes.size() != 1) return false;
    if (child.inputs.size() != 1 || child.outputs.size() != 1 || child.inputs[0] != current)
      return false;
    // Children must also run in index order.
    int64_t firstTopo = INT64_MAX;
    for (NodeId n : topo_)
      if (inSubtree(c, n)) {
        firstTopo = topoIndex_[static_cast<size_t>(n)];
        break;
      }
    if (firstTopo < lastTopo) return false;
    lastTopo = firstTopo;
    lastIndex = std::stoll(child.attr);
    current = child.outputs[0];
  }
  return current == node.outputs[0];
}

void Printer::decideKinds(int t) {
  auto& node = tree_[static_cast<size_t>(t)];
  for (int c : node.children) decideKinds(c);
  if (!node.leafNodes.empty()) {
    node.kind = CellKind::Leaf;
    return;
  }
  if (t == 0) {
    node.kind = CellKind::Class;
    return;
  }
  bool allNumeric = !node.children.empty();
  for (int c : node.children)
    allNumeric = allNumeric && isNumeric(tree_[static_cast<size_t>(c)].attr);
  const bool canContract = !node.inputs.empty() && contractible(t);
  if (!canContract) {
    node.kind = allNumeric && node.ownOps.empty() ? CellKind::List : CellKind::Holder;
    if (!node.ownOps.empty() || !allNumeric) {
      if (node.kind == CellKind::Holder && !node.ownOps.empty())
        result_.warnings.push_back("'" + node.path +
                                   "' interleaves with its parent; its operators are called from "
                                   "the parent Cell");
    }
    return;
  }
  if (allNumeric && isChain(t)) {
    node.kind = CellKind::Sequential;
  } else if (allNumeric && node.ownOps.empty()) {
    node.kind = CellKind::List;
  } else {
    node.kind = CellKind::Class;
  }
}

std::string Printer::unconvertedMessage(const Node& node) const {
  std::string op = node.opType.rfind("onnx::", 0) == 0 ? node.opType : "onnx::" + node.opType;
  std::string text = op + " (node '" + node.name + "') was not converted";
  if (!node.attrs.empty()) {
    text += "; attributes: ";
    bool first = true;
    for (const auto& a : node.attrs.items()) {
      text += (first ? "" : ", ") + a.name + "=" + a.value.toString();
      first = false;
    }
  }
  auto shapes = [&](const std::vector<ValueId>& ids) {
    std::string s;
    for (ValueId v : ids) {
      if (!s.empty()) s += ", ";
      s += v == kNoValue ? "None" : g_.value(v).shape.toString();
    }
    return s.empty() ? std::string("none") : s;
  };
  text += "; inputs " + shapes(node.inputs) + " -> outputs " + shapes(node.outputs);
  if (!node.unconvertedReason.empty()) text += ". " + node.unconvertedReason;
  if (!node.suggestions.empty()) {
    text += ". Try: ";
    for (size_t i = 0; i < node.suggestions.size(); ++i)
      text += (i ? ", " : "") + node.suggestions[i];
  }
  return text;
}

Expr Printer::childExpr(int child, Template& tmpl, const std::string& ownerHint) {
  const auto& c = tree_[static_cast<size_t>(child)];
  Expr expr;
  auto addSlot = [&](const std::string& value, const std::string& arg) {
    tmpl.slots.push_back(Slot{value, ownerHint, arg});
    return static_cast<int>(tmpl.slots.size()) - 1;
  };
  switch (c.kind) {
    case CellKind::Leaf: {
      const Node& node = g_.node(c.leafNodes[0]);
      for (size_t i = 1; i < c.leafNodes.size(); ++i)
        if (g_.node(c.leafNodes[i]).opType != node.opType)
          result_.warnings.push_back("'" + c.path + "' is called as different operators");
      if (node.unconverted) {
        expr.kind = Expr::Unconverted;
        expr.kwargs.push_back({"", addSlot(pyString(unconvertedMessage(node)), "message")});
        usesUnconverted_ = true;
        break;
      }
      if (isSnippetNode(node.domain)) {
        // A user's hand-written Cell: constructed without arguments, its code printed as written.
        expr.api = node.opType;
        if (const Attribute* code = node.attrs.find(kSnippetCodeAttribute))
          if (code->is<std::string>()) snippets_[node.opType] = code->as<std::string>();
        break;
      }
      auto [ref, module] = apiReference(node.opType);
      expr.api = ref;
      tmpl.imports.insert(module.empty() ? "mindspore" : module);
      for (const auto& a : node.attrs.items()) {
        std::string literal = pyLiteral(a.value);
        if (literal.empty()) {
          result_.warnings.push_back("'" + c.path + "': argument " + a.name +
                                     " has no Python literal form and was left out");
          continue;
        }
        expr.kwargs.push_back({a.name, addSlot(literal, a.name)});
      }
      break;
    }
    case CellKind::Class:
    case CellKind::Holder: {
      expr.kind = Expr::Class;
      expr.classId = c.classId;
      const Template& nested = templates_[static_cast<size_t>(child)];
      for (const auto& s : nested.slots) expr.classSlots.push_back(addSlot(s.value, s.arg));
      break;
    }
    case CellKind::Sequential:
    case CellKind::List: {
      expr.kind = c.kind == CellKind::Sequential ? Expr::Sequential : Expr::List;
      tmpl.imports.insert("nn");
      int64_t next = 0;
      for (int e : c.children) {
        const int64_t index = std::stoll(tree_[static_cast<size_t>(e)].attr);
        for (; next < index; ++next) {
          Expr filler;
          filler.kind = Expr::Identity;
          expr.elements.push_back(filler);
        }
        expr.elements.push_back(childExpr(e, tmpl, ownerHint));
        next = index + 1;
      }
      break;
    }
  }
  return expr;
}

std::string exprKey(const Expr& e) {
  std::string k;
  switch (e.kind) {
    case Expr::Api:
      k = e.api;
      break;
    case Expr::Class:
      k = "#" + std::to_string(e.classId);
      break;
    case Expr::Sequential:
      k = "Seq";
      break;
    case Expr::List:
      k = "List";
      break;
    case Expr::Identity:
      return "Id";
    case Expr::Unconverted:
      k = "Unconv";
      break;
  }
  k += "(";
  for (const auto& [name, slot] : e.kwargs) k += name + "=" + slotMarker(slot) + ",";
  for (int s : e.classSlots) k += slotMarker(s) + ",";
  for (const auto& el : e.elements) k += exprKey(el) + ",";
  return k + ")";
}

// Builds the template of a Class (or Holder) instance: __init__ children, constants, construct().
void Printer::buildTemplate(int t) {
  const auto& node = tree_[static_cast<size_t>(t)];
  Template tmpl;
  tmpl.holder = node.kind == CellKind::Holder;
  for (int c : node.children) {
    const auto& child = tree_[static_cast<size_t>(c)];
    InitStmt stmt;
    stmt.attr = child.attr;
    stmt.expr = childExpr(c, tmpl, pyIdentifier(child.attr, "cell"));
    tmpl.init.push_back(std::move(stmt));
  }
  if (tmpl.holder) {
    // Holders only keep their children; the parent calls them directly.
    for (const auto& s : tmpl.init) tmpl.key += s.attr + "=" + exprKey(s.expr) + ";";
    tmpl.key = "H|" + tmpl.key;
    templates_[static_cast<size_t>(t)] = std::move(tmpl);
    return;
  }

  // Items called by this construct(): own operators, direct children, and the contents of
  // transparent children (Lists and Holders), with the attribute path to reach them.
  struct Item {
    NodeId node = kNoNode;  // a node call
    int instance = -1;      // or a child instance call
    std::string access;     // "self.conv1", "self.features[3]"
    std::string baseName;
    std::vector<ValueId> inputs, outputs;
    int64_t order = 0;
  };
  std::vector<Item> items;
  std::function<void(int, const std::string&, const std::string&)> gather =
      [&](int owner, const std::string& access, const std::string& nameStem) {
        const auto& o = tree_[static_cast<size_t>(owner)];
        for (NodeId n : o.ownOps) {
          Item item;
          item.node = n;
          item.inputs = g_.node(n).inputs;
          item.outputs = g_.node(n).outputs;
          item.order = topoIndex_[static_cast<size_t>(n)];
          item.baseName = snakeCase(lastComponent(g_.node(n).opType));
          items.push_back(item);
        }
        for (int c : o.children) {
          const auto& child = tree_[static_cast<size_t>(c)];
          std::string childAccess;
          if (isNumeric(child.attr) &&
              (o.kind == CellKind::List || o.kind == CellKind::Sequential)) {
            childAccess = access + "[" + child.attr + "]";
          } else if (isPyIdentifier(child.attr) && !isReservedCellAttr(child.attr)) {
            childAccess = access + "." + child.attr;
          } else {
            childAccess = "getattr(" + access + ", " + pyString(child.attr) + ")";
          }
          const std::string stem = nameStem.empty() ? child.attr : nameStem + "_" + child.attr;
          if (child.kind == CellKind::List || child.kind == CellKind::Holder) {
            gather(c, childAccess, stem);
            continue;
          }
          const std::string base =
              child.kind == CellKind::Leaf && g_.node(child.leafNodes[0]).unconverted
                  ? snakeCase(lastComponent(g_.node(child.leafNodes[0]).opType))
                  : pyIdentifier(stem, "cell");
          if (child.kind == CellKind::Leaf) {
            for (NodeId n : child.leafNodes) {
              Item item;
              item.node = n;
              item.access = childAccess;
              item.inputs = g_.node(n).inputs;
              item.outputs = g_.node(n).outputs;
              item.order = topoIndex_[static_cast<size_t>(n)];
              item.baseName = base;
              items.push_back(item);
            }
          } else {
            Item item;
            item.instance = c;
            item.access = childAccess;
            item.inputs = child.inputs;
            item.outputs = child.outputs;
            item.order = INT64_MAX;
            for (NodeId n : topo_)
              if (inSubtree(c, n)) {
                item.order = topoIndex_[static_cast<size_t>(n)];
                break;
              }
            item.baseName = base;
            items.push_back(item);
          }
        }
      };
  gather(t, "self", "");

  // Order items by data flow (ties broken by the source order).
  std::map<ValueId, size_t> producerItem;
  for (size_t i = 0; i < items.size(); ++i)
    for (ValueId v : items[i].outputs)
      if (v != kNoValue) producerItem[v] = i;
  std::vector<int> indegree(items.size(), 0);
  std::vector<std::vector<size_t>> next(items.size());
  for (size_t i = 0; i < items.size(); ++i) {
    std::set<size_t> deps;
    for (ValueId v : items[i].inputs) {
      auto it = producerItem.find(v);
      if (v != kNoValue && it != producerItem.end() && it->second != i) deps.insert(it->second);
    }
    for (size_t d : deps) {
      next[d].push_back(i);
      ++indegree[i];
    }
  }
  using Entry = std::pair<int64_t, size_t>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> ready;
  for (size_t i = 0; i < items.size(); ++i)
    if (indegree[i] == 0) ready.push({items[i].order, i});
  std::vector<size_t> order;
  while (!ready.empty()) {
    size_t i = ready.top().second;
    ready.pop();
    order.push_back(i);
    for (size_t n : next[i])
      if (--indegree[n] == 0) ready.push({items[n].order, n});
  }
  if (order.size() != items.size()) {
    result_.warnings.push_back("'" + node.path +
                               "': cyclic order inside the Cell; source order used");
    order.clear();
    for (size_t i = 0; i < items.size(); ++i) order.push_back(i);
    std::sort(order.begin(), order.end(),
              [&](size_t a, size_t b) { return items[a].order < items[b].order; });
  }

  // Local names.
  std::set<std::string> used = {"self",      "nn",     "ops", "mint",    "mindspore",
                                "Parameter", "Tensor", "np",  "getattr", "super"};
  auto unique = [&](std::string base) {
    base = pyIdentifier(base);
    std::string name = base;
    for (int k = 1; used.count(name); ++k) name = base + "_" + std::to_string(k);
    used.insert(name);
    return name;
  };
  std::map<ValueId, std::string> localName;
  if (t == 0) {
    for (ValueId v : g_.inputs) {
      localName[v] = unique(g_.value(v).name);
      tmpl.inputs.push_back(localName[v]);
    }
  } else if (node.inputs.size() == 1) {
    localName[node.inputs[0]] = unique("x");
    tmpl.inputs.push_back("x");
  } else {
    for (size_t i = 0; i < node.inputs.size(); ++i) {
      localName[node.inputs[i]] = unique("x" + std::to_string(i));
      tmpl.inputs.push_back(localName[node.inputs[i]]);
    }
  }
  std::map<ValueId, std::string> constantAttr;
  std::set<std::string> initAttrs;
  for (const auto& s : tmpl.init) initAttrs.insert(s.attr);
  auto valueExpr = [&](ValueId v, const std::string& consumer, bool shapeArg) -> std::string {
    if (v == kNoValue) return "None";
    auto it = localName.find(v);
    if (it != localName.end()) return it->second;
    if (!isConstant(v)) {
      result_.warnings.push_back("'" + node.path + "': value '" + g_.value(v).name +
                                 "' is used before it is computed");
      return "None";
    }
    const Tensor& tensor = *g_.value(v).initializer;
    const DType dtype = tensor.dtype();
    const bool floating = isFloating(dtype);
    if (tensor.numel() <= 16 && dtype != DType::String && tensor.rank() <= 1) {
      auto element = [&](int64_t i) {
        if (dtype == DType::Bool) return std::string(tensor.elementAsInt64(i) ? "True" : "False");
        return floating ? pyFloat(tensor.elementAsDouble(i))
                        : std::to_string(tensor.elementAsInt64(i));
      };
      if (tensor.rank() == 0) return element(0);
      std::string list;
      for (int64_t i = 0; i < tensor.numel(); ++i) list += (i ? ", " : "") + element(i);
      if (shapeArg && !floating && dtype != DType::Bool)
        return "(" + list + (tensor.numel() == 1 ? ",)" : ")");
      tmpl.imports.insert("Tensor");
      tmpl.imports.insert("mindspore");
      return "Tensor([" + list + "], mindspore." + mindsporeDTypeAttr(dtype) + ")";
    }
    auto cit = constantAttr.find(v);
    if (cit != constantAttr.end()) return "self." + cit->second;
    std::string attr = pyIdentifier(consumer + "_const");
    for (int k = 1; initAttrs.count(attr) || isReservedCellAttr(attr); ++k)
      attr = pyIdentifier(consumer + "_const_" + std::to_string(k));
    initAttrs.insert(attr);
    constantAttr[v] = attr;
    tmpl.constants.push_back({attr, v});
    std::string dims = "(";
    for (size_t i = 0; i < tensor.dims().size(); ++i)
      dims += (i ? ", " : "") + std::to_string(tensor.dims()[i]);
    dims += tensor.dims().size() == 1 ? ",)" : ")";
    InitStmt stmt;
    stmt.attr = attr;
    stmt.rawText = "Parameter(ops.zeros(" + dims + ", mindspore." + mindsporeDTypeAttr(dtype) +
                   "), requires_grad=False)";
    tmpl.imports.insert("Parameter");
    tmpl.imports.insert("ops");
    tmpl.imports.insert("mindspore");
    tmpl.init.push_back(stmt);
    return "self." + attr;
  };

  for (size_t i : order) {
    const Item& item = items[i];
    ConstructStmt stmt;
    std::vector<std::string> args;
    const Node* n = item.node != kNoNode ? &g_.node(item.node) : nullptr;
    std::string callee = item.access;
    const std::string consumerName = item.baseName;
    if (n && !isCellLike(*n)) {
      auto [ref, module] = apiReference(n->opType);
      callee = ref;
      tmpl.imports.insert(module.empty() ? "mindspore" : module);
    }
    std::vector<ValueId> inputs = item.inputs;
    while (!inputs.empty() && inputs.back() == kNoValue) inputs.pop_back();
    const bool shapeOp = n && !isCellLike(*n) && takesShapeArguments(n->opType);
    for (size_t k = 0; k < inputs.size(); ++k)
      args.push_back(valueExpr(inputs[k], consumerName, shapeOp && k > 0));
    const std::string last = n ? lastComponent(n->opType) : "";
    if (n && !isCellLike(*n) && takesTensorSequence(n->opType)) {
      std::string seq = "(";
      for (size_t k = 0; k < args.size(); ++k) seq += (k ? ", " : "") + args[k];
      args = {seq + (args.size() == 1 ? ",)" : ")")};
    } else if (n && last == "LSTM" && args.size() >= 3) {
      args = [&] {
        std::vector<std::string> packed = {args[0], "(" + args[1] + ", " + args[2] + ")"};
        packed.insert(packed.end(), args.begin() + 3, args.end());
        return packed;
      }();
    }
    if (n) {
      for (const auto& a : n->callArgs.items()) {
        std::string literal = pyLiteral(a.value);
        if (literal.empty()) {
          result_.warnings.push_back("'" + n->name + "': call argument " + a.name +
                                     " has no Python literal form and was left out");
          continue;
        }
        tmpl.slots.push_back(Slot{literal, consumerName, a.name});
        args.push_back(a.name + "=" + slotMarker(static_cast<int>(tmpl.slots.size()) - 1));
      }
    }
    // Output names; values nobody reads become "_".
    std::vector<std::string> outs;
    const std::set<ValueId> ownOutputs(node.outputs.begin(), node.outputs.end());
    for (size_t k = 0; k < item.outputs.size(); ++k) {
      const ValueId v = item.outputs[k];
      const bool read =
          v != kNoValue && (!consumers_[static_cast<size_t>(v)].empty() || ownOutputs.count(v) ||
                            (t == 0 && graphOutputs_.count(v)));
      if (!read && item.outputs.size() > 1) {
        outs.push_back("_");
        continue;
      }
      const std::string name =
          unique(k == 0 ? item.baseName : item.baseName + "_" + std::to_string(k));
      if (v != kNoValue) localName[v] = name;
      outs.push_back(name);
    }
    std::string lhs;
    if (n && last == "LSTM" && outs.size() == 3) {
      lhs = outs[0] + ", (" + outs[1] + ", " + outs[2] + ")";
    } else {
      for (size_t k = 0; k < outs.size(); ++k) lhs += (k ? ", " : "") + outs[k];
    }
    std::string call = callee + "(";
    for (size_t k = 0; k < args.size(); ++k) call += (k ? ", " : "") + args[k];
    call += ")";
    stmt.text = lhs.empty() ? call : lhs + " = " + call;
    if (n) stmt.nodes.push_back(item.node);
    tmpl.construct.push_back(stmt);
  }
  // Return.
  const std::vector<ValueId>& outs = t == 0 ? g_.outputs : node.outputs;
  std::string ret;
  for (size_t k = 0; k < outs.size(); ++k) {
    std::string e = valueExpr(outs[k], "output", false);
    ret += (k ? ", " : "") + e;
  }
  tmpl.construct.push_back(
      ConstructStmt{"return " + (ret.empty() ? std::string("None") : ret), {}});

  std::string key = "C|" + std::to_string(tmpl.inputs.size()) + "|";
  for (const auto& s : tmpl.init)
    key += s.attr + "=" + (s.rawText.empty() ? exprKey(s.expr) : s.rawText) + ";";
  key += "|";
  for (const auto& s : tmpl.construct) key += s.text + "\n";
  tmpl.key = key;
  templates_[static_cast<size_t>(t)] = std::move(tmpl);
}

void Printer::collectCheckpoint(int t) {
  const auto& node = tree_[static_cast<size_t>(t)];
  if (node.kind == CellKind::Leaf) {
    const Node& n = g_.node(node.leafNodes[0]);
    for (const auto& p : n.params) {
      const std::string key = node.path + "." + p.name;
      if (p.value != kNoValue && g_.value(p.value).name != key)
        result_.warnings.push_back("parameter value '" + g_.value(p.value).name +
                                   "' is saved as '" + key + "', the name the code creates");
      result_.checkpoint.push_back(CheckpointEntry{key, p.value, false});
    }
    return;
  }
  for (int c : node.children) collectCheckpoint(c);
}

std::string Printer::renderSlot(const ClassDef& cls, int slot) const {
  const int group = cls.slotGroup[static_cast<size_t>(slot)];
  if (group >= 0) return cls.groups[static_cast<size_t>(group)].name;
  return cls.templates[0].slots[static_cast<size_t>(slot)].value;
}

std::string Printer::renderExpr(const ClassDef& cls, const Expr& expr) {
  std::string out;
  switch (expr.kind) {
    case Expr::Identity:
      imports_.insert("nn");
      return "nn.Identity()";
    case Expr::Unconverted:
      return "UnconvertedOp(" + renderSlot(cls, expr.kwargs[0].second) + ")";
    case Expr::Api: {
      out = expr.api + "(";
      for (size_t i = 0; i < expr.kwargs.size(); ++i)
        out +=
            (i ? ", " : "") + expr.kwargs[i].first + "=" + renderSlot(cls, expr.kwargs[i].second);
      return out + ")";
    }
    case Expr::Class: {
      const ClassDef& nested = classes_[static_cast<size_t>(expr.classId)];
      out = nested.name + "(";
      for (size_t i = 0; i < nested.groups.size(); ++i)
        out += (i ? ", " : "") + nested.groups[i].name + "=" +
               renderSlot(cls, expr.classSlots[static_cast<size_t>(nested.groups[i].rep)]);
      return out + ")";
    }
    case Expr::Sequential:
    case Expr::List: {
      out = expr.kind == Expr::Sequential ? "nn.SequentialCell([" : "nn.CellList([";
      for (size_t i = 0; i < expr.elements.size(); ++i)
        out += (i ? ", " : "") + renderExpr(cls, expr.elements[i]);
      return out + "])";
    }
  }
  return out;
}

// Marks the slots a class's code really prints (nested classes only pass their parameters).
void markLiveSlots(const std::vector<ClassDef>& classes, const Expr& e, std::set<int>& live) {
  for (const auto& kw : e.kwargs) live.insert(kw.second);
  if (e.kind == Expr::Class)
    for (const auto& g : classes[static_cast<size_t>(e.classId)].groups)
      live.insert(e.classSlots[static_cast<size_t>(g.rep)]);
  for (const auto& el : e.elements) markLiveSlots(classes, el, live);
}

void Printer::phase2() {
  for (auto& cls : classes_) {
    const Template& first = cls.templates[0];
    std::set<int> live;
    for (const auto& s : first.init) markLiveSlots(classes_, s.expr, live);
    for (const auto& s : first.construct)
      for (size_t p = s.text.find('\x01'); p != std::string::npos; p = s.text.find('\x01', p + 1))
        live.insert(std::stoi(s.text.substr(p + 1)));
    cls.slotGroup.assign(first.slots.size(), -1);
    std::map<std::vector<std::string>, int> groupByValues;
    std::set<std::string> usedNames = {"self", "x"};
    for (int slot : live) {
      std::vector<std::string> values;
      for (const auto& t : cls.templates)
        values.push_back(t.slots[static_cast<size_t>(slot)].value);
      if (std::all_of(values.begin(), values.end(), [&](const auto& v) { return v == values[0]; }))
        continue;
      auto it = groupByValues.find(values);
      if (it != groupByValues.end()) {
        cls.slotGroup[static_cast<size_t>(slot)] = it->second;
        continue;
      }
      const Slot& hint = first.slots[static_cast<size_t>(slot)];
      std::string name = pyIdentifier(hint.arg);
      if (usedNames.count(name) || name == "message")
        name = pyIdentifier(hint.owner + "_" + hint.arg);
      for (int k = 2; usedNames.count(name); ++k)
        name = pyIdentifier(hint.owner + "_" + hint.arg) + std::to_string(k);
      usedNames.insert(name);
      cls.groups.push_back(ParamGroup{name, slot});
      const int id = static_cast<int>(cls.groups.size()) - 1;
      groupByValues[values] = id;
      cls.slotGroup[static_cast<size_t>(slot)] = id;
    }
  }
}

std::string Printer::className(const ClassDef& cls, std::set<std::string>& used) const {
  const auto& first = tree_[static_cast<size_t>(cls.instances[0])];
  std::string base;
  if (cls.instances[0] == 0) {
    base =
        camelCase(options_.modelName.empty() ? std::string("MindSporeModel") : options_.modelName);
  } else {
    // The nearest named component: "layer1.0" → "Layer" + "Block"; "encoder" → "Encoder".
    auto parts = splitDots(first.path);
    std::string named;
    for (auto it = parts.rbegin(); it != parts.rend() && named.empty(); ++it)
      if (!isNumeric(*it)) named = *it;
    while (named.size() > 1 && std::isdigit(static_cast<unsigned char>(named.back())))
      named.pop_back();
    base = camelCase(named.empty() ? std::string("Block") : named);
    if (isNumeric(first.attr)) base += "Block";
    if (first.kind == CellKind::Holder) base += "Cells";
  }
  std::string name = base;
  for (int k = 2; used.count(name); ++k) name = base + std::to_string(k);
  used.insert(name);
  return name;
}

// ---- final text ------------------------------------------------------------------------------

std::string Printer::render() {
  std::vector<std::string> lines;
  std::vector<std::pair<std::vector<NodeId>, std::pair<size_t, size_t>>> pendingSites;

  auto addWrapped = [&](const std::string& stmt, int indent) -> size_t {
    const size_t at = lines.size();
    for (auto& l : wrapPython(stmt, indent)) lines.push_back(l);
    return at;
  };

  std::vector<std::string> body;  // class blocks, rendered below the imports
  imports_.insert("nn");
  for (auto& cls : classes_)
    for (const auto& t : cls.templates) imports_.insert(t.imports.begin(), t.imports.end());

  if (usesUnconverted_) {
    lines.push_back("class UnconvertedOp(nn.Cell):");
    lines.push_back(
        "    \"\"\"Stands in for an operator MindBridge could not convert; "
        "replace it with real code.\"\"\"");
    lines.push_back("");
    lines.push_back("    def __init__(self, message):");
    lines.push_back("        super().__init__()");
    lines.push_back("        self.message = message");
    lines.push_back("");
    lines.push_back("    def construct(self, *inputs):");
    lines.push_back("        raise NotImplementedError(self.message)");
  }
  // Users' snippets, verbatim; they may use any of the usual names, so import them all.
  for (const auto& [name, code] : snippets_) {
    if (!lines.empty()) {
      lines.push_back("");
      lines.push_back("");
    }
    lines.push_back("# Custom snippet (unverified: MindBridge does not check hand-written code).");
    std::string line;
    for (char c : code + (code.empty() || code.back() != '\n' ? "\n" : "")) {
      if (c != '\n') {
        line += c;
        continue;
      }
      while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.pop_back();
      lines.push_back(line);
      line.clear();
    }
    while (!lines.empty() && lines.back().empty()) lines.pop_back();
    for (const char* n : {"mindspore", "nn", "ops", "Tensor", "Parameter"}) imports_.insert(n);
    if (code.find("mint.") != std::string::npos) imports_.insert("mint");
  }
  // Nested classes first (creation order is post-order), the model's class last.
  for (auto& cls : classes_) {
    if (!lines.empty()) {
      lines.push_back("");
      lines.push_back("");
    }
    lines.push_back("class " + cls.name + "(nn.Cell):");
    std::vector<std::string> paths;
    for (int i : cls.instances) paths.push_back(tree_[static_cast<size_t>(i)].path);
    std::string doc;
    if (cls.instances[0] == 0) {
      doc = "Converted from " +
            (options_.sourceFile.empty() ? std::string("the source model") : options_.sourceFile) +
            ".";
    } else {
      for (size_t shown = paths.size(); shown > 0; --shown) {
        doc = paths.size() == 1 ? "Cell at " : "Used " + std::to_string(paths.size()) + " times: ";
        for (size_t i = 0; i < shown; ++i) doc += (i ? ", " : "") + paths[i];
        if (shown < paths.size()) doc += ", …";
        doc += ".";
        if (doc.size() + 10 <= static_cast<size_t>(kColumnLimit)) break;
      }
      if (doc.size() + 10 > static_cast<size_t>(kColumnLimit))
        doc = "Used " + std::to_string(paths.size()) + " times.";
      if (cls.templates[0].holder) doc += " Holds Cells its parent calls directly.";
      if (doc.size() + 10 > static_cast<size_t>(kColumnLimit)) doc = "Holds Cells.";
    }
    lines.push_back("    \"\"\"" + doc + "\"\"\"");
    lines.push_back("");
    std::string signature = "def __init__(self";
    for (const auto& gr : cls.groups) signature += ", " + gr.name;
    addWrapped(signature + "):", 4);
    lines.push_back("        super().__init__()");
    const Template& first = cls.templates[0];
    for (const auto& s : first.init) {
      std::string rhs = s.rawText.empty() ? renderExpr(cls, s.expr) : s.rawText;
      if (isPyIdentifier(s.attr) && !isReservedCellAttr(s.attr)) {
        addWrapped("self." + s.attr + " = " + rhs, 8);
      } else {
        addWrapped("self.insert_child_to_cell(" + pyString(s.attr) + ", " + rhs + ")", 8);
      }
    }
    if (first.holder) continue;
    lines.push_back("");
    std::string cargs = "def construct(self";
    for (const auto& in : first.inputs) cargs += ", " + in;
    addWrapped(cargs + "):", 4);
    for (size_t k = 0; k < first.construct.size(); ++k) {
      std::string text = first.construct[k].text;
      // Substitute slots.
      std::string out;
      for (size_t p = 0; p < text.size(); ++p) {
        if (text[p] == '\x01') {
          size_t end = text.find('\x02', p);
          out += renderSlot(cls, std::stoi(text.substr(p + 1, end - p - 1)));
          p = end;
        } else {
          out += text[p];
        }
      }
      const size_t at = addWrapped(out, 8);
      size_t eq = out.find(" = ");
      size_t column = (eq == std::string::npos || out.rfind("return ", 0) == 0) ? 8 : 8 + eq + 3;
      for (const auto& t : cls.templates)
        if (!t.construct[k].nodes.empty())
          pendingSites.push_back({t.construct[k].nodes, {at, column}});
    }
  }
  // Header and imports.
  std::vector<std::string> head;
  head.push_back("# Generated by MindBridge " MB_VERSION ". Class names may be changed freely;");
  head.push_back("# attribute names must stay as they are, they are the checkpoint keys.");
  if (!options_.sourceFile.empty()) head.push_back("# Source: " + options_.sourceFile);
  if (!options_.sourceSha256.empty()) head.push_back("# Source sha256: " + options_.sourceSha256);
  head.push_back(g_.targetApi == "mint"
                     ? "# Target API: mint (mindspore.mint, torch-style names), MindSpore >= 2.5"
                     : "# Target API: classic (mindspore.nn / mindspore.ops), MindSpore 2.x");
  const std::string ckpt =
      options_.checkpointFile.empty() ? options_.modelName + ".ckpt" : options_.checkpointFile;
  head.push_back("# Usage: net = " + classes_.back().name + "()");
  head.push_back("#        param_dict = mindspore.load_checkpoint(" + pyString(ckpt) + ")");
  head.push_back("#        mindspore.load_param_into_net(net, param_dict)");
  int unconverted = 0;
  for (const auto& n : g_.nodes) unconverted += n.unconverted ? 1 : 0;
  if (unconverted)
    head.push_back("# " + std::to_string(unconverted) +
                   " operator(s) were not converted: see UnconvertedOp below and the report.");
  for (auto& h : head)
    if (h.size() > static_cast<size_t>(kColumnLimit)) h = h.substr(0, kColumnLimit);
  if (imports_.count("mindspore")) head.push_back("import mindspore");
  std::vector<std::string> names;
  for (const char* n : {"Parameter", "Tensor", "mint", "nn", "ops"})
    if (imports_.count(n)) names.push_back(n);
  if (!names.empty()) {
    std::string from = "from mindspore import ";
    for (size_t i = 0; i < names.size(); ++i) from += (i ? ", " : "") + names[i];
    head.push_back(from);
  }
  head.push_back("");
  head.push_back("");
  const size_t offset = head.size();
  for (const auto& [nodes, where] : pendingSites)
    for (NodeId n : nodes)
      result_.callSites[n] = SourceLocation{static_cast<int>(offset + where.first + 1),
                                            static_cast<int>(where.second + 1)};
  std::string code;
  for (const auto& l : head) code += l + "\n";
  for (const auto& l : lines) code += l + "\n";
  return code;
}

Expected<ModelPyResult> Printer::run() {
  if (g_.dialect != Dialect::MindSpore)
    return makeError(ErrorCode::InvalidArgument, "model.py is printed from a converted graph",
                     g_.name);
  auto order = g_.topologicalOrder();  // also reports a cycle with a node name
  if (!order) return order.error();
  // Our own order: data flow, ties broken by node index, so the source's execution order (and so
  // the order a person wrote the layers in) survives.
  consumers_ = g_.consumers();
  {
    std::vector<int> pending(g_.nodes.size(), 0);
    for (size_t n = 0; n < g_.nodes.size(); ++n)
      for (ValueId v : g_.nodes[n].inputs)
        if (v != kNoValue && g_.value(v).producer != kNoNode) ++pending[n];
    std::priority_queue<NodeId, std::vector<NodeId>, std::greater<>> ready;
    for (size_t n = 0; n < g_.nodes.size(); ++n)
      if (pending[n] == 0) ready.push(static_cast<NodeId>(n));
    while (!ready.empty()) {
      NodeId n = ready.top();
      ready.pop();
      topo_.push_back(n);
      for (ValueId v : g_.node(n).outputs)
        if (v != kNoValue)
          for (NodeId c : consumers_[static_cast<size_t>(v)])
            for (ValueId in : g_.node(c).inputs)
              if (in == v && --pending[static_cast<size_t>(c)] == 0) ready.push(c);
    }
    if (topo_.size() != g_.nodes.size()) topo_ = *order;
  }
  topoIndex_.assign(g_.nodes.size(), 0);
  for (size_t i = 0; i < topo_.size(); ++i)
    topoIndex_[static_cast<size_t>(topo_[i])] = static_cast<int>(i);
  graphOutputs_ = std::set<ValueId>(g_.outputs.begin(), g_.outputs.end());
  buildTree();
  for (size_t t = 1; t < tree_.size(); ++t) computeBoundary(static_cast<int>(t));
  decideKinds(0);
  templates_.assign(tree_.size(), Template{});
  // Post-order: nested classes get their ids before the classes that use them.
  std::function<void(int, int)> visit = [&](int t, int depth) {
    for (int c : tree_[static_cast<size_t>(t)].children) visit(c, depth + 1);
    auto& node = tree_[static_cast<size_t>(t)];
    if (node.kind != CellKind::Class && node.kind != CellKind::Holder) return;
    buildTemplate(t);
    const std::string& key = templates_[static_cast<size_t>(t)].key;
    auto it = classByKey_.find(key);
    if (it == classByKey_.end() || t == 0) {
      ClassDef cls;
      cls.key = key;
      cls.depth = depth;
      classes_.push_back(cls);
      it = classByKey_.insert_or_assign(key, static_cast<int>(classes_.size()) - 1).first;
    }
    auto& cls = classes_[static_cast<size_t>(it->second)];
    cls.instances.push_back(t);
    cls.templates.push_back(templates_[static_cast<size_t>(t)]);
    node.classId = it->second;
  };
  visit(0, 0);
  // The model's class goes last even if its key matched another (it never does in practice).
  phase2();
  std::set<std::string> usedNames = {"UnconvertedOp", "Parameter", "Tensor"};
  for (const auto& node : g_.nodes)
    if (isSnippetNode(node.domain)) usedNames.insert(node.opType);
  std::string topName = className(classes_.back(), usedNames);
  for (size_t i = 0; i + 1 < classes_.size(); ++i)
    classes_[i].name = className(classes_[i], usedNames);
  classes_.back().name = topName;
  collectCheckpoint(0);
  // Constants materialised as Parameters: one checkpoint entry per instance.
  for (size_t t = 0; t < tree_.size(); ++t)
    for (const auto& [attr, value] : templates_[t].constants)
      result_.checkpoint.push_back(
          CheckpointEntry{tree_[t].path.empty() ? attr : tree_[t].path + "." + attr, value, true});
  result_.code = render();
  result_.topClass = classes_.back().name;
  for (const auto& cls : classes_)
    for (int i : cls.instances)
      result_.classInstances[cls.name].push_back(tree_[static_cast<size_t>(i)].path);
  for (ValueId v : g_.outputs) result_.outputNames.push_back(g_.value(v).name);
  result_.inputNames = classes_.back().templates[0].inputs;
  return std::move(result_);
}

}  // namespace

Expected<ModelPyResult> printModelPy(const Graph& graph, const ModelPyOptions& options) {
  Printer printer(graph, options);
  return printer.run();
}

}  // namespace mb::emitter
