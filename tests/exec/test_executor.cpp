// The executor's own contract, on small graphs built in code with test-only kernels (domain
// "test.mb") so that it does not depend on any real kernel: order, freeing, taps, budget, NaN
// flags, unconverted nodes, bad inputs, cancellation, subgraph scope; plus the tensor file formats.
#include <QtTest>

#include <atomic>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "exec/executor.h"
#include "exec/kernel.h"
#include "exec/thread_pool.h"
#include "io/input_data.h"
#include "io/npy.h"
#include "test_paths.h"

using namespace mb;
using namespace mb::exec;

namespace {

// y = x + attr "add" (float32), computed in parallel to exercise the pool.
Status addConstKernel(KernelContext& ctx) {
  const Tensor& x = ctx.input(0);
  if (x.dtype() != DType::Float32) return ctx.fail(ErrorCode::TypeMismatch, "float32 only");
  Tensor y = Tensor::zeros(DType::Float32, x.dims());
  float add = static_cast<float>(ctx.attrs().getFloat("add", 1.0));
  const float* in = x.data<float>();
  float* out = y.mutableData<float>();
  parallelFor(ctx.pool, x.numel(), 1, [&](int64_t b, int64_t e) {
    for (int64_t i = b; i < e; ++i) out[i] = in[i] + add;
  });
  ctx.outputs.push_back(std::move(y));
  return Status::ok();
}

// y = a + b, same shapes only; a shape mismatch at run time is an error naming the node.
Status addKernel(KernelContext& ctx) {
  const Tensor& a = ctx.input(0);
  const Tensor& b = ctx.input(1);
  if (a.dims() != b.dims())
    return ctx.fail(ErrorCode::ShapeMismatch, "shapes " + dimsToString(a.dims()) + " and " +
                                                  dimsToString(b.dims()) + " differ");
  Tensor y = Tensor::zeros(DType::Float32, a.dims());
  for (int64_t i = 0; i < a.numel(); ++i)
    y.mutableData<float>()[i] = a.data<float>()[i] + b.data<float>()[i];
  ctx.outputs.push_back(std::move(y));
  return Status::ok();
}

// y = log(x): produces NaN / -Inf for non-positive inputs.
Status logKernel(KernelContext& ctx) {
  const Tensor& x = ctx.input(0);
  Tensor y = Tensor::zeros(DType::Float32, x.dims());
  for (int64_t i = 0; i < x.numel(); ++i) y.mutableData<float>()[i] = std::log(x.data<float>()[i]);
  ctx.outputs.push_back(std::move(y));
  return Status::ok();
}

// Runs its "body" subgraph on its input and returns the body's output.
Status callKernel(KernelContext& ctx) {
  const auto* body = ctx.attrs().find("body");
  if (!body || !ctx.runSubgraph) return ctx.fail(ErrorCode::Internal, "no body");
  auto outs = ctx.runSubgraph(*body->as<std::shared_ptr<Graph>>(), {ctx.input(0)});
  if (!outs) return outs.error();
  ctx.outputs.push_back((*outs)[0]);
  return Status::ok();
}

// MindSpore-style kernel: y = x * params[0] (a "scale" Parameter).
Status msScaleKernel(KernelContext& ctx) {
  const Tensor& x = ctx.input(0);
  float scale = ctx.params.at(0)->data<float>()[0];
  Tensor y = Tensor::zeros(DType::Float32, x.dims());
  for (int64_t i = 0; i < x.numel(); ++i) y.mutableData<float>()[i] = x.data<float>()[i] * scale;
  ctx.outputs.push_back(std::move(y));
  return Status::ok();
}

MB_ONNX_DOMAIN_KERNEL("test.mb", "AddConst", 1, addConstKernel);
MB_ONNX_DOMAIN_KERNEL("test.mb", "Add", 1, addKernel);
MB_ONNX_DOMAIN_KERNEL("test.mb", "Log", 1, logKernel);
MB_ONNX_DOMAIN_KERNEL("test.mb", "Call", 1, callKernel);
MB_MINDSPORE_KERNEL("test.Scale", msScaleKernel);

ValueId addValue(Graph& g, const std::string& name, std::vector<Dim> dims = {Dim::symbolic("n")}) {
  Value v;
  v.name = name;
  v.dtype = DType::Float32;
  v.shape.dims = std::move(dims);
  v.shape.rankKnown = true;
  return g.addValue(std::move(v));
}

void addNode(Graph& g, const std::string& name, const std::string& op, std::vector<ValueId> in,
             std::vector<ValueId> out, double add = 1.0) {
  Node n;
  n.name = name;
  n.domain = "test.mb";
  n.opType = op;
  n.inputs = std::move(in);
  n.outputs = std::move(out);
  n.attrs.set("add", add);
  g.addNode(std::move(n));
}

// x → a=x+1 → b=a+2 → c=a+b (c is the output); nodes are added out of order on purpose.
Graph chain() {
  Graph g;
  g.opsetImports["test.mb"] = 1;
  ValueId x = addValue(g, "x");
  ValueId a = addValue(g, "a");
  ValueId b = addValue(g, "b");
  ValueId c = addValue(g, "c");
  g.inputs = {x};
  g.outputs = {c};
  addNode(g, "sum", "Add", {a, b}, {c});
  addNode(g, "plus2", "AddConst", {a}, {b}, 2.0);
  addNode(g, "plus1", "AddConst", {x}, {a}, 1.0);
  return g;
}

Tensor floats(std::vector<float> values) {
  auto n = static_cast<int64_t>(values.size());
  return Tensor::fromVector(DType::Float32, {n}, values);
}

}  // namespace

