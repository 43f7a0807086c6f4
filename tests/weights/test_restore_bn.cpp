// BatchNorm restoration on the eval-mode (BN folded) exports of resnet18 and mobilenet_v2, at both
// API levels: every BatchNorm module of the state_dict comes back as a Cell holding the
// state_dict's bytes, the Convs hold the unfolded weights, and the restored graph computes the same
// as the source layer by layer (max_abs ≤ 1e-5·max(1,max|ref|), cosine ≥ 0.999999) on the fixture's
// inputs.
#include <QtTest>

#include <sys/wait.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>

#include "compare/layer_diff_runner.h"
#include "convert/convert_graph.h"
#include "io/npy.h"
#include "io/onnx_importer.h"
#include "test_paths.h"
#include "weights/restore_bn.h"
#include "weights/sources.h"

using namespace mb;

namespace {

bool sameBytes(const Tensor& a, const Tensor& b) {
  return a.dtype() == b.dtype() && a.dims() == b.dims() && a.nbytes() == b.nbytes() &&
         std::memcmp(a.bytes(), b.bytes(), a.nbytes()) == 0;
}

// Runs `mindbridge-cli convert ARGS`; returns the exit code and stderr.
std::pair<int, std::string> convertCli(const std::string& args, const std::string& logDir) {
  const std::string err = logDir + "/stderr.txt";
  int status =
      std::system((mbtest::cliExe() + " convert " + args + " > /dev/null 2> " + err).c_str());
  std::ifstream in(err);
  std::stringstream text;
  text << in.rdbuf();
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, text.str()};
}

}  // namespace

