// Benchmark (label "bench"): conversion time of bench/resnet50.onnx (import excluded) at both API
// levels, and growth with node count on synthetic Conv → Relu → Add chains. Prints the figures
// quoted in core/convert/README.md; fails only far outside the goals (0.3 s, linear growth).
#include <QtTest>

#include <algorithm>
#include <chrono>
#include <filesystem>

#include "convert_test_util.h"
#include "io/onnx_importer.h"
#include "test_paths.h"

using namespace mb;
using namespace mb::convert;

namespace {

double secondsToConvert(const Graph& g, TargetApi api, int repeats) {
  std::vector<double> times;
  for (int i = 0; i < repeats; ++i) {
    ConvertOptions o;
    o.api = api;
    auto start = std::chrono::steady_clock::now();
    auto r = convertGraph(g, o);
    times.push_back(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    if (!r || r->count(NodeStatus::Unconverted) != 0)
      qFatal("benchmark graph did not convert completely");
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];  // median
}

Graph chain(int blocks) {
  mbtest::GraphBuilder b(17);
  ValueId x = b.input("input", {1, 8, 16, 16});
  AttributeList conv;
  conv.set("kernel_shape", std::vector<int64_t>{3, 3});
  conv.set("pads", std::vector<int64_t>{1, 1, 1, 1});
  for (int i = 0; i < blocks; ++i) {
    std::string scope = "/blocks/blocks." + std::to_string(i);
    auto c = b.node("Conv", scope + "/conv/Conv",
                    {x, b.floats("blocks." + std::to_string(i) + ".conv.weight", {8, 8, 3, 3})},
                    conv, 1, {1, 8, 16, 16});
    auto r = b.node("Relu", scope + "/act/Relu", {c[0]}, {}, 1, {1, 8, 16, 16});
    x = b.node("Add", scope + "/Add", {r[0], x}, {}, 1, {1, 8, 16, 16})[0];
  }
  b.output(x);
  return b.graph;
}

}  // namespace

class BenchConvert : public QObject {
  Q_OBJECT
 private slots:
  void resnet50() {
    std::string path = mbtest::fixture("bench/resnet50.onnx");
    if (!std::filesystem::exists(path) && !mbtest::fixtureGeneratorExists())
      QSKIP(
          "bench/resnet50.onnx not generated yet: tests/fixtures/make_fixtures.py is not in this "
          "checkout");
    auto imported = importOnnxFile(path);
    QVERIFY2(imported, path.c_str());
    for (TargetApi api : {TargetApi::Classic, TargetApi::Mint}) {
      double s = secondsToConvert(imported->graph, api, 9);
      qInfo("resnet50 (%zu nodes) %s: %.2f ms median of 9 (%.2f µs/node)",
            imported->graph.nodes.size(), targetApiName(api), s * 1e3,
            s * 1e6 / static_cast<double>(imported->graph.nodes.size()));
      QVERIFY(s <= 0.3);
    }
  }

  void growsLinearlyWithNodeCount() {
    std::vector<std::pair<size_t, double>> perNode;
    // 1k, 10k and 50k nodes (3 nodes per block), plus two sizes between for the trend.
    for (int blocks : {334, 1667, 3334, 8334, 16667}) {
      Graph g = chain(blocks);
      double s = secondsToConvert(g, TargetApi::Classic, blocks > 5000 ? 1 : 3);
      perNode.push_back({g.nodes.size(), s / static_cast<double>(g.nodes.size())});
      qInfo("%6zu nodes: %8.2f ms  (%.2f µs/node)", g.nodes.size(), s * 1e3,
            perNode.back().second * 1e6);
    }
    double ratio = perNode.back().second / perNode.front().second;
    qInfo("µs/node at %zu vs %zu nodes: ratio %.2f (1.0 = perfectly linear)", perNode.back().first,
          perNode.front().first, ratio);
    QVERIFY2(ratio < 3.0, "conversion time per node grows with graph size: not linear");
  }
};

QTEST_APPLESS_MAIN(BenchConvert)
#include "bench_convert.moc"
