// The tensor kernels (elementwise, shape, indexing, reductions, …) checked one node at a time:
// (1) every case of ONNX's backend node suite whose nodes are all tensor ops runs through the
// registered kernels in topological order (no executor needed) and is compared like ONNX's
// backend test (rtol 1e-3, atol 1e-7; exact for integers and bools); (2) hand-computed cases;
// (3) bad input — each a clear error that names the node.
#include <QtTest>

#include <onnx/onnx_pb.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "exec/kernel.h"
#include "exec/primitives/elementwise.h"
#include "exec/thread_pool.h"
#include "io/onnx_importer.h"
#include "node_suite_case.h"
#include "test_paths.h"

using namespace mb;
namespace fs = std::filesystem;

namespace {

// The ops this suite claims (the NN kernels are checked by exec.node_suite).
const std::set<std::string> kTensorOps = {"Abs",
                                          "Acos",
                                          "Acosh",
                                          "Add",
                                          "And",
                                          "ArgMax",
                                          "ArgMin",
                                          "Asin",
                                          "Asinh",
                                          "Atan",
                                          "Atanh",
                                          "BitShift",
                                          "BitwiseAnd",
                                          "BitwiseNot",
                                          "BitwiseOr",
                                          "BitwiseXor",
                                          "Cast",
                                          "CastLike",
                                          "Ceil",
                                          "Celu",
                                          "Clip",
                                          "Compress",
                                          "Concat",
                                          "Constant",
                                          "ConstantOfShape",
                                          "Cos",
                                          "Cosh",
                                          "CumSum",
                                          "Div",
                                          "Einsum",
                                          "Elu",
                                          "Equal",
                                          "Erf",
                                          "Exp",
                                          "Expand",
                                          "EyeLike",
                                          "Floor",
                                          "Gather",
                                          "GatherElements",
                                          "GatherND",
                                          "Gelu",
                                          "Greater",
                                          "GreaterOrEqual",
                                          "HardSigmoid",
                                          "HardSwish",
                                          "Identity",
                                          "IsInf",
                                          "IsNaN",
                                          "LeakyRelu",
                                          "Less",
                                          "LessOrEqual",
                                          "Log",
                                          "Max",
                                          "Mean",
                                          "Min",
                                          "Mish",
                                          "Mod",
                                          "Mul",
                                          "Neg",
                                          "NegativeLogLikelihoodLoss",
                                          "NonMaxSuppression",
                                          "ReverseSequence",

                                          "Det",
                                          "QuantizeLinear",
                                          "DequantizeLinear",
                                          "DynamicQuantizeLinear",
                                          "HannWindow",
                                          "HammingWindow",
                                          "BlackmanWindow",
                                          "NonZero",
                                          "Not",
                                          "OneHot",
                                          "Or",
                                          "PRelu",
                                          "Pad",
                                          "Pow",
                                          "Range",
                                          "Reciprocal",
                                          "ReduceL1",
                                          "ReduceL2",
                                          "ReduceLogSum",
                                          "ReduceLogSumExp",
                                          "ReduceMax",
                                          "ReduceMean",
                                          "ReduceMin",
                                          "ReduceProd",
                                          "ReduceSum",
                                          "ReduceSumSquare",
                                          "Relu",
                                          "Reshape",
                                          "Round",
                                          "Scatter",
                                          "ScatterElements",
                                          "ScatterND",
                                          "Selu",
                                          "Shape",
                                          "Shrink",
                                          "Sigmoid",
                                          "Sign",
                                          "Sin",
                                          "Sinh",
                                          "Size",
                                          "Slice",
                                          "SoftmaxCrossEntropyLoss",
                                          "Softplus",
                                          "Softsign",
                                          "Split",
                                          "Sqrt",
                                          "Squeeze",
                                          "Sub",
                                          "Sum",
                                          "Tan",
                                          "Tanh",
                                          "ThresholdedRelu",
                                          "Tile",
                                          "TopK",
                                          "Transpose",
                                          "Trilu",
                                          "Unique",
                                          "Unsqueeze",
                                          "Where",
                                          "Xor"};

Expected<Tensor> readPb(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  onnx::TensorProto proto;
  if (!in || !proto.ParseFromIstream(&in))
    return makeError(ErrorCode::BadFormat, "cannot parse " + file.string());
  const auto dtype = static_cast<DType>(proto.data_type());
  std::vector<int64_t> dims(proto.dims().begin(), proto.dims().end());
  const int64_t count = checkedNumel(dims);
  if (!isValidDType(proto.data_type()) || dtype == DType::Undefined || count < 0 ||
      count > (int64_t{1} << 28))
    return makeError(ErrorCode::BadFormat,
                     file.string() + " is not a plain tensor (sequence or optional?)");
  if (dtype == DType::String)
    return Tensor::strings(dims, {proto.string_data().begin(), proto.string_data().end()});
  Tensor t = Tensor::zeros(dtype, dims);
  if (proto.has_raw_data()) {
    if (proto.raw_data().size() != t.nbytes())
      return makeError(ErrorCode::BadFormat, "raw size mismatch");
    if (t.nbytes() > 0) std::memcpy(t.mutableBytes(), proto.raw_data().data(), t.nbytes());
    return t;
  }
  const int64_t n = t.numel();
  const int fieldSize =
      std::max({proto.float_data_size(), proto.double_data_size(), proto.int64_data_size(),
                proto.uint64_data_size(), proto.int32_data_size()});
  if (fieldSize < n)
    return makeError(ErrorCode::BadFormat, file.string() + " holds fewer values than its dims");
  for (int64_t i = 0; i < n; ++i) {
    const int k = static_cast<int>(i);
    switch (dtype) {
      case DType::Float32:
        t.mutableData<float>()[i] = proto.float_data(k);
        break;
      case DType::Float64:
        t.mutableData<double>()[i] = proto.double_data(k);
        break;
      case DType::Int64:
        t.mutableData<int64_t>()[i] = proto.int64_data(k);
        break;
      case DType::UInt64:
      case DType::UInt32:
        t.mutableData<uint64_t>()[i] = proto.uint64_data(k);
        break;
      default: {
        const int32_t v = proto.int32_data(k);
        std::memcpy(t.mutableBytes() + static_cast<size_t>(i) * dtypeSize(dtype), &v,
                    dtypeSize(dtype));
      }
    }
  }
  return t;
}

std::string compare(const Tensor& actual, const Tensor& expected) {
  if (actual.dtype() != expected.dtype())
    return "dtype " + std::string(dtypeName(actual.dtype())) + " != expected " +
           std::string(dtypeName(expected.dtype()));
  if (actual.dims() != expected.dims())
    return "shape " + dimsToString(actual.dims()) + " != expected " + dimsToString(expected.dims());
  if (actual.dtype() == DType::String)
    return actual.stringValues() == expected.stringValues() ? "" : "strings differ";
  for (int64_t i = 0; i < actual.numel(); ++i) {
    const double a = actual.elementAsDouble(i), e = expected.elementAsDouble(i);
    bool ok;
    if (isFloating(actual.dtype()))
      ok = (std::isnan(a) && std::isnan(e)) || a == e ||
           std::fabs(a - e) <= 1e-7 + 1e-3 * std::fabs(e);
    else
      ok = actual.elementAsInt64(i) == expected.elementAsInt64(i) && a == e;
    if (!ok) {
      std::ostringstream text;
      text << "element " << i << ": got " << a << ", expected " << e;
      return text.str();
    }
  }
  return "";
}

// Runs a graph by calling each node's kernel in order; returns the graph outputs.
Expected<std::vector<Tensor>> runGraph(const Graph& graph, const std::vector<Tensor>& inputs) {
  std::vector<std::optional<Tensor>> values(graph.values.size());
  for (size_t v = 0; v < graph.values.size(); ++v)
    if (graph.values[v].initializer) values[v] = *graph.values[v].initializer;
  for (size_t i = 0; i < graph.inputs.size() && i < inputs.size(); ++i)
    values[static_cast<size_t>(graph.inputs[i])] = inputs[i];
  auto order = graph.topologicalOrder();
  if (!order) return order.error();
  for (NodeId id : *order) {
    const Node& node = graph.node(id);
    const int64_t opset = graph.opsetVersion(node.domain);
    exec::KernelFn fn = exec::findOnnxKernel(node.domain, node.opType, opset);
    if (!fn)
      return makeError(ErrorCode::UnsupportedOp,
                       node.opType + " has no kernel at opset " + std::to_string(opset));
    exec::KernelContext ctx{graph, node, opset, {}, {}, {}, nullptr};
    for (ValueId in : node.inputs) {
      const bool present = in != kNoValue && values[static_cast<size_t>(in)].has_value();
      ctx.inputs.push_back(present ? &*values[static_cast<size_t>(in)] : nullptr);
    }
    MB_TRY(fn(ctx));
    for (size_t o = 0; o < node.outputs.size() && o < ctx.outputs.size(); ++o)
      if (node.outputs[o] != kNoValue)
        values[static_cast<size_t>(node.outputs[o])] = ctx.outputs[o];
  }
  std::vector<Tensor> outputs;
  for (ValueId out : graph.outputs) {
    if (!values[static_cast<size_t>(out)])
      return makeError(ErrorCode::Internal, "output not computed");
    outputs.push_back(*values[static_cast<size_t>(out)]);
  }
  return outputs;
}

// onnx 1.12 writes bfloat16 test data as uint16 bit patterns (numpy has no bfloat16); read them
// as the bfloat16 the model declares.
Tensor asDeclared(Tensor t, DType declared) {
  if (declared == DType::BFloat16 && t.dtype() == DType::UInt16)
    return Tensor::fromBytes(DType::BFloat16, t.dims(),
                             std::span<const std::byte>(t.bytes(), t.nbytes()));
  return t;
}

std::string runCase(const fs::path& dir, const Graph& graph) {
  int sets = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (!entry.is_directory() || entry.path().filename().string().rfind("test_data_set_", 0) != 0)
      continue;
    ++sets;
    std::vector<Tensor> inputs;
    for (size_t i = 0; i < graph.inputs.size(); ++i) {
      const fs::path file = entry.path() / ("input_" + std::to_string(i) + ".pb");
      if (!fs::exists(file)) break;
      auto t = readPb(file);
      if (!t) return t.error().describe();
      inputs.push_back(asDeclared(std::move(*t), graph.value(graph.inputs[i]).dtype));
    }
    auto outputs = runGraph(graph, inputs);
    if (!outputs) return outputs.error().describe();
    for (size_t o = 0; o < outputs->size(); ++o) {
      auto expected = readPb(entry.path() / ("output_" + std::to_string(o) + ".pb"));
      if (!expected) return expected.error().describe();
      const std::string diff =
          compare((*outputs)[o], asDeclared(*expected, graph.value(graph.outputs[o]).dtype));
      if (!diff.empty()) return "output " + std::to_string(o) + ": " + diff;
    }
  }
  return sets ? "" : "no test data";
}

