// The one place a request becomes a response: picks the site (pages or
// API) by path prefix, matches the route, finds who is asking, checks the
// route's permission and CSRF, runs the handler, and turns every failure —
// a Status or an exception — into the site's uniform error. Adds security
// headers to every response.
//
// Thread-safety: configure before serving; Handle is then safe from any thread.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "http/request.h"
#include "http/response.h"
#include "http/router.h"
#include "http/static_files.h"

namespace attune::http {

struct Site {
  std::string prefix;  // "/api/" or "/"; the longest matching prefix wins
  const Router* router = nullptr;
  // The principal asking, or nullopt for an anonymous request. A failed
  // Status refuses the request (e.g. a malformed or revoked token).
  std::function<Result<std::optional<Principal>>(Request&)> authenticate;
  // Checked before a POST/PUT/PATCH/DELETE handler runs; may be empty.
  std::function<Status(const Request&)> verify_csrf;
  // Whether the principal (null when anonymous) may use a route.
  std::function<Status(const Principal*, Permission)> authorize;
  // The uniform error for this site (HTML page, fragment or JSON).
  std::function<Response(const Request&, const Status&)> render_error;
};

// Whether a state-changing request came from attune's own pages (or from a
// client that is not a browser): Forbidden when Sec-Fetch-Site says another
// site, or, without it, when Origin names another host than Host.
Status CheckSameOrigin(const Request& request);

class Dispatcher {
 public:
  void AddSite(Site site);
  // Serves files under `prefix` (e.g. "/static/") from `files`.
  void ServeStatic(std::string prefix, const StaticFiles* files);
  // Mark responses Strict-Transport-Security (behind TLS). Default: false
  void set_hsts(bool on) { hsts_ = on; }

  Response Handle(Request& request) const;
  // Whether the route `method` `path` takes a larger body than the server's
  // limit (Route::max_body_bytes): an upload.
  bool TakesUpload(const std::string& method, const std::string& path) const;
  // The larger body `request`'s route takes, for a request whose
  // credentials open that route (its session or token is live and its role
  // may use it), or 0 for the server's limit: so that nobody who may not
  // upload can make the server hold an upload's worth of bytes. Reads the
  // store (the session): call it off the network threads. Leaves
  // `request.principal` unset.
  size_t UploadLimitFor(Request& request) const;
  // The largest Route::max_body_bytes of every site's routes (0 for none).
  size_t LargestBodyLimit() const;
  // The answer to a request the server will not read further (too large,
  // malformed, too slow): the error page or JSON of the site `request.path`
  // belongs to, with `http_status` and the security headers.
  Response Refuse(const Request& request, int http_status, const Status& status) const;

 private:
  const Site* SiteFor(const std::string& path) const;
  // Ok when `principal` (null when anonymous) holds the route's permission
  // or one of its others (Route::also).
  static Status Allowed(const Site& site, const Route& route, const Principal* principal);
  Response Dispatch(const Site& site, Request& request) const;
  void AddSecurityHeaders(const Request& request, Response& response) const;

  std::vector<Site> sites_;
  std::string static_prefix_;
  const StaticFiles* static_files_ = nullptr;
  bool hsts_ = false;
};

}  // namespace attune::http
