// Recursive-descent parser over the significant tokens (comments and NL dropped), following the
// Python grammar's precedence levels. Built for reading, not for validating every rule: it accepts
// a little more than CPython (e.g. any expression as an assignment target) but never less.
#include <algorithm>
#include <array>

#include "migrate/python_ast.h"

namespace mb::migrate {

namespace {

constexpr std::array<std::string_view, 35> kKeywords = {
    "False", "None",     "True",  "and",    "as",   "assert", "async",  "await",    "break",
    "class", "continue", "def",   "del",    "elif", "else",   "except", "finally",  "for",
    "from",  "global",   "if",    "import", "in",   "is",     "lambda", "nonlocal", "not",
    "or",    "pass",     "raise", "return", "try",  "while",  "with",   "yield"};

bool isKeyword(std::string_view word) {
  return std::find(kKeywords.begin(), kKeywords.end(), word) != kKeywords.end();
}

class Parser {
 public:
  explicit Parser(Module& m) : m_(m) {
    for (uint32_t i = 0; i < m.tokens.size(); ++i) {
      auto k = m.tokens[i].kind;
      if (k != TokenKind::Comment && k != TokenKind::Nl) sig_.push_back(i);
    }
  }

  Status parseModule() {
    while (!atKind(TokenKind::EndMarker)) {
      if (atKind(TokenKind::Newline)) {
        ++pos_;
        continue;
      }
      if (atKind(TokenKind::Indent)) return error("unexpected indent");
      MB_TRY(statement(m_.body));
    }
    return {};
  }

 private:
  Module& m_;
  std::vector<uint32_t> sig_;
  size_t pos_ = 0;
  int depth_ = 0;  // recursion guard: hostile input must not overflow the stack

  struct DepthGuard {
    int& depth;
    explicit DepthGuard(int& d) : depth(d) { ++depth; }
    ~DepthGuard() { --depth; }
  };
  static constexpr int kMaxDepth = 300;

  // ---- token access ----
  const Token& tok(size_t at) const { return m_.tokens[sig_[std::min(at, sig_.size() - 1)]]; }
  const Token& cur() const { return tok(pos_); }
  std::string_view curText() const { return cur().text(m_.source); }
  bool atKind(TokenKind k) const { return cur().kind == k; }
  bool atOp(std::string_view op) const { return cur().kind == TokenKind::Op && curText() == op; }
  bool atOpAt(size_t at, std::string_view op) const {
    return tok(at).kind == TokenKind::Op && tok(at).text(m_.source) == op;
  }
  bool atWord(std::string_view w) const { return cur().kind == TokenKind::Name && curText() == w; }
  bool atWordAt(size_t at, std::string_view w) const {
    return tok(at).kind == TokenKind::Name && tok(at).text(m_.source) == w;
  }
  uint32_t prevEnd() const { return pos_ > 0 ? tok(pos_ - 1).end : 0; }

  Error error(const std::string& message) const {
    const Token& t = cur();
    std::string near = t.kind == TokenKind::Newline     ? "end of line"
                       : t.kind == TokenKind::EndMarker ? "end of file"
                       : t.kind == TokenKind::Indent    ? "indent"
                       : t.kind == TokenKind::Dedent    ? "dedent"
                                                        : "'" + std::string(curText()) + "'";
    return makeError(ErrorCode::BadFormat,
                     "cannot read the Python source: invalid syntax at " + near + ": " + message,
                     sourceLocation(m_.fileName, t.line, t.col));
  }
  Status expectOp(std::string_view op) {
    if (!atOp(op)) return error("expected '" + std::string(op) + "'");
    ++pos_;
    return {};
  }
  Expected<std::string> expectName() {
    if (!atKind(TokenKind::Name) || isKeyword(curText())) return error("expected a name");
    return std::string(m_.tokens[sig_[pos_++]].text(m_.source));
  }

  Expr& newExpr(ExprKind kind, const Token& first) {
    Expr& e = m_.exprs.emplace_back();
    e.kind = kind;
    e.begin = first.begin;
    e.line = first.line;
    e.col = first.col;
    return e;
  }
  Expr& newExprFrom(ExprKind kind, const Expr& first) {
    Expr& e = m_.exprs.emplace_back();
    e.kind = kind;
    e.begin = first.begin;
    e.line = first.line;
    e.col = first.col;
    return e;
  }
  Stmt& newStmt(StmtKind kind, const Token& first) {
    Stmt& s = m_.stmts.emplace_back();
    s.kind = kind;
    s.begin = first.begin;
    s.line = first.line;
    s.col = first.col;
    return s;
  }

  // ---- statements ----
  Status statement(std::vector<Stmt*>& out) {
    DepthGuard guard(depth_);
    if (depth_ > kMaxDepth) return error("blocks nested too deeply");
    if (atOp("@")) return decorated(out);
    if (atKind(TokenKind::Name)) {
      auto w = curText();
      if (w == "def" || w == "class" || w == "if" || w == "elif" || w == "else" || w == "while" ||
          w == "for" || w == "try" || w == "except" || w == "finally" || w == "with")
        return compound(out, {});
      if (w == "async" &&
          (atWordAt(pos_ + 1, "def") || atWordAt(pos_ + 1, "for") || atWordAt(pos_ + 1, "with")))
        return compound(out, {});
      if ((w == "match" || w == "case") && softKeywordHeader()) return compound(out, {});
    }
    return simpleLine(out);
  }

