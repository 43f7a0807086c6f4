#include "migrate/cell_keys.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <set>
#include <variant>

#include "migrate/api_tables.h"
#include "migrate/call_editor.h"

namespace mb::migrate {

namespace {

struct Value;
using ValuePtr = std::shared_ptr<Value>;

struct CellObject {
  std::string type;
  std::vector<std::pair<std::string, ValuePtr>> children;  // in assignment order
  std::vector<std::string> params;
  std::map<std::string, ValuePtr> attrs;
  const Stmt* cls = nullptr;  // a class of the script
};

struct Value {
  enum Kind {
    None,
    Bool,
    Int,
    Float,
    Str,
    Tuple,
    List,
    Dict,
    Cell,
    Param,
    Api,       // a MindSpore name not yet called: "mindspore.nn.Dense"
    Class,     // a class of the script
    Function,  // a def of the script (module level or method)
    Method,    // a builtin method bound to a value: list.append
    Super,     // super() inside a class
    Builtin,   // range, len, …
    Unknown,   // something the interpreter does not model (a tensor, a lambda)
  };
  Kind kind = None;
  bool b = false;
  int64_t i = 0;
  double f = 0;
  std::string s;  // Str text, Api / Builtin / Method name
  std::vector<ValuePtr> items;
  std::vector<std::pair<ValuePtr, ValuePtr>> dict;
  std::shared_ptr<CellObject> cell;  // Cell, Super (self), Function (bound self)
  const Stmt* stmt = nullptr;        // Class / Function
  ValuePtr self;                     // Method receiver
};

ValuePtr make(Value::Kind k) {
  auto v = std::make_shared<Value>();
  v->kind = k;
  return v;
}
ValuePtr makeInt(int64_t i) {
  auto v = make(Value::Int);
  v->i = i;
  return v;
}
ValuePtr makeBool(bool b) {
  auto v = make(Value::Bool);
  v->b = b;
  return v;
}
ValuePtr makeStr(std::string s) {
  auto v = make(Value::Str);
  v->s = std::move(s);
  return v;
}

struct EvalError {
  std::string message;
  uint32_t line = 0, col = 0;
};
struct ReturnSignal {
  ValuePtr value;
};
struct LoopSignal {
  bool isBreak;
};

class Interpreter {
 public:
  explicit Interpreter(const Module& m) : m_(m), tables_(ApiTables::instance()) {
    for (const Stmt* s : m.body) {
      if (s->kind == StmtKind::Class) {
        classes_[s->name] = s;
        for (const Stmt* member : s->body)
          if (member->kind == StmtKind::Def) classOfDef_[member] = s;
      }
      if (s->kind == StmtKind::Def) functions_[s->name] = s;
      if (s->kind == StmtKind::Import)
        for (const auto& n : s->names) {
          if (n.name.rfind("mindspore", 0) != 0) {
            otherImports_.insert(n.asname.empty() ? n.name.substr(0, n.name.find('.')) : n.asname);
            continue;
          }
          if (n.asname.empty())
            modules_["mindspore"] = "mindspore";
          else
            modules_[n.asname] = n.name;
        }
      if (s->kind == StmtKind::ImportFrom && s->module.rfind("mindspore", 0) != 0)
        for (const auto& n : s->names) otherImports_.insert(n.asname.empty() ? n.name : n.asname);
      if (s->kind == StmtKind::ImportFrom && s->module.rfind("mindspore", 0) == 0)
        for (const auto& n : s->names)
          modules_[n.asname.empty() ? n.name : n.asname] = s->module + "." + n.name;
      if (s->kind == StmtKind::Assign)
        for (const Expr* t : s->targets)
          if (t->kind == ExprKind::Name && !globals_.count(t->text))
            globalExprs_[t->text] = s->value;
    }
  }

  const std::map<std::string, const Stmt*>& classes() const { return classes_; }

  ValuePtr instantiate(const Stmt& cls, std::vector<ValuePtr> args,
                       std::vector<std::pair<std::string, ValuePtr>> kwargs, const Expr* at) {
    auto obj = std::make_shared<CellObject>();
    obj->type = cls.name;
    obj->cls = &cls;
    auto self = make(Value::Cell);
    self->cell = obj;
    const Stmt* init = findMethod(cls, "__init__");
    if (init) callFunction(*init, self, std::move(args), std::move(kwargs), at);
    return self;
  }

  ValuePtr evalText(const std::string& text) {
    auto parsed = parsePython("__v = " + text + "\n", "<argument>");
    if (!parsed) throw EvalError{"cannot read the argument '" + text + "'"};
    holders_.push_back(std::move(*parsed));
    Env env;
    return eval(*holders_.back()->body.front()->value, env);
  }

 private:
  using Env = std::map<std::string, ValuePtr>;
  const Module& m_;
  const ApiTables& tables_;
  std::map<std::string, const Stmt*> classes_, functions_;
  std::map<std::string, std::string> modules_;  // local name → mindspore module / API
  std::map<std::string, const Expr*> globalExprs_;
  std::set<std::string> otherImports_;  // math, typing, …: values the interpreter does not model
  std::map<std::string, ValuePtr> globals_;
  std::vector<std::unique_ptr<Module>> holders_;
  std::map<const Stmt*, const Stmt*> classOfDef_;  // method → its class
  std::vector<const Stmt*> defStack_;              // methods being run
  int steps_ = 0, depth_ = 0;

 public:
  std::vector<std::string> warnings_;

 private:
  [[noreturn]] void fail(const Expr* at, const std::string& message) const {
    throw EvalError{message, at ? at->line : 0, at ? at->col : 0};
  }
  [[noreturn]] void failStmt(const Stmt& s, const std::string& message) const {
    throw EvalError{message, s.line, s.col};
  }
  void tick(const Expr* at) {
    if (++steps_ > 2'000'000) fail(at, "gave up: more than 2,000,000 steps");
  }

  const Stmt* findMethod(const Stmt& cls, const std::string& name) const {
    for (const Stmt* s : cls.body)
      if (s->kind == StmtKind::Def && s->name == name) return s;
    for (const Argument& b : cls.bases) {
      if (!b.value || b.value->kind != ExprKind::Name) continue;
      auto it = classes_.find(b.value->text);
      if (it != classes_.end() && it->second != &cls)
        if (const Stmt* found = findMethod(*it->second, name)) return found;
    }
    return nullptr;
  }

