// The mapping engine on real torch state dicts (resnet18, a model with every renamed layer) and on
// synthetic cases for each matching step, status and transform.
#include <QtTest>

#include "io/checkpoint_reader.h"
#include "io/onnx_importer.h"
#include "io/pth_reader.h"
#include "io_test_util.h"
#include "weights/targets.h"
#include "weights/weight_outputs.h"

using namespace mb;
using namespace mb::weights;

namespace {
std::string fx(const std::string& name) {
  return std::string(MB_PTH_FIXTURE_DIR) + "/" + name;
}

Tensor f32(std::vector<int64_t> dims) {
  Tensor t = Tensor::zeros(DType::Float32, dims);
  for (int64_t i = 0; i < t.numel(); ++i) t.mutableData<float>()[i] = float(i) * 0.25f - 1;
  return t;
}

const MappingEntry* entryFor(const MappingResult& result, const std::string& source) {
  for (const auto& e : result.entries)
    if (e.source == source) return &e;
  return nullptr;
}

// Writes the mapped checkpoint, reads it back, and checks every tensor against its source bytes
// (after reshape, the only transform these fixtures need).
void checkByteIdentical(const SourceTensors& sources, const MappingResult& mapping,
                        const std::string& path) {
  QVERIFY(writeMappedCheckpoint(path, sources, mapping));
  auto ckpt = readCheckpoint(path);
  QVERIFY(ckpt);
  QCOMPARE(ckpt->entries.size(), mapping.matched());
  size_t i = 0;
  for (const auto& entry : mapping.entries) {
    if (!isMatched(entry.status)) continue;
    const auto& written = ckpt->entries[i++];
    QCOMPARE(written.name, entry.target);
    const Tensor* source = nullptr;
    for (const auto& [name, t] : sources)
      if (name == entry.source) source = &t;
    QVERIFY(source);
    QCOMPARE(written.tensor.dims(), entry.targetShape);
    QCOMPARE(written.tensor.nbytes(), source->nbytes());
    QVERIFY2(source->nbytes() == 0 ||
                 std::memcmp(written.tensor.bytes(), source->bytes(), source->nbytes()) == 0,
             entry.target.c_str());
  }
}
}  // namespace

class TestMapping : public QObject {
  Q_OBJECT
  std::string dir = mbtest::makeTempDir("mapping");

 private slots:
  void resnet18ClassicFromKeys() {
    auto pth = readPth(fx("resnet18.pth"));
    QVERIFY(pth);
    auto targets = targetsFromKeyFile(fx("resnet18_keys_classic.txt"));
    QVERIFY(targets);
    auto mapping = mapWeights(pth->tensors, *targets);
    QVERIFY2(mapping.complete(), mappingSummary(mapping).c_str());
    QCOMPARE(mapping.count(MatchStatus::MatchedExact), size_t(22));
    QCOMPARE(mapping.count(MatchStatus::MatchedRule), size_t(80));
    QCOMPARE(mapping.count(MatchStatus::Dropped), size_t(20));
    QCOMPARE(entryFor(mapping, "layer2.0.downsample.1.running_var")->target,
             std::string("layer2.0.downsample.1.moving_variance"));
    checkByteIdentical(pth->tensors, mapping, dir + "/r18_classic.ckpt");
  }
  void resnet18MintFromKeys() {
    auto pth = readPth(fx("resnet18.pth"));
    auto targets = targetsFromKeyFile(fx("resnet18_keys_mint.txt"));
    QVERIFY(pth && targets);
    MappingOptions mint;
    mint.targetApi = "mint";
    auto mapping = mapWeights(pth->tensors, *targets, {}, mint);
    QVERIFY(mapping.complete());
    QCOMPARE(mapping.count(MatchStatus::MatchedExact), size_t(122));
    checkByteIdentical(pth->tensors, mapping, dir + "/r18_mint.ckpt");
  }
  void resnet18FromConvertedOnnxTrainExport() {
    auto pth = readPth(fx("resnet18.pth"));
    QVERIFY(pth);
    for (std::string api : {"classic", "mint"}) {
      std::string how;
      auto targets = targetsFromOnnx(fx("resnet18_train.onnx"), api, &how);
      QVERIFY2(targets, targets ? "" : targets.error().describe().c_str());
      QVERIFY2(how.find("converted") != std::string::npos, how.c_str());
      MappingOptions options;
      options.targetApi = api;
      auto mapping = mapWeights(pth->tensors, *targets, {}, options);
      QVERIFY2(mapping.complete(), (api + ": " + formatMappingTable(mapping)).c_str());
      QCOMPARE(mapping.count(MatchStatus::MatchedShape), size_t(0));  // all by name or rule
      checkByteIdentical(pth->tensors, mapping, dir + "/r18_onnx_" + api + ".ckpt");
    }
  }
  void resnet18FromOnnxInitializers() {
    auto pth = readPth(fx("resnet18.pth"));
    auto imported = importOnnxFile(fx("resnet18_train.onnx"));
    QVERIFY(pth && imported);
    for (std::string api : {"classic", "mint"}) {
      auto targets = targetsFromOnnxGraph(imported->graph, api);
      MappingOptions options;
      options.targetApi = api;
      auto mapping = mapWeights(pth->tensors, targets, {}, options);
      QVERIFY2(mapping.complete(), (api + ": " + mappingSummary(mapping)).c_str());
      QCOMPARE(mapping.count(MatchStatus::Dropped), size_t(api == "classic" ? 20 : 0));
      for (const auto& e : mapping.entries)
        if (e.target.find("bn1.gamma") != std::string::npos)
          QCOMPARE(e.module, std::string("mindspore.nn.BatchNorm2d"));
    }
  }
  void everyClassicRenameAndConv1dReshape() {
    auto pth = readPth(fx("zoo.pth"));
    auto targets = targetsFromKeyFile(fx("zoo_keys_classic.txt"));
    QVERIFY(pth && targets);
    auto mapping = mapWeights(pth->tensors, *targets);
    QVERIFY2(mapping.complete(), formatMappingTable(mapping).c_str());
    QCOMPARE(entryFor(mapping, "embed.weight")->target, std::string("embed.embedding_table"));
    QCOMPARE(entryFor(mapping, "prelu.weight")->target, std::string("prelu.w"));
    QCOMPARE(entryFor(mapping, "gn.weight")->target, std::string("gn.gamma"));
    QCOMPARE(entryFor(mapping, "ln.bias")->target, std::string("ln.beta"));
    const auto* conv = entryFor(mapping, "conv1d.weight");
    QCOMPARE(conv->status, MatchStatus::MatchedExact);
    QCOMPARE(conv->transforms.size(), size_t(1));
    QCOMPARE(conv->transforms[0].kind, std::string("reshape"));
    QCOMPARE(conv->targetShape, (std::vector<int64_t>{4, 6, 1, 3}));
    checkByteIdentical(pth->tensors, mapping, dir + "/zoo.ckpt");
  }

