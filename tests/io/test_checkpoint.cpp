// MindSpore .ckpt writer and reader: byte-exact round trips, agreement with libprotobuf and with a
// MindSpore-style writer in Python, slicing, CRC trailer, encrypted / truncated / garbage files.
#include <zlib.h>
#include <QtTest>

#include <numeric>

#include "io/checkpoint_reader.h"
#include "io/checkpoint_writer.h"
#include "io_test_util.h"
#include "mindspore_checkpoint.pb.h"

using namespace mb;

namespace {

std::vector<std::pair<std::string, Tensor>> everyDtype() {
  std::vector<std::pair<std::string, Tensor>> params;
  params.emplace_back(
      "f32", Tensor::fromVector<float>(DType::Float32, {2, 3}, {1, -2, 3.5f, 0, 1e-8f, -0.0f}));
  params.emplace_back("f16",
                      Tensor::fromVector<uint16_t>(DType::Float16, {3},
                                                   {floatToHalf(1), floatToHalf(-2.5f), 0x7c00}));
  params.emplace_back("bf16", Tensor::fromVector<uint16_t>(DType::BFloat16, {2},
                                                           {floatToBfloat16(3.140625f), 0x3f80}));
  params.emplace_back("f64", Tensor::fromVector<double>(DType::Float64, {2}, {1.0 / 3, -1e300}));
  params.emplace_back("i8", Tensor::fromVector<int8_t>(DType::Int8, {3}, {-128, 0, 127}));
  params.emplace_back("u8", Tensor::fromVector<uint8_t>(DType::UInt8, {2}, {0, 255}));
  params.emplace_back("i16", Tensor::fromVector<int16_t>(DType::Int16, {2}, {-300, 300}));
  params.emplace_back("u16", Tensor::fromVector<uint16_t>(DType::UInt16, {1}, {65535}));
  params.emplace_back("i32", Tensor::fromVector<int32_t>(DType::Int32, {2, 1}, {-7, 1 << 30}));
  params.emplace_back("u32", Tensor::fromVector<uint32_t>(DType::UInt32, {1}, {4000000000u}));
  params.emplace_back("i64",
                      Tensor::fromVector<int64_t>(DType::Int64, {2}, {-1, int64_t(1) << 40}));
  params.emplace_back("u64", Tensor::fromVector<uint64_t>(DType::UInt64, {1}, {~uint64_t(0)}));
  params.emplace_back("bool", Tensor::fromVector<uint8_t>(DType::Bool, {3}, {1, 0, 1}));
  params.emplace_back("scalar", Tensor::scalarInt64(42));
  params.emplace_back("empty", Tensor::zeros(DType::Float32, {0, 4}));
  return params;
}

// The same parameters serialized by libprotobuf, one Checkpoint message per value.
std::string protobufBytes(const std::vector<std::pair<std::string, Tensor>>& params) {
  std::string out;
  for (const auto& [name, tensor] : params) {
    mb::mindspore_ckpt::Checkpoint message;
    auto* value = message.add_value();
    value->set_tag(name);
    for (int64_t d : tensor.dims()) value->mutable_tensor()->add_dims(d);
    value->mutable_tensor()->set_tensor_type(std::string(mindsporeDTypeName(tensor.dtype())));
    value->mutable_tensor()->set_tensor_content(reinterpret_cast<const char*>(tensor.bytes()),
                                                tensor.nbytes());
    out += message.SerializeAsString();
  }
  return out;
}

bool sameBytes(const Tensor& a, const Tensor& b) {
  return a.dtype() == b.dtype() && a.dims() == b.dims() && a.nbytes() == b.nbytes() &&
         (a.nbytes() == 0 || std::memcmp(a.bytes(), b.bytes(), a.nbytes()) == 0);
}

}  // namespace

class TestCheckpoint : public QObject {
  Q_OBJECT
  std::string dir = mbtest::makeTempDir("ckpt");

