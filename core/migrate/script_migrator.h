// Rewrites a PyTorch model script into a MindSpore script. Every torch reference is resolved
// through the script's imports to its full name ("nn.Linear" → torch.nn.Linear), looked up in our
// rules and the official mapping table of the chosen API level (mint falls back to classic), and
// checked against MindSpore 2.7's API before it is used. What cannot be mapped is kept as written
// and marked with a `# MindBridge: not converted (…)` comment above its statement. The result is a
// list of changes (each a set of span edits) so a front end can accept or reject each one.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "migrate/api_tables.h"
#include "migrate/source_edits.h"
#include "util/status.h"

namespace mb::migrate {

struct MigrationOptions {
  TargetApi target = TargetApi::Classic;
};

enum class ChangeKind { Convert, Insert, UnConvert };

struct Change {
  ChangeKind kind = ChangeKind::Convert;
  uint32_t line = 0, col = 0;  // in the original script (line 1-based, column 0-based byte)
  std::string from;            // "torch.nn.Linear", "import torch", "forward"
  std::string to;              // "mindspore.nn.Dense"; UnConvert: a suggestion or ""
  std::string detail;          // notes (Convert) or the reason (UnConvert)
  std::vector<Edit> edits;     // UnConvert: the marker comment
  bool counted = false;        // Convert of an API reference (counted in `converted`)
};

struct MigrationResult {
  std::string fileName;
  TargetApi target = TargetApi::Classic;
  std::string original;
  std::string output;  // every change applied
  std::vector<Change> changes;
  int converted = 0;    // API references converted
  int unconverted = 0;  // API references kept as written
  int editConflicts = 0;

  double convertedRate() const {
    int total = converted + unconverted;
    return total == 0 ? 1.0 : static_cast<double>(converted) / total;
  }
};

// Errors: BadFormat for source it cannot read (with file:line:col).
Expected<MigrationResult> migrateScript(std::string source, const std::string& fileName,
                                        const MigrationOptions& options = {});

// The original with the changes whose `accepted` flag is set (all when `accepted` is empty).
std::string applyChanges(const MigrationResult& result, const std::vector<bool>& accepted = {});

// Only Convert and Insert changes can be turned down; an UnConvert change (its marker comment and
// the torch spelling it needs) is always applied.
inline bool isReviewable(const Change& change) {
  return change.kind != ChangeKind::UnConvert;
}

// The result after a review (`accepted` indexed like `changes`): `output` holds the accepted
// changes, and each rejected one is reported as UnConvert "rejected in review" with the
// counts adjusted (a rejected Insert is dropped), so the saved script and its report agree.
MigrationResult applyReview(const MigrationResult& result, const std::vector<bool>& accepted);

}  // namespace mb::migrate

namespace mb::migrate {
// Reads a script for migration: FileNotFound, InvalidArgument (a folder), LimitExceeded (over
// 16 MiB), FileUnreadable. Content checks (binary, encoding, syntax) happen in migrateScript.
Expected<std::string> readPythonScript(const std::string& path);
}  // namespace mb::migrate