  void userRulesThenBuiltIns() {
    SourceTensors sources = {{"backbone.bn.weight", f32({3})},
                             {"backbone.bn.running_var", f32({3})},
                             {"backbone.bn.num_batches_tracked", Tensor::scalarInt64(5)},
                             {"head.w", f32({2, 3})}};
    std::vector<TargetParam> targets = {{"bn.gamma", std::vector<int64_t>{3}, {}, ""},
                                        {"bn.moving_variance", std::vector<int64_t>{3}, {}, ""},
                                        {"classifier.weight", std::vector<int64_t>{2, 3}, {}, ""}};
    auto rules = parseMappingRules(R"({"rules": [{"match": "^backbone\\.", "replace": ""}],
                                       "overrides": {"head.w": "classifier.weight"}})",
                                   "rules.json");
    QVERIFY2(rules, rules ? "" : rules.error().describe().c_str());
    auto mapping = mapWeights(sources, targets, *rules);
    QVERIFY2(mapping.complete(), formatMappingTable(mapping).c_str());
    QCOMPARE(entryFor(mapping, "backbone.bn.weight")->status, MatchStatus::MatchedUserRule);
    QVERIFY(entryFor(mapping, "backbone.bn.weight")->reason.find("gamma") != std::string::npos);
    QCOMPARE(entryFor(mapping, "backbone.bn.num_batches_tracked")->status, MatchStatus::Dropped);
    QCOMPARE(entryFor(mapping, "head.w")->status, MatchStatus::MatchedOverride);
  }
  void leftoversByScopeThenPosition() {
    SourceTensors sources = {{"enc.proj.kernel", f32({4, 4})},
                             {"enc.proj.offset", f32({4})},
                             {"a.x", f32({2, 5})},
                             {"b.y", f32({7})}};
    std::vector<TargetParam> targets = {{"enc.proj.weight", std::vector<int64_t>{4, 4}, {}, ""},
                                        {"enc.proj.bias", std::vector<int64_t>{4}, {}, ""},
                                        {"p.q", std::vector<int64_t>{2, 5}, {}, ""},
                                        {"r.s", std::vector<int64_t>{7}, {}, ""}};
    auto mapping = mapWeights(sources, targets);
    QVERIFY(mapping.complete());
    QCOMPARE(entryFor(mapping, "enc.proj.kernel")->target, std::string("enc.proj.weight"));
    QVERIFY(entryFor(mapping, "enc.proj.kernel")->reason.find("scope") != std::string::npos);
    QCOMPARE(entryFor(mapping, "a.x")->target, std::string("p.q"));
    QVERIFY(entryFor(mapping, "a.x")->reason.find("position") != std::string::npos);
    MappingOptions strict;
    strict.matchLeftoversByShape = false;
    auto none = mapWeights(sources, targets, {}, strict);
    QCOMPARE(none.count(MatchStatus::Missing), size_t(4));
    QCOMPARE(none.count(MatchStatus::Unexpected), size_t(4));
    QVERIFY(!none.complete());
  }
  void mismatchesCastsAndTransposes() {
    SourceTensors sources = {{"w", f32({2, 3})},
                             {"t", f32({3, 2})},
                             {"h", f32({4})},
                             {"i", f32({4})},
                             {"extra", f32({1})}};
    std::vector<TargetParam> targets = {{"w", std::vector<int64_t>{5, 5}, {}, ""},
                                        {"t", std::vector<int64_t>{2, 3}, {}, ""},
                                        {"h", std::vector<int64_t>{4}, DType::Float16, ""},
                                        {"i", std::vector<int64_t>{4}, DType::Int32, ""},
                                        {"gone", std::vector<int64_t>{9}, {}, ""}};
    MappingOptions strict;
    strict.matchLeftoversByShape = false;
    auto mapping = mapWeights(sources, targets, {}, strict);
    QCOMPARE(entryFor(mapping, "w")->status, MatchStatus::ShapeMismatch);
    QVERIFY(entryFor(mapping, "w")->reason.find("[2,3]") != std::string::npos);
    QCOMPARE(entryFor(mapping, "t")->transforms[0].kind, std::string("transpose"));
    QCOMPARE(entryFor(mapping, "h")->status, MatchStatus::DtypeCast);
    QCOMPARE(entryFor(mapping, "i")->status, MatchStatus::TypeMismatch);
    QCOMPARE(entryFor(mapping, "extra")->status, MatchStatus::Unexpected);
    QCOMPARE(mapping.entries[4].status, MatchStatus::Missing);
    auto transposed = applyTransforms(sources[1].second, *entryFor(mapping, "t"));
    QVERIFY(transposed);
    QCOMPARE(transposed->dims(), (std::vector<int64_t>{2, 3}));
    QCOMPARE(transposed->data<float>()[1], sources[1].second.data<float>()[2]);  // [0][1] ← [1][0]
    auto cast = applyTransforms(sources[2].second, *entryFor(mapping, "h"));
    QCOMPARE(cast->dtype(), DType::Float16);
    QCOMPARE(halfToFloat(cast->data<uint16_t>()[3]), -0.25f);
    // An incomplete mapping writes nothing.
    QVERIFY(!writeMappedCheckpoint(dir + "/partial.ckpt", sources, mapping));
    QVERIFY(!std::filesystem::exists(dir + "/partial.ckpt"));
  }

  void weightMapJsonFollowsMindConverter() {
    auto pth = readPth(fx("zoo.pth"));
    auto targets = targetsFromKeyFile(fx("zoo_keys_classic.txt"));
    auto json = weightMapJson("zoo", mapWeights(pth->tensors, *targets));
    QVERIFY(json.contains("zoo"));
    const auto& first = json["zoo"][0];
    QCOMPARE(first["converted_weight"]["name"].get<std::string>(),
             std::string("embed.embedding_table"));
    QCOMPARE(first["converted_weight"]["data_type"].get<std::string>(), std::string("Float32"));
    QCOMPARE(first["source_weight"]["name"].get<std::string>(), std::string("embed.weight"));
    QCOMPARE(first["source_weight"]["data_type"].get<std::string>(), std::string("float32"));
    QCOMPARE(first["source_weight"]["shape"].get<std::vector<int64_t>>(),
             (std::vector<int64_t>{10, 6}));
    QCOMPARE(first["mindbridge"]["status"].get<std::string>(), std::string("matched-rule"));
  }

  void badRulesAndKeyLists() {
    QCOMPARE(parseMappingRules("not json", "r.json").error().code, ErrorCode::BadFormat);
    QCOMPARE(parseMappingRules("{\"rules\": [{\"match\": \"(\", \"replace\": \"\"}]}", "r.json")
                 .error()
                 .code,
             ErrorCode::InvalidArgument);
    QCOMPARE(parseMappingRules(R"({"rule": []})", "r.json").error().code,
             ErrorCode::InvalidArgument);
    QCOMPARE(parseMappingRules(R"({"rules": [{"match": "x"}]})", "r.json").error().where,
             std::string("r.json: rules[0]"));
    auto keys =
        parseKeyList("a.weight [64, 3, 7, 7] Float16\nb 2,2\n# comment\nc []\nd\n", "k.txt");
    QVERIFY(keys);
    QCOMPARE(keys->size(), size_t(4));
    QCOMPARE(*(*keys)[0].shape, (std::vector<int64_t>{64, 3, 7, 7}));
    QVERIFY((*keys)[0].dtype == DType::Float16);
    QVERIFY((*keys)[2].shape && (*keys)[2].shape->empty());
    QVERIFY(!(*keys)[3].shape);
    QCOMPARE(parseKeyList("a 3,x\n", "k.txt").error().where, std::string("k.txt:1"));
    QCOMPARE(parseKeyList("a\na\n", "k.txt").error().code, ErrorCode::InvalidArgument);
    QCOMPARE(parseKeyList("a 1 float128\n", "k.txt").error().code, ErrorCode::BadFormat);
    QCOMPARE(parseKeyList("# nothing\n", "k.txt").error().code, ErrorCode::BadFormat);
    QCOMPARE(targetsFromKeyFile(dir + "/none.txt").error().code, ErrorCode::FileNotFound);
  }
};

QTEST_APPLESS_MAIN(TestMapping)
#include "test_mapping.moc"