// A one-node graph with float / int inputs, for the direct kernel tests.
struct OneNode {
  Graph graph;
  std::vector<Tensor> inputs;

  OneNode(const std::string& op, std::vector<Tensor> ins, AttributeList attrs = {},
          int64_t opset = 17, size_t outputs = 1) {
    graph.opsetImports[""] = opset;
    Node node;
    node.name = "the_" + op;
    node.opType = op;
    node.attrs = std::move(attrs);
    for (size_t i = 0; i < ins.size(); ++i) {
      Value v;
      v.name = "in" + std::to_string(i);
      v.dtype = ins[i].dtype();
      node.inputs.push_back(graph.addValue(v));
    }
    for (size_t o = 0; o < outputs; ++o) {
      Value v;
      v.name = "out" + std::to_string(o);
      node.outputs.push_back(graph.addValue(v));
    }
    graph.addNode(node);
    inputs = std::move(ins);
  }
  Expected<std::vector<Tensor>> run() {
    const Node& node = graph.nodes[0];
    exec::KernelFn fn = exec::findOnnxKernel("", node.opType, graph.opsetVersion(""));
    if (!fn) return makeError(ErrorCode::UnsupportedOp, "no kernel for " + node.opType);
    exec::KernelContext ctx{graph, node, graph.opsetVersion(""), {}, {}, {}, nullptr};
    for (const Tensor& t : inputs) ctx.inputs.push_back(&t);
    MB_TRY(fn(ctx));
    return ctx.outputs;
  }
};