 private slots:
  void everyDtypeRoundTripsByteExact() {
    auto params = everyDtype();
    std::string first = dir + "/a.ckpt", second = dir + "/b.ckpt";
    QVERIFY(writeCheckpoint(first, params));
    QCOMPARE(iotest::readBytes(first), protobufBytes(params));
    auto read = readCheckpoint(first);
    QVERIFY2(read, read ? "" : read.error().describe().c_str());
    QCOMPARE(read->entries.size(), params.size());
    std::vector<std::pair<std::string, Tensor>> again;
    for (size_t i = 0; i < params.size(); ++i) {
      const auto& entry = read->entries[i];
      QCOMPARE(entry.name, params[i].first);
      QCOMPARE(entry.tensorType, std::string(mindsporeDTypeName(params[i].second.dtype())));
      QVERIFY2(sameBytes(entry.tensor, params[i].second), entry.name.c_str());
      again.emplace_back(entry.name, entry.tensor);
    }
    QCOMPARE(read->find("scalar")->dims, std::vector<int64_t>{});
    QVERIFY(writeCheckpoint(second, again));
    QCOMPARE(iotest::readBytes(second), iotest::readBytes(first));
  }

  void decodesHandBuiltBytes() {
    // Checkpoint{value{tag:"w", tensor{dims:2, tensor_type:"Float32", tensor_content:<2 floats>}}}
    std::string tensor = std::string("\x08\x02\x12\x07", 4) + "Float32" + "\x1a\x08";
    float values[2] = {1.5f, -4.0f};
    tensor.append(reinterpret_cast<const char*>(values), 8);
    std::string value = std::string("\x0a\x01w\x12", 4) + char(tensor.size()) + tensor;
    std::string file = "\x0a" + std::string(1, char(value.size())) + value;
    // A second message with an unknown field in the value (skipped) and fields out of order.
    std::string tensor2 =
        std::string("\x12\x05Int64\x1a\x08", 9) + std::string("\x05\0\0\0\0\0\0\0", 8);
    std::string value2 =
        std::string("\x12", 1) + char(tensor2.size()) + tensor2 + "\x0a\x01s" + "\x20\x05";
    file += "\x0a" + std::string(1, char(value2.size())) + value2;
    iotest::writeBytes(dir + "/hand.ckpt", file);
    auto read = readCheckpoint(dir + "/hand.ckpt");
    QVERIFY2(read, read ? "" : read.error().describe().c_str());
    QCOMPARE(read->entries.size(), size_t(2));
    QCOMPARE(read->entries[0].dims, std::vector<int64_t>{2});
    QCOMPARE(read->entries[0].tensor.toFloatVector(), (std::vector<float>{1.5f, -4.0f}));
    QCOMPARE(read->entries[1].name, std::string("s"));
    QCOMPARE(read->entries[1].tensor.rank(), int64_t(0));
    QCOMPARE(read->entries[1].tensor.elementAsInt64(0), int64_t(5));
  }

  void slicesLikeMindSpore() {
    // 10 rows into ceil(160/64) = 3 pieces: np.array_split gives 4, 3, 3 rows.
    std::vector<float> values(40);
    std::iota(values.begin(), values.end(), 0.0f);
    Tensor big = Tensor::fromVector(DType::Float32, {10, 4}, values);
    auto slices = checkpointSlices(big, 64);
    QCOMPARE(slices.size(), size_t(3));
    QCOMPARE(slices[0], (std::pair<uint64_t, uint64_t>{0, 64}));
    QCOMPARE(slices[1], (std::pair<uint64_t, uint64_t>{64, 48}));
    QCOMPARE(slices[2], (std::pair<uint64_t, uint64_t>{112, 48}));
    // bfloat16 goes out in raw byte chunks.
    Tensor bf = Tensor::zeros(DType::BFloat16, {3, 50});
    auto bfSlices = checkpointSlices(bf, 128);
    QCOMPARE(bfSlices.size(), size_t(3));
    QCOMPARE(bfSlices[2], (std::pair<uint64_t, uint64_t>{256, 44}));

    // The default 512 MiB slice size on tensors too large to allocate here: slicing only reads
    // dims and dtype, so a view whose bytes are never touched suffices.
    static const std::byte placeholder[8] = {};
    Tensor huge = Tensor::view(DType::Float32, {301, 1 << 20}, nullptr, placeholder);  // 1.18 GiB
    auto hugeSlices = checkpointSlices(huge, uint64_t{512} << 20);
    QCOMPARE(hugeSlices.size(), size_t(3));  // ceil(1204 MiB / 512 MiB); rows 101, 100, 100
    QCOMPARE(hugeSlices[0].second, uint64_t(101) << 22);
    QCOMPARE(hugeSlices[1],
             (std::pair<uint64_t, uint64_t>{uint64_t(101) << 22, uint64_t(100) << 22}));
    Tensor exact =
        Tensor::view(DType::Float32, {128, 1 << 20}, nullptr, placeholder);  // exactly 512 MiB
    QCOMPARE(checkpointSlices(exact, uint64_t{512} << 20).size(),
             size_t(1));  // sliced only when larger
    Tensor hugeBf = Tensor::view(DType::BFloat16, {3, 1 << 28}, nullptr, placeholder);  // 1.5 GiB
    auto bfHuge = checkpointSlices(hugeBf, uint64_t{512} << 20);
    QCOMPARE(bfHuge.size(), size_t(3));
    QCOMPARE(bfHuge[2], (std::pair<uint64_t, uint64_t>{uint64_t(1) << 30, uint64_t(512) << 20}));

    std::string path = dir + "/sliced.ckpt";
    QVERIFY(writeCheckpoint(path, {{"big", big}, {"bf", bf}}, {.sliceBytes = 64}));
    auto read = readCheckpoint(path);
    QVERIFY(read);
    QCOMPARE(read->entries.size(), size_t(2));
    QCOMPARE(read->entries[0].slices, 3);
    QVERIFY(sameBytes(read->entries[0].tensor, big));
    QCOMPARE(read->entries[1].slices, 5);
    QVERIFY(sameBytes(read->entries[1].tensor, bf));
  }