  // The MindSpore container a class derives from (SequentialCell / CellList), if any.
  std::string containerBase(const Stmt& cls) {
    for (const Argument& b : cls.bases) {
      if (!b.value) continue;
      if (b.value->kind == ExprKind::Name && classes_.count(b.value->text) &&
          classes_.at(b.value->text) != &cls) {
        std::string inner = containerBase(*classes_.at(b.value->text));
        if (!inner.empty()) return inner;
        continue;
      }
      Env env;
      ValuePtr base = eval(*b.value, env);
      if (base->kind == Value::Api &&
          (base->s == "mindspore.nn.SequentialCell" || base->s == "mindspore.nn.CellList"))
        return base->s;
    }
    return "";
  }

  // ---- calls ----
  ValuePtr callFunction(const Stmt& def, ValuePtr self, std::vector<ValuePtr> args,
                        std::vector<std::pair<std::string, ValuePtr>> kwargs, const Expr* at) {
    if (++depth_ > 200) fail(at, "gave up: calls nested more than 200 deep");
    Env env;
    size_t next = 0;
    bool skipSelf = self != nullptr;
    std::vector<ValuePtr> extra;
    for (const Param& p : def.params) {
      if (p.name.empty()) continue;  // bare * or /
      if (skipSelf) {
        env[p.name] = self;
        skipSelf = false;
        continue;
      }
      if (p.star == 1) {
        auto rest = make(Value::Tuple);
        while (next < args.size()) rest->items.push_back(args[next++]);
        env[p.name] = rest;
        continue;
      }
      if (p.star == 2) {
        auto rest = make(Value::Dict);
        for (auto& [k, v] : kwargs) rest->dict.emplace_back(makeStr(k), v);
        kwargs.clear();
        env[p.name] = rest;
        continue;
      }
      auto kw =
          std::find_if(kwargs.begin(), kwargs.end(), [&](auto& kv) { return kv.first == p.name; });
      if (kw != kwargs.end()) {
        env[p.name] = kw->second;
        kwargs.erase(kw);
      } else if (next < args.size()) {
        env[p.name] = args[next++];
      } else if (p.defaultValue) {
        Env globalsOnly;
        env[p.name] = eval(*p.defaultValue, globalsOnly);
      } else {
        fail(at, "argument '" + p.name + "' of " + def.name + "() is missing (give it with " +
                     "--model-arg " + p.name + "=VALUE)");
      }
    }
    if (next < args.size()) fail(at, "too many arguments for " + def.name + "()");
    if (!kwargs.empty())
      fail(at, "unexpected argument '" + kwargs.front().first + "' for " + def.name + "()");
    ValuePtr result = make(Value::None);
    defStack_.push_back(&def);
    try {
      exec(def.body, env);
    } catch (ReturnSignal& r) {
      result = r.value ? r.value : make(Value::None);
    }
    defStack_.pop_back();
    --depth_;
    return result;
  }

  ValuePtr callValue(ValuePtr fn, std::vector<ValuePtr> args,
                     std::vector<std::pair<std::string, ValuePtr>> kwargs, const Expr* at) {
    switch (fn->kind) {
      case Value::Class:
        return instantiate(*fn->stmt, std::move(args), std::move(kwargs), at);
      case Value::Function:
        return callFunction(*fn->stmt, fn->self, std::move(args), std::move(kwargs), at);
      case Value::Api:
        return callApi(fn->s, std::move(args), std::move(kwargs), at);
      case Value::Method:
        return callMethod(fn, std::move(args), at);
      case Value::Builtin:
        return callBuiltin(fn->s, std::move(args), std::move(kwargs), at);
      case Value::Super:
        fail(at, "super() is not callable");
      default:
        return make(Value::Unknown);  // calling a tensor-like value: no Cells come from it
    }
  }

  void addChild(CellObject& cell, const std::string& name, ValuePtr child) {
    for (auto& [n, v] : cell.children)
      if (n == name) {
        v = child;
        return;
      }
    cell.children.emplace_back(name, child);
  }

  void fillContainer(CellObject& cell, const std::vector<ValuePtr>& args, const Expr* at) {
    std::vector<ValuePtr> items = args;
    if (args.size() == 1 && (args[0]->kind == Value::List || args[0]->kind == Value::Tuple))
      items = args[0]->items;
    if (args.size() == 1 && args[0]->kind == Value::Dict) {
      for (auto& [k, v] : args[0]->dict) addChild(cell, str(k, at), v);
      return;
    }
    for (size_t i = 0; i < items.size(); ++i) {
      if (items[i]->kind != Value::Cell) fail(at, "a container element is not a Cell");
      addChild(cell, std::to_string(cell.children.size()), items[i]);
    }
  }

