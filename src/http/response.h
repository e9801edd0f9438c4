// An HTTP response built by handlers and written by http/server.cpp.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "http/json_writer.h"

namespace attune::http {

struct CookieOptions {
  int max_age_seconds = -1;  // -1: a session cookie; 0: delete
  bool http_only = true;
  bool secure = false;
  std::string same_site = "Lax";  // "Strict" or "Lax"
  std::string path = "/";
};

struct Response {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;

  static Response Html(std::string body, int status = 200);
  static Response Json(const nlohmann::json& value, int status = 200);
  static Response Json(JsonWriter& written, int status = 200);
  static Response Text(std::string body, int status = 200);
  // 303 See Other to `location` when it IsLocalPath (http/url.h), else to
  // "/". For an htmx request the dispatcher turns this into HX-Redirect.
  static Response Redirect(const std::string& location);

  void SetHeader(const std::string& name, const std::string& value);
  std::string GetHeader(const std::string& name) const;
  void SetCookie(const std::string& name, const std::string& value, const CookieOptions& options);
};

// The HTTP status for a failed Status: invalid 422, bad request 400,
// unauthenticated 401, forbidden 403, not found 404, conflict 409, too many
// requests 429, unavailable 503, internal 500.
int HttpStatusFor(const Status& status);

}  // namespace attune::http
