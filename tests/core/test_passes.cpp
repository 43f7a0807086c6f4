// Graph passes: module scopes from node names, subgraph extraction, model statistics (FLOPs checked
// against multiply-adds PyTorch hooks counted), and constant folding of shape chains.
#include <QtTest>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "exec/kernel.h"
#include "io/onnx_importer.h"
#include "passes/constant_folding.h"
#include "passes/scopes.h"
#include "passes/stats.h"
#include "passes/subgraph.h"
#include "test_paths.h"

using namespace mb;
using namespace mb::passes;
using nlohmann::json;

namespace {

json readMeta(const std::string& name) {
  std::ifstream in(mbtest::fixture("data/" + name + "/meta.json"));
  return json::parse(in);
}

Graph importFixture(const std::string& file) {
  auto result = importOnnxFile(mbtest::fixture("models/" + file + ".onnx"));
  if (!result) qFatal("%s", result.error().describe().c_str());
  return std::move(result->graph);
}

ValueId addTensor(Graph& g, const std::string& name, std::vector<int64_t> dims,
                  DType dtype = DType::Float32) {
  Value v;
  v.name = name;
  v.dtype = dtype;
  v.shape = Shape::ofDims(dims);
  return g.addValue(std::move(v));
}

NodeId addNode(Graph& g, const std::string& op, const std::string& name, std::vector<ValueId> in,
               std::vector<ValueId> out, const std::string& domain = "") {
  Node n;
  n.name = name;
  n.opType = op;
  n.domain = domain;
  n.inputs = std::move(in);
  n.outputs = std::move(out);
  return g.addNode(std::move(n));
}

// Every node input is produced inside the graph, is a graph input or an initializer.
bool wellFormed(const Graph& g) {
  std::set<ValueId> inputs(g.inputs.begin(), g.inputs.end());
  for (const auto& node : g.nodes)
    for (ValueId in : node.inputs)
      if (in != kNoValue && g.value(in).producer == kNoNode && !g.value(in).initializer &&
          !inputs.count(in))
        return false;
  for (size_t i = 0; i < g.values.size(); ++i)
    if (!g.values[i].name.empty() && g.findValue(g.values[i].name) != static_cast<ValueId>(i))
      return false;
  return bool(g.topologicalOrder());
}

// A test-only kernel in a private domain: shape [a, b, c, ...] → [a, b*c*...].
Status keepFirstDimKernel(exec::KernelContext& ctx) {
  auto dims = ctx.input(0).toInt64Vector();
  int64_t rest = 1;
  for (size_t i = 1; i < dims.size(); ++i) rest *= dims[i];
  ctx.outputs[0] = Tensor::fromVector(DType::Int64, {2}, std::vector<int64_t>{dims[0], rest});
  return Status::ok();
}
MB_ONNX_DOMAIN_KERNEL("test.fold", "KeepFirstDim", 1, keepFirstDimKernel);

Status failingKernel(exec::KernelContext& ctx) {
  return ctx.fail(ErrorCode::ShapeMismatch, "refuses on purpose");
}
MB_ONNX_DOMAIN_KERNEL("test.fold", "Fails", 1, failingKernel);

const std::vector<std::string> kStaticCnns{"tiny_cnn", "resnet18", "mobilenet_v2", "unet_like"};

}  // namespace

class TestPasses : public QObject {
  Q_OBJECT
 private slots:
  // ---- scopes ----
  void scopeFromNames() {
    QCOMPARE(scopeFromNodeName("/layer1/layer1.0/conv1/Conv"),
             std::string("layer1/layer1.0/conv1"));
    QCOMPARE(scopeFromNodeName("/layer1/layer1.0/relu_1/Relu"),
             std::string("layer1/layer1.0/relu_1"));
    QCOMPARE(scopeFromNodeName("/Flatten"), std::string());
    QCOMPARE(scopeFromNodeName("Conv_12"), std::string());
    QCOMPARE(scopeFromNodeName(""), std::string());
    QCOMPARE(scopeFromNodeName("//a//b/Op"), std::string("a/b"));
    QCOMPARE(modulePathFromScope("layer2/layer2.0/downsample/downsample.0"),
             std::string("layer2.0.downsample.0"));
    QCOMPARE(modulePathFromScope("encoder/layers.0/self_attn"),
             std::string("encoder.layers.0.self_attn"));
    QCOMPARE(modulePathFromScope(""), std::string());
  }

