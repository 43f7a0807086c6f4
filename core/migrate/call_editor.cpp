#include "migrate/call_editor.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace mb::migrate {

CallEditor::CallEditor(const Module& m, const Expr& call, std::vector<std::string> torchParams)
    : m_(m), call_(call), params_(std::move(torchParams)) {
  size_t position = 0;
  for (size_t i = 0; i < call.args.size(); ++i) {
    const Argument& a = call.args[i];
    if (a.star) {
      bindError_ = std::string(a.star == 1 ? "*" : "**") + "arguments cannot be mapped";
      return;
    }
    std::string name;
    if (a.keyword.empty()) {
      if (position >= params_.size()) {
        bindError_ = "more positional arguments than the torch signature has";
        return;
      }
      name = params_[position++];
    } else {
      if (std::find(params_.begin(), params_.end(), a.keyword) == params_.end()) {
        bindError_ = "argument '" + a.keyword + "' is not in the torch signature";
        return;
      }
      name = a.keyword;
    }
    if (bound_.count(name)) {
      bindError_ = "argument '" + name + "' given twice";
      return;
    }
    bound_[name] = i;
  }
}

const Argument* CallEditor::arg(const std::string& torchName) const {
  auto it = bound_.find(torchName);
  return it == bound_.end() ? nullptr : &call_.args[it->second];
}
const Expr* CallEditor::value(const std::string& torchName) const {
  const Argument* a = arg(torchName);
  return a ? a->value : nullptr;
}
std::string CallEditor::valueText(const std::string& torchName) const {
  const Expr* v = value(torchName);
  return v ? std::string(m_.text(*v)) : std::string();
}
bool CallEditor::isPositional(const std::string& torchName) const {
  const Argument* a = arg(torchName);
  return a && a->keyword.empty();
}

void CallEditor::rename(const std::string& torchName, const std::string& msName) {
  renames_[torchName] = msName;
}
void CallEditor::drop(const std::string& torchName) {
  if (has(torchName)) drops_.push_back(torchName);
}
void CallEditor::setValue(const std::string& torchName, std::vector<TextPiece> pieces) {
  values_[torchName] = std::move(pieces);
}
void CallEditor::setValueText(const std::string& torchName, const std::string& text) {
  setValue(torchName, {TextPiece::text(text)});
}
void CallEditor::add(const std::string& name, const std::string& value, const std::string& before) {
  added_.push_back({name, value, before});
}

std::vector<Edit> CallEditor::finish() const {
  std::vector<Edit> edits;
  const auto& args = call_.args;
  std::vector<bool> removed(args.size(), false);
  for (const auto& d : drops_) removed[bound_.at(d)] = true;
  // Positional arguments after a dropped one cannot stay positional.
  size_t keep = keepPositional_;
  for (size_t i = 0; i < args.size(); ++i)
    if (removed[i] && args[i].keyword.empty()) keep = std::min(keep, i);

  std::map<size_t, std::string> nameOf;  // arg index → torch name
  for (const auto& [name, index] : bound_) nameOf[index] = name;

  // Keywords inserted before a kept argument go there; the rest are appended.
  std::map<size_t, std::string> prefixFor;
  std::string appended;
  for (const Added& a : added_) {
    std::string text = a.name + "=" + a.value;
    auto it = bound_.find(a.before);
    if (!a.before.empty() && it != bound_.end() && !removed[it->second] &&
        (it->second >= keep || !args[it->second].keyword.empty())) {
      prefixFor[it->second] += text + ", ";
    } else {
      appended += (appended.empty() ? "" : ", ") + text;
    }
  }

  for (size_t i = 0; i < args.size(); ++i) {
    if (removed[i]) continue;
    const Argument& a = args[i];
    const std::string& torchName = nameOf[i];
    auto renamed = renames_.find(torchName);
    std::string msName = renamed != renames_.end() ? renamed->second : torchName;
    std::string prefix = prefixFor.count(i) ? prefixFor[i] : "";
    if (a.keyword.empty()) {
      if (i >= keep) prefix += msName + "=";
      if (!prefix.empty()) edits.push_back(Edit::insert(a.begin, prefix));
    } else {
      if (!prefix.empty()) edits.push_back(Edit::insert(a.begin, prefix));
      if (msName != a.keyword) edits.push_back(Edit::replace(a.keywordBegin, a.keywordEnd, msName));
    }
    auto v = values_.find(torchName);
    if (v != values_.end()) edits.push_back({a.value->begin, a.value->end, v->second});
  }

  // Removals: a removed argument followed by a kept one takes everything up to it; a trailing run
  // of removed arguments goes from the end of the last kept one; all removed empties the call.
  ptrdiff_t lastKept = -1;
  for (size_t i = 0; i < args.size(); ++i)
    if (!removed[i]) lastKept = static_cast<ptrdiff_t>(i);
  bool anyRemoved = std::find(removed.begin(), removed.end(), true) != removed.end();
  if (anyRemoved) {
    if (lastKept < 0) {
      edits.push_back(Edit::replace(args.front().begin, call_.closeParen, ""));
    } else {
      for (ptrdiff_t i = 0; i < lastKept; ++i)
        if (removed[i]) edits.push_back(Edit::replace(args[i].begin, args[i + 1].begin, ""));
      if (static_cast<size_t>(lastKept) + 1 < args.size())
        edits.push_back(Edit::replace(args[lastKept].end, args.back().end, ""));
    }
  }
  if (!appended.empty()) {
    if (lastKept >= 0)
      edits.push_back(Edit::insert(args[lastKept].end, ", " + appended));
    else
      edits.push_back(Edit::insert(call_.openParen + 1, appended));
  }
  return edits;
}

bool isNumberLiteral(const Expr* e, double* value) {
  if (!e) return false;
  double sign = 1;
  if (e->kind == ExprKind::UnaryOp && e->text == "-" && e->value) {
    sign = -1;
    e = e->value;
  }
  if (e->kind != ExprKind::Number) return false;
  std::string digits;
  for (char c : e->text)
    if (c != '_') digits += c;
  if (digits.find_first_of("xXoObBjJ") != std::string::npos) return false;
  if (value) *value = sign * std::strtod(digits.c_str(), nullptr);
  return true;
}

bool isZeroLiteral(const Expr* e) {
  if (!e) return false;
  double v = 1;
  if (isNumberLiteral(e, &v)) return v == 0;
  if (e->kind == ExprKind::Tuple || e->kind == ExprKind::List) {
    if (e->items.empty()) return false;
    for (const Expr* item : e->items)
      if (!isZeroLiteral(item)) return false;
    return true;
  }
  return false;
}

std::string formatNumber(double v) {
  char buf[64];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, v);
    if (std::strtod(buf, nullptr) == v) break;
  }
  std::string s = buf;
  // Values that are exact in decimal but not in binary (1 - 0.1): keep 12 significant digits.
  std::snprintf(buf, sizeof buf, "%.12g", v);
  if (std::string(buf).size() < s.size()) s = buf;
  if (s.find_first_of(".eE") == std::string::npos) s += ".0";
  return s;
}

bool isConstant(const Expr* e, const char* text) {
  return e && e->kind == ExprKind::Constant && e->text == text;
}

std::string stringLiteral(const Module& m, const Expr* e) {
  if (!e || e->kind != ExprKind::String) return "";
  std::string_view t = m.text(*e);
  if (t.size() < 2) return "";
  char q = t.front();
  if ((q != '\'' && q != '"') || t.back() != q) return "";
  return std::string(t.substr(1, t.size() - 2));
}

}  // namespace mb::migrate
