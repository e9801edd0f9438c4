// POST /sign-in: checks the email and password, starts a session (which
// owes its second step first when the member has one, decision 0030).
#include "web/handlers.h"
#include "web/page.h"
#include "web/sign_in_form.h"
#include "web/site.h"

namespace attune::web {

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
  return SignedInResponse(ctx, req, *result, form->Get("next"));
}

}  // namespace attune::web