  void scopeTreeOfResnet18() {
    Graph g = importFixture("resnet18_op13_eval");
    QCOMPARE(g.node(*g.findNode("/layer1/layer1.0/conv1/Conv")).scope,
             std::string("layer1/layer1.0/conv1"));
    ScopeTreeNode root = buildScopeTree(g);
    QCOMPARE(root.totalNodes(), g.nodes.size());
    std::vector<std::string> top;
    for (const auto& c : root.children) top.push_back(c.name);
    QCOMPARE(top, (std::vector<std::string>{"conv1", "relu", "maxpool", "layer1", "layer2",
                                            "layer3", "layer4", "avgpool", "fc"}));
    const ScopeTreeNode* block = findScope(root, "layer1/layer1.0");
    QVERIFY(block);
    QCOMPARE(block->nodes.size(), size_t(1));  // the residual Add belongs to the block itself
    QCOMPARE(g.node(block->nodes[0]).opType, std::string("Add"));
    QCOMPARE(block->children.size(), size_t(4));  // conv1, relu, conv2, relu_1
    QVERIFY(!findScope(root, "layer9"));
    QCOMPARE(scopeDepth(g), 4);  // layer2/layer2.0/downsample/downsample.0

    // Every scope names a real module (named_modules), give or take the "_1" of a reused module.
    json meta = readMeta("resnet18");
    std::set<std::string> modules;
    for (const auto& m : meta["modules"]) modules.insert(m["path"].get<std::string>());
    for (const auto& node : g.nodes) {
      if (node.scope.empty()) continue;
      std::string path = modulePathFromScope(node.scope);
      if (!modules.count(path)) path = path.substr(0, path.rfind('_'));
      QVERIFY2(modules.count(path), (node.name + " → " + path).c_str());
    }
  }

  void assignScopesKeepsExplicitScopes() {
    Graph g;
    ValueId x = addTensor(g, "x", {1});
    ValueId y = addTensor(g, "y", {1});
    ValueId z = addTensor(g, "z", {1});
    g.inputs = {x};
    NodeId a = addNode(g, "Relu", "/block/act/Relu", {x}, {y});
    NodeId b = addNode(g, "Relu", "plain", {y}, {z});
    g.node(b).scope = "set/by/hand";
    assignScopes(g);
    QCOMPARE(g.node(a).scope, std::string("block/act"));
    QCOMPARE(g.node(b).scope, std::string("set/by/hand"));
    QCOMPARE(scopeDepth(g), 3);
  }

  // ---- subgraph extraction ----
  void subgraphToAnOutputNode() {
    Graph g = importFixture("resnet18_op13_eval");
    auto sub = extractSubgraph(g, {{}, {"/layer1/layer1.0/relu_1/Relu"}});
    QVERIFY2(sub, sub ? "" : sub.error().describe().c_str());
    QCOMPARE(sub->nodes.size(), size_t(8));  // conv1, relu, maxpool + the 5 nodes of layer1.0
    QCOMPARE(sub->inputs.size(), size_t(1));
    QCOMPARE(sub->value(sub->inputs[0]).name, std::string("input"));
    QCOMPARE(sub->outputs.size(), size_t(1));
    QCOMPARE(sub->value(sub->outputs[0]).name,
             g.value(g.node(*g.findNode("/layer1/layer1.0/relu_1/Relu")).outputs[0]).name);
    QCOMPARE(sub->value(sub->outputs[0]).shape.toString(), std::string("[1,64,24,24]"));
    QVERIFY(wellFormed(*sub));
    QCOMPARE(computeStats(*sub).initializers, uint64_t(6));  // 3 convs × (weight, bias)
  }

