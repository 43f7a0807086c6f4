#include "emit/output_stager.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <mutex>

#include "io/atomic_file.h"

namespace mb::emitter {
namespace {

namespace fs = std::filesystem;

// Live stagers, so an interrupted run can remove what they staged.
std::mutex gLiveMutex;
std::vector<OutputStager*> gLive;
std::atomic<bool> gInterrupted{false};  // once set, no new staging folder is made
bool gAnyCommitted =
    false;  // under gLiveMutex: a set was moved into place (it may be gone from gLive)

std::string errnoText(int error) {
  return std::strerror(error);
}

}  // namespace

OutputStager::OutputStager(bool overwrite) : overwrite_(overwrite) {
  std::lock_guard lock(gLiveMutex);
  gLive.push_back(this);
}

bool OutputStager::discardAllLive() {
  gInterrupted = true;
  std::lock_guard lock(gLiveMutex);
  for (OutputStager* stager : gLive)
    if (!stager->committed_) stager->discard();
  return !gAnyCommitted;
}

OutputStager::~OutputStager() {
  if (!committed_) discard();
  std::lock_guard lock(gLiveMutex);
  std::erase(gLive, this);
}

Expected<std::string> OutputStager::stagingDir(const std::string& dir) {
  for (const auto& [dest, staging] : stagingDirs_)
    if (dest == dir) return staging;
  if (gInterrupted) return makeError(ErrorCode::Cancelled, "interrupted", dir);
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec))
    return makeError(ErrorCode::WriteFailed, "the output folder is a file, not a folder", dir);
  // Remember which folders we create so a failed run can take them away again.
  std::vector<std::string> missing;
  for (fs::path p = fs::path(dir); !p.empty() && !fs::exists(p, ec); p = p.parent_path()) {
    missing.push_back(p.string());
    if (p == p.parent_path()) break;
  }
  fs::create_directories(dir, ec);
  if (!ec) createdDirs_.insert(createdDirs_.end(), missing.begin(), missing.end());
  if (ec)
    return makeError(ErrorCode::WriteFailed,
                     "cannot create the output folder (" + ec.message() + ")", dir);
  std::string pattern = (fs::path(dir) / ".mindbridge-staging-XXXXXX").string();
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  if (!::mkdtemp(buffer.data()))
    return makeError(ErrorCode::WriteFailed,
                     "cannot write into the output folder (" + errnoText(errno) + ")", dir);
  std::string staging = buffer.data();
  stagingDirs_.push_back({dir, staging});
  return staging;
}

Expected<std::string> OutputStager::plan(const std::string& dir, const std::string& name) {
  const std::string destination = (fs::path(dir) / name).string();
  std::error_code ec;
  if (fs::is_directory(destination, ec))
    return makeError(ErrorCode::AlreadyExists,
                     "a folder with the output file's name exists; remove or rename it",
                     destination);
  if (fs::exists(destination, ec) && !overwrite_)
    return makeError(ErrorCode::AlreadyExists,
                     "the output file already exists; pass --overwrite to replace it", destination);
  for (const auto& f : files_)
    if (f.destination == destination)
      return makeError(ErrorCode::InvalidArgument, "two outputs would have the same name",
                       destination);
  auto staging = stagingDir(dir);
  if (!staging) return staging.error();
  Staged staged{(fs::path(*staging) / name).string(), destination};
  files_.push_back(staged);
  return staged.staged;
}

Status OutputStager::writeText(const std::string& dir, const std::string& name,
                               std::string_view text) {
  auto path = plan(dir, name);
  if (!path) return path.error();
  auto file = AtomicFile::create(*path);
  if (!file) return file.error();
  MB_TRY(file->write(text));
  return file->commit();
}

Status OutputStager::commit() {
  // Under the lock an interrupt waits for the whole set to be in place (or for nothing to move):
  // a watcher discarding half-way through would leave part of the set.
  std::lock_guard lock(gLiveMutex);
  if (gInterrupted) return makeError(ErrorCode::Cancelled, "interrupted", "outputs");
  // Check every staged file exists first so a failure leaves the destinations untouched.
  for (const auto& f : files_)
    if (::access(f.staged.c_str(), F_OK) != 0)
      return makeError(ErrorCode::Internal, "a staged output is missing", f.staged);
  for (const auto& f : files_) {
    if (!overwrite_ && ::access(f.destination.c_str(), F_OK) == 0)
      return makeError(ErrorCode::AlreadyExists,
                       "the output file appeared while converting; pass --overwrite to replace it",
                       f.destination);
    if (std::rename(f.staged.c_str(), f.destination.c_str()) != 0)
      return makeError(ErrorCode::WriteFailed,
                       "cannot move the output into place (" + errnoText(errno) + ")",
                       f.destination);
  }
  for (const auto& [dest, staging] : stagingDirs_) ::rmdir(staging.c_str());
  committed_ = true;
  gAnyCommitted = true;
  return Status::ok();
}

void OutputStager::discard() {
  for (const auto& f : files_) ::unlink(f.staged.c_str());
  for (const auto& [dest, staging] : stagingDirs_) {
    // Another thread may still be adding a file (an interrupted run): retry until it is gone.
    std::error_code ec;
    for (int attempt = 0; attempt < 20 && fs::exists(staging, ec); ++attempt) {
      fs::remove_all(staging, ec);
      if (fs::exists(staging, ec)) ::usleep(5000);
    }
  }
  files_.clear();
  stagingDirs_.clear();
  // Deepest first (folders made by later plans may sit inside earlier ones); only if empty.
  std::sort(createdDirs_.begin(), createdDirs_.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  for (const auto& d : createdDirs_) ::rmdir(d.c_str());
  createdDirs_.clear();
}

std::vector<std::string> OutputStager::destinations() const {
  std::vector<std::string> out;
  for (const auto& f : files_) out.push_back(f.destination);
  return out;
}

}  // namespace mb::emitter
