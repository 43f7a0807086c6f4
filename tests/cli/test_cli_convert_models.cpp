// `mindbridge-cli convert` on real fixture models: the complete output set with MindConverter's
// names, --overwrite, --scaffold, --report, --json, --output_nodes, --diff, a write failure in the
// middle (RLIMIT_FSIZE, i.e. "disk full") and an interrupted run — never a half-written output.
#include <signal.h>
#include <unistd.h>

#include <QtTest>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "cli_runner.h"
#include "io/onnx_importer.h"

using mbtest::listTree;
using mbtest::runCli;
namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kOutputSet = {"export_mindir.py",
                                             "m.ckpt",
                                             "m.py",
                                             "operator_scanning_report.csv",
                                             "report.html",
                                             "report.json",
                                             "report_of_m.txt",
                                             "validate.py",
                                             "validation",
                                             "validation/inputs",
                                             "validation/inputs/input.npy",
                                             "validation/outputs",
                                             "validation/outputs/logits.npy",
                                             "weight_map_of_m.json"};

// A copy of a fixture named m.onnx in a fresh folder.
std::string folderWithModel(const std::string& fixture, const std::string& tag) {
  const std::string dir = mbtest::makeTempDir(tag);
  fs::copy_file(mbtest::fixture("models/" + fixture), dir + "/m.onnx");
  return dir;
}

std::string readText(const std::string& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<std::string> withPrefix(const std::string& prefix, std::vector<std::string> names) {
  for (auto& n : names) n = prefix + n;
  return names;
}

}  // namespace

class TestCliConvertModels : public QObject {
  Q_OBJECT
 private slots:
  void completeOutputSet() {
    const std::string dir = folderWithModel("resnet18_op17_train.onnx", "cli-full");
    auto r = runCli({"convert", "--model_file", "m.onnx"}, dir);
    QVERIFY2(r.exitCode == 0, r.err.c_str());
    auto expected = withPrefix("output/", kOutputSet);
    expected.insert(expected.begin(), "output");
    expected.insert(expected.begin(), "m.onnx");
    std::sort(expected.begin(), expected.end());
    QCOMPARE(listTree(dir), expected);
    QVERIFY(r.err.find("[7/7] moving the outputs into place") != std::string::npos);
    const std::string report = readText(dir + "/output/report_of_m.txt");
    QCOMPARE(report, std::string("[Start Convert]\n[Convert Over]\nConverted Rate: 100.00%.\n"));
    const std::string csv = readText(dir + "/output/operator_scanning_report.csv");
    QVERIFY(csv.rfind("operator_name, count, status\n", 0) == 0);
    QVERIFY(csv.find("onnx::Conv, 20, Supported\n") != std::string::npos);
    auto map = nlohmann::json::parse(readText(dir + "/output/weight_map_of_m.json"));
    QVERIFY(map.contains("m"));
    QVERIFY(map["m"].size() > 60);
    const std::string py = readText(dir + "/output/m.py");
    QVERIFY(py.find("class M(nn.Cell):") != std::string::npos);
    QVERIFY(py.find("self.layer1 = nn.SequentialCell(") != std::string::npos);
    auto compiled = mbtest::runProgram(
        mbtest::pythonExe(),
        {"-m", "py_compile", "output/m.py", "output/validate.py", "output/export_mindir.py"}, dir);
    QVERIFY2(compiled.exitCode == 0, compiled.err.c_str());
    fs::remove_all(dir + "/output/__pycache__");  // py_compile's, not ours

    // Again: refused without --overwrite (naming the file), replaced with it.
    auto again = runCli({"convert", "--model_file", "m.onnx"}, dir);
    QCOMPARE(again.exitCode, 1);
    QVERIFY2(again.err.find(dir + "/output/m.py") != std::string::npos, again.err.c_str());
    auto replaced = runCli({"convert", "--model_file", "m.onnx", "--overwrite"}, dir);
    QVERIFY2(replaced.exitCode == 0, replaced.err.c_str());
    QCOMPARE(listTree(dir), expected);
  }

  void reportFolderScaffoldAndJson() {
    const std::string dir = folderWithModel("tiny_cnn_op13_eval.onnx", "cli-scaffold");
    auto r = runCli({"convert", "--model_file", "m.onnx", "--output", "code", "--report", "rep",
                     "--scaffold", "--json", "--target-api", "mint"},
                    dir);
    QVERIFY2(r.exitCode == 0, r.err.c_str());
    auto j = nlohmann::json::parse(r.out);
    QCOMPARE(j["status"].get<std::string>(), std::string("ok"));
    QCOMPARE(j["target_api"].get<std::string>(), std::string("mint"));
    QCOMPARE(j["converted_rate"].get<double>(), 100.0);
    QCOMPARE(j["files"].size(), size_t(12));
    for (const char* f :
         {"code/m.py", "code/m.ckpt", "code/validate.py", "code/dataset.py", "code/train.py",
          "code/eval.py", "rep/report_of_m.txt", "rep/weight_map_of_m.json", "rep/report.html"})
      QVERIFY2(fs::exists(dir + "/" + f), f);
    auto compiled = mbtest::runProgram(
        mbtest::pythonExe(),
        {"-m", "py_compile", "code/m.py", "code/dataset.py", "code/train.py", "code/eval.py"}, dir);
    QVERIFY2(compiled.exitCode == 0, compiled.err.c_str());
    QVERIFY(readText(dir + "/code/m.py").find("mint.nn.") != std::string::npos);
  }

