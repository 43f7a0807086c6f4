#include <sys/resource.h>
#include <unistd.h>
#include <QTest>
#include <csignal>
#include <filesystem>
#include <fstream>

#include "emit/sha256.h"
#include "project/project.h"
#include "test_paths.h"

using namespace mb;
using namespace mb::project;
namespace fs = std::filesystem;

namespace {

void writeText(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

std::string readText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

Project sampleProject() {
  Project p;
  p.modelPath = "model.onnx";
  p.modelSha256 = "00ff";
  p.inputs = {{"images", {Dim::symbolic("batch"), Dim::known(3), Dim::known(224), Dim::known(224)}},
              {"mask", {Dim::known(1), Dim{}}}};
  p.inputNodes = {"images"};
  p.outputNodes = {"logits", "features"};
  p.targetApi = convert::TargetApi::Mint;
  convert::NodeOverride conv;
  conv.attributes.set("alpha", Attribute(0.25));
  conv.attributes.set("axis", Attribute(int64_t{-1}));
  conv.attributes.set("pads", Attribute(std::vector<int64_t>{1, 1, 0, 0}));
  conv.attributes.set("mode", Attribute(std::string("nearest")));
  conv.attributes.set("scales", Attribute(std::vector<double>{1.0, 2.5}));
  conv.removeAttributes = {"auto_pad"};
  conv.converter = "LeakyRelu";
  p.overrides["/features/Conv_0"] = conv;
  p.overrides["Gelu_3"].converter = "unconverted";
  auto rules = weights::parseMappingRules(
      R"({"rules": [{"match": "^backbone\\.(.*)$", "replace": "$1"}], "overrides": {"fc.w": "head.weight"}})",
      "test");
  if (rules) p.weightMapping = *rules;
  p.tolerance = {1e-4, 1e-3};
  p.layerTolerances["/features/Conv_0"] = {0.5, 0.0};
  p.diff = {8, 12345678901234ull};
  return p;
}

// An error whose `where` ends with the JSON path of the bad field.
void expectBad(const std::string& json, const std::string& path,
               const std::string& messagePart = {}) {
  auto result = parseProject(json, "p.mbproj");
  QVERIFY2(!result, ("accepted: " + json).c_str());
  const Error& e = result.error();
  const std::string where = e.where;
  QVERIFY2(where.size() >= path.size() &&
               where.compare(where.size() - path.size(), path.size(), path) == 0,
           ("where '" + where + "' does not name '" + path + "': " + e.message).c_str());
  QVERIFY2(messagePart.empty() || e.message.find(messagePart) != std::string::npos,
           e.describe().c_str());
}

const char* kMinimal = R"({"schemaVersion": 1, "model": {"path": "m.onnx"}, )";

}  // namespace

class ProjectTest : public QObject {
  Q_OBJECT
 private slots:
  void roundTrip() {
    const std::string dir = mbtest::makeTempDir("project-roundtrip");
    const std::string path = dir + "/a.mbproj";
    const Project original = sampleProject();
    QCOMPARE(original.weightMapping.rules.size(), size_t(1));
    QVERIFY(saveProject(original, path));
    auto loaded = loadProject(path);
    QVERIFY2(loaded, loaded ? "" : loaded.error().describe().c_str());
    QCOMPARE(projectToJson(*loaded), projectToJson(original));
    QCOMPARE(loaded->inputs.size(), size_t(2));
    QCOMPARE(loaded->inputs[0].shape[0].symbol, std::string("batch"));
    QCOMPARE(loaded->inputs[0].shape[1].value, int64_t(3));
    QVERIFY(!loaded->inputs[1].shape[1].isKnown() && loaded->inputs[1].shape[1].symbol.empty());
    QVERIFY(loaded->targetApi == convert::TargetApi::Mint);
    const auto& conv = loaded->overrides.at("/features/Conv_0");
    QCOMPARE(conv.converter, std::string("LeakyRelu"));
    QCOMPARE(conv.attributes.getFloat("alpha", 0), 0.25);
    QCOMPARE(conv.attributes.getInt("axis", 0), int64_t(-1));
    QVERIFY(conv.attributes.getInts("pads") == (std::vector<int64_t>{1, 1, 0, 0}));
    QVERIFY(conv.attributes.getFloats("scales") == (std::vector<double>{1.0, 2.5}));
    QCOMPARE(conv.attributes.getString("mode", ""), std::string("nearest"));
    QVERIFY(conv.removeAttributes == std::vector<std::string>{"auto_pad"});
    QCOMPARE(loaded->overrides.at("Gelu_3").converter, std::string("unconverted"));
    // The regex is compiled on load, ready for the weight mapper.
    QVERIFY(std::regex_match("backbone.conv1.weight", loaded->weightMapping.rules[0].regex));
    QCOMPARE(loaded->weightMapping.overrides.at("fc.w"), std::string("head.weight"));
    QCOMPARE(loaded->tolerance.rtol, 1e-3);
    QCOMPARE(loaded->layerTolerances.at("/features/Conv_0").atol, 0.5);
    QCOMPARE(loaded->diff.samples, 8);
    QCOMPARE(loaded->diff.seed, uint64_t(12345678901234ull));
    // ConvertOptions mirror the project 1:1.
    auto options = convertOptions(*loaded);
    QVERIFY(options.api == convert::TargetApi::Mint);
    QCOMPARE(options.overrides.size(), size_t(2));
    QCOMPARE(options.overrides.at("Gelu_3").converter, std::string("unconverted"));
  }

