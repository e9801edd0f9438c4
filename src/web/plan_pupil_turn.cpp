// POST /plans/{id}/pupil-turn: starts the pupil's turn on one section of
// their plan (decision 0028) and answers with its one-time code, shown
// once and never stored by the browser (no-store); a refusal shows the plan
// again with the message beside the turn's form.
#include "services/pupil_turn_service.h"
#include "web/handlers.h"
#include "web/page.h"
#include "web/plan_page.h"
#include "web/site.h"

namespace attune::web {

http::Response PlanPupilTurnStart(const WebContext& ctx, http::Request& req) {
  auto id = http::ParamId(req);
  if (!id.ok()) return RenderError(ctx, req, id.status());
  auto form = req.Form();
  if (!form.ok()) return RenderError(ctx, req, form.status());
  PlanFormError failed("turn");
  failed.on = form->Get("on");
  auto on = ParseDate(failed.on, "on");
  Result<TurnStarted> started = on.status();
  if (on.ok()) {
    started = PupilTurnService(ctx.store, ctx.policies, ctx.clock, ctx.plans)
                  .Start(*req.principal, *id, form->Get("section"), *on, req.ip);
  }
  if (!started.ok()) {
    if (started.status().code() != StatusCode::kInvalid) {
      return RenderError(ctx, req, started.status());
    }
    failed.error = started.status();
    return RenderPlanPage(ctx, req, *id, &failed);
  }
  nlohmann::json view = {{"plan_id", *id},
                         {"first_name", started->first_name},
                         {"section", started->section_title},
                         {"code", started->code},
                         {"until", FormatLondon(started->turn.expires_at, "%H:%M")},
                         {"day", DateWords(started->turn.on)}};
  http::Response r = RenderPage(ctx, req, "plan_turn", started->first_name + "’s turn", view);
  r.SetHeader("Cache-Control", "no-store");
  return r;
}

}  // namespace attune::web
