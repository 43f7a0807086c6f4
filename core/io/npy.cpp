#include "io/npy.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "io/onnx_importer.h"

namespace mb {
namespace {

constexpr char kMagic[] = "\x93NUMPY";
constexpr size_t kMagicSize = 6;

Expected<std::string> slurp(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec))
    return makeError(ErrorCode::FileNotFound, "no such file", path);
  if (std::filesystem::is_directory(path, ec))
    return makeError(ErrorCode::FileUnreadable, "is a folder, not a tensor file", path);
  std::ifstream in(path, std::ios::binary);
  if (!in) return makeError(ErrorCode::FileUnreadable, "cannot open the file for reading", path);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return makeError(ErrorCode::FileUnreadable, "read error", path);
  return buffer.str();
}

// numpy descr ("<f4", "|b1") → dtype and whether the data is big-endian.
Expected<std::pair<DType, bool>> dtypeFromDescr(const std::string& descr,
                                                const std::string& where) {
  if (descr.size() < 3)
    return makeError(ErrorCode::BadFormat, "unsupported numpy dtype '" + descr + "'", where);
  char order = descr[0];
  std::string code = descr.substr(1);
  bool bigEndian = order == '>';
  if (order != '<' && order != '>' && order != '|' && order != '=')
    return makeError(ErrorCode::BadFormat, "unsupported numpy byte order in dtype '" + descr + "'",
                     where);
  static const std::pair<const char*, DType> table[] = {
      {"f4", DType::Float32},   {"f8", DType::Float64},    {"f2", DType::Float16},
      {"i1", DType::Int8},      {"i2", DType::Int16},      {"i4", DType::Int32},
      {"i8", DType::Int64},     {"u1", DType::UInt8},      {"u2", DType::UInt16},
      {"u4", DType::UInt32},    {"u8", DType::UInt64},     {"b1", DType::Bool},
      {"c8", DType::Complex64}, {"c16", DType::Complex128}};
  for (const auto& [name, dtype] : table)
    if (code == name) return std::make_pair(dtype, bigEndian);
  return makeError(ErrorCode::BadFormat,
                   "unsupported numpy dtype '" + descr +
                       "' (numeric and bool arrays only; no objects or strings)",
                   where);
}

// Extracts the value text of 'key' from the header dict ("{'descr': '<f4', 'fortran_order': False,
// …}").
std::optional<std::string> headerField(const std::string& header, const std::string& key) {
  std::string quoted[] = {"'" + key + "'", "\"" + key + "\""};
  for (const auto& q : quoted) {
    auto pos = header.find(q);
    if (pos == std::string::npos) continue;
    pos = header.find(':', pos + q.size());
    if (pos == std::string::npos) return std::nullopt;
    ++pos;
    while (pos < header.size() && header[pos] == ' ') ++pos;
    if (pos >= header.size()) return std::nullopt;
    if (header[pos] == '(') {
      auto end = header.find(')', pos);
      if (end == std::string::npos) return std::nullopt;
      return header.substr(pos, end - pos + 1);
    }
    if (header[pos] == '\'' || header[pos] == '"') {
      auto end = header.find(header[pos], pos + 1);
      if (end == std::string::npos) return std::nullopt;
      return header.substr(pos + 1, end - pos - 1);
    }
    auto end = header.find_first_of(",}", pos);
    if (end == std::string::npos) return std::nullopt;
    std::string text = header.substr(pos, end - pos);
    while (!text.empty() && text.back() == ' ') text.pop_back();
    return text;
  }
  return std::nullopt;
}

