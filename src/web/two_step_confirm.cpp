// POST /account/two-step: the first code from the app turns two-step
// sign-in on (decision 0030); the ten recovery codes are shown once, and a
// session that owed its set-up goes on under a new id.
#include "web/handlers.h"
#include "web/page.h"
#include "web/sign_in_form.h"
#include "web/site.h"
#include "web/two_step_page.h"

namespace attune::web {

http::Response TwoStepConfirm(const WebContext& ctx, http::Request& req) {
  auto form = req.Form();
  if (!form.ok()) return RenderError(ctx, req, form.status());
  std::string next = form->Get("next");
  auto done = ctx.second_factor.ConfirmSetUp(*req.principal, form->Get("code"), req.ip);
  if (!done.ok()) {
    const Status& st = done.status();
    // Set up meanwhile, or reset: the page as it is now says what next.
    if (st.code() == StatusCode::kConflict || st.code() == StatusCode::kNotFound) {
      return RenderTwoStep(ctx, req, next, Status::Ok());
    }
    if (st.code() == StatusCode::kInvalid || st.code() == StatusCode::kTooManyRequests) {
      return RenderTwoStep(ctx, req, next, st);
    }
    return RenderError(ctx, req, st);
  }
  if (done->session.session_id.empty()) {
    return RenderRecoveryCodes(ctx, req, done->codes, next, true);
  }
  // The session passed under a new id: the page is drawn for it.
  Principal passed = *req.principal;
  passed.second_factor_due = SecondFactorDue::kNone;
  passed.csrf_token = done->session.csrf_token;
  const Principal* before = req.principal;
  req.principal = &passed;
  http::Response r = RenderRecoveryCodes(ctx, req, done->codes, next, true);
  req.principal = before;
  SetSessionCookie(ctx, req, r, done->session.session_id);
  return r;
}

}  // namespace attune::web
