// Runs every case of tests/bad_inputs/cases.jsonl twice: through mindbridge-cli (exit code, no
// crash, "error[<code>]" and the message fragment on stderr) and through the core reader the case
// names (ErrorCode and fragment). A case that stops failing, or fails differently, fails this test.
#include <QtTest>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli_runner.h"
#include "io/checkpoint_reader.h"
#include "io/onnx_importer.h"
#include "io/pth_reader.h"
#include "io/safetensors.h"
#include "project/project.h"
#include "test_paths.h"

using nlohmann::json;

namespace {

std::string catalogueDir() {
  return mbtest::sourceDir() + "/tests/bad_inputs";
}

std::vector<json> loadCases() {
  std::ifstream in(catalogueDir() + "/cases.jsonl");
  std::vector<json> cases;
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) cases.push_back(json::parse(line));
  return cases;
}

std::string substitute(std::string arg, const std::string& file, const std::string& tmp) {
  for (auto [key, value] : {std::pair<std::string, std::string>{"{file}", file},
                            {"{dir}", catalogueDir()},
                            {"{tmp}", tmp}})
    for (size_t at; (at = arg.find(key)) != std::string::npos;) arg.replace(at, key.size(), value);
  return arg;
}

// The core reader's verdict on a case: "ok" or the error.
std::optional<mb::Error> readWithCore(const json& c, const std::string& path) {
  const std::string api = c["api"];
  auto verdict = [](const auto& result) -> std::optional<mb::Error> {
    if (result) return std::nullopt;
    return result.error();
  };
  if (api == "onnx") return verdict(mb::importOnnxFile(path));
  if (api == "pth") return verdict(mb::readPth(path));
  if (api == "safetensors") return verdict(mb::readSafetensors(path));
  if (api == "ckpt") return verdict(mb::readCheckpoint(path));
  if (api == "project") return verdict(mb::project::loadProject(path));
  if (api == "shape") return verdict(mb::parseShapeSpec(c["spec"].get<std::string>()));
  return mb::makeError(mb::ErrorCode::Internal, "no core API for case");
}

}  // namespace

class TestBadInputs : public QObject {
  Q_OBJECT
 private slots:
  void catalogueIsComplete() {
    auto cases = loadCases();
    QVERIFY2(cases.size() >= 40, "the catalogue lost cases");
    for (const auto& c : cases) {
      const std::string file = catalogueDir() + "/" + c["file"].get<std::string>();
      QVERIFY2(std::filesystem::exists(file), file.c_str());
    }
  }

  void throughCli() {
    for (const auto& c : loadCases()) {
      const std::string file = catalogueDir() + "/" + c["file"].get<std::string>();
      const std::string tmp = mbtest::makeTempDir("bad_inputs");
      std::vector<std::string> args;
      for (const auto& a : c["cli"]) args.push_back(substitute(a, file, tmp));
      auto r = mbtest::runCli(args, tmp);
      const std::string label = c.dump() + "\nstderr: " + r.err;
      QVERIFY2(!r.crashed, label.c_str());
      QVERIFY2(r.exitCode == c["exit"].get<int>(), label.c_str());
      const std::string code = c["code"];
      if (code == "ok") continue;
      QVERIFY2(r.err.find("error[" + code + "]") != std::string::npos, label.c_str());
      QVERIFY2(r.err.find(c["fragment"].get<std::string>()) != std::string::npos, label.c_str());
      // A failed command leaves no output behind.
      QVERIFY2(!std::filesystem::exists(tmp + "/out.ckpt"), label.c_str());
    }
  }

  void throughCoreApi() {
    int checked = 0;
    for (const auto& c : loadCases()) {
      if (c["api"] == "none") continue;
      const std::string file = catalogueDir() + "/" + c["file"].get<std::string>();
      auto error = readWithCore(c, file);
      const std::string code = c["code"];
      const std::string label = c.dump() + "\ngot: " + (error ? error->describe() : "ok");
      ++checked;
      if (code == "ok") {
        QVERIFY2(!error, label.c_str());
        continue;
      }
      QVERIFY2(error.has_value(), label.c_str());
      QVERIFY2(code == mb::errorCodeName(error->code), label.c_str());
      QVERIFY2(error->describe().find(c["fragment"].get<std::string>()) != std::string::npos,
               label.c_str());
    }
    QVERIFY(checked >= 35);
  }
};

QTEST_APPLESS_MAIN(TestBadInputs)
#include "test_bad_inputs.moc"