class TestExecutor : public QObject {
  Q_OBJECT
 private slots:
  void runsInDependencyOrderAndFrees() {
    Graph g = chain();
    Executor ex(g);
    std::vector<std::string> seen;
    RunOptions options;
    options.progress = [&](size_t done, size_t total, const std::string& node) {
      QCOMPARE(total, size_t(3));
      QCOMPARE(done, seen.size() + 1);
      seen.push_back(node);
    };
    auto result = ex.run({{"x", floats({1, 2, 3})}}, options);
    QVERIFY2(result.hasValue(), result ? "" : result.error().describe().c_str());
    QCOMPARE(seen, (std::vector<std::string>{"plus1", "plus2", "sum"}));
    const Tensor& c = result->outputs.at("c");
    QCOMPARE(c.toFloatVector(), (std::vector<float>{6, 8, 10}));  // (x+1) + (x+3)
    QVERIFY(result->taps.empty());
    // Live set peaks at x, a, b, c minus what was freed; never all four plus more.
    QVERIFY(result->peakBytes <= 4 * 3 * sizeof(float));
    QVERIFY(result->peakBytes >= 3 * 3 * sizeof(float));
  }

  void tapsAllSelectedAndSpill() {
    Graph g = chain();
    Executor ex(g);
    RunOptions all;
    all.taps.mode = TapMode::All;
    auto r1 = ex.run({{"x", floats({1, 2, 3})}}, all);
    QVERIFY(r1.hasValue());
    QCOMPARE(r1->taps.size(), size_t(4));  // x, a, b, c
    QCOMPARE(r1->taps.at("b").toFloatVector(), (std::vector<float>{4, 5, 6}));

    RunOptions selected;
    selected.taps.mode = TapMode::Selected;
    selected.taps.names = {"a"};
    auto r2 = ex.run({{"x", floats({1, 2, 3})}}, selected);
    QVERIFY(r2.hasValue());
    QCOMPARE(r2->taps.size(), size_t(1));
    QCOMPARE(r2->taps.at("a").toFloatVector(), (std::vector<float>{2, 3, 4}));

    std::string dir = mbtest::makeTempDir("spill");
    RunOptions spill;
    spill.taps.mode = TapMode::Spill;
    spill.taps.spillDir = dir + "/taps";
    auto r3 = ex.run({{"x", floats({1, 2, 3})}}, spill);
    QVERIFY(r3.hasValue());
    QCOMPARE(r3->spilled.size(), size_t(4));
    auto b = readNpy(r3->spilled.at("b"));
    QVERIFY(b.hasValue());
    QCOMPARE(b->toFloatVector(), (std::vector<float>{4, 5, 6}));
    QVERIFY(r3->taps.empty());
  }

