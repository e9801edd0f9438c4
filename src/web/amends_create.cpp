// POST /incidents/{id}/amends: the amends a pupil proposes, written down in
// their own words; completes the record's open amends actions for them.
// Mistakes are shown on the record page with what was typed kept.
#include "services/amends_service.h"
#include "web/handlers.h"
#include "web/incident_page.h"
#include "web/page.h"
#include "web/site.h"

namespace attune::web {

http::Response AmendsCreate(const WebContext& ctx, http::Request& req) {
  auto id = http::ParamId(req);
  if (!id.ok()) return RenderError(ctx, req, id.status());
  auto form = req.Form();
  if (!form.ok()) return RenderError(ctx, req, form.status());
  AmendsRequest r;
  r.incident_id = *id;
  r.words = form->Get("words");
  r.agreed_with = form->Get("agreed_with");
  auto pupil = http::IntValue(form->Get("pupil_id"), 0, "pupil_id");
  Result<long long> saved =
      pupil.ok() ? (r.pupil_id = *pupil, AmendsService(ctx.store).Record(*req.principal, r, req.ip))
                 : Result<long long>(pupil.status());
  if (!saved.ok()) {
    if (saved.status().code() != StatusCode::kInvalid) {
      return RenderError(ctx, req, saved.status());
    }
    IncidentFormError failed{"amends", saved.status(), *form};
    return RenderIncidentPage(ctx, req, *id, &failed);
  }
  std::string message = "The amends are saved, in the pupil's own words.";
  auto incident = ctx.incidents.Get(*req.principal, *id, req.ip);
  if (incident.ok()) {
    std::string pupil_word = incident->policy->Word("pupil", "pupil");
    message = "The amends are saved, in the " + pupil_word + "'s own words.";
    if (incident->incident.closed_at) message += " This record is now closed.";
  }
  http::Response resp = http::Response::Redirect("/incidents/" + std::to_string(*id) + "#amends");
  SetFlash(resp, message, ctx.secure_cookies);
  return resp;
}

}  // namespace attune::web
