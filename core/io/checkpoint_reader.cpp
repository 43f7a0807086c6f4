// A small hand-written protobuf wire parser: it reads straight from the mapped file (no 2 GiB
// message limit, no copy of tensor contents unless slices must be joined) and reports where a
// damaged file goes wrong, which libprotobuf's ParseFromString cannot.
#include "io/checkpoint_reader.h"

#include <zlib.h>

#include <cstring>
#include <optional>
#include <string_view>

namespace mb {
namespace {

constexpr uint32_t kGcmMagic = 0x7F3A5ED8, kCbcMagic = 0x7F3A5ED9, kSm4CbcMagic = 0x7F3A5EDA;
constexpr size_t kTrailerBytes = 17;

// A cursor over protobuf bytes; every read is bounds-checked.
class Wire {
 public:
  Wire(const std::byte* begin, const std::byte* end, const std::byte* base)
      : pos_(begin), end_(end), base_(base) {}
  bool done() const { return pos_ >= end_; }
  uint64_t offset() const { return static_cast<uint64_t>(pos_ - base_); }
  const std::byte* pos() const { return pos_; }

  std::optional<uint64_t> varint() {
    uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= end_) return std::nullopt;
      auto byte = static_cast<uint8_t>(*pos_++);
      value |= uint64_t(byte & 0x7f) << shift;
      if (!(byte & 0x80)) return value;
    }
    return std::nullopt;
  }
  // Length-delimited payload: [begin, end) or nullopt when it runs past the end.
  std::optional<std::pair<const std::byte*, const std::byte*>> lengthDelimited() {
    auto length = varint();
    if (!length || *length > static_cast<uint64_t>(end_ - pos_)) return std::nullopt;
    const std::byte* begin = pos_;
    pos_ += *length;
    return std::make_pair(begin, pos_);
  }
  bool skip(uint32_t wireType) {
    switch (wireType) {
      case 0:
        return varint().has_value();
      case 1:
        return advance(8);
      case 2:
        return lengthDelimited().has_value();
      case 5:
        return advance(4);
      default:
        return false;  // groups (3, 4) never appear in these messages
    }
  }

 private:
  bool advance(size_t n) {
    if (static_cast<size_t>(end_ - pos_) < n) return false;
    pos_ += n;
    return true;
  }
  const std::byte* pos_;
  const std::byte* end_;
  const std::byte* base_;
};

struct RawValue {
  std::string tag;
  std::string tensorType;
  std::vector<int64_t> dims;
  const std::byte* content = nullptr;
  uint64_t contentSize = 0;
  bool isMapTensor = false;
  bool hasTensor = false;
};

std::string_view asView(std::pair<const std::byte*, const std::byte*> range) {
  return {reinterpret_cast<const char*>(range.first),
          static_cast<size_t>(range.second - range.first)};
}

// Parses TensorProto. Returns an error message or empty.
std::string parseTensor(Wire wire, RawValue& out) {
  while (!wire.done()) {
    auto key = wire.varint();
    if (!key) return "bad field key in a tensor";
    uint32_t field = static_cast<uint32_t>(*key >> 3), type = static_cast<uint32_t>(*key & 7);
    if (field == 1 && type == 0) {
      auto dim = wire.varint();
      if (!dim) return "bad dims";
      out.dims.push_back(static_cast<int64_t>(*dim));
    } else if (field == 1 && type == 2) {  // packed dims (other writers)
      auto range = wire.lengthDelimited();
      if (!range) return "bad packed dims";
      Wire inner(range->first, range->second, range->first);
      while (!inner.done()) {
        auto dim = inner.varint();
        if (!dim) return "bad packed dims";
        out.dims.push_back(static_cast<int64_t>(*dim));
      }
    } else if (field == 2 && type == 2) {
      auto range = wire.lengthDelimited();
      if (!range) return "tensor_type runs past the end";
      out.tensorType = std::string(asView(*range));
    } else if (field == 3 && type == 2) {
      auto range = wire.lengthDelimited();
      if (!range) return "tensor_content runs past the end";
      out.content = range->first;
      out.contentSize = static_cast<uint64_t>(range->second - range->first);
    } else if (!wire.skip(type)) {
      return "unreadable field " + std::to_string(field) + " in a tensor";
    }
  }
  return {};
}

