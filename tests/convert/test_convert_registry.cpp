// Converter unit tests on small hand-built graphs: registry resolution, module paths, the
// semantics the issue calls out (padding order, BN momentum, LayerNorm epsilon, Gemm, LSTM gates,
// Flatten axis, Dropout), unconverted ops, per-node overrides and bad input.
#include <QtTest>
#include <set>

#include "convert/api_suggestions.h"
#include "convert/convert_context.h"
#include "convert/converter_registry.h"
#include "convert/module_scope.h"
#include "convert_test_util.h"

using namespace mb;
using namespace mb::convert;
using mbtest::findConverted;
using mbtest::GraphBuilder;

namespace {

ConvertStatus oldConverter(ConvertContext& ctx) {
  ctx.addNode("mindspore.ops.abs", {ctx.input(0)}, {ctx.output(0)});
  return kConverted;
}
ConvertStatus newConverter(ConvertContext& ctx) {
  ctx.addNode("mindspore.ops.neg", {ctx.input(0)}, {ctx.output(0)});
  return kConverted;
}

ConversionResult runConvert(const Graph& g, TargetApi api, ConvertOptions options = {}) {
  options.api = api;
  auto r = convertGraph(g, options);
  if (!r) qFatal("%s", r.error().describe().c_str());
  return std::move(r).value();
}

std::vector<int64_t> ints(const Node& n, const char* name, bool call = false) {
  const AttributeList& list = call ? n.callArgs : n.attrs;
  return list.getInts(name);
}

std::vector<float> paramValues(const ConversionResult& r, const Node& n, const std::string& name) {
  for (const auto& p : n.params)
    if (p.name == name) return r.converted.value(p.value).initializer->toFloatVector();
  return {};
}

}  // namespace

class TestConvertRegistry : public QObject {
  Q_OBJECT
 private slots:
  void newestRegistrationNotNewerThanOpsetWins() {
    registerConverter("test.domain", "Probe", 1, oldConverter);
    registerConverter("test.domain", "Probe", 9, newConverter);
    QCOMPARE(findConverter("test.domain", "Probe", 8)->sinceVersion, 1);
    QCOMPARE(findConverter("test.domain", "Probe", 9)->sinceVersion, 9);
    QCOMPARE(findConverter("test.domain", "Probe", 30)->sinceVersion, 9);
    QVERIFY(!findConverter("test.domain", "Missing", 9));
    QVERIFY(findConverter("ai.onnx", "Conv", 11));  // ai.onnx and "" are the same domain
  }

  void atLeast120OpTypes() {
    auto ops = registeredConverterOps();
    qInfo("registered ONNX op types: %zu", ops.size());
    QVERIFY(ops.size() >= 120);
    for (const char* op : {"Expand",
                           "Tile",
                           "Shape",
                           "ConstantOfShape",
                           "Range",
                           "Equal",
                           "LessOrEqual",
                           "Min",
                           "ReduceLogSumExp",
                           "ArgMin",
                           "TopK",
                           "Where",
                           "GatherElements",
                           "ScatterND",
                           "InstanceNormalization",
                           "LayerNormalization",
                           "HardSwish",
                           "Softplus",
                           "Mish",
                           "Einsum",
                           "LSTM",
                           "GRU",
                           "ConvTranspose",
                           "Resize",
                           "Pad",
                           "DepthToSpace",
                           "SpaceToDepth"})
      QVERIFY2(std::find(ops.begin(), ops.end(), op) != ops.end(), op);
  }

  void modulePathsFromNodeNames() {
    QCOMPARE(modulePathFromNodeName("/layer1/layer1.0/conv1/Conv"), std::string("layer1.0.conv1"));
    QCOMPARE(modulePathFromNodeName("/encoder/layers.0/self_attn/MatMul"),
             std::string("encoder.layers.0.self_attn"));
    QCOMPARE(modulePathFromNodeName("/Relu"), std::string());
    QCOMPARE(modulePathFromNodeName("Conv_12"), std::string());
    QCOMPARE(modulePathFromNodeName("/bad name/Conv"), std::string());
    QCOMPARE(cellPathFromParamName("layer1.0.bn1.running_mean", "running_mean"),
             std::string("layer1.0.bn1"));
    QCOMPARE(cellPathFromParamName("onnx::Conv_123", "weight"), std::string());
  }

