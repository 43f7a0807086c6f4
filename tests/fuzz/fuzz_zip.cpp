// The zip layout reader on its own (central directory, zip64 extras, local headers), on bytes that
// libzip would often reject before readPth gets here. Promise checked: every entry it returns lies
// inside the file.
#include <span>

#include "io/zip_layout.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto bytes = std::as_bytes(std::span(data, size));
  auto layout = mb::readZipLayout(bytes, "fuzz.zip");
  if (!layout) return 0;
  for (const auto& [name, entry] : *layout)
    if (entry.dataOffset > size || entry.compressedSize > size - entry.dataOffset) __builtin_trap();
  return 0;
}
