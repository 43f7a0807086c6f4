// Users' fixes for unconverted ops: templates (every template against the ONNX kernel of the op
// it stands for, then converted and diffed), API picks, snippets, the project file and bad fixes.
#include <QProcess>
#include <QtTest>
#include <cmath>
#include <fstream>

#include "compare/layer_diff_runner.h"
#include "convert/fixes/api_catalogue.h"
#include "convert/fixes/op_templates.h"
#include "convert_test_util.h"
#include "emit/model_py_printer.h"
#include "exec/executor.h"
#include "exec/kernel.h"
#include "project/project.h"
#include "test_paths.h"

using namespace mb;
using namespace mb::convert;

namespace {

Tensor wave(std::vector<int64_t> dims, float phase) {
  std::vector<float> v(static_cast<size_t>(checkedNumel(dims)));
  for (size_t i = 0; i < v.size(); ++i)
    v[i] = 4.0f * std::sin(0.37f * static_cast<float>(i) + phase);
  return Tensor::fromVector(DType::Float32, dims, v);
}

// X (and B) → op → Relu → Y, with the op in `domain`.
Graph modelWith(const std::string& domain, const std::string& op, size_t inputs,
                AttributeList attrs = {}) {
  mbtest::GraphBuilder b(17);
  std::vector<ValueId> ins = {b.input("X", {2, 3, 4})};
  if (inputs > 1) ins.push_back(b.input("B", {2, 3, 4}));
  auto mid = b.node(op, "fixme", ins, attrs, 1, {2, 3, 4});
  b.graph.nodes.back().domain = domain;
  if (!domain.empty()) b.graph.opsetImports[domain] = 1;
  auto y = b.node("Relu", "relu", {mid[0]}, {}, 1, {2, 3, 4});
  b.output(y[0]);
  return b.graph;
}

std::map<std::string, Tensor> feeds(const Graph& g) {
  std::map<std::string, Tensor> f;
  float phase = 0;
  for (ValueId in : g.inputs) f[g.value(in).name] = wave({2, 3, 4}, phase += 1.0f);
  return f;
}

Tensor runOutput(const Graph& g) {
  exec::Executor e(g);
  auto r = e.run(feeds(g));
  if (!r) qFatal("%s", r.error().describe().c_str());
  return r->outputs.begin()->second;
}

ConvertOptions withFix(const std::string& node, OpFix fix, TargetApi api = TargetApi::Classic) {
  ConvertOptions o;
  o.api = api;
  o.fixes[node] = std::move(fix);
  return o;
}

OpFix templateFix(const std::string& name) {
  OpFix f;
  f.kind = FixKind::Template;
  f.templateName = name;
  return f;
}

void expectError(const Graph& g, const ConvertOptions& o, const std::string& phrase) {
  auto r = convertGraph(g, o);
  QVERIFY2(!r, phrase.c_str());
  QVERIFY2(r.error().where.find("node '") != std::string::npos, r.error().describe().c_str());
  QVERIFY2(r.error().message.find(phrase) != std::string::npos, r.error().describe().c_str());
}

}  // namespace

class TestOpFixes : public QObject {
  Q_OBJECT
 private slots:
  void catalogueHasSignatures() {
    QVERIFY(apiCatalogue().size() > 2000);
    const ApiEntry* hs = findApi("mindspore.ops.hardswish");
    QVERIFY(hs && hs->kind == ApiKind::Function && hs->acceptsCallKeyword("input"));
    const ApiEntry* conv = findApi("mindspore.nn.Conv2d");
    QVERIFY(conv && conv->constructed() && conv->acceptsInitKeyword("in_channels"));
    QVERIFY(!conv->acceptsInitKeyword("no_such_keyword"));
    QVERIFY(!findApi("mindspore.ops.no_such_api"));
    auto found = searchApis("ops hardswish");
    QVERIFY(std::any_of(found.begin(), found.end(),
                        [](const ApiEntry* e) { return e->path == "mindspore.ops.hardswish"; }));
  }

