// Signing in through the school's OpenID Connect provider (decision 0031):
// GET /sign-in/oidc/<id> sends the browser to the provider's sign-in page,
// keeping the sign-in's state in a cookie of this browser; GET
// /sign-in/oidc/<id>/callback is where the provider sends it back, signed
// in as after a password, or to a calm page saying why not and what to do.
#include "http/url.h"
#include "web/handlers.h"
#include "web/page.h"
#include "web/sign_in_form.h"
#include "web/site.h"

namespace attune::web {
namespace {

// The state cookie goes only to the provider's return; Lax, as the
// provider's return is a navigation from another site.
http::CookieOptions StateCookie(const WebContext& ctx, const http::Request& req, int max_age) {
  http::CookieOptions o;
  o.same_site = "Lax";
  o.secure = ctx.secure_cookies || req.secure;
  o.path = "/sign-in/oidc/";
  o.max_age_seconds = max_age;
  return o;
}

std::string StartPath(const std::string& id) { return "/sign-in/oidc/" + id; }

// The page saying why the sign-in did not happen and what to do.
http::Response RenderRefused(const WebContext& ctx, const http::Request& req, const std::string& id,
                             const Status& status) {
  std::string name = ctx.oidc ? ctx.oidc->NameOf(id) : "";
  bool busy =
      status.code() == StatusCode::kUnavailable || status.code() == StatusCode::kTooManyRequests;
  const char* heading = busy ? "Please try again in a moment" : "You have not been signed in";
  nlohmann::json view = {
      {"heading", heading}, {"message", status.message()}, {"request_id", req.request_id}};
  if (!name.empty()) {
    view["retry_href"] = StartPath(id);
    view["retry_words"] = "Try again with " + name;
  }
  return RenderPage(ctx, req, "sign_in_refused", heading, view, http::HttpStatusFor(status));
}

}  // namespace

nlohmann::json ProviderButtons(const WebContext& ctx, const std::string& next) {
  nlohmann::json buttons = nlohmann::json::array();
  if (!ctx.oidc) return buttons;
  for (const auto& b : ctx.oidc->Buttons()) {
    std::string href = StartPath(b.id);
    if (!next.empty() && next != "/") href += "?next=" + http::PercentEncode(next);
    buttons.push_back({{"id", b.id}, {"name", b.name}, {"href", href}});
  }
  return buttons;
}

http::Response OidcSignInStart(const WebContext& ctx, http::Request& req) {
  if (req.principal) {
    return http::Response::Redirect(req.principal->role == Role::kParent ? "/family" : "/");
  }
  const std::string& id = req.params.at(0);
  if (!ctx.oidc || ctx.oidc->NameOf(id).empty()) {
    return RenderError(ctx, req, Status::NotFound("attune has no sign-in called '" + id + "'"));
  }
  auto begun = ctx.oidc->Begin(id, SafeNext(ctx, req.query.Get("next")), req.ip);
  if (!begun.ok()) return RenderRefused(ctx, req, id, begun.status());
  // To the provider's own page: not a path on this site, so not Redirect().
  http::Response r;
  r.status = 303;
  r.SetHeader("Location", begun->authorization_url);
  r.SetCookie(
      kOidcStateCookie, begun->state,
      StateCookie(ctx, req,
                  static_cast<int>(std::chrono::seconds(OidcService::kAttemptLifetime).count())));
  return r;
}

http::Response OidcSignInReturn(const WebContext& ctx, http::Request& req) {
  const std::string& id = req.params.at(0);
  if (!ctx.oidc || ctx.oidc->NameOf(id).empty()) {
    return RenderError(ctx, req, Status::NotFound("attune has no sign-in called '" + id + "'"));
  }
  OidcReturn back;
  back.state = req.query.Get("state");
  back.cookie_state = req.Cookie(kOidcStateCookie);
  back.code = req.query.Get("code");
  back.error = req.query.Get("error");
  back.iss = req.query.Get("iss");
  auto done = ctx.oidc->Finish(id, back, req.ip, req.Header("user-agent"));
  // Whatever happened, this sign-in's state is finished with.
  http::Response r = done.ok() ? SignedInResponse(ctx, req, done->sign_in, done->next)
                               : RenderRefused(ctx, req, id, done.status());
  r.SetCookie(kOidcStateCookie, "", StateCookie(ctx, req, 0));
  return r;
}

}  // namespace attune::web