  void subgraphBetweenNodesAndTensors() {
    Graph g = importFixture("resnet18_op13_eval");
    auto byNodes =
        extractSubgraph(g, {{"/layer2/layer2.0/conv1/Conv"}, {"/layer2/layer2.0/relu_1/Relu"}});
    QVERIFY2(byNodes, byNodes ? "" : byNodes.error().describe().c_str());
    std::set<std::string> ops;
    for (const auto& n : byNodes->nodes) ops.insert(n.name);
    QCOMPARE(ops,
             (std::set<std::string>{"/layer2/layer2.0/conv1/Conv", "/layer2/layer2.0/relu/Relu",
                                    "/layer2/layer2.0/conv2/Conv",
                                    "/layer2/layer2.0/downsample/downsample.0/Conv",
                                    "/layer2/layer2.0/Add", "/layer2/layer2.0/relu_1/Relu"}));
    QCOMPARE(byNodes->inputs.size(), size_t(1));  // conv1 and downsample read the same tensor
    QCOMPARE(byNodes->value(byNodes->inputs[0]).shape.toString(), std::string("[1,64,24,24]"));
    QVERIFY(wellFormed(*byNodes));
    // The same cut by tensor names.
    std::string in = byNodes->value(byNodes->inputs[0]).name;
    std::string out = byNodes->value(byNodes->outputs[0]).name;
    auto byTensors = extractSubgraph(g, {{in}, {out}});
    QVERIFY(byTensors);
    QCOMPARE(byTensors->nodes.size(), size_t(6));
    // The original graph is untouched.
    QCOMPARE(g.nodes.size(), size_t(49));
  }

  void subgraphErrors() {
    Graph g = importFixture("resnet18_op13_eval");
    auto unknown = extractSubgraph(g, {{}, {"/layer1/layer1.0/conv9/Conv"}});
    QVERIFY(!unknown);
    QCOMPARE(unknown.error().code, ErrorCode::InvalidArgument);
    QVERIFY(unknown.error().where.find("--output_nodes '/layer1/layer1.0/conv9/Conv'") !=
            std::string::npos);
    auto unknownIn = extractSubgraph(g, {{"nope"}, {}});
    QVERIFY(!unknownIn);
    QVERIFY(unknownIn.error().where.find("--input_nodes 'nope'") != std::string::npos);
    auto notFeeding =
        extractSubgraph(g, {{"/layer4/layer4.0/conv1/Conv"}, {"/layer1/layer1.0/relu_1/Relu"}});
    QVERIFY(!notFeeding);
    QCOMPARE(notFeeding.error().code, ErrorCode::InvalidArgument);
    QVERIFY(notFeeding.error().message.find("does not feed") != std::string::npos);

    Graph two;
    ValueId x = addTensor(two, "x", {2});
    ValueId y = addTensor(two, "y", {2});
    ValueId s = addTensor(two, "s", {2});
    ValueId z = addTensor(two, "z", {2});
    two.inputs = {x, y};
    addNode(two, "Relu", "rx", {x}, {s});
    addNode(two, "Add", "add", {s, y}, {z});
    two.outputs = {z};
    auto missing = extractSubgraph(two, {{"s"}, {"z"}});
    QVERIFY(!missing);
    QCOMPARE(missing.error().code, ErrorCode::InvalidModel);
    QVERIFY(missing.error().message.find("graph input 'y'") != std::string::npos);
    auto fine = extractSubgraph(two, {{"s", "y"}, {"z"}});
    QVERIFY(fine);
    QCOMPARE(fine->nodes.size(), size_t(1));
    QCOMPARE(fine->inputs.size(), size_t(2));
  }

