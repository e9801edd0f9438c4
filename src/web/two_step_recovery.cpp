// POST /account/two-step/recovery-codes: a new set of ten recovery codes,
// a current code from the app confirming it is the member; the old set
// stops working (decision 0030).
#include "web/handlers.h"
#include "web/page.h"
#include "web/site.h"
#include "web/two_step_page.h"

namespace attune::web {

http::Response TwoStepRecoveryCodes(const WebContext& ctx, http::Request& req) {
  auto form = req.Form();
  if (!form.ok()) return RenderError(ctx, req, form.status());
  auto codes = ctx.second_factor.NewRecoveryCodes(*req.principal, form->Get("code"), req.ip);
  if (!codes.ok()) {
    const Status& st = codes.status();
    if (st.code() == StatusCode::kInvalid || st.code() == StatusCode::kTooManyRequests ||
        st.code() == StatusCode::kConflict) {
      return RenderTwoStep(ctx, req, "", st);
    }
    return RenderError(ctx, req, st);
  }
  return RenderRecoveryCodes(ctx, req, *codes, "/account/two-step", false);
}

}  // namespace attune::web
