#include "migrate/script_migrator.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "migrate/call_editor.h"
#include "migrate/migration_rules.h"
#include "migrate/python_ast.h"

namespace mb::migrate {

namespace {

const std::set<std::string> kTorchRoots = {"torch", "torchvision", "torchaudio", "torchtext"};
// Names the converted file binds; a torch alias with one of these names cannot stay imported.
const std::set<std::string> kMindSporeNames = {"mindspore", "nn", "ops", "mint"};

std::string rootOf(const std::string& dotted) {
  return dotted.substr(0, dotted.find('.'));
}

std::string join(const std::vector<std::string>& parts, const std::string& sep) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : sep) + p;
  return out;
}

bool startsWith(const std::string& s, const std::string& prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

// Expressions that belong to the statement itself, not to statements nested in it.
void forOwnExprs(const Stmt& s, const std::function<void(const Expr&)>& fn) {
  for (const Expr* d : s.decorators) visitExpr(*d, fn);
  for (const Argument& b : s.bases)
    if (b.value) visitExpr(*b.value, fn);
  for (const Param& p : s.params) {
    if (p.annotation) visitExpr(*p.annotation, fn);
    if (p.defaultValue) visitExpr(*p.defaultValue, fn);
  }
  if (s.annotation) visitExpr(*s.annotation, fn);
  for (const Expr* t : s.targets) visitExpr(*t, fn);
  if (s.value) visitExpr(*s.value, fn);
  for (const Expr* x : s.exprs) visitExpr(*x, fn);
}

struct TorchImport {
  const Stmt* stmt = nullptr;
  const Stmt* parent = nullptr;  // enclosing compound statement, null at module level
  std::vector<std::pair<std::string, std::string>> bindings;  // alias → qualified torch name
};

class Migrator {
 public:
  Migrator(const Module& m, const MigrationOptions& options, MigrationResult& result)
      : m_(m), options_(options), r_(result), tables_(ApiTables::instance()) {}

  void run() {
    collectImports();
    findCellClasses();
    visitStmts(m_.body, [&](const Stmt& s, const std::vector<const Stmt*>& chain) {
      currentClass_ = nullptr;
      for (auto it = chain.rbegin(); it != chain.rend(); ++it)
        if ((*it)->kind == StmtKind::Class) {
          currentClass_ = *it;
          break;
        }
      if (s.kind == StmtKind::Import || s.kind == StmtKind::ImportFrom) return;
      if (s.kind == StmtKind::Def && s.name == "forward" && !chain.empty() &&
          chain.back()->kind == StmtKind::Class && cellClasses_.count(chain.back()->name))
        convert(s.line, s.col, "forward", "construct", "torch.nn.Module.forward → Cell.construct",
                {Edit::replace(s.nameBegin, s.nameEnd, "construct")}, true);
      forOwnExprs(s, [&](const Expr& e) { visit(e, s); });
    });
    rewriteImports();
  }

 private:
  const Module& m_;
  const MigrationOptions& options_;
  MigrationResult& r_;
  const ApiTables& tables_;
  std::map<std::string, std::string> aliases_;  // local name → torch qualified name
  std::set<std::string> otherModuleAliases_;    // numpy, math, …: their methods are not Tensor's
  std::vector<TorchImport> imports_;
  std::set<std::string> cellClasses_;
  std::set<const Expr*> consumed_;
  std::set<std::string> needed_;       // mindspore, nn, ops, mint
  std::set<std::string> aliasesKept_;  // torch aliases unconverted code still uses
  bool needTorch_ = false;
  const Stmt* currentClass_ = nullptr;

  // ---- imports and classes ----
  void collectImports() {
    visitStmts(m_.body, [&](const Stmt& s, const std::vector<const Stmt*>& chain) {
      TorchImport imp;
      imp.stmt = &s;
      imp.parent = chain.empty() ? nullptr : chain.back();
      if (s.kind == StmtKind::Import) {
        for (const auto& n : s.names) {
          std::string alias = n.asname.empty() ? rootOf(n.name) : n.asname;
          if (!kTorchRoots.count(rootOf(n.name))) {
            otherModuleAliases_.insert(alias);
            continue;
          }
          std::string qualified = n.asname.empty() ? rootOf(n.name) : n.name;
          imp.bindings.emplace_back(alias, qualified);
        }
      } else if (s.kind == StmtKind::ImportFrom) {
        if (s.level != 0 || !kTorchRoots.count(rootOf(s.module))) {
          for (const auto& n : s.names)
            otherModuleAliases_.insert(n.asname.empty() ? n.name : n.asname);
          return;
        }
        for (const auto& n : s.names) {
          if (n.name == "*") continue;  // names unknown: references stay unresolved
          imp.bindings.emplace_back(n.asname.empty() ? n.name : n.asname, s.module + "." + n.name);
        }
      }
      if (imp.bindings.empty()) return;
      for (const auto& [alias, qualified] : imp.bindings) aliases_[alias] = qualified;
      imports_.push_back(std::move(imp));
    });
  }

  std::string resolve(const std::vector<std::string>& chain) const {
    std::string q = aliases_.at(chain[0]);
    for (size_t i = 1; i < chain.size(); ++i) q += "." + chain[i];
    return q;
  }

  void findCellClasses() {
    bool changed = true;
    while (changed) {
      changed = false;
      visitStmts(m_.body, [&](const Stmt& s, const std::vector<const Stmt*>&) {
        if (s.kind != StmtKind::Class || cellClasses_.count(s.name)) return;
        for (const Argument& b : s.bases) {
          if (!b.keyword.empty() || !b.value) continue;
          auto chain = attributeChain(*b.value);
          if (chain.empty()) continue;
          bool isCell = chain.size() == 1 && cellClasses_.count(chain[0]);
          if (!isCell && aliases_.count(chain[0])) {
            std::string q = resolve(chain);
            std::string last = q.substr(q.rfind('.') + 1);
            isCell = startsWith(q, "torch.nn.") && !last.empty() &&
                     std::isupper(static_cast<unsigned char>(last[0]));
          }
          if (isCell) {
            cellClasses_.insert(s.name);
            changed = true;
            return;
          }
        }
      });
    }
  }

  // ---- recording changes ----
  std::string render(const std::string& ms) {
    static const std::vector<std::pair<std::string, std::string>> modules = {
        {"mindspore.nn.", "nn"}, {"mindspore.ops.", "ops"}, {"mindspore.mint.", "mint"}};
    for (const auto& [prefix, name] : modules)
      if (startsWith(ms, prefix)) {
        needed_.insert(name);
        return name + "." + ms.substr(prefix.size());
      }
    needed_.insert("mindspore");
    return ms;
  }

  void convert(uint32_t line, uint32_t col, const std::string& from, const std::string& to,
               const std::string& detail, std::vector<Edit> edits, bool counts) {
    Change c;
    c.kind = ChangeKind::Convert;
    c.line = line;
    c.col = col;
    c.from = from;
    c.to = to;
    c.detail = detail;
    c.edits = std::move(edits);
    c.counted = counts;
    r_.changes.push_back(std::move(c));
    if (counts) ++r_.converted;
  }

  void unconvert(const Stmt& stmt, const Expr& e, const std::string& from,
                 const std::string& suggestion, const std::string& reason) {
    Change c;
    c.kind = ChangeKind::UnConvert;
    c.line = e.line;
    c.col = e.col;
    c.from = from;
    c.to = suggestion;
    c.detail = reason;
    uint32_t lineStart = m_.lineStartOf(stmt.begin);
    std::string indent;
    for (uint32_t i = lineStart;
         i < m_.source.size() && (m_.source[i] == ' ' || m_.source[i] == '\t'); ++i)
      indent += m_.source[i];
    std::string comment = indent + "# MindBridge: not converted (" + from + ": " + reason +
                          (suggestion.empty() ? "" : "; maybe " + suggestion) + ")\n";
    c.edits.push_back(Edit::insert(lineStart, comment));
    // The torch name stays: keep its import, or spell it out when its alias is a MindSpore name.
    auto chain = attributeChain(e.kind == ExprKind::Call ? *e.value : e);
    if (!chain.empty() && aliases_.count(chain[0])) {
      if (kMindSporeNames.count(chain[0])) {
        const Expr* root = e.kind == ExprKind::Call ? e.value : &e;
        while (root->kind == ExprKind::Attribute) root = root->value;
        c.edits.push_back(Edit::replace(root->begin, root->end, aliases_.at(chain[0])));
        needTorch_ = true;
      } else {
        aliasesKept_.insert(chain[0]);
      }
    }
    r_.changes.push_back(std::move(c));
    ++r_.unconverted;
  }

  void consumeChain(const Expr* e) {
    while (e && (e->kind == ExprKind::Attribute || e->kind == ExprKind::Name)) {
      consumed_.insert(e);
      e = e->kind == ExprKind::Attribute ? e->value : nullptr;
    }
  }

  // ---- expressions ----
  void visit(const Expr& e, const Stmt& stmt) {
    if (consumed_.count(&e)) return;
    if (e.kind == ExprKind::Call) {
      call(e, stmt);
    } else if (e.kind == ExprKind::Attribute || e.kind == ExprKind::Name) {
      reference(e, stmt);
    }
  }

  bool inCell() const { return currentClass_ && cellClasses_.count(currentClass_->name); }

  static bool isSelfOrSuper(const Expr& recv) {
    if (recv.kind == ExprKind::Name) return recv.text == "self";
    return recv.kind == ExprKind::Call && recv.value->kind == ExprKind::Name &&
           recv.value->text == "super";
  }

  void call(const Expr& c, const Stmt& stmt) {
    const Expr& callee = *c.value;
    auto chain = attributeChain(callee);
    if (!chain.empty() && aliases_.count(chain[0])) {
      consumeChain(&callee);
      apiCall(c, resolve(chain), stmt);
      return;
    }
    if (callee.kind != ExprKind::Attribute) return;
    const Expr& recv = *callee.value;
    const std::string& method = callee.text;
    if (isSelfOrSuper(recv)) {
      if (!inCell()) return;
      auto rule = applyCellMethodRule(m_, c, method);
      if (!rule) return;
      consumed_.insert(&callee);
      applyRule(c, "torch.nn.Module." + method, *rule, stmt);
      return;
    }
    auto recvChain = attributeChain(recv);
    if (!recvChain.empty() && otherModuleAliases_.count(recvChain[0])) return;
    if (recv.kind == ExprKind::String || recv.kind == ExprKind::Number) return;
    tensorMethod(c, method, stmt);
  }

  void tensorMethod(const Expr& c, const std::string& method, const Stmt& stmt) {
    const Expr& callee = *c.value;
    std::string from = "torch.Tensor." + method;
    // mint: the table's consistent rows (torch names and arguments) win over the classic rules.
    const ApiMapping* mintRow =
        options_.target == TargetApi::Mint ? tables_.mapping(TargetApi::Mint, from) : nullptr;
    if (mintRow && mintRow->status == MappingStatus::Consistent &&
        mintRow->mindsporeApi == "mindspore.Tensor." + method)
      return;
    if (auto rule = applyTensorMethodRule(m_, c, method, options_.target)) {
      consumed_.insert(&callee);
      applyRule(c, from, *rule, stmt);
      return;
    }
    const ApiMapping* row = tables_.mapping(options_.target, from);
    if (!row) row = tables_.mapping(TargetApi::Classic, from);
    if (!row || !startsWith(row->mindsporeApi, "mindspore.Tensor.")) return;
    std::string msMethod = row->mindsporeApi.substr(std::string("mindspore.Tensor.").size());
    if (msMethod == method) return;  // same name: nothing to rewrite
    consumed_.insert(&callee);
    bool keywords = std::any_of(c.args.begin(), c.args.end(),
                                [](const Argument& a) { return !a.keyword.empty(); });
    if (row->status == MappingStatus::Diff ||
        (row->status == MappingStatus::NamesDiffer && keywords) ||
        !tables_.isTensorMethod(msMethod)) {
      unconvert(stmt, c, from, row->mindsporeApi, "documented differences");
      return;
    }
    convert(c.line, c.col, from, row->mindsporeApi, "",
            {Edit::replace(callee.attrBegin, callee.end, msMethod)}, true);
  }

  // Does `target` exist in MindSpore 2.7 in a form that can replace the torch API?
  bool targetUsable(const std::string& torchApi, const std::string& target) const {
    if (startsWith(target, "mindspore.Tensor."))
      return tables_.isTensorMethod(target.substr(std::string("mindspore.Tensor.").size()));
    if (startsWith(target, "mindspore.nn.Cell.")) return true;
    const ApiEntry* entry = tables_.api(target);
    if (!entry) return false;
    std::string last = torchApi.substr(torchApi.rfind('.') + 1);
    bool torchIsClass = !last.empty() && std::isupper(static_cast<unsigned char>(last[0]));
    bool msIsClass = entry->kind == "cell" || entry->kind == "class" || entry->kind == "primitive";
    return torchIsClass == msIsClass || !torchIsClass;
  }

  void applyRule(const Expr& c, const std::string& from, const CallRuleResult& rule,
                 const Stmt& stmt) {
    if (!rule.unconverted.empty()) {
      unconvert(stmt, c, from, rule.target, rule.unconverted);
      return;
    }
    if (!targetUsable(from, rule.target)) {
      unconvert(stmt, c, from, rule.target, "not in MindBridge's MindSpore 2.7 API table");
      return;
    }
    std::vector<Edit> edits = rule.edits;
    if (!rule.replacesCallee)
      edits.insert(edits.begin(), Edit::replace(c.value->begin, c.value->end, render(rule.target)));
    convert(c.line, c.col, from, rule.target, join(rule.notes, "; "), std::move(edits), true);
  }

  // A table row applied without a rule of ours: the name changes, arguments carry over.
  bool tableCall(const Expr& c, const std::string& torchApi, const ApiMapping& row,
                 const Stmt& stmt, bool lastChance) {
    const std::string& target = row.mindsporeApi;
    if (!targetUsable(torchApi, target)) {
      if (lastChance)
        unconvert(stmt, c, torchApi, target, "not in MindBridge's MindSpore 2.7 API table");
      return lastChance;
    }
    bool keywords = std::any_of(c.args.begin(), c.args.end(),
                                [](const Argument& a) { return !a.keyword.empty(); });
    if (row.status == MappingStatus::Diff) {
      if (lastChance) unconvert(stmt, c, torchApi, target, "the mapping table lists differences");
      return lastChance;
    }
    if (row.status == MappingStatus::NamesDiffer && keywords) {
      if (lastChance) unconvert(stmt, c, torchApi, target, "parameter names differ");
      return lastChance;
    }
    const ApiEntry* entry = tables_.api(target);
    if (entry && entry->hasSignature && !entry->overloaded) {
      size_t positional = 0, capacity = 0;
      bool varPositional = false;
      for (const Argument& a : c.args) positional += a.keyword.empty() && a.star == 0;
      for (const ApiParam& p : entry->params) {
        varPositional |= p.kind == ApiParam::VarPositional;
        capacity += p.kind == ApiParam::PositionalOrKeyword || p.kind == ApiParam::PositionalOnly;
      }
      if (!varPositional && positional > capacity) {
        if (lastChance)
          unconvert(stmt, c, torchApi, target,
                    "more positional arguments than " + target + " takes");
        return lastChance;
      }
    }
    std::vector<std::string> params;
    for (size_t i = 0; i < c.args.size(); ++i)
      params.push_back(c.args[i].keyword.empty() ? "#" + std::to_string(i) : c.args[i].keyword);
    CallEditor ed(m_, c, params);
    std::vector<std::string> notes;
    for (const Argument& a : c.args) {
      if (a.keyword.empty() || !entry || entry->acceptsKeyword(a.keyword)) continue;
      if (isTorchOnlyKeyword(a.keyword)) {
        ed.drop(a.keyword);
        notes.push_back("dropped " + a.keyword);
        continue;
      }
      if (lastChance)
        unconvert(stmt, c, torchApi, target, "argument '" + a.keyword + "' has no counterpart");
      return lastChance;
    }
    std::vector<Edit> edits = ed.finish();
    edits.insert(edits.begin(), Edit::replace(c.value->begin, c.value->end, render(target)));
    convert(c.line, c.col, torchApi, target, join(notes, "; "), std::move(edits), true);
    return true;
  }

  void apiCall(const Expr& c, const std::string& torchApi, const Stmt& stmt) {
    const ApiMapping* classicRow = tables_.mapping(TargetApi::Classic, torchApi);
    if (options_.target == TargetApi::Mint) {
      if (auto rule = applyCallRule(m_, c, torchApi, TargetApi::Mint)) {
        applyRule(c, torchApi, *rule, stmt);
        return;
      }
      if (const ApiMapping* row = tables_.mapping(TargetApi::Mint, torchApi))
        if (tableCall(c, torchApi, *row, stmt, false)) return;
    }
    if (auto rule = applyCallRule(m_, c, torchApi, TargetApi::Classic)) {
      applyRule(c, torchApi, *rule, stmt);
      return;
    }
    if (classicRow) {
      tableCall(c, torchApi, *classicRow, stmt, true);
      return;
    }
    if (auto ref = referenceRule(torchApi, options_.target)) {  // torch.Tensor(...)
      CallRuleResult rule;
      rule.target = *ref;
      applyRule(c, torchApi, rule, stmt);
      return;
    }
    const ApiMapping* mintRow = tables_.mapping(TargetApi::Mint, torchApi);
    unconvert(stmt, c, torchApi, mintRow ? mintRow->mindsporeApi : "", "no MindSpore mapping");
  }

  void reference(const Expr& e, const Stmt& stmt) {
    auto chain = attributeChain(e);
    if (chain.empty()) return;
    consumeChain(&e);
    if (chain.size() == 2 && chain[0] == "self" && chain[1] == "forward" && inCell()) {
      convert(e.line, e.col, "forward", "construct", "",
              {Edit::replace(e.attrBegin, e.end, "construct")}, true);
      return;
    }
    if (!aliases_.count(chain[0])) return;
    std::string torchName = resolve(chain);
    std::optional<std::string> target = referenceRule(torchName, options_.target);
    auto fromRow = [&](TargetApi level) -> std::optional<std::string> {
      const ApiMapping* row = tables_.mapping(level, torchName);
      if (row && targetUsable(torchName, row->mindsporeApi) &&
          !startsWith(row->mindsporeApi, "mindspore.Tensor."))
        return row->mindsporeApi;
      return std::nullopt;
    };
    if (!target && options_.target == TargetApi::Mint) target = fromRow(TargetApi::Mint);
    if (!target) target = fromRow(TargetApi::Classic);
    if (target) {
      convert(e.line, e.col, torchName, *target, "",
              {Edit::replace(e.begin, e.end, render(*target))}, true);
      return;
    }
    unconvert(stmt, e, torchName, "", "no MindSpore mapping");
  }

  // ---- imports ----
  std::vector<std::string> preferredModules(const TorchImport& imp) const {
    std::vector<std::string> out;
    for (const auto& [alias, q] : imp.bindings) {
      if (q == "torch" || rootOf(q) != "torch") {
        out.push_back("mindspore");
      } else if (startsWith(q, "torch.nn.functional")) {
        out.push_back(options_.target == TargetApi::Mint ? "mint" : "ops");
      } else if (q == "torch.nn" || startsWith(q, "torch.nn.")) {
        out.push_back("nn");
        if (options_.target == TargetApi::Mint) out.push_back("mint");
      } else {
        out.push_back("mindspore");
        out.push_back("ops");
      }
    }
    return out;
  }

  static std::string importLines(const std::vector<std::string>& modules,
                                 const std::string& indent) {
    std::vector<std::string> lines, fromNames;
    for (const auto& mod : modules) {
      if (mod == "torch")
        lines.push_back("import torch");
      else if (mod == "mindspore")
        lines.push_back("import mindspore");
      else
        fromNames.push_back(mod);
    }
    std::sort(fromNames.begin(), fromNames.end());
    if (!fromNames.empty()) lines.push_back("from mindspore import " + join(fromNames, ", "));
    return join(lines, "\n" + indent);
  }

  std::string indentOf(const Stmt& s) const {
    std::string indent;
    for (uint32_t i = m_.lineStartOf(s.begin); i < s.begin; ++i) {
      char ch = m_.source[i];
      if (ch != ' ' && ch != '\t') return "";  // not first on its line
      indent += ch;
    }
    return indent;
  }

  // Removes a statement: its whole line when it stands alone, `pass` when the block would be empty
  // or the line holds other statements.
  Edit removal(const TorchImport& imp) const {
    const Stmt& s = *imp.stmt;
    const auto& siblings = imp.parent ? imp.parent->body : m_.body;
    if (siblings.size() == 1) return Edit::replace(s.begin, s.end, "pass");
    uint32_t lineStart = m_.lineStartOf(s.begin);
    bool aloneBefore = indentOf(s).size() == s.begin - lineStart;
    uint32_t after = s.end;
    while (after < m_.source.size() && (m_.source[after] == ' ' || m_.source[after] == '\t'))
      ++after;
    bool endsLine =
        after >= m_.source.size() || m_.source[after] == '\n' || m_.source[after] == '\r';
    if (aloneBefore && endsLine) {
      uint32_t end = after;
      if (end < m_.source.size() && m_.source[end] == '\r') ++end;
      if (end < m_.source.size() && m_.source[end] == '\n') ++end;
      return Edit::replace(lineStart, end, "");
    }
    if (aloneBefore && after < m_.source.size() && m_.source[after] == '#')
      return Edit::replace(s.begin, after, "");  // keep the comment
    return Edit::replace(s.begin, s.end, "pass");
  }

  void rewriteImports() {
    bool torchKept = false;
    for (const auto& imp : imports_)
      for (const auto& [alias, q] : imp.bindings)
        if (aliasesKept_.count(alias) && alias == "torch" && q == "torch") torchKept = true;
    if (needTorch_ && !torchKept) {
      bool plainTorchImport = false;
      for (const auto& imp : imports_)
        for (const auto& [alias, q] : imp.bindings)
          if (alias == "torch" && q == "torch") plainTorchImport = true;
      if (plainTorchImport)
        aliasesKept_.insert("torch");
      else
        needed_.insert("torch");
    }
    std::vector<const TorchImport*> removable;
    for (const auto& imp : imports_) {
      bool keep = false;
      for (const auto& [alias, q] : imp.bindings) keep |= aliasesKept_.count(alias) > 0;
      if (!keep) removable.push_back(&imp);
    }
    std::set<std::string> placed;
    std::map<const TorchImport*, std::vector<std::string>> assigned;
    for (const TorchImport* imp : removable)
      for (const auto& mod : preferredModules(*imp))
        if (needed_.count(mod) && !placed.count(mod)) {
          placed.insert(mod);
          assigned[imp].push_back(mod);
        }
    for (const auto& mod : needed_)
      if (!placed.count(mod) && !removable.empty()) {
        // Lines the first removable import takes over: torch first, then the others.
        auto& list = assigned[removable.front()];
        if (mod == "torch")
          list.insert(list.begin(), mod);
        else
          list.push_back(mod);
        placed.insert(mod);
      }
    for (const TorchImport* imp : removable) {
      const Stmt& s = *imp->stmt;
      std::string from(m_.text(s.begin, s.end));
      auto it = assigned.find(imp);
      if (it == assigned.end()) {
        convert(s.line, s.col, from, "", "no longer needed", {removal(*imp)}, false);
        continue;
      }
      std::string text = importLines(it->second, indentOf(s));
      std::string shown = text;
      for (size_t p = shown.find('\n'); p != std::string::npos; p = shown.find('\n', p))
        shown.replace(p, shown.find_first_not_of(" \t", p + 1) - p, "; ");
      convert(s.line, s.col, from, shown, "", {Edit::replace(s.begin, s.end, text)}, false);
    }
    std::vector<std::string> missing;
    for (const auto& mod : needed_)
      if (!placed.count(mod)) missing.push_back(mod);
    if (missing.empty()) return;
    // Every torch import stays (unconverted code uses it): insert ours before the first one.
    uint32_t at = 0;
    std::string indent;
    if (!imports_.empty()) {
      at = m_.lineStartOf(imports_.front().stmt->begin);
      indent = indentOf(*imports_.front().stmt);
    }
    std::string text = importLines(missing, indent);
    for (size_t start = 0; start < text.size();) {
      size_t nl = text.find('\n', start);
      std::string line =
          text.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
      size_t first = line.find_first_not_of(" \t");
      Change c;
      c.kind = ChangeKind::Insert;
      c.from = line.substr(first == std::string::npos ? 0 : first);
      c.edits.push_back(Edit::insert(at, indent + c.from + "\n"));
      r_.changes.push_back(std::move(c));
      if (nl == std::string::npos) break;
      start = nl + 1;
    }
  }
};

}  // namespace