Tensor floats(std::vector<int64_t> dims, std::vector<float> v) {
  return Tensor::fromVector(DType::Float32, dims, v);
}
Tensor ints(std::vector<int64_t> dims, std::vector<int64_t> v) {
  return Tensor::fromVector(DType::Int64, dims, v);
}

AttributeList attrs(std::initializer_list<std::pair<const char*, Attribute>> items) {
  AttributeList list;
  for (const auto& [name, value] : items) list.set(name, value);
  return list;
}

// The error must carry `code` and name the node.
void expectError(OneNode& n, ErrorCode code, const std::string& fragment) {
  auto r = n.run();
  QVERIFY2(!r, "expected an error");
  const std::string text = r.error().describe();
  QVERIFY2(r.error().code == code, text.c_str());
  QVERIFY2(text.find("the_") != std::string::npos, text.c_str());
  QVERIFY2(text.find(fragment) != std::string::npos, text.c_str());
}

}  // namespace

class TestTensorKernels : public QObject {
  Q_OBJECT
 private slots:
  void registersEveryClaimedOp() {
    for (const auto& op : kTensorOps) QVERIFY2(exec::findOnnxKernel("", op, 0), op.c_str());
    // Opset-dependent versions resolve to different kernels.
    QVERIFY(exec::findOnnxKernel("", "Squeeze", 11) != exec::findOnnxKernel("", "Squeeze", 13));
    QVERIFY(exec::findOnnxKernel("", "Slice", 9) != exec::findOnnxKernel("", "Slice", 10));
    QVERIFY(exec::findOnnxKernel("", "Pad", 10) != exec::findOnnxKernel("", "Pad", 11));
    QVERIFY(exec::findOnnxKernel("", "Clip", 10) != exec::findOnnxKernel("", "Clip", 11));
    QVERIFY(exec::findOnnxKernel("", "ReduceSum", 12) != exec::findOnnxKernel("", "ReduceSum", 13));
    QVERIFY(exec::findOnnxKernel("", "ReduceMean", 17) ==
            exec::findOnnxKernel("", "ReduceMean", 13));
  }

