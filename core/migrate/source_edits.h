// Span replacements on an original text. A replacement is a list of pieces: literal text, or a span
// of the original text rendered with the edits that lie inside it — so an outer rewrite
// (`x.size(i)` → `x.shape[i]`) and inner ones (inside `i`) compose without knowing about each
// other. Every byte no edit covers is copied unchanged.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mb::migrate {

struct TextPiece {
  std::string literal;
  uint32_t begin = 0, end = 0;  // used when isSpan
  bool isSpan = false;

  static TextPiece text(std::string s) { return {std::move(s), 0, 0, false}; }
  static TextPiece span(uint32_t b, uint32_t e) { return {{}, b, e, true}; }
};

struct Edit {
  uint32_t begin = 0, end = 0;  // replaced original bytes; begin == end inserts
  std::vector<TextPiece> pieces;

  static Edit replace(uint32_t b, uint32_t e, std::string text) {
    return {b, e, {TextPiece::text(std::move(text))}};
  }
  static Edit insert(uint32_t at, std::string text) { return replace(at, at, std::move(text)); }
};

// Applies `edits` to `original`. Inserts at the start of a replaced span go before it; an edit
// nested in another survives only inside one of the outer edit's span pieces; an edit partially
// overlapping an earlier one is dropped and counted in `conflicts` (if given).
std::string applyEdits(std::string_view original, const std::vector<const Edit*>& edits,
                       int* conflicts = nullptr);

}  // namespace mb::migrate