  void budgetOverrunNamesTheNode() {
    Graph g = chain();
    Executor ex(g);
    RunOptions options;
    options.memoryBudget = 2 * 1000 * sizeof(float) + 100;  // room for two live values, not three
    std::vector<float> big(1000, 1.0f);
    auto result = ex.run({{"x", floats(big)}}, options);
    QVERIFY(!result.hasValue());
    QCOMPARE(result.error().code, ErrorCode::LimitExceeded);
    QVERIFY2(result.error().where.find("'sum'") != std::string::npos,
             result.error().describe().c_str());
    QVERIFY(result.error().message.find("budget") != std::string::npos);
    options.memoryBudget = 3 * 1000 * sizeof(float);
    QVERIFY(ex.run({{"x", floats(big)}}, options).hasValue());
  }

  void nanAndInfAreFlaggedNotFatal() {
    Graph g;
    g.opsetImports["test.mb"] = 1;
    ValueId x = addValue(g, "x");
    ValueId y = addValue(g, "y");
    g.inputs = {x};
    g.outputs = {y};
    addNode(g, "log", "Log", {x}, {y});
    Executor ex(g);
    auto result = ex.run({{"x", floats({1, 0, -1, std::nanf("")})}});
    QVERIFY(result.hasValue());
    QCOMPARE(result->nonFinite.size(), size_t(2));
    QCOMPARE(result->nonFinite[0].value, std::string("x"));  // the input itself
    QCOMPARE(result->nonFinite[0].nanCount, int64_t(1));
    QCOMPARE(result->nonFinite[1].value, std::string("y"));
    QCOMPARE(result->nonFinite[1].node, std::string("log"));
    QCOMPARE(result->nonFinite[1].nanCount, int64_t(2));
    QCOMPARE(result->nonFinite[1].infCount, int64_t(1));
  }

  void unsupportedOpNamesTheNode() {
    Graph g = chain();
    g.nodes[1].opType = "Frobnicate";
    Executor ex(g);
    Status status = ex.prepare();
    QVERIFY(!status);
    QCOMPARE(status.error().code, ErrorCode::UnsupportedOp);
    QVERIFY(status.error().where.find("'plus2' (Frobnicate)") != std::string::npos);
    auto result = ex.run({{"x", floats({1})}});
    QVERIFY(!result.hasValue());
    QCOMPARE(result.error().code, ErrorCode::UnsupportedOp);
  }

  void unconvertedNodesMarkDownstreamNotComputed() {
    Graph g = chain();
    g.outputs.push_back(g.findValue("a").value());
    g.nodes[1].unconverted = true;  // plus2
    g.nodes[1].opType = "onnx::Frobnicate";
    Executor ex(g);
    auto result = ex.run({{"x", floats({1, 2})}});
    QVERIFY2(result.hasValue(), result ? "" : result.error().describe().c_str());
    QCOMPARE(result->notComputed.at("b"), std::string("plus2"));
    QCOMPARE(result->notComputed.at("c"), std::string("plus2"));
    QVERIFY(!result->outputs.count("c"));
    QCOMPARE(result->outputs.at("a").toFloatVector(), (std::vector<float>{2, 3}));
  }

