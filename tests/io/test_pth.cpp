// .pth reader against files torch wrote: every dtype, shared and strided storages, wrappers, the
// legacy format; hostile pickles refused without anything executed; zip bomb and truncation.
#include <QtTest>

#include <nlohmann/json.hpp>

#include "io/pickle.h"
#include "io/pth_reader.h"
#include "io/zip_layout.h"
#include "io_test_util.h"

using namespace mb;

namespace {
std::string fx(const std::string& name) {
  return std::string(MB_PTH_FIXTURE_DIR) + "/" + name;
}
}  // namespace

class TestPth : public QObject {
  Q_OBJECT

  void checkAgainstManifest(const std::string& file) {
    auto manifest = nlohmann::json::parse(iotest::readBytes(fx("manifest.json")));
    auto read = readPth(fx(file));
    QVERIFY2(read, read ? "" : read.error().describe().c_str());
    const auto& expected = manifest.at(file);
    QCOMPARE(read->tensors.size(), expected.size());
    for (size_t i = 0; i < expected.size(); ++i) {
      const auto& [name, tensor] = read->tensors[i];
      QCOMPARE(name, expected[i][0].get<std::string>());
      QCOMPARE(std::string(dtypeName(tensor.dtype())), expected[i][1].get<std::string>());
      QCOMPARE(tensor.dims(), expected[i][2].get<std::vector<int64_t>>());
      std::string bytes =
          iotest::readBytes(fx("expected/" + file + "/" + std::to_string(i) + ".bin"));
      QCOMPARE(tensor.nbytes(), bytes.size());
      QVERIFY2(bytes.empty() || std::memcmp(tensor.bytes(), bytes.data(), bytes.size()) == 0,
               name.c_str());
    }
  }

  void checkRefused(const std::string& file, const std::string& mentions, int marker) {
    auto read = readPth(fx(file));
    QVERIFY2(!read, file.c_str());
    QCOMPARE(read.error().code, ErrorCode::UnsafeContent);
    QVERIFY2(read.error().message.find(mentions) != std::string::npos,
             read.error().describe().c_str());
    QVERIFY(read.error().where.find(file) != std::string::npos);
    if (marker) QVERIFY(!std::filesystem::exists(fx("PWNED_" + std::to_string(marker))));
  }

 private slots:
  void everyDtype() { checkAgainstManifest("every_dtype.pth"); }
  void everyDtypeLegacy() { checkAgainstManifest("every_dtype_legacy.pth"); }
  void sharedAndStridedStorages() {
    checkAgainstManifest("views.pth");
    checkAgainstManifest("views_legacy.pth");
    auto read = readPth(fx("views.pth"));
    QVERIFY(read);
    // Two names for one contiguous tensor: both view the same bytes of the mapped file.
    QCOMPARE(read->tensors[0].second.bytes(), read->tensors[1].second.bytes());
    QCOMPARE(read->format, std::string("zip"));
  }
  void wrappersAndNesting() {
    checkAgainstManifest("wrapped_state_dict.pth");
    checkAgainstManifest("wrapped_model.pth");
    checkAgainstManifest("nested.pth");
    checkAgainstManifest("dataparallel.pth");
    checkAgainstManifest("parameters.pth");
    auto wrapped = readPth(fx("wrapped_state_dict.pth"));
    QCOMPARE(wrapped->wrapperKey, std::string("state_dict"));
    auto model = readPth(fx("wrapped_model.pth"));
    QCOMPARE(model->wrapperKey, std::string("model"));
    auto nested = readPth(fx("nested.pth"));
    QCOMPARE(nested->tensors[0].first, std::string("encoder.layer.weight"));
    QCOMPARE(nested->tensors[2].first, std::string("heads.1"));
    auto legacy = readPth(fx("views_legacy.pth"));
    QCOMPARE(legacy->format, std::string("legacy"));
  }
  void realModel() { checkAgainstManifest("resnet18.pth"); }