  // ---- stats ----
  void flopsOfHandBuiltGraph() {
    Graph g;
    ValueId x = addTensor(g, "x", {1, 3, 8, 8});
    ValueId w = addTensor(g, "w", {4, 3, 3, 3});
    g.value(w).initializer = Tensor::zeros(DType::Float32, {4, 3, 3, 3});
    ValueId c = addTensor(g, "c", {1, 4, 6, 6});
    ValueId r = addTensor(g, "r", {1, 4, 6, 6});
    ValueId a = addTensor(g, "a", {2, 4, 5});
    ValueId b = addTensor(g, "b", {5, 6});
    ValueId m = addTensor(g, "m", {2, 4, 6});
    ValueId ga = addTensor(g, "ga", {2, 5});
    ValueId gb = addTensor(g, "gb", {5, 3});
    ValueId gy = addTensor(g, "gy", {2, 3});
    ValueId unknown = addTensor(g, "u", {});
    g.value(unknown).shape = Shape::unknownRank();
    ValueId uo = addTensor(g, "uo", {});
    g.value(uo).shape = Shape::unknownRank();
    g.inputs = {x, a, b, ga, gb, unknown};
    addNode(g, "Conv", "/stem/conv/Conv", {x, w}, {c});
    addNode(g, "Relu", "/stem/act/Relu", {c}, {r});
    addNode(g, "MatMul", "mm", {a, b}, {m});
    addNode(g, "Gemm", "gemm", {ga, gb}, {gy});
    addNode(g, "Relu", "unknown", {unknown}, {uo});
    ModelStats s = computeStats(g);
    QCOMPARE(s.flopsByOp["Conv"], uint64_t(2 * 144 * 27));
    QCOMPARE(s.flopsByOp["Relu"], uint64_t(144));
    QCOMPARE(s.flopsByOp["MatMul"], uint64_t(2 * 48 * 5));
    QCOMPARE(s.flopsByOp["Gemm"], uint64_t(2 * 6 * 5));
    QCOMPARE(s.flops, uint64_t(7776 + 144 + 480 + 60));
    QCOMPARE(s.flopsUnknownNodes, uint64_t(1));
    QCOMPARE(s.parameterCount, uint64_t(108));
    QCOMPARE(s.parameterBytes, uint64_t(432));
    QCOMPARE(s.opHistogram["Relu"], uint64_t(2));
    QCOMPARE(s.scopeDepth, 0);  // importer-less graph: scopes not assigned yet
    assignScopes(g);
    QCOMPARE(computeStats(g).scopeDepth, 2);
  }

  // Conv/ConvTranspose/Gemm FLOPs equal 2 × the multiply-adds PyTorch's hooks counted, and the
  // parameter count and histogram match what python's onnx read from the same file.
  void statsOfFixturesMatchPyTorch() {
    for (const auto& name : kStaticCnns) {
      json meta = readMeta(name);
      for (const auto& [key, exp] : meta["exports"].items()) {
        Graph g = importFixture(name + "_" + key);
        ModelStats s = computeStats(g);
        std::string ctx = name + " " + key;
        QVERIFY2(s.parameterCount == exp["initializer_elements"].get<uint64_t>(), ctx.c_str());
        QVERIFY2(s.initializers == exp["initializers"].get<uint64_t>(), ctx.c_str());
        for (const auto& [op, count] : exp["op_histogram"].items())
          QVERIFY2(s.opHistogram[op] == count.get<uint64_t>(), (ctx + " " + op).c_str());
        QVERIFY2(s.flopsUnknownNodes == 0, ctx.c_str());
        uint64_t layerFlops =
            s.flopsByOp["Conv"] + s.flopsByOp["ConvTranspose"] + s.flopsByOp["Gemm"];
        QVERIFY2(layerFlops == 2 * meta["conv_linear_macs"].get<uint64_t>(),
                 (ctx + ": " + std::to_string(layerFlops) + " vs 2×" +
                  std::to_string(meta["conv_linear_macs"].get<uint64_t>()))
                     .c_str());
      }
    }
    QCOMPARE(computeStats(importFixture("resnet18_op17_eval")).scopeDepth, 4);
    QCOMPARE(computeStats(importFixture("tiny_cnn_op17_eval")).scopeDepth, 2);
  }