std::string parseValue(Wire wire, RawValue& out) {
  bool hasTag = false;
  while (!wire.done()) {
    auto key = wire.varint();
    if (!key) return "bad field key in a value";
    uint32_t field = static_cast<uint32_t>(*key >> 3), type = static_cast<uint32_t>(*key & 7);
    if (type == 2 && (field == 1 || field == 2 || field == 3)) {
      auto range = wire.lengthDelimited();
      if (!range) return "field " + std::to_string(field) + " runs past the end";
      if (field == 1) {
        out.tag = std::string(asView(*range));
        hasTag = true;
      } else if (field == 2) {
        out.hasTensor = true;
        std::string error = parseTensor(Wire(range->first, range->second, range->first), out);
        if (!error.empty()) return error;
      } else {
        out.isMapTensor = true;
      }
    } else if (!wire.skip(type)) {
      return "unreadable field " + std::to_string(field) + " in a value";
    }
  }
  if (!hasTag) return "a value without its tag (required field 1)";
  if (out.hasTensor && out.contentSize == 0 && out.tensorType.empty()) out.isMapTensor = true;
  return {};
}

uint32_t readLe32(const std::byte* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;  // x86/arm little-endian hosts only, as MindSpore itself
}

}  // namespace

bool isEncryptedCheckpoint(std::span<const std::byte> head) {
  if (head.size() < 4) return false;
  uint32_t magic = readLe32(head.data());
  return magic == kGcmMagic || magic == kCbcMagic || magic == kSm4CbcMagic;
}

const CheckpointEntry* Checkpoint::find(const std::string& name) const {
  for (const auto& entry : entries)
    if (entry.name == name) return &entry;
  return nullptr;
}

