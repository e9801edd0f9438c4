// GET /sign-in: the sign-in form, with a CSRF token bound to a cookie.
#include "core/secrets.h"
#include "web/handlers.h"
#include "web/page.h"
#include "web/sign_in_form.h"

namespace attune::web {

http::Response SignInShow(const WebContext& ctx, http::Request& req) {
  if (req.principal) return http::Response::Redirect("/");
  return RenderSignIn(ctx, req, nlohmann::json::object(), 200);
}

http::Response RenderSignIn(const WebContext& ctx, const http::Request& req, nlohmann::json view,
                            int status) {
  std::string token = req.Cookie(kPreSignInCookie);
  bool fresh = token.size() < 20;
  if (fresh) token = RandomToken();
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
