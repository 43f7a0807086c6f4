// `convert` leaves validate.py everything it needs: seeded inputs and the source model's outputs on
// them as .npy, under the names validate.py reads. validate.py itself runs here against a stub
// `mindspore` package and a stand-in model (tests/cli/run_validate_py.py): it passes when the model
// returns the references and fails, naming the output, when they are off by 1e-2. Models with
// unknown input dims still convert, with a warning saying why there is no data.
#include <QtTest>
#include <filesystem>
#include <fstream>

#include "cli_runner.h"
#include "io/npy.h"

using namespace mbtest;
namespace fs = std::filesystem;

class ValidationDataTest : public QObject {
  Q_OBJECT

  static std::string model(const std::string& stem) { return fixture("models/" + stem + ".onnx"); }

  static RunResult validate(const std::string& out, const std::string& module,
                            const std::string& cls, const char* mode) {
    return runProgram(pythonExe(),
                      {sourceDir() + "/tests/cli/run_validate_py.py", out, module, cls, mode}, out);
  }

  static std::string topClass(const std::string& modelPy) {
    std::ifstream in(modelPy);
    std::string line, last;
    while (std::getline(in, line))
      if (line.rfind("class ", 0) == 0) last = line.substr(6, line.find('(') - 6);
    return last;  // the top Cell is printed last
  }

 private slots:
  void dataMatchesWhatValidatePyReads_data() {
    QTest::addColumn<QString>("stem");
    QTest::addColumn<QString>("api");
    QTest::newRow("tiny_cnn classic") << "tiny_cnn_op13_train"
                                      << "classic";
    QTest::newRow("lstm_gru mint") << "lstm_gru_op17_eval"
                                   << "mint";
    QTest::newRow("transformer classic") << "transformer_encoder_op17_eval"
                                         << "classic";
  }

  void dataMatchesWhatValidatePyReads() {
    QFETCH(QString, stem);
    QFETCH(QString, api);
    const std::string dir = makeTempDir("validation-" + stem.toStdString());
    const std::string out = dir + "/out";
    RunResult r = runCli({"convert", "--model_file", model(stem.toStdString()), "--output", out,
                          "--target-api", api.toStdString()},
                         dir);
    QVERIFY2(r.exitCode == 0, r.err.c_str());
    QVERIFY2(r.err.find("validation data not written") == std::string::npos, r.err.c_str());
    for (const char* sub : {"inputs", "outputs"}) {
      const fs::path folder = fs::path(out) / "validation" / sub;
      QVERIFY2(fs::is_directory(folder), folder.c_str());
      int files = 0;
      for (const auto& e : fs::directory_iterator(folder)) {
        auto t = mb::readNpy(e.path().string());
        QVERIFY2(t, e.path().c_str());
        QVERIFY(t->numel() > 0);
        ++files;
      }
      QVERIFY(files >= 1);
    }
    const std::string module = stem.toStdString();
    const std::string cls = topClass(out + "/" + module + ".py");
    QVERIFY(!cls.empty());
    RunResult ok = validate(out, module, cls, "exact");
    QVERIFY2(ok.exitCode == 0, ok.out.c_str());
    QVERIFY2(ok.out.find(" ok") != std::string::npos, ok.out.c_str());
    QVERIFY2(ok.out.find("no reference") == std::string::npos, ok.out.c_str());
    RunResult off = validate(out, module, cls, "perturbed");
    QVERIFY2(off.exitCode == 1, off.out.c_str());
    QVERIFY2(off.out.find("OUT OF TOLERANCE") != std::string::npos, off.out.c_str());
  }

  void unknownDimsConvertWithAWarning() {
    const std::string dir = makeTempDir("validation-dynamic");
    RunResult r = runCli(
        {"convert", "--model_file", model("dynamic_batch_op13_train"), "--output", dir + "/a"},
        dir);
    QVERIFY2(r.exitCode == 0, r.err.c_str());
    QVERIFY2(r.err.find("validation data not written") != std::string::npos, r.err.c_str());
    QVERIFY2(r.err.find("batch") != std::string::npos, r.err.c_str());  // names the dim
    QVERIFY(!fs::exists(dir + "/a/validation"));
    QVERIFY(fs::exists(dir + "/a/dynamic_batch_op13_train.py"));

    // With the batch given, the data is written with that batch size.
    r = runCli({"convert", "--model_file", model("dynamic_batch_op13_train"), "--shape",
                "3,3,16,16", "--output", dir + "/b"},
               dir);
    QVERIFY2(r.exitCode == 0, r.err.c_str());
    auto input = mb::readNpy(dir + "/b/validation/inputs/input.npy");
    QVERIFY(input);
    QCOMPARE(input->dims().at(0), int64_t(3));
  }

  void optOutAndExistingFiles() {
    const std::string dir = makeTempDir("validation-flags");
    const std::string out = dir + "/out";
    RunResult r = runCli({"convert", "--model_file", model("tiny_cnn_op13_train"), "--output", out,
                          "--no-validation-data"},
                         dir);
    QVERIFY2(r.exitCode == 0, r.err.c_str());
    QVERIFY(!fs::exists(out + "/validation"));

    // A validation file left from elsewhere is refused by name; nothing new appears.
    fs::remove_all(out);
    fs::create_directories(out + "/validation/outputs");
    std::ofstream(out + "/validation/outputs/logits.npy") << "mine";
    r = runCli({"convert", "--model_file", model("tiny_cnn_op13_train"), "--output", out}, dir);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.find("validation/outputs/logits.npy") != std::string::npos, r.err.c_str());
    QCOMPARE(listTree(out), (std::vector<std::string>{"validation", "validation/outputs",
                                                      "validation/outputs/logits.npy"}));
  }
};

QTEST_APPLESS_MAIN(ValidationDataTest)
#include "test_cli_validation_data.moc"
