// `mindbridge-cli diff` end to end on fixture models: a clean pass writes diff.json / diff.csv and
// exits 0, a tolerance nothing can meet exits 3 naming the first divergent layer, and every bad
// input (flags, files, names, output folder) exits 1 or 2 with a message saying what and where.
#include <QProcess>
#include <QtTest>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "io/npy.h"
#include "test_paths.h"

namespace {

struct Run {
  int exitCode = -1;
  std::string out, err;
};

Run runCli(const QStringList& args) {
  QProcess process;
  process.start(QString::fromStdString(mbtest::cliExe()), QStringList{"diff"} + args);
  process.waitForFinished(300000);
  return {process.exitCode(), process.readAllStandardOutput().toStdString(),
          process.readAllStandardError().toStdString()};
}

QString q(const std::string& s) {
  return QString::fromStdString(s);
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

class TestCliDiff : public QObject {
  Q_OBJECT
  std::string dir_;
  std::string tiny_;

 private slots:
  void initTestCase() {
    dir_ = mbtest::makeTempDir("cli-diff");
    tiny_ = mbtest::fixture("models/tiny_cnn_op17_train.onnx");
    QVERIFY(std::filesystem::exists(tiny_));
  }

  void passWritesJsonAndCsv() {
    const std::string out = dir_ + "/pass";
    Run r = runCli(
        {q(tiny_), "--target-api", "mint", "--samples", "2", "--seed", "3", "--out", q(out)});
    QVERIFY2(r.exitCode == 0, r.err.c_str());
    QVERIFY(contains(r.out, "PASS"));
    std::ifstream in(out + "/diff.json");
    const auto j = nlohmann::json::parse(in);
    QCOMPARE(j["target_api"].get<std::string>(), std::string("mint"));
    QCOMPARE(j["samples"].get<int>(), 2);
    QCOMPARE(j["summary"]["failed"].get<int>(), 0);
    QCOMPARE(j["layers"].size(), size_t(10));
    QVERIFY(j["first_divergent"].is_null());
    std::ifstream csv(out + "/diff.csv");
    std::string header;
    std::getline(csv, header);
    QVERIFY(contains(header, "max_abs") && contains(header, "cosine") &&
            contains(header, "min_passing_atol"));
  }

  void impossibleToleranceExits3() {
    // The transformer's softmax / matmul layers differ by ~1e-7 (summation order): atol=rtol=0
    // fails.
    Run r = runCli({q(mbtest::fixture("models/transformer_encoder_op17_eval.onnx")), "--atol", "0",
                    "--rtol", "0", "--json"});
    QCOMPARE(r.exitCode, 3);
    const auto j = nlohmann::json::parse(r.out);
    QVERIFY(!j["first_divergent"].is_null());
    QVERIFY(j["summary"]["failed"].get<int>() > 0);
    // …and a per-layer override that covers exactly the failing layers lets it pass again.
    QStringList args{q(mbtest::fixture("models/transformer_encoder_op17_eval.onnx")), "--atol", "0",
                     "--rtol", "0"};
    for (const auto& layer : j["layers"])
      if (!layer["passed"].get<bool>())
        args << "--tolerance" << q(layer["name"].get<std::string>() + "=1e-5,1e-5");
    Run fixed = runCli(args);
    QVERIFY2(fixed.exitCode == 0, fixed.out.c_str());
  }

  void inputFilesAreUsed() {
    const std::string input = mbtest::fixture("data/tiny_cnn/inputs/input.npy");
    Run r = runCli({q(tiny_), "--input", q("input=" + input), "--json"});
    QVERIFY2(r.exitCode == 0, r.err.c_str());
    QCOMPARE(nlohmann::json::parse(r.out)["samples"].get<int>(), 1);
  }

  void badCommandLinesExit2() {
    struct Case {
      QStringList args;
      std::string mention;
    };
    const std::vector<Case> cases = {
        {{}, "MODEL"},
        {{q(tiny_), "--samples", "0"}, "--samples"},
        {{q(tiny_), "--samples", "many"}, "--samples"},
        {{q(tiny_), "--seed", "-1"}, "--seed"},
        {{q(tiny_), "--atol", "abc"}, "--atol"},
        {{q(tiny_), "--rtol", "-1"}, "--rtol"},
        {{q(tiny_), "--target-api", "torch"}, "--target-api"},
        {{q(tiny_), "--tolerance", "layer"}, "--tolerance"},
        {{q(tiny_), "--tolerance", "layer=1e-3"}, "--tolerance"},
        {{q(tiny_), "--input", "nofile"}, "--input"},
        {{q(tiny_), "--dim", "batch=0"}, "--dim"},
        {{q(tiny_), "--shape", "1,2,3"}, "--shape"},
        {{q(tiny_), "--bogus"}, "bogus"},
    };
    for (const auto& c : cases) {
      Run r = runCli(c.args);
      QVERIFY2(r.exitCode == 2,
               (c.args.join(' ').toStdString() + " → " + std::to_string(r.exitCode)).c_str());
      QVERIFY2(contains(r.err, c.mention), r.err.c_str());
    }
  }

  void badFilesExit1() {
    Run missing = runCli({q(dir_ + "/no_such_model.onnx")});
    QCOMPARE(missing.exitCode, 1);
    QVERIFY(contains(missing.err, "no_such_model.onnx"));

    const std::string garbage = dir_ + "/garbage.onnx";
    std::ofstream(garbage) << "not a model";
    Run bad = runCli({q(garbage)});
    QCOMPARE(bad.exitCode, 1);
    QVERIFY(contains(bad.err, "garbage.onnx"));

    Run noInput = runCli({q(tiny_), "--input", q("input=" + dir_ + "/missing.npy")});
    QCOMPARE(noInput.exitCode, 1);
    QVERIFY(contains(noInput.err, "missing.npy"));

    const std::string npy = dir_ + "/x.npy";
    QVERIFY(mb::writeNpy(npy, mb::Tensor::zeros(mb::DType::Float32, {1, 3, 16, 16})).isOk());
    Run unknownName = runCli({q(tiny_), "--input", q("not_an_input=" + npy)});
    QCOMPARE(unknownName.exitCode, 1);
    QVERIFY(contains(unknownName.err, "not_an_input"));

    Run wrongShape = runCli({q(tiny_), "--input", q("input=" + npy)});
    QCOMPARE(wrongShape.exitCode, 1);
    QVERIFY(contains(wrongShape.err, "input"));

    const std::string file = dir_ + "/a_file";
    std::ofstream(file) << "x";
    Run badOut = runCli({q(tiny_), "--out", q(file)});
    QCOMPARE(badOut.exitCode, 1);
    QVERIFY(contains(badOut.err, "a_file"));
  }
};

QTEST_APPLESS_MAIN(TestCliDiff)
#include "test_cli_diff.moc"
