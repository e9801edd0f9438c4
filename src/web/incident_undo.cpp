// POST /incidents/{id}/undo: takes back a positive note saved a moment ago
// by mistake (the Undo beside the flash after a one-tap save), then returns
// to the page it was pressed on.
#include "web/handlers.h"
#include "web/incident_words.h"
#include "web/page.h"
#include "web/site.h"

namespace attune::web {

http::Response IncidentUndo(const WebContext& ctx, http::Request& req) {
  auto id = http::ParamId(req);
  if (!id.ok()) return RenderError(ctx, req, id.status());
  auto form = req.Form();
  if (!form.ok()) return RenderError(ctx, req, form.status());
  std::string back = SafeBack(form->Get("back"), "/record?kind=positive");
  Status st = ctx.incidents.Undo(*req.principal, *id, req.ip);
  if (!st.ok()) return RenderError(ctx, req, st);
  http::Response r = http::Response::Redirect(back);
  SetFlash(r, "Undone: the note was not kept.", ctx.secure_cookies);
  return r;
}

}  // namespace attune::web
