// The parts of a Python module a source-to-source migration needs, each with its exact source span:
// statements (imports, classes with bases, defs with parameters, assignments, control flow) and
// expressions (names, attribute chains, calls with positional / keyword arguments, literals,
// operators, displays, comprehensions, lambdas). Python 3.8–3.12 syntax; `match` / `case` and
// `type` statements are read as statements whose patterns are not analysed. The tree never owns
// text: all strings are copies of identifiers, spans index into Module::source.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "migrate/python_tokens.h"
#include "util/status.h"

namespace mb::migrate {

struct Expr;

struct Argument {
  std::string keyword;  // "" for positional and starred arguments
  int star = 0;         // 1: *args, 2: **kwargs
  const Expr* value = nullptr;
  uint32_t begin = 0, end = 0;                // the whole argument, keyword included
  uint32_t keywordBegin = 0, keywordEnd = 0;  // the keyword's name
};

enum class ExprKind : uint8_t {
  Name,
  Number,
  String,    // one or more adjacent literals, f-strings included
  Constant,  // True False None ...
  Attribute,
  Call,
  Subscript,
  Slice,
  Tuple,
  List,
  Set,
  Dict,
  BinOp,
  UnaryOp,
  BoolOp,
  Compare,
  IfExp,
  Lambda,
  Starred,  // *x (text "*") and **x in dict displays (text "**")
  NamedExpr,
  Comprehension,  // text: "list", "set", "dict" or "generator"
  Await,
  Yield,
};

struct Expr {
  ExprKind kind = ExprKind::Name;
  uint32_t begin = 0, end = 0;  // source bytes
  uint32_t line = 0, col = 0;
  // Name: the identifier; Attribute: the attribute; Number/String/Constant: the source text;
  // BinOp/UnaryOp/BoolOp: the operator; Comprehension: its kind.
  std::string text;
  uint32_t attrBegin = 0;  // Attribute: where the attribute name starts
  // Attribute / Subscript: the object; Call: the callee; Starred, UnaryOp, Await, Yield: operand;
  // NamedExpr: the target; Lambda: the body.
  const Expr* value = nullptr;
  // Tuple/List/Set: elements; Dict: key, value pairs (key null for **x); BinOp/BoolOp/Compare:
  // operands; IfExp: body, test, orelse; Subscript: the index; Slice: lower, upper, step (each may
  // be null); NamedExpr: the value; Comprehension: element (and value for dicts), then for each
  // clause its target, iterable and conditions.
  std::vector<const Expr*> items;
  // Compare: one operator between each pair of operands; Comprehension: the role of each item
  // after the element(s): "for" (a target), "in" (its iterable) or "if" (a condition).
  std::vector<std::string> ops;
  std::vector<Argument> args;              // Call
  uint32_t openParen = 0, closeParen = 0;  // Call: offsets of '(' and ')'
};

enum class StmtKind : uint8_t {
  Expr,
  Assign,
  AugAssign,
  AnnAssign,
  Return,
  Pass,
  Break,
  Continue,
  Del,
  Raise,
  Global,
  Nonlocal,
  Assert,
  Import,
  ImportFrom,
  If,
  Elif,
  Else,
  For,
  While,
  Try,
  Except,
  Finally,
  With,
  Def,
  Class,
  Match,
  Case,
  TypeAlias,
};

struct ImportName {
  std::string name;    // dotted
  std::string asname;  // "" when absent
  uint32_t begin = 0, end = 0;
};

struct Param {
  std::string name;  // "" for the bare '*' and '/' markers
  int star = 0;      // 1: *args (or bare '*'), 2: **kwargs
  const Expr* annotation = nullptr;
  const Expr* defaultValue = nullptr;
  uint32_t begin = 0, end = 0;
};

struct Stmt {
  StmtKind kind = StmtKind::Expr;
  uint32_t begin = 0, end = 0;  // the statement or compound header (up to its ':')
  uint32_t line = 0, col = 0;
  // Assign: targets of a = b = value; AugAssign / AnnAssign: the target; For: the loop target;
  // Del: the deleted targets; With: the `as` targets.
  std::vector<const Expr*> targets;
  // Expr / Assign / AugAssign / AnnAssign / Return / Yield value; If / Elif / While test; For
  // iterable; Raise exception; Match subject.
  const Expr* value = nullptr;
  const Expr* annotation = nullptr;  // AnnAssign annotation; Def return annotation
  std::string name;                  // Def / Class name; AugAssign operator; TypeAlias name
  uint32_t nameBegin = 0, nameEnd = 0;
  std::vector<Argument> bases;  // Class bases and keywords (metaclass=…)
  std::vector<Param> params;    // Def
  std::vector<const Expr*> decorators;
  std::vector<ImportName> names;   // Import / ImportFrom; Global / Nonlocal names
  std::string module;              // ImportFrom, without the leading dots
  int level = 0;                   // ImportFrom: number of leading dots
  std::vector<const Expr*> exprs;  // other expressions: assert, raise from, with items, except type
  std::vector<Stmt*> body;         // compound statements
  bool isAsync = false;
};

struct Module {
  std::string fileName;
  std::string source;
  std::vector<Token> tokens;
  std::vector<Stmt*> body;
  std::deque<Expr> exprs;  // storage; deque keeps addresses stable
  std::deque<Stmt> stmts;

  std::string_view text(uint32_t begin, uint32_t end) const {
    return std::string_view(source).substr(begin, end - begin);
  }
  std::string_view text(const Expr& e) const { return text(e.begin, e.end); }
  // Offset where the physical line containing `offset` starts.
  uint32_t lineStartOf(uint32_t offset) const;
};

// Parses a module. Errors (BadFormat) name "file:line:col" and what was expected there.
Expected<std::unique_ptr<Module>> parsePython(std::string source, std::string fileName);

// Visits `e` and every expression inside it, outer before inner.
void visitExpr(const Expr& e, const std::function<void(const Expr&)>& fn);
// Visits every expression of `s` (decorators, bases, parameters' annotations and defaults, …) and
// of the statements nested in it.
void visitStmtExprs(const Stmt& s, const std::function<void(const Expr&)>& fn);
// Visits `s` and every statement nested in it, with the chain of enclosing statements.
void visitStmts(const std::vector<Stmt*>& body,
                const std::function<void(const Stmt&, const std::vector<const Stmt*>&)>& fn);

// ["torch", "nn", "Linear"] for `torch.nn.Linear`; empty if `e` is not a Name.Attr… chain.
std::vector<std::string> attributeChain(const Expr& e);

}  // namespace mb::migrate
