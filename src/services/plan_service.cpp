#include "services/plan_service.h"

#include <algorithm>

#include "services/audit.h"
#include "services/authorization.h"
#include "services/incident_service.h"

namespace attune {
namespace {

using nlohmann::json;

// "the Learning Community Manager or senior leaders": the roles in `list`
// in the school's words where it has them, else attune's.
std::string RoleWords(const policy::Policy& p, const std::vector<std::string>& list) {
  std::string out;
  for (size_t i = 0; i < list.size(); ++i) {
    auto role = ParseRole(list[i]);
    std::string label = p.RoleWords(list[i]);
    if (label.empty()) label = role ? RoleLabel(*role) : list[i];
    if (i > 0) out += i + 1 == list.size() ? " or " : ", ";
    out += i == 0 ? label
                  : std::string(1, static_cast<char>(std::tolower(label[0]))) + label.substr(1);
  }
  return out;
}

Date Today() { return LondonDate(Now()); }

Date DaysFrom(Date d, int days) {
  return date::year_month_day(date::sys_days(d) + date::days(days));
}

// The store's query for the plans page's filter, as `by` may see it.
PlanQuery QueryFor(const Principal& by, const PlanFilter& f) {
  PlanQuery q;
  q.school_id = by.school_id;
  q.status = f.status;
  q.type = f.type;
  q.year_group = f.year_group;
  q.viewer_staff_id = by.staff_id;
  q.viewer_sees_all = by.role == Role::kSenior;
  q.limit = f.limit;
  q.offset = f.offset;
  Date today = Today();
  if (f.due == "overdue") {
    q.due_by = DaysFrom(today, -1);
  } else if (f.due == "week") {
    q.due_by = DaysFrom(today, 7 - IsoWeekday(today));
  } else if (f.due == "past_end") {
    q.past_end_before = today;
  }
  return q;
}

}  // namespace

Status PlanProblems(const std::vector<policy::PlanProblem>& problems) {
  if (problems.empty()) return Status::Ok();
  std::string message;
  for (const auto& p : problems) {
    if (!message.empty()) message += ". ";
    message += p.message;
  }
  return Status::Invalid(message, problems.front().field);
}

bool PlanService::MayRead(const Principal& by, const PupilPlan& plan) {
  if (plan.involved_staff.empty()) return true;
  return by.role == Role::kSenior ||
         std::find(plan.involved_staff.begin(), plan.involved_staff.end(), by.staff_id) !=
             plan.involved_staff.end();
}

Result<std::vector<PupilPlan>> PlanService::ForPupil(const Principal& by, long long pupil_id) {
  ATTUNE_RETURN_IF_ERROR(Authorize(&by, Permission::kPupilsView));
  auto all = store_.ListPlans(by.school_id, pupil_id);
  if (!all.ok()) return all.status();
  std::erase_if(*all, [&](const PupilPlan& p) { return !MayRead(by, p); });
  return all;
}

Result<PlanDetail> PlanService::Get(const Principal& by, long long plan_id, const std::string& ip) {
  ATTUNE_RETURN_IF_ERROR(Authorize(&by, Permission::kPupilsView));
  auto plan = store_.GetPlan(by.school_id, plan_id);
  if (!plan.ok()) return plan.status();
  if (!MayRead(by, *plan)) return Status::NotFound("No such plan");
  PlanDetail d;
  d.plan = std::move(*plan);
  auto loaded = policies_.InForce(by.school_id, d.plan.started_on);
  if (!loaded.ok()) return loaded.status();
  d.policy = loaded->policy;
  d.type = d.policy->FindPlan(d.plan.plan);
  auto entries = store_.ListPlanEntries(by.school_id, plan_id);
  if (!entries.ok()) return entries.status();
  d.entries = std::move(*entries);
  if (d.type) {
    std::vector<long long> linked;
    auto add = [&](const std::string& text) {
      json j = json::parse(text, nullptr, false);
      if (j.is_discarded()) return;
      for (long long id : policy::LinkedRecords(*d.type, j)) linked.push_back(id);
    };
    add(d.plan.fields);
    for (const auto& e : d.entries) add(e.fields);
    std::sort(linked.begin(), linked.end());
    linked.erase(std::unique(linked.begin(), linked.end()), linked.end());
    for (long long id : linked) {
      auto incident = store_.GetIncident(by.school_id, id);
      if (incident.ok() && IncidentService::MayRead(by, *incident)) {
        d.records.push_back(std::move(*incident));
      }
    }
    ATTUNE_RETURN_IF_ERROR(NoteRestrictedRead(store_, by, RestrictedRecordsOf(d.records), ip));
    std::string role = RoleName(by.role);
    bool active = d.plan.status == "active";
    bool writes = RoleHas(by.role, Permission::kPlansWrite);
    d.may_write = active && writes && d.type->entries != policy::Plan::Entries::kNone &&
                  policy::Plan::Lists(d.type->written_by, role);
    d.may_review = active && writes && d.type->review_every_school_days &&
                   policy::Plan::Lists(d.type->reviewed_by, role);
    d.may_end = active && writes && policy::Plan::Lists(d.type->ended_by, role);
  }
  if (!d.plan.involved_staff.empty()) {
    Audit(store_, &by, "plan.read", "plan", plan_id, d.plan.plan, ip);
  }
  return d;
}

Result<std::vector<const policy::Plan*>> PlanService::Startable(
    const Principal& by, std::shared_ptr<const policy::Policy>* keep) {
  ATTUNE_RETURN_IF_ERROR(Authorize(&by, Permission::kPlansWrite));
  auto loaded = policies_.InForce(by.school_id, Today());
  if (!loaded.ok()) return loaded.status();
  *keep = loaded->policy;
  std::vector<const policy::Plan*> out;
  for (const auto& p : loaded->policy->plans) {
    if (policy::Plan::Lists(p.started_by, RoleName(by.role))) out.push_back(&p);
  }
  return out;
}

Status PlanService::CheckRecords(const Principal& by, long long pupil_id,
                                 const std::vector<long long>& records) {
  for (long long id : records) {
    auto incident = store_.GetIncident(by.school_id, id);
    bool theirs = incident.ok() && IncidentService::MayRead(by, *incident) &&
                  std::any_of(incident->pupils.begin(), incident->pupils.end(),
                              [&](const IncidentPupil& p) { return p.pupil_id == pupil_id; });
    if (!theirs) {
      return Status::Invalid("Record " + std::to_string(id) +
                                 " is not one of this pupil's records you can see; link only "
                                 "their own records",
                             "fields");
    }
  }
  return Status::Ok();
}

Action PlanService::PlanAction(const policy::Plan& type, const PupilPlan& plan,
                               const std::string& kind, const std::string& label, Date day,
                               const policy::SchoolTime& time) const {
  Action a;
  a.school_id = plan.school_id;
  a.pupil_id = plan.pupil_id;
  a.kind = kind;
  a.label = label;
  a.assignee_role = type.owner;
  a.due_at = time.DueAt(policy::Deadline::WithinSchoolDays(0), LondonInstant(day, 0));
  a.description = type.name;
  a.because = "The policy's " + type.name;
  return a;
}

Result<long long> PlanService::Start(const Principal& by, const NewPlan& n, const std::string& ip) {
  ATTUNE_RETURN_IF_ERROR(Authorize(&by, Permission::kPlansWrite));
  auto pupil = store_.GetPupil(by.school_id, n.pupil_id);
  if (!pupil.ok()) return Status::NotFound("No such pupil");
  auto loaded = policies_.InForce(by.school_id, n.starts_on);
  if (!loaded.ok()) return loaded.status();
  const policy::Policy& pol = *loaded->policy;
  const policy::Plan* type = pol.FindPlan(n.type);
  if (!type) {
    std::string ids;
    for (const auto& p : pol.plans) ids += (ids.empty() ? "" : ", ") + p.id;
    return Status::Invalid(
        "The policy has no plan '" + n.type + "'" + (ids.empty() ? "" : "; its plans are " + ids),
        "type");
  }
  if (!n.escalation_id && !policy::Plan::Lists(type->started_by, RoleName(by.role))) {
    return Status::Forbidden("The policy gives starting a " + type->name + " to " +
                             RoleWords(pol, type->started_by));
  }
  auto time = clock_.For(by.school_id);
  if (!time.ok()) return time.status();
  std::vector<policy::PlanProblem> problems =
      policy::CheckDates(*type, **time, n.starts_on, n.ends_on, Now());
  json clean;
  auto field_problems = policy::CheckFields(*type, policy::PlanStage::kStart, n.fields, clean);
  problems.insert(problems.end(), field_problems.begin(), field_problems.end());
  if (n.check_in_every < 0 || n.check_in_every > 60) {
    problems.push_back({"check_in_every_school_days", "Check-ins are every 1 to 60 school days"});
  } else if (n.check_in_every && type->entries != policy::Plan::Entries::kCheckIn) {
    problems.push_back(
        {"check_in_every_school_days", type->name + " has no check-ins under the policy"});
  }
  ATTUNE_RETURN_IF_ERROR(PlanProblems(problems));
  std::vector<long long> records = policy::LinkedRecords(*type, clean);
  ATTUNE_RETURN_IF_ERROR(CheckRecords(by, n.pupil_id, records));

  PupilPlan plan;
  plan.school_id = by.school_id;
  plan.pupil_id = n.pupil_id;
  plan.plan = type->id;
  plan.name = type->name;
  plan.started_on = n.starts_on;
  plan.escalation_id = n.escalation_id;
  plan.started_by_staff_id = by.staff_id;
  plan.target = n.target;
  plan.fields = clean.dump();
  plan.check_in_every =
      n.check_in_every ? n.check_in_every : type->check_in_every_school_days.value_or(0);
  if (type->entries != policy::Plan::Entries::kCheckIn) plan.check_in_every = 0;
  policy::PlanDates dates = policy::Schedule(
      *type, **time, n.starts_on,
      plan.check_in_every ? std::optional<int>(plan.check_in_every) : std::nullopt);
  plan.ends_on = n.ends_on ? n.ends_on : dates.last_day;
  plan.review_on = dates.first_review;
  plan.check_in_on = dates.first_check_in;
  if (type->visible_to == policy::Plan::Visibility::kInvolvedAndSenior) {
    plan.involved_staff.push_back(by.staff_id);
    std::vector<long long> about = records;
    if (n.incident_id) about.push_back(n.incident_id);
    for (long long id : about) {
      auto incident = store_.GetIncident(by.school_id, id);
      if (!incident.ok()) continue;
      plan.involved_staff.push_back(incident->recorded_by_staff_id);
      if (incident->physical) {
        for (long long s : incident->physical->staff_ids) plan.involved_staff.push_back(s);
      }
    }
    std::sort(plan.involved_staff.begin(), plan.involved_staff.end());
    plan.involved_staff.erase(std::unique(plan.involved_staff.begin(), plan.involved_staff.end()),
                              plan.involved_staff.end());
    std::erase(plan.involved_staff, 0);
  }

  PlanActions actions;
  auto within = [&](Date d) { return !plan.ends_on || d <= *plan.ends_on; };
  if (dates.first_review && within(*dates.first_review)) {
    actions.open.push_back(PlanAction(*type, plan, "plan_review", "Review the " + type->name,
                                      *dates.first_review, **time));
  }
  if (dates.first_check_in && within(*dates.first_check_in)) {
    actions.open.push_back(PlanAction(*type, plan, "plan_check_in", "Check in: " + type->name,
                                      *dates.first_check_in, **time));
  }
  if (plan.ends_on && type->duration_school_days && *type->duration_school_days > 1) {
    actions.open.push_back(PlanAction(
        *type, plan, "plan_end", "Decide with everyone involved how the " + type->name + " went",
        *plan.ends_on, **time));
  }
  if (dates.notice_due) {
    Action notice = PlanAction(
        *type, plan, "inform_home",
        "Tell the family about the " + type->name + " on " + DateWords(n.starts_on, false),
        n.starts_on, **time);
    notice.due_at = dates.notice_due;
    actions.open.push_back(notice);
  }
  auto id = store_.CreatePlan(plan, actions);
  if (!id.ok()) return id.status();
  Audit(store_, &by, "plan.start", "plan", *id, type->id, ip);
  return *id;
}

Result<PlanService::Writing> PlanService::ForWriting(const Principal& by, long long plan_id,
                                                     std::vector<std::string> policy::Plan::*list,
                                                     const char* act) {
  ATTUNE_RETURN_IF_ERROR(Authorize(&by, Permission::kPlansWrite));
  Writing w;
  auto d = Get(by, plan_id, "");
  if (!d.ok()) return d.status();
  w.detail = std::move(*d);
  if (!w.detail.type) {
    return Status::Conflict("This plan's type is no longer in the policy; it can only be read");
  }
  if (w.detail.plan.status != "active") {
    return Status::Conflict("This plan has ended; nothing more can be added to it");
  }
  if (!policy::Plan::Lists(w.detail.type->*list, RoleName(by.role))) {
    return Status::Forbidden(std::string("The policy gives ") + act + " a " + w.detail.type->name +
                             " to " + RoleWords(*w.detail.policy, w.detail.type->*list));
  }
  auto time = clock_.For(by.school_id);
  if (!time.ok()) return time.status();
  w.time = *time;
  return w;
}

namespace {

// Problems with the day something was written on a plan.
std::vector<policy::PlanProblem> CheckDay(const PupilPlan& plan, Date on) {
  std::vector<policy::PlanProblem> out;
  if (on < plan.started_on) {
    out.push_back({"on", "The plan starts on " + DateWords(plan.started_on) +
                             "; choose that day or a later one"});
  } else if (Today() < on) {
    out.push_back({"on", DateWords(on) + " has not happened yet; write it on the day or after"});
  }
  return out;
}

}  // namespace

std::vector<policy::PlanProblem> DayProblems(const PupilPlan& plan, policy::PlanStage stage,
                                             const policy::SchoolTime& time, Date on) {
  std::vector<policy::PlanProblem> problems = CheckDay(plan, on);
  if (stage != policy::PlanStage::kEntry) return problems;
  if (problems.empty() && !time.IsSchoolDay(on)) {
    problems.push_back({"on", DateWords(on) + " is not a school day"});
  }
  if (problems.empty() && plan.ends_on && *plan.ends_on < on) {
    problems.push_back({"on", "The plan's last day is " + DateWords(*plan.ends_on)});
  }
  return problems;
}

Result<PlanEntry> PlanService::Checked(const Principal& by, const policy::Plan& type,
                                       const PupilPlan& plan, policy::PlanStage stage, Date on,
                                       const json& fields,
                                       std::vector<policy::PlanProblem> problems,
                                       const json& kept) {
  json clean;
  auto more = policy::CheckFields(type, stage, fields, clean, kept);
  problems.insert(problems.end(), more.begin(), more.end());
  ATTUNE_RETURN_IF_ERROR(PlanProblems(problems));
  ATTUNE_RETURN_IF_ERROR(CheckRecords(by, plan.pupil_id, policy::LinkedRecords(type, clean)));
  PlanEntry e;
  e.school_id = by.school_id;
  e.plan_id = plan.id;
  e.kind = stage == policy::PlanStage::kReview ? "review" : "entry";
  e.on = on;
  e.fields = clean.dump();
  e.by_staff_id = by.staff_id;
  return e;
}

Result<long long> PlanService::AddEntry(const Principal& by, long long plan_id, Date on,
                                        const json& fields, const std::string& ip) {
  auto w = ForWriting(by, plan_id, &policy::Plan::written_by, "writing in");
  if (!w.ok()) return w.status();
  const policy::Plan& type = *w->detail.type;
  const PupilPlan& plan = w->detail.plan;
  if (type.entries == policy::Plan::Entries::kNone) {
    return Status::Invalid("A " + type.name + " has no daily entries or check-ins", "on");
  }
  std::vector<policy::PlanProblem> problems =
      DayProblems(plan, policy::PlanStage::kEntry, *w->time, on);
  // The day's entry is written again whole, but what the pupil wrote that
  // day on their own turn is kept unless this entry gives those fields.
  json kept = json::object();
  for (const auto& written : w->detail.entries) {
    if (written.kind == "entry" && written.on == on) {
      kept = policy::PupilWritten(json::parse(written.fields, nullptr, false));
    }
  }
  auto e =
      Checked(by, type, plan, policy::PlanStage::kEntry, on, fields, std::move(problems), kept);
  if (!e.ok()) return e.status();
  json clean = json::parse(e->fields);
  PlanUpdate update;
  for (const auto& s : type.sections) {
    for (const auto& f : s.fields) {
      if (f.shown_when_recording && clean.contains(f.id)) {
        update.target = clean[f.id].get<std::string>();
      }
    }
  }
  PlanActions actions;
  if (type.entries == policy::Plan::Entries::kCheckIn && plan.check_in_every > 0) {
    actions.close_kinds = {"plan_check_in"};
    auto next = policy::SchoolDaysAfter(*w->time, on, plan.check_in_every);
    if (next) {
      update.check_in_on = next;
      if (!plan.ends_on || *next <= *plan.ends_on) {
        actions.open.push_back(
            PlanAction(type, plan, "plan_check_in", "Check in: " + type.name, *next, *w->time));
      }
    }
  }
  auto id = store_.AddPlanEntry(*e, update, actions);
  if (!id.ok()) return id.status();
  Audit(store_, &by, "plan.entry", "plan", plan_id, FormatDate(on), ip);
  return *id;
}

Result<long long> PlanService::AddReview(const Principal& by, long long plan_id, Date on,
                                         const json& fields, const std::string& ip) {
  auto w = ForWriting(by, plan_id, &policy::Plan::reviewed_by, "reviewing");
  if (!w.ok()) return w.status();
  const policy::Plan& type = *w->detail.type;
  const PupilPlan& plan = w->detail.plan;
  if (!type.review_every_school_days) {
    return Status::Invalid("The policy sets no reviews for a " + type.name, "on");
  }
  std::vector<policy::PlanProblem> problems = CheckDay(plan, on);
  auto e = Checked(by, type, plan, policy::PlanStage::kReview, on, fields, std::move(problems),
                   json::object());
  if (!e.ok()) return e.status();
  PlanUpdate update;
  PlanActions actions;
  actions.close_kinds = {"plan_review"};
  Date from = w->time->IsSchoolDay(on) ? on : w->time->NextSchoolDay(on).value_or(on);
  if (auto next = policy::SchoolDaysAfter(*w->time, from, *type.review_every_school_days)) {
    update.review_on = next;
    if (!plan.ends_on || *next <= *plan.ends_on) {
      actions.open.push_back(
          PlanAction(type, plan, "plan_review", "Review the " + type.name, *next, *w->time));
    }
  }
  auto id = store_.AddPlanEntry(*e, update, actions);
  if (!id.ok()) return id.status();
  Audit(store_, &by, "plan.review", "plan", plan_id, FormatDate(on), ip);
  return *id;
}

Result<long long> PlanService::Sign(const Principal& by, long long plan_id, const std::string& who,
                                    const std::string& name, Date on, const std::string& ip) {
  auto w = ForWriting(by, plan_id, &policy::Plan::started_by, "recording signatures on");
  if (!w.ok()) return w.status();
  const policy::Plan& type = *w->detail.type;
  if (!policy::Plan::Lists(type.signed_by, who) &&
      !policy::Plan::Lists(type.signed_optionally_by, who)) {
    return Status::Invalid("A " + type.name + " is not signed by '" + who + "'", "who");
  }
  std::string trimmed = name;
  trimmed.erase(0, trimmed.find_first_not_of(" \t"));
  trimmed.erase(trimmed.find_last_not_of(" \t") + 1);
  if (trimmed.empty()) return Status::Invalid("Give the name of the person who signed", "name");
  if (trimmed.size() > 200) return Status::Invalid("The name is too long", "name");
  ATTUNE_RETURN_IF_ERROR(PlanProblems(CheckDay(w->detail.plan, on)));
  PlanEntry e;
  e.school_id = by.school_id;
  e.plan_id = plan_id;
  e.kind = "signature";
  e.on = on;
  e.fields = json{{"who", who}, {"name", trimmed}}.dump();
  e.by_staff_id = by.staff_id;
  auto id = store_.AddPlanEntry(e, {}, {});
  if (!id.ok()) return id.status();
  Audit(store_, &by, "plan.sign", "plan", plan_id, who, ip);
  return *id;
}

Status PlanService::End(const Principal& by, long long plan_id, const std::string& outcome, Date on,
                        const json& fields, const std::string& ip) {
  auto w = ForWriting(by, plan_id, &policy::Plan::ended_by, "ending");
  if (!w.ok()) return w.status();
  const policy::Plan& type = *w->detail.type;
  std::vector<policy::PlanProblem> problems = CheckDay(w->detail.plan, on);
  if (outcome != "successful" && outcome != "unsuccessful") {
    problems.push_back({"outcome",
                        "Say whether the plan succeeded: \"successful\" or "
                        "\"unsuccessful\""});
  }
  json clean;
  auto more = policy::CheckFields(type, policy::PlanStage::kEnd, fields, clean);
  problems.insert(problems.end(), more.begin(), more.end());
  ATTUNE_RETURN_IF_ERROR(PlanProblems(problems));
  ATTUNE_RETURN_IF_ERROR(
      store_.FinishPlan(by.school_id, plan_id, outcome, on, clean.dump(), by.staff_id));
  Audit(store_, &by, "plan.end", "plan", plan_id, outcome, ip);
  return Status::Ok();
}

Result<std::vector<PupilPlan>> PlanService::List(const Principal& by, const PlanFilter& f) {
  ATTUNE_RETURN_IF_ERROR(Authorize(&by, Permission::kPupilsView));
  return store_.ListSchoolPlans(QueryFor(by, f));
}

Result<int> PlanService::Count(const Principal& by, const PlanFilter& f) {
  ATTUNE_RETURN_IF_ERROR(Authorize(&by, Permission::kPupilsView));
  return store_.CountSchoolPlans(QueryFor(by, f));
}

}  // namespace attune