  void matchesMindSporeStylePythonWriter() {
    // protoc → Python classes from our .proto, then the Python writer that mirrors save_checkpoint.
    std::string pyDir = dir + "/py";
    std::filesystem::create_directories(pyDir);
    std::string protoDir = mbtest::sourceDir() + "/core/proto";
    std::string command = std::string(MB_PROTOC) + " -I" + protoDir + " --python_out=" + pyDir +
                          " " + protoDir + "/mindspore_checkpoint.proto";
    QCOMPARE(std::system(command.c_str()), 0);
    std::string pyFile = dir + "/python.ckpt";
    QCOMPARE(iotest::runFixtureScript("ms_style_ckpt.py", pyDir + " " + pyFile + " 64 1"), 0);

    std::vector<float> conv(48), big(40);
    for (int i = 0; i < 48; ++i) conv[i] = float(i) * 0.5f - 3;
    std::iota(big.begin(), big.end(), 0.0f);
    std::vector<std::pair<std::string, Tensor>> params = {
        {"conv.weight", Tensor::fromVector(DType::Float32, {4, 3, 2, 2}, conv)},
        {"bn.moving_mean", Tensor::fromVector<uint16_t>(DType::Float16, {4},
                                                        {floatToHalf(0), floatToHalf(0.25f),
                                                         floatToHalf(0.5f), floatToHalf(0.75f)})},
        {"global_step", Tensor::scalarInt64(7)},
        {"mask", Tensor::fromVector<uint8_t>(DType::Bool, {5}, {1, 0, 1, 1, 0})},
        {"big", Tensor::fromVector(DType::Float32, {10, 4}, big)}};
    std::string ours = dir + "/ours.ckpt";
    QVERIFY(writeCheckpoint(ours, params, {.crcTrailer = true, .sliceBytes = 64}));
    QCOMPARE(iotest::readBytes(ours), iotest::readBytes(pyFile));

    auto read = readCheckpoint(pyFile, {.verifyCrc = true});
    QVERIFY2(read, read ? "" : read.error().describe().c_str());
    QVERIFY(read->hadCrcTrailer);
    QVERIFY(read->warnings.empty());
    QCOMPARE(read->entries.size(), params.size());
    for (size_t i = 0; i < params.size(); ++i)
      QVERIFY(sameBytes(read->entries[i].tensor, params[i].second));
  }

  void crcTrailerIsVerified() {
    std::string path = dir + "/crc.ckpt";
    auto params = everyDtype();
    QVERIFY(writeCheckpoint(path, params, {.crcTrailer = true}));
    std::string bytes = iotest::readBytes(path);
    std::string body = protobufBytes(params);
    QCOMPARE(bytes.substr(0, body.size()), body);
    QCOMPARE(bytes.substr(body.size(), 7), std::string("crc_num"));
    uLong crc = crc32(0, reinterpret_cast<const Bytef*>(body.data()), uInt(body.size()));
    std::string expected(10, '\0');
    for (int i = 0; i < 4; ++i) expected[9 - i] = char((crc >> (8 * i)) & 0xff);
    QCOMPARE(bytes.substr(body.size() + 7), expected);
    QVERIFY(readCheckpoint(path, {.verifyCrc = true}));

    bytes[20] ^= 0x01;  // flip a bit inside the first tag
    iotest::writeBytes(dir + "/crc-bad.ckpt", bytes);
    QVERIFY(readCheckpoint(dir + "/crc-bad.ckpt"));  // not verified: stripped and read
    auto bad = readCheckpoint(dir + "/crc-bad.ckpt", {.verifyCrc = true});
    QVERIFY(!bad);
    QVERIFY(bad.error().message.find("CRC check failed") != std::string::npos);
    auto plain = readCheckpoint(dir + "/a.ckpt", {.verifyCrc = true});
    QVERIFY(plain && plain->warnings.size() == 1);
  }

