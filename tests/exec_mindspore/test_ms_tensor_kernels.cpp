// MindSpore semantics of elementwise, tensor-manipulation and reduction APIs where they differ from
// torch / ONNX: each case would pass with the wrong (torch / ONNX) reading and fails here.
#include <QtTest>

#include <cmath>

#include "exec/kernel.h"
#include "ms_test_util.h"

using namespace mb;
using mstest::f32;
using mstest::i64;
using mstest::iota;

namespace {
std::vector<float> values(const Tensor& t) {
  return t.toFloatVector();
}
bool near(const std::vector<float>& a, const std::vector<float>& b, float tol = 1e-6f) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::fabs(a[i] - b[i]) > tol) return false;
  return true;
}
}  // namespace

class TestMsTensorKernels : public QObject {
  Q_OBJECT
 private slots:
  void leakyReluDefaultAlphaIsPointTwo() {
    auto out = mstest::run({"mindspore.nn.LeakyReLU", {f32({2}, {-1, 2})}});
    QVERIFY2(out.hasValue(), out ? "" : out.error().describe().c_str());
    QVERIFY(near(values((*out)[0]), {-0.2f, 2}));
    mstest::OneNode mint{"mindspore.mint.nn.functional.leaky_relu", {f32({2}, {-1, 2})}};
    QVERIFY(near(values((*mstest::run(mint))[0]), {-0.01f, 2}));
  }
  void geluDefaultsDiffer() {
    // nn.GELU() approximates with tanh; ops.gelu / mint default to erf.
    const float x = 1.5f;
    const float erfGelu = 0.5f * x * (1 + std::erf(x / std::sqrt(2.0f)));
    const float tanhGelu =
        0.5f * x * (1 + std::tanh(std::sqrt(2.0f / 3.14159265f) * (x + 0.044715f * x * x * x)));
    QVERIFY(std::fabs(erfGelu - tanhGelu) > 1e-4f);
    QVERIFY(
        near(values((*mstest::run({"mindspore.nn.GELU", {f32({1}, {x})}}))[0]), {tanhGelu}, 1e-6f));
    mstest::OneNode exact{"mindspore.nn.GELU", {f32({1}, {x})}};
    exact.attrs.set("approximate", false);
    QVERIFY(near(values((*mstest::run(exact))[0]), {erfGelu}, 1e-6f));
    QVERIFY(
        near(values((*mstest::run({"mindspore.ops.gelu", {f32({1}, {x})}}))[0]), {erfGelu}, 1e-6f));
    QVERIFY(near(values((*mstest::run({"mindspore.mint.nn.GELU", {f32({1}, {x})}}))[0]), {erfGelu},
                 1e-6f));
  }
  void hsigmoidIsRelu6OfXPlus3Over6() {
    auto out = mstest::run({"mindspore.nn.HSigmoid", {f32({4}, {-4, 0, 1.5f, 4})}});
    QVERIFY(out.hasValue());
    QVERIFY(near(values((*out)[0]), {0, 0.5f, 0.75f, 1}));
  }
  void unknownArgumentIsRejected() {
    mstest::OneNode n{"mindspore.nn.LeakyReLU", {f32({1}, {1})}};
    n.attrs.set("negative_slope", 0.1);  // torch's name; MindSpore says alpha
    auto out = mstest::run(n);
    QVERIFY(!out.hasValue());
    QVERIFY(out.error().message.find("negative_slope") != std::string::npos);
  }
  void reshapeHasNoZeroCopyRule() {
    mstest::OneNode n{"mindspore.ops.reshape", {iota({2, 3})}};
    n.callArgs.set("shape", std::vector<int64_t>{3, -1});
    auto out = mstest::run(n);
    QVERIFY(out.hasValue());
    QCOMPARE((*out)[0].dims(), (std::vector<int64_t>{3, 2}));
    n.callArgs.set("shape",
                   std::vector<int64_t>{0, 6});  // ONNX would copy dim 0; MindSpore does not
    QVERIFY(!mstest::run(n).hasValue());
  }
  void transposeVsMintTranspose() {
    mstest::OneNode perm{"mindspore.ops.transpose", {iota({2, 3, 4})}};
    perm.callArgs.set("input_perm", std::vector<int64_t>{2, 0, 1});
    QCOMPARE((*mstest::run(perm))[0].dims(), (std::vector<int64_t>{4, 2, 3}));
    mstest::OneNode swap{"mindspore.mint.transpose", {iota({2, 3, 4})}};
    swap.callArgs.set("dim0", int64_t(0));
    swap.callArgs.set("dim1", int64_t(2));
    auto out = mstest::run(swap);
    QCOMPARE((*out)[0].dims(), (std::vector<int64_t>{4, 3, 2}));
    QCOMPARE((*out)[0].elementAsDouble(1), 12.0);  // [0][0][1] = x[1][0][0]
  }
  void flattenDefaultsDiffer() {
    QCOMPARE((*mstest::run({"mindspore.nn.Flatten", {iota({2, 3, 4})}}))[0].dims(),
             (std::vector<int64_t>{2, 12}));
    QCOMPARE((*mstest::run({"mindspore.ops.flatten", {iota({2, 3, 4})}}))[0].dims(),
             (std::vector<int64_t>{2, 12}));
    QCOMPARE((*mstest::run({"mindspore.mint.flatten", {iota({2, 3, 4})}}))[0].dims(),
             (std::vector<int64_t>{24}));
  }
  void padOrders() {
    // ops.pad: (left, right) of the LAST dim first.
    mstest::OneNode p{"mindspore.ops.pad", {iota({1, 2})}};
    p.callArgs.set("padding", std::vector<int64_t>{1, 0, 0, 1});
    auto out = mstest::run(p);
    QVERIFY(out.hasValue());
    QCOMPARE((*out)[0].dims(), (std::vector<int64_t>{2, 3}));
    QVERIFY(near(values((*out)[0]), {0, 0, 1, 0, 0, 0}));
    // nn.Pad: (before, after) pairs from the FIRST dim.
    mstest::OneNode q{"mindspore.nn.Pad", {iota({1, 2})}};
    q.attrs.set("paddings", std::vector<int64_t>{1, 0, 0, 1});
    auto out2 = mstest::run(q);
    QVERIFY(out2.hasValue());
    QCOMPARE((*out2)[0].dims(), (std::vector<int64_t>{2, 3}));
    QVERIFY(near(values((*out2)[0]), {0, 0, 0, 0, 1, 0}));
  }
  void gatherFlavours() {
    Tensor x = iota({3, 2});
    mstest::OneNode g{"mindspore.ops.gather", {x, i64({2}, {2, 0})}};
    g.callArgs.set("axis", int64_t(0));
    QVERIFY(near(values((*mstest::run(g))[0]), {4, 5, 0, 1}));
    g.inputs[1] = i64({1}, {-1});  // MindSpore does not wrap negative indices
    QVERIFY(!mstest::run(g).hasValue());
    // mint.gather is torch.gather (elementwise along dim).
    mstest::OneNode e{"mindspore.mint.gather", {x, i64({1, 2}, {2, 0})}};
    e.callArgs.set("dim", int64_t(0));
    QVERIFY(near(values((*mstest::run(e))[0]), {4, 1}));
  }
  void splitBySizeAndSections() {
    mstest::OneNode s{"mindspore.ops.split", {iota({5})}, {}, {}, {}, 3};
    s.callArgs.set("split_size_or_sections", int64_t(2));  // chunk size, not count
    auto out = mstest::run(s);
    QVERIFY(out.hasValue());
    QCOMPARE((*out)[2].dims(), (std::vector<int64_t>{1}));
    mstest::OneNode c{"mindspore.ops.chunk", {iota({5})}, {}, {}, {}, 3};
    c.callArgs.set("chunks", int64_t(3));  // ceil(5/3) = 2 → 2, 2, 1
    auto chunks = mstest::run(c);
    QVERIFY(chunks.hasValue());
    QCOMPARE((*chunks)[1].dims(), (std::vector<int64_t>{2}));
  }
  void squeezeRefusesNonUnitDims() {
    mstest::OneNode s{"mindspore.ops.squeeze", {iota({1, 3})}};
    s.callArgs.set("axis", int64_t(1));
    QVERIFY(!mstest::run(s).hasValue());
    s.callArgs.set("axis", int64_t(0));
    QCOMPARE((*mstest::run(s))[0].dims(), (std::vector<int64_t>{3}));
  }
  void reductionsKeepDimsSpellings() {
    mstest::OneNode m{"mindspore.ops.mean", {iota({2, 3})}};
    m.callArgs.set("axis", int64_t(1));
    m.callArgs.set("keep_dims", true);
    auto out = mstest::run(m);
    QVERIFY(out.hasValue());
    QCOMPARE((*out)[0].dims(), (std::vector<int64_t>{2, 1}));
    QVERIFY(near(values((*out)[0]), {1, 4}));
    m.callArgs = {};
    m.callArgs.set("axis", int64_t(1));
    m.callArgs.set("keepdim", true);  // torch spelling on ops.mean is an error
    QVERIFY(!mstest::run(m).hasValue());
    mstest::OneNode s{"mindspore.ops.sum", {iota({2, 3})}};
    s.callArgs.set("dim", std::vector<int64_t>{0, 1});
    QVERIFY(near(values((*mstest::run(s))[0]), {15}));
  }
  void softmaxAxes() {
    mstest::OneNode s{"mindspore.nn.Softmax", {f32({2, 2}, {0, 0, 0, std::log(3.0f)})}};
    auto out = mstest::run(s);
    QVERIFY(near(values((*out)[0]), {0.5f, 0.5f, 0.25f, 0.75f}));
    mstest::OneNode m{"mindspore.mint.nn.Softmax", {f32({2, 2}, {0, 0, 0, std::log(3.0f)})}};
    m.attrs.set("dim", int64_t(0));
    QVERIFY(near(values((*mstest::run(m))[0]), {0.5f, 0.25f, 0.5f, 0.75f}));
  }
  void topkAndArgmax() {
    mstest::OneNode t{"mindspore.ops.topk", {f32({4}, {1, 4, 2, 3})}, {}, {}, {}, 2};
    t.callArgs.set("k", int64_t(2));
    auto out = mstest::run(t);
    QVERIFY(out.hasValue());
    QVERIFY(near(values((*out)[0]), {4, 3}));
    QCOMPARE((*out)[1].elementAsInt64(1), int64_t(3));
    mstest::OneNode a{"mindspore.ops.argmax", {f32({2, 2}, {1, 5, 7, 2})}};
    QCOMPARE((*mstest::run(a))[0].elementAsInt64(0), int64_t(2));  // no dim: flattened
  }
  void divRoundingModes() {
    mstest::OneNode d{"mindspore.ops.div", {f32({2}, {-7, 7}), f32({2}, {2, 2})}};
    d.callArgs.set("rounding_mode", std::string("floor"));
    QVERIFY(near(values((*mstest::run(d))[0]), {-4, 3}));
    d.callArgs.set("rounding_mode", std::string("trunc"));
    QVERIFY(near(values((*mstest::run(d))[0]), {-3, 3}));
  }
  void castSpellings() {
    mstest::OneNode c{"mindspore.ops.cast", {f32({2}, {1.7f, -1.7f})}};
    c.callArgs.set("dtype", std::string("mindspore.int32"));
    auto out = mstest::run(c);
    QVERIFY(out.hasValue());
    QCOMPARE((*out)[0].dtype(), DType::Int32);
    QCOMPARE((*out)[0].elementAsInt64(1), int64_t(-1));
  }
};

QTEST_APPLESS_MAIN(TestMsTensorKernels)
#include "test_ms_tensor_kernels.moc"
