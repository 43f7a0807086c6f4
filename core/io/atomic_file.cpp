#include "io/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <utility>

namespace mb {
namespace {

constexpr size_t kBufferBytes = size_t{1} << 20;

Error writeError(const std::string& what, const std::string& path) {
  return makeError(ErrorCode::WriteFailed, what + ": " + std::strerror(errno), path);
}

std::atomic<AtomicFileFaultHook> gFaultHook{nullptr};

// True when a test's hook asks this operation to fail; errno is then EIO like a failing disk.
bool injectFault(const char* operation) {
  AtomicFileFaultHook hook = gFaultHook.load();
  if (!hook || !hook(operation)) return false;
  errno = EIO;
  return true;
}

}  // namespace

void setAtomicFileFaultHook(AtomicFileFaultHook hook) {
  gFaultHook.store(hook);
}

Expected<AtomicFile> AtomicFile::create(const std::string& path) {
  AtomicFile file;
  file.path_ = path;
  std::string pattern = path + ".tmp-XXXXXX";
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  if (injectFault("create")) return writeError("cannot create the output file", path);
  file.fd_ = ::mkstemp(name.data());
  if (file.fd_ < 0) return writeError("cannot create the output file", path);
  file.tempPath_ = name.data();
  file.buffer_.reserve(kBufferBytes);
  return file;
}

AtomicFile::AtomicFile(AtomicFile&& other) noexcept {
  *this = std::move(other);
}

AtomicFile& AtomicFile::operator=(AtomicFile&& other) noexcept {
  if (this != &other) {
    discard();
    fd_ = std::exchange(other.fd_, -1);
    path_ = std::move(other.path_);
    tempPath_ = std::move(other.tempPath_);
    buffer_ = std::move(other.buffer_);
    written_ = other.written_;
  }
  return *this;
}

AtomicFile::~AtomicFile() {
  discard();
}

void AtomicFile::discard() {
  if (fd_ >= 0) {
    ::close(fd_);
    ::unlink(tempPath_.c_str());
    fd_ = -1;
  }
}

static Status writeAll(int fd, const std::byte* data, size_t size, const std::string& path) {
  while (size > 0) {
    ssize_t n = injectFault("write") ? -1 : ::write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return writeError("cannot write", path);
    }
    data += n;
    size -= static_cast<size_t>(n);
  }
  return Status::ok();
}

// commit() fsyncs; left to the end, writing back a large file (a 500 MB ckpt: 0.6 s here) would add
// to the wall time. Starting write-back every kWritebackBytes overlaps the disk with the producer,
// so the final fsync only waits for the tail.
static constexpr off_t kWritebackBytes = off_t{32} << 20;

static Status writeAndStartWriteback(int fd, const std::byte* data, size_t size,
                                     const std::string& path) {
  MB_TRY(writeAll(fd, data, size, path));
  const off_t end = ::lseek(fd, 0, SEEK_CUR);
  if (end > 0 && end / kWritebackBytes != (end - static_cast<off_t>(size)) / kWritebackBytes)
    ::sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);  // a hint: failure changes nothing
  return Status::ok();
}

Status AtomicFile::flush() {
  if (buffer_.empty()) return Status::ok();
  MB_TRY(writeAndStartWriteback(fd_, buffer_.data(), buffer_.size(), path_));
  buffer_.clear();
  return Status::ok();
}

Status AtomicFile::write(std::span<const std::byte> bytes) {
  if (fd_ < 0) return makeError(ErrorCode::Internal, "write after commit", path_);
  written_ += bytes.size();
  if (buffer_.size() + bytes.size() <= kBufferBytes) {
    buffer_.insert(buffer_.end(), bytes.begin(), bytes.end());
    return Status::ok();
  }
  MB_TRY(flush());
  if (bytes.size() < kBufferBytes) {
    buffer_.insert(buffer_.end(), bytes.begin(), bytes.end());
    return Status::ok();
  }
  return writeAndStartWriteback(fd_, bytes.data(), bytes.size(), path_);
}

Status AtomicFile::commit() {
  if (fd_ < 0) return makeError(ErrorCode::Internal, "commit twice", path_);
  Status status = flush();
  if (status && (injectFault("fsync") || ::fsync(fd_) != 0))
    status = writeError("cannot sync", path_);
  // mkstemp creates 0600; outputs are ordinary user files.
  if (status) ::fchmod(fd_, 0644);
  if (!status) {
    discard();
    return status;
  }
  ::close(fd_);
  fd_ = -1;
  if (injectFault("rename") || ::rename(tempPath_.c_str(), path_.c_str()) != 0) {
    Error error = writeError("cannot move the output into place", path_);
    ::unlink(tempPath_.c_str());
    return error;
  }
  return Status::ok();
}

Status writeFileAtomically(const std::string& path, std::string_view content) {
  auto file = AtomicFile::create(path);
  if (!file) return file.error();
  MB_TRY(file->write(content));
  return file->commit();
}

}  // namespace mb
