// The neural-network primitives called directly with explicit parameters, against PyTorch
// (tests/exec/nn_primitive_cases.py): the parameter combinations a MindSpore layer needs and the
// ONNX suite does not cover — asymmetric pads, groups with dilation, 1-D / 3-D, depthwise with a
// channel multiplier, output_padding, ceil mode with and without count_include_pad, PyTorch's
// interpolation modes, group / layer norm, bidirectional LSTM and GRU with initial states.
#include <QtTest>

#include <cmath>

#include "exec/primitives/conv.h"
#include "exec/primitives/norm.h"
#include "exec/primitives/pool.h"
#include "exec/primitives/resize.h"
#include "exec/primitives/rnn.h"
#include "exec/thread_pool.h"
#include "io/npy.h"
#include "test_paths.h"

using namespace mb;
using namespace mb::exec;

class TestNnPrimitives : public QObject {
  Q_OBJECT
  std::string dir_;
  ThreadPool pool_{2};

  Tensor load(const std::string& name) {
    auto t = readNpy(dir_ + "/" + name + ".npy");
    if (!t) qFatal("%s", t.error().describe().c_str());
    return *t;
  }
  // Compares with PyTorch's float32 result (1e-4 relative to the largest reference value).
  void expectClose(const Expected<Tensor>& got, const Tensor& ref) {
    QVERIFY2(got.hasValue(), got ? "" : got.error().describe().c_str());
    QCOMPARE(got->dims(), ref.dims());
    double maxRef = 0, maxDiff = 0;
    for (int64_t i = 0; i < ref.numel(); ++i) {
      maxRef = std::max(maxRef, std::fabs(ref.elementAsDouble(i)));
      maxDiff = std::max(maxDiff, std::fabs(got->elementAsDouble(i) - ref.elementAsDouble(i)));
    }
    QVERIFY2(maxDiff <= 1e-4 * std::max(1.0, maxRef),
             ("max |diff| " + std::to_string(maxDiff)).c_str());
  }

 private slots:
  void initTestCase() {
    dir_ = mbtest::makeTempDir("nn-primitives");
    std::string cmd = mbtest::pythonExe() + " " + mbtest::sourceDir() +
                      "/tests/exec/nn_primitive_cases.py " + dir_;
    QCOMPARE(std::system(cmd.c_str()), 0);
  }

