// POST /sign-out: ends the session.
#include "web/handlers.h"
#include "web/page.h"
#include "web/site.h"

namespace attune::web {

http::Response SignOut(const WebContext& ctx, http::Request& req) {
  Status st = ctx.auth.SignOut(*req.principal, req.ip);
  if (!st.ok()) return RenderError(ctx, req, st);
  http::Response r = http::Response::Redirect("/sign-in");
  http::CookieOptions clear;
  clear.max_age_seconds = 0;
  clear.secure = ctx.secure_cookies || req.secure;
  r.SetCookie(kSessionCookie, "", clear);
  SetFlash(r, "You have signed out.", ctx.secure_cookies);
  return r;
}

}  // namespace attune::web