  void badInputsAreClearErrors() {
    Graph g = chain();
    g.value(0).shape.dims = {Dim::known(3)};
    Executor ex(g);
    auto wrongShape = ex.run({{"x", floats({1, 2})}});
    QVERIFY(!wrongShape.hasValue());
    QCOMPARE(wrongShape.error().code, ErrorCode::ShapeMismatch);
    QCOMPARE(wrongShape.error().where, std::string("input 'x'"));
    auto wrongType = ex.run({{"x", Tensor::fromVector<int64_t>(DType::Int64, {3}, {1, 2, 3})}});
    QCOMPARE(wrongType.error().code, ErrorCode::TypeMismatch);
    QVERIFY(wrongType.error().message.find("float32") != std::string::npos);
    auto missing = ex.run({});
    QCOMPARE(missing.error().code, ErrorCode::InvalidArgument);
    QCOMPARE(missing.error().where, std::string("input 'x'"));
    auto unknown = ex.run({{"x", floats({1, 2, 3})}, {"z", floats({1})}});
    QCOMPARE(unknown.error().where, std::string("input 'z'"));
  }

  void runtimeShapeMismatchNamesTheNode() {
    Graph g;
    g.opsetImports["test.mb"] = 1;
    ValueId x = addValue(g, "x", {Dim::symbolic("n")});
    ValueId y = addValue(g, "y", {Dim::symbolic("m")});
    ValueId z = addValue(g, "z");
    g.inputs = {x, y};
    g.outputs = {z};
    addNode(g, "join", "Add", {x, y}, {z});
    Executor ex(g);
    auto result = ex.run({{"x", floats({1, 2})}, {"y", floats({1, 2, 3})}});
    QVERIFY(!result.hasValue());
    QCOMPARE(result.error().code, ErrorCode::ShapeMismatch);
    QCOMPARE(result.error().where, std::string("node 'join' (Add)"));
  }

  void symbolicDimsMustAgreeAcrossInputs() {
    Graph g;
    g.opsetImports["test.mb"] = 1;
    ValueId x = addValue(g, "x", {Dim::symbolic("n")});
    ValueId y = addValue(g, "y", {Dim::symbolic("n")});
    ValueId z = addValue(g, "z");
    g.inputs = {x, y};
    g.outputs = {z};
    addNode(g, "join", "Add", {x, y}, {z});
    Executor ex(g);
    auto result = ex.run({{"x", floats({1, 2})}, {"y", floats({1, 2, 3})}});
    QCOMPARE(result.error().code, ErrorCode::ShapeMismatch);
    QVERIFY(result.error().message.find("'n'") != std::string::npos);
  }

  void cancellationStopsBetweenNodes() {
    Graph g = chain();
    Executor ex(g);
    std::atomic<bool> cancel{false};
    RunOptions options;
    options.cancel = &cancel;
    options.progress = [&](size_t done, size_t, const std::string&) {
      if (done == 1) cancel = true;
    };
    auto result = ex.run({{"x", floats({1})}}, options);
    QVERIFY(!result.hasValue());
    QCOMPARE(result.error().code, ErrorCode::Cancelled);
  }

  void subgraphReadsOuterScope() {
    // body(i) = i + a, where a is computed in the outer graph before the Call node.
    auto body = std::make_shared<Graph>();
    body->opsetImports["test.mb"] = 1;
    ValueId bi = addValue(*body, "i");
    ValueId ba = addValue(*body, "a");  // outer-scope reference
    ValueId bo = addValue(*body, "o");
    body->inputs = {bi};
    body->outputs = {bo};
    addNode(*body, "inner", "Add", {bi, ba}, {bo});

    Graph g;
    g.opsetImports["test.mb"] = 1;
    ValueId x = addValue(g, "x");
    ValueId a = addValue(g, "a");
    ValueId y = addValue(g, "y");
    g.inputs = {x};
    g.outputs = {y};
    Node call;
    call.name = "call";
    call.domain = "test.mb";
    call.opType = "Call";
    call.inputs = {x};
    call.outputs = {y};
    call.attrs.set("body", body);
    g.addNode(
        std::move(call));  // before a's producer in file order: ordering must use the body's reads
    addNode(g, "make_a", "AddConst", {x}, {a}, 10.0);
    Executor ex(g);
    auto result = ex.run({{"x", floats({1, 2})}});
    QVERIFY2(result.hasValue(), result ? "" : result.error().describe().c_str());
    QCOMPARE(result->outputs.at("y").toFloatVector(), (std::vector<float>{12, 14}));
  }