Expected<std::vector<int64_t>> parseShapeTuple(const std::string& text, const std::string& where) {
  std::vector<int64_t> dims;
  std::string inner = text.substr(1, text.size() - 2);
  std::stringstream stream(inner);
  std::string item;
  while (std::getline(stream, item, ',')) {
    auto first = item.find_first_not_of(" L");
    if (first == std::string::npos) continue;  // trailing comma of a 1-tuple
    auto last = item.find_last_not_of(" L");
    std::string digits = item.substr(first, last - first + 1);
    if (digits.empty() || !std::all_of(digits.begin(), digits.end(), ::isdigit) ||
        digits.size() > 18)
      return makeError(ErrorCode::BadFormat, "bad shape " + text + " in the .npy header", where);
    dims.push_back(std::stoll(digits));
  }
  return dims;
}

std::string descrFor(DType dtype) {
  switch (dtype) {
    case DType::Float32:
      return "<f4";
    case DType::Float64:
      return "<f8";
    case DType::Float16:
      return "<f2";
    case DType::Int8:
      return "|i1";
    case DType::Int16:
      return "<i2";
    case DType::Int32:
      return "<i4";
    case DType::Int64:
      return "<i8";
    case DType::UInt8:
      return "|u1";
    case DType::UInt16:
      return "<u2";
    case DType::UInt32:
      return "<u4";
    case DType::UInt64:
      return "<u8";
    case DType::Bool:
      return "|b1";
    case DType::Complex64:
      return "<c8";
    case DType::Complex128:
      return "<c16";
    default:
      return {};
  }
}

}  // namespace

Expected<Tensor> parseNpy(std::span<const std::byte> bytes, const std::string& where) {
  if (bytes.size() < 10 || std::memcmp(bytes.data(), kMagic, kMagicSize) != 0)
    return makeError(ErrorCode::BadFormat, "not a .npy file (no \\x93NUMPY magic)", where);
  auto major = static_cast<uint8_t>(bytes[6]);
  size_t headerLength = 0, offset = 0;
  if (major == 1) {
    headerLength = static_cast<size_t>(bytes[8]) | (static_cast<size_t>(bytes[9]) << 8);
    offset = 10;
  } else if (major == 2 || major == 3) {
    if (bytes.size() < 12)
      return makeError(ErrorCode::FileTruncated, "the .npy header is cut short", where);
    for (int i = 0; i < 4; ++i) headerLength |= static_cast<size_t>(bytes[8 + i]) << (8 * i);
    offset = 12;
  } else {
    return makeError(ErrorCode::BadFormat,
                     "unsupported .npy format version " + std::to_string(major), where);
  }
  if (headerLength > bytes.size() - offset)
    return makeError(ErrorCode::FileTruncated, "the .npy header is cut short", where);
  std::string header(reinterpret_cast<const char*>(bytes.data() + offset), headerLength);
  auto descr = headerField(header, "descr");
  auto fortran = headerField(header, "fortran_order");
  auto shapeText = headerField(header, "shape");
  if (!descr || !fortran || !shapeText || shapeText->front() != '(')
    return makeError(ErrorCode::BadFormat,
                     "the .npy header lacks descr, fortran_order or shape: " + header, where);
  if (*fortran == "True")
    return makeError(
        ErrorCode::BadFormat,
        "Fortran-order arrays are not supported; save with np.ascontiguousarray(a) first", where);
  if (*fortran != "False")
    return makeError(ErrorCode::BadFormat,
                     "bad fortran_order value '" + *fortran + "' in the .npy header", where);
  auto type = dtypeFromDescr(*descr, where);
  if (!type) return type.error();
  auto dims = parseShapeTuple(*shapeText, where);
  if (!dims) return dims.error();
  int64_t numel = checkedNumel(*dims);
  if (numel < 0)
    return makeError(ErrorCode::LimitExceeded, "shape " + *shapeText + " is too large", where);
  size_t elementSize = dtypeSize(type->first);
  size_t dataStart = offset + headerLength;
  size_t available = bytes.size() - dataStart;
  if (static_cast<uint64_t>(numel) > available / elementSize)
    return makeError(ErrorCode::FileTruncated,
                     "the .npy data is cut short: shape " + dimsToString(*dims) + " of " +
                         std::string(dtypeName(type->first)) + " needs " +
                         std::to_string(static_cast<uint64_t>(numel) * elementSize) +
                         " bytes, the file has " + std::to_string(available),
                     where);
  size_t needed = static_cast<size_t>(numel) * elementSize;
  Tensor tensor = Tensor::fromBytes(type->first, *dims, bytes.subspan(dataStart, needed));
  if (type->second && elementSize > 1) {
    // Complex numbers swap each half separately.
    size_t unit = (type->first == DType::Complex64 || type->first == DType::Complex128)
                      ? elementSize / 2
                      : elementSize;
    std::byte* data = tensor.mutableBytes();
    for (size_t i = 0; i < needed; i += unit) std::reverse(data + i, data + i + unit);
  }
  return tensor;
}

