// The check has teeth: wrong converters, injected per node through the converter's override
// mechanism, must be caught by the per-layer diff at exactly the node they mis-convert, while the
// real converters pass. Each wrong converter is a mistake migration tools really make.
#include <QtTest>
// Qt's `emit` keyword macro would eat ConvertContext::emit.
#undef emit

#include <cmath>

#include "compare/layer_diff_runner.h"
#include "convert/convert_context.h"
#include "convert/convert_graph.h"
#include "convert/converter_registry.h"
#include "io/onnx_importer.h"
#include "test_paths.h"

using namespace mb;
using namespace mb::convert;

namespace {

void copyConvParams(ConvertContext& ctx, NodeRef cell) {
  ctx.param(cell, "weight", *ctx.constantInput(1), ctx.initializerNames(1));
  if (ctx.hasInput(2)) ctx.param(cell, "bias", *ctx.constantInput(2), ctx.initializerNames(2));
}

NodeRef emitConvCell(ConvertContext& ctx) {
  const Tensor* w = ctx.constantInput(1);
  const int64_t group = ctx.attrs().getInt("group", 1);
  NodeRef cell = ctx.addNode("mindspore.nn.Conv2d", {ctx.input(0)}, {ctx.output(0)});
  cell->attrs.set("in_channels", w->dims()[1] * group);
  cell->attrs.set("out_channels", w->dims()[0]);
  cell->attrs.set("kernel_size", std::vector<int64_t>{w->dims()[2], w->dims()[3]});
  cell->attrs.set("stride", ctx.attrs().getInts("strides", {1, 1}));
  cell->attrs.set("group", group);
  cell->attrs.set("has_bias", ctx.hasInput(2));
  return cell;
}

// Wrong: maps ONNX padding to pad_mode="same" (MindConverter's SAME_UPPER habit). MindSpore's
// 'same' puts the odd pad at the bottom/right, so a symmetric pad of 1 with stride 2 becomes (0,
// 1).
ConvertStatus sameModeConv(ConvertContext& ctx) {
  NodeRef cell = emitConvCell(ctx);
  cell->attrs.set("pad_mode", std::string("same"));
  copyConvParams(ctx, cell);
  return kConverted;
}

// Wrong: copies ONNX pads [top, left, bottom, right] straight into MindSpore's
// (top, bottom, left, right).
ConvertStatus onnxOrderPaddingConv(ConvertContext& ctx) {
  NodeRef cell = emitConvCell(ctx);
  cell->attrs.set("pad_mode", std::string("pad"));
  cell->attrs.set("padding", ctx.attrs().getInts("pads", {0, 0, 0, 0}));
  copyConvParams(ctx, cell);
  return kConverted;
}

// Wrong: nn.LayerNorm without epsilon, i.e. MindSpore's default 1e-7 instead of the model's 1e-5.
ConvertStatus defaultEpsilonLayerNorm(ConvertContext& ctx) {
  const Tensor* scale = ctx.constantInput(1);
  NodeRef cell = ctx.addNode("mindspore.nn.LayerNorm", {ctx.input(0)}, {ctx.output(0)});
  cell->attrs.set("normalized_shape", scale->dims());
  cell->attrs.set("begin_norm_axis", int64_t(-1));
  cell->attrs.set("begin_params_axis", int64_t(-1));
  ctx.param(cell, "gamma", *scale, ctx.initializerNames(1));
  ctx.param(cell, "beta", *ctx.constantInput(2), ctx.initializerNames(2));
  return kConverted;
}

// Wrong: BatchNorm with torch's momentum copied (not inverted) and eps dropped (MindSpore default
// 1e-5 instead of the model's). The momentum alone is invisible in inference; the eps is not.
ConvertStatus torchStyleBatchNorm(ConvertContext& ctx) {
  const Tensor* scale = ctx.constantInput(1);
  NodeRef cell = ctx.addNode("mindspore.nn.BatchNorm2d", {ctx.input(0)}, {ctx.output(0)});
  cell->attrs.set("num_features", scale->numel());
  cell->attrs.set("momentum", 1.0 - ctx.attrs().getFloat("momentum", 0.9));
  const char* names[] = {"gamma", "beta", "moving_mean", "moving_variance"};
  for (size_t i = 0; i < 4; ++i)
    ctx.param(cell, names[i], *ctx.constantInput(i + 1), ctx.initializerNames(i + 1));
  return kConverted;
}

// Wrong: GELU as nn.GELU() — MindSpore's default approximate=True is the tanh form, ONNX's /
// torch's default is erf.
ConvertStatus defaultGelu(ConvertContext& ctx) {
  ctx.addNode("mindspore.nn.GELU", {ctx.input(0)}, {ctx.output(0)});
  return kConverted;
}

MB_DOMAIN_CONVERTER("mbtest", "SameModeConv", 1, sameModeConv);
MB_DOMAIN_CONVERTER("mbtest", "OnnxOrderPaddingConv", 1, onnxOrderPaddingConv);
MB_DOMAIN_CONVERTER("mbtest", "DefaultEpsilonLayerNorm", 1, defaultEpsilonLayerNorm);
MB_DOMAIN_CONVERTER("mbtest", "TorchStyleBatchNorm", 1, torchStyleBatchNorm);
MB_DOMAIN_CONVERTER("mbtest", "DefaultGelu", 1, defaultGelu);

// ---- small ONNX graphs built in memory ---------------------------------------------------------
struct OnnxBuilder {
  Graph g;
  OnnxBuilder() {
    g.name = "teeth";
    g.opsetImports[""] = 17;
    g.opsetImports["mbtest"] = 1;
  }
  ValueId input(const std::string& name, std::vector<int64_t> dims) {
    Value v{name};
    v.dtype = DType::Float32;
    v.shape = Shape::ofDims(dims);
    ValueId id = g.addValue(v);
    g.inputs.push_back(id);
    return id;
  }
  ValueId weight(const std::string& name, std::vector<int64_t> dims, float scale, float offset,
                 uint32_t seed) {
    std::vector<float> data(static_cast<size_t>(checkedNumel(dims)));
    uint32_t s = seed;
    for (auto& x : data) {
      s = s * 1664525u + 1013904223u;
      x = offset + scale * (static_cast<float>(s >> 8) / 16777216.0f - 0.5f);
    }
    Value v{name};
    v.dtype = DType::Float32;
    v.shape = Shape::ofDims(dims);
    v.initializer = Tensor::fromVector(DType::Float32, dims, data);
    return g.addValue(v);
  }
  ValueId node(const std::string& name, const std::string& op, std::vector<ValueId> in,
               std::vector<int64_t> outDims, AttributeList attrs = {}) {
    Value v{name + "_out"};
    v.dtype = DType::Float32;
    v.shape = Shape::ofDims(outDims);
    ValueId out = g.addValue(v);
    Node n{name};
    n.opType = op;
    n.inputs = std::move(in);
    n.outputs = {out};
    n.attrs = std::move(attrs);
    g.addNode(n);
    return out;
  }
};

compare::DiffReport diffWith(const Graph& source, std::map<std::string, NodeOverride> overrides) {
  ConvertOptions options;
  options.overrides = std::move(overrides);
  auto converted = convertGraph(source, options);
  if (!converted) qFatal("conversion failed: %s", converted.error().describe().c_str());
  compare::DiffRunOptions run;
  run.samples = 2;
  run.seed = 7;
  auto report = compare::runLayerDiff(source, converted->converted, run);
  if (!report) qFatal("diff failed: %s", report.error().describe().c_str());
  return *report;
}

NodeOverride use(const std::string& converter) {
  NodeOverride o;
  o.converter = converter;
  return o;
}

std::string firstDivergentNode(const compare::DiffReport& r) {
  return r.firstDivergent ? r.layers[*r.firstDivergent].align.sourceNode : std::string("<none>");
}

// The real converters: everything converted, executed and within tolerance (nothing skipped).
bool cleanPass(const compare::DiffReport& r) {
  return r.passed() && r.unconvertedNodes.empty() && r.executionErrors.empty() &&
         r.count(compare::LayerStatus::NotComputed) == 0 &&
         r.count(compare::LayerStatus::Compared) == r.layers.size() && !r.layers.empty();
}

}  // namespace

