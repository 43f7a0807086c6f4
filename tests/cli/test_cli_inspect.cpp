// `mindbridge-cli inspect` end to end: the built binary on fixture models (text and --json), with
// --shape, --input_nodes/--output_nodes and --fold, and on bad input (exit code + message).
#include <QProcess>
#include <QtTest>
#include <fstream>
#include <nlohmann/json.hpp>

#include "test_paths.h"

using nlohmann::json;

namespace {

struct Run {
  int exitCode = -1;
  std::string out;
  std::string err;
};

Run runCli(const QStringList& args) {
  QProcess process;
  process.start(QString::fromStdString(mbtest::cliExe()), QStringList{"inspect"} + args);
  Run run;
  if (!process.waitForFinished(120000)) return run;
  run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
  run.out = process.readAllStandardOutput().toStdString();
  run.err = process.readAllStandardError().toStdString();
  return run;
}

QString model(const std::string& name) {
  return QString::fromStdString(mbtest::fixture("models/" + name + ".onnx"));
}

json readMeta(const std::string& name) {
  std::ifstream in(mbtest::fixture("data/" + name + "/meta.json"));
  return json::parse(in);
}

bool contains(const std::string& text, const std::string& fragment) {
  return text.find(fragment) != std::string::npos;
}

}  // namespace