  void broadcastAddAndScalar() {
    OneNode n("Add", {floats({2, 3}, {1, 2, 3, 4, 5, 6}), floats({3}, {10, 20, 30})});
    auto r = n.run();
    QVERIFY(r);
    QCOMPARE((*r)[0].toFloatVector(), (std::vector<float>{11, 22, 33, 14, 25, 36}));
    OneNode s("Mul", {floats({}, {2}), floats({2, 2}, {1, 2, 3, 4})});
    auto rs = s.run();
    QVERIFY(rs);
    QCOMPARE((*rs)[0].dims(), (std::vector<int64_t>{2, 2}));
    QCOMPARE((*rs)[0].toFloatVector(), (std::vector<float>{2, 4, 6, 8}));
    // [2,1,3] ⊕ [4,1]: every axis broadcasts somewhere.
    OneNode b("Sub", {floats({2, 1, 3}, {0, 1, 2, 3, 4, 5}), floats({4, 1}, {0, 10, 20, 30})});
    auto rb = b.run();
    QVERIFY(rb);
    QCOMPARE((*rb)[0].dims(), (std::vector<int64_t>{2, 4, 3}));
    QCOMPARE((*rb)[0].elementAsDouble(5), 2.0 - 10.0);
    QCOMPARE((*rb)[0].elementAsDouble(23), 5.0 - 30.0);
  }

  void integerDivisionAndModNeverTrap() {
    OneNode d("Div", {ints({3}, {7, -7, 5}), ints({3}, {2, 2, 0})});
    auto r = d.run();
    QVERIFY(r);
    QCOMPARE((*r)[0].toInt64Vector(), (std::vector<int64_t>{3, -3, 0}));
    OneNode m("Mod", {ints({2}, {-7, 7}), ints({2}, {3, -3})});
    auto rm = m.run();
    QVERIFY(rm);
    QCOMPARE((*rm)[0].toInt64Vector(), (std::vector<int64_t>{2, -2}));  // divisor's sign
  }

