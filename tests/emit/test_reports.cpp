// Reports beside the model: MindConverter's text report, operator scan CSV and weight map schema,
// report.json / report.html (with and without a per-layer diff), helper scripts that compile, and
// the staged writing of outputs (refusing existing files, nothing left behind on failure).
#include <QProcess>
#include <QtTest>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "emit/conversion_report.h"
#include "emit/helper_scripts.h"
#include "emit/model_py_printer.h"
#include "emit/output_stager.h"
#include "emit/sha256.h"
#include "sample_graphs.h"
#include "test_paths.h"

using namespace mb;
using namespace mb::emitter;
namespace fs = std::filesystem;

namespace {

// A source graph whose nodes the sample's converted nodes can point back to.
Graph sampleSource() {
  Graph g;
  g.name = "resnet_tiny";
  for (const char* op : {"Conv", "Conv", "Relu", "GridSample"}) {
    Node n;
    n.opType = op;
    n.name = std::string("/") + op;
    g.addNode(n);
  }
  Value w{"conv1.weight", DType::Float32, Shape::ofDims({8, 3, 7, 7})};
  w.initializer = Tensor::zeros(DType::Float32, {8, 3, 7, 7});
  g.addValue(w);
  return g;
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

bool pyCompiles(const std::string& code, const std::string& tag, QString& log) {
  const std::string dir = mbtest::makeTempDir(tag);
  std::ofstream(dir + "/script.py") << code;
  for (const auto& l : lines(code))
    if (l.size() > 100) {
      log = QString::fromStdString("line longer than 100 columns: " + l);
      return false;
    }
  QProcess p;
  p.start(QString::fromStdString(mbtest::pythonExe()),
          {"-m", "py_compile", QString::fromStdString(dir + "/script.py")});
  p.waitForFinished(60000);
  log = p.readAllStandardError();
  return p.exitCode() == 0;
}

struct Fixture {
  Graph source = sampleSource();
  Graph converted;
  ModelPyResult py;
  ReportContext context;

  explicit Fixture(bool unconverted) {
    mbtest::SampleOptions options;
    options.unconverted = unconverted;
    converted = mbtest::sampleResNet("classic", options);
    for (auto& n : converted.nodes)
      if (n.unconverted) n.sourceNodes = {3};
    py = *printModelPy(converted, {"resnet_tiny", "resnet_tiny.onnx", "", ""});
    context.modelName = "resnet_tiny";
    context.sourceFile = "resnet_tiny.onnx";
    context.modelPyFile = "resnet_tiny.py";
    context.source = &source;
    context.converted = &converted;
    context.modelPy = &py;
  }
};

}  // namespace

class TestReports : public QObject {
  Q_OBJECT
 private slots:
  void textReportMatchesMindConverter() {
    Fixture f(true);
    auto text = lines(conversionReportText(f.context));
    QCOMPARE(text.front(), std::string("[Start Convert]"));
    QCOMPARE(text[text.size() - 2], std::string("[Convert Over]"));
    QVERIFY(std::regex_match(text.back(), std::regex(R"(Converted Rate: \d+\.\d\d%\.)")));
    const auto counts = conversionCounts(f.converted);
    QCOMPARE(counts.total - counts.converted, size_t(1));
    char expected[64];
    std::snprintf(expected, sizeof(expected), "Converted Rate: %.2f%%.", counts.rate());
    QCOMPARE(text.back(), std::string(expected));
    // The UnConvert line points at the placeholder's call in model.py.
    std::smatch m;
    QVERIFY(std::regex_match(text[1], m,
                             std::regex(R"(line (\d+):(\d+): \[UnConvert\] 'onnx::GridSample' )"
                                        R"(didn't convert\. Maybe could convert to .*\.)")));
    const auto code = lines(f.py.code);
    const std::string& target = code.at(std::stoul(m[1]) - 1);
    QVERIFY2(target.substr(std::stoul(m[2]) - 1).rfind("self.grid_sample(", 0) == 0,
             target.c_str());
    // Fully converted: no UnConvert line, 100.00%.
    Fixture clean(false);
    auto cleanText = lines(conversionReportText(clean.context));
    QCOMPARE(cleanText.size(), size_t(3));
    QCOMPARE(cleanText.back(), std::string("Converted Rate: 100.00%."));
  }

