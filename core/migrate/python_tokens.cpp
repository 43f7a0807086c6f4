#include "migrate/python_tokens.h"

#include <array>
#include <cctype>

namespace mb::migrate {

std::string sourceLocation(const std::string& fileName, uint32_t line, uint32_t col) {
  return fileName + ":" + std::to_string(line) + ":" + std::to_string(col);
}

namespace {

// Offset of the first byte that is not part of a well-formed UTF-8 sequence, or npos.
size_t firstInvalidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80           ? 1
                 : (c >> 5) == 0x6  ? 2
                 : (c >> 4) == 0xE  ? 3
                 : (c >> 3) == 0x1E ? 4
                                    : 0;
    if (len == 0 || (len == 2 && c < 0xC2) || i + len > s.size()) return i;
    for (size_t k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return i;
    i += len;
  }
  return std::string_view::npos;
}

bool isIdentStart(char c) {
  auto u = static_cast<unsigned char>(c);
  return std::isalpha(u) || c == '_' || u >= 0x80;
}
bool isIdentChar(char c) {
  return isIdentStart(c) || std::isdigit(static_cast<unsigned char>(c));
}

bool isStringPrefix(std::string_view word) {
  if (word.size() > 2) return false;
  std::string lower;
  for (char c : word) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static constexpr std::array<std::string_view, 8> kPrefixes = {"r",  "u",  "b",  "f",
                                                                "br", "rb", "fr", "rf"};
  for (auto p : kPrefixes)
    if (lower == p) return true;
  return false;
}

class Tokenizer {
 public:
  Tokenizer(std::string_view source, const std::string& fileName) : src_(source), file_(fileName) {}

