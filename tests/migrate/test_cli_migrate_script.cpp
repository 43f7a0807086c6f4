// `mindbridge-cli migrate-script` as a user runs it: outputs, --json, and every bad input (missing,
// folder, binary, unreadable syntax, unwritable or existing output, bad flags, bad --check-ckpt)
// gives a clear error naming what and where, the documented exit code, and writes nothing.
#include <QtTest>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "../cli/cli_runner.h"

using mbtest::listTree;
using mbtest::runCli;

namespace {
const char* kScript =
    "import torch\nimport torch.nn as nn\n\n\nclass Net(nn.Module):\n"
    "    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 2)\n"
    "        nn.init.zeros_(self.fc.bias)\n\n    def forward(self, x):\n"
    "        return self.fc(x.view(x.size(0), -1))\n";
}  // namespace

class TestCliMigrateScript : public QObject {
  Q_OBJECT

  std::string dir_;

  void write(const std::string& name, const std::string& content) {
    std::ofstream(dir_ + "/" + name, std::ios::binary) << content;
  }

  // Runs in a fresh folder holding only `files` and checks nothing else appeared.
  mbtest::RunResult runClean(const std::vector<std::string>& args,
                             const std::vector<std::pair<std::string, std::string>>& files) {
    dir_ = mbtest::makeTempDir("cli-migrate");
    std::vector<std::string> names;
    for (const auto& [name, content] : files) {
      write(name, content);
      names.push_back(name);
    }
    std::sort(names.begin(), names.end());
    std::vector<std::string> full = {"migrate-script"};
    full.insert(full.end(), args.begin(), args.end());
    auto r = runCli(full, dir_);
    if (listTree(dir_) != names) r.err += "\n[test] the folder changed";
    return r;
  }

  void expectError(const std::vector<std::string>& args,
                   const std::vector<std::pair<std::string, std::string>>& files, int code,
                   const std::string& needle) {
    auto r = runClean(args, files);
    QVERIFY2(!r.crashed, r.err.c_str());
    QVERIFY2(r.exitCode == code, (std::to_string(r.exitCode) + " " + r.err).c_str());
    QVERIFY2(r.err.find(needle) != std::string::npos, r.err.c_str());
    QVERIFY2(r.err.find("[test]") == std::string::npos, r.err.c_str());
  }

 private slots:
  void writesScriptAndReports() {
    dir_ = mbtest::makeTempDir("cli-migrate-ok");
    write("net.py", kScript);
    auto r = runCli({"migrate-script", "net.py", "--output", "out", "--json"}, dir_);
    QVERIFY2(r.exitCode == 0, r.err.c_str());
    auto j = nlohmann::json::parse(r.out);
    QCOMPARE(j["status"].get<std::string>(), std::string("ok"));
    QCOMPARE(j["unconverted"].get<int>(), 1);
    QCOMPARE(listTree(dir_ + "/out"),
             (std::vector<std::string>{"net.py", "report_of_net.json", "report_of_net.txt"}));
    std::ifstream script(dir_ + "/out/net.py");
    std::string text((std::istreambuf_iterator<char>(script)), {});
    QVERIFY2(text.find("self.fc = nn.Dense(4, 2)") != std::string::npos, text.c_str());
    QVERIFY2(text.find("return self.fc(x.reshape(x.shape[0], -1))") != std::string::npos,
             text.c_str());
    QVERIFY2(text.find("# MindBridge: not converted (torch.nn.init.zeros_") != std::string::npos,
             text.c_str());
    // Existing outputs are refused without --overwrite, kept as they were.
    auto again = runCli({"migrate-script", "net.py", "--output", "out"}, dir_);
    QCOMPARE(again.exitCode, 1);
    QVERIFY2(again.err.find("already-exists") != std::string::npos, again.err.c_str());
    auto over = runCli(
        {"migrate-script", "net.py", "--output", "out", "--overwrite", "--target-api", "mint"},
        dir_);
    QVERIFY2(over.exitCode == 0, over.err.c_str());
    QVERIFY2(over.out.find("target mint") != std::string::npos, over.out.c_str());
  }

  void missingInput() { expectError({"nope.py"}, {}, 1, "error[file-not-found] nope.py"); }
  void folderInput() {
    dir_ = mbtest::makeTempDir("cli-migrate-dir");
    std::filesystem::create_directory(dir_ + "/pkg");
    auto r = runCli({"migrate-script", "pkg"}, dir_);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.find("is a folder") != std::string::npos, r.err.c_str());
    QCOMPARE(listTree(dir_), std::vector<std::string>{"pkg"});
  }
  void binaryInput() {
    expectError({"m.py"}, {{"m.py", std::string("PK\x03\x04\0\0 zip", 12)}}, 1,
                "m.py:1:4: cannot read the Python source: this is a binary file");
  }
  void notUtf8() {
    expectError({"m.py"}, {{"m.py", "x = '\xff'\n"}}, 1, "m.py:1:5: cannot read the Python source");
  }
  void syntaxError() {
    expectError({"m.py"}, {{"m.py", "import torch\n\ndef f(x)\n    return x\n"}}, 1,
                "m.py:3:8: cannot read the Python source: invalid syntax at end of line: expected "
                "':'");
    expectError({"m.py"}, {{"m.py", "x = torch.cat([a, b)\n"}}, 1,
                "m.py:1:19: cannot read the Python source: closing ')' does not match");
  }
  void outputIsAFile() {
    expectError({"m.py", "--output", "blocker/sub"}, {{"m.py", kScript}, {"blocker", "x"}}, 1,
                "write-failed");
  }
  void outputWouldReplaceInput() {
    expectError({"m.py", "--output", "."}, {{"m.py", kScript}}, 1, "would replace the input");
  }
  void badFlags() {
    expectError({"m.py", "--target-api", "torch"}, {{"m.py", kScript}}, 2,
                "--target-api must be classic or mint");
    expectError({}, {}, 2, "give exactly one input script");
    expectError({"m.py", "--model-class", "Net"}, {{"m.py", kScript}}, 2, "need --check-ckpt");
    expectError({"m.py", "--check-ckpt", "m.ckpt", "--model-arg", "oops"}, {{"m.py", kScript}}, 2,
                "NAME=VALUE");
    expectError({"m.py", "--frobnicate"}, {{"m.py", kScript}}, 2, "--frobnicate");
  }
  void badCheckpoint() {
    expectError({"m.py", "--check-ckpt", "missing.ckpt"}, {{"m.py", kScript}}, 1, "missing.ckpt");
    expectError({"m.py", "--check-ckpt", "bad.ckpt"}, {{"m.py", kScript}, {"bad.ckpt", "garbage!"}},
                1, "bad.ckpt");
    expectError({"m.py", "--check-ckpt", "bad.ckpt", "--model-class", "Missing"},
                {{"m.py", kScript}, {"bad.ckpt", "garbage!"}}, 1, "no class 'Missing'");
  }
};

QTEST_MAIN(TestCliMigrateScript)
#include "test_cli_migrate_script.moc"