  void convPaddingOrderAndExplicitPad() {
    GraphBuilder b;
    auto x = b.input("x", {1, 2, 8, 8});
    AttributeList a;
    a.set("kernel_shape", std::vector<int64_t>{3, 3});
    a.set("pads", std::vector<int64_t>{1, 0, 2, 1});  // top 1, left 0, bottom 2, right 1
    auto y = b.node("Conv", "/block/conv/Conv",
                    {x, b.floats("w", {4, 2, 3, 3}), b.floats("bias", {4})}, a);
    b.output(y[0]);
    auto classic = runConvert(b.graph, TargetApi::Classic);
    const Node* conv = findConverted(classic, "mindspore.nn.Conv2d");
    QVERIFY(conv);
    QCOMPARE(conv->attrs.getString("pad_mode", ""), std::string("pad"));
    QCOMPARE(ints(*conv, "padding"),
             (std::vector<int64_t>{1, 2, 0, 1}));  // (top, bottom, left, right)
    QCOMPARE(conv->attrs.getInt("has_bias", 0), int64_t{1});
    QCOMPARE(conv->scope, std::string("block.conv"));
    QCOMPARE(classic.converted.value(conv->params[0].value).name, std::string("block.conv.weight"));

    auto mint = runConvert(b.graph, TargetApi::Mint);
    const Node* pad = findConverted(mint, "mindspore.mint.nn.functional.pad");
    QVERIFY2(pad, "mint Conv2d pads symmetrically: an explicit pad must precede it");
    QCOMPARE(ints(*pad, "pad", true),
             (std::vector<int64_t>{0, 1, 1, 2}));  // (left, right, top, bottom)
    const Node* mconv = findConverted(mint, "mindspore.mint.nn.Conv2d");
    QCOMPARE(ints(*mconv, "padding"), (std::vector<int64_t>{0, 0}));
    QCOMPARE(mconv->inputs[0], pad->outputs[0]);
  }

  void batchNormMomentumAndNames() {
    GraphBuilder b;
    auto x = b.input("x", {2, 3, 4, 4});
    AttributeList a;
    a.set("momentum", 0.8999999761581421);
    a.set("epsilon", 9.999999747378752e-06);
    auto y = b.node("BatchNormalization", "/bn1/BatchNormalization",
                    {x, b.floats("bn1.weight", {3}), b.floats("bn1.bias", {3}),
                     b.floats("bn1.running_mean", {3}), b.floats("bn1.running_var", {3}, 1.0f)},
                    a);
    b.output(y[0]);
    auto classic = runConvert(b.graph, TargetApi::Classic);
    const Node* bn = findConverted(classic, "mindspore.nn.BatchNorm2d");
    QVERIFY(bn);
    QCOMPARE(bn->attrs.getFloat("momentum", 0), 0.9);  // MindSpore momentum = 1 − torch's 0.1
    QCOMPARE(bn->attrs.getFloat("eps", 0), 1e-5);
    std::set<std::string> keys;
    for (const auto& p : classic.params) keys.insert(p.key);
    QCOMPARE(keys, (std::set<std::string>{"bn1.gamma", "bn1.beta", "bn1.moving_mean",
                                          "bn1.moving_variance"}));
    auto mint = runConvert(b.graph, TargetApi::Mint);
    const Node* mbn = findConverted(mint, "mindspore.mint.nn.BatchNorm2d");
    QCOMPARE(mbn->attrs.getFloat("momentum", 0), 0.1);  // torch semantics
    keys.clear();
    for (const auto& p : mint.params) keys.insert(p.key);
    QCOMPARE(keys, (std::set<std::string>{"bn1.weight", "bn1.bias", "bn1.running_mean",
                                          "bn1.running_var", "bn1.num_batches_tracked"}));
  }

  void layerNormEpsilonAlwaysExplicit() {
    GraphBuilder b;
    auto x = b.input("x", {2, 5, 8});
    AttributeList a;
    a.set("epsilon", 1e-5);
    auto y = b.node("LayerNormalization", "/norm/LayerNormalization",
                    {x, b.floats("g", {8}), b.floats("beta", {8})}, a);
    b.output(y[0]);
    auto classic = runConvert(b.graph, TargetApi::Classic);
    const Node* ln = findConverted(classic, "mindspore.nn.LayerNorm");
    QVERIFY(ln && ln->attrs.has("epsilon"));
    QCOMPARE(ln->attrs.getFloat("epsilon", 0), 1e-5);
    QCOMPARE(ln->attrs.getInt("begin_norm_axis", 0), int64_t{-1});
    QCOMPARE(ints(*ln, "normalized_shape"), (std::vector<int64_t>{8}));
  }

