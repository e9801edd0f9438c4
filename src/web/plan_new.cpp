// GET /plans/new?pupil=ID[&type=T]: starting a plan for a pupil. Without a
// type, the plan types the reader's role may start (the policy's
// started_by), each with its description; with one, its start form: the
// first day, the last (within the policy's longest time), the agreed
// check-in timescale where it has check-ins, and the sections filled when
// it starts. POST /plans starts it through the same service as the API;
// a refusal shows the form again with the message and what was typed.
#include "policy/plan_rules.h"
#include "web/handlers.h"
#include "web/page.h"
#include "web/plan_page.h"
#include "web/site.h"

namespace attune::web {
namespace {

using nlohmann::json;

struct Typed {
  long long pupil_id = 0;
  std::string type;
  long long incident_id = 0, escalation_id = 0;  // the proposal it answers
  std::string starts_on, ends_on, check_in_every;
  json values = json::object();
  Status error = Status::Ok();
};

http::Response RenderNew(const WebContext& ctx, const http::Request& req, const Typed& t) {
  const Principal& by = *req.principal;
  auto pupil = ctx.store.GetPupil(by.school_id, t.pupil_id);
  if (!pupil.ok()) return RenderError(ctx, req, Status::NotFound("No such pupil"));
  std::shared_ptr<const policy::Policy> pol;
  auto startable = ctx.plans.Startable(by, &pol);
  if (!startable.ok()) return RenderError(ctx, req, startable.status());
  std::string name = (pupil->preferred_name.empty() ? pupil->first_name : pupil->preferred_name) +
                     " " + pupil->last_name;
  json view = {{"pupil_id", t.pupil_id}, {"pupil_name", name}};
  const policy::Plan* chosen = nullptr;
  json types = json::array();
  for (const policy::Plan* p : *startable) {
    if (p->id == t.type) chosen = p;
    types.push_back({{"id", p->id}, {"name", p->name}, {"description", p->description}});
  }
  if (t.escalation_id) {
    // Proposed by the policy: those who decide proposals start it.
    auto proposed = ctx.plans.ProposedType(by, t.incident_id, t.escalation_id);
    if (!proposed.ok()) return RenderError(ctx, req, proposed.status());
    chosen = pol->FindPlan(*proposed);
    view["incident_id"] = t.incident_id;
    view["escalation_id"] = t.escalation_id;
  }
  view["types"] = types;
  view["has_types"] = !types.empty();
  if (!chosen) {
    int status = 200;
    if (!t.type.empty() && pol->FindPlan(t.type)) {
      view["error"] = "Your role may not start that plan under the policy; choose one below.";
      status = 403;
    } else if (!t.type.empty()) {
      view["error"] = "The school's policy has no such plan; choose one below.";
      status = 404;
    }
    return RenderPage(ctx, req, "plan_new", "Start a plan: " + name, view, status);
  }
  view["chosen"] = true;
  view["type"] = chosen->id;
  view["type_name"] = chosen->name;
  view["description"] = chosen->description;
  auto time = ctx.clock.For(by.school_id);
  std::string start = t.starts_on;
  if (start.empty() && time.ok()) {
    Date today = LondonDate(Now());
    start = FormatDate((*time)->IsSchoolDay(today) ? today
                                                   : (*time)->NextSchoolDay(today).value_or(today));
    if (chosen->notice_due) {
      if (auto earliest = policy::EarliestStart(*chosen, **time, Now())) {
        start = FormatDate(*earliest);
      }
    }
  }
  view["starts_on"] = start;
  view["ends_on"] = t.ends_on;
  if (chosen->duration_school_days) {
    int days = *chosen->duration_school_days;
    view["longest"] = days == 1 ? std::string("one school day")
                                : "at most " + std::to_string(days) + " school days";
  }
  if (chosen->notice_due) view["notice"] = chosen->notice_due->Describe();
  view["check_ins"] = chosen->entries == policy::Plan::Entries::kCheckIn;
  view["check_in_every"] = !t.check_in_every.empty()
                               ? t.check_in_every
                               : std::to_string(chosen->check_in_every_school_days.value_or(5));
  if (!t.error.ok()) view["error"] = t.error.message();
  view["inputs"] =
      FormInputs(*pol, *chosen, policy::PlanStage::kStart, t.values,
                 t.error.ok() ? "" : t.error.field(), LinkableRecords(ctx, req, t.pupil_id));
  int status = t.error.ok() ? 200 : HttpStatusFor(t.error);
  return RenderPage(ctx, req, "plan_new", chosen->name + ": " + name, view, status);
}

// The proposal a start answers, from "incident" and "escalation".
void ReadProposal(const http::FormData& q, Typed& t) {
  auto incident = http::IntValue(q.Get("incident"), 0, "incident");
  auto escalation = http::IntValue(q.Get("escalation"), 0, "escalation");
  if (incident.ok() && escalation.ok() && *incident > 0 && *escalation > 0) {
    t.incident_id = *incident;
    t.escalation_id = *escalation;
  }
}

}  // namespace

http::Response PlanNew(const WebContext& ctx, http::Request& req) {
  Typed t;
  auto pupil = http::IntValue(req.query.Get("pupil"), 0, "pupil");
  if (!pupil.ok() || *pupil <= 0) {
    return RenderError(ctx, req, Status::NotFound("Choose the pupil from their page"));
  }
  t.pupil_id = *pupil;
  t.type = req.query.Get("type");
  ReadProposal(req.query, t);
  return RenderNew(ctx, req, t);
}

http::Response PlanCreate(const WebContext& ctx, http::Request& req) {
  auto form = req.Form();
  if (!form.ok()) return RenderError(ctx, req, form.status());
  Typed t;
  auto pupil = http::IntValue(form->Get("pupil_id"), 0, "pupil_id");
  if (!pupil.ok() || *pupil <= 0) return RenderError(ctx, req, Status::NotFound("No such pupil"));
  t.pupil_id = *pupil;
  t.type = form->Get("type");
  t.starts_on = form->Get("starts_on");
  t.ends_on = form->Get("ends_on");
  t.check_in_every = form->Get("check_in_every");
  ReadProposal(*form, t);
  std::shared_ptr<const policy::Policy> pol;
  auto startable = ctx.plans.Startable(*req.principal, &pol);
  if (!startable.ok()) return RenderError(ctx, req, startable.status());
  const policy::Plan* type = pol->FindPlan(t.type);
  if (type) t.values = ReadFormFields(*type, policy::PlanStage::kStart, *form);
  NewPlan n;
  n.pupil_id = t.pupil_id;
  n.type = t.type;
  n.fields = t.values;
  Status parsed = Status::Ok();
  auto starts = ParseDate(t.starts_on, "starts_on");
  if (starts.ok()) {
    n.starts_on = *starts;
  } else {
    parsed = starts.status();
  }
  if (parsed.ok() && !t.ends_on.empty()) {
    auto ends = ParseDate(t.ends_on, "ends_on");
    if (ends.ok()) {
      n.ends_on = *ends;
    } else {
      parsed = ends.status();
    }
  }
  if (parsed.ok() && type && type->entries == policy::Plan::Entries::kCheckIn &&
      !t.check_in_every.empty()) {
    auto every = http::IntValue(t.check_in_every, 0, "check_in_every_school_days");
    if (every.ok()) {
      n.check_in_every = static_cast<int>(*every);
    } else {
      parsed = every.status();
    }
  }
  Result<long long> id =
      parsed.ok() ? ctx.plans.Start(*req.principal, n, req.ip) : Result<long long>(parsed);
  if (!id.ok()) {
    t.error = id.status();
    return RenderNew(ctx, req, t);
  }
  http::Response r = http::Response::Redirect("/plans/" + std::to_string(*id));
  SetFlash(r, "The plan has started.", ctx.secure_cookies);
  return r;
}

}  // namespace attune::web
