#include "io/safetensors.h"

#include <algorithm>
#include <cstring>
#include <nlohmann/json.hpp>

#include "io/atomic_file.h"

namespace mb {
namespace {

const std::vector<std::pair<std::string, DType>>& codes() {
  static const std::vector<std::pair<std::string, DType>> table = {
      {"F64", DType::Float64},   {"F32", DType::Float32}, {"F16", DType::Float16},
      {"BF16", DType::BFloat16}, {"I64", DType::Int64},   {"I32", DType::Int32},
      {"I16", DType::Int16},     {"I8", DType::Int8},     {"U64", DType::UInt64},
      {"U32", DType::UInt32},    {"U16", DType::UInt16},  {"U8", DType::UInt8},
      {"BOOL", DType::Bool}};
  return table;
}

}  // namespace

std::optional<DType> safetensorsDType(const std::string& code) {
  for (const auto& [c, d] : codes())
    if (c == code) return d;
  return std::nullopt;
}

std::string safetensorsCode(DType dtype) {
  for (const auto& [c, d] : codes())
    if (d == dtype) return c;
  return {};
}

Expected<SafetensorsFile> readSafetensors(const std::string& path,
                                          const SafetensorsReadOptions& options) {
  auto mapped = MappedFile::open(path);
  if (!mapped) return mapped.error();
  SafetensorsFile out;
  out.file = *mapped;
  const auto bytes = out.file->bytes();
  auto bad = [&](const std::string& message, const std::string& name = {}) {
    return makeError(ErrorCode::BadFormat, "safetensors: " + message,
                     name.empty() ? path : path + ": " + name);
  };
  if (bytes.size() < 8)
    return makeError(ErrorCode::FileTruncated, "safetensors: shorter than its 8-byte header size",
                     path);
  uint64_t headerSize = 0;
  std::memcpy(&headerSize, bytes.data(), 8);
  if (headerSize > options.maxHeaderBytes)
    return makeError(ErrorCode::LimitExceeded,
                     "safetensors: header of " + std::to_string(headerSize) +
                         " bytes exceeds the limit of " + std::to_string(options.maxHeaderBytes),
                     path);
  if (headerSize > bytes.size() - 8)
    return makeError(
        ErrorCode::FileTruncated,
        "safetensors: header size " + std::to_string(headerSize) + " runs past the end of the file",
        path);
  const char* headerText = reinterpret_cast<const char*>(bytes.data() + 8);
  auto header = nlohmann::json::parse(headerText, headerText + headerSize, nullptr, false);
  if (header.is_discarded() || !header.is_object()) return bad("the header is not a JSON object");
  const std::byte* data = bytes.data() + 8 + headerSize;
  const uint64_t dataSize = bytes.size() - 8 - headerSize;
  struct Item {
    std::string name;
    DType dtype;
    std::vector<int64_t> shape;
    uint64_t begin, end;
  };
  std::vector<Item> items;
  for (const auto& [name, entry] : header.items()) {
    if (name == "__metadata__") {
      if (!entry.is_object()) return bad("__metadata__ must be an object");
      for (const auto& [k, v] : entry.items()) {
        if (!v.is_string()) return bad("__metadata__ values must be strings", k);
        out.metadata[k] = v.get<std::string>();
      }
      continue;
    }
    if (!entry.is_object() || !entry.contains("dtype") || !entry["dtype"].is_string() ||
        !entry.contains("shape") || !entry["shape"].is_array() || !entry.contains("data_offsets") ||
        !entry["data_offsets"].is_array() || entry["data_offsets"].size() != 2)
      return bad("entry needs dtype, shape and data_offsets [begin, end]", name);
    auto dtype = safetensorsDType(entry["dtype"].get<std::string>());
    if (!dtype) return bad("unsupported dtype '" + entry["dtype"].get<std::string>() + "'", name);
    Item item{name, *dtype, {}, 0, 0};
    for (const auto& dim : entry["shape"]) {
      if (!dim.is_number_unsigned()) return bad("shape must hold non-negative integers", name);
      item.shape.push_back(dim.get<int64_t>());
    }
    const auto& offsets = entry["data_offsets"];
    if (!offsets[0].is_number_unsigned() || !offsets[1].is_number_unsigned())
      return bad("data_offsets must be non-negative integers", name);
    item.begin = offsets[0].get<uint64_t>();
    item.end = offsets[1].get<uint64_t>();
    if (item.begin > item.end || item.end > dataSize)
      return bad("data_offsets [" + std::to_string(item.begin) + ", " + std::to_string(item.end) +
                     ") lie outside the data buffer of " + std::to_string(dataSize) + " bytes",
                 name);
    int64_t numel = checkedNumel(item.shape);
    if (numel < 0 || static_cast<uint64_t>(numel) * dtypeSize(*dtype) != item.end - item.begin)
      return bad("shape " + dimsToString(item.shape) + " of " + entry["dtype"].get<std::string>() +
                     " needs " +
                     std::to_string(numel < 0 ? 0 : uint64_t(numel) * dtypeSize(*dtype)) +
                     " bytes but data_offsets span " + std::to_string(item.end - item.begin),
                 name);
    items.push_back(std::move(item));
  }
  std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
    return std::tie(a.begin, a.end) < std::tie(b.begin, b.end);
  });
  uint64_t covered = 0;
  for (const auto& item : items) {
    if (item.begin < covered)
      return bad("data of '" + item.name + "' overlaps the previous tensor", item.name);
    if (item.begin > covered) return bad("a gap in the data buffer before this tensor", item.name);
    covered = item.end;
  }
  if (covered != dataSize)
    return bad("the data buffer has " + std::to_string(dataSize - covered) +
               " bytes no tensor uses");
  for (const auto& item : items) {
    const std::byte* at = data + item.begin;
    if (item.end == item.begin)
      out.tensors.emplace_back(item.name, Tensor::zeros(item.dtype, item.shape));
    else if (reinterpret_cast<uintptr_t>(at) % dtypeSize(item.dtype) == 0)
      out.tensors.emplace_back(item.name, Tensor::view(item.dtype, item.shape, out.file, at));
    else
      out.tensors.emplace_back(
          item.name, Tensor::fromBytes(item.dtype, item.shape, {at, item.end - item.begin}));
  }
  return out;
}

Status writeSafetensors(const std::string& path,
                        const std::vector<std::pair<std::string, Tensor>>& tensors,
                        const std::map<std::string, std::string>& metadata) {
  nlohmann::ordered_json header = nlohmann::ordered_json::object();
  if (!metadata.empty()) header["__metadata__"] = metadata;
  uint64_t offset = 0;
  for (const auto& [name, tensor] : tensors) {
    std::string code = safetensorsCode(tensor.dtype());
    if (code.empty())
      return makeError(ErrorCode::TypeMismatch,
                       "safetensors cannot store " + std::string(dtypeName(tensor.dtype())), name);
    header[name] = {{"dtype", code},
                    {"shape", tensor.dims()},
                    {"data_offsets", {offset, offset + tensor.nbytes()}}};
    offset += tensor.nbytes();
  }
  std::string text = header.dump();
  text.append((8 - text.size() % 8) % 8, ' ');
  auto file = AtomicFile::create(path);
  if (!file) return file.error();
  uint64_t size = text.size();
  MB_TRY(file->write(std::as_bytes(std::span(&size, 1))));
  MB_TRY(file->write(text));
  for (const auto& [name, tensor] : tensors)
    if (tensor.nbytes()) MB_TRY(file->write(std::span(tensor.bytes(), tensor.nbytes())));
  return file->commit();
}

}  // namespace mb
