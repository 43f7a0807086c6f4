// diffLines: on random line sequences the kept lines are a common subsequence of both texts, in
// order, and as long as the longest one (checked against a quadratic LCS).
#include <QtTest>
#include <random>
#include <string>

#include "migrate/line_diff.h"

using namespace mb::migrate;

namespace {
size_t lcsLength(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b) {
  std::vector<std::vector<size_t>> t(a.size() + 1, std::vector<size_t>(b.size() + 1, 0));
  for (size_t i = 1; i <= a.size(); ++i)
    for (size_t j = 1; j <= b.size(); ++j)
      t[i][j] = a[i - 1] == b[j - 1] ? t[i - 1][j - 1] + 1 : std::max(t[i - 1][j], t[i][j - 1]);
  return t[a.size()][b.size()];
}
std::string randomText(std::mt19937& rng, int lines) {
  std::string text;
  for (int i = 0; i < lines; ++i) text += "line" + std::to_string(rng() % 6) + "\n";
  return text;
}
}  // namespace

class TestLineDiff : public QObject {
  Q_OBJECT
 private slots:
  void rewriteOfAScript() {
    const std::string before = "import torch.nn as nn\n\nclass A(nn.Module):\n    pass\n";
    const std::string after =
        "import mindspore\nfrom mindspore import nn\n\nclass A(nn.Cell):\n    pass\n";
    LineDiff d = diffLines(before, after);
    QCOMPARE(d.removed, (std::vector<bool>{true, false, true, false}));
    QCOMPARE(d.added, (std::vector<bool>{true, true, false, true, false}));
    QCOMPARE(d.originalToRewritten, (std::vector<int>{-1, 2, -1, 4}));
  }

  void keptLinesAreALongestCommonSubsequence() {
    std::mt19937 rng(7);
    for (int round = 0; round < 300; ++round) {
      const std::string a = randomText(rng, rng() % 25), b = randomText(rng, rng() % 25);
      LineDiff d = diffLines(a, b);
      const auto la = splitLines(a), lb = splitLines(b);
      QCOMPARE(d.removed.size(), la.size());
      QCOMPARE(d.added.size(), lb.size());
      size_t kept = 0;
      int last = -1;
      for (size_t i = 0; i < la.size(); ++i) {
        const int j = d.originalToRewritten[i];
        QCOMPARE(j >= 0, !d.removed[i]);
        if (j < 0) continue;
        QVERIFY(j > last);
        QCOMPARE(la[i], lb[j]);
        QVERIFY(!d.added[j]);
        last = j;
        ++kept;
      }
      QCOMPARE(kept, lcsLength(la, lb));
      QCOMPARE(static_cast<size_t>(std::count(d.added.begin(), d.added.end(), false)), kept);
    }
  }

  void emptyTexts() {
    QVERIFY(diffLines("", "").removed.empty());
    QCOMPARE(diffLines("", "a\nb\n").added, (std::vector<bool>{true, true}));
    QCOMPARE(diffLines("a\n", "").removed, (std::vector<bool>{true}));
  }
};

QTEST_APPLESS_MAIN(TestLineDiff)
#include "test_line_diff.moc"
