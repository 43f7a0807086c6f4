#include "io/mapped_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace mb {

Expected<std::shared_ptr<MappedFile>> MappedFile::open(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    ErrorCode code = errno == ENOENT ? ErrorCode::FileNotFound : ErrorCode::FileUnreadable;
    return makeError(code, std::string("cannot open: ") + std::strerror(errno), path);
  }
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(fd);
    return makeError(ErrorCode::FileUnreadable, "not a regular file", path);
  }
  std::shared_ptr<MappedFile> file(new MappedFile());
  file->path_ = path;
  file->size_ = static_cast<size_t>(info.st_size);
  if (file->size_ > 0) {
    void* addr = ::mmap(nullptr, file->size_, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    if (addr == MAP_FAILED) {
      ::close(fd);
      return makeError(ErrorCode::FileUnreadable,
                       std::string("cannot map: ") + std::strerror(errno), path);
    }
    file->data_ = static_cast<std::byte*>(addr);
  }
  ::close(fd);
  return file;
}

MappedFile::~MappedFile() {
  if (data_) ::munmap(data_, size_);
}

Expected<std::string> readTextFile(const std::string& path, size_t maxBytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    struct stat info {};
    bool exists = ::stat(path.c_str(), &info) == 0;
    return makeError(exists ? ErrorCode::FileUnreadable : ErrorCode::FileNotFound,
                     exists ? "cannot read the file" : "no such file", path);
  }
  in.seekg(0, std::ios::end);
  auto size = static_cast<size_t>(in.tellg());
  if (size > maxBytes)
    return makeError(ErrorCode::LimitExceeded,
                     "file is " + std::to_string(size) + " bytes, more than the limit of " +
                         std::to_string(maxBytes),
                     path);
  in.seekg(0);
  std::string text(size, '\0');
  in.read(text.data(), static_cast<std::streamsize>(size));
  return text;
}

}  // namespace mb