  void convAsymmetricPadsGroupsDilation() {
    nn::ConvParams p{{2, 1}, {2, 2}, {1, 0}, {2, 1}, 2};
    Tensor b = load("conv_asym.b");
    expectClose(nn::conv(load("conv_asym.x"), load("conv_asym.w"), &b, p, &pool_),
                load("conv_asym.y"));
  }
  void convDepthwiseWithMultiplier() {
    nn::ConvParams p{{2, 2}, {}, {1, 1}, {1, 1}, 4};
    expectClose(nn::conv(load("conv_depthwise.x"), load("conv_depthwise.w"), nullptr, p, &pool_),
                load("conv_depthwise.y"));
  }
  void conv1dAnd3d() {
    expectClose(
        nn::conv(load("conv1d.x"), load("conv1d.w"), nullptr, {{3}, {2}, {2}, {2}, 2}, &pool_),
        load("conv1d.y"));
    expectClose(nn::conv(load("conv3d.x"), load("conv3d.w"), nullptr,
                         {{1, 2, 1}, {}, {1, 0, 1}, {1, 0, 1}, 1}, &pool_),
                load("conv3d.y"));
  }
  void convTransposeOutputPaddingGroupsDilation() {
    nn::ConvTransposeParams p{{2, 2}, {2, 2}, {1, 1}, {1, 1}, {1, 1}, 2};
    Tensor b = load("conv_transpose.b");
    expectClose(
        nn::convTranspose(load("conv_transpose.x"), load("conv_transpose.w"), &b, p, &pool_),
        load("conv_transpose.y"));
  }
  void maxPoolCeilModeWithIndices() {
    nn::PoolParams p{{3, 3}, {2, 2}, {}, {1, 1}, {1, 1}, true, false};
    Tensor indices;
    Tensor x = load("maxpool_ceil.x");
    expectClose(nn::maxPool(x, p, &indices, false, &pool_), load("maxpool_ceil.y"));
    Tensor ref = load("maxpool_ceil.idx");
    int64_t plane = x.dims()[2] * x.dims()[3], outPlane = ref.dims()[2] * ref.dims()[3];
    for (int64_t i = 0; i < ref.numel(); ++i)  // ours count N and C too; torch's are per plane
      QCOMPARE(indices.elementAsInt64(i) - (i / outPlane) * plane, ref.elementAsInt64(i));
  }
  void averagePoolCeilModeCountIncludePad() {
    nn::PoolParams p{{3, 3}, {2, 2}, {}, {1, 1}, {1, 1}, true, true};
    expectClose(nn::averagePool(load("avgpool_ceil_incl.x"), p, &pool_),
                load("avgpool_ceil_incl.y"));
    p.countIncludePad = false;
    expectClose(nn::averagePool(load("avgpool_ceil_excl.x"), p, &pool_),
                load("avgpool_ceil_excl.y"));
  }
  void interpolateLikePytorch() {
    Tensor x = load("bilinear.x");
    auto params = [&](std::vector<int64_t> out, nn::ResizeMode mode, nn::CoordinateTransform t) {
      nn::ResizeParams p;
      p.outputDims = out;
      for (size_t d = 0; d < out.size(); ++d)
        p.scales.push_back(static_cast<double>(out[d]) / static_cast<double>(x.dims()[d]));
      p.mode = mode;
      p.transform = t;
      return p;
    };
    expectClose(nn::resize(x,
                           params({1, 2, 8, 11}, nn::ResizeMode::Linear,
                                  nn::CoordinateTransform::PytorchHalfPixel),
                           &pool_),
                load("bilinear.y"));
    expectClose(
        nn::resize(
            x, params({1, 2, 8, 11}, nn::ResizeMode::Linear, nn::CoordinateTransform::AlignCorners),
            &pool_),
        load("bilinear_corners.y"));
    expectClose(
        nn::resize(x,
                   params({1, 2, 9, 4}, nn::ResizeMode::Cubic, nn::CoordinateTransform::HalfPixel),
                   &pool_),
        load("bicubic.y"));
    nn::ResizeParams nearest =
        params({1, 2, 10, 14}, nn::ResizeMode::Nearest, nn::CoordinateTransform::Asymmetric);
    nearest.rounding = nn::NearestRounding::Floor;
    expectClose(nn::resize(x, nearest, &pool_), load("nearest.y"));
  }
  void groupAndLayerNorm() {
    expectClose(nn::groupNorm(load("group_norm.x"), load("group_norm.gamma"),
                              load("group_norm.beta"), 3, 1e-5, &pool_),
                load("group_norm.y"));
    Tensor beta = load("layer_norm.beta");
    expectClose(nn::layerNorm(load("layer_norm.x"), load("layer_norm.gamma"), &beta, 2, 1e-5,
                              nullptr, nullptr, &pool_),
                load("layer_norm.y"));
  }
  void bidirectionalLstmWithInitialState() {
    Tensor x = load("lstm.x"), w = load("lstm.w"), r = load("lstm.r"), b = load("lstm.b");
    Tensor h0 = load("lstm.h0"), c0 = load("lstm.c0");
    nn::RnnInputs in;
    in.x = &x;
    in.w = &w;
    in.r = &r;
    in.b = &b;
    in.h0 = &h0;
    in.c0 = &c0;
    nn::RnnParams p;
    p.cell = nn::RnnCell::Lstm;
    p.direction = nn::RnnDirection::Bidirectional;
    p.hiddenSize = 6;
    auto out = nn::rnn(in, p);
    QVERIFY(out.hasValue());
    expectClose(out->y, load("lstm.y"));
    expectClose(out->yh, load("lstm.yh"));
    expectClose(out->yc, load("lstm.yc"));
  }
  void gruLinearBeforeReset() {
    Tensor x = load("gru.x"), w = load("gru.w"), r = load("gru.r"), b = load("gru.b"),
           h0 = load("gru.h0");
    nn::RnnInputs in;
    in.x = &x;
    in.w = &w;
    in.r = &r;
    in.b = &b;
    in.h0 = &h0;
    nn::RnnParams p;
    p.cell = nn::RnnCell::Gru;
    p.hiddenSize = 6;
    p.linearBeforeReset = true;  // PyTorch's GRU
    auto out = nn::rnn(in, p);
    QVERIFY(out.hasValue());
    expectClose(out->y, load("gru.y"));
    expectClose(out->yh, load("gru.yh"));
  }
  void badShapesAreErrors() {
    Tensor x = Tensor::zeros(DType::Float32, {1, 3, 4, 4});
    Tensor w = Tensor::zeros(DType::Float32, {2, 2, 3, 3});
    auto conv = nn::conv(x, w, nullptr, {}, &pool_);
    QVERIFY(!conv.hasValue());
    QCOMPARE(conv.error().code, ErrorCode::ShapeMismatch);
    auto big = nn::conv(x, Tensor::zeros(DType::Float32, {2, 3, 5, 5}), nullptr, {}, &pool_);
    QCOMPARE(big.error().code, ErrorCode::ShapeMismatch);
    auto pool = nn::maxPool(x, {{2}, {}, {}, {}, {}, false, false}, nullptr, false, &pool_);
    QCOMPARE(pool.error().code, ErrorCode::InvalidModel);
  }
};

QTEST_APPLESS_MAIN(TestNnPrimitives)
#include "test_nn_primitives.moc"
