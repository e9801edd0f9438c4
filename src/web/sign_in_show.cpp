// GET /sign-in: the sign-in form, with a CSRF token the server issued,
// bound to a cookie.
#include "web/handlers.h"
#include "web/page.h"
#include "web/sign_in_form.h"
#include "web/site.h"

namespace attune::web {

http::Response SignInShow(const WebContext& ctx, http::Request& req) {
  if (req.principal) {
    return http::Response::Redirect(HomePath(*req.principal));
  }
  return RenderSignIn(ctx, req, nlohmann::json::object(), 200);
}

Result<std::string> PreSignInToken(const WebContext& ctx, const http::Request& req, bool* fresh) {
  // Only a token the server issued is kept (decision 0003).
  std::string token = req.Cookie(kPreSignInCookie);
  *fresh = !ctx.auth.IsSignInFormToken(token);
  if (*fresh) return ctx.auth.IssueSignInFormToken();
  return token;
}

void KeepPreSignInToken(const WebContext& ctx, http::Response& r, const std::string& token) {
  http::CookieOptions o;
  o.same_site = "Strict";
  o.secure = ctx.secure_cookies;
  o.max_age_seconds = 60 * 60 * 12;
  r.SetCookie(kPreSignInCookie, token, o);
}

http::Response RenderSignIn(const WebContext& ctx, const http::Request& req, nlohmann::json view,
                            int status) {
  bool fresh = false;
  auto token = PreSignInToken(ctx, req, &fresh);
  if (!token.ok()) return RenderError(ctx, req, token.status());
  view["csrf_token"] = *token;
  if (!view.contains("next")) view["next"] = req.query.Get("next");
  view["providers"] = ProviderButtons(ctx, view["next"].get<std::string>());
  view["has_providers"] = !view["providers"].empty();
  http::Response r = RenderPage(ctx, req, "sign_in", "Sign in", view, status);
  if (fresh) KeepPreSignInToken(ctx, r, *token);
  return r;
}

}  // namespace attune::web