  void gemmAlphaBetaTransB() {
    GraphBuilder b;
    auto x = b.input("x", {2, 3});
    AttributeList a;
    a.set("alpha", 2.0);
    a.set("beta", 0.5);
    a.set("transB", int64_t{0});
    auto y = b.node("Gemm", "/fc/Gemm", {x, b.floats("B", {3, 4}), b.floats("C", {4}, 2.0f)}, a);
    b.output(y[0]);
    auto r = runConvert(b.graph, TargetApi::Mint);
    const Node* lin = findConverted(r, "mindspore.mint.nn.Linear");
    QVERIFY(lin);
    QCOMPARE(lin->attrs.getInt("in_features", 0), int64_t{3});
    QCOMPARE(lin->attrs.getInt("out_features", 0), int64_t{4});
    auto w = paramValues(r, *lin, "weight");  // (B^T) * alpha: row 0 = B[:,0] * 2 = {0, 8, 16}
    QCOMPARE(w.size(), size_t{12});
    QCOMPARE(w[0], 0.0f);
    QCOMPARE(w[1], 8.0f);
    QCOMPARE(w[2], 16.0f);
    auto bias = paramValues(r, *lin, "bias");  // C * beta
    QCOMPARE(bias, (std::vector<float>{1.0f, 1.5f, 2.0f, 2.5f}));
    QVERIFY(!r.params.empty() && !r.params[0].transform.empty());  // the transform is recorded
  }

  void lstmGatesReordered() {
    GraphBuilder b;
    const int64_t h = 1, in = 1;
    auto x = b.input("x", {3, 2, in});
    AttributeList a;
    a.set("hidden_size", h);
    // W rows by ONNX gate order i, o, f, c = 0, 1, 2, 3.
    auto y = b.node("LSTM", "/lstm/LSTM",
                    {x, b.floats("W", {1, 4 * h, in}), b.floats("R", {1, 4 * h, h})}, a, 3);
    b.output(y[0]);
    auto r = runConvert(b.graph, TargetApi::Classic);
    const Node* lstm = findConverted(r, "mindspore.nn.LSTM");
    QVERIFY(lstm);
    // MindSpore / torch order i, f, g, o = ONNX rows 0, 2, 3, 1.
    QCOMPARE(paramValues(r, *lstm, "weight_ih_l0"), (std::vector<float>{0, 2, 3, 1}));
    QCOMPARE(lstm->scope, std::string("lstm"));
    QVERIFY(findConverted(r, "mindspore.ops.expand_dims"));  // Y gets its num_directions axis back
  }

  void flattenAxisAndDropout() {
    GraphBuilder b(11);
    auto x = b.input("x", {2, 3, 4, 5});
    AttributeList fa;
    fa.set("axis", int64_t{2});
    auto f = b.node("Flatten", "/Flatten", {x}, fa);
    AttributeList da;
    da.set("ratio", 0.25);
    auto d = b.node("Dropout", "/drop/Dropout", {f[0]}, da);
    b.output(d[0]);
    auto r = runConvert(b.graph, TargetApi::Classic);
    const Node* first = findConverted(r, "mindspore.ops.flatten", 0);
    const Node* second = findConverted(r, "mindspore.ops.flatten", 1);
    QVERIFY(first && second);
    QCOMPARE(first->callArgs.getInt("start_dim", 0), int64_t{2});
    QCOMPARE(second->callArgs.getInt("end_dim", 0), int64_t{1});
    const Node* drop = findConverted(r, "mindspore.nn.Dropout");
    QVERIFY(drop);
    QCOMPARE(drop->attrs.getFloat("p", 0), 0.25);
    QCOMPARE(drop->scope, std::string("drop"));
  }

  void unknownOpStaysAndTheRestConverts() {
    GraphBuilder b;
    auto x = b.input("x", {2, 3});
    auto u = b.node("CumProd", "/weird/CumProd", {x});
    auto y = b.node("Relu", "/act/Relu", {u[0]});
    b.output(y[0]);
    auto r = runConvert(b.graph, TargetApi::Classic);
    QCOMPARE(r.count(NodeStatus::Unconverted), size_t{1});
    const Node* kept = findConverted(r, "onnx::CumProd");
    QVERIFY(kept && kept->unconverted);
    QVERIFY(!kept->unconvertedReason.empty());
    QVERIFY(!kept->suggestions.empty());
    QVERIFY2(std::find(kept->suggestions.begin(), kept->suggestions.end(),
                       "mindspore.ops.cumprod") != kept->suggestions.end(),
             "expected mindspore.ops.cumprod among the suggestions");
    const Node* relu = findConverted(r, "mindspore.nn.ReLU");
    QVERIFY(relu);
    QCOMPARE(relu->inputs[0], kept->outputs[0]);
    QCOMPARE(r.converted.value(r.converted.outputs[0]).name, b.graph.value(y[0]).name);
  }

