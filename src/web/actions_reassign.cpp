// POST /actions/{id}/reassign: passes a follow-up on to a role's queue
// ("role:pastoral") or a named member of staff ("staff:12").
#include "web/actions_page.h"
#include "web/handlers.h"
#include "web/incident_words.h"
#include "web/page.h"
#include "web/site.h"

namespace attune::web {

http::Response ActionReassign(const WebContext& ctx, http::Request& req) {
  auto id = http::ParamId(req);
  if (!id.ok()) return RenderError(ctx, req, id.status());
  auto form = req.Form();
  if (!form.ok()) return RenderError(ctx, req, form.status());
  std::string to = form->Get("to");
  std::string back = SafeBack(form->Get("back"), "/actions");
  std::string role;
  long long staff_id = 0;
  Status st = Status::Ok();
  if (to.rfind("role:", 0) == 0) {
    role = to.substr(5);
  } else if (to.rfind("staff:", 0) == 0) {
    auto n = http::IntValue(to.substr(6), 0, "to");
    if (!n.ok() || *n <= 0) {
      st = Status::Invalid("Choose a role or a member of staff", "to");
    } else {
      staff_id = *n;
    }
  } else {
    st = Status::Invalid("Choose a role or a member of staff", "to");
  }
  if (st.ok()) st = ctx.actions.Reassign(*req.principal, *id, role, staff_id, req.ip);
  if (st.code() == StatusCode::kInvalid) return RenderPassOnPage(ctx, req, *id, back, st);
  if (!st.ok()) return RenderError(ctx, req, st);
  http::Response r = http::Response::Redirect(back);
  SetFlash(r, "Passed on. It now shows in their actions.", ctx.secure_cookies);
  return r;
}

}  // namespace attune::web
