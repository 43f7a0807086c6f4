#include "npy_export.h"

#if __has_include("io/npy.h")
#include "io/npy.h"

namespace mb {
Status exportTensorNpy(const std::string& path, const Tensor& tensor) {
  return writeNpy(path, tensor);
}
}  // namespace mb

#else
#include <cstring>

#include "io/atomic_file.h"

namespace mb {

namespace {
const char* numpyDescr(DType t) {
  switch (t) {
    case DType::Float32:
      return "<f4";
    case DType::Float64:
      return "<f8";
    case DType::Float16:
      return "<f2";
    case DType::Int8:
      return "|i1";
    case DType::UInt8:
      return "|u1";
    case DType::Int16:
      return "<i2";
    case DType::UInt16:
      return "<u2";
    case DType::Int32:
      return "<i4";
    case DType::UInt32:
      return "<u4";
    case DType::Int64:
      return "<i8";
    case DType::UInt64:
      return "<u8";
    case DType::Bool:
      return "|b1";
    default:
      return nullptr;
  }
}
}  // namespace

Status exportTensorNpy(const std::string& path, const Tensor& tensor) {
  const char* descr = numpyDescr(tensor.dtype());
  if (!descr)
    return Error{ErrorCode::InvalidArgument,
                 "cannot export a " + std::string(dtypeName(tensor.dtype())) + " tensor as .npy",
                 path};
  std::string shape;
  for (int64_t d : tensor.dims()) shape += std::to_string(d) + ", ";
  if (tensor.dims().size() == 1)
    shape.pop_back();
  else if (!shape.empty())
    shape.erase(shape.size() - 2);
  std::string header =
      "{'descr': '" + std::string(descr) + "', 'fortran_order': False, 'shape': (" + shape + "), }";
  size_t total = 10 + header.size() + 1;
  header.append((64 - total % 64) % 64, ' ');
  header += '\n';
  std::string preamble("\x93NUMPY\x01\x00", 8);
  preamble += static_cast<char>(header.size() & 0xff);
  preamble += static_cast<char>((header.size() >> 8) & 0xff);
  auto created = AtomicFile::create(path);
  if (!created) return created.error();
  AtomicFile& file = *created;
  MB_TRY(file.write(preamble + header));
  MB_TRY(file.write(std::span<const std::byte>(tensor.bytes(), tensor.nbytes())));
  return file.commit();
}

}  // namespace mb
#endif
