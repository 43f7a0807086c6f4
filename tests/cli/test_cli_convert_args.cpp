// `mindbridge-cli convert` bad input that is caught before any conversion: flags (MindConverter's
// limits), existing outputs without --overwrite, unwritable output folders. Each gives a clear
// message naming the flag or file, the documented exit code, and leaves nothing behind.
#include <QtTest>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli_runner.h"

using mbtest::listTree;
using mbtest::runCli;

class TestCliConvertArgs : public QObject {
  Q_OBJECT

  std::string dir_;

  // Runs in a fresh folder holding only m.onnx and checks the folder is unchanged afterwards.
  mbtest::RunResult runClean(const std::vector<std::string>& args) {
    dir_ = mbtest::makeTempDir("cli-args");
    std::ofstream(dir_ + "/m.onnx") << "not really a model";
    auto r = runCli(args, dir_);
    if (listTree(dir_) != std::vector<std::string>{"m.onnx"})
      r.err += "\n[test] the folder changed";
    return r;
  }

  void expectUsage(const std::vector<std::string>& args, const std::string& needle) {
    std::vector<std::string> full = {"convert"};
    full.insert(full.end(), args.begin(), args.end());
    auto r = runClean(full);
    QVERIFY2(!r.crashed, r.err.c_str());
    QVERIFY2(r.exitCode == 2, (std::to_string(r.exitCode) + " " + r.err).c_str());
    QVERIFY2(r.err.find(needle) != std::string::npos, r.err.c_str());
    QVERIFY2(r.err.find("[test]") == std::string::npos, r.err.c_str());
  }

