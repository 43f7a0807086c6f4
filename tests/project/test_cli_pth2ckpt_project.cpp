// mindbridge-cli pth2ckpt --target P.mbproj: the weights are mapped onto the project's converted
// model with the project's target API and its mapping edits (a regex rule here, which the built-in
// rules do not know), byte for byte; without the edit the mapping is incomplete and nothing is
// written; a contradicting --target-api and a missing model are refused clearly.
#include <QtTest>
#include <cstring>
#include <filesystem>

#include "cli_runner.h"
#include "emit/sha256.h"
#include "io/checkpoint_reader.h"
#include "project/project.h"
#include "weights/sources.h"

using namespace mb;
namespace fs = std::filesystem;

class TestCliPth2ckptProject : public QObject {
  Q_OBJECT
  std::string root_;

  void saveProject(bool withRule, const std::string& modelRel = "../models/resnet18_train.onnx") {
    project::Project p;
    p.modelPath = modelRel;
    p.modelSha256 = *emitter::sha256File(root_ + "/models/resnet18_train.onnx");
    p.targetApi = convert::TargetApi::Mint;
    if (withRule) {
      auto rules = weights::parseMappingRules(
          R"({"rules": [{"match": "^backbone\\.(.*)$", "replace": "$1"}]})", "test");
      QVERIFY(rules);
      p.weightMapping = *rules;
    }
    QVERIFY(project::saveProject(p, root_ + "/projects/p.mbproj"));
  }

 private slots:
  void initTestCase() {
    root_ = mbtest::makeTempDir("pth2ckpt-project");
    fs::create_directories(root_ + "/models");
    fs::create_directories(root_ + "/projects");
    fs::copy_file(std::string(MB_PTH_FIXTURE_DIR) + "/resnet18_train.onnx",
                  root_ + "/models/resnet18_train.onnx");
    // The state dict under a "backbone." prefix, as a training script with a wrapper saves it.
    auto r = mbtest::runProgram(
        mbtest::pythonExe(),
        {"-c",
         "import sys, torch; sd = torch.load(sys.argv[1]); "
         "torch.save({'backbone.' + k: v for k, v in sd.items()}, sys.argv[2])",
         std::string(MB_PTH_FIXTURE_DIR) + "/resnet18.pth", root_ + "/prefixed.pth"},
        root_);
    QVERIFY2(r.exitCode == 0, r.err.c_str());
  }

  void projectRuleCompletesTheMapping() {
    saveProject(true);
    auto r = mbtest::runCli({"pth2ckpt", "--pth", "prefixed.pth", "--target", "projects/p.mbproj",
                             "--out", "out.ckpt", "--quiet"},
                            root_);
    QVERIFY2(r.exitCode == 0, (r.out + r.err).c_str());
    auto ckpt = readCheckpoint(root_ + "/out.ckpt");
    auto sources = weights::loadSourceTensors(root_ + "/prefixed.pth");
    QVERIFY(ckpt && sources);
    std::map<std::string, const Tensor*> byName;
    for (const auto& [name, t] : sources->tensors) byName[name] = &t;
    int compared = 0;
    for (const auto& e : ckpt->entries) {
      // mint keeps torch's names: every key is a source name minus the prefix.
      auto src = byName.find("backbone." + e.name);
      QVERIFY2(src != byName.end(), e.name.c_str());
      if (e.tensor.empty()) continue;
      QCOMPARE(e.tensor.nbytes(), src->second->nbytes());
      QVERIFY2(std::memcmp(e.tensor.bytes(), src->second->bytes(), e.tensor.nbytes()) == 0,
               e.name.c_str());
      ++compared;
    }
    QVERIFY(compared > 60);  // resnet18: 62 weights and BatchNorm tensors at least
  }

  void withoutTheEditNothingIsWritten() {
    saveProject(false);
    auto r = mbtest::runCli({"pth2ckpt", "--pth", "prefixed.pth", "--target", "projects/p.mbproj",
                             "--out", "none.ckpt", "--quiet"},
                            root_);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.find("mapping is incomplete") != std::string::npos, r.err.c_str());
    QVERIFY(!fs::exists(root_ + "/none.ckpt"));
  }

  void badTargetsRefused() {
    saveProject(true);
    auto r = mbtest::runCli({"pth2ckpt", "--pth", "prefixed.pth", "--target", "projects/p.mbproj",
                             "--target-api", "classic", "--out", "x.ckpt"},
                            root_);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.find("contradicts the project's target API (mint)") != std::string::npos,
             r.err.c_str());
    saveProject(true, "../models/gone.onnx");
    r = mbtest::runCli(
        {"pth2ckpt", "--pth", "prefixed.pth", "--target", "projects/p.mbproj", "--out", "x.ckpt"},
        root_);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.find("p.mbproj: model.path") != std::string::npos, r.err.c_str());
    r = mbtest::runCli({"pth2ckpt", "--pth", "prefixed.pth", "--target", "projects/none.mbproj",
                        "--out", "x.ckpt"},
                       root_);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.find("none.mbproj") != std::string::npos, r.err.c_str());
    QVERIFY(!fs::exists(root_ + "/x.ckpt"));
  }
};

QTEST_GUILESS_MAIN(TestCliPth2ckptProject)
#include "test_cli_pth2ckpt_project.moc"
