#include "core/status.h"

namespace attune {

const char* Status::code_name() const {
  switch (code_) {
    case StatusCode::kOk:
      return "ok";
    case StatusCode::kInvalid:
      return "invalid";
    case StatusCode::kBadRequest:
      return "bad_request";
    case StatusCode::kUnauthenticated:
      return "unauthenticated";
    case StatusCode::kForbidden:
      return "forbidden";
    case StatusCode::kNotFound:
      return "not_found";
    case StatusCode::kConflict:
      return "conflict";
    case StatusCode::kTooManyRequests:
      return "too_many_requests";
    case StatusCode::kUnavailable:
      return "unavailable";
    case StatusCode::kInternal:
      return "internal";
  }
  return "internal";
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  std::string s = code_name();
  s += ": ";
  s += message_;
  if (!field_.empty()) s += " (field " + field_ + ")";
  return s;
}

}  // namespace attune