  // `match x:` / `case p:` — a header ending in ':' whose first word is not used as a name.
  bool softKeywordHeader() const {
    const Token& next = tok(pos_ + 1);
    if (next.kind == TokenKind::Newline) return false;
    if (next.kind == TokenKind::Op) {
      auto t = next.text(m_.source);
      if (t != "(" && t != "[" && t != "{" && t != "-" && t != "*" && t != "~") return false;
    }
    int depth = 0;
    for (size_t i = pos_ + 1; i < sig_.size(); ++i) {
      const Token& t = tok(i);
      if (t.kind == TokenKind::Newline || t.kind == TokenKind::EndMarker) return false;
      if (t.kind != TokenKind::Op) continue;
      auto s = t.text(m_.source);
      if (s == "(" || s == "[" || s == "{") ++depth;
      if (s == ")" || s == "]" || s == "}") --depth;
      if (s == ":" && depth == 0) return true;
      if ((s == "=" || s == ";") && depth == 0) return false;
    }
    return false;
  }

  Status decorated(std::vector<Stmt*>& out) {
    std::vector<const Expr*> decorators;
    while (atOp("@")) {
      ++pos_;
      auto e = namedTest();
      if (!e) return e.error();
      decorators.push_back(*e);
      if (!atKind(TokenKind::Newline)) return error("expected the end of the decorator line");
      ++pos_;
    }
    bool ok = atWord("def") || atWord("class") || (atWord("async") && atWordAt(pos_ + 1, "def"));
    if (!ok) return error("a decorator must be followed by 'def' or 'class'");
    return compound(out, std::move(decorators));
  }

  Status compound(std::vector<Stmt*>& out, std::vector<const Expr*> decorators) {
    const Token& first = cur();
    bool isAsync = false;
    if (atWord("async")) {
      isAsync = true;
      ++pos_;
    }
    std::string word(curText());
    Stmt* s = nullptr;
    if (word == "def") {
      MB_TRY(defHeader(first, s));
    } else if (word == "class") {
      MB_TRY(classHeader(first, s));
    } else if (word == "if" || word == "elif" || word == "while") {
      s = &newStmt(word == "if"     ? StmtKind::If
                   : word == "elif" ? StmtKind::Elif
                                    : StmtKind::While,
                   first);
      ++pos_;
      auto test = namedTest();
      if (!test) return test.error();
      s->value = *test;
    } else if (word == "else" || word == "try" || word == "finally") {
      s = &newStmt(word == "else"  ? StmtKind::Else
                   : word == "try" ? StmtKind::Try
                                   : StmtKind::Finally,
                   first);
      ++pos_;
    } else if (word == "for") {
      s = &newStmt(StmtKind::For, first);
      ++pos_;
      auto target = exprList();
      if (!target) return target.error();
      s->targets.push_back(*target);
      if (!atWord("in")) return error("expected 'in'");
      ++pos_;
      auto iter = testList(true);
      if (!iter) return iter.error();
      s->value = *iter;
    } else if (word == "except") {
      s = &newStmt(StmtKind::Except, first);
      ++pos_;
      if (atOp("*")) ++pos_;
      if (!atOp(":")) {
        auto type = test();
        if (!type) return type.error();
        s->exprs.push_back(*type);
        if (atOp(
                ",")) {  // Python 3.11+: except A, B: is not allowed without parens, but be lenient
          auto more = testList(false);
          if (!more) return more.error();
        }
        if (atWord("as")) {
          ++pos_;
          auto name = expectName();
          if (!name) return name.error();
        }
      }
    } else if (word == "with") {
      s = &newStmt(StmtKind::With, first);
      ++pos_;
      MB_TRY(withItems(*s));
    } else if (word == "match") {
      s = &newStmt(StmtKind::Match, first);
      ++pos_;
      auto subject = testList(true);
      if (!subject) return subject.error();
      s->value = *subject;
    } else {  // case: the pattern is skipped up to the header's ':'
      s = &newStmt(StmtKind::Case, first);
      int depth = 0;
      while (!(atOp(":") && depth == 0)) {
        if (atKind(TokenKind::Newline) || atKind(TokenKind::EndMarker))
          return error("expected ':' after the case pattern");
        if (atOp("(") || atOp("[") || atOp("{")) ++depth;
        if (atOp(")") || atOp("]") || atOp("}")) --depth;
        ++pos_;
      }
    }
    s->isAsync = isAsync;
    s->decorators = std::move(decorators);
    s->end = prevEnd();
    MB_TRY(expectOp(":"));
    out.push_back(s);
    return suite(s->body);
  }

  Status suite(std::vector<Stmt*>& body) {
    if (!atKind(TokenKind::Newline)) return simpleLine(body);  // `if x: return y`
    ++pos_;
    if (!atKind(TokenKind::Indent)) return error("expected an indented block");
    ++pos_;
    while (!atKind(TokenKind::Dedent) && !atKind(TokenKind::EndMarker)) {
      if (atKind(TokenKind::Newline)) {
        ++pos_;
        continue;
      }
      if (atKind(TokenKind::Indent)) return error("unexpected indent");
      MB_TRY(statement(body));
    }
    if (atKind(TokenKind::Dedent)) ++pos_;
    return {};
  }

