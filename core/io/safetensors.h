// safetensors: 8-byte little-endian header size, a JSON header {name: {dtype, shape,
// data_offsets}}, then the data buffer. The header is validated before any tensor is touched (size
// bounds, known dtypes, offsets inside the buffer, byte counts matching dtype × shape, no overlaps,
// no holes); tensors are views on the memory-mapped file.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "io/mapped_file.h"
#include "ir/tensor.h"
#include "util/status.h"

namespace mb {

struct SafetensorsFile {
  std::vector<std::pair<std::string, Tensor>> tensors;  // in data-offset order
  std::map<std::string, std::string> metadata;          // "__metadata__"
  std::shared_ptr<MappedFile> file;
};

struct SafetensorsReadOptions {
  uint64_t maxHeaderBytes = 100u << 20;
};

Expected<SafetensorsFile> readSafetensors(const std::string& path,
                                          const SafetensorsReadOptions& options = {});

// Writes tensors in the given order (header padded with spaces to 8 bytes, as the reference
// writer).
Status writeSafetensors(const std::string& path,
                        const std::vector<std::pair<std::string, Tensor>>& tensors,
                        const std::map<std::string, std::string>& metadata = {});

// "F32" ↔ DType.
std::optional<DType> safetensorsDType(const std::string& code);
std::string safetensorsCode(DType dtype);

}  // namespace mb
