#include "demo/plan_writer.h"

#include <algorithm>

#include "policy/plan_rules.h"

namespace attune::demo {

using nlohmann::json;
using policy::PlanStage;

PlanWriter::PlanWriter(Store& store, const policy::Policy& policy, const policy::SchoolTime& time,
                       Date today, std::vector<Date> days, std::map<long long, std::string> roles)
    : store_(store),
      policy_(policy),
      time_(time),
      today_(today),
      days_(std::move(days)),
      roles_(std::move(roles)) {}

Date PlanWriter::Ago(int k) const {
  return days_[std::clamp(k, 1, static_cast<int>(days_.size())) - 1];
}

bool PlanWriter::Gives(const std::string& type_id, std::vector<std::string> policy::Plan::*list,
                       long long staff) const {
  const policy::Plan* type = policy_.FindPlan(type_id);
  auto role = roles_.find(staff);
  return type && role != roles_.end() && policy::Plan::Lists(type->*list, role->second);
}

Result<WrittenPlan> PlanWriter::Start(const std::string& type_id, const Pupil& pupil, Date on,
                                      long long by, const json& fields, const std::string& target,
                                      DemoPlans& counts) const {
  WrittenPlan w;
  w.type = policy_.FindPlan(type_id);
  if (!w.type) return Status::Internal("The demo policy has no plan '" + type_id + "'");
  const policy::Plan& type = *w.type;
  ATTUNE_RETURN_IF_ERROR(Allowed(type, &policy::Plan::started_by, by, "start"));
  if (type.notice_due) {
    // Its notice to the family would be long past: the service refuses it.
    return Status::Internal("The demo cannot start a " + type.name + " in the past");
  }
  PupilPlan& p = w.plan;
  p.school_id = pupil.school_id;
  p.pupil_id = pupil.id;
  p.plan = type.id;
  p.name = type.name;
  p.started_on = on;
  ATTUNE_RETURN_IF_ERROR(OnItsDay(w, on, "started"));
  auto clean = Checked(type, PlanStage::kStart, fields);
  if (!clean.ok()) return clean.status();
  p.target = target;
  p.started_by_staff_id = by;
  p.fields = *clean;
  policy::PlanDates dates = policy::Schedule(type, time_, on);
  p.ends_on = dates.last_day;
  p.review_on = dates.first_review;
  if (type.visible_to == policy::Plan::Visibility::kInvolvedAndSenior) {
    p.involved_staff.push_back(by);
    for (long long id : policy::LinkedRecords(type, json::parse(p.fields))) {
      auto incident = store_.GetIncident(p.school_id, id);
      if (incident.ok()) p.involved_staff.push_back(incident->recorded_by_staff_id);
    }
    std::sort(p.involved_staff.begin(), p.involved_staff.end());
    p.involved_staff.erase(std::unique(p.involved_staff.begin(), p.involved_staff.end()),
                           p.involved_staff.end());
  }
  PlanActions actions;
  if (dates.first_review && !(p.ends_on && *p.ends_on < *dates.first_review)) {
    actions.open.push_back(
        ActionFor(w, "plan_review", "Review the " + type.name, *dates.first_review));
  }
  if (p.ends_on && type.duration_school_days && *type.duration_school_days > 1) {
    actions.open.push_back(ActionFor(
        w, "plan_end", "Decide with everyone involved how the " + type.name + " went", *p.ends_on));
  }
  auto id = store_.CreatePlan(p, actions);
  if (!id.ok()) return id.status();
  p.id = *id;
  ++counts.plans;
  return w;
}

Status PlanWriter::Entry(WrittenPlan& w, Date on, long long by, const json& fields,
                         DemoPlans& counts) const {
  if (w.type->entries != policy::Plan::Entries::kDaily) {
    return Status::Internal("The demo writes daily entries only, and a " + w.type->name +
                            " has none");
  }
  auto e = Written(w, PlanStage::kEntry, on, by, fields);
  if (!e.ok()) return e.status();
  PlanUpdate update;
  json clean = json::parse(e->fields);
  for (const auto& s : w.type->sections) {
    for (const auto& f : s.fields) {
      if (f.shown_when_recording && clean.contains(f.id)) {
        update.target = clean[f.id].get<std::string>();
      }
    }
  }
  ++counts.entries;
  return store_.AddPlanEntry(*e, update, {}).status();
}

Status PlanWriter::Review(WrittenPlan& w, Date on, long long by, const json& fields,
                          DemoPlans& counts) const {
  if (!w.type->review_every_school_days) {
    return Status::Internal("The policy sets no reviews for a " + w.type->name);
  }
  auto e = Written(w, PlanStage::kReview, on, by, fields);
  if (!e.ok()) return e.status();
  PlanUpdate update;
  PlanActions actions;
  actions.close_kinds = {"plan_review"};
  if (auto next = policy::SchoolDaysAfter(time_, on, *w.type->review_every_school_days)) {
    update.review_on = next;
    if (!(w.plan.ends_on && *w.plan.ends_on < *next)) {
      actions.open.push_back(ActionFor(w, "plan_review", "Review the " + w.type->name, *next));
    }
  }
  w.plan.review_on = update.review_on;
  ++counts.entries;
  return store_.AddPlanEntry(*e, update, actions).status();
}

Status PlanWriter::End(WrittenPlan& w, Date on, long long by, bool successful,
                       const json& fields) const {
  ATTUNE_RETURN_IF_ERROR(Allowed(*w.type, &policy::Plan::ended_by, by, "end"));
  ATTUNE_RETURN_IF_ERROR(OnItsDay(w, on, "ended"));
  auto clean = Checked(*w.type, PlanStage::kEnd, fields);
  if (!clean.ok()) return clean.status();
  w.plan.status = "ended";
  w.plan.review_on.reset();
  return store_.FinishPlan(w.plan.school_id, w.plan.id, successful ? "successful" : "unsuccessful",
                           on, *clean, by);
}

Result<std::string> PlanWriter::Checked(const policy::Plan& type, PlanStage stage,
                                        const json& fields) const {
  json clean;
  auto problems = policy::CheckFields(type, stage, fields, clean);
  if (problems.empty()) return clean.dump();
  std::string message = "The demo's " + type.name + " (" + policy::StageName(stage) +
                        " fields) was refused by the policy:";
  for (const auto& p : problems) message += " " + p.field + ": " + p.message + ".";
  return Status::Internal(message);
}

Status PlanWriter::Allowed(const policy::Plan& type, std::vector<std::string> policy::Plan::*list,
                           long long by, const char* act) const {
  if (Gives(type.id, list, by)) return Status::Ok();
  auto role = roles_.find(by);
  return Status::Internal(std::string("The demo asked a member of staff (") +
                          (role == roles_.end() ? "unknown" : role->second) +
                          ") the policy does not allow to " + act + " a " + type.name);
}

Status PlanWriter::OnItsDay(const WrittenPlan& w, Date on, const char* act) const {
  bool school_day = time_.IsSchoolDay(on);
  bool in_plan = !(on < w.plan.started_on) && !(w.plan.ends_on && *w.plan.ends_on < on);
  if (school_day && in_plan && on < today_) return Status::Ok();
  return Status::Internal(std::string("The demo ") + act + " a " + w.type->name + " on " +
                          FormatDate(on) + ", which is not one of its school days before today");
}

Result<PlanEntry> PlanWriter::Written(const WrittenPlan& w, PlanStage stage, Date on, long long by,
                                      const json& fields) const {
  bool review = stage == PlanStage::kReview;
  ATTUNE_RETURN_IF_ERROR(Allowed(*w.type,
                                 review ? &policy::Plan::reviewed_by : &policy::Plan::written_by,
                                 by, review ? "review" : "write in"));
  ATTUNE_RETURN_IF_ERROR(OnItsDay(w, on, review ? "reviewed" : "wrote in"));
  auto clean = Checked(*w.type, stage, fields);
  if (!clean.ok()) return clean.status();
  PlanEntry e;
  e.school_id = w.plan.school_id;
  e.plan_id = w.plan.id;
  e.kind = review ? "review" : "entry";
  e.on = on;
  e.fields = *clean;
  e.by_staff_id = by;
  return e;
}

// As PlanService::PlanAction: for the plan type's owner, due at the end of
// the school day `day`.
Action PlanWriter::ActionFor(const WrittenPlan& w, const std::string& kind,
                             const std::string& label, Date day) const {
  Action a;
  a.school_id = w.plan.school_id;
  a.pupil_id = w.plan.pupil_id;
  a.kind = kind;
  a.label = label;
  a.assignee_role = w.type->owner;
  a.due_at = time_.DueAt(policy::Deadline::WithinSchoolDays(0), LondonInstant(day, 0));
  a.description = w.type->name;
  a.because = "The policy's " + w.type->name;
  return a;
}

}  // namespace attune::demo