  void mindSporeNodesGetParams() {
    Graph g;
    g.dialect = Dialect::MindSpore;
    ValueId x = addValue(g, "x");
    Value scale;
    scale.name = "cell.scale";
    scale.dtype = DType::Float32;
    scale.initializer = Tensor::fromVector<float>(DType::Float32, {1}, {3.0f});
    ValueId s = g.addValue(std::move(scale));
    ValueId y = addValue(g, "y");
    g.inputs = {x};
    g.outputs = {y};
    Node n;
    n.name = "cell";
    n.dialect = Dialect::MindSpore;
    n.domain = "mindspore";
    n.opType = "test.Scale";
    n.inputs = {x};
    n.outputs = {y};
    n.params = {{"scale", s}};
    g.addNode(std::move(n));
    Executor ex(g);
    auto result = ex.run({{"x", floats({1, 2})}});
    QVERIFY2(result.hasValue(), result ? "" : result.error().describe().c_str());
    QCOMPARE(result->outputs.at("y").toFloatVector(), (std::vector<float>{3, 6}));
  }

  void threadPoolCoversEveryIndexOnce() {
    ThreadPool pool(2);
    std::vector<std::atomic<int>> hits(10007);
    for (int round = 0; round < 20; ++round)
      pool.parallelFor(10007, 16, [&](int64_t b, int64_t e) {
        for (int64_t i = b; i < e; ++i) hits[static_cast<size_t>(i)]++;
      });
    for (auto& h : hits) QCOMPARE(h.load(), 20);
  }

  void npyRoundTripAllDtypes() {
    std::string dir = mbtest::makeTempDir("npy");
    for (DType t :
         {DType::Float32, DType::Float64, DType::Float16, DType::Int8, DType::Int16, DType::Int32,
          DType::Int64, DType::UInt8, DType::UInt16, DType::UInt32, DType::UInt64, DType::Bool}) {
      auto tensor = randomTensor(t, {2, 3}, 7);
      QVERIFY(tensor.hasValue());
      std::string path = dir + "/t.npy";
      QVERIFY(writeNpy(path, *tensor));
      auto back = readNpy(path);
      QVERIFY2(back.hasValue(), back ? "" : back.error().describe().c_str());
      QCOMPARE(back->dtype(), t);
      QCOMPARE(back->dims(), tensor->dims());
      QVERIFY(std::memcmp(back->bytes(), tensor->bytes(), tensor->nbytes()) == 0);
    }
    auto scalar = Tensor::scalarFloat(2.5f);
    QVERIFY(writeNpy(dir + "/s.npy", scalar));
    auto back = readNpy(dir + "/s.npy");
    QVERIFY(back.hasValue());
    QCOMPARE(back->rank(), int64_t(0));
    QCOMPARE(back->elementAsDouble(0), 2.5);
  }

  void npyMatchesNumpy() {
    // numpy itself wrote these bytes: a big-endian int32 [2] array and a 1-tuple shape.
    std::string dir = mbtest::makeTempDir("npy-numpy");
    std::string script = "import numpy as np; np.save('" + dir +
                         "/be.npy', np.array([1, -2], dtype='>i4')); " + "np.save('" + dir +
                         "/f.npy', np.asfortranarray(np.ones((2, 3), np.float32)))";
    QCOMPARE(std::system((mbtest::pythonExe() + " -c \"" + script + "\"").c_str()), 0);
    auto be = readNpy(dir + "/be.npy");
    QVERIFY2(be.hasValue(), be ? "" : be.error().describe().c_str());
    QCOMPARE(be->toInt64Vector(), (std::vector<int64_t>{1, -2}));
    auto fortran = readNpy(dir + "/f.npy");
    QVERIFY(!fortran.hasValue());
    QVERIFY(fortran.error().message.find("Fortran") != std::string::npos);
  }

