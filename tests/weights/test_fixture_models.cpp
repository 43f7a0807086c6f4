// The fixture models (tests/fixtures/make_fixtures.py): each state_dict.pth maps 100% automatically
// onto the converted model of its training-mode ONNX export (and of the eval export where nothing
// is folded), for both API levels, and every checkpoint tensor is byte-identical to its torch
// tensor (after the recorded transforms, which here are none or reshapes).
#include <QtTest>

#include "test_paths.h"

#include "io/checkpoint_reader.h"
#include "weights/sources.h"
#include "weights/targets.h"
#include "weights/weight_outputs.h"

using namespace mb;
using namespace mb::weights;

class TestFixtureModels : public QObject {
  Q_OBJECT
  std::string dir = mbtest::makeTempDir("fixture-weights");

  void check(const std::string& model, const std::string& mode, const std::string& api) {
    const std::string what = model + " " + mode + " " + api;
    auto sources = loadSourceTensors(mbtest::fixture("data/" + model + "/state_dict.pth"));
    QVERIFY2(sources, sources ? "" : sources.error().describe().c_str());
    std::string how;
    auto targets =
        targetsFromOnnx(mbtest::fixture("models/" + model + "_op17_" + mode + ".onnx"), api, &how);
    QVERIFY2(targets, targets ? "" : targets.error().describe().c_str());
    QVERIFY2(how.find("converted") != std::string::npos, (what + ": " + how).c_str());
    MappingOptions options;
    options.targetApi = api;
    auto mapping = mapWeights(sources->tensors, *targets, {}, options);
    QVERIFY2(mapping.complete(), (what + "\n" + formatMappingTable(mapping)).c_str());
    std::string path = dir + "/" + model + "_" + mode + "_" + api + ".ckpt";
    QVERIFY(writeMappedCheckpoint(path, sources->tensors, mapping));
    auto ckpt = readCheckpoint(path);
    QVERIFY(ckpt);
    for (const auto& entry : mapping.entries) {
      if (!isMatched(entry.status)) continue;
      const CheckpointEntry* written = ckpt->find(entry.target);
      QVERIFY2(written, entry.target.c_str());
      for (const auto& t : entry.transforms) QCOMPARE(t.kind, std::string("reshape"));
      for (const auto& [name, tensor] : sources->tensors)
        if (name == entry.source) {
          QCOMPARE(written->tensor.nbytes(), tensor.nbytes());
          QVERIFY2(std::memcmp(written->tensor.bytes(), tensor.bytes(), tensor.nbytes()) == 0,
                   entry.target.c_str());
        }
    }
  }

 private slots:
  void resnet18() {
    for (auto api : {"classic", "mint"}) check("resnet18", "train", api);
  }
  void mobilenetV2() {
    for (auto api : {"classic", "mint"}) check("mobilenet_v2", "train", api);
  }
  void transformerEncoder() {
    for (auto mode : {"train", "eval"})
      for (auto api : {"classic", "mint"}) check("transformer_encoder", mode, api);
  }
  void lstmGru() {
    for (auto mode : {"train", "eval"})
      for (auto api : {"classic", "mint"}) check("lstm_gru", mode, api);
  }
};

QTEST_APPLESS_MAIN(TestFixtureModels)
#include "test_fixture_models.moc"