  void hostilePicklesRefusedNothingExecuted() {
    checkRefused("evil_os_system.pth", "'posix.system'", 1);
    checkRefused("evil_eval.pth", "'__builtin__.eval'", 2);
    checkRefused("evil_eval4.pth", "'builtins.eval'", 5);
    checkRefused("evil_stack_global.pth", "'posix.system'", 3);
    checkRefused("evil_plain_pickle.pth", "'posix.system'", 4);
    checkRefused("evil_reduce_storage.pth", "REDUCE of 'torch.FloatStorage'", 0);
    checkRefused("evil_load_from_bytes.pth", "'torch.storage._load_from_bytes'", 0);
  }

  void deeplyNestedPickleDoesNotCrash() {
    // Lists appended into the previous one through the memo: before cycles were refused this built
    // a 300,000-deep chain behind the nesting limit's back; now the second append (into a list that
    // already sits inside another one) is refused, so nesting is always bounded by maxNesting.
    std::string bytes = "\x80\x02]r" + std::string(4, '\0');
    auto le32 = [](uint32_t v) { return std::string(reinterpret_cast<const char*>(&v), 4); };
    for (uint32_t i = 1; i <= 300000; ++i) bytes += "j" + le32(i - 1) + "]r" + le32(i) + "a0";
    bytes += ".";
    auto parsed = pickle::unpickle(std::as_bytes(std::span(bytes.data(), bytes.size())), "deep");
    QVERIFY(!parsed);
    QCOMPARE(parsed.error().code, ErrorCode::BadFormat);
    QVERIFY2(parsed.error().message.find("already inside another container") != std::string::npos,
             parsed.error().describe().c_str());
    // Nested directly (each list built inside the next): refused by the nesting limit.
    std::string direct = "\x80\x02";
    for (int i = 0; i < 5000; ++i) direct += "(";
    direct += "]";
    for (int i = 0; i < 5000; ++i) direct += "l";
    direct += ".";
    auto deep = pickle::unpickle(std::as_bytes(std::span(direct.data(), direct.size())), "direct");
    QVERIFY(!deep);
    QCOMPARE(deep.error().code, ErrorCode::LimitExceeded);
    std::string dir = mbtest::makeTempDir("pth-deep");
    iotest::writeBytes(dir + "/deep.pth", bytes);
    auto read = readPth(dir + "/deep.pth");
    QVERIFY(!read);
  }

  // A container that references itself would be a shared_ptr cycle (leaked; found by fuzz_pth).
  // Every way a pickle can close a cycle is refused; sharing without a cycle is still read.
  void referenceCyclesRefused_data() {
    QTest::addColumn<QByteArray>("pickle");
    QTest::addColumn<QString>("fragment");
    QTest::newRow("list appended to itself (memo)") << QByteArray(
                                                           "\x80\x02]q\x00h\x00"
                                                           "a.",
                                                           9)
                                                    << "inside itself";
    QTest::newRow("list appended to itself (DUP)")
        << QByteArray("\x80\x02]2a.", 6) << "inside itself";
    QTest::newRow("dict holding itself")
        << QByteArray("\x80\x02}q\x00X\x01\x00\x00\x00kh\x00s.", 15) << "inside itself";
    QTest::newRow("list inside a list it contains") << QByteArray(
                                                           "\x80\x02]q\x00]q\x01h\x00"
                                                           "a0h\x01"
                                                           "a.",
                                                           16)
                                                    << "already inside";
    QTest::newRow("list inside a tuple it contains") << QByteArray(
                                                            "\x80\x02]q\x00h\x00\x85q\x01"
                                                            "a.",
                                                            12)
                                                     << "already inside";
  }
  void referenceCyclesRefused() {
    QFETCH(QByteArray, pickle);
    QFETCH(QString, fragment);
    auto parsed =
        pickle::unpickle(std::as_bytes(std::span(pickle.data(), size_t(pickle.size()))), "cycle");
    QVERIFY(!parsed);
    QCOMPARE(parsed.error().code, ErrorCode::BadFormat);
    QVERIFY2(parsed.error().message.find(fragment.toStdString()) != std::string::npos,
             parsed.error().describe().c_str());
  }
  void sharedItemsWithoutCycleRead() {
    // [x, x] with x = [] memoised: a DAG, not a cycle.
    const std::string bytes(
        "\x80\x02]q\x00"
        "0(h\x00h\x00l.",
        13);
    auto parsed = pickle::unpickle(std::as_bytes(std::span(bytes.data(), bytes.size())), "dag");
    QVERIFY2(parsed, parsed ? "" : parsed.error().describe().c_str());
    const auto& items = parsed->root->as<pickle::Object::List>();
    QCOMPARE(items.size(), size_t(2));
    QCOMPARE(items[0].get(), items[1].get());
  }
  void fuzzFoundCycleIsRegression() {
    // The reproducer fuzz_pth found (a torch state dict whose pickle closes a cycle).
    auto read = readPth(mbtest::sourceDir() + "/tests/bad_inputs/pth_pickle_cycle_fuzz.pth");
    QVERIFY(!read);
    QCOMPARE(read.error().code, ErrorCode::BadFormat);
    QVERIFY2(read.error().message.find("reference cycle") != std::string::npos,
             read.error().describe().c_str());
  }

