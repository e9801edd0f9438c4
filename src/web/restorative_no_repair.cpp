// POST /incidents/{id}/no-repair: a senior leader records why a pupil's
// repair will not happen (a reason from the short list, and a note). The
// cycle closes without a repair and counts as not repaired. Mistakes are
// shown on the record page with what was typed kept.
#include "web/handlers.h"
#include "web/incident_page.h"
#include "web/page.h"
#include "web/site.h"

namespace attune::web {

http::Response RestorativeNoRepair(const WebContext& ctx, http::Request& req) {
  auto id = http::ParamId(req);
  if (!id.ok()) return RenderError(ctx, req, id.status());
  auto form = req.Form();
  if (!form.ok()) return RenderError(ctx, req, form.status());
  NoRepairRequest r;
  r.incident_id = *id;
  Status st = Status::Ok();
  auto pupil = http::IntValue(form->Get("pupil_id"), 0, "pupil_id");
  if (pupil.ok()) {
    r.pupil_id = *pupil;
    r.reason = form->Get("reason");
    r.note = form->Get("note");
    auto in_force = ctx.policies.InForce(req.principal->school_id, LondonDate(Now()));
    if (in_force.ok()) r.pupil_word = in_force->policy->Word("pupil", "pupil");
    st = ctx.restorative.RecordNoRepair(*req.principal, r, req.ip);
  } else {
    st = pupil.status();
  }
  if (st.code() == StatusCode::kInvalid || st.code() == StatusCode::kConflict) {
    IncidentFormError failed{"no_repair", st, *form};
    return RenderIncidentPage(ctx, req, *id, &failed);
  }
  if (!st.ok()) return RenderError(ctx, req, st);
  return BackToRestorative(ctx, req, *id,
                           "Recorded: the repair will not happen, and it counts as not repaired.");
}

}  // namespace attune::web
