// POST /sign-in: checks the email and password, starts a session.
#include "web/handlers.h"
#include "web/page.h"
#include "web/sign_in_form.h"
#include "web/site.h"

namespace attune::web {
namespace {

// Only local paths are followed after sign-in.
std::string SafeNext(const std::string& next) {
  if (next.size() > 1 && next[0] == '/' && next[1] != '/' && next[1] != '\\' &&
      next.rfind("/sign-", 0) != 0) {
    return next;
  }
  return "/";
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
  http::Response r = http::Response::Redirect(SafeNext(form->Get("next")));
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