  // Each template must compute its op: checked against the ONNX kernel where one exists, then
  // converted at both API levels and diffed layer by layer.
  void everyTemplateMatchesItsOpAndConverts() {
    QVERIFY(opTemplates().size() >= 10);
    int againstKernel = 0;
    for (const auto& t : opTemplates()) {
      const std::string bare =
          t.fixes.substr(t.fixes.find("::") == std::string::npos ? 0 : t.fixes.find("::") + 2);
      const std::string domain =
          t.fixes.find("::") == std::string::npos ? "" : t.fixes.substr(0, t.fixes.find("::"));
      AttributeList attrs;
      for (const auto& [name, fallback] : t.attributes) attrs.set(name, fallback * 0.8 + 0.05);
      if (t.name == "LogSoftmax") attrs.set("axis", int64_t{1});
      Graph g = modelWith(domain, bare, t.inputs.size(), attrs);
      ConvertOptions o = withFix("fixme", templateFix(t.name));
      auto expanded = expandTemplateFixes(g, o);
      QVERIFY2(expanded, t.name.c_str());
      if (exec::findOnnxKernel(domain, bare, 17)) {
        Tensor ref = runOutput(g), got = runOutput(expanded->graph);
        auto stats = compare::computeLayerStats(got, ref, {1e-5, 1e-5});
        QVERIFY2(stats.maxAbs <= 2e-5 * std::max(1.0, stats.refMaxAbs),
                 (t.name + " differs from the ONNX op by " + std::to_string(stats.maxAbs)).c_str());
        ++againstKernel;
      }
      for (TargetApi api : {TargetApi::Classic, TargetApi::Mint}) {
        o.api = api;
        auto r = convertGraph(g, o);
        QVERIFY2(r, t.name.c_str());
        QCOMPARE(r->records.size(), g.nodes.size());
        QCOMPARE(r->count(NodeStatus::Unconverted), size_t{0});
        const NodeRecord& rec = r->records[0];
        QCOMPARE(rec.fix, std::string("template"));
        QVERIFY(!rec.convertedNodes.empty());
        for (const Node& n : r->converted.nodes)
          for (NodeId s : n.sourceNodes) QVERIFY(static_cast<size_t>(s) < g.nodes.size());
        compare::DiffRunOptions d;
        d.inputs = feeds(g);
        auto diff = compare::runLayerDiff(expanded->graph, r->converted, d);
        QVERIFY2(diff, t.name.c_str());
        QVERIFY2(diff->passed(), t.name.c_str());
        QVERIFY(diff->count(compare::LayerStatus::Compared) >= 2);
      }
    }
    QVERIFY2(againstKernel >= 8, std::to_string(againstKernel).c_str());
  }

  void apiFixRunsAndMatchesTheTemplate() {
    Graph g = modelWith("com.example", "MyHardSwish", 1);
    OpFix f;
    f.kind = FixKind::Api;
    f.api.api = "mindspore.ops.hardswish";
    f.api.inputs = {0};
    auto r = convertGraph(g, withFix("fixme", f));
    QVERIFY2(r, r ? "" : r.error().describe().c_str());
    QCOMPARE(r->records[0].fix, std::string("api"));
    const Node& n = r->converted.node(r->records[0].convertedNodes[0]);
    QCOMPARE(n.opType, std::string("mindspore.ops.hardswish"));
    QCOMPARE(n.domain, std::string(kApiFixDomain));
    QVERIFY(exec::findMindSporeKernel(n.opType));
    auto expanded = expandTemplateFixes(g, withFix("fixme", templateFix("HardSwish")));
    QVERIFY(expanded);
    auto stats = compare::computeLayerStats(runOutput(r->converted), runOutput(expanded->graph),
                                            {1e-5, 1e-5});
    QVERIFY(stats.maxAbs < 1e-5);
    auto py = emitter::printModelPy(r->converted, {"m", "", "", ""});
    QVERIFY(py);
    QVERIFY(py->code.find("ops.hardswish(") != std::string::npos);

    // A Cell with a constructor keyword copied from the node's attribute.
    AttributeList attrs;
    attrs.set("alpha", 0.25);
    Graph g2 = modelWith("com.example", "MyLeaky", 1, attrs);
    OpFix cell;
    cell.kind = FixKind::Api;
    cell.api.api = "mindspore.nn.LeakyReLU";
    cell.api.inputs = {0};
    cell.api.initFromAttributes["alpha"] = "alpha";
    auto r2 = convertGraph(g2, withFix("fixme", cell));
    QVERIFY2(r2, r2 ? "" : r2.error().describe().c_str());
    auto py2 = emitter::printModelPy(r2->converted, {"m", "", "", ""});
    QVERIFY(py2);
    QVERIFY2(py2->code.find("nn.LeakyReLU(alpha=0.25)") != std::string::npos, py2->code.c_str());
  }

  void snippetIsEmittedVerbatimAndUnverified() {
    Graph g = modelWith("", "Hardmax", 1);
    QVERIFY(exec::findOnnxKernel("", "Hardmax", 17));
    OpFix f;
    f.kind = FixKind::Snippet;
    f.snippet.code =
        "class MyHardmax(nn.Cell):\n"
        "    def construct(self, x):\n"
        "        index = ops.argmax(x, -1)\n"
        "        return ops.one_hot(index, x.shape[-1], Tensor(1.0), Tensor(0.0))\n";
    auto r = convertGraph(g, withFix("fixme", f));
    QVERIFY2(r, r ? "" : r.error().describe().c_str());
    QCOMPARE(r->records[0].fix, std::string("snippet"));
    auto py = emitter::printModelPy(r->converted, {"m", "", "", ""});
    QVERIFY(py);
    QVERIFY2(py->code.find(f.snippet.code) != std::string::npos, py->code.c_str());
    QVERIFY(py->code.find("MyHardmax()") != std::string::npos);
    const std::string dir = mbtest::makeTempDir("op_fixes_snippet");
    std::ofstream(dir + "/m.py") << py->code;
    QProcess p;
    p.start(QString::fromStdString(mbtest::pythonExe()),
            {"-m", "py_compile", QString::fromStdString(dir + "/m.py")});
    QVERIFY(p.waitForFinished(60000));
    QVERIFY2(p.exitCode() == 0, qPrintable(p.readAllStandardError()));

    compare::DiffRunOptions d;
    d.inputs = feeds(g);
    auto diff = compare::runLayerDiff(g, r->converted, d);
    QVERIFY2(diff, diff ? "" : diff.error().describe().c_str());
    QCOMPARE(diff->unverifiedNodes.size(), size_t{1});
    QVERIFY(diff->unverifiedNodes[0].find("unverified") != std::string::npos);
    QVERIFY(diff->unconvertedNodes.empty());
    bool noted = false;
    for (const auto& l : diff->layers)
      noted = noted ||
              (l.status == compare::LayerStatus::NotComputed && l.note.rfind("unverified", 0) == 0);
    QVERIFY(noted);
  }