  void operatorScanCsv() {
    Fixture f(true);
    auto rows = lines(emitter::operatorScanCsv(f.context));
    QCOMPARE(rows.front(), std::string("operator_name, count, status"));
    QVERIFY(std::find(rows.begin(), rows.end(), "onnx::Conv, 2, Supported") != rows.end());
    QVERIFY(std::find(rows.begin(), rows.end(), "onnx::GridSample, 1, Unsupported") != rows.end());
  }

  void weightMapSchema() {
    Fixture f(false);
    f.context.weightSources["fc.weight"] =
        WeightSource{{"fc.weight"}, "transposed (Gemm transB=0)"};
    f.converted.value(f.converted.node(0).params[0].value).sourceValue = "conv1.weight";
    nlohmann::json map = weightMapJson(f.context);
    QVERIFY(map.contains("resnet_tiny"));
    const auto& entries = map["resnet_tiny"];
    QCOMPARE(entries.size(), f.py.checkpoint.size());
    const auto& first = entries[0];
    QCOMPARE(first["converted_weight"]["name"].get<std::string>(), std::string("conv1.weight"));
    QCOMPARE(first["converted_weight"]["data_type"].get<std::string>(), std::string("Float32"));
    QCOMPARE(first["converted_weight"]["shape"], nlohmann::json({8, 3, 7, 7}));
    QCOMPARE(first["source_weight"]["name"].get<std::string>(), std::string("conv1.weight"));
    QCOMPARE(first["source_weight"]["data_type"].get<std::string>(), std::string("float32"));
    QCOMPARE(first["mindbridge"]["api"].get<std::string>(), std::string("mindspore.nn.Conv2d"));
    bool transform = false;
    for (const auto& e : entries)
      if (e["converted_weight"].is_object() && e["converted_weight"]["name"] == "fc.weight")
        transform = e["mindbridge"]["transform"] == "transposed (Gemm transB=0)";
    QVERIFY(transform);
    // The file text parses back to the same JSON, one entry per line.
    const std::string text = weightMapText(f.context);
    QCOMPARE(nlohmann::json::parse(text), map);
    QCOMPARE(lines(text).size(), entries.size() + 2);
  }

  void reportJsonAndHtml() {
    Fixture f(true);
    nlohmann::json j = reportJson(f.context);
    QCOMPARE(j["model"].get<std::string>(), std::string("resnet_tiny"));
    QCOMPARE(j["target_api"].get<std::string>(), std::string("classic"));
    QCOMPARE(j["unconverted"].size(), size_t(1));
    QVERIFY(j["unconverted"][0]["location"]["line"].get<int>() > 0);
    QVERIFY(!j.contains("diff"));
    std::string html = reportHtml(f.context);
    QVERIFY(html.rfind("<!DOCTYPE html>", 0) == 0);
    QVERIFY(html.find("onnx::GridSample") != std::string::npos);
    QVERIFY(html.find("mindspore.ops.grid_sample") != std::string::npos);
    QVERIFY(html.find("layer2.0.downsample.1.moving_mean") != std::string::npos);
    QVERIFY(html.find("Per-layer numeric diff") == std::string::npos);
    QVERIFY(html.find("<script") == std::string::npos);  // self-contained, no scripts
    QVERIFY(html.find("http://") == std::string::npos ||
            html.find("http://www.w3.org") != std::string::npos);

    compare::DiffReport diff;
    diff.samples = 1;
    for (int i = 0; i < 3; ++i) {
      compare::LayerDiff layer;
      layer.align.sourceValue = "v" + std::to_string(i);
      layer.align.sourceOp = "Conv";
      layer.align.convertedApi = "mindspore.nn.Conv2d";
      layer.stats.maxAbs = i == 2 ? 0.5 : 1e-7;
      layer.passed = i != 2;
      diff.layers.push_back(layer);
    }
    diff.firstDivergent = 2;
    f.context.diff = &diff;
    html = reportHtml(f.context);
    QVERIFY(html.find("Per-layer numeric diff") != std::string::npos);
    QVERIFY(html.find("<svg") != std::string::npos);
    QVERIFY(html.find("FAIL") != std::string::npos);
    j = reportJson(f.context);
    QCOMPARE(j["diff"]["passed"].get<bool>(), false);
    QCOMPARE(j["diff"]["first_divergent"].get<std::string>(), std::string("v2"));
  }

