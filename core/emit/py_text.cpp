#include "emit/py_text.h"

#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <variant>

namespace mb::emitter {
namespace {

constexpr std::array<const char*, 35> kKeywords = {
    "False", "None",     "True",  "and",    "as",   "assert", "async",  "await",    "break",
    "class", "continue", "def",   "del",    "elif", "else",   "except", "finally",  "for",
    "from",  "global",   "if",    "import", "in",   "is",     "lambda", "nonlocal", "not",
    "or",    "pass",     "raise", "return", "try",  "while",  "with",   "yield"};

bool isOpen(char c) {
  return c == '(' || c == '[' || c == '{';
}
bool isClose(char c) {
  return c == ')' || c == ']' || c == '}';
}

// Index just past the string literal starting at `i` (a quote character).
size_t skipString(const std::string& s, size_t i) {
  const char quote = s[i];
  for (size_t j = i + 1; j < s.size(); ++j) {
    if (s[j] == '\\') {
      ++j;
    } else if (s[j] == quote) {
      return j + 1;
    }
  }
  return s.size();
}

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(' ');
  size_t e = s.find_last_not_of(' ');
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

bool isStringLiteral(const std::string& s) {
  return s.size() >= 2 && (s.front() == '\'' || s.front() == '"') && skipString(s, 0) == s.size();
}

// Splits a long string literal into adjacent literals, each fitting `room` columns, breaking after
// spaces where possible and never inside an escape sequence.
std::vector<std::string> splitStringLiteral(const std::string& literal, int room) {
  const char quote = literal.front();
  const std::string body = literal.substr(1, literal.size() - 2);
  const size_t chunk = static_cast<size_t>(std::max(room - 2, 16));
  std::vector<std::string> pieces;
  size_t start = 0;
  while (start < body.size()) {
    size_t end = std::min(body.size(), start + chunk);
    if (end < body.size()) {
      size_t space = body.rfind(' ', end - 1);
      if (space != std::string::npos && space > start + chunk / 2) end = space + 1;
      // Do not cut "\x" in two: count the backslashes just before the cut.
      size_t slashes = 0;
      while (end - slashes > start && body[end - slashes - 1] == '\\') ++slashes;
      if (slashes % 2 == 1) --end;
    }
    pieces.push_back(std::string(1, quote) + body.substr(start, end - start) + quote);
    start = end;
  }
  if (pieces.empty()) pieces.push_back(literal);
  return pieces;
}

}  // namespace

bool isPyKeyword(const std::string& word) {
  for (const char* k : kKeywords)
    if (word == k) return true;
  return false;
}

bool isPyIdentifier(const std::string& word) {
  if (word.empty() || std::isdigit(static_cast<unsigned char>(word[0]))) return false;
  for (char c : word)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  return !isPyKeyword(word);
}

std::string pyIdentifier(const std::string& raw, const std::string& digitPrefix) {
  std::string out;
  for (char c : raw) {
    const bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '_';
    if (ok && static_cast<unsigned char>(c) < 128) {
      out += c;
    } else if (!out.empty() && out.back() != '_') {
      out += '_';
    }
  }
  while (!out.empty() && out.back() == '_' && out.size() > 1) out.pop_back();
  if (out.empty() || out == "_") out = digitPrefix;
  if (std::isdigit(static_cast<unsigned char>(out[0]))) out = digitPrefix + out;
  if (isPyKeyword(out)) out += '_';
  return out;
}

std::string snakeCase(const std::string& name) {
  std::string out;
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (std::isupper(static_cast<unsigned char>(c))) {
      const bool afterLower = i > 0 && std::islower(static_cast<unsigned char>(name[i - 1]));
      const bool beforeLower = i + 1 < name.size() &&
                               std::islower(static_cast<unsigned char>(name[i + 1])) && i > 0 &&
                               std::isupper(static_cast<unsigned char>(name[i - 1]));
      if (afterLower || beforeLower) out += '_';
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else {
      out += c;
    }
  }
  return out;
}

std::string camelCase(const std::string& name) {
  std::string out;
  bool upper = true;
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 128) {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  if (out.empty() || std::isdigit(static_cast<unsigned char>(out[0]))) out = "Net" + out;
  return out;
}

std::string pyString(const std::string& text) {
  // Like Python's repr: double quotes when that avoids escaping single quotes.
  const char quote =
      text.find('\'') != std::string::npos && text.find('"') == std::string::npos ? '"' : '\'';
  std::string out(1, quote);
  for (unsigned char c : text) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\'':
        out += quote == '\'' ? "\\'" : "'";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (c < 0x20 || c == 0x7f) {
          static const char* hex = "0123456789abcdef";
          out += "\\x";
          out += hex[c >> 4];
          out += hex[c & 15];
        } else {
          out += static_cast<char>(c);  // UTF-8 passes through: model.py is UTF-8
        }
    }
  }
  return out + quote;
}

std::string pyFloat(double value) {
  if (std::isnan(value)) return "float('nan')";
  if (std::isinf(value)) return value > 0 ? "float('inf')" : "-float('inf')";
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof(buffer), value);
  std::string text(buffer, ec == std::errc() ? end : buffer);
  if (text.find_first_of(".e") == std::string::npos) text += ".0";
  // Python writes 1e-05 where C++ writes 1e-05 too, but "1e+20" must lose nothing: both parse.
  return text;
}

