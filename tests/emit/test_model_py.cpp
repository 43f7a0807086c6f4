// model.py printer: readable structure (repeated blocks → one class, Sequential layers), both API
// levels, placeholders for unconverted ops, constants, and the static checks against
// MindSpore 2.7's public API table (check_model_py.py).
#include <QProcess>
#include <QtTest>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "emit/model_py_printer.h"
#include "emit/py_text.h"
#include "sample_graphs.h"
#include "test_paths.h"

using namespace mb;
using namespace mb::emitter;

namespace {

int countOf(const std::string& text, const std::string& needle) {
  int n = 0;
  for (size_t p = text.find(needle); p != std::string::npos; p = text.find(needle, p + 1)) ++n;
  return n;
}

// Runs the static checker; returns its output ("" when everything passed).
QString staticCheck(const ModelPyResult& result, const std::string& tag) {
  const std::string dir = mbtest::makeTempDir(tag);
  std::ofstream(dir + "/model.py") << result.code;
  if (qEnvironmentVariableIsSet("MB_EMIT_DUMP")) std::fprintf(stderr, "%s\n", result.code.c_str());
  nlohmann::json keys = nlohmann::json::array();
  for (const auto& e : result.checkpoint) keys.push_back(e.key);
  std::ofstream(dir + "/keys.json") << keys.dump();
  QProcess p;
  p.start(QString::fromStdString(mbtest::pythonExe()),
          {QString::fromStdString(mbtest::sourceDir() + "/tests/emit/check_model_py.py"),
           QString::fromStdString(dir + "/model.py"),
           QString::fromStdString(mbtest::sourceDir() + "/tests/emit/data/mindspore_api_2_7.json"),
           QString::fromStdString(result.topClass), QString::fromStdString(dir + "/keys.json")});
  p.waitForFinished(60000);
  QString out = p.readAllStandardOutput() + p.readAllStandardError();
  if (p.exitCode() != 0 && out.isEmpty()) out = "checker failed to run";
  return p.exitCode() == 0 ? QString() : out;
}

}  // namespace

class TestModelPy : public QObject {
  Q_OBJECT
 private slots:
  void identifiersAndLiterals() {
    QCOMPARE(pyIdentifier("input.1"), std::string("input_1"));
    QCOMPARE(pyIdentifier("0"), std::string("v0"));
    QCOMPARE(pyIdentifier("lambda"), std::string("lambda_"));
    QCOMPARE(snakeCase("BatchNorm2d"), std::string("batch_norm2d"));
    QCOMPARE(camelCase("resnet18_op17"), std::string("Resnet18Op17"));
    QCOMPARE(pyFloat(1e-5), std::string("1e-05"));
    QCOMPARE(pyFloat(0.9), std::string("0.9"));
    QCOMPARE(pyFloat(2.0), std::string("2.0"));
    QCOMPARE(pyLiteral(Attribute(std::vector<int64_t>{3})), std::string("(3,)"));
    QCOMPARE(pyString("it's\n"), std::string("\"it's\\n\""));
    QCOMPARE(pyString("a'\""), std::string("'a\\'\"'"));
  }

  void wrapKeepsTokensAndWidth() {
    const std::string stmt =
        "self.conv1 = nn.Conv2d(in_channels=in_channels, out_channels=out_channels, "
        "kernel_size=(3, 3), stride=(1, 1), pad_mode='pad', padding=(1, 1, 1, 1), has_bias=False)";
    auto lines = wrapPython(stmt, 8);
    QVERIFY(lines.size() > 1);
    std::string joined;
    for (const auto& l : lines) {
      QVERIFY2(l.size() <= 100, l.c_str());
      joined += l;
    }
    auto squeeze = [](std::string s) {
      s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
      return s;
    };
    QCOMPARE(squeeze(joined), squeeze(stmt));
    // A long message string is split into adjacent literals.
    auto msg = wrapPython("self.x = UnconvertedOp('" + std::string(250, 'a') + "')", 8);
    for (const auto& l : msg) QVERIFY(l.size() <= 100);
  }

  void resnetClassicIsReadable() {
    auto result = printModelPy(mbtest::sampleResNet("classic"),
                               {"resnet_tiny", "resnet_tiny.onnx", std::string(64, 'a'), ""});
    QVERIFY2(result, result ? "" : result.error().describe().c_str());
    const std::string& code = result->code;
    // Blocks without downsample share one class; the downsampling ones share another.
    QCOMPARE(countOf(code, "class LayerBlock(nn.Cell)"), 1);
    QCOMPARE(countOf(code, "class LayerBlock2(nn.Cell)"), 1);
    QCOMPARE(result->classInstances["LayerBlock"].size(), size_t(4));
    QCOMPARE(result->classInstances["LayerBlock2"].size(), size_t(2));
    QVERIFY(code.find("def __init__(self, in_channels):") != std::string::npos);
    QVERIFY(code.find("def __init__(self, in_channels, out_channels):") != std::string::npos);
    QVERIFY(code.find("self.layer1 = nn.SequentialCell(") != std::string::npos);
    QVERIFY(code.find("self.downsample = nn.SequentialCell(") != std::string::npos);
    QVERIFY(code.find("layer3 = self.layer3(layer2)") != std::string::npos);
    QVERIFY(code.find("conv1 = self.conv1(input_1)") != std::string::npos);
    QVERIFY(code.find("def construct(self, input_1):") != std::string::npos);
    QVERIFY(code.find("opt_") == std::string::npos);
    QVERIFY(code.find("# Source sha256: " + std::string(64, 'a')) != std::string::npos);
    QVERIFY(code.find("MindBridge " MB_VERSION) != std::string::npos);
    QVERIFY(code.find("from mindspore import nn, ops\n") != std::string::npos);
    QVERIFY(code.find("import mindspore\n") == std::string::npos);  // nothing uses it
    QCOMPARE(result->checkpoint.size(), size_t(5 + 4 * 10 + 2 * 15 + 2));
    bool foundKey = false;
    for (const auto& e : result->checkpoint)
      foundKey |= e.key == "layer2.0.downsample.1.moving_mean";
    QVERIFY(foundKey);
    QString problems = staticCheck(*result, "classic");
    QVERIFY2(problems.isEmpty(), qPrintable(problems + QString::fromStdString(code)));
  }