  void helperScriptsCompile() {
    ScriptContext c;
    c.module = "resnet_tiny";
    c.topClass = "ResnetTiny";
    c.checkpoint = "resnet_tiny.ckpt";
    c.inputs = {{"input.1", {-1, 3, 32, 32}, "float32"}, {"mask:0", {1}, "int64"}};
    c.outputs = {"logits", "/head/Add_output_0"};
    QString log;
    for (const auto& [name, text] :
         std::vector<std::pair<std::string, std::string>>{{"validate", validateScript(c)},
                                                          {"export", exportMindirScript(c)},
                                                          {"dataset", datasetScript(c)},
                                                          {"train", trainScript(c)},
                                                          {"eval", evalScript(c)}}) {
      QVERIFY2(pyCompiles(text, name, log), qPrintable(QString::fromStdString(name) + ": " + log));
      QVERIFY(text.find("{{") == std::string::npos);
    }
    QVERIFY(validateScript(c).find("('input.1', (-1, 3, 32, 32), 'float32')") != std::string::npos);
    QVERIFY(trainScript(c).find("value_and_grad(forward_fn, None, optimizer.parameters") !=
            std::string::npos);
    QVERIFY(datasetScript(c).find("GeneratorDataset(") != std::string::npos);
    QCOMPARE(npyFileName("mask:0"), std::string("mask_0.npy"));
  }

  void sha256KnownAnswers() {
    Sha256 empty;
    QCOMPARE(empty.hexDigest(),
             std::string("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    Sha256 abc;
    const std::string text = "abc";
    abc.update(std::as_bytes(std::span(text.data(), text.size())));
    QCOMPARE(abc.hexDigest(),
             std::string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    // Multi-block input split over several updates.
    Sha256 chunks;
    const std::string a(1000, 'a');
    for (int i = 0; i < 1000; ++i) chunks.update(std::as_bytes(std::span(a.data(), a.size())));
    QCOMPARE(chunks.hexDigest(),
             std::string("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"));
  }

  void sha256OfFileMatchesPortableCode() {
    // sha256File (libcrypto) and the portable Sha256 agree on a multi-block file.
    const std::string dir = mbtest::makeTempDir("sha");
    std::string data(1 << 20, '\0');
    for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<char>((i * 2654435761u) >> 13);
    std::ofstream(dir + "/blob", std::ios::binary) << data;
    Sha256 portable;
    portable.update(std::as_bytes(std::span(data.data(), data.size())));
    auto fromFile = sha256File(dir + "/blob");
    QVERIFY(fromFile);
    QCOMPARE(*fromFile, portable.hexDigest());
    QVERIFY(!sha256File(dir + "/missing"));
  }

  void stagerRefusesExistingAndCleansUp() {
    const std::string dir = mbtest::makeTempDir("stager");
    std::ofstream(dir + "/model.py") << "old";
    {
      OutputStager stager(false);
      auto planned = stager.plan(dir, "model.py");
      QVERIFY(!planned);
      QCOMPARE(planned.error().code, ErrorCode::AlreadyExists);
      QCOMPARE(planned.error().where, dir + "/model.py");
      QVERIFY(planned.error().message.find("--overwrite") != std::string::npos);
      QVERIFY(stager.writeText(dir, "report.txt", "new"));
      // Not committed: the staged file and folder disappear with the stager.
    }
    QCOMPARE(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1L);
    {
      OutputStager stager(true);
      QVERIFY(stager.writeText(dir, "model.py", "new"));
      QVERIFY(stager.writeText(dir + "/reports", "report.txt", "r"));
      QVERIFY(stager.commit());
    }
    std::ifstream in(dir + "/model.py");
    std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    QCOMPARE(content, std::string("new"));
    QVERIFY(fs::exists(dir + "/reports/report.txt"));
    for (const auto& e : fs::directory_iterator(dir))
      QVERIFY(e.path().filename().string().rfind(".mindbridge-staging", 0) != 0);
  }

  void stagerReportsUnwritableFolder() {
    const std::string dir = mbtest::makeTempDir("stager-bad");
    std::ofstream(dir + "/file") << "x";
    OutputStager stager(false);
    auto planned = stager.plan(dir + "/file/sub", "model.py");
    QVERIFY(!planned);
    QCOMPARE(planned.error().code, ErrorCode::WriteFailed);
    QCOMPARE(planned.error().where, dir + "/file/sub");
  }
};

QTEST_APPLESS_MAIN(TestReports)
#include "test_reports.moc"