  Status defHeader(const Token& first, Stmt*& s) {
    s = &newStmt(StmtKind::Def, first);
    ++pos_;
    s->nameBegin = cur().begin;
    auto name = expectName();
    if (!name) return name.error();
    s->name = *name;
    s->nameEnd = prevEnd();
    if (atOp("[")) MB_TRY(skipBrackets());  // PEP 695 type parameters
    MB_TRY(expectOp("("));
    MB_TRY(parameters(s->params, ")", true));
    MB_TRY(expectOp(")"));
    if (atOp("->")) {
      ++pos_;
      auto ann = test();
      if (!ann) return ann.error();
      s->annotation = *ann;
    }
    return {};
  }

  Status classHeader(const Token& first, Stmt*& s) {
    s = &newStmt(StmtKind::Class, first);
    ++pos_;
    s->nameBegin = cur().begin;
    auto name = expectName();
    if (!name) return name.error();
    s->name = *name;
    s->nameEnd = prevEnd();
    if (atOp("[")) MB_TRY(skipBrackets());
    if (atOp("(")) {
      ++pos_;
      MB_TRY(arguments(s->bases));
      MB_TRY(expectOp(")"));
    }
    return {};
  }

  Status skipBrackets() {
    int depth = 0;
    do {
      if (atKind(TokenKind::EndMarker)) return error("unbalanced brackets");
      if (atOp("(") || atOp("[") || atOp("{")) ++depth;
      if (atOp(")") || atOp("]") || atOp("}")) --depth;
      ++pos_;
    } while (depth > 0);
    return {};
  }

  // def / lambda parameter lists, up to (not including) `closer`.
  Status parameters(std::vector<Param>& out, std::string_view closer, bool annotations) {
    while (!atOp(closer)) {
      Param p;
      p.begin = cur().begin;
      if (atOp("/")) {
        ++pos_;
      } else {
        if (atOp("*") || atOp("**")) {
          p.star = atOp("*") ? 1 : 2;
          ++pos_;
        }
        if (atKind(TokenKind::Name)) {
          auto name = expectName();
          if (!name) return name.error();
          p.name = *name;
          if (annotations && atOp(":")) {
            ++pos_;
            auto ann = p.star == 1 && atOp("*") ? starExpr() : test();  // *args: *Ts (3.11)
            if (!ann) return ann.error();
            p.annotation = *ann;
          }
          if (atOp("=")) {
            ++pos_;
            auto def = test();
            if (!def) return def.error();
            p.defaultValue = *def;
          }
        } else if (p.star != 1) {
          return error("expected a parameter name");
        }
      }
      p.end = prevEnd();
      out.push_back(std::move(p));
      if (!atOp(",")) break;
      ++pos_;
    }
    return {};
  }

  Status withItems(Stmt& s) {
    // `with (a as b, c):` (3.10) vs `with (a) as b:`: parenthesised items when the ')' closing the
    // first '(' is followed by ':'.
    bool parenthesised = false;
    if (atOp("(")) {
      size_t at = pos_;
      int depth = 0;
      do {
        if (tok(at).kind == TokenKind::EndMarker) break;
        if (atOpAt(at, "(") || atOpAt(at, "[") || atOpAt(at, "{")) ++depth;
        if (atOpAt(at, ")") || atOpAt(at, "]") || atOpAt(at, "}")) --depth;
        ++at;
      } while (depth > 0);
      parenthesised = atOpAt(at, ":");
      if (parenthesised) {
        // `with (x):` alone is just a parenthesised expression: fine either way.
        ++pos_;
      }
    }
    while (true) {
      if (parenthesised && atOp(")")) break;
      auto item = test();
      if (!item) return item.error();
      s.exprs.push_back(*item);
      if (atWord("as")) {
        ++pos_;
        auto target = primaryTarget();
        if (!target) return target.error();
        s.targets.push_back(*target);
      }
      if (!atOp(",")) break;
      ++pos_;
    }
    if (parenthesised) MB_TRY(expectOp(")"));
    return {};
  }

  Expected<const Expr*> primaryTarget() {
    if (atOp("(") || atOp("[")) return atom();
    return primary();
  }

  Status simpleLine(std::vector<Stmt*>& out) {
    while (true) {
      MB_TRY(simpleStatement(out));
      if (atOp(";")) {
        ++pos_;
        if (atKind(TokenKind::Newline)) break;
        continue;
      }
      break;
    }
    if (atKind(TokenKind::EndMarker)) return {};
    if (!atKind(TokenKind::Newline)) return error("expected the end of the statement");
    ++pos_;
    return {};
  }