class TestTeeth : public QObject {
  Q_OBJECT
 private slots:
  // resnet18's layer2.0.conv1 (3x3, stride 2, pad 1) converted with pad_mode='same'.
  void samePadModeIsCaughtAtThatConvInResnet18() {
    const std::string path = mbtest::fixture("models/resnet18_op17_train.onnx");
    auto imported = importOnnxFile(path);
    QVERIFY2(imported.hasValue(), imported ? "" : imported.error().describe().c_str());
    const Graph& source = imported->graph;
    const std::string target = "/layer2/layer2.0/conv1/Conv";
    QVERIFY(source.findNode(target).has_value());

    compare::DiffReport good = diffWith(source, {});
    QVERIFY2(cleanPass(good), firstDivergentNode(good).c_str());
    QVERIFY(good.count(compare::LayerStatus::Compared) > 40);

    compare::DiffReport bad = diffWith(source, {{target, use("mbtest::SameModeConv")}});
    QVERIFY(!bad.passed());
    QCOMPARE(firstDivergentNode(bad), target);
    const auto& layer = bad.layers[*bad.firstDivergent];
    QCOMPARE(layer.status, compare::LayerStatus::Compared);  // same shape, wrong values
    QVERIFY(layer.stats.maxAbs > 1e-3);
    QCOMPARE(layer.align.convertedApi, std::string("mindspore.nn.Conv2d"));
    // Everything before it still matches.
    for (size_t i = 0; i < *bad.firstDivergent; ++i) QVERIFY(bad.layers[i].passed);
  }