  ValuePtr callApi(const std::string& api, std::vector<ValuePtr> args,
                   std::vector<std::pair<std::string, ValuePtr>> kwargs, const Expr* at) {
    if (api == "mindspore.nn.SequentialCell" || api == "mindspore.nn.CellList" ||
        api == "mindspore.nn.CellDict") {
      auto v = make(Value::Cell);
      v->cell = std::make_shared<CellObject>();
      v->cell->type = api;
      fillContainer(*v->cell, args, at);
      return v;
    }
    if (api == "mindspore.Parameter") return make(Value::Param);
    if (api == "collections.OrderedDict" || api == "OrderedDict") {
      auto d = make(Value::Dict);
      if (!args.empty()) {
        for (auto& item : args[0]->items)
          if (item->items.size() == 2) d->dict.emplace_back(item->items[0], item->items[1]);
      }
      return d;
    }
    const ApiEntry* entry = tables_.api(api);
    if (!entry) fail(at, api + " is not a MindSpore 2.7 API");
    if (!entry->isCell()) return make(Value::Unknown);
    // Bind the call to the Cell's signature, then decide each Parameter's condition.
    std::map<std::string, ValuePtr> bound;
    size_t position = 0;
    for (auto& a : args) {
      while (position < entry->params.size() &&
             entry->params[position].kind == ApiParam::KeywordOnly)
        ++position;
      if (position >= entry->params.size()) fail(at, "too many arguments for " + api);
      if (entry->params[position].kind == ApiParam::VarPositional) break;
      bound[entry->params[position++].name] = a;
    }
    for (auto& [k, v] : kwargs) bound[k] = v;
    auto argValue = [&](const std::string& name) -> ValuePtr {
      auto it = bound.find(name);
      if (it != bound.end()) return it->second;
      const ApiParam* p = entry->param(name);
      if (p && p->defaultText) return evalText(*p->defaultText);
      fail(at, api + ": no value for '" + name + "'");
    };
    auto obj = std::make_shared<CellObject>();
    obj->type = api;
    for (const CellParameter& p : entry->cellParameters) {
      bool present = true;
      for (const std::string& term : p.conditions) {
        bool negate = term[0] == '!';
        ValuePtr v = argValue(negate ? term.substr(1) : term);
        auto t = truth(v);
        if (!t)
          fail(at, "cannot tell whether " + api + " creates '" + p.name + "': '" + term +
                       "' is not a constant");
        present = present && (*t != negate);
      }
      if (!present) continue;
      if (p.name.find('{') == std::string::npos) {
        obj->params.push_back(p.name);
        continue;
      }
      int64_t layers = bound.count("num_layers") ? integer(bound["num_layers"], at) : 1;
      bool bidirectional =
          bound.count("bidirectional") && truth(bound["bidirectional"]).value_or(false);
      for (int64_t l = 0; l < layers; ++l)
        for (int d = 0; d < (bidirectional ? 2 : 1); ++d) {
          std::string name = p.name;
          name.replace(name.find("{layer}"), 7, std::to_string(l));
          name.replace(name.find("{suffix}"), 8, d ? "_reverse" : "");
          obj->params.push_back(name);
        }
    }
    auto v = make(Value::Cell);
    v->cell = obj;
    return v;
  }

  ValuePtr callMethod(ValuePtr m, std::vector<ValuePtr> args, const Expr* at) {
    ValuePtr self = m->self;
    const std::string& name = m->s;
    if (self->kind == Value::List) {
      if (name == "append" && args.size() == 1) {
        self->items.push_back(args[0]);
        return make(Value::None);
      }
      if (name == "extend" && args.size() == 1) {
        for (auto& x : iterate(args[0], at)) self->items.push_back(x);
        return make(Value::None);
      }
      if (name == "insert" && args.size() == 2) {
        int64_t i = integer(args[0], at);
        i = std::clamp<int64_t>(i < 0 ? i + static_cast<int64_t>(self->items.size()) : i, 0,
                                static_cast<int64_t>(self->items.size()));
        self->items.insert(self->items.begin() + i, args[1]);
        return make(Value::None);
      }
      if (name == "pop") {
        if (self->items.empty()) fail(at, "pop from an empty list");
        auto v = self->items.back();
        self->items.pop_back();
        return v;
      }
    }
    if (self->kind == Value::Cell) {
      if ((name == "insert_child_to_cell" || name == "add_module") && args.size() == 2) {
        addChild(*self->cell, str(args[0], at), args[1]);
        return make(Value::None);
      }
      if (name == "append" && args.size() == 1) {  // CellList / SequentialCell
        addChild(*self->cell, std::to_string(self->cell->children.size()), args[0]);
        return make(Value::None);
      }
      if (name == "extend" && args.size() == 1) {
        for (auto& x : iterate(args[0], at))
          addChild(*self->cell, std::to_string(self->cell->children.size()), x);
        return make(Value::None);
      }
    }
    if (self->kind == Value::Dict && name == "items") {
      auto l = make(Value::List);
      for (auto& [k, v] : self->dict) {
        auto t = make(Value::Tuple);
        t->items = {k, v};
        l->items.push_back(t);
      }
      return l;
    }
    return make(Value::Unknown);
  }

  ValuePtr callBuiltin(const std::string& name, std::vector<ValuePtr> args,
                       std::vector<std::pair<std::string, ValuePtr>> kwargs, const Expr* at) {
    (void)kwargs;
    if (name == "range") {
      int64_t start = 0, stop = 0, step = 1;
      if (args.size() == 1) stop = integer(args[0], at);
      if (args.size() >= 2) {
        start = integer(args[0], at);
        stop = integer(args[1], at);
      }
      if (args.size() == 3) step = integer(args[2], at);
      if (step == 0 || args.empty() || args.size() > 3) fail(at, "bad range()");
      auto l = make(Value::List);
      for (int64_t i = start; step > 0 ? i < stop : i > stop; i += step) {
        l->items.push_back(makeInt(i));
        if (l->items.size() > 100000) fail(at, "range() too long");
      }
      return l;
    }
    if (name == "len" && args.size() == 1) {
      auto& v = *args[0];
      if (v.kind == Value::Str) return makeInt(static_cast<int64_t>(v.s.size()));
      if (v.kind == Value::Dict) return makeInt(static_cast<int64_t>(v.dict.size()));
      if (v.kind == Value::Cell) return makeInt(static_cast<int64_t>(v.cell->children.size()));
      return makeInt(static_cast<int64_t>(iterate(args[0], at).size()));
    }
    if (name == "int" && args.size() == 1) {
      if (args[0]->kind == Value::Float) return makeInt(static_cast<int64_t>(args[0]->f));
      return makeInt(integer(args[0], at));
    }
    if (name == "float" && args.size() == 1) {
      auto v = make(Value::Float);
      v->f = number(args[0], at);
      return v;
    }
    if (name == "bool" && args.size() == 1) return makeBool(truth(args[0]).value_or(false));
    if ((name == "max" || name == "min") && !args.empty()) {
      auto items = args.size() == 1 ? iterate(args[0], at) : args;
      if (items.empty()) fail(at, name + "() of nothing");
      ValuePtr best = items[0];
      for (auto& x : items)
        if (name == "max" ? number(x, at) > number(best, at) : number(x, at) < number(best, at))
          best = x;
      return best;
    }
    if (name == "abs" && args.size() == 1) {
      if (args[0]->kind == Value::Int) return makeInt(std::llabs(args[0]->i));
      auto v = make(Value::Float);
      v->f = std::fabs(number(args[0], at));
      return v;
    }
    if (name == "round" && !args.empty()) return makeInt(std::llround(number(args[0], at)));
    if (name == "list" || name == "tuple") {
      auto l = make(name == "list" ? Value::List : Value::Tuple);
      if (!args.empty()) l->items = iterate(args[0], at);
      return l;
    }
    if (name == "enumerate" && !args.empty()) {
      auto l = make(Value::List);
      int64_t i = args.size() > 1 ? integer(args[1], at) : 0;
      for (auto& x : iterate(args[0], at)) {
        auto t = make(Value::Tuple);
        t->items = {makeInt(i++), x};
        l->items.push_back(t);
      }
      return l;
    }
    if (name == "zip") {
      std::vector<std::vector<ValuePtr>> lists;
      size_t n = SIZE_MAX;
      for (auto& a : args) {
        lists.push_back(iterate(a, at));
        n = std::min(n, lists.back().size());
      }
      auto l = make(Value::List);
      for (size_t i = 0; !lists.empty() && i < n; ++i) {
        auto t = make(Value::Tuple);
        for (auto& li : lists) t->items.push_back(li[i]);
        l->items.push_back(t);
      }
      return l;
    }
    if (name == "isinstance" || name == "hasattr" || name == "getattr" || name == "print")
      return make(Value::Unknown);
    fail(at, "the interpreter does not model " + name + "()");
  }