  Status simpleStatement(std::vector<Stmt*>& out) {
    const Token& first = cur();
    auto w = atKind(TokenKind::Name) ? curText() : std::string_view();
    Stmt* s = nullptr;
    if (w == "pass" || w == "break" || w == "continue") {
      s = &newStmt(w == "pass"    ? StmtKind::Pass
                   : w == "break" ? StmtKind::Break
                                  : StmtKind::Continue,
                   first);
      ++pos_;
    } else if (w == "return") {
      s = &newStmt(StmtKind::Return, first);
      ++pos_;
      if (!atStatementEnd()) {
        auto v = testList(true);
        if (!v) return v.error();
        s->value = *v;
      }
    } else if (w == "del") {
      s = &newStmt(StmtKind::Del, first);
      ++pos_;
      auto v = exprList();
      if (!v) return v.error();
      s->targets.push_back(*v);
    } else if (w == "raise") {
      s = &newStmt(StmtKind::Raise, first);
      ++pos_;
      if (!atStatementEnd()) {
        auto v = test();
        if (!v) return v.error();
        s->value = *v;
        if (atWord("from")) {
          ++pos_;
          auto cause = test();
          if (!cause) return cause.error();
          s->exprs.push_back(*cause);
        }
      }
    } else if (w == "global" || w == "nonlocal") {
      s = &newStmt(w == "global" ? StmtKind::Global : StmtKind::Nonlocal, first);
      ++pos_;
      while (true) {
        ImportName n;
        n.begin = cur().begin;
        auto name = expectName();
        if (!name) return name.error();
        n.name = *name;
        n.end = prevEnd();
        s->names.push_back(n);
        if (!atOp(",")) break;
        ++pos_;
      }
    } else if (w == "assert") {
      s = &newStmt(StmtKind::Assert, first);
      ++pos_;
      auto v = test();
      if (!v) return v.error();
      s->exprs.push_back(*v);
      if (atOp(",")) {
        ++pos_;
        auto msg = test();
        if (!msg) return msg.error();
        s->exprs.push_back(*msg);
      }
    } else if (w == "import") {
      s = &newStmt(StmtKind::Import, first);
      ++pos_;
      MB_TRY(importNames(s->names, true));
    } else if (w == "from") {
      s = &newStmt(StmtKind::ImportFrom, first);
      MB_TRY(fromImport(*s));
    } else if (w == "type" && tok(pos_ + 1).kind == TokenKind::Name &&
               (atOpAt(pos_ + 2, "=") || atOpAt(pos_ + 2, "["))) {
      s = &newStmt(StmtKind::TypeAlias, first);  // PEP 695: type X[T] = ...
      ++pos_;
      s->nameBegin = cur().begin;
      s->name = std::string(curText());
      ++pos_;
      s->nameEnd = prevEnd();
      if (atOp("[")) MB_TRY(skipBrackets());
      MB_TRY(expectOp("="));
      auto v = test();
      if (!v) return v.error();
      s->value = *v;
    } else {
      MB_TRY(expressionStatement(first, s));
    }
    s->end = prevEnd();
    out.push_back(s);
    return {};
  }

  bool atStatementEnd() const {
    return atKind(TokenKind::Newline) || atKind(TokenKind::EndMarker) || atOp(";");
  }

  Status importNames(std::vector<ImportName>& out, bool dotted) {
    while (true) {
      ImportName n;
      n.begin = cur().begin;
      auto name = expectName();
      if (!name) return name.error();
      n.name = *name;
      while (dotted && atOp(".")) {
        ++pos_;
        auto part = expectName();
        if (!part) return part.error();
        n.name += "." + *part;
      }
      if (atWord("as")) {
        ++pos_;
        auto as = expectName();
        if (!as) return as.error();
        n.asname = *as;
      }
      n.end = prevEnd();
      out.push_back(std::move(n));
      if (!atOp(",")) break;
      ++pos_;
      if (atOp(")")) break;  // trailing comma inside parentheses
    }
    return {};
  }

  Status fromImport(Stmt& s) {
    ++pos_;
    while (atOp(".") || atOp("...")) {
      s.level += atOp(".") ? 1 : 3;
      ++pos_;
    }
    if (!atWord("import")) {
      auto name = expectName();
      if (!name) return name.error();
      s.module = *name;
      while (atOp(".")) {
        ++pos_;
        auto part = expectName();
        if (!part) return part.error();
        s.module += "." + *part;
      }
    }
    if (!atWord("import")) return error("expected 'import'");
    ++pos_;
    if (atOp("*")) {
      ImportName star{"*", "", cur().begin, cur().end};
      s.names.push_back(star);
      ++pos_;
      return {};
    }
    bool paren = atOp("(");
    if (paren) ++pos_;
    MB_TRY(importNames(s.names, false));
    if (paren) MB_TRY(expectOp(")"));
    return {};
  }

  Status expressionStatement(const Token& first, Stmt*& s) {
    auto lhs = atWord("yield") ? yieldExpr() : testList(true);
    if (!lhs) return lhs.error();
    if (atOp(":")) {  // annotated assignment
      s = &newStmt(StmtKind::AnnAssign, first);
      s->targets.push_back(*lhs);
      ++pos_;
      auto ann = test();
      if (!ann) return ann.error();
      s->annotation = *ann;
      if (atOp("=")) {
        ++pos_;
        auto v = atWord("yield") ? yieldExpr() : testList(true);
        if (!v) return v.error();
        s->value = *v;
      }
      return {};
    }
    static constexpr std::array<std::string_view, 13> kAug = {
        "+=", "-=", "*=", "/=", "//=", "%=", "@=", "&=", "|=", "^=", ">>=", "<<=", "**="};
    if (cur().kind == TokenKind::Op &&
        std::find(kAug.begin(), kAug.end(), curText()) != kAug.end()) {
      s = &newStmt(StmtKind::AugAssign, first);
      s->name = std::string(curText());
      s->targets.push_back(*lhs);
      ++pos_;
      auto v = atWord("yield") ? yieldExpr() : testList(true);
      if (!v) return v.error();
      s->value = *v;
      return {};
    }
    if (atOp("=")) {
      s = &newStmt(StmtKind::Assign, first);
      const Expr* value = *lhs;
      while (atOp("=")) {
        ++pos_;
        s->targets.push_back(value);
        auto v = atWord("yield") ? yieldExpr() : testList(true);
        if (!v) return v.error();
        value = *v;
      }
      s->value = value;
      return {};
    }
    s = &newStmt(StmtKind::Expr, first);
    s->value = *lhs;
    return {};
  }

