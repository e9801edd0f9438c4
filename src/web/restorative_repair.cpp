// POST /restorative/{id}/repair: the repair agreed in a conversation has
// happened; its actions are completed and the record closes when nothing
// is left open.
#include "web/handlers.h"
#include "web/page.h"
#include "web/site.h"

namespace attune::web {

http::Response RestorativeRepair(const WebContext& ctx, http::Request& req) {
  auto id = http::ParamId(req);
  if (!id.ok()) return RenderError(ctx, req, id.status());
  auto form = req.Form();
  if (!form.ok()) return RenderError(ctx, req, form.status());
  Status st = ctx.restorative.MarkRepaired(*req.principal, *id, req.ip);
  if (!st.ok()) return RenderError(ctx, req, st);
  // MarkRepaired has checked the viewer may read the record.
  auto conversation = ctx.store.GetRestorative(req.principal->school_id, *id);
  if (!conversation.ok()) return RenderError(ctx, req, conversation.status());
  long long incident_id = conversation->incident_id;
  std::string message = "The repair is recorded.";
  auto incident = ctx.incidents.Get(*req.principal, incident_id, req.ip);
  if (incident.ok() && incident->incident.closed_at) message += " This record is now closed.";
  http::Response r =
      http::Response::Redirect("/incidents/" + std::to_string(incident_id) + "#restorative");
  SetFlash(r, message, ctx.secure_cookies);
  return r;
}

}  // namespace attune::web