  void float16ComputesInFloat32() {
    std::vector<uint16_t> a{floatToHalf(1.5f), floatToHalf(-2.0f)},
        b{floatToHalf(0.25f), floatToHalf(4.0f)};
    OneNode n("Add", {Tensor::fromVector(DType::Float16, {2}, a),
                      Tensor::fromVector(DType::Float16, {2}, b)});
    auto r = n.run();
    QVERIFY(r);
    QCOMPARE((*r)[0].dtype(), DType::Float16);
    QCOMPARE((*r)[0].toFloatVector(), (std::vector<float>{1.75f, 2.0f}));
  }

  void reduceTransposeSliceGather() {
    const Tensor x = floats({2, 3}, {1, 2, 3, 4, 5, 6});
    OneNode rs("ReduceSum", {x, ints({1}, {0})}, attrs({{"keepdims", int64_t{0}}}));
    auto r = rs.run();
    QVERIFY(r);
    QCOMPARE((*r)[0].toFloatVector(), (std::vector<float>{5, 7, 9}));
    OneNode rm("ReduceMean", {x}, attrs({{"axes", std::vector<int64_t>{1}}}), 13);
    auto r2 = rm.run();
    QVERIFY(r2);
    QCOMPARE((*r2)[0].dims(), (std::vector<int64_t>{2, 1}));
    QCOMPARE((*r2)[0].toFloatVector(), (std::vector<float>{2, 5}));
    OneNode t("Transpose", {x});
    auto r3 = t.run();
    QVERIFY(r3);
    QCOMPARE((*r3)[0].toFloatVector(), (std::vector<float>{1, 4, 2, 5, 3, 6}));
    OneNode s("Slice",
              {x, ints({1}, {-1}), ints({1}, {INT64_MIN}), ints({1}, {1}), ints({1}, {-2})});
    auto r4 = s.run();
    QVERIFY(r4);
    QCOMPARE((*r4)[0].toFloatVector(), (std::vector<float>{3, 1, 6, 4}));
    OneNode g("Gather", {x, ints({2}, {-1, 0})}, attrs({{"axis", int64_t{1}}}));
    auto r5 = g.run();
    QVERIFY(r5);
    QCOMPARE((*r5)[0].toFloatVector(), (std::vector<float>{3, 1, 6, 4}));
  }

  void padModes() {
    const Tensor x = floats({1, 3}, {1, 2, 3});
    OneNode reflect("Pad", {x, ints({4}, {0, 2, 0, 2})}, attrs({{"mode", "reflect"}}));
    auto r = reflect.run();
    QVERIFY(r);
    QCOMPARE((*r)[0].toFloatVector(), (std::vector<float>{3, 2, 1, 2, 3, 2, 1}));
    OneNode edge("Pad", {x}, attrs({{"mode", "edge"}, {"pads", std::vector<int64_t>{0, 1, 0, 1}}}),
                 10);
    auto r2 = edge.run();
    QVERIFY(r2);
    QCOMPARE((*r2)[0].toFloatVector(), (std::vector<float>{1, 1, 2, 3, 3}));
    OneNode constant("Pad", {x, ints({4}, {0, 1, 0, -1}), floats({}, {9})});
    auto r3 = constant.run();
    QVERIFY(r3);
    QCOMPARE((*r3)[0].toFloatVector(), (std::vector<float>{9, 1, 2}));
  }

  void einsumMatmulAndTrace() {
    OneNode mm("Einsum", {floats({2, 2}, {1, 2, 3, 4}), floats({2, 2}, {5, 6, 7, 8})},
               attrs({{"equation", "ij,jk->ik"}}));
    auto r = mm.run();
    QVERIFY(r);
    QCOMPARE((*r)[0].toFloatVector(), (std::vector<float>{19, 22, 43, 50}));
    OneNode tr("Einsum", {floats({2, 2}, {1, 2, 3, 4})}, attrs({{"equation", "ii"}}));
    auto r2 = tr.run();
    QVERIFY(r2);
    QCOMPARE((*r2)[0].toFloatVector(), (std::vector<float>{5}));
  }

