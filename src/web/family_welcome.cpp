// GET and POST /family/welcome/{token}: a parent or carer's invitation
// (decision 0026). The link from the email shows who it is for and asks for
// a password; choosing one uses the invitation and signs them in. The
// token is in the path, never logged with a query string, and is checked
// again when the form comes back (the form's CSRF token is the pre-sign-in
// one, as on the sign-in page).
#include "core/secrets.h"
#include "web/handlers.h"
#include "web/page.h"
#include "web/site.h"

namespace attune::web {
namespace {

constexpr const char* kTokenChars =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

http::Response RenderWelcome(const WebContext& ctx, const http::Request& req,
                             const std::string& token, nlohmann::json view, int status) {
  bool readable = !token.empty() && token.size() <= 128 &&
                  token.find_first_not_of(kTokenChars) == std::string::npos;
  auto account = readable ? ctx.store.FindFamilyInvitation(HashToken(token), Now())
                          : Result<FamilyAccount>(Status::NotFound("No such invitation"));
  if (!account.ok()) {
    if (account.status().code() != StatusCode::kNotFound) {
      return RenderError(ctx, req, account.status());
    }
    view["expired"] = true;
  } else {
    view["name"] = account->name;
    view["email"] = account->email;
  }
  std::string pre = req.Cookie(kPreSignInCookie);
  bool fresh = !ctx.auth.IsSignInFormToken(pre);
  if (fresh) {
    auto issued = ctx.auth.IssueSignInFormToken();
    if (!issued.ok()) return RenderError(ctx, req, issued.status());
    pre = *issued;
  }
  view["csrf_token"] = pre;
  view["token"] = token;
  http::Response r =
      RenderPage(ctx, req, "family_welcome", "Welcome", view, account.ok() ? status : 404);
  r.SetHeader("Cache-Control", "no-store");
  r.SetHeader("Referrer-Policy", "no-referrer");
  if (fresh) {
    http::CookieOptions o;
    o.same_site = "Strict";
    o.secure = ctx.secure_cookies;
    o.max_age_seconds = 60 * 60 * 12;
    r.SetCookie(kPreSignInCookie, pre, o);
  }
  return r;
}

}  // namespace

http::Response FamilyWelcomeShow(const WebContext& ctx, http::Request& req) {
  return RenderWelcome(ctx, req, req.params.at(0), nlohmann::json::object(), 200);
}

http::Response FamilyWelcomeSubmit(const WebContext& ctx, http::Request& req) {
  auto form = req.Form();
  if (!form.ok()) return RenderError(ctx, req, form.status());
  const std::string& token = req.params.at(0);
  auto result =
      ctx.auth.AcceptInvitation(token, form->Get("new_password"), form->Get("confirm_password"),
                                req.ip, req.Header("user-agent"));
  if (!result.ok()) {
    const Status& st = result.status();
    nlohmann::json view = nlohmann::json::object();
    if (st.field() == "new_password") {
      view["password_error"] = st.message();
    } else if (st.field() == "confirm_password") {
      view["confirm_error"] = st.message();
    } else if (st.code() != StatusCode::kNotFound) {
      view["error"] = st.message();
    }
    return RenderWelcome(ctx, req, token, view, HttpStatusFor(st));
  }
  http::Response r = http::Response::Redirect("/family");
  http::CookieOptions session;
  session.same_site = "Lax";
  session.secure = ctx.secure_cookies || req.secure;
  r.SetCookie(kSessionCookie, result->session_id, session);
  http::CookieOptions clear;
  clear.max_age_seconds = 0;
  r.SetCookie(kPreSignInCookie, "", clear);
  SetFlash(r, "Welcome. Your password is set.", ctx.secure_cookies);
  return r;
}

}  // namespace attune::web
