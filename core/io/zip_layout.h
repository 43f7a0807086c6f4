// Where each zip entry's data starts in the file (libzip reads entries but does not expose
// offsets). torch.save stores tensors uncompressed and 64-byte aligned, so knowing the offset lets
// tensors be views on the mapped file instead of copies. Reads the (zip64-aware) central directory
// and each local header, all bounds-checked.
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <string>

#include "util/status.h"

namespace mb {

struct ZipEntryLayout {
  uint64_t dataOffset = 0;
  uint64_t compressedSize = 0;
  uint64_t size = 0;
  uint16_t method = 0;  // 0 = stored
};

Expected<std::map<std::string, ZipEntryLayout>> readZipLayout(std::span<const std::byte> file,
                                                              const std::string& where);

}  // namespace mb
