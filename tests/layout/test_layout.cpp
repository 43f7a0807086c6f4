// Layered layout invariants on synthetic DNN graphs: no overlaps, edges flow with the direction,
// fan-out stubs, determinism, cycles, cancel; module groups from both dialects' scopes.
#include <QTest>
#include <algorithm>
#include <atomic>

#include "layout/layout_run.h"
#include "layout/synthetic_graphs.h"

using namespace mb;
using namespace mb::layout;

class LayoutTest : public QObject {
  Q_OBJECT

  static void checkGeometry(const LayoutRun& run, Direction direction) {
    const auto& in = run.visual.input;
    const auto& out = run.result;
    QCOMPARE(out.centers.size(), in.nodes.size());
    bool tb = direction == Direction::TopToBottom;
    auto across = [&](size_t v) { return tb ? out.centers[v].x : out.centers[v].y; };
    auto along = [&](size_t v) { return tb ? out.centers[v].y : out.centers[v].x; };
    auto acrossSize = [&](size_t v) { return tb ? in.nodes[v].width : in.nodes[v].height; };
    auto alongSize = [&](size_t v) { return tb ? in.nodes[v].height : in.nodes[v].width; };
    // Same rank: disjoint across; different ranks: disjoint along.
    std::vector<size_t> order(in.nodes.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      return out.rank[a] != out.rank[b] ? out.rank[a] < out.rank[b] : across(a) < across(b);
    });
    for (size_t i = 1; i < order.size(); ++i) {
      size_t a = order[i - 1], b = order[i];
      if (out.rank[a] == out.rank[b]) {
        QVERIFY2(across(a) + acrossSize(a) / 2 <= across(b) - acrossSize(b) / 2 + 1e-6,
                 "boxes overlap in a rank");
      } else {
        QVERIFY2(along(a) + alongSize(a) / 2 < along(b) - alongSize(b) / 2, "ranks overlap");
      }
    }
    for (const auto& e : out.edges) {
      QVERIFY(e.points.size() >= 2);
      const auto& edge = in.edges[static_cast<size_t>(e.edge)];
      auto from = static_cast<size_t>(edge.from), to = static_cast<size_t>(edge.to);
      if (e.reversed) continue;
      for (size_t k = 1; k < e.points.size(); ++k) {
        double a = tb ? e.points[k - 1].y : e.points[k - 1].x,
               b = tb ? e.points[k].y : e.points[k].x;
        QVERIFY2(a < b, "edge goes against the layout direction");
      }
      double start = tb ? e.points.front().y : e.points.front().x;
      double end = tb ? e.points.back().y : e.points.back().x;
      QCOMPARE(start, along(from) + alongSize(from) / 2);
      QCOMPARE(end, along(to) - alongSize(to) / 2);
    }
  }

 private slots:
  void geometryHoldsForEveryKindAndDirection_data() {
    QTest::addColumn<int>("kind");
    QTest::addColumn<bool>("lr");
    for (auto kind : {SyntheticKind::Cnn, SyntheticKind::Transformer, SyntheticKind::Llm})
      for (bool lr : {false, true})
        QTest::newRow((std::string(syntheticKindName(kind)) + (lr ? "-lr" : "-tb")).c_str())
            << static_cast<int>(kind) << lr;
  }
  void geometryHoldsForEveryKindAndDirection() {
    QFETCH(int, kind);
    QFETCH(bool, lr);
    Graph g = makeSyntheticGraph(static_cast<SyntheticKind>(kind), 1500);
    LayoutOptions options;
    options.direction = lr ? Direction::LeftToRight : Direction::TopToBottom;
    LayoutRun run = runLayout(g, true, options);
    QCOMPARE(run.visual.items.size(), g.nodes.size() + g.inputs.size() + g.outputs.size());
    checkGeometry(run, options.direction);
    // DNN chains should be narrow: the whole drawing within a few boxes' width, whatever the depth.
    QVERIFY2(run.result.stats.width < 1200, qPrintable(QString::number(run.result.stats.width)));
  }

  void fanoutTensorsBecomeStubs() {
    Graph g = makeSyntheticGraph(SyntheticKind::Llm, 2000);
    LayoutRun run = runLayout(g, true);
    QVERIFY(run.result.stats.stubs > 0);
    ValueId mask = g.findValue("/model/Mul_3_output_0").value();
    ValueId cos = g.findValue("/rotary_emb/Cos_5_output_0").value();
    ValueId sin = g.findValue("/rotary_emb/Sin_6_output_0").value();
    int blocks = 0;
    for (const auto& n : g.nodes) blocks += n.opType == "Softmax";
    auto consumers = g.consumers();
    int stubsOnMask = 0;
    for (const auto& stub : run.result.stubs) {
      ValueId v = run.visual.edges[static_cast<size_t>(stub.edge)].value;
      // The globals, and the per-block reshape target feeding four Reshapes far apart.
      QVERIFY2(v == mask || v == cos || v == sin || consumers[static_cast<size_t>(v)].size() >= 4,
               "only fan-out tensors are stubbed");
      stubsOnMask += v == mask;
    }
    QCOMPARE(stubsOnMask, blocks - 1);  // one consumer keeps a real edge
    LayoutOptions noStubs;
    noStubs.stubs = false;
    LayoutRun plain = runLayout(g, true, noStubs);
    QCOMPARE(plain.result.stats.stubs, int64_t{0});
    QVERIFY(plain.result.stats.dummyNodes > 10 * run.result.stats.dummyNodes);
    checkGeometry(plain, Direction::TopToBottom);
  }

  void deterministic() {
    Graph g = makeSyntheticGraph(SyntheticKind::Llm, 1200);
    LayoutRun a = runLayout(g, true), b = runLayout(g, true);
    QCOMPARE(a.result.centers.size(), b.result.centers.size());
    for (size_t i = 0; i < a.result.centers.size(); ++i) {
      QCOMPARE(a.result.centers[i].x, b.result.centers[i].x);
      QCOMPARE(a.result.centers[i].y, b.result.centers[i].y);
    }
    QCOMPARE(a.result.stats.crossings, b.result.stats.crossings);
  }

  void crossingsCountedAndReduced() {
    // Two sources each feeding two sinks, given in an order that crosses: K2,2 has one crossing
    // in any order, and a ladder a→c, b→d given as a→d', b→c' can be uncrossed completely.
    LayoutInput in;
    in.nodes.resize(4);
    in.edges = {{0, 3}, {1, 2}};
    LayoutResult r = layeredLayout(in);
    QCOMPARE(r.stats.crossings, int64_t{0});
    in.nodes.resize(4);
    in.edges = {{0, 2}, {0, 3}, {1, 2}, {1, 3}};
    QCOMPARE(layeredLayout(in).stats.crossings, int64_t{1});
  }

  void cyclesAreBrokenNotFatal() {
    LayoutInput in;
    in.nodes.resize(3);
    in.edges = {{0, 1}, {1, 2}, {2, 0}, {1, 1}};
    LayoutResult r = layeredLayout(in);
    QCOMPARE(r.centers.size(), size_t{3});
    int reversed = 0;
    for (const auto& e : r.edges) reversed += e.reversed;
    QCOMPARE(reversed, 1);
    QCOMPARE(r.edges.size(), size_t{3});  // the self edge is not drawn
  }

  void emptyAndCancelled() {
    LayoutResult empty = layeredLayout({});
    QVERIFY(empty.centers.empty());
    QCOMPARE(empty.stats.width, 0.0);
    Graph g = makeSyntheticGraph(SyntheticKind::Transformer, 3000);
    auto tree = ModuleTree::build(g);
    auto vg = buildVisualGraph(g, tree);
    std::atomic<bool> cancel{true};
    LayoutResult r = layeredLayout(vg.input, {}, &cancel);
    QVERIFY(r.cancelled);
  }

  void groupsFromOnnxNames() {
    Graph g = makeSyntheticGraph(SyntheticKind::Cnn, 60);
    ModuleTree tree = ModuleTree::build(g);
    auto find = [&](const std::string& key) {
      for (size_t i = 0; i < tree.groups.size(); ++i)
        if (tree.groups[i].key == key) return static_cast<int32_t>(i);
      return -1;
    };
    int32_t layer1 = find("layer1"), block = find("layer1/layer1.0");
    QVERIFY(layer1 > 0 && block > 0);
    QCOMPARE(tree.groups[static_cast<size_t>(block)].parent, layer1);
    QCOMPARE(tree.groups[static_cast<size_t>(block)].totalNodes, int64_t{7});
    QCOMPARE(find("layer1/layer1.0/conv1"), -1);  // one node: no box around a box
    // Identical residual blocks share a signature.
    QVERIFY(tree.groups[static_cast<size_t>(block)].repeats >= 8);
    // Collapsed: one box for the whole layer; expanding shows its blocks.
    tree.collapseAll();
    VisualGraph collapsed = buildVisualGraph(g, tree);
    tree.groups[static_cast<size_t>(layer1)].expanded = true;
    VisualGraph opened = buildVisualGraph(g, tree);
    QVERIFY(collapsed.items.size() < opened.items.size());
    NodeId conv = g.findNode("/layer1/layer1.0/conv1/Conv_1").value();
    QCOMPARE(tree.collapsedAncestor(conv), block);
    tree.reveal(conv);
    QCOMPARE(tree.collapsedAncestor(conv), -1);
    LayoutResult r = layeredLayout(collapsed.input);
    QCOMPARE(r.centers.size(), collapsed.items.size());
  }

  void mindsporeScopesMatchOnnxNames() {
    Node cell;
    cell.dialect = Dialect::MindSpore;
    cell.name = "conv1";
    cell.scope = "layer1.0.conv1";
    QCOMPARE(ModuleTree::scopePath(cell), (std::vector<std::string>{"layer1", "layer1.0"}));
    Node fn;
    fn.dialect = Dialect::MindSpore;
    fn.name = "add";
    fn.scope = "layer1.0";
    QCOMPARE(ModuleTree::scopePath(fn), (std::vector<std::string>{"layer1", "layer1.0"}));
    Node onnx;
    onnx.name = "/layer1/layer1.0/conv1/Conv";
    onnx.scope = onnx.name;
    QCOMPARE(ModuleTree::scopePath(onnx),
             (std::vector<std::string>{"layer1", "layer1.0", "conv1"}));
    Node flat;
    flat.name = "Conv_12";
    QVERIFY(ModuleTree::scopePath(flat).empty());
  }

  void crowdedGroupsSplitIntoParts() {
    Graph g = makeSyntheticGraph(SyntheticKind::Transformer, 30000);  // ~1000 layers.N groups
    ModuleTree tree = ModuleTree::build(g, 300);
    for (const auto& group : tree.groups)
      QVERIFY(group.nodes.size() + group.children.size() <= 300);
    int parts = 0;
    for (const auto& group : tree.groups) parts += group.label.find(" [") != std::string::npos;
    QVERIFY(parts >= 4);
    tree.expandToBudget(1500);
    VisualGraph vg = buildVisualGraph(g, tree);
    size_t boxes = vg.items.size() - g.inputs.size() - g.outputs.size();
    QVERIFY2(boxes <= 1500, qPrintable(QString::number(boxes)));
    QVERIFY(vg.items.size() > 3);
  }
};

QTEST_APPLESS_MAIN(LayoutTest)
#include "test_layout.moc"
