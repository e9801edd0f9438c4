// GET /account and POST /account/password, and for a trust's or local
// authority's person GET /group/account and POST /group/account/password
// beside their other pages (decision 0034): their name, role, two-step
// sign-in and password. (A parent or carer changes theirs on
// /family/account, web/family_pages.cpp, with the same form.)
#include "web/handlers.h"
#include "web/page.h"
#include "web/site.h"

namespace attune::web {
namespace {

// Where the principal's account page is.
std::string AccountPath(const Principal& p) {
  return p.organisation_id ? "/group/account" : "/account";
}

http::Response RenderAccount(const WebContext& ctx, const http::Request& req, const Status& error) {
  const Principal& p = *req.principal;
  nlohmann::json view = PasswordChangeView(error, AccountPath(p) + "/password");
  view["name"] = p.name;
  view["email"] = p.email;
  view["role_label"] = RoleLabel(p.role);
  view["no_tokens"] = p.organisation_id != 0;  // they hold no API tokens (decision 0034)
  auto two_step = ctx.second_factor.StateOf(p);
  if (!two_step.ok()) return RenderError(ctx, req, two_step.status());
  view["two_step_on"] = two_step->on;
  return RenderPage(ctx, req, "account", "Your account", view,
                    error.ok() ? 200 : HttpStatusFor(error));
}

}  // namespace

nlohmann::json PasswordChangeView(const Status& error, const std::string& action) {
  auto field = [&](const char* name, const char* label, const char* autocomplete,
                   const char* hint) {
    return nlohmann::json{{"name", name},
                          {"label", label},
                          {"autocomplete", autocomplete},
                          {"hint", hint},
                          {"error", error.field() == name ? error.message() : ""}};
  };
  nlohmann::json fields = nlohmann::json::array(
      {field("current_password", "Current password", "current-password", ""),
       field("new_password", "New password", "new-password", "At least 10 characters."),
       field("confirm_password", "New password again", "new-password", "")});
  return {{"fields", fields},
          {"password_action", action},
          {"error", !error.ok() && error.field().empty() ? error.message() : ""}};
}

http::Response AccountShow(const WebContext& ctx, http::Request& req) {
  return RenderAccount(ctx, req, Status::Ok());
}

http::Response AccountChangePassword(const WebContext& ctx, http::Request& req) {
  auto form = req.Form();
  if (!form.ok()) return RenderError(ctx, req, form.status());
  Status st =
      ctx.auth.ChangePassword(*req.principal, form->Get("current_password"),
                              form->Get("new_password"), form->Get("confirm_password"), req.ip);
  if (!st.ok()) return RenderAccount(ctx, req, st);
  http::Response r = http::Response::Redirect(AccountPath(*req.principal));
  SetFlash(r, "Your password has been changed.", ctx.secure_cookies);
  return r;
}

}  // namespace attune::web
