// The protobuf wire format is written by hand here (not through libprotobuf) so that tensor bytes
// go from their memory (often a mapping of the source file) to the output without an intermediate
// copy. Field order and encoding equal what protobuf's serializers produce for these messages,
// which the tests check against libprotobuf's own output.
#include "io/checkpoint_writer.h"

#include <zlib.h>

#include <algorithm>
#include <array>

#include "io/atomic_file.h"

namespace mb {
namespace {

constexpr std::string_view kCrcMagic = "crc_num";

void appendVarint(std::string& out, uint64_t value) {
  while (value >= 0x80) {
    out.push_back(static_cast<char>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<char>(value));
}

size_t varintSize(uint64_t value) {
  size_t n = 1;
  while (value >= 0x80) {
    value >>= 7;
    ++n;
  }
  return n;
}

// Wire keys: (field << 3) | wire type; 2 = length-delimited, 0 = varint.
constexpr char kKeyField1Len = 0x0a, kKeyField2Len = 0x12, kKeyField3Len = 0x1a,
               kKeyField1Varint = 0x08;

uint32_t crcUpdate(uint32_t crc, std::span<const std::byte> bytes) {
  return static_cast<uint32_t>(crc32_z(crc, reinterpret_cast<const Bytef*>(bytes.data()),
                                       static_cast<z_size_t>(bytes.size())));
}

}  // namespace

std::vector<std::pair<uint64_t, uint64_t>> checkpointSlices(const Tensor& tensor,
                                                            uint64_t sliceBytes) {
  const uint64_t total = tensor.nbytes();
  if (total <= sliceBytes || sliceBytes == 0) return {{0, total}};
  const uint64_t count = (total + sliceBytes - 1) / sliceBytes;
  std::vector<std::pair<uint64_t, uint64_t>> slices;
  if (tensor.dtype() == DType::BFloat16 || tensor.rank() == 0) {
    // MindSpore writes Tensor.get_bytes() in fixed chunks for dtypes numpy lacks.
    for (uint64_t offset = 0; offset < total; offset += sliceBytes)
      slices.emplace_back(offset, std::min(sliceBytes, total - offset));
    return slices;
  }
  // np.array_split(value, count) along axis 0: the first (rows % count) pieces get one more row.
  const auto rows = static_cast<uint64_t>(tensor.dims()[0]);
  const uint64_t rowBytes = rows ? total / rows : 0;
  uint64_t offset = 0;
  for (uint64_t i = 0; i < count; ++i) {
    uint64_t pieceRows = rows / count + (i < rows % count ? 1 : 0);
    slices.emplace_back(offset, pieceRows * rowBytes);
    offset += pieceRows * rowBytes;
  }
  return slices;
}

struct CheckpointWriter::Impl {
  AtomicFile file;
  CheckpointWriteOptions options;
  uint32_t crc = 0;
  bool finished = false;

  Status emit(std::span<const std::byte> bytes) {
    if (options.crcTrailer) crc = crcUpdate(crc, bytes);
    return file.write(bytes);
  }
  Status emit(const std::string& bytes) {
    return emit(std::as_bytes(std::span(bytes.data(), bytes.size())));
  }
};

CheckpointWriter::CheckpointWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
CheckpointWriter::CheckpointWriter(CheckpointWriter&&) noexcept = default;
CheckpointWriter& CheckpointWriter::operator=(CheckpointWriter&&) noexcept = default;
CheckpointWriter::~CheckpointWriter() = default;

Expected<CheckpointWriter> CheckpointWriter::create(const std::string& path,
                                                    CheckpointWriteOptions options) {
  auto file = AtomicFile::create(path);
  if (!file) return file.error();
  auto impl = std::make_unique<Impl>(Impl{std::move(*file), options});
  return CheckpointWriter(std::move(impl));
}

uint64_t CheckpointWriter::bytesWritten() const {
  return impl_->file.size();
}

Status CheckpointWriter::add(std::string_view name, const Tensor& tensor) {
  const std::string where = impl_->file.path() + ": " + std::string(name);
  if (impl_->finished) return makeError(ErrorCode::Internal, "add() after finish()", where);
  if (name.empty())
    return makeError(ErrorCode::InvalidArgument, "a checkpoint key must not be empty", where);
  const DType dtype = tensor.dtype();
  if (dtype == DType::Undefined || dtype == DType::String || dtypeSize(dtype) == 0)
    return makeError(
        ErrorCode::TypeMismatch,
        "MindSpore checkpoints cannot hold a tensor of type " + std::string(dtypeName(dtype)),
        where);
  if (checkedNumel(tensor.dims()) < 0)
    return makeError(ErrorCode::InvalidArgument, "invalid dims " + dimsToString(tensor.dims()),
                     where);
  if (tensor.nbytes() > 0 && tensor.bytes() == nullptr)
    return makeError(ErrorCode::Internal, "tensor has no data", where);
  const std::string_view type = mindsporeDTypeName(dtype);

  // Tensor message prefix (dims, tensor_type); the content's length differs per slice.
  std::string dimsAndType;
  for (int64_t dim : tensor.dims()) {
    dimsAndType.push_back(kKeyField1Varint);
    appendVarint(dimsAndType, static_cast<uint64_t>(dim));
  }
  dimsAndType.push_back(kKeyField2Len);
  appendVarint(dimsAndType, type.size());
  dimsAndType.append(type);

  for (auto [offset, length] : checkpointSlices(tensor, impl_->options.sliceBytes)) {
    const uint64_t tensorSize = dimsAndType.size() + 1 + varintSize(length) + length;
    const uint64_t valueSize =
        1 + varintSize(name.size()) + name.size() + 1 + varintSize(tensorSize) + tensorSize;
    std::string head;
    head.push_back(kKeyField1Len);  // Checkpoint.value
    appendVarint(head, valueSize);
    head.push_back(kKeyField1Len);  // Value.tag
    appendVarint(head, name.size());
    head.append(name);
    head.push_back(kKeyField2Len);  // Value.tensor
    appendVarint(head, tensorSize);
    head += dimsAndType;
    head.push_back(kKeyField3Len);  // TensorProto.tensor_content
    appendVarint(head, length);
    MB_TRY(impl_->emit(head));
    if (length > 0) MB_TRY(impl_->emit(std::span(tensor.bytes() + offset, length)));
  }
  return Status::ok();
}

Status CheckpointWriter::finish() {
  if (impl_->finished) return makeError(ErrorCode::Internal, "finish() twice", impl_->file.path());
  impl_->finished = true;
  if (impl_->options.crcTrailer) {
    std::array<std::byte, 17> trailer{};
    std::copy(kCrcMagic.begin(), kCrcMagic.end(), reinterpret_cast<char*>(trailer.data()));
    uint32_t crc = impl_->crc;  // crc_num.to_bytes(10, 'big'): six zero bytes, then the CRC
    for (int i = 0; i < 4; ++i) trailer[16 - i] = static_cast<std::byte>((crc >> (8 * i)) & 0xff);
    MB_TRY(impl_->file.write(trailer));
  }
  return impl_->file.commit();
}

Status writeCheckpoint(const std::string& path,
                       const std::vector<std::pair<std::string, Tensor>>& params,
                       CheckpointWriteOptions options) {
  auto writer = CheckpointWriter::create(path, options);
  if (!writer) return writer.error();
  for (const auto& [name, tensor] : params) MB_TRY(writer->add(name, tensor));
  return writer->finish();
}

}  // namespace mb
