// Python 3.8–3.12 tokenizer. Tokens are spans into the original text (never copies), so a rewrite
// can replace exactly the bytes it changes and keep every other byte, comments and layout included.
// Follows CPython's tokenizer: INDENT/DEDENT from leading whitespace outside brackets, NEWLINE only
// at the end of a logical line, NL for blank and continued lines, f-strings (3.12 nesting) as one
// STRING token. Lines and columns match Python's ast: line 1-based, column = 0-based UTF-8 byte.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace mb::migrate {

enum class TokenKind : uint8_t {
  Name,
  Number,
  String,
  Op,
  Newline,  // ends a logical line
  Nl,       // a line break inside a logical line, or a blank / comment-only line
  Comment,
  Indent,
  Dedent,
  EndMarker,
};

struct Token {
  TokenKind kind = TokenKind::EndMarker;
  uint32_t begin = 0, end = 0;  // byte offsets into the source
  uint32_t line = 0, col = 0;   // of `begin`

  std::string_view text(std::string_view source) const { return source.substr(begin, end - begin); }
};

// Splits `source` into tokens. `fileName` only labels errors ("model.py:12:8"). Refuses binary
// content (NUL bytes, invalid UTF-8), unterminated strings, unbalanced brackets, inconsistent
// dedents, stray characters; every error names line and column.
Expected<std::vector<Token>> tokenizePython(std::string_view source,
                                            const std::string& fileName = "<source>");

// "file:line:col" as used in error `where` fields.
std::string sourceLocation(const std::string& fileName, uint32_t line, uint32_t col);

}  // namespace mb::migrate