Expected<Checkpoint> readCheckpoint(const std::string& path, CheckpointReadOptions options) {
  auto mapped = MappedFile::open(path);
  if (!mapped) return mapped.error();
  Checkpoint result;
  result.file = *mapped;
  std::span<const std::byte> bytes = result.file->bytes();
  if (bytes.empty())
    return makeError(ErrorCode::BadFormat, "empty file: not a MindSpore checkpoint", path);
  if (isEncryptedCheckpoint(bytes))
    return makeError(
        ErrorCode::UnsafeContent,
        "the checkpoint is encrypted (saved with enc_key); decrypt it with MindSpore "
        "(load_checkpoint(..., dec_key=KEY) then save_checkpoint without enc_key) and try again",
        path);
  if (bytes.size() >= kTrailerBytes &&
      std::memcmp(bytes.data() + bytes.size() - kTrailerBytes, "crc_num", 7) == 0) {
    result.hadCrcTrailer = true;
    const std::byte* trailer = bytes.data() + bytes.size() - 10;
    bytes = bytes.first(bytes.size() - kTrailerBytes);
    if (options.verifyCrc) {
      uint64_t stored = 0;
      for (int i = 0; i < 10; ++i) stored = (stored << 8) | static_cast<uint8_t>(trailer[i]);
      auto actual = static_cast<uint64_t>(crc32_z(0, reinterpret_cast<const Bytef*>(bytes.data()),
                                                  static_cast<z_size_t>(bytes.size())));
      if (stored != actual)
        return makeError(ErrorCode::BadFormat,
                         "CRC check failed: the trailer says " + std::to_string(stored) +
                             " but the content has " + std::to_string(actual) +
                             "; the file is damaged or was modified",
                         path);
    }
  } else if (options.verifyCrc) {
    result.warnings.push_back("CRC check requested but the checkpoint has no CRC trailer");
  }

  Wire wire(bytes.data(), bytes.data() + bytes.size(), bytes.data());
  std::vector<RawValue> raw;
  while (!wire.done()) {
    const uint64_t at = wire.offset();
    auto where = [&] {
      return path + " @" + std::to_string(at) +
             (raw.empty() ? "" : " (after '" + raw.back().tag + "')");
    };
    auto key = wire.varint();
    if (!key)
      return makeError(ErrorCode::FileTruncated, "the file ends inside a field key", where());
    uint32_t field = static_cast<uint32_t>(*key >> 3), type = static_cast<uint32_t>(*key & 7);
    if (field == 1 && type == 2) {
      auto range = wire.lengthDelimited();
      if (!range)
        return makeError(ErrorCode::FileTruncated,
                         "the file ends inside parameter #" + std::to_string(raw.size() + 1) +
                             ": the checkpoint is truncated (interrupted copy or save?)",
                         where());
      RawValue value;
      std::string error = parseValue(Wire(range->first, range->second, bytes.data()), value);
      if (!error.empty())
        return makeError(ErrorCode::BadFormat,
                         "damaged parameter #" + std::to_string(raw.size() + 1) + ": " + error,
                         where());
      raw.push_back(std::move(value));
      if (raw.size() > options.maxEntries)
        return makeError(ErrorCode::LimitExceeded,
                         "more than " + std::to_string(options.maxEntries) + " values", path);
    } else if (field == 0 || field > 2 || !wire.skip(type)) {
      return makeError(ErrorCode::BadFormat,
                       "not a MindSpore checkpoint: unexpected protobuf field " +
                           std::to_string(field) + " (wire type " + std::to_string(type) + ")",
                       where());
    }
  }
  if (raw.empty()) return makeError(ErrorCode::BadFormat, "no parameters in the file", path);

  // Join consecutive slices with the same tag, then check sizes against dims and type.
  for (size_t i = 0; i < raw.size();) {
    size_t j = i + 1;
    while (j < raw.size() && raw[j].tag == raw[i].tag && !raw[i].isMapTensor && !raw[j].isMapTensor)
      ++j;
    const RawValue& first = raw[i];
    CheckpointEntry entry;
    entry.name = first.tag;
    entry.tensorType = first.tensorType;
    entry.dims = first.dims;
    entry.slices = static_cast<int>(j - i);
    entry.isMapTensor = first.isMapTensor;
    const std::string where = path + ": " + entry.name;
    uint64_t total = 0;
    for (size_t k = i; k < j; ++k) {
      if (raw[k].dims != first.dims || raw[k].tensorType != first.tensorType)
        return makeError(ErrorCode::BadFormat, "slices of one parameter disagree on dims or type",
                         where);
      total += raw[k].contentSize;
    }
    auto dtype = dtypeFromMindsporeName(entry.tensorType);
    if (!entry.isMapTensor && dtype && *dtype != DType::String) {
      // MindSpore's loader treats dims == [0] as a scalar too.
      std::vector<int64_t> dims =
          entry.dims == std::vector<int64_t>{0} && total == dtypeSize(*dtype)
              ? std::vector<int64_t>{}
              : entry.dims;
      int64_t numel = checkedNumel(dims);
      if (numel < 0 || static_cast<uint64_t>(numel) * dtypeSize(*dtype) != total)
        return makeError(ErrorCode::BadFormat,
                         "content is " + std::to_string(total) + " bytes but dims " +
                             dimsToString(entry.dims) + " of " + entry.tensorType + " need " +
                             std::to_string(numel < 0 ? 0 : uint64_t(numel) * dtypeSize(*dtype)),
                         where);
      const bool aligned = reinterpret_cast<uintptr_t>(first.content) % dtypeSize(*dtype) == 0;
      if (j - i == 1 && aligned && total > 0) {
        entry.tensor = Tensor::view(*dtype, dims, result.file, first.content);
      } else {
        entry.tensor = Tensor::zeros(*dtype, dims);
        std::byte* out = entry.tensor.mutableBytes();
        for (size_t k = i; k < j; ++k) {
          if (raw[k].contentSize) std::memcpy(out, raw[k].content, raw[k].contentSize);
          out += raw[k].contentSize;
        }
      }
    } else if (!entry.isMapTensor && !dtype) {
      result.warnings.push_back(entry.name + ": tensor_type '" + entry.tensorType +
                                "' is not a tensor type; kept as is");
    }
    result.entries.push_back(std::move(entry));
    i = j;
  }
  return result;
}

}  // namespace mb