  void flopsOfRecurrentAndAttentionModels() {
    ModelStats rnn = computeStats(importFixture("lstm_gru_op13_eval"));
    // LSTM: seq 10 × batch 2 × 2 directions × 4 gates × 24 hidden × (16 in + 24 hidden) MACs;
    // GRU: 10 × 2 × 1 × 3 × 32 × (48 + 32).
    QCOMPARE(rnn.flopsByOp["LSTM"], uint64_t(2) * 20 * 2 * 96 * 40);
    QCOMPARE(rnn.flopsByOp["GRU"], uint64_t(2) * 20 * 96 * 80);
    ModelStats attention = computeStats(importFixture("transformer_encoder_op17_eval"));
    QVERIFY(attention.flopsByOp["MatMul"] > 0);
  }

  // ---- constant folding ----
  void foldsShapeChainAndRefinesReshape() {
    Graph g;
    ValueId x = addTensor(g, "x", {2, 3, 4});
    ValueId shape = addTensor(g, "shape", {3}, DType::Int64);
    ValueId target = addTensor(g, "target", {2}, DType::Int64);
    ValueId y = addTensor(g, "y", {});
    g.value(y).shape = Shape::unknownRank();
    ValueId z = addTensor(g, "z", {});
    g.value(z).shape = Shape::unknownRank();
    ValueId k = addTensor(g, "k", {}, DType::Float32);
    ValueId out = addTensor(g, "out", {});
    g.value(out).shape = Shape::unknownRank();
    g.inputs = {x};
    g.opsetImports = {{"", 13}, {"test.fold", 1}};
    addNode(g, "Shape", "/s/Shape", {x}, {shape});
    addNode(g, "KeepFirstDim", "/s/Keep", {shape}, {target}, "test.fold");
    addNode(g, "Reshape", "/r/Reshape", {x, target}, {y});
    addNode(g, "Relu", "/r/Relu", {y}, {z});
    NodeId c = addNode(g, "Constant", "/k/Constant", {}, {k});
    g.node(c).attrs.set("value_float", 0.5);
    addNode(g, "Mul", "/m/Mul", {z, k}, {out});
    g.outputs = {out};

    auto report = foldConstants(g);
    QVERIFY2(report, report ? "" : report.error().describe().c_str());
    QCOMPARE(report->foldedNodes, uint64_t(3));
    QCOMPARE(report->foldedByOp["Shape"], uint64_t(1));
    QCOMPARE(report->foldedByOp["test.fold::KeepFirstDim"], uint64_t(1));
    QCOMPARE(report->foldedByOp["Constant"], uint64_t(1));
    QCOMPARE(report->shapesRefined, uint64_t(1));
    QCOMPARE(g.nodes.size(), size_t(3));  // Reshape, Relu, Mul
    QVERIFY(wellFormed(g));
    QVERIFY(!g.findValue("shape"));  // only the folded node read it: dropped
    auto t = g.findValue("target");
    QVERIFY(t && g.value(*t).initializer);
    QCOMPARE(g.value(*t).initializer->toInt64Vector(), (std::vector<int64_t>{2, 12}));
    QCOMPARE(g.value(*g.findValue("y")).shape.toString(), std::string("[2,12]"));
    QCOMPARE(g.value(*g.findValue("k")).initializer->toFloatVector(), (std::vector<float>{0.5f}));
    QCOMPARE(g.value(g.outputs[0]).name, std::string("out"));
    QCOMPARE(g.value(g.outputs[0]).producer, *g.findNode("/m/Mul"));
  }