  // ---- expressions ----
  Expected<const Expr*> yieldExpr() {
    Expr& e = newExpr(ExprKind::Yield, cur());
    ++pos_;
    if (atWord("from")) {
      ++pos_;
      auto v = test();
      if (!v) return v.error();
      e.value = *v;
    } else if (!atStatementEnd() && !atOp(")") && !atOp("=")) {
      auto v = testList(true);
      if (!v) return v.error();
      e.value = *v;
    }
    e.end = prevEnd();
    return &e;
  }

  // a, b, *c — a Tuple when there is a comma; `star` allows *x items.
  Expected<const Expr*> testList(bool star) {
    const Token& first = cur();
    auto one = star && atOp("*") ? starExpr() : namedTest();
    if (!one) return one.error();
    if (!atOp(",")) return *one;
    Expr& t = newExpr(ExprKind::Tuple, first);
    t.items.push_back(*one);
    while (atOp(",")) {
      ++pos_;
      if (atStatementEnd() || atOp("=") || atOp(")") || atOp(":") || atWordAt(pos_, "in")) break;
      auto next = star && atOp("*") ? starExpr() : namedTest();
      if (!next) return next.error();
      t.items.push_back(*next);
    }
    t.end = prevEnd();
    return &t;
  }

  // for-loop and comprehension targets: stops before 'in'.
  Expected<const Expr*> exprList() {
    const Token& first = cur();
    auto one = atOp("*") ? starExpr() : bitOr();
    if (!one) return one.error();
    if (!atOp(",")) return *one;
    Expr& t = newExpr(ExprKind::Tuple, first);
    t.items.push_back(*one);
    while (atOp(",")) {
      ++pos_;
      if (atWord("in") || atStatementEnd() || atOp("=")) break;
      auto next = atOp("*") ? starExpr() : bitOr();
      if (!next) return next.error();
      t.items.push_back(*next);
    }
    t.end = prevEnd();
    return &t;
  }

  Expected<const Expr*> starExpr() {
    Expr& e = newExpr(ExprKind::Starred, cur());
    e.text = std::string(curText());
    ++pos_;
    auto v = bitOr();
    if (!v) return v.error();
    e.value = *v;
    e.end = prevEnd();
    return &e;
  }

  Expected<const Expr*> namedTest() {
    auto t = test();
    if (!t) return t.error();
    if (!atOp(":=")) return t;
    ++pos_;
    auto v = test();
    if (!v) return v.error();
    Expr& e = newExprFrom(ExprKind::NamedExpr, **t);
    e.value = *t;
    e.items.push_back(*v);
    e.end = prevEnd();
    return &e;
  }

  Expected<const Expr*> test() {
    DepthGuard guard(depth_);
    if (depth_ > kMaxDepth) return error("expression nested too deeply");
    if (atWord("lambda")) return lambda();
    auto body = orTest();
    if (!body) return body.error();
    if (!atWord("if")) return body;
    // `x if c else y`, but not the `if` of a comprehension (that one has no `else`).
    size_t save = pos_;
    ++pos_;
    auto cond = orTest();
    if (!cond || !atWord("else")) {
      pos_ = save;
      return body;
    }
    ++pos_;
    auto orelse = test();
    if (!orelse) return orelse.error();
    Expr& e = newExprFrom(ExprKind::IfExp, **body);
    e.items = {*body, *cond, *orelse};
    e.end = prevEnd();
    return &e;
  }

  Expected<const Expr*> lambda() {
    Expr& e = newExpr(ExprKind::Lambda, cur());
    ++pos_;
    std::vector<Param> params;
    MB_TRY(parameters(params, ":", false));
    MB_TRY(expectOp(":"));
    auto body = test();
    if (!body) return body.error();
    e.value = *body;
    for (const auto& p : params)
      if (p.defaultValue) e.items.push_back(p.defaultValue);
    e.end = prevEnd();
    return &e;
  }

  Expected<const Expr*> orTest() {
    return boolOp("or", [this] { return andTest(); });
  }
  Expected<const Expr*> andTest() {
    return boolOp("and", [this] { return notTest(); });
  }

  template <typename F>
  Expected<const Expr*> boolOp(std::string_view word, F operand) {
    auto first = operand();
    if (!first) return first.error();
    if (!atWord(word)) return first;
    Expr& e = newExprFrom(ExprKind::BoolOp, **first);
    e.text = std::string(word);
    e.items.push_back(*first);
    while (atWord(word)) {
      ++pos_;
      auto next = operand();
      if (!next) return next.error();
      e.items.push_back(*next);
    }
    e.end = prevEnd();
    return &e;
  }

  Expected<const Expr*> notTest() {
    DepthGuard guard(depth_);
    if (depth_ > kMaxDepth) return error("expression nested too deeply");
    if (!atWord("not")) return comparison();
    Expr& e = newExpr(ExprKind::UnaryOp, cur());
    e.text = "not";
    ++pos_;
    auto v = notTest();
    if (!v) return v.error();
    e.value = *v;
    e.end = prevEnd();
    return &e;
  }

  // The comparison operator at pos_ (and how many tokens it spans), or "".
  std::string compareOp(size_t& width) const {
    width = 1;
    if (cur().kind == TokenKind::Op) {
      auto t = curText();
      if (t == "<" || t == ">" || t == "==" || t == ">=" || t == "<=" || t == "!=")
        return std::string(t);
      return "";
    }
    if (atWord("in")) return "in";
    if (atWord("not") && atWordAt(pos_ + 1, "in")) {
      width = 2;
      return "not in";
    }
    if (atWord("is")) {
      if (atWordAt(pos_ + 1, "not")) {
        width = 2;
        return "is not";
      }
      return "is";
    }
    return "";
  }