  // Asymmetric pads (top 1, left 2, bottom 0, right 1) written in ONNX order.
  void onnxPadOrderIsCaught() {
    OnnxBuilder b;
    ValueId x = b.input("x", {1, 2, 8, 8});
    ValueId relu = b.node("pre", "Relu", {x}, {1, 2, 8, 8});
    ValueId w = b.weight("conv.weight", {3, 2, 3, 3}, 1.0f, 0.0f, 1);
    ValueId bias = b.weight("conv.bias", {3}, 1.0f, 0.0f, 2);
    AttributeList a;
    a.set("pads", std::vector<int64_t>{1, 2, 0, 1});
    a.set("kernel_shape", std::vector<int64_t>{3, 3});
    ValueId y = b.node("conv", "Conv", {relu, w, bias}, {1, 3, 7, 9}, a);
    ValueId z = b.node("post", "Sigmoid", {y}, {1, 3, 7, 9});
    b.g.outputs = {z};

    QVERIFY(cleanPass(diffWith(b.g, {})));
    compare::DiffReport bad = diffWith(b.g, {{"conv", use("mbtest::OnnxOrderPaddingConv")}});
    QVERIFY(!bad.passed());
    QCOMPARE(firstDivergentNode(bad), std::string("conv"));
    QCOMPARE(bad.layers[*bad.firstDivergent].status, compare::LayerStatus::ShapeMismatch);
  }

