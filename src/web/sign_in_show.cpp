// GET /sign-in: the sign-in form, with a CSRF token the server issued,
// bound to a cookie.
#include "web/handlers.h"
#include "web/page.h"
#include "web/sign_in_form.h"
#include "web/site.h"

namespace attune::web {

http::Response SignInShow(const WebContext& ctx, http::Request& req) {
  if (req.principal) {
    return http::Response::Redirect(req.principal->role == Role::kParent ? "/family" : "/");
  }
  return RenderSignIn(ctx, req, nlohmann::json::object(), 200);
}

http::Response RenderSignIn(const WebContext& ctx, const http::Request& req, nlohmann::json view,
                            int status) {
  // Only a token the server issued is kept (decision 0003).
  std::string token = req.Cookie(kPreSignInCookie);
  bool fresh = !ctx.auth.IsSignInFormToken(token);
  if (fresh) {
    auto issued = ctx.auth.IssueSignInFormToken();
    if (!issued.ok()) return RenderError(ctx, req, issued.status());
    token = *issued;
  }
  view["csrf_token"] = token;
  if (!view.contains("next")) view["next"] = req.query.Get("next");
  http::Response r = RenderPage(ctx, req, "sign_in", "Sign in", view, status);
  if (fresh) {
    http::CookieOptions o;
    o.same_site = "Strict";
    o.secure = ctx.secure_cookies;
    o.max_age_seconds = 60 * 60 * 12;
    r.SetCookie(kPreSignInCookie, token, o);
  }
  return r;
}

}  // namespace attune::web
