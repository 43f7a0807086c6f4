// Every fixture model (PyTorch exports: eval and train, opsets 11/13/17), converted at both API
// levels, converts with zero unconverted ops, runs in MindSpore semantics, and every aligned layer
// matches the source: max_abs ≤ 1e-5 · max(1, max|ref|) and cosine ≥ 0.999999, over two seeded
// samples. The fixture's own input files are also fed once through the --input path.
#include <QtTest>

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "compare/layer_diff_runner.h"
#include "convert/convert_graph.h"
#include "io/npy.h"
#include "io/onnx_importer.h"
#include "test_paths.h"

using namespace mb;

namespace {

struct Outcome {
  size_t compared = 0;
  double worstScaled = 0;
  double worstCosine = 1;
  std::string problem;  // empty when the model passes
};

Outcome check(const compare::DiffReport& report) {
  Outcome o;
  if (!report.unconvertedNodes.empty())
    o.problem = "unconverted node " + report.unconvertedNodes[0];
  if (!report.executionErrors.empty()) o.problem = report.executionErrors[0];
  for (const auto& l : report.layers) {
    if (l.status != compare::LayerStatus::Compared || l.samples == 0) {
      if (o.problem.empty())
        o.problem =
            l.align.sourceValue + " is " + compare::layerStatusName(l.status) + " " + l.note;
      continue;
    }
    ++o.compared;
    o.worstScaled = std::max(o.worstScaled, l.stats.scaledMaxAbs());
    o.worstCosine = std::min(o.worstCosine, l.stats.cosine);
    if (o.problem.empty() && (l.stats.scaledMaxAbs() > 1e-5 || l.stats.cosine < 0.999999))
      o.problem = l.align.sourceValue + " (" + l.align.convertedApi + "): max_abs " +
                  std::to_string(l.stats.maxAbs) + ", max|ref| " +
                  std::to_string(l.stats.refMaxAbs) + ", cosine " + std::to_string(l.stats.cosine);
  }
  if (o.compared == 0 && o.problem.empty()) o.problem = "no layer was compared";
  return o;
}

// "resnet18_op17_train.onnx" → "resnet18"
std::string fixtureName(const std::string& file) {
  return file.substr(0, file.find("_op"));
}

}  // namespace

class TestFixtureDiff : public QObject {
  Q_OBJECT
 private slots:
  void everyFixtureMatchesLayerByLayer() {
    std::vector<std::filesystem::path> models;
    for (const auto& e : std::filesystem::directory_iterator(mbtest::fixture("models")))
      if (e.path().extension() == ".onnx") models.push_back(e.path());
    std::sort(models.begin(), models.end());
    QVERIFY2(models.size() >= 42, "expected the 7 fixture models x 3 opsets x 2 export modes");
    int failures = 0, runs = 0;
    std::printf("%-36s %-7s %6s %12s %12s\n", "model", "api", "layers", "max scaled", "min cosine");
    for (const auto& path : models) {
      auto imported = importOnnxFile(path.string());
      QVERIFY2(imported.hasValue(), imported ? "" : imported.error().describe().c_str());
      for (auto api : {convert::TargetApi::Classic, convert::TargetApi::Mint}) {
        ++runs;
        convert::ConvertOptions options;
        options.api = api;
        auto converted = convert::convertGraph(imported->graph, options);
        QVERIFY2(converted.hasValue(), converted ? "" : converted.error().describe().c_str());
        compare::DiffRunOptions run;
        run.samples = 2;
        run.seed = 11;
        for (ValueId id : imported->graph.inputs)
          for (const auto& d : imported->graph.value(id).shape.dims)
            if (!d.isKnown() && !d.symbol.empty()) run.random.dimValues[d.symbol] = 2;
        auto report = compare::runLayerDiff(imported->graph, converted->converted, run);
        QVERIFY2(report.hasValue(), report ? "" : report.error().describe().c_str());
        Outcome o = check(*report);
        if (converted->count(convert::NodeStatus::Unconverted) != 0 && o.problem.empty())
          o.problem = std::to_string(converted->count(convert::NodeStatus::Unconverted)) +
                      " unconverted source nodes";
        std::printf("%-36s %-7s %6zu %12.3g %12.9f %s\n", path.filename().string().c_str(),
                    convert::targetApiName(api), o.compared, o.worstScaled, o.worstCosine,
                    o.problem.empty() ? "ok" : ("FAIL: " + o.problem).c_str());
        if (!o.problem.empty()) ++failures;
      }
    }
    std::printf("%d of %d conversions match layer by layer\n", runs - failures, runs);
    QCOMPARE(failures, 0);
  }

  // The fixture's recorded inputs through DiffRunOptions::inputs: one sample, the same files a
  // user would pass with --input.
  void fixtureInputFilesAreUsed() {
    const std::string model = "resnet18_op13_eval.onnx";
    auto imported = importOnnxFile(mbtest::fixture("models/" + model));
    QVERIFY(imported.hasValue());
    auto converted = convert::convertGraph(imported->graph, {});
    QVERIFY(converted.hasValue());
    compare::DiffRunOptions run;
    run.samples = 5;  // ignored: every input is given
    for (ValueId id : imported->graph.inputs) {
      const std::string name = imported->graph.value(id).name;
      auto t = readNpy(mbtest::fixture("data/" + fixtureName(model) + "/inputs/" + name + ".npy"));
      QVERIFY2(t.hasValue(), t ? "" : t.error().describe().c_str());
      run.inputs[name] = *t;
    }
    auto report = compare::runLayerDiff(imported->graph, converted->converted, run);
    QVERIFY(report.hasValue());
    QCOMPARE(report->samples, 1);
    Outcome o = check(*report);
    QVERIFY2(o.problem.empty(), o.problem.c_str());
  }
};

QTEST_APPLESS_MAIN(TestFixtureDiff)
#include "test_fixture_diff.moc"