  Expected<const Expr*> comparison() {
    auto first = bitOr();
    if (!first) return first.error();
    size_t width = 0;
    std::string op = compareOp(width);
    if (op.empty()) return first;
    Expr& e = newExprFrom(ExprKind::Compare, **first);
    e.items.push_back(*first);
    while (!op.empty()) {
      pos_ += width;
      e.ops.push_back(op);
      auto next = bitOr();
      if (!next) return next.error();
      e.items.push_back(*next);
      op = compareOp(width);
    }
    e.end = prevEnd();
    return &e;
  }

  // Binary operator levels from '|' (loosest) to '*' (tightest), then unary and power.
  static int binaryLevel(std::string_view op) {
    if (op == "|") return 0;
    if (op == "^") return 1;
    if (op == "&") return 2;
    if (op == "<<" || op == ">>") return 3;
    if (op == "+" || op == "-") return 4;
    if (op == "*" || op == "/" || op == "//" || op == "%" || op == "@") return 5;
    return -1;
  }

  Expected<const Expr*> bitOr() { return binary(0); }

  Expected<const Expr*> binary(int level) {
    if (level > 5) return factor();
    auto lhs = binary(level + 1);
    if (!lhs) return lhs.error();
    const Expr* left = *lhs;
    while (cur().kind == TokenKind::Op && binaryLevel(curText()) == level) {
      std::string op(curText());
      ++pos_;
      auto rhs = binary(level + 1);
      if (!rhs) return rhs.error();
      Expr& e = newExprFrom(ExprKind::BinOp, *left);
      e.text = op;
      e.items = {left, *rhs};
      e.end = prevEnd();
      left = &e;
    }
    return left;
  }

  Expected<const Expr*> factor() {
    DepthGuard guard(depth_);
    if (depth_ > kMaxDepth) return error("expression nested too deeply");
    if (atOp("+") || atOp("-") || atOp("~")) {
      Expr& e = newExpr(ExprKind::UnaryOp, cur());
      e.text = std::string(curText());
      ++pos_;
      auto v = factor();
      if (!v) return v.error();
      e.value = *v;
      e.end = prevEnd();
      return &e;
    }
    return power();
  }

  Expected<const Expr*> power() {
    Expected<const Expr*> base = nullptr;
    if (atWord("await")) {
      Expr& e = newExpr(ExprKind::Await, cur());
      ++pos_;
      auto v = primary();
      if (!v) return v.error();
      e.value = *v;
      e.end = prevEnd();
      base = &e;
    } else {
      base = primary();
      if (!base) return base.error();
    }
    if (!atOp("**")) return base;
    ++pos_;
    auto exponent = factor();
    if (!exponent) return exponent.error();
    Expr& e = newExprFrom(ExprKind::BinOp, **base);
    e.text = "**";
    e.items = {*base, *exponent};
    e.end = prevEnd();
    return &e;
  }

  Expected<const Expr*> primary() {
    auto a = atom();
    if (!a) return a.error();
    const Expr* e = *a;
    while (true) {
      if (atOp(".")) {
        ++pos_;
        Expr& attr = newExprFrom(ExprKind::Attribute, *e);
        attr.attrBegin = cur().begin;
        if (!atKind(TokenKind::Name)) return error("expected an attribute name after '.'");
        attr.text = std::string(curText());
        ++pos_;
        attr.value = e;
        attr.end = prevEnd();
        e = &attr;
      } else if (atOp("(")) {
        Expr& call = newExprFrom(ExprKind::Call, *e);
        call.value = e;
        call.openParen = cur().begin;
        ++pos_;
        MB_TRY(arguments(call.args));
        if (!atOp(")")) return error("expected ',' or ')' in the call's arguments");
        call.closeParen = cur().begin;
        ++pos_;
        call.end = prevEnd();
        e = &call;
      } else if (atOp("[")) {
        Expr& sub = newExprFrom(ExprKind::Subscript, *e);
        sub.value = e;
        ++pos_;
        auto index = subscriptList();
        if (!index) return index.error();
        sub.items.push_back(*index);
        MB_TRY(expectOp("]"));
        sub.end = prevEnd();
        e = &sub;
      } else {
        return e;
      }
    }
  }

  Status arguments(std::vector<Argument>& out) {
    while (!atOp(")")) {
      Argument a;
      a.begin = cur().begin;
      if (atOp("*") || atOp("**")) {
        a.star = atOp("*") ? 1 : 2;
        ++pos_;
        auto v = test();
        if (!v) return v.error();
        a.value = *v;
      } else if (atKind(TokenKind::Name) && atOpAt(pos_ + 1, "=") && !isKeyword(curText())) {
        a.keyword = std::string(curText());
        a.keywordBegin = cur().begin;
        a.keywordEnd = cur().end;
        pos_ += 2;
        auto v = test();
        if (!v) return v.error();
        a.value = *v;
      } else {
        const Token& first = cur();
        auto v = namedTest();
        if (!v) return v.error();
        a.value = *v;
        if (atWord("for") || atWord("async")) {  // f(x for x in y)
          auto gen = comprehension(first, "generator", *v, nullptr);
          if (!gen) return gen.error();
          a.value = *gen;
        }
      }
      a.end = prevEnd();
      out.push_back(std::move(a));
      if (!atOp(",")) break;
      ++pos_;
    }
    return {};
  }

