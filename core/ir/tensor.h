// A dense tensor: dtype, dims and a byte span that is either owned or a view on someone else's
// memory (a memory-mapped file, a parsed protobuf buffer). Copying a Tensor shares the bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "ir/dtype.h"

namespace mb {

class Tensor {
 public:
  Tensor() = default;

  // Zero-filled tensor that owns its bytes.
  static Tensor zeros(DType dtype, std::vector<int64_t> dims);
  // Owned copy of the given bytes (size must equal numel * dtypeSize).
  static Tensor fromBytes(DType dtype, std::vector<int64_t> dims, std::span<const std::byte> bytes);
  // A view: `owner` keeps `data` alive; nothing is copied.
  static Tensor view(DType dtype, std::vector<int64_t> dims, std::shared_ptr<const void> owner,
                     const std::byte* data);
  static Tensor strings(std::vector<int64_t> dims, std::vector<std::string> values);
  template <typename T>
  static Tensor fromVector(DType dtype, std::vector<int64_t> dims, const std::vector<T>& values) {
    return fromBytes(dtype, std::move(dims),
                     std::as_bytes(std::span<const T>(values.data(), values.size())));
  }
  static Tensor scalarFloat(float value);
  static Tensor scalarInt64(int64_t value);

  DType dtype() const { return dtype_; }
  const std::vector<int64_t>& dims() const { return dims_; }
  int64_t rank() const { return static_cast<int64_t>(dims_.size()); }
  int64_t numel() const;
  size_t nbytes() const { return static_cast<size_t>(numel()) * dtypeSize(dtype_); }
  bool empty() const { return dtype_ == DType::Undefined; }

  const std::byte* bytes() const { return data_; }
  // Writable bytes. Views on files are mapped copy-on-write, so writing never touches the file.
  std::byte* mutableBytes() { return const_cast<std::byte*>(data_); }
  template <typename T>
  const T* data() const {
    return reinterpret_cast<const T*>(data_);
  }
  template <typename T>
  T* mutableData() {
    return reinterpret_cast<T*>(mutableBytes());
  }
  const std::vector<std::string>& stringValues() const { return strings_; }

  // Element i converted to double / int64 (any numeric dtype); for shape arithmetic and tests.
  double elementAsDouble(int64_t index) const;
  int64_t elementAsInt64(int64_t index) const;
  // All elements as int64 (for shape-like tensors).
  std::vector<int64_t> toInt64Vector() const;
  std::vector<float> toFloatVector() const;

  // Same bytes, other dims (numel must match).
  Tensor reshaped(std::vector<int64_t> dims) const;
  // Deep copy into owned memory.
  Tensor clone() const;

 private:
  DType dtype_ = DType::Undefined;
  std::vector<int64_t> dims_;
  std::shared_ptr<const void> owner_;
  const std::byte* data_ = nullptr;
  std::vector<std::string> strings_;
};

// numel of dims, or -1 if a dim is negative or the product overflows int64.
int64_t checkedNumel(const std::vector<int64_t>& dims);
std::string dimsToString(const std::vector<int64_t>& dims);

}  // namespace mb
