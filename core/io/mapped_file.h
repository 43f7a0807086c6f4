// Read-only view of a whole file through mmap (copy-on-write, so tensors viewing it may be written
// by kernels without touching the file). Tensor views hold a shared_ptr to keep it mapped.
#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <string>

#include "util/status.h"

namespace mb {

class MappedFile {
 public:
  static Expected<std::shared_ptr<MappedFile>> open(const std::string& path);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  const std::byte* data() const { return data_; }
  size_t size() const { return size_; }
  std::span<const std::byte> bytes() const { return {data_, size_}; }
  const std::string& path() const { return path_; }

 private:
  MappedFile() = default;
  std::byte* data_ = nullptr;
  size_t size_ = 0;
  std::string path_;
};

// Whole file into memory (for small files: projects, JSON, headers).
Expected<std::string> readTextFile(const std::string& path, size_t maxBytes = 64u << 20);

}  // namespace mb
