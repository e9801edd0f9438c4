// POST /incidents/{id}/escalations/{eid}/start and .../decline: those who
// manage plans decide on a plan the policy proposed because of this record.
#include "web/handlers.h"
#include "web/incident_page.h"
#include "web/page.h"
#include "web/site.h"

namespace attune::web {
namespace {

http::Response After(const WebContext& ctx, const http::Request& req, long long incident_id,
                     const http::FormData& form, const Status& st, const std::string& done) {
  if (st.code() == StatusCode::kInvalid || st.code() == StatusCode::kConflict) {
    IncidentFormError failed{"escalation", st, form};
    return RenderIncidentPage(ctx, req, incident_id, &failed);
  }
  if (!st.ok()) return RenderError(ctx, req, st);
  http::Response r = http::Response::Redirect("/incidents/" + std::to_string(incident_id));
  SetFlash(r, done, ctx.secure_cookies);
  return r;
}

}  // namespace

http::Response IncidentEscalationStart(const WebContext& ctx, http::Request& req) {
  auto id = http::ParamId(req, 0);
  if (!id.ok()) return RenderError(ctx, req, id.status());
  auto escalation = http::ParamId(req, 1);
  if (!escalation.ok()) return RenderError(ctx, req, escalation.status());
  auto form = req.Form();
  if (!form.ok()) return RenderError(ctx, req, form.status());
  NewPlan plan;
  plan.target = form->Get("target");
  plan.starts_on = LondonDate(Now());
  auto started = ctx.plans.StartFromEscalation(*req.principal, *id, *escalation, plan, req.ip);
  return After(ctx, req, *id, *form, started.status(), "The plan has started.");
}

http::Response IncidentEscalationDecline(const WebContext& ctx, http::Request& req) {
  auto id = http::ParamId(req, 0);
  if (!id.ok()) return RenderError(ctx, req, id.status());
  auto escalation = http::ParamId(req, 1);
  if (!escalation.ok()) return RenderError(ctx, req, escalation.status());
  auto form = req.Form();
  if (!form.ok()) return RenderError(ctx, req, form.status());
  Status st = ctx.plans.Decline(*req.principal, *id, *escalation, req.ip);
  return After(ctx, req, *id, *form, st, "The proposal is declined; it stays in the record.");
}

}  // namespace attune::web
