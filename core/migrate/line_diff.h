// Which lines of a rewritten script differ from the original, for side-by-side display: a shortest
// line edit script (Myers' O((N+M)·D) algorithm — D, the number of changed lines, is small for a
// migration, so even long scripts diff in microseconds).
#pragma once

#include <string_view>
#include <vector>

namespace mb::migrate {

struct LineDiff {
  std::vector<bool> removed;  // per original line: not in the rewritten text
  std::vector<bool> added;    // per rewritten line: not in the original
  // For each original line kept unchanged, its line in the rewritten text (-1 for removed lines):
  // lets a viewer scroll both sides to the same place.
  std::vector<int> originalToRewritten;
};

std::vector<std::string_view> splitLines(std::string_view text);
LineDiff diffLines(std::string_view original, std::string_view rewritten);

}  // namespace mb::migrate
