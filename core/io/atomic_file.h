// An output file that appears only when complete: bytes go to "<path>.tmp-XXXXXX" beside the target
// (same filesystem, so rename is atomic); commit() syncs and renames, destruction without commit
// removes the temporary. Buffered, with a zero-copy path for large blocks.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "util/status.h"

namespace mb {

class AtomicFile {
 public:
  static Expected<AtomicFile> create(const std::string& path);
  AtomicFile(AtomicFile&& other) noexcept;
  AtomicFile& operator=(AtomicFile&& other) noexcept;
  AtomicFile(const AtomicFile&) = delete;
  ~AtomicFile();

  Status write(std::span<const std::byte> bytes);
  Status write(std::string_view text) {
    return write(std::as_bytes(std::span(text.data(), text.size())));
  }
  Status commit();
  uint64_t size() const { return written_; }
  const std::string& path() const { return path_; }

 private:
  AtomicFile() = default;
  Status flush();
  void discard();
  int fd_ = -1;
  std::string path_, tempPath_;
  std::vector<std::byte> buffer_;
  uint64_t written_ = 0;
};

// Fault injection for tests: called before each system call an AtomicFile makes ("create", "write",
// "fsync", "rename"); returning true makes that call fail as if the disk returned EIO. Null (the
// default) injects nothing. Lets a test interrupt every writer at every point.
using AtomicFileFaultHook = bool (*)(const char* operation);
void setAtomicFileFaultHook(AtomicFileFaultHook hook);

// Writes a whole small file atomically (JSON, reports).
Status writeFileAtomically(const std::string& path, std::string_view content);

}  // namespace mb
