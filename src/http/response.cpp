#include "http/response.h"

#include <strings.h>

#include "http/url.h"

namespace attune::http {

Response Response::Html(std::string body, int status) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

Response Response::Json(const nlohmann::json& value, int status) {
  Response r;
  r.status = status;
  r.content_type = "application/json";
  r.body = JsonText(value);
  return r;
}

Response Response::Json(JsonWriter& written, int status) {
  Response r;
  r.status = status;
  r.content_type = "application/json";
  r.body = written.Take();
  return r;
}

Response Response::Text(std::string body, int status) {
  Response r;
  r.status = status;
  r.content_type = "text/plain; charset=utf-8";
  r.body = std::move(body);
  return r;
}

Response Response::Redirect(const std::string& location) {
  Response r;
  r.status = 303;
  // Only paths on this site, in plain URL characters: never "//host",
  // "http://", a tab or a new line (no open redirect, no header injection).
  r.SetHeader("Location", IsLocalPath(location) ? location : "/");
  return r;
}

void Response::SetHeader(const std::string& name, const std::string& value) {
  for (auto& [k, v] : headers) {
    if (strcasecmp(k.c_str(), name.c_str()) == 0 && strcasecmp(name.c_str(), "Set-Cookie") != 0) {
      v = value;
      return;
    }
  }
  headers.emplace_back(name, value);
}

std::string Response::GetHeader(const std::string& name) const {
  for (const auto& [k, v] : headers) {
    if (strcasecmp(k.c_str(), name.c_str()) == 0) return v;
  }
  return "";
}

void Response::SetCookie(const std::string& name, const std::string& value,
                         const CookieOptions& o) {
  std::string c = name + "=" + value + "; Path=" + o.path;
  if (o.max_age_seconds >= 0) c += "; Max-Age=" + std::to_string(o.max_age_seconds);
  if (o.http_only) c += "; HttpOnly";
  if (o.secure) c += "; Secure";
  c += "; SameSite=" + o.same_site;
  headers.emplace_back("Set-Cookie", c);
}

int HttpStatusFor(const Status& status) {
  switch (status.code()) {
    case StatusCode::kOk:
      return 200;
    case StatusCode::kInvalid:
      return 422;
    case StatusCode::kBadRequest:
      return 400;
    case StatusCode::kUnauthenticated:
      return 401;
    case StatusCode::kForbidden:
      return 403;
    case StatusCode::kNotFound:
      return 404;
    case StatusCode::kConflict:
      return 409;
    case StatusCode::kTooManyRequests:
      return 429;
    case StatusCode::kUnavailable:
      return 503;
    case StatusCode::kInternal:
      return 500;
  }
  return 500;
}

}  // namespace attune::http
