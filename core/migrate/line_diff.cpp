#include "migrate/line_diff.h"

#include <algorithm>

namespace mb::migrate {

std::vector<std::string_view> splitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

LineDiff diffLines(std::string_view original, std::string_view rewritten) {
  const auto a = splitLines(original), b = splitLines(rewritten);
  const int n = static_cast<int>(a.size()), m = static_cast<int>(b.size());
  LineDiff diff;
  diff.removed.assign(n, true);
  diff.added.assign(m, true);
  diff.originalToRewritten.assign(n, -1);
  // Myers: v[k] = furthest x on diagonal k = x - y after d edits; the trace of v per d lets us
  // walk back the path and mark the matched ("snake") lines.
  const int max = n + m, offset = max + 1;
  std::vector<int> v(2 * max + 3, 0);
  std::vector<std::vector<int>> trace;
  int finalD = -1;
  for (int d = 0; d <= max && finalD < 0; ++d) {
    for (int k = -d; k <= d; k += 2) {
      int x = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]))
                  ? v[offset + k + 1]
                  : v[offset + k - 1] + 1;
      int y = x - k;
      while (x < n && y < m && a[x] == b[y]) ++x, ++y;
      v[offset + k] = x;
      if (x >= n && y >= m) {
        finalD = d;
        break;
      }
    }
    trace.push_back(v);
  }
  int x = n, y = m;
  for (int d = finalD; d > 0; --d) {
    const std::vector<int>& prev = trace[d - 1];
    const int k = x - y;
    const bool down = k == -d || (k != d && prev[offset + k - 1] < prev[offset + k + 1]);
    const int prevK = down ? k + 1 : k - 1;
    const int prevX = prev[offset + prevK], prevY = prevX - prevK;
    while (x > prevX && y > prevY) {  // the snake after the edit: equal lines
      --x, --y;
      diff.removed[x] = diff.added[y] = false;
      diff.originalToRewritten[x] = y;
    }
    x = prevX, y = prevY;
  }
  while (x > 0 && y > 0) {  // the first snake (d = 0)
    --x, --y;
    diff.removed[x] = diff.added[y] = false;
    diff.originalToRewritten[x] = y;
  }
  return diff;
}

}  // namespace mb::migrate
