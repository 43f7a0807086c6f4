// Per-layer diff on synthetic tensors and hand-built graphs: every statistic checked against
// numbers worked out by hand, alignment through provenance, not-computed propagation, JSON/CSV
// output.
#include <QtTest>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>

#include "compare/diff_report.h"
#include "compare/layer_diff.h"
#include "test_paths.h"

using namespace mb;
using namespace mb::compare;

namespace {

const double kInf = std::numeric_limits<double>::infinity();
const float kNanF = std::numeric_limits<float>::quiet_NaN();
const float kInfF = std::numeric_limits<float>::infinity();

Tensor f32(std::vector<float> v) {
  return Tensor::fromVector(DType::Float32, {static_cast<int64_t>(v.size())}, v);
}

ValueId addValue(Graph& g, const std::string& name, const std::string& sourceValue = {}) {
  Value v{name};
  v.dtype = DType::Float32;
  v.sourceValue = sourceValue;
  return g.addValue(v);
}

NodeId addNode(Graph& g, const std::string& name, const std::string& op, std::vector<ValueId> in,
               std::vector<ValueId> out, bool unconverted = false) {
  Node n{name};
  n.opType = op;
  n.inputs = std::move(in);
  n.outputs = std::move(out);
  n.unconverted = unconverted;
  if (g.dialect == Dialect::MindSpore) {
    n.dialect = Dialect::MindSpore;
    n.domain = "mindspore";
  }
  return g.addNode(n);
}

// Source: x -Relu-> a -Conv-> b -Sigmoid-> c -Add(b,c)-> y
Graph sourceGraph() {
  Graph g;
  ValueId x = addValue(g, "x"), a = addValue(g, "a"), b = addValue(g, "b"), c = addValue(g, "c"),
          y = addValue(g, "y");
  g.inputs = {x};
  g.outputs = {y};
  addNode(g, "add", "Add", {b, c}, {y});  // added out of order on purpose
  addNode(g, "relu", "Relu", {x}, {a});
  addNode(g, "conv", "Conv", {a}, {b});
  addNode(g, "sig", "Sigmoid", {b}, {c});
  return g;
}

// Converted: relu → a' ; pad → p (no counterpart) ; conv → b' ; sigmoid → c' ; add → y (untagged
// output, aligned output-to-output). With `unconvertedSigmoid`, the sigmoid is an Unconverted node.
Graph convertedGraph(bool unconvertedSigmoid = false) {
  Graph g;
  g.dialect = Dialect::MindSpore;
  ValueId x = addValue(g, "x", "x"), a = addValue(g, "relu_out", "a"), p = addValue(g, "pad_out"),
          b = addValue(g, "conv_out", "b"), c = addValue(g, "sig_out", "c"), y = addValue(g, "y");
  g.inputs = {x};
  g.outputs = {y};
  addNode(g, "relu", "mindspore.nn.ReLU", {x}, {a});
  addNode(g, "pad", "mindspore.ops.pad", {a}, {p});
  addNode(g, "conv1", "mindspore.nn.Conv2d", {p}, {b});
  addNode(g, "sigmoid", unconvertedSigmoid ? "onnx::Sigmoid" : "mindspore.nn.Sigmoid", {b}, {c},
          unconvertedSigmoid);
  addNode(g, "add", "mindspore.ops.add", {b, c}, {y});
  return g;
}

}  // namespace