  void perNodeOverrides() {
    GraphBuilder b;
    auto x = b.input("x", {2, 3});
    AttributeList la;
    la.set("alpha", 0.1);
    auto l = b.node("LeakyRelu", "leaky", {x}, la);
    auto c = b.node("MyRelu", "custom", {l[0]});
    auto t = b.node("Tanh", "keep_me", {c[0]});
    b.output(t[0]);
    ConvertOptions options;
    options.overrides["leaky"].attributes.set("alpha", 0.3);
    options.overrides["custom"].converter = "Relu";
    options.overrides["keep_me"].converter = "unconverted";
    auto r = runConvert(b.graph, TargetApi::Classic, options);
    const Node* leaky = findConverted(r, "mindspore.nn.LeakyReLU");
    QVERIFY(leaky);
    QCOMPARE(leaky->attrs.getFloat("alpha", 0), 0.3);
    QVERIFY(findConverted(r, "mindspore.nn.ReLU"));
    QVERIFY(findConverted(r, "onnx::Tanh"));
    QCOMPARE(r.count(NodeStatus::Unconverted), size_t{1});
  }

  void geluAndLayerNormPatternsFuse() {
    GraphBuilder b(13);
    auto x = b.input("x", {2, 8});
    auto d = b.node("Div", "/act/Div", {x, b.init("sqrt2", Tensor::scalarFloat(1.41421356f))});
    auto e = b.node("Erf", "/act/Erf", {d[0]});
    auto a = b.node("Add", "/act/Add", {e[0], b.init("one", Tensor::scalarFloat(1.0f))});
    auto m = b.node("Mul", "/act/Mul", {x, a[0]});
    auto h = b.node("Mul", "/act/Mul_1", {m[0], b.init("half", Tensor::scalarFloat(0.5f))});
    b.output(h[0]);
    auto r = runConvert(b.graph, TargetApi::Classic);
    QCOMPARE(r.converted.nodes.size(), size_t{1});
    QCOMPARE(r.converted.nodes[0].opType, std::string("mindspore.nn.GELU"));
    QCOMPARE(r.count(NodeStatus::Fused), size_t{4});
  }

  void groupNormSubgraphFuses() {
    GraphBuilder b(13);
    auto x = b.input("x", {2, 4, 3, 3});
    auto r1 = b.node("Reshape", "/gn/Reshape", {x, b.ints("target", {0, 2, -1})});
    Tensor ones = Tensor::fromVector<float>(DType::Float32, {2}, {1.0f, 1.0f});
    Tensor zeros = Tensor::fromVector<float>(DType::Float32, {2}, {0.0f, 0.0f});
    AttributeList eps;
    eps.set("epsilon", 1e-5);
    auto in = b.node("InstanceNormalization", "/gn/InstanceNormalization",
                     {r1[0], b.init("ones", ones), b.init("zeros", zeros)}, eps);
    auto sh = b.node("Shape", "/gn/Shape", {x});
    auto r2 = b.node("Reshape", "/gn/Reshape_1", {in[0], sh[0]});
    auto m = b.node("Mul", "/gn/Mul", {r2[0], b.floats("gn.weight", {4, 1, 1})});
    auto a = b.node("Add", "/gn/Add", {m[0], b.floats("gn.bias", {4, 1, 1})});
    b.output(a[0]);
    auto r = runConvert(b.graph, TargetApi::Mint);
    QCOMPARE(r.converted.nodes.size(), size_t{1});
    const Node& gn = r.converted.nodes[0];
    QCOMPARE(gn.opType, std::string("mindspore.mint.nn.GroupNorm"));
    QCOMPARE(gn.attrs.getInt("num_groups", 0), int64_t{2});
    QCOMPARE(gn.attrs.getInt("num_channels", 0), int64_t{4});
    QCOMPARE(paramValues(r, gn, "weight"), (std::vector<float>{0, 1, 2, 3}));
    QCOMPARE(r.params[0].key, std::string("gn.weight"));
  }

  void suggestionsComeFromTheApiIndex() {
    QVERIFY(mindsporeApiExists("mindspore.nn.Conv2d"));
    QVERIFY(!mindsporeApiExists("mindspore.nn.NoSuchThing"));
    auto s = suggestMindsporeApis("ReduceLogSumExp", false);
    QVERIFY(!s.empty());
  }

  void rejectsBadInput() {
    Graph wrong;
    wrong.dialect = Dialect::MindSpore;
    auto r = convertGraph(wrong);
    QVERIFY(!r);
    QCOMPARE(r.error().code, ErrorCode::InvalidArgument);
    GraphBuilder b;
    auto x = b.input("x", {1});
    auto n1 = b.node("Relu", "a", {x});
    auto n2 = b.node("Relu", "b", {n1[0]});
    b.graph.nodes[0].inputs[0] = n2[0];  // a ← b ← a: a cycle
    auto cyc = convertGraph(b.graph);
    QVERIFY(!cyc);
    QCOMPARE(cyc.error().code, ErrorCode::InvalidModel);
    QVERIFY(!parseTargetApi("torch"));
  }
};

QTEST_APPLESS_MAIN(TestConvertRegistry)
#include "test_convert_registry.moc"
