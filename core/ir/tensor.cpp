#include "ir/tensor.h"

#include <cstring>
#include <limits>

namespace mb {

int64_t checkedNumel(const std::vector<int64_t>& dims) {
  int64_t count = 1;
  for (int64_t dim : dims) {
    if (dim < 0) return -1;
    if (dim != 0 && count > std::numeric_limits<int64_t>::max() / dim) return -1;
    count *= dim;
  }
  return count;
}

std::string dimsToString(const std::vector<int64_t>& dims) {
  std::string text = "[";
  for (size_t i = 0; i < dims.size(); ++i) {
    if (i) text += ",";
    text += std::to_string(dims[i]);
  }
  return text + "]";
}

int64_t Tensor::numel() const {
  int64_t count = checkedNumel(dims_);
  return count < 0 ? 0 : count;
}

Tensor Tensor::zeros(DType dtype, std::vector<int64_t> dims) {
  Tensor tensor;
  tensor.dtype_ = dtype;
  tensor.dims_ = std::move(dims);
  size_t size = tensor.nbytes();
  // 64-byte alignment keeps SIMD kernels and BLAS happy.
  size_t allocated = (size + 63) / 64 * 64 + 64;
  std::shared_ptr<std::byte[]> storage(
      new (std::align_val_t(64)) std::byte[allocated](),
      [](std::byte* p) { ::operator delete[](p, std::align_val_t(64)); });
  tensor.data_ = storage.get();
  tensor.owner_ = std::move(storage);
  if (dtype == DType::String) tensor.strings_.resize(static_cast<size_t>(tensor.numel()));
  return tensor;
}

Tensor Tensor::fromBytes(DType dtype, std::vector<int64_t> dims, std::span<const std::byte> bytes) {
  Tensor tensor = zeros(dtype, std::move(dims));
  std::memcpy(tensor.mutableBytes(), bytes.data(), std::min(bytes.size(), tensor.nbytes()));
  return tensor;
}

Tensor Tensor::view(DType dtype, std::vector<int64_t> dims, std::shared_ptr<const void> owner,
                    const std::byte* data) {
  Tensor tensor;
  tensor.dtype_ = dtype;
  tensor.dims_ = std::move(dims);
  tensor.owner_ = std::move(owner);
  tensor.data_ = data;
  return tensor;
}

Tensor Tensor::strings(std::vector<int64_t> dims, std::vector<std::string> values) {
  Tensor tensor;
  tensor.dtype_ = DType::String;
  tensor.dims_ = std::move(dims);
  tensor.strings_ = std::move(values);
  return tensor;
}

Tensor Tensor::scalarFloat(float value) {
  return fromVector<float>(DType::Float32, {}, {value});
}
Tensor Tensor::scalarInt64(int64_t value) {
  return fromVector<int64_t>(DType::Int64, {}, {value});
}

double Tensor::elementAsDouble(int64_t i) const {
  switch (dtype_) {
    case DType::Float32:
      return data<float>()[i];
    case DType::Float64:
      return data<double>()[i];
    case DType::Float16:
      return halfToFloat(data<uint16_t>()[i]);
    case DType::BFloat16:
      return bfloat16ToFloat(data<uint16_t>()[i]);
    case DType::Int8:
      return data<int8_t>()[i];
    case DType::UInt8:
      return data<uint8_t>()[i];
    case DType::Int16:
      return data<int16_t>()[i];
    case DType::UInt16:
      return data<uint16_t>()[i];
    case DType::Int32:
      return data<int32_t>()[i];
    case DType::UInt32:
      return data<uint32_t>()[i];
    case DType::Int64:
      return static_cast<double>(data<int64_t>()[i]);
    case DType::UInt64:
      return static_cast<double>(data<uint64_t>()[i]);
    case DType::Bool:
      return data<uint8_t>()[i] ? 1.0 : 0.0;
    default:
      return 0.0;
  }
}

int64_t Tensor::elementAsInt64(int64_t i) const {
  switch (dtype_) {
    case DType::Int64:
      return data<int64_t>()[i];
    case DType::UInt64:
      return static_cast<int64_t>(data<uint64_t>()[i]);
    case DType::Int32:
      return data<int32_t>()[i];
    default:
      return static_cast<int64_t>(elementAsDouble(i));
  }
}

std::vector<int64_t> Tensor::toInt64Vector() const {
  std::vector<int64_t> values(static_cast<size_t>(numel()));
  for (size_t i = 0; i < values.size(); ++i) values[i] = elementAsInt64(static_cast<int64_t>(i));
  return values;
}

std::vector<float> Tensor::toFloatVector() const {
  std::vector<float> values(static_cast<size_t>(numel()));
  for (size_t i = 0; i < values.size(); ++i)
    values[i] = static_cast<float>(elementAsDouble(static_cast<int64_t>(i)));
  return values;
}

Tensor Tensor::reshaped(std::vector<int64_t> dims) const {
  Tensor tensor = *this;
  tensor.dims_ = std::move(dims);
  return tensor;
}

Tensor Tensor::clone() const {
  if (dtype_ == DType::String) return strings(dims_, strings_);
  return fromBytes(dtype_, dims_, std::span<const std::byte>(data_, nbytes()));
}

}  // namespace mb
