// Writes a set of output files so that an interrupted or failed run leaves nothing half-written:
// every file is first written into a hidden staging folder inside its destination folder (same
// filesystem), and only when all of them are complete are they renamed into place. Existing files
// are refused up front unless overwriting was asked for, naming the file.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace mb::emitter {

class OutputStager {
 public:
  explicit OutputStager(bool overwrite);
  OutputStager(const OutputStager&) = delete;
  OutputStager& operator=(const OutputStager&) = delete;
  ~OutputStager();  // removes the staging folders unless commit() succeeded

  // Creates `dir` if needed and checks that `name` can be written there (AlreadyExists without
  // overwrite, WriteFailed when the folder cannot be made or written). Returns the staged path.
  Expected<std::string> plan(const std::string& dir, const std::string& name);
  Status writeText(const std::string& dir, const std::string& name, std::string_view text);
  // Renames every staged file into its destination.
  Status commit();
  // Removes everything staged (also done by the destructor).
  void discard();
  // Destination paths in the order they were planned.
  std::vector<std::string> destinations() const;

  // Removes what every live stager has staged. For a thread that waits for SIGINT / SIGTERM with
  // sigwait() (not for a signal handler: it takes a lock and allocates). Waits for a commit in
  // progress; returns false when a stager had already committed (its outputs are complete and
  // stay).
  static bool discardAllLive();

 private:
  struct Staged {
    std::string staged, destination;
  };
  Expected<std::string> stagingDir(const std::string& dir);
  bool overwrite_;
  bool committed_ = false;
  std::vector<std::pair<std::string, std::string>> stagingDirs_;  // dest dir → staging dir
  std::vector<Staged> files_;
  std::vector<std::string> createdDirs_;  // folders we made, removed again if left empty
};

}  // namespace mb::emitter
