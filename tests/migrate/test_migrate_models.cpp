// Done-means for PyTorch script migration, on real model definitions written as plain PyTorch
// modules (tests/migrate/models: ResNet BasicBlock net, MobileNetV2, VGG-11, transformer encoder):
// for each model and each target API the rewritten script compiles, uses only MindSpore 2.7 APIs
// and keywords, marks and reports every line it did not convert (check_migrated.py), and creates
// exactly the parameter keys of the checkpoint `mindbridge-cli convert` writes for the model's
// ONNX export (train mode, BatchNorm kept).
#include <QtTest>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "../cli/cli_runner.h"

using mbtest::runCli;
using mbtest::runProgram;

class TestMigrateModels : public QObject {
  Q_OBJECT

  std::string dir_;
  int converted_ = 0, unconverted_ = 0;

  void model(const std::string& name, const std::string& api, int wantUnconverted) {
    const std::string src = mbtest::sourceDir() + "/tests/migrate/models/" + name + ".py";
    const std::string onnx = dir_ + "/" + name + ".onnx";
    if (!std::filesystem::exists(onnx)) {
      auto exported = runProgram(
          mbtest::pythonExe(), {mbtest::sourceDir() + "/tests/migrate/export_model.py", src, onnx},
          dir_, 300000);
      QVERIFY2(exported.exitCode == 0, exported.err.c_str());
    }
    const std::string conv = dir_ + "/convert_" + api + "_" + name;
    auto c = runCli({"convert", "--model_file", onnx, "--output", conv, "--target-api", api,
                     "--no-validation-data"},
                    dir_);
    QVERIFY2(c.exitCode == 0, c.err.c_str());
    const std::string out = dir_ + "/migrate_" + api + "_" + name;
    auto m = runCli({"migrate-script", src, "--output", out, "--target-api", api, "--json",
                     "--check-ckpt", conv + "/" + name + ".ckpt"},
                    dir_);
    QVERIFY2(m.exitCode == 0, (m.out + m.err).c_str());
    auto report = nlohmann::json::parse(m.out);
    const auto& check = report["ckpt_check"];
    QVERIFY2(check["equal"].get<bool>(), check.dump(2).c_str());
    QVERIFY(check["matched"].get<int>() > 0);
    QCOMPARE(check["script_keys"].get<int>(), check["checkpoint_keys"].get<int>());
    QCOMPARE(report["unconverted"].get<int>(), wantUnconverted);
    converted_ += report["converted"].get<int>();
    unconverted_ += report["unconverted"].get<int>();
    auto checked = runProgram(mbtest::pythonExe(),
                              {mbtest::sourceDir() + "/tests/migrate/check_migrated.py",
                               out + "/" + name + ".py", out + "/report_of_" + name + ".json",
                               mbtest::sourceDir() + "/tests/emit/data/mindspore_api_2_7.json"},
                              dir_);
    QVERIFY2(checked.exitCode == 0, (checked.out + checked.err).c_str());
  }

 private slots:
  void initTestCase() { dir_ = mbtest::makeTempDir("migrate-models"); }

  // The ResNet keeps its kaiming init loop (torch.nn.init, self.modules()): two marked lines.
  void resnetClassic() { model("resnet_basic", "classic", 2); }
  void resnetMint() { model("resnet_basic", "mint", 2); }
  void mobilenetClassic() { model("mobilenet_v2", "classic", 0); }
  void mobilenetMint() { model("mobilenet_v2", "mint", 0); }
  void vggClassic() { model("vgg11", "classic", 0); }
  void vggMint() { model("vgg11", "mint", 0); }
  void transformerClassic() { model("transformer_encoder", "classic", 0); }
  void transformerMint() { model("transformer_encoder", "mint", 0); }

  void cleanupTestCase() {
    qInfo("API references converted %d, not converted %d (%.1f%%)", converted_, unconverted_,
          100.0 * converted_ / std::max(1, converted_ + unconverted_));
  }
};

QTEST_MAIN(TestMigrateModels)
#include "test_migrate_models.moc"