  void resnetMintPassesStaticChecks() {
    auto result = printModelPy(mbtest::sampleResNet("mint"), {"resnet_tiny", "", "", ""});
    QVERIFY(result);
    QVERIFY(result->code.find("mint.nn.Conv2d(") != std::string::npos);
    QVERIFY(result->code.find("mint.nn.functional.relu(") != std::string::npos);
    QVERIFY(result->code.find("mint (mindspore.mint") != std::string::npos);
    QString problems = staticCheck(*result, "mint");
    QVERIFY2(problems.isEmpty(), qPrintable(problems + QString::fromStdString(result->code)));
  }

  void unconvertedBecomesPlaceholder() {
    for (const std::string api : {"classic", "mint"}) {
      mbtest::SampleOptions options;
      options.unconverted = true;
      Graph graph = mbtest::sampleResNet(api, options);
      auto result = printModelPy(graph, {"resnet_tiny", "", "", ""});
      QVERIFY(result);
      const std::string& code = result->code;
      QCOMPARE(countOf(code, "class UnconvertedOp(nn.Cell):"), 1);
      QVERIFY(code.find("raise NotImplementedError(self.message)") != std::string::npos);
      QString problems = staticCheck(*result, "unconv-" + api);
      QVERIFY(code.find("\"onnx::GridSample (node '/GridSample') was not converted") !=
              std::string::npos);
      QVERIFY(code.find("mode='bilinear'") != std::string::npos);
      QVERIFY(code.find("[1,8,4,4]") != std::string::npos);
      QVERIFY(code.find("mindspore.ops.grid_sample") != std::string::npos);
      // The report location points at the call in construct().
      NodeId gridSample = *graph.findNode("/GridSample");
      auto site = result->callSites.at(gridSample);
      std::vector<std::string> lines;
      std::istringstream in(code);
      for (std::string l; std::getline(in, l);) lines.push_back(l);
      const std::string& line = lines.at(static_cast<size_t>(site.line - 1));
      QVERIFY2(line.substr(static_cast<size_t>(site.column - 1)).rfind("self.grid_sample(", 0) == 0,
               line.c_str());
      QVERIFY2(problems.isEmpty(), qPrintable(problems + QString::fromStdString(code)));
    }
  }

  void constantsAndHoles() {
    mbtest::SampleOptions options;
    options.constants = true;
    options.hole = true;
    auto result =
        printModelPy(mbtest::sampleResNet("classic", options), {"resnet_tiny", "", "", ""});
    QVERIFY(result);
    const std::string& code = result->code;
    QString problems = staticCheck(*result, "const");
    QVERIFY2(code.find("ops.reshape(mean, (1, -1))") != std::string::npos, code.c_str());
    QVERIFY(code.find("self.mul_const = Parameter(ops.zeros((1, 32, 1, 1), mindspore.float32), "
                      "requires_grad=False)") != std::string::npos);
    QVERIFY(code.find("self.classifier = nn.SequentialCell([nn.Identity(), nn.Dense(") !=
                std::string::npos ||
            code.find("nn.SequentialCell([\n            nn.Identity(), nn.Dense(") !=
                std::string::npos);
    bool constant = false, classifier = false;
    for (const auto& e : result->checkpoint) {
      constant |= e.key == "mul_const" && e.isConstant;
      classifier |= e.key == "classifier.1.weight";
    }
    QVERIFY(constant);
    QVERIFY(classifier);
    QVERIFY2(problems.isEmpty(), qPrintable(problems + QString::fromStdString(code)));
  }

  void staticCheckCatchesMistakes() {
    // The checker itself must fail on a wrong keyword, an unknown API and a key mismatch.
    auto result = printModelPy(mbtest::sampleResNet("classic"), {"resnet_tiny", "", "", ""});
    QVERIFY(result);
    ModelPyResult broken = *result;
    broken.code = std::regex_replace(broken.code, std::regex("has_bias|pad_mode"), "padmode");
    broken.code += "\n\nX = nn.Conv3000d\n";
    broken.checkpoint.push_back({"ghost.weight", kNoValue, false});
    QString problems = staticCheck(broken, "broken");
    QVERIFY(problems.contains("no argument 'padmode'"));
    QVERIFY(problems.contains("nn.Conv3000d does not exist"));
    QVERIFY(problems.contains("ghost.weight"));
  }

  void rejectsSourceDialect() {
    Graph g;
    auto result = printModelPy(g, {});
    QVERIFY(!result);
    QCOMPARE(result.error().code, ErrorCode::InvalidArgument);
  }
};

QTEST_APPLESS_MAIN(TestModelPy)
#include "test_model_py.moc"
