// Cancelling a run at random points (100 times): each cancelled run ends with Cancelled (or
// completes if the cancel came after the last node), and the same executor then produces outputs
// byte-identical to an uninterrupted run — nothing from the cancelled run leaks into the next.
// Under the sanitizer preset LeakSanitizer checks that cancelled runs free what they allocated.
#include <QtTest>
#include <atomic>
#include <cstring>
#include <random>

#include "exec/executor.h"
#include "io/onnx_importer.h"
#include "test_paths.h"

using namespace mb;

class TestCancellation : public QObject {
  Q_OBJECT
 private slots:
  void executorCancelledAtRandomNodes() {
    auto imported = importOnnxFile(mbtest::fixture("models/tiny_cnn_op13_train.onnx"));
    QVERIFY2(imported, imported ? "" : imported.error().describe().c_str());
    const Graph& graph = imported->graph;
    std::mt19937 rng(9);
    std::map<std::string, Tensor> inputs;
    for (ValueId id : graph.inputs) {
      const auto& value = graph.value(id);
      std::vector<int64_t> dims;
      for (const auto& d : value.shape.dims) dims.push_back(d.isKnown() ? d.value : 1);
      Tensor t = Tensor::zeros(value.dtype, dims);
      auto* data = t.mutableData<float>();
      std::uniform_real_distribution<float> uniform(-1.f, 1.f);
      for (int64_t i = 0; i < t.numel(); ++i) data[i] = uniform(rng);
      inputs.emplace(value.name, std::move(t));
    }
    exec::Executor executor(graph);
    auto reference = executor.run(inputs, {});
    QVERIFY2(reference, reference ? "" : reference.error().describe().c_str());
    const size_t total = reference->nodesRun;
    QVERIFY(total > 3);
    int cancelled = 0;
    for (int attempt = 0; attempt < 100; ++attempt) {
      std::atomic<bool> cancel{false};
      const size_t stopAfter = std::uniform_int_distribution<size_t>(0, total)(rng);
      exec::RunOptions options;
      options.cancel = &cancel;
      options.taps.mode = attempt % 2 ? exec::TapMode::All : exec::TapMode::None;
      if (stopAfter == 0) cancel = true;
      options.progress = [&](size_t done, size_t, const std::string&) {
        if (done >= stopAfter) cancel = true;
      };
      auto run = executor.run(inputs, options);
      if (!run) {
        QCOMPARE(run.error().code, ErrorCode::Cancelled);
        ++cancelled;
      } else {
        QVERIFY2(stopAfter >= total, "a run cancelled before its last node completed");
      }
      auto again = executor.run(inputs, {});
      QVERIFY2(again, again ? "" : again.error().describe().c_str());
      QCOMPARE(again->outputs.size(), reference->outputs.size());
      for (const auto& [name, tensor] : reference->outputs) {
        const Tensor& other = again->outputs.at(name);
        QCOMPARE(other.nbytes(), tensor.nbytes());
        QVERIFY2(std::memcmp(other.bytes(), tensor.bytes(), tensor.nbytes()) == 0, name.c_str());
      }
    }
    QVERIFY2(cancelled >= 80, "most random points lie before the last node");
  }
};

QTEST_APPLESS_MAIN(TestCancellation)
#include "test_cancellation.moc"
