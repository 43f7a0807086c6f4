// importProjectSource: the source graph a project converts (what the workbench re-converts):
// sizes replace symbolic dims, names rename them everywhere, cut points and output nodes make a
// subgraph, and every bad input is an error naming the input and dim.
#include <QtTest>

#include "project/project_source.h"
#include "test_paths.h"

using namespace mb;
using namespace mb::project;

namespace {

const std::string& dynamicModel() {
  static const std::string path = mbtest::fixture("models/dynamic_batch_op17_eval.onnx");
  return path;
}

Project withInput(std::vector<Dim> dims) {
  Project p;
  p.inputs.push_back({"input", std::move(dims)});
  return p;
}

void expectError(const Project& p, const std::string& phrase, const std::string& where) {
  auto r = importProjectSource(dynamicModel(), p);
  QVERIFY2(!r, phrase.c_str());
  QVERIFY2(r.error().message.find(phrase) != std::string::npos, r.error().describe().c_str());
  QVERIFY2(r.error().where.find(where) != std::string::npos, r.error().describe().c_str());
}

}  // namespace

class TestProjectSource : public QObject {
  Q_OBJECT
 private slots:
  void defaultsAreTheModel() {
    auto r = importProjectSource(dynamicModel(), Project{});
    QVERIFY2(r, r ? "" : r.error().describe().c_str());
    QCOMPARE(r->graph.nodes.size(), size_t{5});
    QCOMPARE(r->graph.value(r->graph.inputs[0]).shape.dims[0].symbol, std::string("batch"));
  }

  void sizesAndNames() {
    auto sized = importProjectSource(
        dynamicModel(), withInput({Dim::known(8), Dim::known(3), Dim::known(16), Dim::known(16)}));
    QVERIFY(sized);
    const Graph& g = sized->graph;
    QCOMPARE(g.value(g.outputs[0]).shape.dims[0].value, int64_t{8});  // re-inferred downstream
    auto named = importProjectSource(dynamicModel(), withInput({Dim::symbolic("N"), Dim::known(3),
                                                                Dim::known(16), Dim::known(16)}));
    QVERIFY(named);
    const Graph& n = named->graph;
    QCOMPARE(n.value(n.inputs[0]).shape.dims[0].symbol, std::string("N"));
    QCOMPARE(n.value(n.outputs[0]).shape.dims[0].symbol, std::string("N"));  // renamed everywhere
  }

  void cutPoints() {
    Project p;
    p.outputNodes = {"/Relu"};
    auto head = importProjectSource(dynamicModel(), p);
    QVERIFY(head);
    QCOMPARE(head->graph.nodes.size(), size_t{2});
    // A tensor inside the graph as an input node, with its shape of numbers.
    auto full = importProjectSource(dynamicModel(), Project{});
    const std::string relu = full->graph.value(full->graph.node(1).outputs[0]).name;
    Project tail;
    tail.inputNodes = {relu};
    tail.inputs.push_back({relu, {Dim::known(2), Dim::known(8), Dim::known(16), Dim::known(16)}});
    auto cut = importProjectSource(dynamicModel(), tail);
    QVERIFY2(cut, cut ? "" : cut.error().describe().c_str());
    QCOMPARE(cut->graph.nodes.size(), size_t{3});
    QCOMPARE(cut->graph.value(cut->graph.inputs[0]).shape.dims[1].value, int64_t{8});
  }

  void badInputsNameWhere() {
    expectError(withInput({Dim::known(1), Dim::known(5), Dim::known(16), Dim::known(16)}),
                "fixed to 3", "input 'input'");
    expectError(withInput({Dim::symbolic("N"), Dim::symbolic("C"), Dim::known(16), Dim::known(16)}),
                "fixed to 3", "input 'input' dim 1");
    expectError(withInput({Dim::symbolic("N"), Dim::known(3), Dim::known(32), Dim::known(16)}),
                "keeps the model's sizes", "input 'input' dim 2");
    expectError(withInput({Dim::symbolic("N"), Dim::known(3)}), "rank 4", "input 'input'");
    Project cut;
    cut.inputNodes = {"/no/such"};
    expectError(cut, "shape of numbers", "input '/no/such'");
    cut.inputs.push_back({"/no/such", {Dim::symbolic("N")}});
    expectError(cut, "shape of numbers", "input '/no/such'");
    Project out;
    out.outputNodes = {"/no/such"};
    auto r = importProjectSource(dynamicModel(), out);
    QVERIFY(!r);
    QVERIFY2(r.error().describe().find("/no/such") != std::string::npos,
             r.error().describe().c_str());
    QVERIFY(!importProjectSource("/no/such/model.onnx", Project{}));
  }
};

QTEST_APPLESS_MAIN(TestProjectSource)
#include "test_project_source.moc"
