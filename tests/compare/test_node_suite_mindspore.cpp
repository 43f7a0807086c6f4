// ONNX's backend node suite through the whole MindSpore path: each case is converted (classic and
// mint), the converted graph runs with MindSpore semantics only, and its outputs are compared with
// ONNX's expected outputs the way ONNX's backend test does (rtol 1e-3, atol 1e-7; exact for
// integers and bools). Cases with an unconverted node are skipped (the converter did not claim the
// op). Prints `N passed, M failed, K skipped` per API level, every failure, and the MindSpore APIs
// the converter emitted that the executor cannot run.
#include <QtTest>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "convert/convert_graph.h"
#include "exec/executor.h"
#include "exec/kernel.h"
#include "io/npy.h"
#include "io/onnx_importer.h"
#include "node_suite_case.h"
#include "test_paths.h"

using namespace mb;
namespace fs = std::filesystem;

namespace {

// The share of converted cases that must match; failures are listed either way. At the time of
// writing every converted case matches.
constexpr double kGoal = 0.99;

// Why a case is not run: the first unconverted node's op and reason.
std::string unconvertedReason(const convert::ConversionResult& result) {
  for (const auto& record : result.records)
    if (record.status == convert::NodeStatus::Unconverted)
      return record.opType + " unconverted: " + record.reason;
  return "";
}

}  // namespace

class TestNodeSuiteMindSpore : public QObject {
  Q_OBJECT
 private slots:
  void runSuite_data() {
    QTest::addColumn<int>("api");
    QTest::newRow("classic") << static_cast<int>(convert::TargetApi::Classic);
    QTest::newRow("mint") << static_cast<int>(convert::TargetApi::Mint);
  }
  void runSuite() {
    QFETCH(int, api);
    fs::path root = fs::path(mbtest::nodeSuiteDir()) / "node";
    QVERIFY2(fs::is_directory(root), ("node suite missing: " + root.string()).c_str());
    std::vector<fs::path> cases;
    for (const auto& entry : fs::directory_iterator(root))
      if (entry.is_directory()) cases.push_back(entry.path());
    std::sort(cases.begin(), cases.end());
    QVERIFY(cases.size() > 500);

    const auto skips =
        mbtest::loadNodeSuiteSkips(mbtest::sourceDir() + "/tests/exec/node_suite_skips.txt");
    int passed = 0, failed = 0, skipped = 0;
    std::map<std::string, int> missingKernels;
    std::map<std::string, int> skipReasons;  // reason (without case-specific detail) → cases
    auto skip = [&](const std::string& name, const std::string& reason) {
      ++skipped;
      ++skipReasons[reason];
      std::cout << "SKIP " << name << ": " << reason << "\n";
    };
    for (const auto& dir : cases) {
      const std::string name = dir.filename().string();
      if (skips.count(name)) {
        skip(name, "on tests/exec/node_suite_skips.txt: " + skips.at(name));
        continue;
      }
      OnnxImportOptions importOptions;
      importOptions.runChecker = false;
      auto imported = importOnnxFile((dir / "model.onnx").string(), importOptions);
      if (!imported) {
        skip(name, "does not import: " + imported.error().message);
        continue;
      }
      convert::ConvertOptions options;
      options.api = static_cast<convert::TargetApi>(api);
      auto converted = convert::convertGraph(imported->graph, options);
      if (!converted) {
        skip(name, "conversion failed: " + converted.error().message);
        continue;
      }
      if (converted->count(convert::NodeStatus::Unconverted) > 0) {
        skip(name, unconvertedReason(*converted));
        continue;
      }
      bool runnable = true;
      for (const auto& node : converted->converted.nodes)
        if (node.dialect == Dialect::MindSpore && !exec::findMindSporeKernel(node.opType)) {
          missingKernels[node.opType]++;
          runnable = false;
        }
      std::string failure =
          runnable ? mbtest::runNodeSuiteCase(dir, converted->converted) : "no MindSpore kernel";
      if (failure.empty()) {
        ++passed;
      } else {
        ++failed;
        std::cout << "FAIL " << name << ": " << failure << "\n";
      }
    }
    std::cout << "Skip reasons (cases):\n";
    for (const auto& [reason, count] : skipReasons)
      std::cout << "  " << count << "  " << reason << "\n";
    std::cout << "MindSpore APIs the converter emitted without an executor kernel (cases):";
    for (const auto& [apiName, count] : missingKernels)
      std::cout << " " << apiName << "(" << count << ")";
    std::cout << "\n"
              << convert::targetApiName(static_cast<convert::TargetApi>(api)) << ": " << passed
              << " passed, " << failed << " failed, " << skipped << " skipped\n";
    const double rate = passed + failed ? static_cast<double>(passed) / (passed + failed) : 0.0;
    QVERIFY2(passed > 300, "fewer converted cases than expected");
    QVERIFY2(rate >= kGoal, ("pass rate " + std::to_string(rate) + " below the goal").c_str());
  }
};

QTEST_APPLESS_MAIN(TestNodeSuiteMindSpore)
#include "test_node_suite_mindspore.moc"
