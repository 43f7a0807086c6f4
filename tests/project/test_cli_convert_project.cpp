// mindbridge-cli convert --project: the project's model (relative path), input shapes, target API
// and node overrides reach the conversion; a changed model warns, a missing one fails clearly.
#include <QtTest>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli_runner.h"
#include "emit/sha256.h"
#include "io/npy.h"
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

  // Tolerances (default and per layer) and diff settings reach --diff; flags win over them; the
  // seed also drives validate.py's inputs.
  void projectToleranceAndDiffSettings() {
    makeProject();
    auto p = project::loadProject(projectPath_);
    QVERIFY(p);
    p->overrides.clear();
    p->tolerance = {1e-3, 2e-3};
    p->layerTolerances["/features/features.0/Conv"] = {0.5, 0.0};
    p->diff = {2, 7};
    QVERIFY(project::saveProject(*p, projectPath_));
    auto r = mbtest::runCli(
        {"convert", "--project", "projects/tiny.mbproj", "--output", "out", "--diff"}, root_);
    QVERIFY2(r.exitCode == 0, r.err.c_str());
    auto diff = nlohmann::json::parse(readText(root_ + "/out/diff.json"));
    QCOMPARE(diff["samples"].get<int>(), 2);
    QCOMPARE(diff["seed"].get<int>(), 7);
    QCOMPARE(diff["default_tolerance"]["atol"].get<double>(), 1e-3);
    QCOMPARE(diff["default_tolerance"]["rtol"].get<double>(), 2e-3);
    bool sawOverride = false;
    for (const auto& layer : diff["layers"])
      if (layer["source_node"] == "/features/features.0/Conv") {
        QCOMPARE(layer["tolerance"]["atol"].get<double>(), 0.5);
        sawOverride = true;
      }
    QVERIFY(sawOverride);

    // A flag wins over the project's value; the seed changes validate.py's inputs.
    r = mbtest::runCli({"convert", "--project", "projects/tiny.mbproj", "--output", "out2",
                        "--diff", "--atol", "1e-4"},
                       root_);
    QVERIFY2(r.exitCode == 0, r.err.c_str());
    diff = nlohmann::json::parse(readText(root_ + "/out2/diff.json"));
    QCOMPARE(diff["default_tolerance"]["atol"].get<double>(), 1e-4);
    QCOMPARE(diff["default_tolerance"]["rtol"].get<double>(), 2e-3);
    r = mbtest::runCli({"convert", "--model_file", "models/tiny_cnn.onnx", "--output", "out3"},
                       root_);
    QVERIFY2(r.exitCode == 0, r.err.c_str());
    auto seeded = readNpy(root_ + "/out/validation/inputs/input.npy");
    auto plain = readNpy(root_ + "/out3/validation/inputs/input.npy");
    QVERIFY(seeded && plain);
    QVERIFY(seeded->toFloatVector() != plain->toFloatVector());
  }

  // The project's input nodes cut the graph (with their shapes from inputs), as --input_nodes.
  void projectInputNodesCutTheGraph() {
    makeProject();
    auto p = project::loadProject(projectPath_);
    QVERIFY(p);
    p->overrides.clear();
    const std::string cut = "/features/features.3/MaxPool_output_0";
    p->inputNodes = {cut};
    p->inputs = {{cut, {Dim::known(1), Dim::known(8), Dim::known(16), Dim::known(16)}}};
    QVERIFY(project::saveProject(*p, projectPath_));
    auto r =
        mbtest::runCli({"convert", "--project", "projects/tiny.mbproj", "--output", "out"}, root_);
    QVERIFY2(r.exitCode == 0, r.err.c_str());
    const std::string py = readText(root_ + "/out/tiny_cnn.py");
    // Only the second conv block and the classifier remain: one Conv2d, not two.
    size_t convs = 0;
    for (size_t at = py.find("Conv2d("); at != std::string::npos; at = py.find("Conv2d(", at + 1))
      ++convs;
    QCOMPARE(convs, size_t(1));
    auto input = readNpy(root_ + "/out/validation/inputs/" +
                         std::string("_features_features.3_MaxPool_output_0.npy"));
    QVERIFY(input);
    QCOMPARE(input->dims(), (std::vector<int64_t>{1, 8, 16, 16}));

    // An input node without a full shape is refused, naming the field.
    p->inputs.clear();
    QVERIFY(project::saveProject(*p, projectPath_));
    r = mbtest::runCli({"convert", "--project", "projects/tiny.mbproj", "--output", "out4"}, root_);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.find("tiny.mbproj: inputNodes") != std::string::npos, r.err.c_str());
    QVERIFY(!fs::exists(root_ + "/out4"));
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