class TestCliInspect : public QObject {
  Q_OBJECT
 private slots:
  void textReport() {
    Run r = runCli({model("resnet18_op13_eval")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(contains(r.out, "Input      input  float32 [1,3,96,96]"), r.out.c_str());
    QVERIFY(contains(r.out, "Output     logits  float32 [1,1000]"));
    QVERIFY(contains(r.out, "Opset      13"));
    QVERIFY(contains(r.out, "Scope depth 4"));
    QVERIFY(contains(r.out, "FLOPs      "));
    QVERIFY(contains(r.out, "  Conv  20"));
    QVERIFY(r.err.empty());
  }

  void jsonMatchesFixtureMeta() {
    for (const char* name : {"tiny_cnn", "resnet18", "unet_like"}) {
      json meta = readMeta(name);
      for (const char* key : {"op11_train", "op17_eval"}) {
        Run r = runCli({model(std::string(name) + "_" + key), "--json"});
        QCOMPARE(r.exitCode, 0);
        json out = json::parse(r.out);
        const json& exp = meta["exports"][key];
        QCOMPARE(out["opset"].get<int>(), exp["opset"].get<int>());
        QCOMPARE(out["nodes"].get<size_t>(), exp["nodes"].get<size_t>());
        QCOMPARE(out["initializers"].get<size_t>(), exp["initializers"].get<size_t>());
        QCOMPARE(out["parameters"].get<uint64_t>(), exp["initializer_elements"].get<uint64_t>());
        QCOMPARE(out["parameter_bytes"].get<uint64_t>(),
                 4 * exp["initializer_elements"].get<uint64_t>());
        QCOMPARE(out["op_histogram"], exp["op_histogram"]);
        json flops = out["flops_by_op"];
        uint64_t layers = flops.value("Conv", uint64_t{0}) +
                          flops.value("ConvTranspose", uint64_t{0}) +
                          flops.value("Gemm", uint64_t{0});
        QCOMPARE(layers, 2 * meta["conv_linear_macs"].get<uint64_t>());
        QVERIFY(out["flops"].get<uint64_t>() >= layers);
        QCOMPARE(out["inputs"][0]["name"].get<std::string>(),
                 meta["inputs"][0]["name"].get<std::string>());
        QVERIFY(out["scope_depth"].get<int>() >= 1);
      }
    }
  }

  void shapeOptionByNameAndPosition() {
    Run named = runCli({model("dynamic_batch_op17_eval"), "--shape", "input:8,3,16,16", "--json"});
    QCOMPARE(named.exitCode, 0);
    json a = json::parse(named.out);
    QCOMPARE(a["inputs"][0]["shape"].get<std::string>(), std::string("[8,3,16,16]"));
    QCOMPARE(a["outputs"][0]["shape"].get<std::string>(), std::string("[8,5]"));
    QCOMPARE(a["flops_unknown_nodes"].get<int>(), 0);
    Run bare = runCli({model("dynamic_batch_op17_eval"), "--shape", "8,3,16,16", "--json"});
    QCOMPARE(bare.exitCode, 0);
    QCOMPARE(json::parse(bare.out)["flops"], a["flops"]);
    // Without --shape the batch stays symbolic and layers with unknown shapes are reported.
    Run dynamic = runCli({model("dynamic_batch_op17_eval"), "--json"});
    json d = json::parse(dynamic.out);
    QCOMPARE(d["inputs"][0]["shape"].get<std::string>(), std::string("[batch,3,16,16]"));
    QVERIFY(d["flops_unknown_nodes"].get<int>() > 0);
  }

  void subgraphOptions() {
    Run r = runCli({model("resnet18_op13_eval"), "--input_nodes", "/layer2/layer2.0/conv1/Conv",
                    "--output_nodes", "/layer2/layer2.0/relu_1/Relu", "--json"});
    QCOMPARE(r.exitCode, 0);
    json out = json::parse(r.out);
    QCOMPARE(out["nodes"].get<int>(), 6);
    QCOMPARE(out["subgraph"]["nodes_in_model"].get<int>(), 49);
    QCOMPARE(out["inputs"][0]["shape"].get<std::string>(), std::string("[1,64,24,24]"));
    QCOMPARE(out["outputs"][0]["shape"].get<std::string>(), std::string("[1,128,12,12]"));
    Run text =
        runCli({model("resnet18_op13_eval"), "--output_nodes", "/layer1/layer1.0/relu_1/Relu"});
    QCOMPARE(text.exitCode, 0);
    QVERIFY(contains(text.out, "Subgraph   8 of 49 nodes"));
  }

  void foldOption() {
    Run r = runCli({model("transformer_encoder_op13_eval"), "--fold", "--json"});
    QCOMPARE(r.exitCode, 0);
    json out = json::parse(r.out);
    QVERIFY(out["folded"]["nodes"].get<int>() > 0);
    QCOMPARE(out["op_histogram"].value("Constant", 0), 0);
  }

  void badInput() {
    struct Case {
      QStringList args;
      int exitCode;
      std::string fragment;
    };
    std::string dir = mbtest::makeTempDir("cli-inspect");
    std::ofstream(dir + "/empty.onnx").close();
    std::ofstream(dir + "/text.onnx") << "this is not a model\n";
    QString empty = QString::fromStdString(dir + "/empty.onnx");
    QString text = QString::fromStdString(dir + "/text.onnx");
    const std::vector<Case> cases{
        {{}, 2, "expected exactly one MODEL"},
        {{"a.onnx", "b.onnx"}, 2, "expected exactly one MODEL"},
        {{model("tiny_cnn_op13_eval"), "--bogus"}, 2, "--bogus"},
        {{QString::fromStdString(dir + "/missing.onnx")}, 1, "error[file-not-found]"},
        {{empty}, 1, "error[bad-format]"},
        {{text}, 1, "not a protobuf"},
        {{model("dynamic_batch_op13_eval"), "--shape", "input:8,x,16,16"},
         2,
         "'x' is not a dimension"},
        {{model("dynamic_batch_op13_eval"), "--shape", "images:8,3,16,16"}, 1, "--shape 'images'"},
        {{model("dynamic_batch_op13_eval"), "--shape", "1,3,16,16", "2,3,16,16"},
         2,
         "more --shape values"},
        {{model("dynamic_batch_op13_eval"), "--shape", "input:8,3,16"}, 1, "error[shape-mismatch]"},
        {{model("resnet18_op13_eval"), "--output_nodes", "/nope/Conv"},
         1,
         "--output_nodes '/nope/Conv'"},
        {{model("resnet18_op13_eval"), "--input_nodes", "/layer4/layer4.0/conv1/Conv",
          "--output_nodes", "/layer1/layer1.0/relu_1/Relu"},
         1,
         "does not feed"},
    };
    for (const auto& c : cases) {
      Run r = runCli(c.args);
      std::string label =
          c.args.join(' ').toStdString() + " → " + std::to_string(r.exitCode) + ": " + r.err;
      QVERIFY2(r.exitCode == c.exitCode, label.c_str());
      QVERIFY2(contains(r.err, c.fragment), label.c_str());
      QVERIFY2(r.out.empty(), label.c_str());
    }
  }
};

QTEST_APPLESS_MAIN(TestCliInspect)
#include "test_cli_inspect.moc"
