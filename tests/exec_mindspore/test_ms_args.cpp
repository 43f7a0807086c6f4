// MindSpore argument semantics in explicit form: pad_mode "same" (odd pad at the end), padding
// (top, bottom, left, right), pool padding (pad_h, pad_w), ceil_mode, argument-name checking.
#include <QtTest>

#include "exec/mindspore/ms_args.h"

using namespace mb;
using namespace mb::exec;
using namespace mb::exec::ms;

namespace {
ms::Window window(std::vector<int64_t> k, std::vector<int64_t> s, std::vector<int64_t> d = {1, 1}) {
  ms::Window w;
  w.kernel = std::move(k);
  w.stride = std::move(s);
  w.dilation = std::move(d);
  return w;
}
}  // namespace

class TestMsArgs : public QObject {
  Q_OBJECT
 private slots:
  void samePutsTheOddPadAtTheEnd() {
    // 224 input, 3x3 kernel, stride 2: out 112, total pad = 111*2 + 3 - 224 = 1 → (0, 1).
    auto w = window({3, 3}, {2, 2});
    padSame({224, 224}, w);
    QCOMPARE(w.padBegin, (std::vector<int64_t>{0, 0}));
    QCOMPARE(w.padEnd, (std::vector<int64_t>{1, 1}));
    QCOMPARE(windowOutputDims({224, 224}, w), (std::vector<int64_t>{112, 112}));
    // 7x7 stride 2 on 224: total = 111*2 + 7 - 224 = 5 → (2, 3).
    auto big = window({7, 5}, {2, 1});
    padSame({224, 10}, big);
    QCOMPARE(big.padBegin, (std::vector<int64_t>{2, 2}));
    QCOMPARE(big.padEnd, (std::vector<int64_t>{3, 2}));
    // Dilation enlarges the effective kernel: k=3, d=2 → 5; stride 1 → total 4.
    auto dil = window({3}, {1}, {2});
    padSame({9}, dil);
    QCOMPARE(dil.padBegin[0] + dil.padEnd[0], int64_t(4));
  }
  void convPaddingIsTopBottomLeftRight() {
    auto w = window({3, 3}, {1, 1});
    QVERIFY(padFromConvPadding({1, 2, 3, 4}, 2, w).isOk());
    QCOMPARE(w.padBegin, (std::vector<int64_t>{1, 3}));  // top, left
    QCOMPARE(w.padEnd, (std::vector<int64_t>{2, 4}));    // bottom, right
    QVERIFY(padFromConvPadding({2}, 2, w).isOk());
    QCOMPARE(w.padEnd, (std::vector<int64_t>{2, 2}));
    QVERIFY(!padFromConvPadding({1, 2}, 2, w).isOk());
    QVERIFY(!padFromConvPadding({1, 2, -1, 0}, 2, w).isOk());
  }
  void poolPaddingIsSymmetric() {
    auto w = window({3, 3}, {2, 2});
    QVERIFY(padFromPoolPadding({1, 0}, 2, w).isOk());
    QCOMPARE(w.padBegin, (std::vector<int64_t>{1, 0}));
    QCOMPARE(w.padEnd, (std::vector<int64_t>{1, 0}));
    QVERIFY(!padFromPoolPadding({1, 0, 1, 0}, 2, w).isOk());
  }
  void ceilModeDropsWindowsStartingInThePadding() {
    auto w = window({2}, {2});
    w.padBegin = {0};
    w.padEnd = {0};
    QCOMPARE(windowOutputDims({5}, w), (std::vector<int64_t>{2}));
    w.ceilMode = true;
    QCOMPARE(windowOutputDims({5}, w), (std::vector<int64_t>{3}));
    // k=3, s=2, pad 1 each side, in 6: floor → 3; ceil → 4 would start at 6 + 1 - 1 = 6 ≥ 6+1? no:
    // (4-1)*2 = 6 < in + padBegin = 7, so 4 stays.
    auto p = window({3}, {2});
    p.padBegin = {1};
    p.padEnd = {1};
    p.ceilMode = true;
    QCOMPARE(windowOutputDims({6}, p), (std::vector<int64_t>{4}));
    // in 5, k 2, s 2, pad 1: span = 5 → ceil 3 + 1 = 4, but window 4 starts at 6 ≥ 5 + 1 → 3.
    auto q = window({2}, {2});
    q.padBegin = {1};
    q.padEnd = {1};
    q.ceilMode = true;
    QCOMPARE(windowOutputDims({5}, q), (std::vector<int64_t>{3}));
  }
  void argumentNamesAreCheckedAgainstTheApi() {
    Graph g;
    Node n{"conv1"};
    n.dialect = Dialect::MindSpore;
    n.opType = "mindspore.nn.Conv2d";
    n.attrs.set("groups", int64_t(2));  // torch spelling; MindSpore says group
    KernelContext ctx{g, n};
    Status s = checkArgNames(ctx, {"in_channels", "group"}, {});
    QVERIFY(!s.isOk());
    QVERIFY(s.error().message.find("'groups'") != std::string::npos);
    QVERIFY(s.error().where.find("conv1") != std::string::npos);
    n.attrs = {};
    n.attrs.set("group", int64_t(2));
    n.attrs.set("kernel_size", std::vector<int64_t>{3, 3});
    n.attrs.set("pad_mode", std::string("pad"));
    n.attrs.set("bias_init", NoneValue{});
    KernelContext ok{g, n};
    QVERIFY(checkArgNames(ok, {"group", "kernel_size", "pad_mode", "bias_init"}, {}).isOk());
    QCOMPARE(*argInt(ok, ArgSource::Ctor, "group", 1), int64_t(2));
    QCOMPARE(*argInt(ok, ArgSource::Ctor, "bias_init", 7), int64_t(7));  // None → default
    QCOMPARE(*argInts(ok, ArgSource::Ctor, "kernel_size", {}, {2}, 2),
             (std::vector<int64_t>{3, 3}));
    QCOMPARE(*argInts(ok, ArgSource::Ctor, "group", {}, {2}, 2), (std::vector<int64_t>{2, 2}));
    QVERIFY(!argInts(ok, ArgSource::Ctor, "kernel_size", {}, {3}, 3).hasValue());
    QVERIFY(!argBool(ok, ArgSource::Ctor, "pad_mode", false).hasValue());
    QCOMPARE(*argString(ok, ArgSource::Ctor, "pad_mode", "same"), std::string("pad"));
  }
  void dtypeSpellings() {
    QVERIFY(parseMindSporeDType("mindspore.float32") == DType::Float32);
    QVERIFY(parseMindSporeDType("mstype.int64") == DType::Int64);
    QVERIFY(parseMindSporeDType("Float16") == DType::Float16);
    QVERIFY(parseMindSporeDType("bool_") == DType::Bool);
    QVERIFY(!parseMindSporeDType("complex256"));
  }
};

QTEST_APPLESS_MAIN(TestMsArgs)
#include "test_ms_args.moc"