class TestLayerDiff : public QObject {
  Q_OBJECT
 private slots:
  void statisticsOfOnePair() {
    LayerStats s = computeLayerStats(f32({1, 2, 3, 4}), f32({1, 2, 3, 5}), Tolerance{});
    QCOMPARE(s.numel, int64_t(4));
    QCOMPARE(s.maxAbs, 1.0);
    QCOMPARE(s.meanAbs, 0.25);
    QCOMPARE(s.rmse, 0.5);
    QCOMPARE(s.maxRel, 0.2);
    QVERIFY(std::fabs(s.cosine - 34.0 / std::sqrt(30.0 * 39.0)) < 1e-15);
    QCOMPARE(s.refMaxAbs, 5.0);
    QCOMPARE(s.withinCount, int64_t(3));
    QCOMPARE(s.fractionWithin, 0.75);
    QVERIFY(!s.allWithin());
    QCOMPARE(s.minAtol, 1.0);
    QCOMPARE(s.minRtol, 0.2);
    QCOMPARE(s.histogram.exact, int64_t(3));
    QCOMPARE(s.histogram.decades[12], int64_t(1));  // [1e0, 1e1)
    QCOMPARE(s.histogram.total(), int64_t(4));
    QCOMPARE(s.scaledMaxAbs(), 0.2);
  }
  void toleranceIsNumpyIsclose() {
    // |5 - 4| = 1 ≤ 0 + 0.25·4: inside exactly at the edge; 0.2499 would not be.
    QVERIFY(computeLayerStats(f32({5}), f32({4}), Tolerance{0, 0.25}).allWithin());
    QVERIFY(!computeLayerStats(f32({5}), f32({4}), Tolerance{0, 0.2499}).allWithin());
    QVERIFY(computeLayerStats(f32({5}), f32({4}), Tolerance{1.0, 0}).allWithin());
    // Relative to the reference, not the converted value.
    QVERIFY(!computeLayerStats(f32({4}), f32({5}), Tolerance{0, 0.19}).allWithin());
    QVERIFY(computeLayerStats(f32({4}), f32({5}), Tolerance{0, 0.2}).allWithin());
  }
  void zeroReference() {
    LayerStats s = computeLayerStats(f32({0, 1e-6f}), f32({0, 0}), Tolerance{});
    QCOMPARE(s.maxRel, kInf);  // no rtol alone accepts an error against 0
    QCOMPARE(s.minRtol, kInf);
    QCOMPARE(s.withinCount, int64_t(2));  // atol 1e-5 does
    QCOMPARE(s.cosine, 0.0);              // one side all zero
    LayerStats both = computeLayerStats(f32({0, 0}), f32({0, 0}), Tolerance{0, 0});
    QCOMPARE(both.cosine, 1.0);
    QVERIFY(both.allWithin());
  }
  void nonFiniteValues() {
    LayerStats s = computeLayerStats(f32({kNanF, 1, kNanF, kInfF, 2}),
                                     f32({kNanF, kInfF, 2, kInfF, 2}), Tolerance{});
    QCOMPARE(s.refNan, int64_t(1));
    QCOMPARE(s.refInf, int64_t(2));
    QCOMPARE(s.gotNan, int64_t(2));
    QCOMPARE(s.gotInf, int64_t(1));
    QCOMPARE(s.nonFiniteMismatch, int64_t(2));  // 1 vs inf, NaN vs 2
    QCOMPARE(s.withinCount, int64_t(3));        // NaN/NaN, inf/inf, 2/2
    QCOMPARE(s.maxAbs, kInf);
    QCOMPARE(s.minAtol, kInf);
    QCOMPARE(s.cosine, 1.0);  // only the finite pair 2/2 enters the cosine
    QCOMPARE(s.histogram.exact, int64_t(3));
    QCOMPARE(s.histogram.above, int64_t(2));
  }
  void histogramDecades() {
    ErrorHistogram h;
    h.add(1e-12);  // first decade
    h.add(9e-13);  // below
    h.add(1e-5);   // decade -5 → index 7
    h.add(99.0);   // last decade
    h.add(100.0);  // above
    h.add(1e-3);   // exact power of ten lands in its own decade
    QCOMPARE(h.decades[0], int64_t(1));
    QCOMPARE(h.below, int64_t(1));
    QCOMPARE(h.decades[7], int64_t(1));
    QCOMPARE(h.decades[13], int64_t(1));
    QCOMPARE(h.decades[9], int64_t(1));
    QCOMPARE(h.above, int64_t(1));
    QCOMPARE(h.total(), int64_t(6));
  }
  void otherDtypes() {
    Tensor got = Tensor::fromVector(DType::Int64, {3}, std::vector<int64_t>{1, 2, 7});
    Tensor ref = Tensor::fromVector(DType::Int32, {3}, std::vector<int32_t>{1, 2, 3});
    LayerStats s = computeLayerStats(got, ref, Tolerance{});
    QCOMPARE(s.maxAbs, 4.0);
    QCOMPARE(s.withinCount, int64_t(2));
    Tensor half = Tensor::fromVector(DType::Float16, {2},
                                     std::vector<uint16_t>{floatToHalf(1.5f), floatToHalf(-2)});
    LayerStats h = computeLayerStats(half, f32({1.5f, -2.0f}), Tolerance{0, 0});
    QVERIFY(h.allWithin());
  }
  void worstCaseOverSamples() {
    LayerStats a = computeLayerStats(f32({1, 2}), f32({1, 2.5f}), Tolerance{});  // max 0.5
    LayerStats b = computeLayerStats(f32({0, 2}), f32({1, 2}), Tolerance{});     // max 1, cos 0
    LayerStats w = a;
    mergeWorstCase(w, b);
    QCOMPARE(w.maxAbs, 1.0);
    QCOMPARE(w.meanAbs, 0.5);
    QCOMPARE(w.maxRel, 1.0);
    QCOMPARE(w.cosine, b.cosine);
    QCOMPARE(w.withinCount, int64_t(1));
    QCOMPARE(w.fractionWithin, 0.5);
    QCOMPARE(w.histogram.total(), int64_t(4));
    QCOMPARE(w.refMaxAbs, 2.5);
  }
  void alignmentFollowsProvenanceAndOutputs() {
    Graph src = sourceGraph();
    Graph conv = convertedGraph();
    auto aligned = alignValues(src, conv);
    QVERIFY(aligned.hasValue());
    QCOMPARE(aligned->size(), size_t(4));  // a, b, c, y; x is an input, pad_out has no counterpart
    QCOMPARE((*aligned)[0].sourceValue, std::string("a"));
    QCOMPARE((*aligned)[0].convertedValue, std::string("relu_out"));
    QCOMPARE((*aligned)[1].sourceValue, std::string("b"));
    QCOMPARE((*aligned)[1].convertedNode, std::string("conv1"));
    QCOMPARE((*aligned)[1].convertedApi, std::string("mindspore.nn.Conv2d"));
    QCOMPARE((*aligned)[1].order, int64_t(1));
    QCOMPARE((*aligned)[3].sourceValue, std::string("y"));
    QCOMPARE((*aligned)[3].convertedValue, std::string("y"));
    QVERIFY((*aligned)[3].isOutput);
    for (const auto& a : *aligned) QVERIFY(!a.notComputed);
  }
  void laterConvertedValueWinsForTheSameSource() {
    Graph src = sourceGraph();
    Graph conv = convertedGraph();
    conv.value(*conv.findValue("pad_out")).sourceValue = "b";  // earlier in the chain
    auto aligned = alignValues(src, conv);
    QVERIFY(aligned.hasValue());
    QCOMPARE((*aligned)[1].convertedValue, std::string("conv_out"));
  }
  void unconvertedNodeBlocksDownstream() {
    Graph conv = convertedGraph(true);
    auto blocked = notComputedValues(conv);
    QVERIFY(!blocked[static_cast<size_t>(*conv.findValue("conv_out"))]);
    QVERIFY(blocked[static_cast<size_t>(*conv.findValue("sig_out"))]);
    QVERIFY(blocked[static_cast<size_t>(*conv.findValue("y"))]);
    auto aligned = alignValues(sourceGraph(), conv);
    QVERIFY(aligned.hasValue());
    QVERIFY(!(*aligned)[1].notComputed);
    QVERIFY((*aligned)[2].notComputed);
    QVERIFY((*aligned)[3].notComputed);
  }
  void reportFindsFirstDivergentLayer() {
    Graph src = sourceGraph();
    Graph conv = convertedGraph();
    auto aligned = alignValues(src, conv);
    QVERIFY(aligned.hasValue());
    DiffOptions options;
    options.overrides["y"] = Tolerance{1.0, 0};  // loose on the output only
    DiffAccumulator acc(*aligned, options);
    TapMap ref{
        {"a", f32({1, 2})}, {"b", f32({3, 4})}, {"c", f32({0.5f, 0.5f})}, {"y", f32({3.5f, 4.5f})}};
    TapMap got{{"relu_out", f32({1, 2})},
               {"conv_out", f32({3, 4})},
               {"sig_out", f32({0.5f, 0.5f})},
               {"y", f32({3.5f, 4.5f})}};
    acc.addSample(ref, got);
    // Second sample: the sigmoid is off by 0.1 and so is the output.
    got["sig_out"] = f32({0.6f, 0.5f});
    got["y"] = f32({3.6f, 4.5f});
    acc.addSample(ref, got);
    DiffReport report = acc.finish();
    QCOMPARE(report.samples, 2);
    QVERIFY(report.firstDivergent.has_value());
    QCOMPARE(report.layers[*report.firstDivergent].align.sourceValue, std::string("c"));
    QCOMPARE(report.layers[2].worstSample, 1);
    QVERIFY(std::fabs(report.layers[2].stats.maxAbs - 0.1) < 1e-6);
    QVERIFY(report.layers[3].passed);  // override atol 1.0
    QCOMPARE(report.layers[3].tolerance.atol, 1.0);
    QCOMPARE(report.failedCount(), size_t(1));
    QVERIFY(!report.passed());

    nlohmann::json j = report.toJson();
    QCOMPARE(j["first_divergent"]["name"].get<std::string>(), std::string("c"));
    QCOMPARE(j["first_divergent"]["converted_api"].get<std::string>(),
             std::string("mindspore.nn.Sigmoid"));
    QCOMPARE(j["summary"]["failed"].get<int>(), 1);
    QCOMPARE(j["layers"].size(), size_t(4));
    QCOMPARE(j["layers"][2]["status"].get<std::string>(), std::string("compared"));
    QCOMPARE(j["layers"][2]["within_count"].get<int>(), 1);
    QCOMPARE(j["layers"][0]["max_abs"].get<double>(), 0.0);
    QCOMPARE(j["layers"][2]["error_histogram"]["exact_zero"].get<int>(), 3);

    std::string csv = report.toCsv();
    QCOMPARE(std::count(csv.begin(), csv.end(), '\n'), 5L);
    QVERIFY(
        csv.find(
            "\n2,c,sig_out,Sigmoid,mindspore.nn.Sigmoid,compared,false,float32,float32,2,2,2,") !=
        std::string::npos);
  }
  void missingAndMismatchedValues() {
    auto aligned = alignValues(sourceGraph(), convertedGraph(true));
    QVERIFY(aligned.hasValue());
    DiffAccumulator acc(*aligned, DiffOptions{});
    TapMap ref{{"a", f32({1, 2})}, {"b", f32({3, 4})}, {"c", f32({1})}, {"y", f32({1})}};
    TapMap got{{"conv_out", f32({3, 4, 5})}};  // relu_out missing, conv_out wrong length
    acc.addSample(ref, got);
    DiffReport report = acc.finish();
    QCOMPARE(report.layers[0].status, LayerStatus::Missing);
    QCOMPARE(report.layers[1].status, LayerStatus::ShapeMismatch);
    QCOMPARE(report.layers[2].status, LayerStatus::NotComputed);
    QCOMPARE(report.layers[3].status, LayerStatus::NotComputed);
    QCOMPARE(*report.firstDivergent, size_t(0));
    QCOMPARE(report.failedCount(), size_t(2));
    QCOMPARE(report.count(LayerStatus::NotComputed), size_t(2));
    QVERIFY(report.layers[1].note.find("reference shape 2 but converted 3") != std::string::npos);
  }
  void notComputedDoesNotFail() {
    auto aligned = alignValues(sourceGraph(), convertedGraph(true));
    DiffAccumulator acc(*aligned, DiffOptions{});
    acc.addSample({{"a", f32({1})}, {"b", f32({2})}},
                  {{"relu_out", f32({1})}, {"conv_out", f32({2})}});
    DiffReport report = acc.finish();
    QVERIFY(report.passed());
    QVERIFY(!report.firstDivergent);
  }
  void filesAreWrittenAndBadFolderIsAnError() {
    auto aligned = alignValues(sourceGraph(), convertedGraph());
    DiffAccumulator acc(*aligned, DiffOptions{});
    DiffReport report = acc.finish();
    std::string dir = mbtest::makeTempDir("diff-files");
    QVERIFY(writeDiffFiles(report, dir + "/out").isOk());
    std::ifstream in(dir + "/out/diff.json");
    nlohmann::json j = nlohmann::json::parse(in);
    QCOMPARE(j["layers"].size(), size_t(4));
    QVERIFY(std::filesystem::exists(dir + "/out/diff.csv"));
    for (const auto& e : std::filesystem::directory_iterator(dir + "/out"))
      QVERIFY(e.path().filename().string().find(".tmp") == std::string::npos);
    std::ofstream(dir + "/afile") << "x";
    Status bad = writeDiffFiles(report, dir + "/afile");
    QVERIFY(!bad.isOk());
    QCOMPARE(bad.error().code, ErrorCode::WriteFailed);
    QVERIFY(bad.error().where.find("afile") != std::string::npos);
  }
};

QTEST_APPLESS_MAIN(TestLayerDiff)
#include "test_layer_diff.moc"
