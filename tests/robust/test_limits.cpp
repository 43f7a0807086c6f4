// Limits stop hostile or oversized work with LimitExceeded and a message naming the limit, instead
// of the process being killed: the importer's node count and tensor size, the executor's memory
// budget (a run that needs more live bytes than allowed stops, naming the node).
#include <QtTest>

#include "exec/executor.h"
#include "io/onnx_importer.h"
#include "test_paths.h"

using namespace mb;

namespace {
std::string tinyCnn() {
  return mbtest::fixture("models/tiny_cnn_op13_eval.onnx");
}
}  // namespace

class TestLimits : public QObject {
  Q_OBJECT
 private slots:
  void nodeCountLimit() {
    OnnxImportOptions options;
    options.maxNodes = 3;
    auto imported = importOnnxFile(tinyCnn(), options);
    QVERIFY(!imported);
    QCOMPARE(imported.error().code, ErrorCode::LimitExceeded);
    QVERIFY2(imported.error().message.find("more than 3 nodes") != std::string::npos,
             imported.error().describe().c_str());
    options.maxNodes = 100000;  // the same model within the limit
    QVERIFY(importOnnxFile(tinyCnn(), options));
  }
  void tensorBytesLimit() {
    OnnxImportOptions options;
    options.maxTensorBytes = 64;  // tiny_cnn's conv weights are larger
    auto imported = importOnnxFile(tinyCnn(), options);
    QVERIFY(!imported);
    QCOMPARE(imported.error().code, ErrorCode::LimitExceeded);
    QVERIFY2(imported.error().message.find("64 bytes tensor limit") != std::string::npos,
             imported.error().describe().c_str());
    QVERIFY2(!imported.error().where.empty(), "the error names the tensor");
  }
  void executorMemoryBudget() {
    auto imported = importOnnxFile(tinyCnn());
    QVERIFY(imported);
    const Graph& graph = imported->graph;
    std::map<std::string, Tensor> inputs;
    for (ValueId id : graph.inputs) {
      const auto& value = graph.value(id);
      std::vector<int64_t> dims;
      for (const auto& d : value.shape.dims) dims.push_back(d.isKnown() ? d.value : 1);
      inputs.emplace(value.name, Tensor::zeros(value.dtype, dims));
    }
    exec::Executor executor(graph);
    exec::RunOptions tight;
    tight.memoryBudget = 1024;  // far below one feature map
    auto run = executor.run(inputs, tight);
    QVERIFY(!run);
    QCOMPARE(run.error().code, ErrorCode::LimitExceeded);
    QVERIFY2(run.error().message.find("budget") != std::string::npos,
             run.error().describe().c_str());
    auto free = executor.run(inputs, {});  // the executor stays usable after a refused run
    QVERIFY2(free, free ? "" : free.error().describe().c_str());
  }
};

QTEST_APPLESS_MAIN(TestLimits)
#include "test_limits.moc"
