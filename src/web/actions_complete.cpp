// POST /actions/{id}/complete: marks a follow-up done with a note of what
// happened; a missing note is shown beside the form, the page kept.
#include "web/actions_page.h"
#include "web/handlers.h"
#include "web/incident_words.h"
#include "web/page.h"
#include "web/site.h"

namespace attune::web {

http::Response ActionComplete(const WebContext& ctx, http::Request& req) {
  auto id = http::ParamId(req);
  if (!id.ok()) return RenderError(ctx, req, id.status());
  auto form = req.Form();
  if (!form.ok()) return RenderError(ctx, req, form.status());
  std::string outcome = form->Get("outcome");
  std::string back = SafeBack(form->Get("back"), "/actions");
  Status st = ctx.actions.Complete(*req.principal, *id, outcome, req.ip);
  if (st.code() == StatusCode::kInvalid) {
    ActionFormError failed{*id, "complete", st, outcome};
    return RenderActionsPage(ctx, req, QueryOf(back), &failed);
  }
  if (!st.ok()) return RenderError(ctx, req, st);
  http::Response r = http::Response::Redirect(back);
  SetFlash(r, "Done: the action is complete and your note is saved.", ctx.secure_cookies);
  return r;
}

}  // namespace attune::web
