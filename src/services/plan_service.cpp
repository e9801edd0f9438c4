#include "services/plan_service.h"

#include <algorithm>

#include "services/audit.h"
#include "services/authorization.h"
#include "services/incident_service.h"

namespace attune {

Result<std::vector<PupilPlan>> PlanService::ForPupil(const Principal& by, long long pupil_id) {
  ATTUNE_RETURN_IF_ERROR(Authorize(&by, Permission::kPupilsView));
  return store_.ListPlans(by.school_id, pupil_id);
}

Result<std::vector<EscalationRecord>> PlanService::Proposals(const Principal& by,
                                                             long long pupil_id,
                                                             const std::string& ip) {
  auto all = store_.ListEscalations(by.school_id, pupil_id, 0, RestrictedReaderName(by.role));
  if (!all.ok()) return all.status();
  std::vector<EscalationRecord> out;
  for (auto& e : *all) {
    if (e.status == "proposed") out.push_back(std::move(e));
  }
  ATTUNE_RETURN_IF_ERROR(NoteRestrictedRead(store_, by, RestrictedRecordsOf(out), ip));
  return out;
}

Result<EscalationRecord> PlanService::Undecided(const Principal& by, long long incident_id,
                                                long long escalation_id) {
  ATTUNE_RETURN_IF_ERROR(Authorize(&by, Permission::kPlansManage));
  auto incident = store_.GetIncident(by.school_id, incident_id);
  if (!incident.ok()) return incident.status();
  if (!IncidentService::MayRead(by, *incident)) return Status::NotFound("No such record");
  auto proposals =
      store_.ListEscalations(by.school_id, 0, incident_id, RestrictedReaderName(by.role));
  if (!proposals.ok()) return proposals.status();
  for (auto& e : *proposals) {
    if (e.id != escalation_id) continue;
    if (e.status != "proposed") return Status::Conflict("This proposal has already been decided");
    return std::move(e);
  }
  return Status::NotFound("No such proposal in this record");
}

Result<long long> PlanService::StartFromEscalation(const Principal& by, long long incident_id,
                                                   long long escalation_id,
                                                   const std::string& target, Date on,
                                                   const std::string& ip) {
  auto proposal = Undecided(by, incident_id, escalation_id);
  if (!proposal.ok()) return proposal.status();
  const EscalationRecord* it = &*proposal;
  if (it->plan.empty()) {
    return Status::Invalid("This proposal is a step, not a plan; record the step instead", "plan");
  }
  if (target.size() > 500) return Status::Invalid("The target is too long", "target");
  auto loaded = policies_.InForce(by.school_id, on);
  if (!loaded.ok()) return loaded.status();
  auto time = clock_.For(by.school_id);
  if (!time.ok()) return time.status();
  const policy::Plan* type = loaded->policy->FindPlan(it->plan);
  PupilPlan plan;
  plan.school_id = by.school_id;
  plan.pupil_id = it->pupil_id;
  plan.plan = it->plan;
  plan.name = type ? type->name : it->plan;
  plan.target = target;
  plan.started_on = on;
  plan.escalation_id = escalation_id;
  plan.started_by_staff_id = by.staff_id;
  // Dates in school days: duration and review cadence from the policy.
  auto after = [&](int school_days) {
    Date d = on;
    for (int i = 0; i < school_days; ++i) {
      auto next = (*time)->NextSchoolDay(d);
      if (!next) break;
      d = *next;
    }
    return d;
  };
  if (type && type->duration_school_days) plan.ends_on = after(*type->duration_school_days);
  if (type && type->review_every_school_days) {
    plan.review_on = after(*type->review_every_school_days);
  }
  auto id = store_.StartPlan(plan);
  if (!id.ok()) return id.status();
  ATTUNE_RETURN_IF_ERROR(store_.SetEscalationStatus(by.school_id, escalation_id, "started"));
  Audit(store_, &by, "plan.start", "pupil", plan.pupil_id, plan.plan, ip);
  return *id;
}

Status PlanService::Decline(const Principal& by, long long incident_id, long long escalation_id,
                            const std::string& ip) {
  auto proposal = Undecided(by, incident_id, escalation_id);
  if (!proposal.ok()) return proposal.status();
  ATTUNE_RETURN_IF_ERROR(store_.SetEscalationStatus(by.school_id, escalation_id, "declined"));
  Audit(store_, &by, "plan.decline", "pupil", proposal->pupil_id, proposal->plan, ip);
  return Status::Ok();
}

Status PlanService::End(const Principal& by, long long plan_id, const std::string& outcome, Date on,
                        const std::string& ip) {
  ATTUNE_RETURN_IF_ERROR(Authorize(&by, Permission::kPlansManage));
  if (outcome != "successful" && outcome != "unsuccessful") {
    return Status::Invalid("Say whether the plan succeeded", "outcome");
  }
  ATTUNE_RETURN_IF_ERROR(store_.EndPlan(by.school_id, plan_id, outcome, on));
  Audit(store_, &by, "plan.end", "plan", plan_id, outcome, ip);
  return Status::Ok();
}

}  // namespace attune