  // ---- values ----
  std::optional<bool> truth(const ValuePtr& v) const {
    switch (v->kind) {
      case Value::None:
        return false;
      case Value::Bool:
        return v->b;
      case Value::Int:
        return v->i != 0;
      case Value::Float:
        return v->f != 0;
      case Value::Str:
        return !v->s.empty();
      case Value::Tuple:
      case Value::List:
        return !v->items.empty();
      case Value::Dict:
        return !v->dict.empty();
      case Value::Cell:
      case Value::Param:
      case Value::Class:
      case Value::Function:
        return true;
      default:
        return std::nullopt;
    }
  }
  bool truthAt(const ValuePtr& v, const Expr* at) const {
    auto t = truth(v);
    if (!t) fail(at, "cannot decide this condition without running MindSpore");
    return *t;
  }
  int64_t integer(const ValuePtr& v, const Expr* at) const {
    if (v->kind == Value::Int) return v->i;
    if (v->kind == Value::Bool) return v->b ? 1 : 0;
    fail(at, "expected an integer");
  }
  double number(const ValuePtr& v, const Expr* at) const {
    if (v->kind == Value::Float) return v->f;
    return static_cast<double>(integer(v, at));
  }
  std::string str(const ValuePtr& v, const Expr* at) const {
    if (v->kind == Value::Str) return v->s;
    if (v->kind == Value::Int) return std::to_string(v->i);
    fail(at, "expected a string");
  }
  std::vector<ValuePtr> iterate(const ValuePtr& v, const Expr* at) const {
    if (v->kind == Value::List || v->kind == Value::Tuple) return v->items;
    if (v->kind == Value::Dict) {
      std::vector<ValuePtr> keys;
      for (auto& kv : v->dict) keys.push_back(kv.first);
      return keys;
    }
    if (v->kind == Value::Cell) {
      std::vector<ValuePtr> cells;
      for (auto& c : v->cell->children) cells.push_back(c.second);
      return cells;
    }
    if (v->kind == Value::Str) {
      std::vector<ValuePtr> chars;
      for (char c : v->s) chars.push_back(makeStr(std::string(1, c)));
      return chars;
    }
    fail(at, "cannot iterate over this value");
  }
  bool equal(const ValuePtr& a, const ValuePtr& b) const {
    auto numeric = [](const ValuePtr& v) {
      return v->kind == Value::Int || v->kind == Value::Float || v->kind == Value::Bool;
    };
    if (numeric(a) && numeric(b)) return number(a, nullptr) == number(b, nullptr);
    if (a->kind != b->kind) return false;
    switch (a->kind) {
      case Value::None:
        return true;
      case Value::Str:
        return a->s == b->s;
      case Value::Tuple:
      case Value::List:
        if (a->items.size() != b->items.size()) return false;
        for (size_t i = 0; i < a->items.size(); ++i)
          if (!equal(a->items[i], b->items[i])) return false;
        return true;
      default:
        return a.get() == b.get();
    }
  }

  // ---- statements ----
  void assign(const Expr& target, ValuePtr v, Env& env) {
    if (target.kind == ExprKind::Name) {
      env[target.text] = v;
      return;
    }
    if (target.kind == ExprKind::Tuple || target.kind == ExprKind::List) {
      auto items = iterate(v, &target);
      if (items.size() != target.items.size())
        fail(&target, "cannot unpack: wrong number of values");
      for (size_t i = 0; i < items.size(); ++i) assign(*target.items[i], items[i], env);
      return;
    }
    if (target.kind == ExprKind::Attribute) {
      ValuePtr obj = eval(*target.value, env);
      if (obj->kind != Value::Cell) return;  // attributes of other objects do not make keys
      auto& cell = *obj->cell;
      if (v->kind == Value::Cell) {
        addChild(cell, target.text, v);
      } else if (v->kind == Value::Param) {
        if (std::find(cell.params.begin(), cell.params.end(), target.text) == cell.params.end())
          cell.params.push_back(target.text);
      } else {
        cell.attrs[target.text] = v;
      }
      return;
    }
    if (target.kind == ExprKind::Subscript) {
      ValuePtr obj = eval(*target.value, env);
      ValuePtr key = eval(*target.items[0], env);
      if (obj->kind == Value::List) {
        int64_t i = integer(key, &target);
        if (i < 0) i += static_cast<int64_t>(obj->items.size());
        if (i < 0 || i >= static_cast<int64_t>(obj->items.size()))
          fail(&target, "index out of range");
        obj->items[i] = v;
      } else if (obj->kind == Value::Dict) {
        for (auto& kv : obj->dict)
          if (equal(kv.first, key)) {
            kv.second = v;
            return;
          }
        obj->dict.emplace_back(key, v);
      }
      return;
    }
    fail(&target, "cannot assign to this target");
  }