  void badFixesNameTheNode() {
    Graph g = modelWith("com.example", "MyHardSwish", 1);
    expectError(g, withFix("fixme", templateFix("NoSuchTemplate")), "unknown template");
    expectError(g, withFix("missing", templateFix("HardSwish")), "does not have");
    expectError(g, withFix("fixme", templateFix("BiasGelu")), "needs 2 input(s)");
    OpFix api;
    api.kind = FixKind::Api;
    api.api.api = "mindspore.ops.no_such_api";
    expectError(g, withFix("fixme", api), "not an API of the MindSpore 2.7 catalogue");
    api.api.api = "mindspore.ops.hardswish";
    api.api.inputs = {3};
    expectError(g, withFix("fixme", api), "maps input 3");
    api.api.inputs = {0};
    api.api.callArgs.set("nonsense", int64_t{1});
    expectError(g, withFix("fixme", api), "'nonsense' is not a parameter");
    api.api.callArgs = {};
    api.api.initArgs.set("x", int64_t{1});
    expectError(g, withFix("fixme", api), "is a function");
    api.api.initArgs = {};
    api.api.callFromAttributes["input"] = "absent";
    expectError(g, withFix("fixme", api), "does not have");
    OpFix snippet;
    snippet.kind = FixKind::Snippet;
    snippet.snippet.code = "def f(x):\n    return x\n";
    expectError(g, withFix("fixme", snippet), "defines no class");
    snippet.snippet.className = "Other";
    expectError(g, withFix("fixme", snippet), "does not define class 'Other'");
  }

  void projectKeepsFixes() {
    project::Project p;
    p.modelPath = "m.onnx";
    p.fixes["a"] = templateFix("Mish");
    OpFix api;
    api.kind = FixKind::Api;
    api.api.api = "mindspore.nn.LeakyReLU";
    api.api.inputs = {0, -1};
    api.api.initArgs.set("alpha", 0.5);
    api.api.callFromAttributes["x"] = "y";
    p.fixes["b"] = api;
    OpFix snippet;
    snippet.kind = FixKind::Snippet;
    snippet.snippet.code = "class A(nn.Cell):\n    pass\n";
    p.fixes["c"] = snippet;
    auto back = project::parseProject(project::projectToJson(p), "p.mbproj");
    QVERIFY2(back, back ? "" : back.error().describe().c_str());
    QCOMPARE(back->schemaVersion, project::kProjectSchemaVersion);
    QCOMPARE(back->fixes.size(), size_t{3});
    QCOMPARE(back->fixes["a"].templateName, std::string("Mish"));
    QCOMPARE(back->fixes["b"].api.inputs, (std::vector<int>{0, -1}));
    QCOMPARE(back->fixes["b"].api.initArgs.getFloat("alpha", 0), 0.5);
    QCOMPARE(back->fixes["b"].api.callFromAttributes["x"], std::string("y"));
    QCOMPARE(back->fixes["c"].snippet.code, snippet.snippet.code);
    QCOMPARE(project::convertOptions(*back).fixes.size(), size_t{3});

    auto v1 = project::parseProject(R"({"schemaVersion": 1, "model": {"path": "m.onnx"}})", "p");
    QVERIFY(v1);
    QCOMPARE(v1->schemaVersion, 2);
    QVERIFY(v1->fixes.empty());

    auto bad = [](const std::string& fixes, const std::string& where) {
      auto r = project::parseProject(
          R"({"schemaVersion": 2, "model": {"path": "m.onnx"}, "fixes": )" + fixes + "}",
          "p.mbproj");
      QVERIFY2(!r, fixes.c_str());
      QCOMPARE(r.error().where, "p.mbproj: " + where);
    };
    bad(R"({"n": {"kind": "magic"}})", "fixes.n.kind");
    bad(R"({"n": {"kind": "template", "template": "Nope"}})", "fixes.n.template");
    bad(R"({"n": {"kind": "api", "api": "mindspore.ops.nope"}})", "fixes.n.api");
    bad(R"({"n": {"kind": "api", "api": "mindspore.ops.abs", "inputs": ["x"]}})",
        "fixes.n.inputs[0]");
    bad(R"({"n": {"kind": "snippet"}})", "fixes.n.code");
    bad(R"([])", "fixes");
  }
};

QTEST_APPLESS_MAIN(TestOpFixes)
#include "test_op_fixes.moc"
