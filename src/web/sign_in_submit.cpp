// POST /sign-in: checks the email and password, starts a session.
#include "http/url.h"
#include "web/handlers.h"
#include "web/page.h"
#include "web/sign_in_form.h"
#include "web/site.h"

namespace attune::web {
namespace {

// After sign-in, only a page attune serves is followed: a local path in
// plain URL characters whose path part is a page's address.
std::string SafeNext(const WebContext& ctx, const std::string& next) {
  if (!http::IsLocalPath(next) || next.rfind("/sign-", 0) == 0) return "/";
  std::string path = next.substr(0, next.find_first_of("?#"));
  if (ctx.router && ctx.router->Match("GET", path).kind != http::Router::MatchKind::kFound) {
    return "/";
  }
  return next;
}

}  // namespace

http::Response SignInSubmit(const WebContext& ctx, http::Request& req) {
  auto form = req.Form();
  if (!form.ok()) return RenderError(ctx, req, form.status());
  std::string email = form->Get("email");
  auto result = ctx.auth.SignIn(email, form->Get("password"), req.ip, req.Header("user-agent"));
  if (!result.ok()) {
    const Status& st = result.status();
    nlohmann::json view = {{"email", email}, {"next", form->Get("next")}};
    if (st.field() == "email") {
      view["email_error"] = st.message();
    } else if (st.field() == "password") {
      view["password_error"] = st.message();
    } else {
      view["error"] = st.message();
    }
    return RenderSignIn(ctx, req, view, HttpStatusFor(st));
  }
  std::string next = SafeNext(ctx, form->Get("next"));
  // A parent or carer goes to their own pages, whatever a staff link asked.
  if (result->principal.role == Role::kParent && next.rfind("/family", 0) != 0) next = "/family";
  // A trust's or local authority's person goes to the group's pages.
  if (result->principal.organisation_id && next.rfind("/group", 0) != 0) next = "/group";
  http::Response r = http::Response::Redirect(next);
  http::CookieOptions session;
  session.same_site = "Lax";
  session.secure = ctx.secure_cookies || req.secure;
  r.SetCookie(kSessionCookie, result->session_id, session);
  http::CookieOptions clear;
  clear.max_age_seconds = 0;
  r.SetCookie(kPreSignInCookie, "", clear);
  return r;
}

}  // namespace attune::web
