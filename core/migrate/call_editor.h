// Rewrites one call's argument list with minimal edits: binds the arguments to the torch
// signature's parameter names, then renames keywords, turns positional arguments into keywords
// where MindSpore's order differs, drops arguments, replaces values and appends new keywords —
// leaving the layout (line breaks, comments) of everything it keeps untouched.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "migrate/python_ast.h"
#include "migrate/source_edits.h"

namespace mb::migrate {

class CallEditor {
 public:
  // `torchParams`: the torch signature's parameter names in order ("in_features", …).
  CallEditor(const Module& m, const Expr& call, std::vector<std::string> torchParams);

  // Empty when every argument bound to a parameter; otherwise why not (unknown keyword, *args, …).
  const std::string& bindError() const { return bindError_; }
  bool has(const std::string& torchName) const { return bound_.count(torchName) > 0; }
  const Argument* arg(const std::string& torchName) const;
  const Expr* value(const std::string& torchName) const;
  std::string valueText(const std::string& torchName) const;
  bool isPositional(const std::string& torchName) const;

  // The first `n` positional arguments keep their position in MindSpore; later ones become
  // keywords (with their new names).
  void keepPositional(size_t n) { keepPositional_ = n; }
  void rename(const std::string& torchName, const std::string& msName);
  void drop(const std::string& torchName);
  void setValue(const std::string& torchName, std::vector<TextPiece> pieces);
  void setValueText(const std::string& torchName, const std::string& text);
  // A new keyword argument `name=value`, placed before `beforeTorchName`'s argument if it is
  // given and kept, otherwise at the end.
  void add(const std::string& name, const std::string& value,
           const std::string& beforeTorchName = "");

  std::vector<Edit> finish() const;

 private:
  const Module& m_;
  const Expr& call_;
  std::vector<std::string> params_;
  std::map<std::string, size_t> bound_;  // torch name → index into call_.args
  std::string bindError_;
  size_t keepPositional_ = SIZE_MAX;
  std::map<std::string, std::string> renames_;
  std::map<std::string, std::vector<TextPiece>> values_;
  std::vector<std::string> drops_;
  struct Added {
    std::string name, value, before;
  };
  std::vector<Added> added_;
};

// Python literal helpers used by the rules.
bool isNumberLiteral(const Expr* e, double* value = nullptr);
bool isZeroLiteral(const Expr* e);  // 0, 0.0, (0, 0), [0, 0, 0]
std::string formatNumber(double v);
bool isConstant(const Expr* e, const char* text);  // True / False / None
// The value of a string literal without quotes ('same' → same); "" when not a plain literal.
std::string stringLiteral(const Module& m, const Expr* e);

}  // namespace mb::migrate
