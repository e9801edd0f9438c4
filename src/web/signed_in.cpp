// Where a sign-in leads and the session cookie it sets: one answer for
// every way of signing in (web/sign_in_form.h).
#include "http/url.h"
#include "web/second_step.h"
#include "web/sign_in_form.h"

namespace attune::web {

std::string SafeNext(const WebContext& ctx, const std::string& next) {
  if (!http::IsLocalPath(next) || next.rfind("/sign-", 0) == 0) return "/";
  std::string path = next.substr(0, next.find_first_of("?#"));
  if (ctx.router && ctx.router->Match("GET", path).kind != http::Router::MatchKind::kFound) {
    return "/";
  }
  return next;
}

void SetSessionCookie(const WebContext& ctx, const http::Request& req, http::Response& r,
                      const std::string& session_id) {
  http::CookieOptions session;
  session.same_site = "Lax";
  session.secure = ctx.secure_cookies || req.secure;
  r.SetCookie(kSessionCookie, session_id, session);
}

http::Response SignedInResponse(const WebContext& ctx, const http::Request& req,
                                const SignInResult& signed_in, const std::string& raw_next) {
  std::string next = SafeNext(ctx, raw_next);
  // A parent or carer goes to their own pages, whatever a staff link asked.
  if (signed_in.principal.role == Role::kParent && next.rfind("/family", 0) != 0) next = "/family";
  // A trust's or local authority's person goes to the group's pages.
  if (signed_in.principal.organisation_id && next.rfind("/group", 0) != 0) next = "/group";
  // A member owing a second step goes to it first (decision 0030).
  next = SecondStepAddress(signed_in.principal, next);
  http::Response r = http::Response::Redirect(next);
  SetSessionCookie(ctx, req, r, signed_in.session_id);
  http::CookieOptions clear;
  clear.max_age_seconds = 0;
  r.SetCookie(kPreSignInCookie, "", clear);
  return r;
}

}  // namespace attune::web