  void outputNodesCutTheGraph() {
    const std::string dir = folderWithModel("tiny_cnn_op17_eval.onnx", "cli-cut");
    auto imported = mb::importOnnxFile(dir + "/m.onnx");
    QVERIFY(imported);
    const auto& g = imported->graph;
    // The output of the first node: everything after it must disappear.
    const std::string cut = g.value(g.nodes.front().outputs.front()).name;
    auto r = runCli({"convert", "--model_file", "m.onnx", "--output_nodes", cut, "--json"}, dir);
    QVERIFY2(r.exitCode == 0, r.err.c_str());
    auto j = nlohmann::json::parse(r.out);
    QCOMPARE(j["nodes"]["total"].get<size_t>(), size_t(1));
    auto bad = runCli(
        {"convert", "--model_file", "m.onnx", "--output_nodes", "no_such_value", "--output", "o2"},
        dir);
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.err.find("no_such_value") != std::string::npos, bad.err.c_str());
    QVERIFY(!fs::exists(dir + "/o2"));
  }

  void shapesApplyToInputs() {
    const std::string dir = folderWithModel("dynamic_batch_op17_eval.onnx", "cli-shape");
    auto imported = mb::importOnnxFile(dir + "/m.onnx");
    QVERIFY(imported);
    const auto& in = imported->graph.value(imported->graph.inputs.front());
    std::string spec = "3";
    for (size_t i = 1; i < in.shape.rank(); ++i)
      spec += "," + std::to_string(in.shape.dims[i].isKnown() ? in.shape.dims[i].value : 2);
    auto r = runCli({"convert", "--model_file", "m.onnx", "--shape", spec}, dir);
    QVERIFY2(r.exitCode == 0, r.err.c_str());
    QVERIFY(readText(dir + "/output/validate.py").find("(3, ") != std::string::npos);
    auto wrong = runCli({"convert", "--model_file", "m.onnx", "--output", "o2", "--shape", spec,
                         "--input_nodes", "not_a_value"},
                        dir);
    QCOMPARE(wrong.exitCode, 2);
    QVERIFY2(wrong.err.find("not_a_value") != std::string::npos, wrong.err.c_str());
    QVERIFY(!fs::exists(dir + "/o2"));
  }

  void diffWritesFiles() {
    const std::string dir = folderWithModel("tiny_cnn_op17_eval.onnx", "cli-diff");
    auto r = runCli({"convert", "--model_file", "m.onnx", "--diff", "--atol", "1e-4", "--rtol",
                     "1e-4", "--json"},
                    dir);
    QVERIFY2(r.exitCode == 0 || r.exitCode == 3, r.err.c_str());
    QVERIFY(fs::exists(dir + "/output/diff.json"));
    QVERIFY(fs::exists(dir + "/output/diff.csv"));
    auto j = nlohmann::json::parse(r.out);
    QVERIFY(j.contains("diff"));
    QCOMPARE(r.exitCode == 0, j["diff"]["passed"].get<bool>());
    QVERIFY(readText(dir + "/output/report.html").find("Per-layer numeric diff") !=
            std::string::npos);
    auto noDiff = runCli({"convert", "--model_file", "m.onnx", "--atol", "1"}, dir);
    QCOMPARE(noDiff.exitCode, 2);
    QVERIFY(noDiff.err.find("only meaningful with --diff") != std::string::npos);
  }

  void diskFullLeavesNothing() {
    // 200 KB per file: model.py fits, the 45 MB checkpoint does not (EFBIG, as on a full disk).
    const std::string dir = folderWithModel("resnet18_op17_train.onnx", "cli-full-disk");
    auto r = mbtest::runProgram(
        "/usr/bin/prlimit",
        {"--fsize=200000", mbtest::cliExe(), "convert", "--model_file", "m.onnx"}, dir);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.find("write-failed") != std::string::npos, r.err.c_str());
    QCOMPARE(listTree(dir), std::vector<std::string>{"m.onnx"});
  }

  void interruptedRunLeavesNoHalfFiles() {
    const std::string dir = folderWithModel("resnet18_op17_train.onnx", "cli-interrupt");
    for (int delayMs : {30, 120, 250}) {
      QProcess p;
      p.setWorkingDirectory(QString::fromStdString(dir));
      const std::string out = "out" + std::to_string(delayMs);
      p.start(QString::fromStdString(mbtest::cliExe()),
              {"convert", "--model_file", "m.onnx", "--output", QString::fromStdString(out)});
      QVERIFY(p.waitForStarted());
      std::this_thread::sleep_for(std::chrono::milliseconds(delayMs));
      ::kill(static_cast<pid_t>(p.processId()), SIGTERM);
      p.waitForFinished(60000);
      // Either it finished first (complete set) or it was stopped: no files, no staging folder.
      auto tree = listTree(dir);
      for (const auto& entry : tree)
        QVERIFY2(entry.find(".mindbridge-staging") == std::string::npos, entry.c_str());
      if (p.exitStatus() == QProcess::CrashExit) {
        // Stopped before the interrupt watcher started: nothing had been staged yet.
        QVERIFY(!fs::exists(dir + "/" + out));
      } else if (p.exitCode() == 0) {
        QVERIFY(fs::exists(dir + "/" + out + "/m.ckpt"));
      } else {
        QCOMPARE(p.exitCode(), 128 + SIGTERM);
        for (const auto& f : kOutputSet)
          QVERIFY2(!fs::exists(dir + "/" + out + "/" + f), f.c_str());
      }
    }
  }
};

QTEST_APPLESS_MAIN(TestCliConvertModels)
#include "test_cli_convert_models.moc"
