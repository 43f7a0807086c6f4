#include "io/zip_layout.h"

#include <algorithm>

namespace mb {
namespace {

uint64_t le(std::span<const std::byte> b, size_t at, int n) {
  uint64_t v = 0;
  for (int i = n - 1; i >= 0; --i)
    v = (v << 8) | static_cast<uint8_t>(b[at + static_cast<size_t>(i)]);
  return v;
}

}  // namespace

Expected<std::map<std::string, ZipEntryLayout>> readZipLayout(std::span<const std::byte> file,
                                                              const std::string& where) {
  auto bad = [&](const std::string& what) {
    return makeError(ErrorCode::BadFormat, "zip: " + what, where);
  };
  if (file.size() < 22)
    return makeError(ErrorCode::FileTruncated, "zip: too short for an end-of-directory record",
                     where);
  // End of central directory: last record with its signature within the final 64 KiB + 22 bytes.
  size_t eocd = std::string::npos;
  size_t lowest = file.size() > 65557 ? file.size() - 65557 : 0;
  for (size_t at = file.size() - 22 + 1; at-- > lowest;)
    if (le(file, at, 4) == 0x06054b50) {
      eocd = at;
      break;
    }
  if (eocd == std::string::npos)
    return makeError(ErrorCode::FileTruncated,
                     "zip: no end-of-directory record (truncated or not a zip)", where);
  uint64_t count = le(file, eocd + 10, 2), cdSize = le(file, eocd + 12, 4),
           cdOffset = le(file, eocd + 16, 4);
  if ((count == 0xffff || cdSize == 0xffffffff || cdOffset == 0xffffffff) && eocd >= 20 &&
      le(file, eocd - 20, 4) == 0x07064b50) {
    uint64_t z64 = le(file, eocd - 20 + 8, 8);
    if (file.size() < 56 || z64 > file.size() - 56 || le(file, z64, 4) != 0x06064b50)
      return bad("broken zip64 end-of-directory record");
    count = le(file, z64 + 32, 8);
    cdSize = le(file, z64 + 40, 8);
    cdOffset = le(file, z64 + 48, 8);
  }
  if (cdOffset > file.size() || cdSize > file.size() - cdOffset)
    return makeError(ErrorCode::FileTruncated,
                     "zip: central directory lies beyond the end of the file", where);
  std::map<std::string, ZipEntryLayout> entries;
  size_t at = static_cast<size_t>(cdOffset);
  const size_t end = static_cast<size_t>(cdOffset + cdSize);
  for (uint64_t i = 0; i < count; ++i) {
    if (at + 46 > end || le(file, at, 4) != 0x02014b50)
      return bad("damaged central directory entry #" + std::to_string(i));
    ZipEntryLayout entry;
    entry.method = static_cast<uint16_t>(le(file, at + 10, 2));
    entry.compressedSize = le(file, at + 20, 4);
    entry.size = le(file, at + 24, 4);
    size_t nameLen = le(file, at + 28, 2), extraLen = le(file, at + 30, 2),
           commentLen = le(file, at + 32, 2);
    uint64_t local = le(file, at + 42, 4);
    if (at + 46 + nameLen + extraLen + commentLen > end)
      return bad("central directory entry runs past its end");
    std::string name(reinterpret_cast<const char*>(file.data() + at + 46), nameLen);
    // zip64 extra field: the 8-byte values appear only for fields saturated in the fixed record.
    for (size_t x = at + 46 + nameLen; x + 4 <= at + 46 + nameLen + extraLen;) {
      uint64_t id = le(file, x, 2), len = le(file, x + 2, 2);
      if (x + 4 + len > at + 46 + nameLen + extraLen) break;
      if (id == 0x0001) {
        size_t p = x + 4, stop = x + 4 + len;
        if (entry.size == 0xffffffff && p + 8 <= stop) entry.size = le(file, p, 8), p += 8;
        if (entry.compressedSize == 0xffffffff && p + 8 <= stop)
          entry.compressedSize = le(file, p, 8), p += 8;
        if (local == 0xffffffff && p + 8 <= stop) local = le(file, p, 8), p += 8;
      }
      x += 4 + len;
    }
    if (file.size() < 30 || local > file.size() - 30 || le(file, local, 4) != 0x04034b50)
      return bad("bad local header for '" + name + "'");
    entry.dataOffset = local + 30 + le(file, local + 26, 2) + le(file, local + 28, 2);
    if (entry.dataOffset > file.size() || entry.compressedSize > file.size() - entry.dataOffset)
      return makeError(ErrorCode::FileTruncated,
                       "zip: data of '" + name + "' lies beyond the end of the file", where);
    entries[name] = entry;
    at += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

}  // namespace mb