Expected<Tensor> readNpy(const std::string& path) {
  auto content = slurp(path);
  if (!content) return content.error();
  return parseNpy(std::as_bytes(std::span<const char>(content->data(), content->size())), path);
}

std::string encodeNpy(const Tensor& tensor) {
  const Tensor* source = &tensor;
  Tensor widened;
  if (tensor.dtype() == DType::BFloat16) {
    widened = Tensor::zeros(DType::Float32, tensor.dims());
    float* out = widened.mutableData<float>();
    const auto* in = tensor.data<uint16_t>();
    for (int64_t i = 0; i < tensor.numel(); ++i) out[i] = bfloat16ToFloat(in[i]);
    source = &widened;
  }
  std::string header =
      "{'descr': '" + descrFor(source->dtype()) + "', 'fortran_order': False, 'shape': (";
  for (size_t i = 0; i < source->dims().size(); ++i)
    header += std::to_string(source->dims()[i]) + ", ";
  if (source->dims().size() > 1)
    header.resize(header.size() - 2);
  else if (source->dims().size() == 1)
    header.pop_back();  // "(3,)"
  header += "), }";
  // Pad with spaces so the data starts on a 64-byte boundary, newline-terminated (format 1.0).
  size_t total = kMagicSize + 4 + header.size() + 1;
  header.append((64 - total % 64) % 64, ' ');
  header += '\n';
  std::string out(kMagic, kMagicSize);
  out += '\x01';
  out += '\x00';
  out += static_cast<char>(header.size() & 0xff);
  out += static_cast<char>((header.size() >> 8) & 0xff);
  out += header;
  out.append(reinterpret_cast<const char*>(source->bytes()), source->nbytes());
  return out;
}

Status writeNpy(const std::string& path, const Tensor& tensor) {
  if (tensor.dtype() == DType::String || tensor.dtype() == DType::Undefined)
    return makeError(ErrorCode::InvalidArgument,
                     "cannot write a " + std::string(dtypeName(tensor.dtype())) + " tensor as .npy",
                     path);
  std::string bytes = encodeNpy(tensor);
  std::string temp = path + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) return makeError(ErrorCode::WriteFailed, "cannot create the file", temp);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) {
      out.close();
      std::remove(temp.c_str());
      return makeError(ErrorCode::WriteFailed, "write failed (disk full?)", temp);
    }
  }
  std::error_code ec;
  std::filesystem::rename(temp, path, ec);
  if (ec) {
    std::remove(temp.c_str());
    return makeError(ErrorCode::WriteFailed, "cannot move the file into place: " + ec.message(),
                     path);
  }
  return Status::ok();
}

Expected<Tensor> readTensorProtoFile(const std::string& path) {
  auto content = slurp(path);
  if (!content) return content.error();
  return tensorFromProtoBytes(*content, path);
}

Expected<Tensor> readTensorFile(const std::string& path) {
  auto content = slurp(path);
  if (!content) return content.error();
  if (content->size() >= kMagicSize && std::memcmp(content->data(), kMagic, kMagicSize) == 0)
    return parseNpy(std::as_bytes(std::span<const char>(content->data(), content->size())), path);
  return tensorFromProtoBytes(*content, path);
}

}  // namespace mb
