// GET /plans/{id}: a pupil's plan as the school's form: what was agreed
// when it started (and, for a plan that draws one, the pupil's anxiety map
// from their own records), the signatures, each daily entry or check-in,
// each review, and the end; with the forms the reader's role may use, as
// the policy's started_by, written_by, reviewed_by and ended_by allow.
// GET /plans/{id}/print: the same on A4, as the school prints and signs it.
#include <algorithm>

#include "policy/plan_rules.h"
#include "services/pupil_turn_service.h"
#include "web/handlers.h"
#include "web/page.h"
#include "web/plan_page.h"
#include "web/site.h"

namespace attune::web {
namespace {

using nlohmann::json;

std::string Today() { return FormatDate(LondonDate(Now())); }

// A review or check-in of an active plan, in words; none after its planned
// last day, when the decision at the end comes first.
std::string Before(const PupilPlan& p, const std::optional<Date>& day) {
  if (p.status != "active" || !day || (p.ends_on && *p.ends_on < *day)) return "";
  return DayWords(day);
}

// The form that starts the pupil's turn (decision 0028): the sections of
// the pupil's own questions the reader may open.
json TurnForm(const PlanDetail& d, const PlanFormError* failed) {
  auto sections = PupilTurnService::Openable(d);
  json out = {{"may", !sections.empty()}};
  if (sections.empty()) return out;
  json list = json::array();
  for (const auto* s : sections) {
    std::string asks;
    for (const auto& f : s->fields) {
      if (f.pupil_answers) asks += (asks.empty() ? "" : " ") + f.AskedOfPupil();
    }
    list.push_back({{"id", s->id}, {"title", s->title}, {"asks", asks}, {"first", list.empty()}});
  }
  out["sections"] = list;
  out["single"] = list.size() == 1;
  out["on"] = failed && !failed->on.empty() ? failed->on : Today();
  if (failed) out["error"] = failed->error.message();
  return out;
}

// The plan's view, for the page and the print.
Result<json> PlanView(const WebContext& ctx, const http::Request& req, long long plan_id,
                      const PlanFormError* failed) {
  const Principal& by = *req.principal;
  auto d = ctx.plans.Get(by, plan_id, req.ip);
  if (!d.ok()) return d.status();
  const PupilPlan& p = d->plan;
  const policy::Policy& pol = *d->policy;
  auto pupil = ctx.store.GetPupil(by.school_id, p.pupil_id);
  json view = {{"id", p.id},
               {"pupil_id", p.pupil_id},
               {"pupil_name", p.pupil_name},
               {"pupil_first", pupil.ok() ? pupil->ShownFirstName() : p.pupil_name},
               {"name", p.name},
               {"title", d->type ? d->type->title : p.name},
               {"description", d->type ? d->type->description : ""},
               {"active", p.status == "active"},
               {"started", DayWords(p.started_on)},
               {"started_by", p.started_by_name},
               {"ends", DayWords(p.ends_on)},
               {"one_day", p.ends_on && *p.ends_on == p.started_on},
               {"review", Before(p, p.review_on)},
               {"check_in", Before(p, p.check_in_on)},
               {"today", Today()},
               {"successful", p.outcome == "successful"},
               {"unsuccessful", p.outcome == "unsuccessful"}};
  Date today = LondonDate(Now());
  view["review_overdue"] = p.status == "active" && p.review_on && *p.review_on < today;
  view["review_today"] = p.status == "active" && p.review_on && *p.review_on == today;
  view["check_in_overdue"] = p.status == "active" && p.check_in_on && *p.check_in_on < today;
  view["past_end"] = p.status == "active" && p.ends_on && *p.ends_on < today;
  if (!d->type) {
    view["gone"] = true;
    return view;
  }
  const policy::Plan& type = *d->type;
  view["start"] =
      FormValues(pol, type, policy::PlanStage::kStart, StoredFields(p.fields), d->records);
  view["end_values"] =
      FormValues(pol, type, policy::PlanStage::kEnd, StoredFields(p.end_fields), d->records);
  json participants = json::array();
  std::string taking_part;
  for (const auto& who : type.participants) {
    participants.push_back(policy::ParticipantWords(pol, who));
    taking_part += (taking_part.empty() ? "" : ", ") + participants.back().get<std::string>();
  }
  view["participants"] = participants;
  view["participants_text"] = taking_part;
  view["has_participants"] = !participants.empty();
  bool maps = std::any_of(type.sections.begin(), type.sections.end(), [](const auto& s) {
    return std::any_of(s.fields.begin(), s.fields.end(), [](const policy::PlanField& f) {
      return f.type == policy::FieldType::kAnxietyMap;
    });
  });
  if (maps) {
    PupilRecordQuery q;
    q.pupil_id = p.pupil_id;
    q.kind = "difficult";
    q.limit = 500;
    q.from = LondonInstant(p.started_on, 0) - std::chrono::hours(24 * 120);
    auto records = ctx.incidents.ForPupil(by, q, req.ip);
    if (records.ok()) view["anxiety_map"] = AnxietyMap(*records);
  }
  // Entries, reviews and signatures, in the order written.
  json entries = json::array(), reviews = json::array(), signatures = json::array();
  for (const auto& e : d->entries) {
    json fields = StoredFields(e.fields);
    if (e.kind == "signature") {
      std::string who = fields.value("who", "");
      signatures.push_back({{"who", policy::ParticipantWords(pol, who)},
                            {"name", fields.value("name", "")},
                            {"on", DayWords(e.on)},
                            {"by", e.by_name}});
      continue;
    }
    policy::PlanStage stage =
        e.kind == "review" ? policy::PlanStage::kReview : policy::PlanStage::kEntry;
    json item = {{"on", DayWords(e.on)},
                 {"by", e.by_name},
                 {"values", FormValues(pol, type, stage, fields, d->records)}};
    (e.kind == "review" ? reviews : entries).push_back(item);
  }
  view["entries"] = entries;
  view["has_entries"] = !entries.empty();
  view["at_a_glance"] = ProgressChart(type, p.fields, d->entries);
  view["entries_word"] = type.entries == policy::Plan::Entries::kCheckIn ? "Check-ins" : "Each day";
  view["has_entry_stage"] = type.entries != policy::Plan::Entries::kNone;
  view["reviews"] = reviews;
  view["has_reviews"] = !reviews.empty();
  view["has_review_stage"] = type.review_every_school_days.has_value();
  view["signatures"] = signatures;
  json signers = json::array();
  for (const auto& who : type.signed_by) {
    signers.push_back({{"value", who}, {"label", policy::ParticipantWords(pol, who)}});
  }
  for (const auto& who : type.signed_optionally_by) {
    signers.push_back(
        {{"value", who}, {"label", policy::ParticipantWords(pol, who) + " (optional)"}});
  }
  view["signers"] = signers;
  view["has_signing"] = !signers.empty();

  // The forms the reader may use.
  auto form_of = [&](const char* name) { return failed && failed->form == name; };
  std::string error_field = failed ? failed->error.field() : "";
  PlanFamilyViews family = FamilyViewsOfPlan(ctx, req, *d, failed);
  view["family_views"] = family.panel;
  auto inputs = [&](policy::PlanStage stage, const char* name,
                    const std::vector<LinkableRecord>& r) {
    json values = form_of(name) ? failed->values : json::object();
    if (!form_of(name) && family.prefill.count(name)) values = family.prefill[name];
    return FormInputs(pol, type, stage, values, form_of(name) ? error_field : "", r);
  };
  bool needs_records = false;
  for (const auto& s : type.sections) {
    for (const auto& f : s.fields) {
      needs_records = needs_records || (f.type == policy::FieldType::kRecords &&
                                        s.stage != policy::PlanStage::kStart);
    }
  }
  std::vector<LinkableRecord> linkable;
  if (needs_records && p.status == "active") linkable = LinkableRecords(ctx, req, p.pupil_id);
  bool signs = p.status == "active" && !signers.empty() &&
               policy::Plan::Lists(type.started_by, RoleName(by.role)) &&
               RoleHas(by.role, Permission::kPlansWrite);
  auto form = [&](const char* name, bool may, policy::PlanStage stage) {
    json f = {{"may", may}};
    if (!may) return f;
    f["inputs"] = inputs(stage, name, linkable);
    f["on"] = form_of(name) && !failed->on.empty() ? failed->on : Today();
    if (form_of(name)) f["error"] = failed->error.message();
    return f;
  };
  view["entry_form"] = form("entry", d->may_write, policy::PlanStage::kEntry);
  view["review_form"] = form("review", d->may_review, policy::PlanStage::kReview);
  view["end_form"] = form("end", d->may_end, policy::PlanStage::kEnd);
  if (d->may_end && form_of("end")) {
    view["end_form"]["successful"] = failed->outcome == "successful";
    view["end_form"]["unsuccessful"] = failed->outcome == "unsuccessful";
  }
  view["turn"] = TurnForm(*d, form_of("turn") ? failed : nullptr);
  view["sign_form"] = {{"may", signs}, {"on", Today()}, {"name", ""}, {"error", ""}};
  if (form_of("sign")) {
    view["sign_form"]["error"] = failed->error.message();
    view["sign_form"]["name"] = failed->name;
    view["sign_form"]["on"] = failed->on;
  }
  // After a plan that did not succeed, what the policy proposes next.
  if (p.outcome == "unsuccessful") {
    json next = json::array();
    for (const auto& e : pol.escalations) {
      if (e.outcome_plan != p.plan || e.propose_plan.empty()) continue;
      const policy::Plan* proposed = pol.FindPlan(e.propose_plan);
      if (!proposed) continue;
      bool may = policy::Plan::Lists(proposed->started_by, RoleName(by.role));
      next.push_back(
          {{"name", proposed->name},
           {"quote", e.quote},
           {"may", may},
           {"href", "/plans/new?pupil=" + std::to_string(p.pupil_id) + "&type=" + proposed->id}});
    }
    view["next_plans"] = next;
    view["has_next"] = !next.empty();
  }
  return view;
}

}  // namespace

std::string DayWords(const std::optional<Date>& d) { return d ? DateWords(*d) : ""; }

std::vector<LinkableRecord> LinkableRecords(const WebContext& ctx, const http::Request& req,
                                            long long pupil_id) {
  std::vector<LinkableRecord> out;
  PupilRecordQuery q;
  q.pupil_id = pupil_id;
  q.limit = 40;
  auto records = ctx.incidents.ForPupil(*req.principal, q, req.ip);
  if (!records.ok()) return out;
  auto loaded = ctx.policies.InForce(req.principal->school_id, LondonDate(Now()));
  for (const auto& r : *records) {
    std::string category = r.category;
    if (loaded.ok()) {
      if (const auto* c = loaded->policy->FindCategory(r.category)) category = c->name;
    }
    out.push_back({r.id, FormatLondon(r.occurred_at, "%a %e %b %H:%M") + ": " + category});
  }
  return out;
}

http::Response RenderPlanPage(const WebContext& ctx, const http::Request& req, long long plan_id,
                              const PlanFormError* failed) {
  auto view = PlanView(ctx, req, plan_id, failed);
  if (!view.ok()) return RenderError(ctx, req, view.status());
  int status = failed ? HttpStatusFor(failed->error) : 200;
  std::string title =
      (*view)["name"].get<std::string>() + ": " + (*view)["pupil_name"].get<std::string>();
  return RenderPage(ctx, req, "plan", title, *view, status);
}

http::Response PlanShow(const WebContext& ctx, http::Request& req) {
  auto id = http::ParamId(req);
  if (!id.ok()) return RenderError(ctx, req, id.status());
  return RenderPlanPage(ctx, req, *id, nullptr);
}

http::Response PlanPrint(const WebContext& ctx, http::Request& req) {
  auto id = http::ParamId(req);
  if (!id.ok()) return RenderError(ctx, req, id.status());
  auto view = PlanView(ctx, req, *id, nullptr);
  if (!view.ok()) return RenderError(ctx, req, view.status());
  (*view)["printed"] = FormatLondon(Now(), "%e %B %Y");
  std::string title =
      (*view)["title"].get<std::string>() + ": " + (*view)["pupil_name"].get<std::string>();
  return RenderPage(ctx, req, "plan_print", title, *view);
}

}  // namespace attune::web