  Expected<std::vector<Token>> run() {
    if (auto nul = src_.find('\0'); nul != std::string_view::npos) {
      locate(nul);
      return fail(nul, "this is a binary file (NUL byte), not Python source");
    }
    if (auto bad = firstInvalidUtf8(src_); bad != std::string_view::npos) {
      locate(bad);
      return fail(bad, "the file is not UTF-8 text (invalid byte sequence)");
    }
    if (src_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = lineStart_ = 3;  // BOM: not part of line 1
    while (true) {
      if (atLineStart_ && brackets_.empty()) {
        MB_TRY(lineStart());
        if (pos_ >= src_.size()) break;
        if (atLineStart_) continue;  // a blank or comment-only line was consumed
      }
      skipBlanks();
      if (pos_ >= src_.size()) break;
      MB_TRY(next());
    }
    return finish();
  }

 private:
  std::string_view src_;
  const std::string& file_;
  size_t pos_ = 0, lineStart_ = 0;
  uint32_t line_ = 1;
  bool atLineStart_ = true;
  bool lineHasTokens_ = false;
  std::vector<uint32_t> indents_{0};
  struct Open {
    char ch;
    uint32_t line, col;
  };
  std::vector<Open> brackets_;
  std::vector<Token> out_;

  uint32_t col(size_t at) const { return static_cast<uint32_t>(at - lineStart_); }

  // Recomputes line / lineStart for an arbitrary offset (used only for errors found out of order).
  void locate(size_t at) {
    line_ = 1;
    lineStart_ = 0;
    for (size_t i = 0; i < at && i < src_.size(); ++i)
      if (src_[i] == '\n' || (src_[i] == '\r' && (i + 1 >= src_.size() || src_[i + 1] != '\n'))) {
        ++line_;
        lineStart_ = i + 1;
      }
  }

  Error fail(size_t at, const std::string& message) {
    return makeError(ErrorCode::BadFormat, "cannot read the Python source: " + message,
                     sourceLocation(file_, line_, col(at)));
  }
  Error failAt(uint32_t line, uint32_t column, const std::string& message) {
    return makeError(ErrorCode::BadFormat, "cannot read the Python source: " + message,
                     sourceLocation(file_, line, column));
  }

  void emit(TokenKind kind, size_t begin, size_t end, uint32_t line, uint32_t column) {
    out_.push_back({kind, static_cast<uint32_t>(begin), static_cast<uint32_t>(end), line, column});
    if (kind == TokenKind::Name || kind == TokenKind::Number || kind == TokenKind::String ||
        kind == TokenKind::Op)
      lineHasTokens_ = true;
  }
  void emit(TokenKind kind, size_t begin, size_t end) { emit(kind, begin, end, line_, col(begin)); }

  bool isNewlineAt(size_t p) const {
    return p < src_.size() && (src_[p] == '\n' || src_[p] == '\r');
  }
  // Consumes one line break at pos_ and starts a new line.
  void takeNewline() {
    if (src_[pos_] == '\r' && pos_ + 1 < src_.size() && src_[pos_ + 1] == '\n') ++pos_;
    ++pos_;
    ++line_;
    lineStart_ = pos_;
  }

  void skipBlanks() {
    while (pos_ < src_.size() && (src_[pos_] == ' ' || src_[pos_] == '\t' || src_[pos_] == '\f'))
      ++pos_;
  }

  // Indentation of a new line; blank and comment-only lines produce Comment/NL and no indent
  // change.
  Status lineStart() {
    size_t p = pos_;
    uint32_t width = 0;
    while (p < src_.size()) {
      if (src_[p] == ' ')
        ++width;
      else if (src_[p] == '\t')
        width = (width / 8 + 1) * 8;
      else if (src_[p] == '\f')
        width = 0;
      else
        break;
      ++p;
    }
    pos_ = p;
    if (p >= src_.size()) return {};
    if (src_[p] == '#') {
      size_t e = p;
      while (e < src_.size() && !isNewlineAt(e)) ++e;
      emit(TokenKind::Comment, p, e);
      pos_ = e;
      if (pos_ < src_.size()) {
        emit(TokenKind::Nl, pos_, pos_ + 1);
        takeNewline();
      }
      return {};
    }
    if (isNewlineAt(p)) {
      emit(TokenKind::Nl, p, p + 1);
      takeNewline();
      return {};
    }
    atLineStart_ = false;
    if (width > indents_.back()) {
      if (indents_.size() >= 100) return fail(p, "too many levels of indentation");
      indents_.push_back(width);
      emit(TokenKind::Indent, lineStart_, p, line_, col(p));  // reported where the text starts
    } else {
      while (width < indents_.back()) {
        indents_.pop_back();
        emit(TokenKind::Dedent, p, p);
      }
      if (width != indents_.back())
        return fail(p, "unindent does not match any outer indentation level");
    }
    return {};
  }

  Status next() {
    size_t start = pos_;
    char c = src_[pos_];
    if (c == '#') {
      while (pos_ < src_.size() && !isNewlineAt(pos_)) ++pos_;
      emit(TokenKind::Comment, start, pos_);
      return {};
    }
    if (isNewlineAt(pos_)) {
      bool logicalEnd = brackets_.empty() && lineHasTokens_;
      emit(logicalEnd ? TokenKind::Newline : TokenKind::Nl, start, start + 1);
      if (logicalEnd) lineHasTokens_ = false;
      takeNewline();
      if (brackets_.empty()) atLineStart_ = true;
      return {};
    }
    if (c == '\\') {
      if (pos_ + 1 >= src_.size())
        return fail(pos_, "unexpected end of file after the line continuation character");
      if (!isNewlineAt(pos_ + 1))
        return fail(pos_, "unexpected character after the line continuation character");
      ++pos_;
      takeNewline();
      if (pos_ >= src_.size())
        return fail(start, "unexpected end of file after the line continuation character");
      return {};
    }
    if (isIdentStart(c)) {
      while (pos_ < src_.size() && isIdentChar(src_[pos_])) ++pos_;
      if (pos_ < src_.size() && (src_[pos_] == '"' || src_[pos_] == '\'') &&
          isStringPrefix(src_.substr(start, pos_ - start)))
        return string(start);
      emit(TokenKind::Name, start, pos_);
      return {};
    }
    if (std::isdigit(static_cast<unsigned char>(c)) ||
        (c == '.' && pos_ + 1 < src_.size() &&
         std::isdigit(static_cast<unsigned char>(src_[pos_ + 1]))))
      return number(start);
    if (c == '"' || c == '\'') return string(start);
    return op(start);
  }

  Status number(size_t start) {
    auto digitsWhile = [&](auto pred) {
      while (pos_ < src_.size() && (pred(src_[pos_]) || src_[pos_] == '_')) ++pos_;
    };
    auto isDigit = [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)) != 0; };
    if (src_[pos_] == '0' && pos_ + 1 < src_.size() &&
        std::string_view("xXoObB").find(src_[pos_ + 1]) != std::string_view::npos) {
      pos_ += 2;
      digitsWhile([](char ch) { return std::isxdigit(static_cast<unsigned char>(ch)) != 0; });
    } else {
      digitsWhile(isDigit);
      if (pos_ < src_.size() && src_[pos_] == '.') {
        ++pos_;
        digitsWhile(isDigit);
      }
      if (pos_ < src_.size() && (src_[pos_] == 'e' || src_[pos_] == 'E')) {
        size_t p = pos_ + 1;
        if (p < src_.size() && (src_[p] == '+' || src_[p] == '-')) ++p;
        if (p < src_.size() && isDigit(src_[p])) {
          pos_ = p;
          digitsWhile(isDigit);
        }
      }
      if (pos_ < src_.size() && (src_[pos_] == 'j' || src_[pos_] == 'J')) ++pos_;
    }
    emit(TokenKind::Number, start, pos_);
    return {};
  }

