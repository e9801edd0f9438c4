// Status and Result<T>: expected failures as values.
//
// A Status is either OK or carries a code, a message a school user can act
// on, and optionally the name of the field the failure is about. Services
// return Status or Result<T>; the http layer turns a failed Status into the
// uniform error (HTML page or fragment, or JSON) in one place.
//
// Thread-safety: value types, safe to copy between threads.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace attune {

enum class StatusCode {
  kOk,
  kInvalid,          // the input is wrong; message says how (HTTP 422 / 400)
  kBadRequest,       // the request itself is malformed (HTTP 400)
  kUnauthenticated,  // no or bad credentials (HTTP 401)
  kForbidden,        // signed in but not allowed (HTTP 403)
  kNotFound,         // no such record, or not one the caller may see (HTTP 404)
  kConflict,         // clashes with a saved record (HTTP 409)
  kTooManyRequests,  // throttled (HTTP 429)
  kUnavailable,      // storage busy or down (HTTP 503)
  kInternal,         // a bug or broken environment (HTTP 500)
};

class Status {
 public:
  Status() = default;
  static Status Ok() { return Status(); }
  static Status Invalid(std::string message, std::string field = "") {
    return Status(StatusCode::kInvalid, std::move(message), std::move(field));
  }
  static Status BadRequest(std::string message, std::string field = "") {
    return Status(StatusCode::kBadRequest, std::move(message), std::move(field));
  }
  static Status Unauthenticated(std::string message) {
    return Status(StatusCode::kUnauthenticated, std::move(message), "");
  }
  static Status Forbidden(std::string message) {
    return Status(StatusCode::kForbidden, std::move(message), "");
  }
  static Status NotFound(std::string message) {
    return Status(StatusCode::kNotFound, std::move(message), "");
  }
  static Status Conflict(std::string message, std::string field = "") {
    return Status(StatusCode::kConflict, std::move(message), std::move(field));
  }
  static Status TooManyRequests(std::string message) {
    return Status(StatusCode::kTooManyRequests, std::move(message), "");
  }
  static Status Unavailable(std::string message) {
    return Status(StatusCode::kUnavailable, std::move(message), "");
  }
  static Status Internal(std::string message) {
    return Status(StatusCode::kInternal, std::move(message), "");
  }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // The form or JSON field the failure is about; empty when none.
  const std::string& field() const { return field_; }
  // A stable machine name for the code, e.g. "invalid", "not_found".
  const char* code_name() const;
  std::string ToString() const;

 private:
  Status(StatusCode code, std::string message, std::string field)
      : code_(code), message_(std::move(message)), field_(std::move(field)) {}

  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  std::string field_;
};

// Result<T> holds a T or a failed Status.
// REQUIRES: a Result is never built from an OK Status.
template <typename T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}         // NOLINT: implicit by design
  Result(Status status) : value_(std::move(status)) {}  // NOLINT

  bool ok() const { return std::holds_alternative<T>(value_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(value_);
  }
  // REQUIRES: ok()
  T& value() & { return std::get<T>(value_); }
  const T& value() const& { return std::get<T>(value_); }
  T&& value() && { return std::get<T>(std::move(value_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> value_;
};

}  // namespace attune

// Returns early from the calling function when `expr` yields a failed Status.
#define ATTUNE_RETURN_IF_ERROR(expr) \
  do {                               \
    ::attune::Status _st = (expr);   \
    if (!_st.ok()) return _st;       \
  } while (0)
