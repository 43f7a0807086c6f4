// SHA-256 (FIPS 180-4) for the source-file fingerprint in model.py's header and the reports.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "util/status.h"

namespace mb::emitter {

class Sha256 {
 public:
  void update(std::span<const std::byte> data);
  std::string hexDigest();  // finishes; call once

 private:
  void block(const uint8_t* p);
  uint32_t h_[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                    0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  uint8_t buffer_[64] = {};
  size_t used_ = 0;
  uint64_t length_ = 0;
};

// Hex digest of a file's bytes (read through a memory map).
Expected<std::string> sha256File(const std::string& path);

}  // namespace mb::emitter
