// A route table: method + path pattern (a regex matched against the whole
// path; captures become Request::params) + the permission the route needs.
// A route without a permission cannot be added: deny by default.
//
// Thread-safety: build before serving; Match is then safe from any thread.
#pragma once

#include <functional>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "http/request.h"
#include "http/response.h"
#include "model/role.h"

namespace attune::http {

using Handler = std::function<Response(Request&)>;

struct Route {
  std::string method;
  std::string pattern;  // e.g. "/pupils/([0-9]+)"
  Permission permission;
  // Other permissions that also open the route (the API's routes a parent
  // or carer may ask, narrowed by the handler; home and sign-out for
  // everyone who signs in); none for most.
  std::vector<Permission> also;
  Handler handler;
  std::string example;  // a concrete path for tests, e.g. "/pupils/1"
  std::regex regex;
  // A larger body than the server's limit, for a route taking an upload
  // (bytes); 0 for the server's. Default: 0
  size_t max_body_bytes = 0;
};

class Router {
 public:
  // `example` is a path that matches `pattern`, used when walking the table.
  void Add(std::string method, std::string pattern, Permission permission, Handler handler,
           std::string example = "");
  // A route open to holders of either permission; the handler tells them
  // apart (Principal::role) and answers each only what they may see.
  void AddEither(std::string method, std::string pattern, Permission permission, Permission also,
                 Handler handler, std::string example = "");
  // The same for holders of any of `permission` and `also`.
  void AddAny(std::string method, std::string pattern, Permission permission,
              std::vector<Permission> also, Handler handler, std::string example = "");

  // Lets the route `method` `pattern` (added before) take a body of up to
  // `bytes`, above the server's limit: an upload. The server applies it
  // only to requests that carry credentials. REQUIRES: the route exists.
  void AllowLargerBody(const std::string& method, const std::string& pattern, size_t bytes);

  enum class MatchKind { kFound, kNotFound, kMethodNotAllowed };
  struct MatchResult {
    MatchKind kind = MatchKind::kNotFound;
    const Route* route = nullptr;
    std::vector<std::string> params;
    std::string allow;  // for 405: the methods the path answers
  };
  MatchResult Match(const std::string& method, const std::string& path) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace attune::http
