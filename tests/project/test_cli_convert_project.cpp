// mindbridge-cli convert --project: the project's model (relative path), input shapes, target API
// and node overrides reach the conversion; a changed model warns, a missing one fails clearly.
#include <QtTest>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli_runner.h"
#include "emit/sha256.h"
#include "project/project.h"

using namespace mb;
namespace fs = std::filesystem;

namespace {

std::string readText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

class TestCliConvertProject : public QObject {
  Q_OBJECT

  std::string root_, projectPath_;

  // root/models/tiny_cnn.onnx and root/projects/tiny.mbproj pointing at it.
  void makeProject(int64_t batch = 1) {
    root_ = mbtest::makeTempDir("cli-project");
    fs::create_directories(root_ + "/models");
    fs::create_directories(root_ + "/projects");
    const std::string model = root_ + "/models/tiny_cnn.onnx";
    fs::copy_file(mbtest::sourceDir() + "/resources/examples/tiny_cnn.onnx", model);
    projectPath_ = root_ + "/projects/tiny.mbproj";
    project::Project p;
    p.modelPath = project::relativeModelPath(model, projectPath_);
    p.modelSha256 = *emitter::sha256File(model);
    p.inputs = {{"input", {Dim::known(batch), Dim::known(3), Dim::known(32), Dim::known(32)}}};
    p.targetApi = convert::TargetApi::Mint;
    p.overrides["/features/features.2/Relu"].converter = "unconverted";
    QVERIFY(project::saveProject(p, projectPath_));
  }

 private slots:
  void projectDrivesConversion() {
    makeProject();
    auto r = mbtest::runCli(
        {"convert", "--project", "projects/tiny.mbproj", "--output", "out", "--json"}, root_);
    QVERIFY2(!r.crashed && r.exitCode == 0, (std::to_string(r.exitCode) + r.err).c_str());
    QVERIFY2(r.err.find("warning") == std::string::npos, r.err.c_str());
    const std::string py = readText(root_ + "/out/tiny_cnn.py");
    QVERIFY2(py.find("mint") != std::string::npos, "target API mint not applied");
    QVERIFY2(py.find("mint.nn.ReLU") != std::string::npos, py.c_str());
    // The override kept the first Relu unconverted: 7 of 8 nodes converted.
    QVERIFY2(py.find("kept unconverted by a per-node override") != std::string::npos, py.c_str());
    auto j = nlohmann::json::parse(r.out, nullptr, false);
    QVERIFY2(!j.is_discarded(), r.out.c_str());
    QCOMPARE(j["converted_rate"].get<double>(), 87.5);
  }

  // The model fixes batch 1: a project shape with batch 2 reaching the importer is refused there.
  void projectShapesReachTheImporter() {
    makeProject(2);
    auto r =
        mbtest::runCli({"convert", "--project", "projects/tiny.mbproj", "--output", "out"}, root_);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(
        r.err.find("dim 0 is fixed to 1 in the model but --shape gives 2") != std::string::npos,
        r.err.c_str());
  }

  void changedModelWarnsMissingModelFails() {
    makeProject();
    // One more byte: the sha256 differs (the run may then fail to import; only the warning
    // matters).
    std::ofstream(root_ + "/models/tiny_cnn.onnx", std::ios::app | std::ios::binary) << '\0';
    auto changed =
        mbtest::runCli({"convert", "--project", "projects/tiny.mbproj", "--output", "out"}, root_);
    QVERIFY2(changed.err.find("changed since the project was saved") != std::string::npos,
             changed.err.c_str());

    fs::remove(root_ + "/models/tiny_cnn.onnx");
    auto missing =
        mbtest::runCli({"convert", "--project", "projects/tiny.mbproj", "--output", "out2"}, root_);
    QCOMPARE(missing.exitCode, 1);
    QVERIFY2(missing.err.find("was not found") != std::string::npos, missing.err.c_str());
    QVERIFY2(missing.err.find("tiny.mbproj: model.path") != std::string::npos, missing.err.c_str());
    QVERIFY(!fs::exists(root_ + "/out2"));
  }

  void badProjectFileFails() {
    root_ = mbtest::makeTempDir("cli-project-bad");
    std::ofstream(root_ + "/p.mbproj") << R"({"schemaVersion": 99, "model": {"path": "m.onnx"}})";
    auto r = mbtest::runCli({"convert", "--project", "p.mbproj"}, root_);
    QVERIFY(r.exitCode != 0 && !r.crashed);
    QVERIFY2(r.err.find("newer MindBridge") != std::string::npos, r.err.c_str());
    QVERIFY2(r.err.find("p.mbproj: schemaVersion") != std::string::npos, r.err.c_str());
  }
};

QTEST_GUILESS_MAIN(TestCliConvertProject)
#include "test_cli_convert_project.moc"