  void exec(const std::vector<Stmt*>& body, Env& env) {
    for (size_t i = 0; i < body.size(); ++i) {
      const Stmt& s = *body[i];
      switch (s.kind) {
        case StmtKind::Expr:
          eval(*s.value, env);
          break;
        case StmtKind::Assign: {
          ValuePtr v = eval(*s.value, env);
          for (const Expr* t : s.targets) assign(*t, v, env);
          break;
        }
        case StmtKind::AnnAssign:
          if (s.value) assign(*s.targets[0], eval(*s.value, env), env);
          break;
        case StmtKind::AugAssign: {
          ValuePtr cur = eval(*s.targets[0], env);
          ValuePtr rhs = eval(*s.value, env);
          std::string op = s.name.substr(0, s.name.size() - 1);
          if (cur->kind == Value::List && op == "+") {
            for (auto& x : iterate(rhs, s.value)) cur->items.push_back(x);
          } else {
            assign(*s.targets[0], binary(op, cur, rhs, s.value), env);
          }
          break;
        }
        case StmtKind::If: {
          // if / elif / else siblings form one chain
          bool taken = truthAt(eval(*s.value, env), s.value);
          if (taken) exec(s.body, env);
          while (i + 1 < body.size() &&
                 (body[i + 1]->kind == StmtKind::Elif || body[i + 1]->kind == StmtKind::Else)) {
            const Stmt& next = *body[++i];
            if (taken) continue;
            if (next.kind == StmtKind::Else || truthAt(eval(*next.value, env), next.value)) {
              taken = true;
              exec(next.body, env);
            }
          }
          break;
        }
        case StmtKind::For: {
          ValuePtr iterable = eval(*s.value, env);
          if (iterable->kind == Value::Unknown || iterable->kind == Value::Method) {
            // e.g. `for m in self.cells_and_names()`: initialisation loops make no Parameters
            warnings_.push_back(sourceLocation(m_.fileName, s.line, s.col) +
                                ": loop over a value the interpreter does not model was skipped");
            break;
          }
          auto items = iterate(iterable, s.value);
          bool broke = false;
          for (auto& item : items) {
            assign(*s.targets[0], item, env);
            try {
              exec(s.body, env);
            } catch (LoopSignal& sig) {
              if (sig.isBreak) {
                broke = true;
                break;
              }
            }
          }
          if (i + 1 < body.size() && body[i + 1]->kind == StmtKind::Else) {
            ++i;
            if (!broke) exec(body[i]->body, env);
          }
          break;
        }
        case StmtKind::While: {
          int guard = 0;
          while (truthAt(eval(*s.value, env), s.value)) {
            if (++guard > 100000) failStmt(s, "gave up: loop runs more than 100,000 times");
            try {
              exec(s.body, env);
            } catch (LoopSignal& sig) {
              if (sig.isBreak) break;
            }
          }
          break;
        }
        case StmtKind::Return:
          throw ReturnSignal{s.value ? eval(*s.value, env) : make(Value::None)};
        case StmtKind::Break:
          throw LoopSignal{true};
        case StmtKind::Continue:
          throw LoopSignal{false};
        case StmtKind::Try:
        case StmtKind::With:
          exec(s.body, env);
          break;
        case StmtKind::Raise:
          failStmt(s, "the model's constructor raises here with these arguments");
        case StmtKind::Pass:
        case StmtKind::Assert:
        case StmtKind::Except:
        case StmtKind::Finally:
        case StmtKind::Else:
        case StmtKind::Elif:
        case StmtKind::Import:
        case StmtKind::ImportFrom:
        case StmtKind::Global:
        case StmtKind::Nonlocal:
        case StmtKind::Del:
        case StmtKind::Class:
        case StmtKind::TypeAlias:
          break;
        case StmtKind::Def: {
          auto fn = make(Value::Function);
          fn->stmt = &s;
          env[s.name] = fn;
          break;
        }
        case StmtKind::Match:
        case StmtKind::Case:
          failStmt(s, "the interpreter does not follow match statements");
      }
    }
  }

  // ---- expressions ----
  ValuePtr lookup(const Expr& e, Env& env) {
    auto it = env.find(e.text);
    if (it != env.end()) return it->second;
    if (auto g = globals_.find(e.text); g != globals_.end()) return g->second;
    if (auto c = classes_.find(e.text); c != classes_.end()) {
      auto v = make(Value::Class);
      v->stmt = c->second;
      return v;
    }
    if (auto f = functions_.find(e.text); f != functions_.end()) {
      auto v = make(Value::Function);
      v->stmt = f->second;
      return v;
    }
    if (auto mod = modules_.find(e.text); mod != modules_.end()) {
      auto v = make(Value::Api);
      v->s = mod->second;
      return v;
    }
    if (auto ge = globalExprs_.find(e.text); ge != globalExprs_.end()) {
      Env empty;
      globals_[e.text] = make(Value::Unknown);  // guards against self-reference
      ValuePtr v = eval(*ge->second, empty);
      globals_[e.text] = v;
      return v;
    }
    static const std::set<std::string> builtins = {
        "range", "len",   "int",       "float", "bool",       "max",     "min",     "abs",  "round",
        "list",  "tuple", "enumerate", "zip",   "isinstance", "hasattr", "getattr", "print"};
    if (builtins.count(e.text)) {
      auto v = make(Value::Builtin);
      v->s = e.text;
      return v;
    }
    if (otherImports_.count(e.text) && e.text != "OrderedDict") return make(Value::Unknown);
    if (e.text == "OrderedDict") {
      auto v = make(Value::Api);
      v->s = "OrderedDict";
      return v;
    }
    if (e.text == "super") {
      auto v = make(Value::Builtin);
      v->s = "super";
      return v;
    }
    fail(&e, "unknown name '" + e.text + "'");
  }

  static bool isStatic(const Stmt& def) {
    for (const Expr* d : def.decorators)
      if (d->kind == ExprKind::Name && (d->text == "staticmethod" || d->text == "classmethod"))
        return true;
    return false;
  }

  // `expansion = 1` in a class body (or a local base class's), or null.
  ValuePtr classAttribute(const Stmt& cls, const std::string& name) {
    for (const Stmt* s : cls.body)
      if (s->kind == StmtKind::Assign || (s->kind == StmtKind::AnnAssign && s->value))
        for (const Expr* t : s->targets)
          if (t->kind == ExprKind::Name && t->text == name) {
            Env env;
            return eval(*s->value, env);
          }
    for (const Argument& b : cls.bases)
      if (b.value && b.value->kind == ExprKind::Name && classes_.count(b.value->text) &&
          classes_.at(b.value->text) != &cls)
        if (ValuePtr v = classAttribute(*classes_.at(b.value->text), name)) return v;
    return nullptr;
  }