  void foldingStopsWhereKernelsOrShapesAreMissing() {
    Graph g;
    ValueId x = addTensor(g, "x", {});
    g.value(x).shape = Shape::unknownRank();  // Shape of an unknown shape cannot fold
    ValueId s = addTensor(g, "s", {}, DType::Int64);
    ValueId c = addTensor(g, "c", {2}, DType::Int64);
    g.value(c).initializer = Tensor::fromVector(DType::Int64, {2}, std::vector<int64_t>{1, 2});
    ValueId d = addTensor(g, "d", {2}, DType::Int64);
    g.inputs = {x};
    g.opsetImports = {{"", 13}, {"test.fold", 1}};
    addNode(g, "Shape", "shape", {x}, {s});
    addNode(g, "NoSuchKernel", "nk", {c}, {d}, "test.fold");
    g.outputs = {s, d};
    auto report = foldConstants(g);
    QVERIFY(report);
    QCOMPARE(report->foldedNodes, uint64_t(0));
    QCOMPARE(report->missingKernels["test.fold::NoSuchKernel"], uint64_t(1));
    QCOMPARE(g.nodes.size(), size_t(2));

    Graph bad;
    ValueId bc = addTensor(bad, "c", {1}, DType::Int64);
    bad.value(bc).initializer = Tensor::scalarInt64(3);
    ValueId bo = addTensor(bad, "o", {1}, DType::Int64);
    bad.opsetImports = {{"", 13}, {"test.fold", 1}};
    addNode(bad, "Fails", "failing", {bc}, {bo}, "test.fold");
    bad.outputs = {bo};
    auto failed = foldConstants(bad);
    QVERIFY(!failed);
    QCOMPARE(failed.error().code, ErrorCode::ShapeMismatch);
    QVERIFY(failed.error().where.find("node 'failing'") != std::string::npos);
  }

  void foldingSizeLimit() {
    Graph g;
    ValueId big = addTensor(g, "big", {1024, 1024}, DType::Int64);
    g.value(big).initializer = Tensor::zeros(DType::Int64, {1024, 1024});
    ValueId shape = addTensor(g, "shape", {2}, DType::Int64);
    ValueId copy = addTensor(g, "copy", {1024, 1024}, DType::Int64);
    g.opsetImports = {{"", 13}, {"test.fold", 1}};
    addNode(g, "Shape", "shape", {big}, {shape});
    addNode(g, "KeepFirstDim", "keep", {big}, {copy}, "test.fold");
    g.outputs = {shape, copy};
    FoldOptions options;
    options.maxFoldedBytes = 64;
    options.shapeChainsOnly = true;
    auto report = foldConstants(g, options);
    QVERIFY(report);
    // Shape of an 8 MiB constant folds; the op reading the 8 MiB tensor is not a shape chain.
    QCOMPARE(report->foldedNodes, uint64_t(1));
    QCOMPARE(g.nodes.size(), size_t(1));
    QCOMPARE(g.value(*g.findValue("shape")).initializer->toInt64Vector(),
             (std::vector<int64_t>{1024, 1024}));
  }

  // The transformer export computes its attention reshapes from Shape(x): with static input shapes
  // every Shape and Constant folds, and the graph stays well-formed with the same outputs.
  // Attention splits the packed q/k/v projection with Slice nodes whose bounds come from Constant
  // nodes, so ONNX shape inference leaves their outputs unknown; after folding they are
  // [seq 16, batch 2, 64] and every value in the graph has a known shape.
  void foldingRefinesAttentionShapes() {
    Graph g = importFixture("transformer_encoder_op11_eval");
    int unknownBefore = 0;
    for (const auto& v : g.values) unknownBefore += !v.initializer && !v.shape.isFullyKnown();
    QVERIFY(unknownBefore > 0);
    auto report = foldConstants(g);
    QVERIFY(report);
    int slices = 0;
    for (const auto& node : g.nodes) {
      if (node.opType != "Slice") continue;
      QCOMPARE(g.value(node.outputs[0]).shape.toString(), std::string("[16,2,64]"));
      ++slices;
    }
    QCOMPARE(slices, 6);  // q, k, v in each of 2 layers
    QCOMPARE(report->shapesRefined, uint64_t(6));
    for (const auto& v : g.values)
      QVERIFY2(v.initializer || v.shape.isFullyKnown(),
               (v.name + " " + v.shape.toString()).c_str());
    QCOMPARE(computeStats(g).flopsUnknownNodes, uint64_t(0));
  }