  // A string literal whose prefix (if any) starts at `start` and whose quote is at pos_.
  Status string(size_t start) {
    uint32_t line = line_, column = col(start);
    MB_TRY(stringBody(start, line, column));
    emit(TokenKind::String, start, pos_, line, column);
    return {};
  }

  Status stringBody(size_t prefixStart, uint32_t line, uint32_t column) {
    std::string_view prefix = src_.substr(prefixStart, pos_ - prefixStart);
    bool isF = prefix.find_first_of("fF") != std::string_view::npos;
    char quote = src_[pos_];
    bool triple = pos_ + 2 < src_.size() && src_[pos_ + 1] == quote && src_[pos_ + 2] == quote;
    pos_ += triple ? 3 : 1;
    while (true) {
      if (pos_ >= src_.size())
        return failAt(
            line, column,
            triple ? "unterminated triple-quoted string literal" : "unterminated string literal");
      char c = src_[pos_];
      if (c == '\\') {
        ++pos_;
        if (pos_ < src_.size()) {
          if (isNewlineAt(pos_))
            takeNewline();
          else
            ++pos_;
        }
        continue;
      }
      if (isNewlineAt(pos_)) {
        if (!triple) return failAt(line, column, "unterminated string literal");
        takeNewline();
        continue;
      }
      if (c == quote) {
        if (!triple) {
          ++pos_;
          return {};
        }
        if (pos_ + 2 < src_.size() && src_[pos_ + 1] == quote && src_[pos_ + 2] == quote) {
          pos_ += 3;
          return {};
        }
        ++pos_;
        continue;
      }
      if (isF && c == '{') {
        if (pos_ + 1 < src_.size() && src_[pos_ + 1] == '{') {
          pos_ += 2;
          continue;
        }
        MB_TRY(replacementField(line, column, quote, triple));
        continue;
      }
      ++pos_;
    }
  }