std::string applyChanges(const MigrationResult& result, const std::vector<bool>& accepted) {
  std::vector<const Edit*> edits;
  for (size_t i = 0; i < result.changes.size(); ++i) {
    if (!accepted.empty() && (i >= accepted.size() || !accepted[i])) continue;
    for (const Edit& e : result.changes[i].edits) edits.push_back(&e);
  }
  return applyEdits(result.original, edits);
}

MigrationResult applyReview(const MigrationResult& result, const std::vector<bool>& accepted) {
  MigrationResult reviewed = result;
  std::vector<bool> keep(result.changes.size(), true);
  for (size_t i = 0; i < result.changes.size(); ++i) {
    Change& c = reviewed.changes[i];
    if (!isReviewable(c) || i >= accepted.size() || accepted[i]) continue;
    keep[i] = false;
    if (c.kind == ChangeKind::Insert) continue;  // removed below: a line it would have added
    if (c.counted) --reviewed.converted, ++reviewed.unconverted;
    c.kind = ChangeKind::UnConvert;
    c.detail = "rejected in review (proposed: " + c.to + ")";
    c.to.clear();
    c.edits.clear();
    c.counted = false;
  }
  reviewed.output = applyChanges(result, keep);
  std::vector<Change> changes;
  for (size_t i = 0; i < reviewed.changes.size(); ++i)
    if (keep[i] || reviewed.changes[i].kind != ChangeKind::Insert)
      changes.push_back(std::move(reviewed.changes[i]));
  reviewed.changes = std::move(changes);
  return reviewed;
}

