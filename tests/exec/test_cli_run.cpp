// `mindbridge-cli run` end to end on small models written by python3-onnx, with numpy computing
// the expected outputs: file inputs (.npy, .pb), random inputs, --outputs / --dump, and every bad
// input (wrong dtype or shape, unknown input, missing file, unsupported op, budget overrun, NaN).
#include <QProcess>
#include <QtTest>

#include <filesystem>
#include <fstream>

#include "io/npy.h"
#include "test_paths.h"

namespace {

struct Run {
  int exitCode = -1;
  std::string out, err;
};

Run runCli(const QStringList& args) {
  QProcess process;
  process.start(QString::fromStdString(mbtest::cliExe()), args);
  process.waitForFinished(120000);
  return {process.exitCode(), process.readAllStandardOutput().toStdString(),
          process.readAllStandardError().toStdString()};
}

QString q(const std::string& s) {
  return QString::fromStdString(s);
}

}  // namespace

class TestCliRun : public QObject {
  Q_OBJECT
  std::string dir_;

 private slots:
  void initTestCase() {
    dir_ = mbtest::makeTempDir("cli-run");
    // mlp.onnx: y = relu(x · W + b) as MatMul + Gemm-free ops of ours (Gemm with a bias), x [2, 4];
    // weird.onnx: a node of an op nobody implements; big.onnx: a Conv whose output is 4 MiB.
    std::string script = R"PY(
import sys, numpy as np, onnx
from onnx import helper as h, TensorProto as T, numpy_helper as nh
d = sys.argv[1]
rng = np.random.default_rng(0)
W = rng.standard_normal((4, 3)).astype(np.float32); b = rng.standard_normal(3).astype(np.float32)
g = h.make_graph([h.make_node('Gemm', ['x', 'W', 'b'], ['y'], name='fc')], 'mlp',
                 [h.make_tensor_value_info('x', T.FLOAT, ['n', 4])], [h.make_tensor_value_info('y', T.FLOAT, ['n', 3])],
                 [nh.from_array(W, 'W'), nh.from_array(b, 'b')])
onnx.save(h.make_model(g, opset_imports=[h.make_opsetid('', 13)]), d + '/mlp.onnx')
x = rng.standard_normal((2, 4)).astype(np.float32)
np.save(d + '/x.npy', x); np.save(d + '/expected.npy', x @ W + b)
open(d + '/x.pb', 'wb').write(nh.from_array(x).SerializeToString())
np.save(d + '/x_int.npy', x.astype(np.int64)); np.save(d + '/x_rank3.npy', x.reshape(1, 2, 4))
xn = x.copy(); xn[0, 0] = np.nan; np.save(d + '/x_nan.npy', xn)
g = h.make_graph([h.make_node('Frobnicate', ['x'], ['y'], name='weird', domain='')], 'weird',
                 [h.make_tensor_value_info('x', T.FLOAT, [2, 4])], [h.make_tensor_value_info('y', T.FLOAT, [2, 4])])
onnx.save(h.make_model(g, opset_imports=[h.make_opsetid('', 13)]), d + '/weird.onnx')
Wc = rng.standard_normal((64, 1, 3, 3)).astype(np.float32)
g = h.make_graph([h.make_node('Conv', ['x', 'Wc'], ['y'], name='wide_conv', pads=[1, 1, 1, 1])], 'big',
                 [h.make_tensor_value_info('x', T.FLOAT, [1, 1, 128, 128])],
                 [h.make_tensor_value_info('y', T.FLOAT, [1, 64, 128, 128])], [nh.from_array(Wc, 'Wc')])
onnx.save(h.make_model(g, opset_imports=[h.make_opsetid('', 13)]), d + '/big.onnx')
)PY";
    std::ofstream(dir_ + "/make.py") << script;
    QCOMPARE(QProcess::execute(q(mbtest::pythonExe()), {q(dir_ + "/make.py"), q(dir_)}), 0);
  }

  void runsWithNpyInputAndSavesOutputs() {
    Run r = runCli({"run", q(dir_ + "/mlp.onnx"), "--input", q("x=" + dir_ + "/x.npy"), "--outputs",
                    q(dir_ + "/out")});
    QVERIFY2(r.exitCode == 0, r.err.c_str());
    QVERIFY(r.out.find("Output   y  float32 [2,3]") != std::string::npos);
    auto got = mb::readNpy(dir_ + "/out/y.npy");
    auto expected = mb::readNpy(dir_ + "/expected.npy");
    QVERIFY(got.hasValue() && expected.hasValue());
    QCOMPARE(got->dims(), expected->dims());
    for (int64_t i = 0; i < got->numel(); ++i)
      QVERIFY(std::fabs(got->elementAsDouble(i) - expected->elementAsDouble(i)) < 1e-5);
  }

  void runsWithPbInputAndDumps() {
    Run r = runCli({"run", q(dir_ + "/mlp.onnx"), "--input", q(dir_ + "/x.pb"), "--dump",
                    q(dir_ + "/dump"), "--json"});
    QVERIFY2(r.exitCode == 0, r.err.c_str());
    QVERIFY(std::filesystem::exists(dir_ + "/dump/index.json"));
    QVERIFY(std::filesystem::exists(dir_ + "/dump/x.npy"));
    auto y = mb::readNpy(dir_ + "/dump/y.npy");
    auto expected = mb::readNpy(dir_ + "/expected.npy");
    QVERIFY(y.hasValue());
    QVERIFY(std::fabs(y->elementAsDouble(5) - expected->elementAsDouble(5)) < 1e-5);
    QVERIFY(r.out.find("\"peak_bytes\"") != std::string::npos);
  }

  void randomInputsNeedSymbolicDims() {
    Run missing = runCli({"run", q(dir_ + "/mlp.onnx")});
    QCOMPARE(missing.exitCode, 1);
    QVERIFY2(missing.err.find("input 'x'") != std::string::npos &&
                 missing.err.find("--shape") != std::string::npos,
             missing.err.c_str());
    Run given = runCli({"run", q(dir_ + "/mlp.onnx"), "--shape", "x:5,4", "--seed", "7"});
    QVERIFY2(given.exitCode == 0, given.err.c_str());
    QVERIFY(given.out.find("[5,3]") != std::string::npos);
    Run again = runCli({"run", q(dir_ + "/mlp.onnx"), "--shape", "x:5,4", "--seed", "7"});
    QCOMPARE(again.out, given.out);  // same seed, same data
  }

  void wrongDtypeOrShapeFilesAreRefused() {
    Run dtype = runCli({"run", q(dir_ + "/mlp.onnx"), "--input", q("x=" + dir_ + "/x_int.npy")});
    QCOMPARE(dtype.exitCode, 1);
    QVERIFY2(dtype.err.find("input 'x'") != std::string::npos &&
                 dtype.err.find("float32") != std::string::npos &&
                 dtype.err.find("int64") != std::string::npos &&
                 dtype.err.find("x_int.npy") != std::string::npos,
             dtype.err.c_str());
    Run shape = runCli({"run", q(dir_ + "/mlp.onnx"), "--input", q("x=" + dir_ + "/x_rank3.npy")});
    QCOMPARE(shape.exitCode, 1);
    QVERIFY2(shape.err.find("input 'x'") != std::string::npos &&
                 shape.err.find("[1,2,4]") != std::string::npos,
             shape.err.c_str());
    Run unknown = runCli({"run", q(dir_ + "/mlp.onnx"), "--input", q("z=" + dir_ + "/x.npy")});
    QCOMPARE(unknown.exitCode, 1);
    QVERIFY(unknown.err.find("no input 'z'") != std::string::npos);
    Run missingFile =
        runCli({"run", q(dir_ + "/mlp.onnx"), "--input", q("x=" + dir_ + "/nope.npy")});
    QCOMPARE(missingFile.exitCode, 1);
    QVERIFY(missingFile.err.find("nope.npy") != std::string::npos);
    std::ofstream(dir_ + "/junk.npy") << "not a tensor";
    Run junk = runCli({"run", q(dir_ + "/mlp.onnx"), "--input", q("x=" + dir_ + "/junk.npy")});
    QCOMPARE(junk.exitCode, 1);
    QVERIFY(junk.err.find("junk.npy") != std::string::npos);
  }

  void unsupportedOpNamesTheNode() {
    Run r = runCli({"run", q(dir_ + "/weird.onnx")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.find("node 'weird' (Frobnicate)") != std::string::npos &&
                 r.err.find("unsupported") != std::string::npos,
             r.err.c_str());
  }

  void budgetOverrunNamesTheNode() {
    Run r = runCli({"run", q(dir_ + "/big.onnx"), "--budget", "1M"});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.find("node 'wide_conv'") != std::string::npos &&
                 r.err.find("budget") != std::string::npos,
             r.err.c_str());
    Run enough = runCli({"run", q(dir_ + "/big.onnx"), "--budget", "16M"});
    QVERIFY2(enough.exitCode == 0, enough.err.c_str());
    Run bad = runCli({"run", q(dir_ + "/big.onnx"), "--budget", "lots"});
    QCOMPARE(bad.exitCode, 2);
  }

  void nanInputsAreFlagged() {
    Run r =
        runCli({"run", q(dir_ + "/mlp.onnx"), "--input", q("x=" + dir_ + "/x_nan.npy"), "--json"});
    QVERIFY2(r.exitCode == 0, r.err.c_str());
    QVERIFY2(r.err.find("value 'x' (a model input) holds 1 NaN") != std::string::npos,
             r.err.c_str());
    QVERIFY(r.err.find("value 'y' from node 'fc'") != std::string::npos);
    QVERIFY(r.out.find("\"nan\": 1") != std::string::npos);
  }

  void usageErrors() {
    QCOMPARE(runCli({"run"}).exitCode, 2);
    QCOMPARE(runCli({"run", q(dir_ + "/mlp.onnx"), "--seed", "-3"}).exitCode, 2);
    QCOMPARE(runCli({"run", q(dir_ + "/mlp.onnx"), "--frob"}).exitCode, 2);
  }
};

QTEST_APPLESS_MAIN(TestCliRun)
#include "test_cli_run.moc"
