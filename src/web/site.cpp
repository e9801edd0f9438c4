#include "web/site.h"

#include "core/secrets.h"
#include "http/url.h"
#include "services/audit.h"
#include "services/authorization.h"
#include "web/page.h"
#include "web/second_step.h"

namespace attune::web {
namespace {

// What a form refused for its CSRF token is told: not a matter of role.
constexpr const char* kExpiredForm =
    "This form has expired or did not come from attune. Go back, reload the page and try again; "
    "nothing has been changed.";

bool IsForm(const std::string& type) {
  return type.rfind("application/x-www-form-urlencoded", 0) == 0 ||
         type.rfind("multipart/form-data", 0) == 0;
}

}  // namespace

http::Response RenderError(const WebContext& ctx, const http::Request& req, const Status& status) {
  if (status.code() == StatusCode::kUnauthenticated) {
    std::string next = req.method == "GET" ? req.path : "/";
    // Signed in with a password, owing the second step: that first.
    if (req.principal && req.principal->second_factor_due != SecondFactorDue::kNone) {
      return http::Response::Redirect(SecondStepAddress(*req.principal, next));
    }
    return http::Response::Redirect("/sign-in?next=" + http::PercentEncode(next));
  }
  int code = HttpStatusFor(status);
  if (req.IsHtmx()) return RenderFragment(ctx, "error", {{"message", status.message()}}, code);
  const bool expired_form = status.message() == kExpiredForm;
  const char* heading = "Something is not right";
  switch (status.code()) {
    case StatusCode::kNotFound:
      heading = "Page not found";
      break;
    case StatusCode::kForbidden:
      heading = expired_form ? "This form has expired" : "Not available to your role";
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
  const bool family = req.principal && req.principal->role == Role::kParent;
  const bool family_refused = family && status.code() == StatusCode::kForbidden && !expired_form;
  if (family_refused) heading = "This page is for school staff";
  const char* home = req.principal ? HomePath(*req.principal) : "/";
  const std::string_view home_path = home;
  nlohmann::json view = {
      {"heading", heading},
      {"message", family_refused ? "Your account shows what school shares about your own children."
                                 : status.message()},
      {"request_id", req.request_id},
      {"home", home},
      {"home_words", home_path == "/family"  ? "Go to my children"
                     : home_path == "/group" ? "Go to the schools' figures"
                                             : "Go to my day"}};
  return RenderPage(ctx, req, "error", heading, view, code);
}

http::Response WithReadsAudited(const WebContext& ctx, const http::Request& req,
                                http::Response response) {
  if (!req.principal) return response;
  Status audited =
      AuditRequestReads(ctx.store, *req.principal, req.method + " " + req.path, req.ip);
  return audited.ok() ? response : RenderError(ctx, req, audited);
}

http::Site BuildSite(const WebContext& ctx, const http::Router& router) {
  http::Site site;
  site.prefix = "/";
  site.router = &router;
  site.authenticate = [&ctx](http::Request& req) -> Result<std::optional<Principal>> {
    std::string cookie = req.Cookie(kSessionCookie);
    if (cookie.empty()) return std::optional<Principal>();
    // The badge's refresh is the page asking, not a person: it does not
    // extend the session.
    bool renew = req.path != kBadgePath;
    auto principal = ctx.auth.Authenticate(cookie, req.ip, renew);
    if (principal.ok()) {
      principal->reads = std::make_shared<ReadLedger>();
      return std::optional<Principal>(std::move(*principal));
    }
    if (principal.status().code() == StatusCode::kNotFound) return std::optional<Principal>();
    return principal.status();
  };
  site.verify_csrf = [&ctx](const http::Request& req) -> Status {
    std::string sent = req.Header("x-csrf-token");
    if (IsForm(req.Header("content-type"))) {
      // A form that cannot be read is refused for what is wrong with it (it
      // changes nothing, whoever sent it), not as an expired form. An
      // uploaded file may be bytes (a .zip): its handler checks it.
      auto form = req.FormWithBinaryFiles();
      if (!form.ok()) return form.status();
      if (sent.empty()) sent = form->Get("csrf_token");
    }
    // Signed in: the session's token. Before sign-in: the pre-sign-in
    // cookie, when it holds a token the server issued.
    std::string expected = req.principal ? req.principal->csrf_token : req.Cookie(kPreSignInCookie);
    if (!req.principal && !ctx.auth.IsSignInFormToken(expected)) expected.clear();
    if (sent.empty() || expected.empty() || !ConstantTimeEquals(sent, expected)) {
      return Status::Forbidden(kExpiredForm);
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
