// POST /plans/{id}/entries, /reviews, /signatures and /end: what is written
// on a plan's page, through the same service and checks as the API. A
// refusal shows the page again with the message beside its form and what
// was typed kept; success goes back to the plan (a day's entry written
// from My day goes back there).
#include "policy/plan_rules.h"
#include "web/handlers.h"
#include "web/page.h"
#include "web/plan_page.h"
#include "web/site.h"

namespace attune::web {
namespace {

using nlohmann::json;

// What was posted to a plan's form: the plan's id, the form, and the plan
// with its type as its page reads it (Conflict when the type is gone).
struct Posted {
  long long id = 0;
  http::FormData form;
  PlanDetail plan;
};

Result<Posted> Read(const WebContext& ctx, const http::Request& req) {
  auto id = http::ParamId(req);
  if (!id.ok()) return id.status();
  auto form = req.Form();
  if (!form.ok()) return form.status();
  auto d = ctx.plans.Get(*req.principal, *id, req.ip);
  if (!d.ok()) return d.status();
  if (!d->type) return Status::Conflict("This plan's type is no longer in the policy");
  return Posted{*id, std::move(*form), std::move(*d)};
}

http::Response Done(const WebContext& ctx, long long id, const std::string& anchor,
                    const std::string& message) {
  http::Response r = http::Response::Redirect("/plans/" + std::to_string(id) + anchor);
  SetFlash(r, message, ctx.secure_cookies);
  return r;
}

// An entry or a review: `stage`'s fields, on the day given.
http::Response Dated(const WebContext& ctx, http::Request& req, policy::PlanStage stage,
                     const char* form_name) {
  auto p = Read(ctx, req);
  if (!p.ok()) return RenderError(ctx, req, p.status());
  const long long id = p->id;
  const http::FormData& form = p->form;
  const PupilPlan& plan = p->plan.plan;
  const policy::Plan& type = *p->plan.type;
  PlanFormError failed(form_name, ReadFormFields(type, stage, form), form.Get("on"));
  auto on = ParseDate(form.Get("on"), "on");
  Result<long long> made = on.status();
  if (on.ok()) {
    made = stage == policy::PlanStage::kReview
               ? ctx.plans.AddReview(*req.principal, id, *on, failed.values, req.ip)
               : ctx.plans.AddEntry(*req.principal, id, *on, failed.values, req.ip);
  }
  if (!made.ok()) {
    failed.error = made.status();
    return RenderPlanPage(ctx, req, id, &failed);
  }
  bool review = stage == policy::PlanStage::kReview;
  if (!review && form.Get("back") == "home") {
    // Written from My day (web/home_reports.cpp): back to the next one.
    http::Response r = http::Response::Redirect("/#reports");
    SetFlash(r, "Saved for " + plan.pupil_name + ", " + DateWords(*on, false) + ".",
             ctx.secure_cookies);
    return r;
  }
  return Done(ctx, id, review ? "#reviews" : "#entries",
              review ? "The review is saved." : "Saved for " + DateWords(*on, false) + ".");
}

}  // namespace

http::Response PlanEntryCreate(const WebContext& ctx, http::Request& req) {
  return Dated(ctx, req, policy::PlanStage::kEntry, "entry");
}

http::Response PlanReviewCreate(const WebContext& ctx, http::Request& req) {
  return Dated(ctx, req, policy::PlanStage::kReview, "review");
}

http::Response PlanSignatureCreate(const WebContext& ctx, http::Request& req) {
  auto id = http::ParamId(req);
  if (!id.ok()) return RenderError(ctx, req, id.status());
  auto form = req.Form();
  if (!form.ok()) return RenderError(ctx, req, form.status());
  PlanFormError failed("sign");
  failed.on = form->Get("on");
  failed.who = form->Get("who");
  failed.name = form->Get("name");
  auto on = ParseDate(failed.on, "on");
  Result<long long> made = on.status();
  if (on.ok()) made = ctx.plans.Sign(*req.principal, *id, failed.who, failed.name, *on, req.ip);
  if (!made.ok()) {
    failed.error = made.status();
    return RenderPlanPage(ctx, req, *id, &failed);
  }
  return Done(ctx, *id, "#signatures", "The signature is recorded.");
}

http::Response PlanEnd(const WebContext& ctx, http::Request& req) {
  auto p = Read(ctx, req);
  if (!p.ok()) return RenderError(ctx, req, p.status());
  const long long id = p->id;
  const http::FormData& form = p->form;
  const policy::Plan& type = *p->plan.type;
  PlanFormError failed("end", ReadFormFields(type, policy::PlanStage::kEnd, form), form.Get("on"));
  failed.outcome = form.Get("outcome");
  auto on = ParseDate(failed.on, "on");
  Status st = on.status();
  if (on.ok()) {
    st = ctx.plans.End(*req.principal, id, failed.outcome, *on, failed.values, req.ip);
  }
  if (!st.ok()) {
    failed.error = st;
    return RenderPlanPage(ctx, req, id, &failed);
  }
  return Done(ctx, id, "#end", "The plan has ended.");
}

}  // namespace attune::web