  Expected<const Expr*> subscriptList() {
    const Token& first = cur();
    auto one = subscript();
    if (!one) return one.error();
    if (!atOp(",")) return one;
    Expr& t = newExpr(ExprKind::Tuple, first);
    t.items.push_back(*one);
    while (atOp(",")) {
      ++pos_;
      if (atOp("]")) break;
      auto next = subscript();
      if (!next) return next.error();
      t.items.push_back(*next);
    }
    t.end = prevEnd();
    return &t;
  }

  Expected<const Expr*> subscript() {
    const Token& first = cur();
    if (atOp("*")) return starExpr();
    const Expr* lower = nullptr;
    if (!atOp(":")) {
      auto v = namedTest();
      if (!v) return v.error();
      if (!atOp(":")) return v;
      lower = *v;
    }
    Expr& s = newExpr(ExprKind::Slice, first);
    s.items = {lower, nullptr, nullptr};
    ++pos_;  // ':'
    if (!atOp(":") && !atOp("]") && !atOp(",")) {
      auto upper = test();
      if (!upper) return upper.error();
      s.items[1] = *upper;
    }
    if (atOp(":")) {
      ++pos_;
      if (!atOp("]") && !atOp(",")) {
        auto step = test();
        if (!step) return step.error();
        s.items[2] = *step;
      }
    }
    s.end = prevEnd();
    return &s;
  }

  // `element for target in iter if cond ...` after `element` was read.
  Expected<const Expr*> comprehension(const Token& first, const char* kind, const Expr* element,
                                      const Expr* value) {
    Expr& c = newExpr(ExprKind::Comprehension, first);
    c.text = kind;
    c.items.push_back(element);
    if (value) c.items.push_back(value);
    while (atWord("for") || (atWord("async") && atWordAt(pos_ + 1, "for"))) {
      if (atWord("async")) ++pos_;
      ++pos_;
      auto target = exprList();
      if (!target) return target.error();
      if (!atWord("in")) return error("expected 'in'");
      ++pos_;
      auto iter = orTest();
      if (!iter) return iter.error();
      c.items.push_back(*target);
      c.ops.push_back("for");
      c.items.push_back(*iter);
      c.ops.push_back("in");
      while (atWord("if")) {
        ++pos_;
        auto cond = orTestNoCond();
        if (!cond) return cond.error();
        c.items.push_back(*cond);
        c.ops.push_back("if");
      }
    }
    c.end = prevEnd();
    return &c;
  }
  Expected<const Expr*> orTestNoCond() {
    if (atWord("lambda")) return lambda();
    return orTest();
  }

  Expected<const Expr*> atom() {
    const Token& t = cur();
    if (t.kind == TokenKind::Name) {
      auto w = curText();
      if (w == "True" || w == "False" || w == "None") {
        Expr& e = newExpr(ExprKind::Constant, t);
        e.text = std::string(w);
        ++pos_;
        e.end = prevEnd();
        return &e;
      }
      if (isKeyword(w)) return error("unexpected keyword");
      Expr& e = newExpr(ExprKind::Name, t);
      e.text = std::string(w);
      ++pos_;
      e.end = prevEnd();
      return &e;
    }
    if (t.kind == TokenKind::Number) {
      Expr& e = newExpr(ExprKind::Number, t);
      e.text = std::string(curText());
      ++pos_;
      e.end = prevEnd();
      return &e;
    }
    if (t.kind == TokenKind::String) {
      Expr& e = newExpr(ExprKind::String, t);
      while (atKind(TokenKind::String)) ++pos_;
      e.end = prevEnd();
      e.text = std::string(m_.text(e.begin, e.end));
      return &e;
    }
    if (atOp("...")) {
      Expr& e = newExpr(ExprKind::Constant, t);
      e.text = "...";
      ++pos_;
      e.end = prevEnd();
      return &e;
    }
    if (atOp("(")) return parenthesised();
    if (atOp("[")) return listDisplay();
    if (atOp("{")) return braceDisplay();
    return error("expected an expression");
  }

  Expected<const Expr*> parenthesised() {
    const Token& open = cur();
    ++pos_;
    if (atOp(")")) {
      Expr& e = newExpr(ExprKind::Tuple, open);
      ++pos_;
      e.end = prevEnd();
      return &e;
    }
    if (atWord("yield")) {
      auto y = yieldExpr();
      if (!y) return y.error();
      MB_TRY(expectOp(")"));
      return y;
    }
    const Token& first = cur();
    auto one = atOp("*") ? starExpr() : namedTest();
    if (!one) return one.error();
    if (atWord("for") || atWord("async")) {
      auto gen = comprehension(first, "generator", *one, nullptr);
      if (!gen) return gen.error();
      MB_TRY(expectOp(")"));
      const_cast<Expr*>(*gen)->begin = open.begin;
      const_cast<Expr*>(*gen)->end = prevEnd();
      return gen;
    }
    if (atOp(")")) {
      ++pos_;
      // Keep the inner node; widen nothing: spans of the parenthesised value stay exact.
      return one;
    }
    Expr& t = newExpr(ExprKind::Tuple, open);
    t.items.push_back(*one);
    while (atOp(",")) {
      ++pos_;
      if (atOp(")")) break;
      auto next = atOp("*") ? starExpr() : namedTest();
      if (!next) return next.error();
      t.items.push_back(*next);
    }
    MB_TRY(expectOp(")"));
    t.end = prevEnd();
    return &t;
  }