  ValuePtr attribute(ValuePtr obj, const Expr& e) {
    const std::string& name = e.text;
    switch (obj->kind) {
      case Value::Api: {
        auto v = make(Value::Api);
        v->s = obj->s + "." + name;
        if (v->s == "collections.OrderedDict") v->s = "OrderedDict";
        return v;
      }
      case Value::Cell: {
        auto& cell = *obj->cell;
        for (auto& [n, child] : cell.children)
          if (n == name) return child;
        if (auto a = cell.attrs.find(name); a != cell.attrs.end()) return a->second;
        if (std::find(cell.params.begin(), cell.params.end(), name) != cell.params.end())
          return make(Value::Param);
        if (cell.cls) {
          if (const Stmt* method = findMethod(*cell.cls, name)) {
            auto fn = make(Value::Function);
            fn->stmt = method;
            if (!isStatic(*method)) fn->self = obj;
            return fn;
          }
          if (ValuePtr v = classAttribute(*cell.cls, name)) return v;
        }
        auto m = make(Value::Method);
        m->s = name;
        m->self = obj;
        return m;
      }
      case Value::Class:
        if (ValuePtr v = classAttribute(*obj->stmt, name)) return v;
        if (const Stmt* method = findMethod(*obj->stmt, name)) {
          auto fn = make(Value::Function);
          fn->stmt = method;
          return fn;
        }
        return make(Value::Unknown);
      case Value::Super: {
        auto m = make(Value::Method);
        m->s = "super." + name;
        m->self = obj;
        return m;
      }
      case Value::List:
      case Value::Dict:
      case Value::Tuple: {
        auto m = make(Value::Method);
        m->s = name;
        m->self = obj;
        return m;
      }
      default:
        return make(Value::Unknown);
    }
  }

  ValuePtr superCall(ValuePtr superObj, const std::string& method, std::vector<ValuePtr> args,
                     std::vector<std::pair<std::string, ValuePtr>> kwargs, const Expr* at) {
    auto& cell = *superObj->cell;
    const Stmt* cls = superObj->stmt;
    // The next class up: a local base class's method, else MindSpore's (containers fill children).
    for (const Argument& b : cls->bases) {
      if (b.value && b.value->kind == ExprKind::Name && classes_.count(b.value->text)) {
        const Stmt* base = classes_.at(b.value->text);
        if (const Stmt* m = findMethod(*base, method)) {
          auto self = make(Value::Cell);
          self->cell = superObj->cell;
          return callFunction(*m, self, std::move(args), std::move(kwargs), at);
        }
      }
    }
    if (method == "__init__" && !containerBase(*cls).empty()) fillContainer(cell, args, at);
    return make(Value::None);
  }

  ValuePtr binary(const std::string& op, ValuePtr a, ValuePtr b, const Expr* at) {
    auto seq = [](const ValuePtr& v) { return v->kind == Value::List || v->kind == Value::Tuple; };
    if (op == "+" && seq(a) && seq(b)) {
      auto r = make(a->kind);
      r->items = a->items;
      r->items.insert(r->items.end(), b->items.begin(), b->items.end());
      return r;
    }
    if (op == "+" && a->kind == Value::Str && b->kind == Value::Str) return makeStr(a->s + b->s);
    if (op == "*" && seq(a) && (b->kind == Value::Int)) {
      auto r = make(a->kind);
      for (int64_t k = 0; k < b->i; ++k)
        r->items.insert(r->items.end(), a->items.begin(), a->items.end());
      return r;
    }
    if (op == "%" && a->kind == Value::Str) return makeStr(a->s);  // formatting: names only
    bool ints = (a->kind == Value::Int || a->kind == Value::Bool) &&
                (b->kind == Value::Int || b->kind == Value::Bool);
    if (ints && op != "/" && op != "**") {
      int64_t x = integer(a, at), y = integer(b, at);
      if ((op == "//" || op == "%") && y == 0) fail(at, "division by zero");
      auto floorDiv = [](int64_t p, int64_t q) {
        int64_t d = p / q;
        return (p % q != 0 && ((p < 0) != (q < 0))) ? d - 1 : d;
      };
      if (op == "+") return makeInt(x + y);
      if (op == "-") return makeInt(x - y);
      if (op == "*") return makeInt(x * y);
      if (op == "//") return makeInt(floorDiv(x, y));
      if (op == "%") return makeInt(x - floorDiv(x, y) * y);
      if (op == "<<") return makeInt(x << y);
      if (op == ">>") return makeInt(x >> y);
      if (op == "&") return makeInt(x & y);
      if (op == "|") return makeInt(x | y);
      if (op == "^") return makeInt(x ^ y);
    }
    if (op == "**" && ints && integer(b, at) >= 0) {
      int64_t r = 1;
      for (int64_t k = 0; k < integer(b, at); ++k) r *= integer(a, at);
      return makeInt(r);
    }
    auto isNum = [](const ValuePtr& v) {
      return v->kind == Value::Int || v->kind == Value::Float || v->kind == Value::Bool;
    };
    if (isNum(a) && isNum(b)) {
      double x = number(a, at), y = number(b, at), r = 0;
      if (op == "+")
        r = x + y;
      else if (op == "-")
        r = x - y;
      else if (op == "*")
        r = x * y;
      else if (op == "/") {
        if (y == 0) fail(at, "division by zero");
        r = x / y;
      } else if (op == "**")
        r = std::pow(x, y);
      else if (op == "//")
        r = std::floor(x / y);
      else
        fail(at, "unsupported operator " + op);
      auto v = make(Value::Float);
      v->f = r;
      return v;
    }
    if (a->kind == Value::Unknown || b->kind == Value::Unknown) return make(Value::Unknown);
    fail(at, "unsupported operands for " + op);
  }