class TestRestoreBn : public QObject {
  Q_OBJECT
 private slots:
  void restoredModelsMatchTheSource_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("batchNorms");
    QTest::newRow("resnet18") << "resnet18" << 20;
    QTest::newRow("mobilenet_v2") << "mobilenet_v2" << 52;
  }
  void restoredModelsMatchTheSource() {
    QFETCH(QString, name);
    QFETCH(int, batchNorms);
    const std::string n = name.toStdString();
    auto imported = importOnnxFile(mbtest::fixture("models/" + n + "_op17_eval.onnx"));
    QVERIFY2(imported.hasValue(), imported ? "" : imported.error().describe().c_str());
    auto sd = weights::loadSourceTensors(mbtest::fixture("data/" + n + "/state_dict.pth"));
    QVERIFY2(sd.hasValue(), sd ? "" : sd.error().describe().c_str());
    std::map<std::string, const Tensor*> byKey;
    for (const auto& [k, t] : sd->tensors) byKey[k] = &t;
    for (auto api : {convert::TargetApi::Classic, convert::TargetApi::Mint}) {
      convert::ConvertOptions options;
      options.api = api;
      auto converted = convert::convertGraph(imported->graph, options);
      QVERIFY(converted.hasValue());
      Graph g = converted->converted;
      auto restored = weights::restoreBatchNorm(g, sd->tensors);
      QVERIFY2(restored.hasValue(), restored ? "" : restored.error().describe().c_str());
      QCOMPARE(static_cast<int>(restored->size()), batchNorms);
      // Every parameter that names a state_dict entry holds its bytes (BN renames undone).
      const bool mint = api == convert::TargetApi::Mint;
      std::set<std::string> bnCells;
      for (const auto& r : *restored) bnCells.insert(r.batchNorm);
      int checked = 0;
      for (const Node& node : g.nodes) {
        const bool isBn = node.opType.find("BatchNorm2d") != std::string::npos;
        if (isBn) QVERIFY(bnCells.count(node.scope));
        for (const auto& p : node.params) {
          std::string torchName = p.name;
          if (!mint && isBn)
            torchName = p.name == "gamma"         ? "weight"
                        : p.name == "beta"        ? "bias"
                        : p.name == "moving_mean" ? "running_mean"
                                                  : "running_var";
          auto it = byKey.find(node.scope + "." + torchName);
          if (!isBn && !bnCells.count(node.scope) && node.opType.find("Conv") == std::string::npos)
            continue;
          if (it == byKey.end()) continue;
          QVERIFY2(sameBytes(*g.value(p.value).initializer, *it->second),
                   (node.scope + "." + p.name).c_str());
          ++checked;
        }
      }
      QVERIFY(checked >= batchNorms * 5);  // 4 BN tensors + the Conv weight each
      compare::DiffRunOptions run;
      for (ValueId id : imported->graph.inputs) {
        const std::string in = imported->graph.value(id).name;
        auto t = readNpy(mbtest::fixture("data/" + n + "/inputs/" + in + ".npy"));
        QVERIFY2(t.hasValue(), t ? "" : t.error().describe().c_str());
        run.inputs[in] = *t;
      }
      auto report = compare::runLayerDiff(imported->graph, g, run);
      QVERIFY2(report.hasValue(), report ? "" : report.error().describe().c_str());
      QVERIFY(report->executionErrors.empty());
      size_t compared = 0;
      for (const auto& l : report->layers) {
        if (l.status != compare::LayerStatus::Compared) continue;
        ++compared;
        QVERIFY2(l.stats.scaledMaxAbs() <= 1e-5 && l.stats.cosine >= 0.999999,
                 (l.align.sourceValue + " max_abs " + std::to_string(l.stats.maxAbs)).c_str());
      }
      QVERIFY(compared > static_cast<size_t>(batchNorms));
    }
  }

  // convert --restore-bn: the emitted ckpt holds the BatchNorm keys with the state_dict's bytes,
  // model.py declares the Cells, and the CLI's diff passes (elementwise atol 1e-4: unfolding
  // changes float rounding by up to ~2e-5 on values of magnitude ~15).
  void cliRestoresBatchNorm() {
    const std::string out = mbtest::makeTempDir("restore-bn");
    const std::string logs = mbtest::makeTempDir("restore-bn-logs");
    const std::string pth = mbtest::fixture("data/resnet18/state_dict.pth");
    auto [code, err] = convertCli(
        "--model_file " + mbtest::fixture("models/resnet18_op17_eval.onnx") + " --restore-bn " +
            pth + " --output " + out + " --diff --atol 1e-4 --no-validation-data",
        logs);
    QVERIFY2(code == 0, err.c_str());
    QVERIFY(err.find("restored 20 BatchNorm Cells") != std::string::npos);
    auto ckpt = weights::loadSourceTensors(out + "/resnet18_op17_eval.ckpt");
    QVERIFY2(ckpt.hasValue(), ckpt ? "" : ckpt.error().describe().c_str());
    auto sd = weights::loadSourceTensors(pth);
    QVERIFY(sd.hasValue());
    std::map<std::string, const Tensor*> saved;
    for (const auto& [k, t] : ckpt->tensors) saved[k] = &t;
    int same = 0;
    for (const auto& [k, t] : sd->tensors) {
      std::string key = k;
      for (auto [from, to] : {std::pair<std::string, std::string>{"bn1.weight", "bn1.gamma"},
                              {"running_mean", "moving_mean"},
                              {"running_var", "moving_variance"}})
        if (key.size() >= from.size() &&
            key.compare(key.size() - from.size(), from.size(), from) == 0)
          key = key.substr(0, key.size() - from.size()) + to;
      auto it = saved.find(key);
      if (it != saved.end() && sameBytes(*it->second, t)) ++same;
    }
    QVERIFY2(same >= 3 * 20, std::to_string(same).c_str());  // mean, var (+gamma of bn1) per BN
    QVERIFY(saved.count("layer1.0.bn1.gamma") && saved.count("layer1.0.conv1.weight"));
    QVERIFY(!saved.count("layer1.0.conv1.bias"));  // torchvision's Convs have no bias
    // Bad inputs: a missing file, a state_dict of another model.
    auto [missingCode, missingErr] =
        convertCli("--model_file " + mbtest::fixture("models/resnet18_op17_eval.onnx") +
                       " --restore-bn /nonexistent.pth --output " + out + "/x",
                   logs);
    QCOMPARE(missingCode, 1);
    QVERIFY2(missingErr.find("/nonexistent.pth") != std::string::npos, missingErr.c_str());
    auto [otherCode, otherErr] =
        convertCli("--model_file " + mbtest::fixture("models/mobilenet_v2_op17_eval.onnx") +
                       " --restore-bn " + pth + " --output " + out + "/y",
                   logs);
    QCOMPARE(otherCode, 1);
    QVERIFY2(otherErr.find("no Conv of the model has a folded BatchNorm") != std::string::npos,
             otherErr.c_str());
  }

  // pth2ckpt --onnx EVAL.onnx --restore-bn maps the whole state_dict (without it, the folded
  // BatchNorms leave it incomplete); --restore-bn without --onnx is a usage error.
  void pth2ckptRestoresBatchNorm() {
    const std::string logs = mbtest::makeTempDir("restore-bn-pth2ckpt");
    const std::string pth = mbtest::fixture("data/mobilenet_v2/state_dict.pth");
    const std::string onnx = mbtest::fixture("models/mobilenet_v2_op17_eval.onnx");
    auto run = [&](const std::string& args) {
      const std::string err = logs + "/stderr.txt";
      int status =
          std::system((mbtest::cliExe() + " pth2ckpt " + args + " > /dev/null 2> " + err).c_str());
      std::ifstream in(err);
      std::stringstream text;
      text << in.rdbuf();
      return std::pair<int, std::string>{WIFEXITED(status) ? WEXITSTATUS(status) : -1, text.str()};
    };
    for (const char* api : {"classic", "mint"}) {
      const std::string out = logs + "/" + api + ".ckpt";
      auto [code, err] = run("--pth " + pth + " --onnx " + onnx + " --restore-bn --target-api " +
                             api + " --out " + out + " --quiet");
      QVERIFY2(code == 0, err.c_str());
      auto ckpt = weights::loadSourceTensors(out);
      QVERIFY(ckpt.hasValue());
      QVERIFY(ckpt->tensors.size() >= 52 * 5);
    }
    auto [folded, foldedErr] =
        run("--pth " + pth + " --onnx " + onnx + " --out " + logs + "/f.ckpt");
    QVERIFY(folded != 0);
    QVERIFY2(foldedErr.find("--restore-bn") != std::string::npos, foldedErr.c_str());
    auto [usage, usageErr] =
        run("--pth " + pth + " --keys " + pth + " --restore-bn --out " + logs + "/u.ckpt");
    QCOMPARE(usage, 2);
    QVERIFY2(usageErr.find("--restore-bn needs --onnx") != std::string::npos, usageErr.c_str());
  }

  // Train-mode exports keep their BatchNorms: nothing to restore; a graph of the ONNX dialect is
  // refused with a clear error.
  void nothingToRestoreAndBadInput() {
    auto imported = importOnnxFile(mbtest::fixture("models/resnet18_op17_train.onnx"));
    QVERIFY(imported.hasValue());
    auto sd = weights::loadSourceTensors(mbtest::fixture("data/resnet18/state_dict.pth"));
    QVERIFY(sd.hasValue());
    auto converted = convert::convertGraph(imported->graph, {});
    QVERIFY(converted.hasValue());
    auto none = weights::restoreBatchNorm(converted->converted, sd->tensors);
    QVERIFY(none.hasValue());
    QCOMPARE(none->size(), size_t{0});
    auto bad = weights::restoreBatchNorm(imported->graph, sd->tensors);
    QVERIFY(!bad.hasValue());
    QVERIFY(bad.error().message.find("converted graph") != std::string::npos);
  }
};

QTEST_APPLESS_MAIN(TestRestoreBn)
#include "test_restore_bn.moc"