  // Split across two threads, large elementwise ops give exactly the single-thread result, for
  // one long run (same shape, scalar) and for many broadcast runs.
  void threadedElementwiseMatchesInline() {
    exec::ThreadPool pool(2);
    std::vector<float> av(300 * 257), bv(257), sv{0.5f};
    for (size_t i = 0; i < av.size(); ++i) av[i] = static_cast<float>(i % 97) * 0.25f - 7.0f;
    for (size_t i = 0; i < bv.size(); ++i) bv[i] = static_cast<float>(i) * 0.1f + 1.0f;
    const Tensor a = floats({300, 257}, av), b = floats({257}, bv), s = floats({}, sv);
    const Tensor col = floats({300, 1}, std::vector<float>(av.begin(), av.begin() + 300));
    for (const Tensor* rhs : {&a, &b, &s, &col}) {
      auto inlineResult = exec::prim::binary(exec::prim::BinaryOp::Div, a, *rhs);
      auto threaded = exec::prim::binary(exec::prim::BinaryOp::Div, a, *rhs, &pool);
      QVERIFY(inlineResult && threaded);
      QCOMPARE(threaded->dims(), inlineResult->dims());
      QVERIFY(std::memcmp(threaded->bytes(), inlineResult->bytes(), threaded->nbytes()) == 0);
    }
    auto u1 = exec::prim::unary(exec::prim::UnaryOp::Erf, a);
    auto u2 = exec::prim::unary(exec::prim::UnaryOp::Erf, a, {}, &pool);
    QVERIFY(u1 && u2);
    QVERIFY(std::memcmp(u1->bytes(), u2->bytes(), u1->nbytes()) == 0);
    QCOMPARE(u2->elementAsDouble(0), static_cast<double>(std::erf(-7.0f)));
  }

  // ---- bad input ----
  void nonBroadcastableShapes() {
    OneNode n("Add", {floats({2, 3}, {1, 2, 3, 4, 5, 6}), floats({2}, {1, 2})});
    expectError(n, ErrorCode::ShapeMismatch, "cannot be broadcast");
  }
  void invalidAxis() {
    OneNode n("Concat", {floats({2}, {1, 2}), floats({2}, {3, 4})}, attrs({{"axis", int64_t{3}}}));
    expectError(n, ErrorCode::InvalidArgument, "axis 3 is out of range");
    OneNode r("ReduceMax", {floats({2}, {1, 2})}, attrs({{"axes", std::vector<int64_t>{-2}}}), 13);
    expectError(r, ErrorCode::InvalidArgument, "axis -2");
  }
  void reshapeWrongCount() {
    OneNode n("Reshape", {floats({2, 3}, {1, 2, 3, 4, 5, 6}), ints({2}, {4, 2})});
    expectError(n, ErrorCode::ShapeMismatch, "6 elements");
    OneNode m("Reshape", {floats({2, 3}, {1, 2, 3, 4, 5, 6}), ints({2}, {4, -1})});
    expectError(m, ErrorCode::ShapeMismatch, "cannot reshape");
  }
  void gatherIndexOutOfRange() {
    OneNode n("Gather", {floats({3}, {1, 2, 3}), ints({2}, {0, 3})});
    expectError(n, ErrorCode::InvalidArgument, "index 3 is out of range for axis 0 of size 3");
    OneNode e("GatherElements", {floats({3}, {1, 2, 3}), ints({1}, {-4})});
    expectError(e, ErrorCode::InvalidArgument, "index -4");
    OneNode s("ScatterND", {floats({3}, {1, 2, 3}), ints({1, 1}, {5}), floats({1}, {0})});
    expectError(s, ErrorCode::InvalidArgument, "index 5");
  }
  void expandIncompatible() {
    OneNode n("Expand", {floats({3}, {1, 2, 3}), ints({2}, {2, 4})});
    expectError(n, ErrorCode::ShapeMismatch, "cannot expand");
  }
  void typeMismatchAndMissingInput() {
    OneNode n("Add", {floats({1}, {1}), ints({1}, {1})});
    expectError(n, ErrorCode::TypeMismatch, "differ in type");
    OneNode w("Where", {floats({1}, {1}), floats({1}, {1}), floats({1}, {1})});
    expectError(w, ErrorCode::TypeMismatch, "bool");
    OneNode m("Sub", {floats({1}, {1})});
    expectError(m, ErrorCode::InvalidModel, "input 1");
  }
  void badSplitAndPad() {
    OneNode s("Split", {floats({3}, {1, 2, 3})}, attrs({}), 17, 2);
    expectError(s, ErrorCode::ShapeMismatch, "split evenly");
    OneNode p("Pad", {floats({1, 3}, {1, 2, 3}), ints({2}, {1, 1})});
    expectError(p, ErrorCode::InvalidArgument, "pads has 2 values");
    OneNode q("Pad", {floats({1, 1}, {1}), ints({4}, {0, 1, 0, 1})}, attrs({{"mode", "reflect"}}));
    expectError(q, ErrorCode::InvalidArgument, "reflect");
  }