  bool compare(const std::string& op, const ValuePtr& a, const ValuePtr& b, const Expr* at) {
    if (op == "==") return equal(a, b);
    if (op == "!=") return !equal(a, b);
    if (op == "is")
      return (a->kind == Value::None && b->kind == Value::None) || a.get() == b.get() ||
             (a->kind == Value::Bool && b->kind == Value::Bool && a->b == b->b);
    if (op == "is not") return !compare("is", a, b, at);
    if (op == "in" || op == "not in") {
      bool found = false;
      if (b->kind == Value::Str && a->kind == Value::Str) {
        found = b->s.find(a->s) != std::string::npos;
      } else {
        for (auto& x : iterate(b, at)) found |= equal(a, x);
      }
      return op == "in" ? found : !found;
    }
    if (a->kind == Value::Str && b->kind == Value::Str) {
      if (op == "<") return a->s < b->s;
      if (op == ">") return a->s > b->s;
      if (op == "<=") return a->s <= b->s;
      if (op == ">=") return a->s >= b->s;
    }
    double x = number(a, at), y = number(b, at);
    if (op == "<") return x < y;
    if (op == ">") return x > y;
    if (op == "<=") return x <= y;
    if (op == ">=") return x >= y;
    fail(at, "unsupported comparison " + op);
  }

  // Runs the clauses from `clause` (index into e.ops) on, then adds the element.
  void comprehension(const Expr& e, size_t clause, Env& env, ValuePtr& out) {
    size_t first = e.items.size() - e.ops.size();  // element, and value for dicts
    if (clause >= e.ops.size()) {
      if (e.text == "dict")
        out->dict.emplace_back(eval(*e.items[0], env), eval(*e.items[1], env));
      else
        out->items.push_back(eval(*e.items[0], env));
      return;
    }
    const Expr& item = *e.items[first + clause];
    if (e.ops[clause] == "if") {
      if (truthAt(eval(item, env), &item)) comprehension(e, clause + 1, env, out);
      return;
    }
    // "for": the target, then its iterable
    const Expr& iterable = *e.items[first + clause + 1];
    for (auto& x : iterate(eval(iterable, env), &iterable)) {
      Env inner = env;
      assign(item, x, inner);
      comprehension(e, clause + 2, inner, out);
    }
  }

  ValuePtr eval(const Expr& e, Env& env) {
    tick(&e);
    switch (e.kind) {
      case ExprKind::Name:
        return lookup(e, env);
      case ExprKind::Number: {
        double v = 0;
        std::string digits;
        for (char c : e.text)
          if (c != '_') digits += c;
        if (digits.find_first_of(".eEjJ") == std::string::npos) {
          if (digits.size() > 2 && digits[0] == '0' &&
              std::isalpha(static_cast<unsigned char>(digits[1])))
            return makeInt(std::stoll(digits.substr(2), nullptr,
                                      digits[1] == 'x' || digits[1] == 'X'   ? 16
                                      : digits[1] == 'o' || digits[1] == 'O' ? 8
                                                                             : 2));
          return makeInt(std::stoll(digits));
        }
        isNumberLiteral(&e, &v);
        auto f = make(Value::Float);
        f->f = v;
        return f;
      }
      case ExprKind::String: {
        std::string s = stringLiteral(m_, &e);
        return makeStr(s);
      }
      case ExprKind::Constant:
        if (e.text == "True" || e.text == "False") return makeBool(e.text == "True");
        if (e.text == "None") return make(Value::None);
        return make(Value::Unknown);
      case ExprKind::Attribute:
        return attribute(eval(*e.value, env), e);
      case ExprKind::Call: {
        std::vector<ValuePtr> args;
        std::vector<std::pair<std::string, ValuePtr>> kwargs;
        for (const Argument& a : e.args) {
          ValuePtr v = eval(*a.value, env);
          if (a.star == 1) {
            for (auto& x : iterate(v, a.value)) args.push_back(x);
          } else if (a.star == 2) {
            if (v->kind != Value::Dict) fail(a.value, "** of a non-dict");
            for (auto& [k, val] : v->dict) kwargs.emplace_back(str(k, a.value), val);
          } else if (a.keyword.empty()) {
            args.push_back(v);
          } else {
            kwargs.emplace_back(a.keyword, v);
          }
        }
        if (e.value->kind == ExprKind::Name && e.value->text == "super" && !env.count("super")) {
          auto s = make(Value::Super);
          const Stmt* cls = nullptr;
          ValuePtr self;
          if (env.count("self") && env["self"]->kind == Value::Cell) self = env["self"];
          for (auto d = defStack_.rbegin(); d != defStack_.rend() && !cls; ++d)
            if (classOfDef_.count(*d)) cls = classOfDef_.at(*d);
          if (!self || !cls) fail(&e, "super() outside a Cell method");
          s->cell = self->cell;
          s->stmt = cls;
          return s;
        }
        ValuePtr fn = eval(*e.value, env);
        if (fn->kind == Value::Method && fn->self && fn->self->kind == Value::Super) {
          std::string method = fn->s.substr(6);
          return superCall(fn->self, method, std::move(args), std::move(kwargs), &e);
        }
        return callValue(fn, std::move(args), std::move(kwargs), &e);
      }
      case ExprKind::Subscript: {
        ValuePtr obj = eval(*e.value, env);
        const Expr& index = *e.items[0];
        if (index.kind == ExprKind::Slice) {
          auto items = iterate(obj, &e);
          int64_t n = static_cast<int64_t>(items.size());
          auto bound = [&](const Expr* x, int64_t dflt) {
            if (!x) return dflt;
            int64_t v = integer(eval(*x, env), x);
            if (v < 0) v += n;
            return std::clamp<int64_t>(v, 0, n);
          };
          int64_t step = index.items[2] ? integer(eval(*index.items[2], env), index.items[2]) : 1;
          if (step != 1) fail(&e, "slices with a step are not modelled");
          auto r = make(obj->kind == Value::Tuple ? Value::Tuple : Value::List);
          for (int64_t k = bound(index.items[0], 0); k < bound(index.items[1], n); ++k)
            r->items.push_back(items[k]);
          return r;
        }
        ValuePtr key = eval(index, env);
        if (obj->kind == Value::Dict) {
          for (auto& kv : obj->dict)
            if (equal(kv.first, key)) return kv.second;
          fail(&e, "key not found");
        }
        if (obj->kind == Value::Cell) {
          int64_t i = integer(key, &e);
          auto& ch = obj->cell->children;
          if (i < 0) i += static_cast<int64_t>(ch.size());
          if (i < 0 || i >= static_cast<int64_t>(ch.size())) fail(&e, "index out of range");
          return ch[i].second;
        }
        if (obj->kind == Value::Unknown) return make(Value::Unknown);
        auto items = iterate(obj, &e);
        int64_t i = integer(key, &e);
        if (i < 0) i += static_cast<int64_t>(items.size());
        if (i < 0 || i >= static_cast<int64_t>(items.size())) fail(&e, "index out of range");
        return items[i];
      }
      case ExprKind::Tuple:
      case ExprKind::List:
      case ExprKind::Set: {
        auto r = make(e.kind == ExprKind::Tuple ? Value::Tuple : Value::List);
        for (const Expr* item : e.items) {
          if (item->kind == ExprKind::Starred) {
            for (auto& x : iterate(eval(*item->value, env), item)) r->items.push_back(x);
          } else {
            r->items.push_back(eval(*item, env));
          }
        }
        return r;
      }
      case ExprKind::Dict: {
        auto r = make(Value::Dict);
        for (size_t k = 0; k + 1 < e.items.size(); k += 2) {
          if (!e.items[k]) {
            ValuePtr d = eval(*e.items[k + 1]->value, env);
            for (auto& kv : d->dict) r->dict.push_back(kv);
            continue;
          }
          r->dict.emplace_back(eval(*e.items[k], env), eval(*e.items[k + 1], env));
        }
        return r;
      }
      case ExprKind::BinOp:
        return binary(e.text, eval(*e.items[0], env), eval(*e.items[1], env), &e);
      case ExprKind::UnaryOp: {
        ValuePtr v = eval(*e.value, env);
        if (e.text == "not") {
          auto t = truth(v);
          if (!t) return make(Value::Unknown);
          return makeBool(!*t);
        }
        if (e.text == "-") {
          if (v->kind == Value::Int || v->kind == Value::Bool) return makeInt(-integer(v, &e));
          if (v->kind == Value::Float) {
            auto f = make(Value::Float);
            f->f = -v->f;
            return f;
          }
          return make(Value::Unknown);
        }
        if (e.text == "~" && v->kind == Value::Int) return makeInt(~v->i);
        return v;
      }
      case ExprKind::BoolOp: {
        ValuePtr last;
        for (const Expr* item : e.items) {
          last = eval(*item, env);
          auto t = truth(last);
          if (!t) return make(Value::Unknown);
          if (e.text == "and" ? !*t : *t) return last;
        }
        return last;
      }
      case ExprKind::Compare: {
        ValuePtr left = eval(*e.items[0], env);
        for (size_t k = 0; k < e.ops.size(); ++k) {
          ValuePtr right = eval(*e.items[k + 1], env);
          if (left->kind == Value::Unknown || right->kind == Value::Unknown)
            return make(Value::Unknown);
          if (!compare(e.ops[k], left, right, &e)) return makeBool(false);
          left = right;
        }
        return makeBool(true);
      }
      case ExprKind::IfExp: {
        return truthAt(eval(*e.items[1], env), e.items[1]) ? eval(*e.items[0], env)
                                                           : eval(*e.items[2], env);
      }
      case ExprKind::Comprehension: {
        auto out = make(e.text == "dict" ? Value::Dict : Value::List);
        comprehension(e, 0, env, out);
        return out;
      }
      case ExprKind::NamedExpr: {
        ValuePtr v = eval(*e.items[0], env);
        assign(*e.value, v, env);
        return v;
      }
      default:
        return make(Value::Unknown);
    }
  }