 private slots:
  void missingModelFile() { expectUsage({}, "--model_file is required"); }
  void unknownOption() { expectUsage({"--model_file", "m.onnx", "--frobnicate"}, "--frobnicate"); }
  void positionalArgument() { expectUsage({"m.onnx"}, "unexpected argument 'm.onnx'"); }
  void duplicateFlags() {
    expectUsage({"--model_file", "m.onnx", "--output", "a", "--output", "b"}, "--output");
    expectUsage({"--model_file", "m.onnx", "--shape", "1,3", "--shape", "1,4"}, "more than once");
    expectUsage({"--model_file", "m.onnx", "--json", "--json"}, "--json");
  }
  void badModelPaths() {
    {
      auto r = runClean({"convert", "--model_file", "missing.onnx"});
      QCOMPARE(r.exitCode, 1);
      QVERIFY(r.err.find("missing.onnx") != std::string::npos);
      QVERIFY(r.err.find("does not exist") != std::string::npos);
    }
    dir_ = mbtest::makeTempDir("cli-args-pb");
    std::ofstream(dir_ + "/m.pb") << "x";
    std::ofstream(dir_ + "/m.txt") << "x";
    auto pb = runCli({"convert", "--model_file", "m.pb"}, dir_);
    QCOMPARE(pb.exitCode, 2);
    QVERIFY2(pb.err.find("tf2onnx") != std::string::npos, pb.err.c_str());
    auto txt = runCli({"convert", "--model_file", "m.txt"}, dir_);
    QCOMPARE(txt.exitCode, 2);
    QVERIFY(txt.err.find("ONNX file (.onnx)") != std::string::npos);
    auto folder = runCli({"convert", "--model_file", "."}, dir_);
    QCOMPARE(folder.exitCode, 2);
    QVERIFY(folder.err.find("not a file") != std::string::npos);
  }
  void badShapes() {
    expectUsage({"--model_file", "m.onnx", "--shape", "1,a,3"}, "'1,a,3' is not a shape");
    expectUsage({"--model_file", "m.onnx", "--shape", "1,0"}, "positive integers");
    expectUsage({"--model_file", "m.onnx", "--shape", "1,,3"}, "not a shape");
    std::vector<std::string> many = {"--model_file", "m.onnx", "--shape"};
    for (int i = 0; i < 33; ++i) many.push_back("1," + std::to_string(i + 1));
    expectUsage(many, "at most 32 shapes are allowed (33 given)");
    std::string longShape = "1";
    for (int i = 0; i < 64; ++i) longShape += ",1";
    expectUsage({"--model_file", "m.onnx", "--shape", longShape}, "at most 64 dims");
  }
  void badNodeLists() {
    expectUsage({"--model_file", "m.onnx", "--shape", "1,3", "1,3", "--input_nodes", "a", "a"},
                "'a' is given twice");
    expectUsage({"--model_file", "m.onnx", "--shape", "1,3", "--input_nodes", "a", "b"},
                "one --shape per --input_nodes name");
    expectUsage({"--model_file", "m.onnx", "--output_nodes", std::string(300, 'n')},
                "1 to 255 characters");
  }
  void badTargetApi() {
    expectUsage({"--model_file", "m.onnx", "--target-api", "tensorflow"},
                "'tensorflow' is not a target API");
  }
  void missingProjectFile() {
    auto r = runClean({"convert", "--model_file", "m.onnx", "--project", "p.mbproj"});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.find("project file not found") != std::string::npos, r.err.c_str());
    QVERIFY2(r.err.find("[test]") == std::string::npos, r.err.c_str());
  }
  void jsonErrorOnStdout() {
    auto r = runClean({"convert", "--model_file", "m.onnx", "--target-api", "x", "--json"});
    QCOMPARE(r.exitCode, 2);
    auto j = nlohmann::json::parse(r.out);
    QCOMPARE(j["status"].get<std::string>(), std::string("error"));
    QCOMPARE(j["error"]["code"].get<std::string>(), std::string("invalid-argument"));
    QCOMPARE(j["error"]["where"].get<std::string>(), std::string("--target-api"));
  }
  void existingOutputsRefused() {
    dir_ = mbtest::makeTempDir("cli-exists");
    std::ofstream(dir_ + "/m.onnx") << "x";
    std::filesystem::create_directories(dir_ + "/output");
    std::ofstream(dir_ + "/output/report_of_m.txt") << "keep me";
    auto r = runCli({"convert", "--model_file", "m.onnx"}, dir_);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.find(dir_ + "/output/report_of_m.txt") != std::string::npos, r.err.c_str());
    QVERIFY(r.err.find("--overwrite") != std::string::npos);
    QCOMPARE(listTree(dir_),
             (std::vector<std::string>{"m.onnx", "output", "output/report_of_m.txt"}));
  }
  void unwritableOutputFolder() {
    dir_ = mbtest::makeTempDir("cli-unwritable");
    std::ofstream(dir_ + "/m.onnx") << "x";
    std::ofstream(dir_ + "/blocker") << "a file where a folder should be";
    auto r = runCli({"convert", "--model_file", "m.onnx", "--output", "blocker/out"}, dir_);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.find("write-failed") != std::string::npos, r.err.c_str());
    QVERIFY(r.err.find(dir_ + "/blocker/out") != std::string::npos);
    QCOMPARE(listTree(dir_), (std::vector<std::string>{"blocker", "m.onnx"}));
    // The report folder alone being unwritable fails the same way, before any work.
    auto rep = runCli({"convert", "--model_file", "m.onnx", "--report", "blocker"}, dir_);
    QCOMPARE(rep.exitCode, 1);
    QVERIFY(rep.err.find("is a file, not a folder") != std::string::npos);
    QCOMPARE(listTree(dir_), (std::vector<std::string>{"blocker", "m.onnx"}));
  }
  void brokenModelLeavesNothing() {
    // Past the flag checks: the import fails, and the staged output folder is removed again.
    auto r = runClean({"convert", "--model_file", "m.onnx"});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.find("m.onnx") != std::string::npos, r.err.c_str());
    QVERIFY2(r.err.find("[test]") == std::string::npos, r.err.c_str());
  }
};

QTEST_APPLESS_MAIN(TestCliConvertArgs)
#include "test_cli_convert_args.moc"
