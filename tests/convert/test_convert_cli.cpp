// mindbridge-cli convert-graph: summary JSON on a real model, and clear errors for bad input.
#include <QtTest>

#include <QProcess>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "convert_test_util.h"
#include "test_paths.h"

namespace {

struct Run {
  int exitCode = -1;
  std::string out, err;
};

Run cli(const QStringList& args) {
  QProcess p;
  p.start(QString::fromStdString(mbtest::cliExe()), args);
  Run r;
  if (!p.waitForFinished(120000)) return r;
  r.exitCode = p.exitCode();
  r.out = p.readAllStandardOutput().toStdString();
  r.err = p.readAllStandardError().toStdString();
  return r;
}

}  // namespace

class TestConvertCli : public QObject {
  Q_OBJECT
 private slots:
  void summarisesAModel() {
    auto models = mbtest::fixtureModels();
    if (models.empty() && !mbtest::fixtureGeneratorExists())
      QSKIP("fixture models not generated yet");
    QVERIFY(!models.empty());
    Run r = cli({"convert-graph", QString::fromStdString(models.front()), "--target-api", "mint",
                 "--json", "--nodes"});
    QCOMPARE(r.exitCode, 0);
    auto j = nlohmann::json::parse(r.out);
    QCOMPARE(j["target_api"].get<std::string>(), std::string("mint"));
    QCOMPARE(j["status"]["unconverted"].get<int>(), 0);
    QVERIFY(j["nodes"].size() > 0);
  }

  void reportsAnUnconvertedOp() {
    // A model with an op MindBridge has no converter for: the rest converts, the reason is shown.
    std::string dir = mbtest::makeTempDir("convert_cli");
    std::string path = dir + "/unknown_op.onnx";
    QProcess py;
    py.start(QString::fromStdString(mbtest::pythonExe()),
             {"-c",
              "import onnx, sys\nfrom onnx import helper, TensorProto as T\n"
              "n1 = helper.make_node('Det', ['x'], ['d'], name='/head/Det')\n"
              "n2 = helper.make_node('Relu', ['d'], ['y'], name='/act/Relu')\n"
              "g = helper.make_graph([n1, n2], 'g', [helper.make_tensor_value_info('x', T.FLOAT, "
              "[2, 3, 3])],\n"
              "    [helper.make_tensor_value_info('y', T.FLOAT, [2])])\n"
              "onnx.save(helper.make_model(g, opset_imports=[helper.make_opsetid('', 17)]), "
              "sys.argv[1])\n",
              QString::fromStdString(path)});
    QVERIFY(py.waitForFinished(60000));
    QCOMPARE(py.exitCode(), 0);
    Run r = cli({"convert-graph", QString::fromStdString(path), "--json"});
    QCOMPARE(r.exitCode, 0);
    auto j = nlohmann::json::parse(r.out);
    QCOMPARE(j["status"]["unconverted"].get<int>(), 1);
    QCOMPARE(j["status"]["converted"].get<int>(), 1);
    QCOMPARE(j["unconverted"][0]["op"].get<std::string>(), std::string("Det"));
    QVERIFY(!j["unconverted"][0]["reason"].get<std::string>().empty());
    QVERIFY(!j["unconverted"][0]["suggestions"].empty());
  }

  void rejectsBadInput() {
    Run bad = cli({"convert-graph", "model.onnx", "--target-api", "torch"});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY(bad.err.find("--target-api") != std::string::npos);
    Run none = cli({"convert-graph"});
    QCOMPARE(none.exitCode, 2);
    Run missing = cli({"convert-graph", "/nonexistent/model.onnx"});
    QCOMPARE(missing.exitCode, 1);
    QVERIFY(missing.err.find("/nonexistent/model.onnx") != std::string::npos);
    std::string dir = mbtest::makeTempDir("convert_cli_bad");
    std::ofstream(dir + "/garbage.onnx") << "not a model";
    Run garbage = cli({"convert-graph", QString::fromStdString(dir + "/garbage.onnx")});
    QCOMPARE(garbage.exitCode, 1);
    QVERIFY(!garbage.err.empty());
  }
};

QTEST_APPLESS_MAIN(TestConvertCli)
#include "test_convert_cli.moc"
