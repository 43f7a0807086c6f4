// Errors as values (after LLVM's Expected<T>): no exception crosses the core API. Every error has a
// stable code a script can test, a message a user can act on, and where it happened.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace mb {

// Stable codes: never renumber, only append. The README's error table mirrors this list.
enum class ErrorCode {
  Ok = 0,
  InvalidArgument = 1,  // bad flag value, malformed shape spec, …
  FileNotFound = 2,     // a path that does not exist
  FileUnreadable = 3,   // permission, I/O error
  FileTruncated = 4,    // ended before a declared size
  BadFormat = 5,        // not the format it claims to be (magic, protobuf, zip, pickle…)
  InvalidModel = 6,     // parses, but violates the model's rules (cycle, dangling input…)
  UnsupportedOp = 7,    // an operator we have no implementation for
  UnsafePath = 8,       // external data path escaping the model folder, absolute path
  LimitExceeded = 9,    // sizes, counts, memory budget, zip ratio
  ShapeMismatch = 10,   // shapes that cannot agree
  TypeMismatch = 11,    // dtype that cannot agree
  UnsafeContent = 12,   // refused for safety: pickle globals off the allow list, encrypted ckpt
  WriteFailed = 13,     // output could not be written (disk full, unwritable folder)
  AlreadyExists = 14,   // refusing to overwrite without --overwrite
  Cancelled = 15,       // the user cancelled a long job
  NotComputed = 16,     // a value downstream of an unconverted node
  Internal = 17,        // a bug in MindBridge: report it
};

const char* errorCodeName(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::Internal;
  std::string message;  // what went wrong and, where possible, what to do
  std::string where;    // file, node, tensor or flag the error is about

  // "where: message" — the form every front end prints.
  std::string describe() const;
};

inline Error makeError(ErrorCode code, std::string message, std::string where = {}) {
  return Error{code, std::move(message), std::move(where)};
}

// A status with no value: ok or an Error.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)) {}  // NOLINT: implicit by design
  static Status ok() { return Status(); }
  bool isOk() const { return !error_.has_value(); }
  explicit operator bool() const { return isOk(); }
  const Error& error() const {
    assert(error_);
    return *error_;
  }

 private:
  std::optional<Error> error_;
};

// Either a T or an Error.
template <typename T>
class [[nodiscard]] Expected {
 public:
  Expected(T value) : data_(std::move(value)) {}      // NOLINT: implicit by design
  Expected(Error error) : data_(std::move(error)) {}  // NOLINT
  bool hasValue() const { return data_.index() == 0; }
  explicit operator bool() const { return hasValue(); }
  T& value() & {
    assert(hasValue());
    return std::get<0>(data_);
  }
  const T& value() const& {
    assert(hasValue());
    return std::get<0>(data_);
  }
  T&& value() && {
    assert(hasValue());
    return std::get<0>(std::move(data_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  const Error& error() const {
    assert(!hasValue());
    return std::get<1>(data_);
  }
  Status status() const { return hasValue() ? Status() : Status(error()); }

 private:
  std::variant<T, Error> data_;
};

}  // namespace mb

// Propagate an error from an expression yielding a Status.
#define MB_TRY(expr)                                    \
  do {                                                  \
    ::mb::Status mb_try_status_ = (expr);               \
    if (!mb_try_status_) return mb_try_status_.error(); \
  } while (0)