  void sliceRefinementRules() {
    Graph g;
    ValueId x = addTensor(g, "x", {10, 7});
    auto constant = [&](const std::string& name, std::vector<int64_t> v) {
      ValueId id = addTensor(g, name, {static_cast<int64_t>(v.size())}, DType::Int64);
      g.value(id).initializer =
          Tensor::fromVector(DType::Int64, {static_cast<int64_t>(v.size())}, v);
      return id;
    };
    ValueId starts = constant("starts", {-1, 1});
    ValueId ends = constant("ends", {INT64_MIN, INT64_MAX});
    ValueId axes = constant("axes", {0, -1});
    ValueId steps = constant("steps", {-3, 2});
    ValueId y = addTensor(g, "y", {});
    g.value(y).shape = Shape::unknownRank();
    g.inputs = {x};
    g.opsetImports = {{"", 13}};
    addNode(g, "Slice", "slice", {x, starts, ends, axes, steps}, {y});
    g.outputs = {y};
    auto report = foldConstants(g);
    QVERIFY(report);
    QCOMPARE(report->shapesRefined, uint64_t(1));
    // axis 0: 9, 6, 3, 0 → 4 rows; axis 1: 1, 3, 5 → 3 columns
    QCOMPARE(g.value(*g.findValue("y")).shape.toString(), std::string("[4,3]"));
  }

  void foldsExportedTransformer() {
    for (const char* file : {"transformer_encoder_op11_eval", "transformer_encoder_op17_train",
                             "lstm_gru_op13_train"}) {
      Graph g = importFixture(file);
      size_t before = g.nodes.size();
      std::vector<std::string> outputs;
      for (ValueId v : g.outputs) outputs.push_back(g.value(v).name);
      auto report = foldConstants(g);
      QVERIFY2(report, report ? "" : report.error().describe().c_str());
      QVERIFY(wellFormed(g));
      QCOMPARE(g.nodes.size(), before - report->foldedNodes);
      for (size_t i = 0; i < outputs.size(); ++i) QCOMPARE(g.value(g.outputs[i]).name, outputs[i]);
      for (const auto& node : g.nodes) {
        QVERIFY2(node.opType != "Constant", (std::string(file) + ": " + node.name).c_str());
        if (node.opType == "Shape")
          QVERIFY2(!g.value(node.inputs[0]).shape.isFullyKnown(), node.name.c_str());
      }
      // The ONNX kernels (core/exec) cover every op of these chains: folding reaches a fixpoint
      // where no node is left whose inputs are all constant.
      std::string missing;
      for (const auto& [op, n] : report->missingKernels)
        missing += op + "×" + std::to_string(n) + " ";
      QVERIFY2(report->missingKernels.empty(),
               (std::string(file) + ": no kernel for " + missing).c_str());
      for (const auto& node : g.nodes) {
        bool allConstant = !node.inputs.empty();
        for (ValueId in : node.inputs)
          allConstant &= in == kNoValue || bool(g.value(in).initializer);
        QVERIFY2(!allConstant, (std::string(file) + ": unfolded " + node.name).c_str());
      }
      qInfo("%s: folded %llu of %zu nodes, %llu shapes refined", file,
            static_cast<unsigned long long>(report->foldedNodes), before,
            static_cast<unsigned long long>(report->shapesRefined));
    }
  }
};

QTEST_APPLESS_MAIN(TestPasses)
#include "test_passes.moc"
