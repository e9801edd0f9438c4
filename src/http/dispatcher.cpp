#include "http/dispatcher.h"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace attune::http {
namespace {

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](unsigned char x, unsigned char y) {
           return std::tolower(x) == std::tolower(y);
         });
}

}  // namespace

Status CheckSameOrigin(const Request& request) {
  const Status refused = Status::Forbidden(
      "This request came from another website, so attune did not act on it. Nothing has been "
      "changed. If you meant to do this, go to attune and try again there.");
  // Browsers say where a request came from: same-origin, or "none" when the
  // person typed the address or used a bookmark.
  std::string site = request.Header("sec-fetch-site");
  if (!site.empty()) return site == "same-origin" || site == "none" ? Status::Ok() : refused;
  // Older browsers send Origin instead; it must name this host.
  std::string origin = request.Header("origin");
  if (origin.empty()) return Status::Ok();
  size_t scheme_end = origin.find("://");
  if (scheme_end == std::string::npos) return refused;  // "null" and other opaque origins
  std::string_view host = std::string_view(origin).substr(scheme_end + 3);
  return EqualsIgnoringCase(host, request.Header("host")) ? Status::Ok() : refused;
}

void Dispatcher::AddSite(Site site) {
  sites_.push_back(std::move(site));
  std::sort(sites_.begin(), sites_.end(),
            [](const Site& a, const Site& b) { return a.prefix.size() > b.prefix.size(); });
}

void Dispatcher::ServeStatic(std::string prefix, const StaticFiles* files) {
  static_prefix_ = std::move(prefix);
  static_files_ = files;
}

const Site* Dispatcher::SiteFor(const std::string& path) const {
  for (const auto& s : sites_) {
    if (path.rfind(s.prefix, 0) == 0) return &s;
  }
  return nullptr;
}

bool Dispatcher::TakesUpload(const std::string& method, const std::string& path) const {
  const Site* site = SiteFor(path);
  if (!site || !site->router) return false;
  auto match = site->router->Match(method, path);
  return match.kind == Router::MatchKind::kFound && match.route->max_body_bytes > 0;
}

size_t Dispatcher::UploadLimitFor(Request& request) const {
  const Site* site = SiteFor(request.path);
  if (!site || !site->router) return 0;
  auto match = site->router->Match(request.method, request.path);
  if (match.kind != Router::MatchKind::kFound || match.route->max_body_bytes == 0) return 0;
  auto who = site->authenticate(request);
  if (!who.ok() || !*who) return 0;
  return Allowed(*site, *match.route, &**who).ok() ? match.route->max_body_bytes : 0;
}

Status Dispatcher::Allowed(const Site& site, const Route& route, const Principal* principal) {
  Status allowed = site.authorize(principal, route.permission);
  for (Permission also : route.also) {
    if (allowed.ok()) break;
    if (site.authorize(principal, also).ok()) allowed = Status::Ok();
  }
  return allowed;
}

size_t Dispatcher::LargestBodyLimit() const {
  size_t largest = 0;
  for (const auto& site : sites_) {
    if (!site.router) continue;
    for (const auto& route : site.router->routes())
      largest = std::max(largest, route.max_body_bytes);
  }
  return largest;
}

Response Dispatcher::Refuse(const Request& request, int http_status, const Status& status) const {
  const Site* site = SiteFor(request.path);
  Response response =
      site ? site->render_error(request, status) : Response::Text(status.message(), http_status);
  response.status = http_status;
  AddSecurityHeaders(request, response);
  return response;
}

Response Dispatcher::Handle(Request& request) const {
  Response response;
  if (static_files_ && request.path.rfind(static_prefix_, 0) == 0) {
    response = static_files_->Serve(request, request.path.substr(static_prefix_.size()));
    if (response.status == 404) {
      return Refuse(request, 404, Status::NotFound("There is no file at this address"));
    }
  } else {
    const Site* site = SiteFor(request.path);
    if (!site) {
      response = Response::Text("Not found", 404);
    } else {
      try {
        response = Dispatch(*site, request);
      } catch (const std::exception& e) {
        spdlog::error("request {} {} {} failed: {}", request.request_id, request.method,
                      request.path, e.what());
        response = site->render_error(
            request, Status::Internal("Something went wrong on our side. It has been logged "
                                      "with reference " +
                                      request.request_id + "; nothing you had saved is lost."));
      }
    }
  }
  if (request.IsHtmx() && response.status == 303) {
    response.SetHeader("HX-Redirect", response.GetHeader("Location"));
    response.status = 200;
  }
  AddSecurityHeaders(request, response);
  return response;
}

Response Dispatcher::Dispatch(const Site& site, Request& request) const {
  auto match = site.router->Match(request.method, request.path);
  if (match.kind == Router::MatchKind::kNotFound) {
    return site.render_error(request, Status::NotFound("There is no page at this address"));
  }

  auto who = site.authenticate(request);
  if (!who.ok()) return site.render_error(request, who.status());
  std::optional<Principal>& principal = *who;
  request.principal = principal ? &*principal : nullptr;

  if (match.kind == Router::MatchKind::kMethodNotAllowed) {
    Response r = site.render_error(
        request, Status::BadRequest("This address does not accept " + request.method));
    r.status = 405;
    r.SetHeader("Allow", match.allow);
    return r;
  }

  Status allowed = Allowed(site, *match.route, request.principal);
  if (!allowed.ok()) return site.render_error(request, allowed);

  bool changes_state = request.method == "POST" || request.method == "PUT" ||
                       request.method == "PATCH" || request.method == "DELETE";
  if (changes_state) {
    Status same_origin = CheckSameOrigin(request);
    if (!same_origin.ok()) return site.render_error(request, same_origin);
  }
  if (changes_state && site.verify_csrf) {
    Status csrf = site.verify_csrf(request);
    if (!csrf.ok()) return site.render_error(request, csrf);
  }

  request.params = std::move(match.params);
  Response response = match.route->handler(request);
  request.principal = nullptr;  // the optional it points to ends here
  return response;
}

void Dispatcher::AddSecurityHeaders(const Request& request, Response& r) const {
  r.SetHeader("Content-Security-Policy",
              "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
              "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
              "form-action 'self'; frame-ancestors 'none'");
  r.SetHeader("X-Content-Type-Options", "nosniff");
  r.SetHeader("X-Frame-Options", "DENY");
  r.SetHeader("Referrer-Policy", "same-origin");
  r.SetHeader("Cross-Origin-Opener-Policy", "same-origin");
  r.SetHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
  if (hsts_ || request.secure) {
    r.SetHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  }
  if (r.GetHeader("Cache-Control").empty()) r.SetHeader("Cache-Control", "no-store");
  r.SetHeader("X-Request-Id", request.request_id);
  // The server's clock (RFC 9110 §6.6.1), which one-time codes follow.
  r.SetHeader("Date", FormatHttpDate(Now()));
}

}  // namespace attune::http
