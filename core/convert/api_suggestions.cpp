#include "convert/api_suggestions.h"

#include <algorithm>
#include <cctype>
#include <unordered_set>

namespace mb::convert {
namespace {

std::string normalise(const std::string& text) {
  std::string out;
  for (char c : text)
    if (c != '_') out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

size_t editDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

bool isMintPath(const std::string& p) {
  return p.rfind("mindspore.mint.", 0) == 0;
}

}  // namespace

const std::vector<std::string>& mindsporeApiNames() {
  static const std::vector<std::string> names = {
#include "convert/mindspore_api_names.inc"
  };
  return names;
}

bool mindsporeApiExists(const std::string& path) {
  static const std::unordered_set<std::string> index(mindsporeApiNames().begin(),
                                                     mindsporeApiNames().end());
  return index.count(path) > 0;
}

std::vector<std::string> suggestMindsporeApis(const std::string& onnxOpType, bool mint,
                                              size_t limit) {
  const std::string want = normalise(onnxOpType);
  if (want.empty()) return {};
  std::vector<std::pair<int, std::string>> scored;
  for (const auto& path : mindsporeApiNames()) {
    std::string tail = normalise(path.substr(path.rfind('.') + 1));
    int score = 0;
    if (tail == want) {
      score = 100;
    } else if (want.size() >= 4 && tail.size() >= 4 &&
               (tail.find(want) != std::string::npos || want.find(tail) != std::string::npos)) {
      score = 60 - static_cast<int>(std::max(tail.size(), want.size()) -
                                    std::min(tail.size(), want.size()));
    } else {
      size_t d = editDistance(tail, want);
      if (d <= 2 && want.size() > 3) score = 50 - 10 * static_cast<int>(d);
    }
    if (score <= 0) continue;
    if (isMintPath(path) != mint) score -= 5;
    // Functions and Cells read better in generated code than raw Primitive classes.
    const std::string last = path.substr(path.rfind('.') + 1);
    if (path.rfind("mindspore.ops.", 0) == 0 && std::isupper(static_cast<unsigned char>(last[0])))
      score -= 3;
    scored.push_back({score, path});
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<std::string> out;
  for (const auto& [score, path] : scored) {
    if (out.size() >= limit) break;
    out.push_back(path);
  }
  return out;
}

}  // namespace mb::convert
