// POST /incidents/{id}/parent-notice: the prepared notice to parents after a
// physical intervention has been sent. Never offered when telling parents
// would likely cause significant harm (the local authority is told instead).
#include "web/handlers.h"
#include "web/incident_page.h"
#include "web/page.h"
#include "web/site.h"

namespace attune::web {

http::Response IncidentNoticeSent(const WebContext& ctx, http::Request& req) {
  auto id = http::ParamId(req);
  if (!id.ok()) return RenderError(ctx, req, id.status());
  auto form = req.Form();
  if (!form.ok()) return RenderError(ctx, req, form.status());
  Status st = ctx.incidents.MarkParentNoticeSent(*req.principal, *id, req.ip);
  if (st.code() == StatusCode::kInvalid || st.code() == StatusCode::kConflict) {
    IncidentFormError failed{"notice", st, *form};
    return RenderIncidentPage(ctx, req, *id, &failed);
  }
  if (!st.ok()) return RenderError(ctx, req, st);
  http::Response r = http::Response::Redirect("/incidents/" + std::to_string(*id));
  SetFlash(r, "The notice to parents is marked as sent.", ctx.secure_cookies);
  return r;
}

}  // namespace attune::web