  void shortZip64FileIsBadFormat() {
    // fuzz_zip: a 50-byte file with a zip64 locator read 56 bytes past a size check that wrapped.
    const std::string bytes =
        iotest::readBytes(mbtest::sourceDir() + "/tests/bad_inputs/zip_short_zip64_locator.pth");
    QCOMPARE(bytes.size(), size_t(50));
    auto layout = readZipLayout(std::as_bytes(std::span(bytes.data(), bytes.size())), "short.zip");
    QVERIFY(!layout);
    QCOMPARE(layout.error().code, ErrorCode::BadFormat);
    QVERIFY2(layout.error().message.find("zip64") != std::string::npos,
             layout.error().describe().c_str());
  }

  void zipBombRefused() {
    auto read = readPth(fx("zip_bomb.pth"));
    QVERIFY(!read);
    QCOMPARE(read.error().code, ErrorCode::LimitExceeded);
    QVERIFY2(read.error().message.find("zip bomb") != std::string::npos,
             read.error().describe().c_str());
    PthReadOptions tight;
    tight.maxEntries = 2;
    auto many = readPth(fx("resnet18.pth"), tight);
    QVERIFY(!many);
    QCOMPARE(many.error().code, ErrorCode::LimitExceeded);
    PthReadOptions small;
    small.maxTotalUncompressed = 1 << 20;
    QCOMPARE(readPth(fx("resnet18.pth"), small).error().code, ErrorCode::LimitExceeded);
  }

  void damagedFilesAreClearErrors() {
    auto truncated = readPth(fx("truncated.pth"));
    QVERIFY(!truncated);
    QCOMPARE(truncated.error().code, ErrorCode::FileTruncated);
    QVERIFY(truncated.error().message.find("truncated") != std::string::npos);
    std::string dir = mbtest::makeTempDir("pth");
    iotest::writeBytes(dir + "/text.pth", "hello, not a model");
    QCOMPARE(readPth(dir + "/text.pth").error().code, ErrorCode::BadFormat);
    iotest::writeBytes(dir + "/empty.pth", "");
    QCOMPARE(readPth(dir + "/empty.pth").error().code, ErrorCode::BadFormat);
    QCOMPARE(readPth(dir + "/missing.pth").error().code, ErrorCode::FileNotFound);
    // Legacy file cut inside its storages.
    std::string legacy = iotest::readBytes(fx("every_dtype_legacy.pth"));
    iotest::writeBytes(dir + "/cut_legacy.pth", legacy.substr(0, legacy.size() - 10));
    auto cut = readPth(dir + "/cut_legacy.pth");
    QVERIFY(!cut);
    QCOMPARE(cut.error().code, ErrorCode::FileTruncated);
    // Pickle cut in the middle.
    iotest::writeBytes(dir + "/cut_pickle.pth", legacy.substr(0, 200));
    QCOMPARE(readPth(dir + "/cut_pickle.pth").error().code, ErrorCode::FileTruncated);
  }
};

QTEST_APPLESS_MAIN(TestPth)
#include "test_pth.moc"