Expected<MigrationResult> migrateScript(std::string source, const std::string& fileName,
                                        const MigrationOptions& options) {
  auto module = parsePython(std::move(source), fileName);
  if (!module) return module.error();
  MigrationResult result;
  result.fileName = fileName;
  result.target = options.target;
  result.original = (*module)->source;
  Migrator(**module, options, result).run();
  std::stable_sort(result.changes.begin(), result.changes.end(),
                   [](const Change& a, const Change& b) {
                     if ((a.kind == ChangeKind::Insert) != (b.kind == ChangeKind::Insert))
                       return a.kind == ChangeKind::Insert;
                     if (a.line != b.line) return a.line < b.line;
                     return a.col < b.col;
                   });
  std::vector<const Edit*> edits;
  for (const Change& c : result.changes)
    for (const Edit& e : c.edits) edits.push_back(&e);
  result.output = applyEdits(result.original, edits, &result.editConflicts);
  return result;
}

}  // namespace mb::migrate

namespace mb::migrate {

Expected<std::string> readPythonScript(const std::string& path) {
  std::error_code ec;
  auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status))
    return makeError(ErrorCode::FileNotFound, "no such file", path);
  if (std::filesystem::is_directory(status))
    return makeError(ErrorCode::InvalidArgument, "is a folder, not a Python script", path);
  auto size = std::filesystem::file_size(path, ec);
  constexpr uintmax_t kLimit = 16u << 20;
  if (!ec && size > kLimit)
    return makeError(ErrorCode::LimitExceeded,
                     "is " + std::to_string(size) + " bytes; scripts over 16 MiB are refused",
                     path);
  std::ifstream in(path, std::ios::binary);
  if (!in) return makeError(ErrorCode::FileUnreadable, "cannot be opened for reading", path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return makeError(ErrorCode::FileUnreadable, "read failed", path);
  return text;
}

}  // namespace mb::migrate