  void badLossDetAndEinsum() {
    OneNode nll("NegativeLogLikelihoodLoss",
                {floats({2, 3}, {0, 0, 0, 0, 0, 0}), ints({2}, {1, 3})});
    expectError(nll, ErrorCode::InvalidArgument, "target 3 is out of range for 3 classes");
    OneNode det("Det", {floats({2, 3}, {1, 2, 3, 4, 5, 6})});
    expectError(det, ErrorCode::ShapeMismatch, "square");
    OneNode ein("Einsum", {floats({2, 3}, {1, 2, 3, 4, 5, 6}), floats({2, 3}, {1, 2, 3, 4, 5, 6})},
                attrs({{"equation", "ij,jk->ik"}}));
    expectError(ein, ErrorCode::ShapeMismatch, "label 'j'");
    OneNode topk("TopK", {floats({3}, {1, 2, 3}), ints({1}, {4})});
    expectError(topk, ErrorCode::InvalidArgument, "k = 4");
  }

  // ---- ONNX's node suite, tensor-op cases ----
  void nodeSuite() {
    const fs::path root = fs::path(mbtest::nodeSuiteDir()) / "node";
    QVERIFY2(fs::is_directory(root), ("node suite missing: " + root.string()).c_str());
    const auto skips = mbtest::loadNodeSuiteSkips(mbtest::sourceDir() + "/tests/exec/node_suite_skips.txt");
    std::vector<fs::path> cases;
    for (const auto& entry : fs::directory_iterator(root))
      if (entry.is_directory()) cases.push_back(entry.path());
    std::sort(cases.begin(), cases.end());
    int passed = 0, failed = 0, skipped = 0;
    std::map<std::string, std::pair<int, int>> perOp;  // op → passed, total
    for (const auto& dir : cases) {
      const std::string name = dir.filename().string();
      OnnxImportOptions options;
      options.runChecker = false;
      auto imported = importOnnxFile((dir / "model.onnx").string(), options);
      if (!imported || imported->graph.nodes.empty()) continue;
      bool mine = true;
      for (const auto& node : imported->graph.nodes)
        if (!node.domain.empty() || !kTensorOps.count(node.opType)) mine = false;
      if (!mine) continue;
      const std::string op =
          imported->graph.nodes.size() == 1 ? imported->graph.nodes[0].opType : "(expanded)";
      if (skips.count(name)) {
        ++skipped;
        std::cout << "SKIP " << name << ": " << skips.at(name) << "\n";
        continue;
      }
      if (std::getenv("MB_TRACE_CASES")) std::cerr << "RUN " << name << std::endl;
      const std::string failure = runCase(dir, imported->graph);
      auto& tally = perOp[op];
      ++tally.second;
      if (failure.empty()) {
        ++passed;
        ++tally.first;
      } else {
        ++failed;
        std::cout << "FAIL " << name << ": " << failure << "\n";
      }
    }
    std::cout << "tensor ops: " << passed << " passed, " << failed << " failed, " << skipped
              << " skipped\n";
    for (const auto& [op, tally] : perOp)
      if (tally.first != tally.second)
        std::cout << "  " << op << ": " << tally.first << "/" << tally.second << "\n";
    std::fflush(stdout);
    const int claimed = passed + failed + skipped;
    QVERIFY(claimed > 300);
    QVERIFY2(passed >= 0.95 * claimed, "fewer than 95% of the tensor-op cases pass");
  }
};

QTEST_APPLESS_MAIN(TestTensorKernels)
#include "test_tensor_kernels.moc"
