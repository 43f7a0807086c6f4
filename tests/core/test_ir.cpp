// The IR's own invariants: dtype conversions, tensor views, graph order and cycle detection.
#include <QtTest>

#include "ir/graph.h"

using namespace mb;

class TestIr : public QObject {
  Q_OBJECT
 private slots:
  void halfRoundTrip() {
    for (float v : {0.0f, 1.0f, -2.5f, 65504.0f, 6.1035156e-05f, 5.9604645e-08f, 0.333251953125f})
      QCOMPARE(halfToFloat(floatToHalf(v)), v);
    QCOMPARE(floatToHalf(1.0f), uint16_t(0x3c00));
    QCOMPARE(floatToHalf(1e6f), uint16_t(0x7c00));  // overflow → inf
    QVERIFY(std::isnan(halfToFloat(floatToHalf(std::nanf("")))));
    // 2049 is exactly halfway between 2048 and 2050 in half precision: ties to even.
    QCOMPARE(halfToFloat(floatToHalf(2049.0f)), 2048.0f);
  }
  void bfloat16RoundTrip() {
    QCOMPARE(bfloat16ToFloat(floatToBfloat16(1.0f)), 1.0f);
    QCOMPARE(bfloat16ToFloat(floatToBfloat16(3.140625f)), 3.140625f);
    QCOMPARE(floatToBfloat16(1.00390625f), uint16_t(0x3f80));  // ties to even
  }
  void dtypeNames() {
    QCOMPARE(std::string(dtypeName(DType::BFloat16)), std::string("bfloat16"));
    QCOMPARE(std::string(mindsporeDTypeName(DType::Float32)), std::string("Float32"));
    QVERIFY(dtypeFromMindsporeName("Int64") == DType::Int64);
    QVERIFY(!dtypeFromName("float128"));
  }
  void tensorViewsShareBytes() {
    auto owner = std::make_shared<std::vector<float>>(std::vector<float>{1, 2, 3, 4, 5, 6});
    Tensor view = Tensor::view(DType::Float32, {2, 3}, owner,
                               reinterpret_cast<const std::byte*>(owner->data()));
    QCOMPARE(view.numel(), int64_t(6));
    QCOMPARE(view.data<float>(), owner->data());
    Tensor copy = view.clone();
    QVERIFY(copy.data<float>() != owner->data());
    QCOMPARE(copy.elementAsDouble(5), 6.0);
    QCOMPARE(checkedNumel({int64_t(1) << 40, int64_t(1) << 40}), int64_t(-1));
    QCOMPARE(checkedNumel({2, -1}), int64_t(-1));
  }
  void topologicalOrderAndCycle() {
    Graph g;
    ValueId x = g.addValue({"x"});
    ValueId a = g.addValue({"a"});
    ValueId b = g.addValue({"b"});
    g.inputs = {x};
    Node second{"second"};
    second.opType = "Relu";
    second.inputs = {a};
    second.outputs = {b};
    Node first{"first"};
    first.opType = "Relu";
    first.inputs = {x};
    first.outputs = {a};
    g.addNode(second);
    g.addNode(first);
    auto order = g.topologicalOrder();
    QVERIFY(order.hasValue());
    QCOMPARE(order->size(), size_t(2));
    QCOMPARE(g.node((*order)[0]).name, std::string("first"));
    g.node(1).inputs = {b};  // first now reads second's output: a cycle
    auto cyclic = g.topologicalOrder();
    QVERIFY(!cyclic.hasValue());
    QCOMPARE(cyclic.error().code, ErrorCode::InvalidModel);
    QVERIFY(cyclic.error().message.find("cycle") != std::string::npos);
  }
  void attributeText() {
    QCOMPARE(Attribute(std::vector<int64_t>{1, 2}).toString(), std::string("[1, 2]"));
    QCOMPARE(Attribute(0.9).toString(), std::string("0.9"));
    QCOMPARE(Attribute(1.0).toString(), std::string("1.0"));
    QCOMPARE(Attribute(std::string("same")).toString(), std::string("'same'"));
  }
};

QTEST_APPLESS_MAIN(TestIr)
#include "test_ir.moc"