  // LayerNorm over small-variance activations: MindSpore's default epsilon 1e-7 vs the model's
  // 1e-5.
  void layerNormDefaultEpsilonIsCaught() {
    OnnxBuilder b;
    ValueId x = b.input("x", {2, 4, 16});
    ValueId scale = b.weight("small", {1}, 0.0f, 1e-3f, 3);  // activations of std ~1e-3
    ValueId xs = b.node("scale_down", "Mul", {x, scale}, {2, 4, 16});
    ValueId gamma = b.weight("ln.weight", {16}, 0.5f, 1.0f, 4);
    ValueId beta = b.weight("ln.bias", {16}, 0.5f, 0.0f, 5);
    AttributeList a;
    a.set("axis", int64_t(-1));
    a.set("epsilon", 1e-5);
    ValueId y = b.node("ln", "LayerNormalization", {xs, gamma, beta}, {2, 4, 16}, a);
    b.g.outputs = {y};

    compare::DiffReport good = diffWith(b.g, {});
    QVERIFY2(cleanPass(good), firstDivergentNode(good).c_str());
    compare::DiffReport bad = diffWith(b.g, {{"ln", use("mbtest::DefaultEpsilonLayerNorm")}});
    QVERIFY(!bad.passed());
    QCOMPARE(firstDivergentNode(bad), std::string("ln"));
    QVERIFY(bad.layers[*bad.firstDivergent].stats.maxAbs > 0.1);
  }

  // BatchNorm(eps=1e-3) as torch-style arguments: momentum not inverted, eps lost.
  void batchNormTorchArgumentsAreCaught() {
    OnnxBuilder b;
    ValueId x = b.input("x", {1, 4, 5, 5});
    ValueId scaleDown = b.weight("small", {1}, 0.0f, 0.05f, 6);
    ValueId xs = b.node("scale_down", "Mul", {x, scaleDown}, {1, 4, 5, 5});
    ValueId gamma = b.weight("bn.weight", {4}, 0.5f, 1.0f, 7);
    ValueId beta = b.weight("bn.bias", {4}, 0.5f, 0.0f, 8);
    ValueId mean = b.weight("bn.running_mean", {4}, 0.01f, 0.0f, 9);
    ValueId var = b.weight("bn.running_var", {4}, 0.001f, 0.0025f, 10);  // small running variance
    AttributeList a;
    a.set("epsilon", 1e-3);
    a.set("momentum", 0.9);  // ONNX momentum = MindSpore momentum; torch's 0.1
    ValueId y = b.node("bn", "BatchNormalization", {xs, gamma, beta, mean, var}, {1, 4, 5, 5}, a);
    ValueId z = b.node("act", "Relu", {y}, {1, 4, 5, 5});
    b.g.outputs = {z};

    compare::DiffReport good = diffWith(b.g, {});
    QVERIFY2(cleanPass(good), firstDivergentNode(good).c_str());
    compare::DiffReport bad = diffWith(b.g, {{"bn", use("mbtest::TorchStyleBatchNorm")}});
    QVERIFY(!bad.passed());
    QCOMPARE(firstDivergentNode(bad), std::string("bn"));
  }

  // Gelu (opset 20 op, or the erf pattern) as nn.GELU() with MindSpore's tanh default.
  void geluApproximationIsCaught() {
    OnnxBuilder b;
    b.g.opsetImports[""] = 20;
    ValueId x = b.input("x", {4, 32});
    ValueId twos = b.weight("two", {1}, 0.0f, 2.0f, 11);  // widen to where erf and tanh differ most
    ValueId xs = b.node("widen", "Mul", {x, twos}, {4, 32});
    ValueId y = b.node("gelu", "Gelu", {xs}, {4, 32});
    b.g.outputs = {y};
    compare::DiffReport good = diffWith(b.g, {});
    QVERIFY2(cleanPass(good), firstDivergentNode(good).c_str());
    compare::DiffReport bad = diffWith(b.g, {{"gelu", use("mbtest::DefaultGelu")}});
    QVERIFY(!bad.passed());
    QCOMPARE(firstDivergentNode(bad), std::string("gelu"));
  }
};

QTEST_APPLESS_MAIN(TestTeeth)
#include "test_teeth.moc"