  // An f-string replacement field at pos_ ('{'), up to and including its '}'. Quotes inside start
  // nested strings (3.12 allows the outer quote there); ':' at depth 0 starts the format spec,
  // which may hold nested fields.
  Status replacementField(uint32_t line, uint32_t column, char outerQuote, bool outerTriple) {
    ++pos_;
    int depth = 0;
    bool inSpec = false;
    while (true) {
      if (pos_ >= src_.size()) return failAt(line, column, "unterminated f-string");
      char c = src_[pos_];
      if (inSpec) {
        if (c == '{') {
          MB_TRY(replacementField(line, column, outerQuote, outerTriple));
          continue;
        }
        if (c == '}') {
          ++pos_;
          return {};
        }
        if (c == outerQuote && !outerTriple) return failAt(line, column, "f-string: expecting '}'");
        if (isNewlineAt(pos_)) {
          if (!outerTriple) return failAt(line, column, "unterminated f-string");
          takeNewline();
          continue;
        }
        ++pos_;
        continue;
      }
      if (c == '(' || c == '[' || c == '{') {
        ++depth;
        ++pos_;
      } else if (c == ')' || c == ']') {
        --depth;
        ++pos_;
      } else if (c == '}') {
        ++pos_;
        if (depth == 0) return {};
        --depth;
      } else if (c == '"' || c == '\'') {
        size_t prefixStart = pos_;
        while (prefixStart > 0 && pos_ - prefixStart < 2 &&
               std::isalpha(static_cast<unsigned char>(src_[prefixStart - 1])))
          --prefixStart;
        if (!isStringPrefix(src_.substr(prefixStart, pos_ - prefixStart))) prefixStart = pos_;
        MB_TRY(stringBody(prefixStart, line_, col(pos_)));
      } else if (c == ':' && depth == 0 && !(pos_ + 1 < src_.size() && src_[pos_ + 1] == '=')) {
        inSpec = true;
        ++pos_;
      } else if (isNewlineAt(pos_)) {
        takeNewline();
      } else {
        ++pos_;
      }
    }
  }

  Status op(size_t start) {
    static constexpr std::array<std::string_view, 5> kThree = {"**=", "//=", ">>=", "<<=", "..."};
    static constexpr std::array<std::string_view, 20> kTwo = {
        "->", ":=", "**", "//", "<<", ">>", "<=", ">=", "==", "!=",
        "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=", "<>"};
    std::string_view rest = src_.substr(pos_);
    for (auto t : kThree)
      if (rest.substr(0, 3) == t) {
        pos_ += 3;
        emit(TokenKind::Op, start, pos_);
        return {};
      }
    for (auto t : kTwo)
      if (rest.substr(0, 2) == t && t != "<>") {
        pos_ += 2;
        emit(TokenKind::Op, start, pos_);
        return {};
      }
    char c = src_[pos_];
    if (std::string_view("+-*/%@&|^~<>,:;.=").find(c) != std::string_view::npos) {
      ++pos_;
      emit(TokenKind::Op, start, pos_);
      return {};
    }
    if (c == '(' || c == '[' || c == '{') {
      if (brackets_.size() >= 200) return fail(start, "too many nested parentheses");
      brackets_.push_back({c, line_, col(start)});
      ++pos_;
      emit(TokenKind::Op, start, pos_);
      return {};
    }
    if (c == ')' || c == ']' || c == '}') {
      char want = c == ')' ? '(' : c == ']' ? '[' : '{';
      if (brackets_.empty()) return fail(start, std::string("unmatched '") + c + "'");
      if (brackets_.back().ch != want)
        return fail(start, std::string("closing '") + c + "' does not match opening '" +
                               brackets_.back().ch + "' at line " +
                               std::to_string(brackets_.back().line) + ":" +
                               std::to_string(brackets_.back().col));
      brackets_.pop_back();
      ++pos_;
      emit(TokenKind::Op, start, pos_);
      return {};
    }
    auto u = static_cast<unsigned char>(c);
    std::string shown = u >= 0x20 && u < 0x7F ? std::string(1, c) : "\\x" + std::to_string(u);
    return fail(start, "invalid character '" + shown + "'");
  }

  Expected<std::vector<Token>> finish() {
    if (!brackets_.empty())
      return failAt(brackets_.back().line, brackets_.back().col,
                    std::string("'") + brackets_.back().ch + "' was never closed");
    if (lineHasTokens_) emit(TokenKind::Newline, src_.size(), src_.size());
    while (indents_.size() > 1) {
      indents_.pop_back();
      emit(TokenKind::Dedent, src_.size(), src_.size());
    }
    emit(TokenKind::EndMarker, src_.size(), src_.size());
    return std::move(out_);
  }
};

}  // namespace

Expected<std::vector<Token>> tokenizePython(std::string_view source, const std::string& fileName) {
  return Tokenizer(source, fileName).run();
}

}  // namespace mb::migrate
