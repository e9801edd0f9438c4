// PlanService: the plans the policy proposes (escalations), started or
// declined by those who decide (plans.manage).
#include "services/audit.h"
#include "services/authorization.h"
#include "services/incident_service.h"
#include "services/plan_service.h"

namespace attune {

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

Result<std::string> PlanService::ProposedType(const Principal& by, long long incident_id,
                                              long long escalation_id) {
  auto proposal = Undecided(by, incident_id, escalation_id);
  if (!proposal.ok()) return proposal.status();
  if (proposal->plan.empty()) {
    return Status::Invalid("This proposal is a step, not a plan; record the step instead", "plan");
  }
  return proposal->plan;
}

Result<long long> PlanService::StartFromEscalation(const Principal& by, long long incident_id,
                                                   long long escalation_id, NewPlan plan,
                                                   const std::string& ip) {
  auto proposal = Undecided(by, incident_id, escalation_id);
  if (!proposal.ok()) return proposal.status();
  if (proposal->plan.empty()) {
    return Status::Invalid("This proposal is a step, not a plan; record the step instead", "plan");
  }
  if (plan.target.size() > 500) return Status::Invalid("The target is too long", "target");
  auto time = clock_.For(by.school_id);
  if (!time.ok()) return time.status();
  if (!(*time)->IsSchoolDay(plan.starts_on)) {
    plan.starts_on = (*time)->NextSchoolDay(plan.starts_on).value_or(plan.starts_on);
  }
  plan.pupil_id = proposal->pupil_id;
  plan.type = proposal->plan;
  plan.escalation_id = escalation_id;
  plan.incident_id = incident_id;
  return Start(by, plan, ip);
}

Status PlanService::Decline(const Principal& by, long long incident_id, long long escalation_id,
                            const std::string& ip) {
  auto proposal = Undecided(by, incident_id, escalation_id);
  if (!proposal.ok()) return proposal.status();
  ATTUNE_RETURN_IF_ERROR(store_.SetEscalationStatus(by.school_id, escalation_id, "declined"));
  Audit(store_, &by, "plan.decline", "pupil", proposal->pupil_id, proposal->plan, ip);
  return Status::Ok();
}

}  // namespace attune
