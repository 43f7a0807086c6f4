#include "util/status.h"

namespace mb {

const char* errorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::Ok:
      return "ok";
    case ErrorCode::InvalidArgument:
      return "invalid-argument";
    case ErrorCode::FileNotFound:
      return "file-not-found";
    case ErrorCode::FileUnreadable:
      return "file-unreadable";
    case ErrorCode::FileTruncated:
      return "file-truncated";
    case ErrorCode::BadFormat:
      return "bad-format";
    case ErrorCode::InvalidModel:
      return "invalid-model";
    case ErrorCode::UnsupportedOp:
      return "unsupported-op";
    case ErrorCode::UnsafePath:
      return "unsafe-path";
    case ErrorCode::LimitExceeded:
      return "limit-exceeded";
    case ErrorCode::ShapeMismatch:
      return "shape-mismatch";
    case ErrorCode::TypeMismatch:
      return "type-mismatch";
    case ErrorCode::UnsafeContent:
      return "unsafe-content";
    case ErrorCode::WriteFailed:
      return "write-failed";
    case ErrorCode::AlreadyExists:
      return "already-exists";
    case ErrorCode::Cancelled:
      return "cancelled";
    case ErrorCode::NotComputed:
      return "not-computed";
    case ErrorCode::Internal:
      return "internal";
  }
  return "unknown";
}

std::string Error::describe() const {
  std::string text = std::string("error[") + errorCodeName(code) + "]";
  if (!where.empty()) text += " " + where + ":";
  return text + " " + message;
}

}  // namespace mb