  void minimalProjectGetsDefaults() {
    auto p = parseProject(R"({"schemaVersion": 1, "model": {"path": "m.onnx"}})", "p.mbproj");
    QVERIFY2(p, p ? "" : p.error().describe().c_str());
    QVERIFY(p->targetApi == convert::TargetApi::Classic);
    QCOMPARE(p->diff.samples, 1);
    QVERIFY(p->inputs.empty() && p->overrides.empty());
  }

  void relativePathFollowsTheFolder() {
    const std::string root = mbtest::makeTempDir("project-move");
    fs::create_directories(root + "/work/models");
    fs::create_directories(root + "/work/projects");
    writeText(root + "/work/models/net.onnx", "model bytes");
    const std::string projectPath = root + "/work/projects/net.mbproj";
    Project p;
    p.modelPath = relativeModelPath(root + "/work/models/net.onnx", projectPath);
    QCOMPARE(p.modelPath, std::string("../models/net.onnx"));
    p.modelSha256 = *emitter::sha256File(root + "/work/models/net.onnx");
    QVERIFY(saveProject(p, projectPath));
    QVERIFY(readText(projectPath).find("\"../models/net.onnx\"") != std::string::npos);

    fs::rename(root + "/work", root + "/moved");  // the whole folder moves, model with it
    const std::string movedProject = root + "/moved/projects/net.mbproj";
    auto loaded = loadProject(movedProject);
    QVERIFY(loaded);
    auto check = checkSourceModel(*loaded, movedProject);
    QVERIFY2(check.ok(), check.explanation.c_str());
    QCOMPARE(fs::path(check.resolvedPath), fs::path(root + "/moved/models/net.onnx"));
    QVERIFY(check.explanation.empty());
  }

  void modelChangedOrMissingIsExplained() {
    const std::string dir = mbtest::makeTempDir("project-sha");
    writeText(dir + "/m.onnx", "version one");
    Project p;
    p.modelPath = "m.onnx";
    p.modelSha256 = *emitter::sha256File(dir + "/m.onnx");
    const std::string projectPath = dir + "/p.mbproj";
    QVERIFY(checkSourceModel(p, projectPath).ok());

    writeText(dir + "/m.onnx", "version two");
    auto changed = checkSourceModel(p, projectPath);
    QVERIFY(changed.exists);
    QVERIFY(!changed.shaMatches && !changed.ok());
    QVERIFY2(changed.explanation.find("changed since the project was saved") != std::string::npos,
             changed.explanation.c_str());
    QVERIFY(changed.explanation.find(p.modelSha256) != std::string::npos);

    fs::remove(dir + "/m.onnx");
    auto missing = checkSourceModel(p, projectPath);
    QVERIFY(!missing.exists && !missing.ok());
    QVERIFY2(missing.explanation.find("not found") != std::string::npos,
             missing.explanation.c_str());

    writeText(dir + "/m.onnx", "version one");
    p.modelSha256.clear();
    auto unknown = checkSourceModel(p, projectPath);
    QVERIFY(unknown.exists && !unknown.ok());
    QVERIFY(unknown.explanation.find("no sha256") != std::string::npos);
  }

