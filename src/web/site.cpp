#include "web/site.h"

#include "core/secrets.h"
#include "http/url.h"
#include "services/authorization.h"
#include "web/page.h"

namespace attune::web {

http::Response RenderError(const WebContext& ctx, const http::Request& req, const Status& status) {
  if (status.code() == StatusCode::kUnauthenticated) {
    std::string next = req.method == "GET" ? req.path : "/";
    return http::Response::Redirect("/sign-in?next=" + http::PercentEncode(next));
  }
  int code = HttpStatusFor(status);
  if (req.IsHtmx()) return RenderFragment(ctx, "error", {{"message", status.message()}}, code);
  const char* heading = "Something is not right";
  switch (status.code()) {
    case StatusCode::kNotFound:
      heading = "Page not found";
      break;
    case StatusCode::kForbidden:
      heading = "Not available to your role";
      break;
    case StatusCode::kInternal:
      heading = "Sorry, something went wrong";
      break;
    case StatusCode::kUnavailable:
      heading = "Please try again in a moment";
      break;
    default:
      break;
  }
  nlohmann::json view = {
      {"heading", heading}, {"message", status.message()}, {"request_id", req.request_id}};
  return RenderPage(ctx, req, "error", heading, view, code);
}

http::Site BuildSite(const WebContext& ctx, const http::Router& router) {
  http::Site site;
  site.prefix = "/";
  site.router = &router;
  site.authenticate = [&ctx](http::Request& req) -> Result<std::optional<Principal>> {
    std::string cookie = req.Cookie(kSessionCookie);
    if (cookie.empty()) return std::optional<Principal>();
    auto principal = ctx.auth.Authenticate(cookie, req.ip);
    if (principal.ok()) return std::optional<Principal>(std::move(*principal));
    if (principal.status().code() == StatusCode::kNotFound) return std::optional<Principal>();
    return principal.status();
  };
  site.verify_csrf = [](const http::Request& req) -> Status {
    std::string sent = req.Header("x-csrf-token");
    std::string type = req.Header("content-type");
    if (sent.empty() && (type.rfind("application/x-www-form-urlencoded", 0) == 0 ||
                         type.rfind("multipart/form-data", 0) == 0)) {
      auto form = req.Form();
      if (form.ok()) sent = form->Get("csrf_token");
    }
    // Signed in: the session's token. Before sign-in: the pre-sign-in cookie.
    std::string expected = req.principal ? req.principal->csrf_token : req.Cookie(kPreSignInCookie);
    if (sent.empty() || expected.empty() || !ConstantTimeEquals(sent, expected)) {
      return Status::Forbidden(
          "This form has expired or did not come from attune. Go back, reload the page and "
          "try again; nothing has been changed.");
    }
    return Status::Ok();
  };
  site.authorize = [](const Principal* principal, Permission permission) {
    return Authorize(principal, permission);
  };
  site.render_error = [&ctx](const http::Request& req, const Status& status) {
    return RenderError(ctx, req, status);
  };
  return site;
}

}  // namespace attune::web