  void refusesEncrypted() {
    for (uint32_t magic : {0x7F3A5ED8u, 0x7F3A5ED9u, 0x7F3A5EDAu}) {
      std::string bytes(reinterpret_cast<const char*>(&magic), 4);
      bytes += std::string(64, '\x11');
      iotest::writeBytes(dir + "/enc.ckpt", bytes);
      auto read = readCheckpoint(dir + "/enc.ckpt");
      QVERIFY(!read);
      QCOMPARE(read.error().code, ErrorCode::UnsafeContent);
      QVERIFY(read.error().message.find("encrypted") != std::string::npos);
    }
  }

  void truncatedAndGarbageAreClearErrors() {
    std::string good = iotest::readBytes(dir + "/a.ckpt");
    for (size_t cut : {good.size() - 1, good.size() / 2, size_t(3)}) {
      iotest::writeBytes(dir + "/cut.ckpt", good.substr(0, cut));
      auto read = readCheckpoint(dir + "/cut.ckpt");
      QVERIFY(!read);
      QVERIFY2(read.error().code == ErrorCode::FileTruncated ||
                   read.error().code == ErrorCode::BadFormat,
               read.error().describe().c_str());
      QVERIFY(read.error().where.find("cut.ckpt") != std::string::npos);
    }
    iotest::writeBytes(dir + "/garbage.ckpt", "PK\x03\x04 this is a zip, not a checkpoint");
    auto garbage = readCheckpoint(dir + "/garbage.ckpt");
    QVERIFY(!garbage);
    QCOMPARE(garbage.error().code, ErrorCode::BadFormat);
    iotest::writeBytes(dir + "/empty.ckpt", "");
    QVERIFY(!readCheckpoint(dir + "/empty.ckpt"));
    QCOMPARE(readCheckpoint(dir + "/missing.ckpt").error().code, ErrorCode::FileNotFound);
    // Content shorter than dims say.
    std::string tensor = std::string("\x08\x03\x12\x07", 4) + "Float32" + "\x1a\x04" + "abcd";
    std::string value = std::string("\x0a\x01w\x12", 4) + char(tensor.size()) + tensor;
    std::string bad = "\x0a" + std::string(1, char(value.size())) + value;
    iotest::writeBytes(dir + "/short.ckpt", bad);
    auto shortRead = readCheckpoint(dir + "/short.ckpt");
    QVERIFY(!shortRead);
    QVERIFY2(shortRead.error().message.find("need 12") != std::string::npos,
             shortRead.error().describe().c_str());
  }

  void writesAtomically() {
    std::string sub = dir + "/atomic";
    std::filesystem::create_directories(sub);
    {
      auto writer = CheckpointWriter::create(sub + "/x.ckpt");
      QVERIFY(writer);
      QVERIFY(writer->add("w", Tensor::scalarFloat(1)));
      QCOMPARE(iotest::listDir(sub).size(), size_t(1));  // only the temporary
      QVERIFY(!std::filesystem::exists(sub + "/x.ckpt"));
    }  // dropped without finish()
    QVERIFY(iotest::listDir(sub).empty());
    auto nowhere = CheckpointWriter::create(dir + "/no/such/dir/x.ckpt");
    QVERIFY(!nowhere);
    QCOMPARE(nowhere.error().code, ErrorCode::WriteFailed);
    auto writer = CheckpointWriter::create(sub + "/y.ckpt");
    QVERIFY(writer);
    QCOMPARE(writer->add("s", Tensor::strings({1}, {"x"})).error().code, ErrorCode::TypeMismatch);
  }
};

QTEST_APPLESS_MAIN(TestCheckpoint)
#include "test_checkpoint.moc"