template <typename T, typename F>
std::string pyTuple(const std::vector<T>& items, F format) {
  std::string out = "(";
  for (size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + format(items[i]);
  return out + (items.size() == 1 ? ",)" : ")");
}

std::string pyLiteral(const Attribute& attribute) {
  struct Visitor {
    std::string operator()(const NoneValue&) const { return "None"; }
    std::string operator()(int64_t v) const { return std::to_string(v); }
    std::string operator()(double v) const { return pyFloat(v); }
    std::string operator()(const std::string& v) const { return pyString(v); }
    std::string operator()(bool v) const { return v ? "True" : "False"; }
    std::string operator()(const Tensor&) const { return {}; }
    std::string operator()(const std::shared_ptr<Graph>&) const { return {}; }
    std::string operator()(const std::vector<int64_t>& v) const {
      return pyTuple(v, [](int64_t x) { return std::to_string(x); });
    }
    std::string operator()(const std::vector<double>& v) const { return pyTuple(v, pyFloat); }
    std::string operator()(const std::vector<std::string>& v) const { return pyTuple(v, pyString); }
    std::string operator()(const std::vector<Tensor>&) const { return {}; }
    std::string operator()(const std::vector<std::shared_ptr<Graph>>&) const { return {}; }
  };
  return std::visit(Visitor{}, attribute.value);
}

std::string mindsporeDTypeAttr(DType type) {
  switch (type) {
    case DType::Bool:
      return "bool_";
    case DType::Undefined:
      return "float32";
    default:
      return std::string(dtypeName(type));
  }
}

std::vector<std::string> wrapPython(const std::string& statement, int indent, int width) {
  const std::string pad(static_cast<size_t>(indent), ' ');
  if (indent + static_cast<int>(statement.size()) <= width) return {pad + statement};
  // The first opening bracket outside strings and its partner.
  size_t open = std::string::npos, close = std::string::npos;
  int depth = 0;
  for (size_t i = 0; i < statement.size(); ++i) {
    const char c = statement[i];
    if (c == '\'' || c == '"') {
      i = skipString(statement, i) - 1;
    } else if (isOpen(c)) {
      if (depth++ == 0 && open == std::string::npos) open = i;
    } else if (isClose(c)) {
      if (--depth == 0 && open != std::string::npos && close == std::string::npos) close = i;
    }
  }
  // "f([a, b])": break inside the list, keeping "([" and "])" together.
  if (open != std::string::npos && close != std::string::npos && close > open + 2 &&
      statement[open + 1] == '[' && statement[close - 1] == ']') {
    int d = 0;
    size_t match = std::string::npos;
    for (size_t i = open + 1; i < close; ++i) {
      const char c = statement[i];
      if (c == '\'' || c == '"') {
        i = skipString(statement, i) - 1;
      } else if (isOpen(c)) {
        ++d;
      } else if (isClose(c) && --d == 0) {
        match = i;
        break;
      }
    }
    if (match == close - 1) {
      ++open;
      --close;
    }
  }
  if (open == std::string::npos || close == std::string::npos) {
    if (isStringLiteral(statement)) {
      std::vector<std::string> lines;
      for (auto& piece : splitStringLiteral(statement, width - indent))
        lines.push_back(pad + piece);
      return lines;
    }
    return {pad + statement};
  }
  // Items of the bracket at top level.
  std::vector<std::string> items;
  std::string inner = statement.substr(open + 1, close - open - 1);
  size_t start = 0;
  depth = 0;
  for (size_t i = 0; i < inner.size(); ++i) {
    const char c = inner[i];
    if (c == '\'' || c == '"') {
      i = skipString(inner, i) - 1;
    } else if (isOpen(c)) {
      ++depth;
    } else if (isClose(c)) {
      --depth;
    } else if (c == ',' && depth == 0) {
      items.push_back(trim(inner.substr(start, i - start)));
      start = i + 1;
    }
  }
  if (start < inner.size() && !trim(inner.substr(start)).empty())
    items.push_back(trim(inner.substr(start)));
  const std::string head = statement.substr(0, open + 1);
  const std::string tail = statement.substr(close);
  std::vector<std::string> lines = {pad + head};
  const int inner_indent = indent + 4;
  const std::string innerPad(static_cast<size_t>(inner_indent), ' ');
  std::string current;
  auto flush = [&] {
    if (!current.empty()) lines.push_back(innerPad + current);
    current.clear();
  };
  for (size_t i = 0; i < items.size(); ++i) {
    const bool last = i + 1 == items.size();
    const std::string piece = items[i] + (last ? "" : ",");
    const int room = width - inner_indent - (last ? static_cast<int>(tail.size()) : 0);
    const std::string candidate = current.empty() ? piece : current + " " + piece;
    if (static_cast<int>(candidate.size()) <= room) {
      current = candidate;
      continue;
    }
    flush();
    if (static_cast<int>(piece.size()) <= room) {
      current = piece;
      continue;
    }
    // Too long on its own line: wrap the item itself one level deeper.
    // The item's own last line must leave room for "," or for the closing brackets.
    const int reserve = last ? static_cast<int>(tail.size()) : 1;
    std::vector<std::string> sub;
    if (isStringLiteral(items[i])) {
      for (auto& p : splitStringLiteral(items[i], room)) sub.push_back(innerPad + p);
    } else {
      sub = wrapPython(items[i], inner_indent, width - reserve);
    }
    if (!last) sub.back() += ",";
    lines.insert(lines.end(), sub.begin(), sub.end());
  }
  flush();
  if (lines.size() == 1) return {pad + statement};
  lines.back() += tail;
  return lines;
}

}  // namespace mb::emitter
