#include "http/router.h"

namespace attune::http {

void Router::Add(std::string method, std::string pattern, Permission permission, Handler handler,
                 std::string example) {
  Route r;
  r.regex = std::regex(pattern, std::regex::ECMAScript | std::regex::optimize);
  r.method = std::move(method);
  r.example = example.empty() ? pattern : std::move(example);
  r.pattern = std::move(pattern);
  r.permission = permission;
  r.handler = std::move(handler);
  routes_.push_back(std::move(r));
}

void Router::AllowLargerBody(const std::string& method, const std::string& pattern, size_t bytes) {
  for (auto& r : routes_) {
    if (r.method == method && r.pattern == pattern) r.max_body_bytes = bytes;
  }
}

void Router::AddAny(std::string method, std::string pattern, Permission permission,
                    std::vector<Permission> also, Handler handler, std::string example) {
  Add(std::move(method), std::move(pattern), permission, std::move(handler), std::move(example));
  routes_.back().also = std::move(also);
}

void Router::AddEither(std::string method, std::string pattern, Permission permission,
                       Permission also, Handler handler, std::string example) {
  Add(std::move(method), std::move(pattern), permission, std::move(handler), std::move(example));
  routes_.back().also = {also};
}

Router::MatchResult Router::Match(const std::string& method, const std::string& path) const {
  MatchResult result;
  std::string effective = method == "HEAD" ? "GET" : method;
  for (const auto& route : routes_) {
    std::smatch m;
    if (!std::regex_match(path, m, route.regex)) continue;
    if (route.method == effective) {
      result.kind = MatchKind::kFound;
      result.route = &route;
      result.params.clear();
      for (size_t i = 1; i < m.size(); ++i) result.params.push_back(m[i].str());
      return result;
    }
    result.kind = MatchKind::kMethodNotAllowed;
    if (result.allow.find(route.method) == std::string::npos) {
      result.allow += (result.allow.empty() ? "" : ", ") + route.method;
    }
  }
  return result;
}

}  // namespace attune::http