 public:
  void collectKeys(const CellObject& cell, const std::string& prefix, std::vector<std::string>& out,
                   std::set<const CellObject*>& seen) const {
    if (!seen.insert(&cell).second) return;  // a Cell assigned twice keeps its first name
    for (const auto& p : cell.params) out.push_back(prefix + p);
    for (const auto& [name, child] : cell.children)
      if (child->kind == Value::Cell) collectKeys(*child->cell, prefix + name + ".", out, seen);
  }
};

// Cell classes no other class of the file mentions: the model's top.
std::string pickTopClass(const Module& m, const std::map<std::string, const Stmt*>& classes) {
  std::set<std::string> mentioned;
  for (const auto& [name, cls] : classes)
    visitStmtExprs(*cls, [&](const Expr& e) {
      if (e.kind == ExprKind::Name && e.text != name && classes.count(e.text))
        mentioned.insert(e.text);
    });
  std::string top;
  for (const Stmt* s : m.body)  // the last unmentioned class in file order
    if (s->kind == StmtKind::Class && !mentioned.count(s->name)) top = s->name;
  return top;
}

}  // namespace

Expected<CellKeys> listCellParameterKeys(const Module& script, const CellKeysOptions& options) {
  Interpreter interp(script);
  CellKeys out;
  out.className =
      options.className.empty() ? pickTopClass(script, interp.classes()) : options.className;
  auto it = interp.classes().find(out.className);
  if (it == interp.classes().end())
    return makeError(ErrorCode::InvalidArgument,
                     out.className.empty() ? "the script defines no class"
                                           : "the script defines no class '" + out.className + "'",
                     script.fileName);
  try {
    std::vector<std::pair<std::string, ValuePtr>> kwargs;
    for (const auto& [name, text] : options.arguments)
      kwargs.emplace_back(name, interp.evalText(text));
    ValuePtr model = interp.instantiate(*it->second, {}, std::move(kwargs), nullptr);
    std::set<const CellObject*> seen;
    interp.collectKeys(*model->cell, "", out.keys, seen);
    out.warnings = interp.warnings_;
  } catch (const EvalError& e) {
    return makeError(ErrorCode::InvalidModel,
                     "cannot list the parameters " + out.className + "() creates: " + e.message,
                     e.line ? sourceLocation(script.fileName, e.line, e.col) : script.fileName);
  } catch (const ReturnSignal&) {
    return makeError(ErrorCode::InvalidModel, "'return' outside a function", script.fileName);
  } catch (const LoopSignal&) {
    return makeError(ErrorCode::InvalidModel, "'break' / 'continue' outside a loop",
                     script.fileName);
  }
  return out;
}

KeyComparison compareKeys(const std::vector<std::string>& script,
                          const std::vector<std::string>& checkpoint) {
  KeyComparison c;
  std::set<std::string> a(script.begin(), script.end()), b(checkpoint.begin(), checkpoint.end());
  for (const auto& k : a)
    if (!b.count(k)) c.onlyInScript.push_back(k);
  for (const auto& k : b)
    if (!a.count(k)) c.onlyInCheckpoint.push_back(k);
  c.matched = a.size() - c.onlyInScript.size();
  return c;
}

}  // namespace mb::migrate
