// safetensors reader and writer: round trip of every dtype, a hand-built file, and a hostile
// header for each validation rule (each a clear error, never a crash or an out-of-range read).
#include <QtTest>

#include "io/safetensors.h"
#include "io_test_util.h"

using namespace mb;

namespace {
// 8-byte size + header + data.
std::string build(const std::string& header, const std::string& data) {
  uint64_t size = header.size();
  return std::string(reinterpret_cast<const char*>(&size), 8) + header + data;
}
}  // namespace

class TestSafetensors : public QObject {
  Q_OBJECT
  std::string dir = mbtest::makeTempDir("safetensors");

  void expectError(const std::string& file, ErrorCode code, const std::string& mentions) {
    iotest::writeBytes(dir + "/bad.safetensors", file);
    auto read = readSafetensors(dir + "/bad.safetensors");
    QVERIFY2(!read, mentions.c_str());
    QCOMPARE(read.error().code, code);
    QVERIFY2(read.error().describe().find(mentions) != std::string::npos,
             read.error().describe().c_str());
  }

 private slots:
  void roundTripEveryDtype() {
    std::vector<std::pair<std::string, Tensor>> tensors = {
        {"f32", Tensor::fromVector<float>(DType::Float32, {2, 2}, {1, 2, 3, 4})},
        {"f16", Tensor::fromVector<uint16_t>(DType::Float16, {1}, {floatToHalf(0.5f)})},
        {"bf16", Tensor::fromVector<uint16_t>(DType::BFloat16, {2}, {0x3f80, 0x4000})},
        {"f64", Tensor::fromVector<double>(DType::Float64, {1}, {2.5})},
        {"i64", Tensor::fromVector<int64_t>(DType::Int64, {}, {-9})},
        {"i32", Tensor::fromVector<int32_t>(DType::Int32, {1}, {7})},
        {"i8", Tensor::fromVector<int8_t>(DType::Int8, {3}, {-1, 0, 1})},
        {"u8", Tensor::fromVector<uint8_t>(DType::UInt8, {1}, {200})},
        {"bool", Tensor::fromVector<uint8_t>(DType::Bool, {2}, {1, 0})},
        {"empty", Tensor::zeros(DType::Float32, {0})}};
    std::string path = dir + "/all.safetensors";
    QVERIFY(writeSafetensors(path, tensors, {{"format", "pt"}}));
    auto read = readSafetensors(path);
    QVERIFY2(read, read ? "" : read.error().describe().c_str());
    QCOMPARE(read->metadata.at("format"), std::string("pt"));
    QCOMPARE(read->tensors.size(), tensors.size());
    for (size_t i = 0; i < tensors.size(); ++i) {
      QCOMPARE(read->tensors[i].first, tensors[i].first);
      QCOMPARE(read->tensors[i].second.dtype(), tensors[i].second.dtype());
      QCOMPARE(read->tensors[i].second.dims(), tensors[i].second.dims());
      QVERIFY(tensors[i].second.nbytes() == 0 ||
              std::memcmp(read->tensors[i].second.bytes(), tensors[i].second.bytes(),
                          tensors[i].second.nbytes()) == 0);
    }
    uint64_t headerSize = 0;
    std::memcpy(&headerSize, iotest::readBytes(path).data(), 8);
    QCOMPARE(headerSize % 8, uint64_t(0));  // padded like the reference writer
  }
  void readsHandBuiltFile() {
    float values[3] = {1.5f, -2, 8};
    std::string data(reinterpret_cast<const char*>(values), 12);
    std::string header = R"({"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]},)"
                         R"("a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})";
    iotest::writeBytes(dir + "/hand.safetensors", build(header, data));
    auto read = readSafetensors(dir + "/hand.safetensors");
    QVERIFY2(read, read ? "" : read.error().describe().c_str());
    QCOMPARE(read->tensors[0].first, std::string("a"));  // data order
    QCOMPARE(read->tensors[1].second.toFloatVector(), std::vector<float>{8});
  }
  void hostileHeadersRefused() {
    std::string eight(8, '\0');
    expectError("abc", ErrorCode::FileTruncated, "8-byte");
    expectError(std::string("\xff\xff\xff\xff\xff\xff\xff\x7f", 8) + "{}", ErrorCode::LimitExceeded,
                "exceeds the limit");
    expectError(std::string("\x40\0\0\0\0\0\0\0", 8) + "{}", ErrorCode::FileTruncated,
                "runs past the end");
    expectError(build("[1,2]", ""), ErrorCode::BadFormat, "not a JSON object");
    expectError(build(R"({"w":{"dtype":"F32","shape":[2],"data_offsets":[0,800]}})", eight),
                ErrorCode::BadFormat, "outside the data buffer");
    expectError(build(R"({"w":{"dtype":"F32","shape":[2],"data_offsets":[8,0]}})", eight),
                ErrorCode::BadFormat, "outside the data buffer");
    expectError(build(R"({"w":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}})", eight),
                ErrorCode::BadFormat, "needs 12 bytes");
    expectError(build(R"({"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
                      R"("v":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}})",
                      eight),
                ErrorCode::BadFormat, "overlaps");
    expectError(build(R"({"w":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}})", eight),
                ErrorCode::BadFormat, "gap");
    expectError(build(R"({"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}})", eight),
                ErrorCode::BadFormat, "no tensor uses");
    expectError(build(R"({"w":{"dtype":"F8_E4M3","shape":[1],"data_offsets":[0,1]}})", "x"),
                ErrorCode::BadFormat, "unsupported dtype");
    expectError(build(R"({"w":{"dtype":"F32","shape":[-1],"data_offsets":[0,0]}})", ""),
                ErrorCode::BadFormat, "non-negative");
    expectError(build(R"({"w":{"dtype":"F32","shape":[1]}})", eight), ErrorCode::BadFormat,
                "data_offsets");
  }
};

QTEST_APPLESS_MAIN(TestSafetensors)
#include "test_safetensors.moc"