  void badInput() {
    QVERIFY(!parseProject("{not json", "p.mbproj"));
    QCOMPARE(parseProject("{not json", "p.mbproj").error().code, ErrorCode::BadFormat);
    expectBad("[1, 2]", "(top level)", "JSON object");
    expectBad(R"({"model": {"path": "m.onnx"}})", "schemaVersion", "missing");
    expectBad(R"({"schemaVersion": "1", "model": {"path": "m.onnx"}})", "schemaVersion", "integer");
    expectBad(R"({"schemaVersion": 7, "model": {"path": "m.onnx"}})", "schemaVersion",
              "made by a newer MindBridge");
    expectBad(R"({"schemaVersion": 1})", "model", "missing");
    expectBad(R"({"schemaVersion": 1, "model": {"sha256": "ab"}})", "model.path", "missing");
    expectBad(R"({"schemaVersion": 1, "model": {"path": 5}})", "model.path", "string");
    expectBad(std::string(kMinimal) +
                  R"("inputs": [{"name": "a", "shape": [1]}, {"name": "b", "shape": "1x3"}]})",
              "inputs[1].shape", "list");
    expectBad(std::string(kMinimal) + R"("inputs": [{"name": "a", "shape": [1, -2]}]})",
              "inputs[0].shape[1]");
    expectBad(std::string(kMinimal) + R"("inputs": [{"name": 3, "shape": []}]})", "inputs[0].name");
    expectBad(std::string(kMinimal) + R"("inputs": {"a": [1]}})", "inputs", "list");
    expectBad(std::string(kMinimal) + R"("outputNodes": ["a", 2]})", "outputNodes[1]");
    expectBad(std::string(kMinimal) + R"("targetApi": "tensorflow"})", "targetApi",
              "unknown target API");
    expectBad(std::string(kMinimal) + R"("targetApi": 1})", "targetApi", "string");
    expectBad(
        std::string(kMinimal) + R"("overrides": {"Conv_0": {"attributes": {"k": {"x": 1}}}}})",
        "overrides.Conv_0.attributes.k");
    expectBad(std::string(kMinimal) + R"("overrides": {"Conv_0": {"converter": ["Relu"]}}})",
              "overrides.Conv_0.converter");
    expectBad(std::string(kMinimal) +
                  "\"weightMapping\": {\"rules\": [{\"match\": \"a[\", \"replace\": \"x\"}]}}",
              "weightMapping.rules[0].match", "regular expression");
    expectBad(std::string(kMinimal) + R"("weightMapping": {"overrides": {"a": 1}}})",
              "weightMapping.overrides.a");
    expectBad(std::string(kMinimal) + R"("tolerance": {"atol": "small"}})", "tolerance.atol",
              "number");
    expectBad(std::string(kMinimal) + R"("tolerance": {"layers": {"Conv_0": {"rtol": -1}}}})",
              "tolerance.layers.Conv_0.rtol");
    expectBad(std::string(kMinimal) + R"("diff": {"samples": "many"}})", "diff.samples");
    expectBad(std::string(kMinimal) + R"("diff": {"seed": -1}})", "diff.seed");
    expectBad(std::string(kMinimal) + R"("colour": "blue"})", "colour", "unknown field");

    auto missingFile = loadProject(mbtest::makeTempDir("project-missing") + "/nope.mbproj");
    QVERIFY(!missingFile);
    QCOMPARE(missingFile.error().code, ErrorCode::FileNotFound);
    // The file name is part of where, so a user knows which project is broken.
    const std::string dir = mbtest::makeTempDir("project-bad-file");
    writeText(dir + "/bad.mbproj", std::string(kMinimal) + R"("targetApi": "x"})");
    auto bad = loadProject(dir + "/bad.mbproj");
    QVERIFY(!bad);
    QVERIFY2(bad.error().where.find("bad.mbproj: targetApi") != std::string::npos,
             bad.error().where.c_str());
  }

  // A write that fails part-way (file size limit → EFBIG, works even as root) leaves the old file.
  void failedSaveKeepsOldFile() {
    const std::string dir = mbtest::makeTempDir("project-atomic");
    const std::string path = dir + "/p.mbproj";
    Project small;
    small.modelPath = "m.onnx";
    QVERIFY(saveProject(small, path));
    const std::string before = readText(path);
    QVERIFY(before.size() < 1024);

    Project big = sampleProject();
    for (int i = 0; i < 500; ++i)
      big.outputNodes.push_back("output_node_with_a_long_name_" + std::to_string(i));
    rlimit old{};
    QCOMPARE(getrlimit(RLIMIT_FSIZE, &old), 0);
    auto oldHandler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit limited = old;
    limited.rlim_cur = 4096;
    QCOMPARE(setrlimit(RLIMIT_FSIZE, &limited), 0);
    Status status = saveProject(big, path);
    setrlimit(RLIMIT_FSIZE, &old);
    std::signal(SIGXFSZ, oldHandler);
    QVERIFY(!status);
    QCOMPARE(status.error().code, ErrorCode::WriteFailed);
    QCOMPARE(readText(path), before);
    for (const auto& entry : fs::directory_iterator(dir))  // no temporary left behind
      QCOMPARE(entry.path().filename().string(), std::string("p.mbproj"));
  }

  void readOnlyFolderRefused() {
    if (geteuid() == 0)
      QSKIP("running as root: permissions do not stop writes (failedSaveKeepsOldFile covers this)");
    const std::string dir = mbtest::makeTempDir("project-readonly");
    const std::string path = dir + "/p.mbproj";
    Project p;
    p.modelPath = "m.onnx";
    QVERIFY(saveProject(p, path));
    const std::string before = readText(path);
    fs::permissions(dir, fs::perms::owner_read | fs::perms::owner_exec);
    p.modelPath = "other.onnx";
    Status status = saveProject(p, path);
    fs::permissions(dir, fs::perms::owner_all);
    QVERIFY(!status);
    QCOMPARE(readText(path), before);
  }
};

QTEST_APPLESS_MAIN(ProjectTest)
#include "test_project.moc"
