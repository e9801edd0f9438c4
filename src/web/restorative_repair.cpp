// POST /restorative/{id}/repair: the repair agreed in a conversation has
// happened, with the adult involved; its actions are completed and the
// record closes when nothing is left open. A refusal is shown on the record.
#include "web/handlers.h"
#include "web/incident_page.h"
#include "web/page.h"
#include "web/site.h"

namespace attune::web {

http::Response RestorativeRepair(const WebContext& ctx, http::Request& req) {
  auto id = http::ParamId(req);
  if (!id.ok()) return RenderError(ctx, req, id.status());
  auto form = req.Form();
  if (!form.ok()) return RenderError(ctx, req, form.status());
  Status st = ctx.restorative.MarkRepaired(*req.principal, *id, req.ip);
  bool refused = st.code() == StatusCode::kInvalid || st.code() == StatusCode::kConflict;
  if (!st.ok() && !refused) return RenderError(ctx, req, st);
  // MarkRepaired has checked the viewer may read the record.
  auto conversation = ctx.store.GetRestorative(req.principal->school_id, *id);
  if (!conversation.ok()) return RenderError(ctx, req, conversation.status());
  long long incident_id = conversation->incident_id;
  if (refused) {
    IncidentFormError failed{"restorative", st, *form};
    return RenderIncidentPage(ctx, req, incident_id, &failed);
  }
  return BackToRestorative(ctx, req, incident_id, "The repair is recorded.");
}

}  // namespace attune::web