  Expected<const Expr*> listDisplay() {
    const Token& open = cur();
    ++pos_;
    Expr& l = newExpr(ExprKind::List, open);
    if (!atOp("]")) {
      const Token& first = cur();
      auto one = atOp("*") ? starExpr() : namedTest();
      if (!one) return one.error();
      if (atWord("for") || atWord("async")) {
        auto comp = comprehension(first, "list", *one, nullptr);
        if (!comp) return comp.error();
        MB_TRY(expectOp("]"));
        auto* c = const_cast<Expr*>(*comp);
        c->begin = open.begin;
        c->line = open.line;
        c->col = open.col;
        c->end = prevEnd();
        return c;
      }
      l.items.push_back(*one);
      while (atOp(",")) {
        ++pos_;
        if (atOp("]")) break;
        auto next = atOp("*") ? starExpr() : namedTest();
        if (!next) return next.error();
        l.items.push_back(*next);
      }
    }
    MB_TRY(expectOp("]"));
    l.end = prevEnd();
    return &l;
  }

  Expected<const Expr*> braceDisplay() {
    const Token& open = cur();
    ++pos_;
    if (atOp("}")) {
      Expr& d = newExpr(ExprKind::Dict, open);
      ++pos_;
      d.end = prevEnd();
      return &d;
    }
    auto item = [&](bool& isDict, const Expr*& key, const Expr*& value) -> Status {
      if (atOp("**")) {
        Expr& s = newExpr(ExprKind::Starred, cur());
        s.text = "**";
        ++pos_;
        auto v = bitOr();
        if (!v) return v.error();
        s.value = *v;
        s.end = prevEnd();
        key = nullptr;
        value = &s;
        isDict = true;
        return {};
      }
      auto k = atOp("*") ? starExpr() : namedTest();
      if (!k) return k.error();
      key = *k;
      if (atOp(":")) {
        ++pos_;
        auto v = test();
        if (!v) return v.error();
        value = *v;
        isDict = true;
      } else {
        value = nullptr;
      }
      return {};
    };
    const Token& first = cur();
    bool isDict = false;
    const Expr *key = nullptr, *value = nullptr;
    MB_TRY(item(isDict, key, value));
    if (atWord("for") || atWord("async")) {
      auto comp = comprehension(first, isDict ? "dict" : "set", key ? key : value,
                                isDict ? value : nullptr);
      if (!comp) return comp.error();
      MB_TRY(expectOp("}"));
      auto* c = const_cast<Expr*>(*comp);
      c->begin = open.begin;
      c->end = prevEnd();
      return c;
    }
    Expr& d = newExpr(isDict ? ExprKind::Dict : ExprKind::Set, open);
    auto push = [&] {
      if (isDict) {
        d.items.push_back(key);
        d.items.push_back(value);
      } else {
        d.items.push_back(key);
      }
    };
    push();
    while (atOp(",")) {
      ++pos_;
      if (atOp("}")) break;
      bool itemIsDict = false;
      MB_TRY(item(itemIsDict, key, value));
      if (itemIsDict != isDict) return error("mixed set and dict items");
      push();
    }
    MB_TRY(expectOp("}"));
    d.end = prevEnd();
    return &d;
  }
};

}  // namespace

uint32_t Module::lineStartOf(uint32_t offset) const {
  auto at = source.rfind('\n', offset == 0 ? 0 : offset - 1);
  if (offset == 0 || at == std::string::npos) return 0;
  return static_cast<uint32_t>(at + 1);
}

Expected<std::unique_ptr<Module>> parsePython(std::string source, std::string fileName) {
  auto m = std::make_unique<Module>();
  m->fileName = std::move(fileName);
  m->source = std::move(source);
  auto tokens = tokenizePython(m->source, m->fileName);
  if (!tokens) return tokens.error();
  m->tokens = std::move(*tokens);
  Parser parser(*m);
  MB_TRY(parser.parseModule());
  return m;
}

void visitExpr(const Expr& e, const std::function<void(const Expr&)>& fn) {
  fn(e);
  if (e.value) visitExpr(*e.value, fn);
  for (const Expr* item : e.items)
    if (item) visitExpr(*item, fn);
  for (const Argument& a : e.args)
    if (a.value) visitExpr(*a.value, fn);
}

void visitStmtExprs(const Stmt& s, const std::function<void(const Expr&)>& fn) {
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
  for (const Stmt* child : s.body) visitStmtExprs(*child, fn);
}

namespace {
void visitStmtsIn(const std::vector<Stmt*>& body, std::vector<const Stmt*>& chain,
                  const std::function<void(const Stmt&, const std::vector<const Stmt*>&)>& fn) {
  for (const Stmt* s : body) {
    fn(*s, chain);
    chain.push_back(s);
    visitStmtsIn(s->body, chain, fn);
    chain.pop_back();
  }
}
}  // namespace

void visitStmts(const std::vector<Stmt*>& body,
                const std::function<void(const Stmt&, const std::vector<const Stmt*>&)>& fn) {
  std::vector<const Stmt*> chain;
  visitStmtsIn(body, chain, fn);
}

std::vector<std::string> attributeChain(const Expr& e) {
  std::vector<std::string> parts;
  const Expr* at = &e;
  while (at->kind == ExprKind::Attribute) {
    parts.push_back(at->text);
    at = at->value;
  }
  if (at->kind != ExprKind::Name) return {};
  parts.push_back(at->text);
  std::reverse(parts.begin(), parts.end());
  return parts;
}

}  // namespace mb::migrate