  void npyBadFilesAreRefused() {
    std::string dir = mbtest::makeTempDir("npy-bad");
    auto write = [&](const std::string& name, const std::string& bytes) {
      std::ofstream(dir + "/" + name, std::ios::binary) << bytes;
      return dir + "/" + name;
    };
    QCOMPARE(readNpy(write("garbage.npy", "hello world")).error().code, ErrorCode::BadFormat);
    std::string good = encodeNpy(Tensor::fromVector<float>(DType::Float32, {4}, {1, 2, 3, 4}));
    QCOMPARE(readNpy(write("cut.npy", good.substr(0, good.size() - 3))).error().code,
             ErrorCode::FileTruncated);
    QCOMPARE(readNpy(write("hdr.npy", good.substr(0, 20))).error().code, ErrorCode::FileTruncated);
    std::string objects = good;
    objects.replace(objects.find("<f4"), 3, "|O8");
    QCOMPARE(readNpy(write("obj.npy", objects)).error().code, ErrorCode::BadFormat);
    QCOMPARE(readNpy(dir + "/missing.npy").error().code, ErrorCode::FileNotFound);
    auto notPb = readTensorFile(write("x.pb", std::string("\xff\xff\xff\xff", 4)));
    QVERIFY(!notPb.hasValue());
  }

  void tensorProtoFilesRead() {
    std::string dir = mbtest::makeTempDir("pb");
    std::string script =
        "import onnx, numpy as np; from onnx import numpy_helper as h; "
        "open('" +
        dir +
        "/a.pb','wb').write(h.from_array(np.arange(6, "
        "dtype=np.float32).reshape(2,3)).SerializeToString()); "
        "t = onnx.helper.make_tensor('b', onnx.TensorProto.INT64, [3], [4, 5, 6]); "
        "open('" +
        dir + "/b.pb','wb').write(t.SerializeToString())";
    QCOMPARE(std::system((mbtest::pythonExe() + " -c \"" + script + "\"").c_str()), 0);
    auto a = readTensorFile(dir + "/a.pb");
    QVERIFY2(a.hasValue(), a ? "" : a.error().describe().c_str());
    QCOMPARE(a->dims(), (std::vector<int64_t>{2, 3}));
    QCOMPARE(a->elementAsDouble(5), 5.0);
    auto b = readTensorProtoFile(dir + "/b.pb");
    QVERIFY(b.hasValue());
    QCOMPARE(b->toInt64Vector(), (std::vector<int64_t>{4, 5, 6}));
  }

  void randomInputsFollowSpecsAndSeeds() {
    Graph g = chain();
    RandomInputOptions options;
    options.seed = 3;
    auto noDim = randomInputs(g, options);
    QVERIFY(!noDim.hasValue());
    QVERIFY(noDim.error().message.find("'n'") != std::string::npos);
    QCOMPARE(noDim.error().where, std::string("input 'x'"));
    options.dimValues["n"] = 5;
    auto first = randomInputs(g, options);
    auto second = randomInputs(g, options);
    QVERIFY(first.hasValue() && second.hasValue());
    QCOMPARE(first->at("x").dims(), (std::vector<int64_t>{5}));
    QCOMPARE(first->at("x").toFloatVector(), second->at("x").toFloatVector());
    options.seed = 4;
    QVERIFY(randomInputs(g, options)->at("x").toFloatVector() != first->at("x").toFloatVector());
    options.shapes["x"] = {2, 2};
    QCOMPARE(randomInputs(g, options).error().code, ErrorCode::ShapeMismatch);
  }
};

QTEST_APPLESS_MAIN(TestExecutor)
#include "test_executor.moc"
