// GET and POST /sign-in/code: the second step of signing in (decision
// 0030), a code from the member's authenticator app or one of their
// recovery codes. The session gets a new id once it is given.
#include "web/handlers.h"
#include "web/page.h"
#include "web/second_step.h"
#include "web/sign_in_form.h"
#include "web/site.h"

namespace attune::web {
namespace {

http::Response RenderCodePage(const WebContext& ctx, const http::Request& req,
                              const std::string& next, const Status& error) {
  nlohmann::json view = {{"next", next}};
  if (!error.ok()) {
    (error.field() == "code" ? view["code_error"] : view["error"]) = error.message();
  }
  return RenderPage(ctx, req, "sign_in_code", "Enter your code", view,
                    error.ok() ? 200 : HttpStatusFor(error));
}

// Where a principal who owes no code (any more) goes instead.
http::Response Onward(const WebContext& ctx, const http::Request& req, const std::string& next) {
  return http::Response::Redirect(SecondStepAddress(*req.principal, SafeNext(ctx, next)));
}

}  // namespace

http::Response SignInCodeShow(const WebContext& ctx, http::Request& req) {
  std::string next = req.query.Get("next");
  if (req.principal->second_factor_due == SecondFactorDue::kNone) return Onward(ctx, req, next);
  // Owing the set-up, they are asked for a code only once it is set up
  // (elsewhere, meanwhile).
  if (req.principal->second_factor_due == SecondFactorDue::kEnrolment) {
    auto state = ctx.second_factor.StateOf(*req.principal);
    if (!state.ok()) return RenderError(ctx, req, state.status());
    if (!state->on) return Onward(ctx, req, next);
  }
  return RenderCodePage(ctx, req, next, Status::Ok());
}

http::Response SignInCodeSubmit(const WebContext& ctx, http::Request& req) {
  auto form = req.Form();
  if (!form.ok()) return RenderError(ctx, req, form.status());
  std::string next = form->Get("next");
  auto passed = ctx.second_factor.GiveCode(*req.principal, form->Get("code"), req.ip);
  if (!passed.ok()) {
    const Status& st = passed.status();
    if (st.code() == StatusCode::kConflict) return Onward(ctx, req, next);
    if (st.code() == StatusCode::kInvalid || st.code() == StatusCode::kTooManyRequests) {
      return RenderCodePage(ctx, req, next, st);
    }
    return RenderError(ctx, req, st);
  }
  http::Response r = http::Response::Redirect(SafeNext(ctx, next));
  SetSessionCookie(ctx, req, r, passed->session_id);
  return r;
}

}  // namespace attune::web
