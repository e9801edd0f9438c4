// Pupils' plans: a plan the policy proposed (an escalation) is started by
// those who manage plans, with its review date from the policy's cadence,
// and ended with an outcome the engine reads ("Daily Positive Reporting not
// succeeding proposes a Wellbeing Action Plan").
//
// Thread-safety: safe to share between request threads.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "model/incident.h"
#include "model/plan.h"
#include "model/principal.h"
#include "services/policy_service.h"
#include "services/school_clock.h"
#include "storage/store.h"

namespace attune {

class PlanService {
 public:
  PlanService(Store& store, PolicyService& policies, SchoolClock& clock)
      : store_(store), policies_(policies), clock_(clock) {}

  // The pupil's plans, newest first (needs pupils.view).
  Result<std::vector<PupilPlan>> ForPupil(const Principal& by, long long pupil_id);
  // Proposals still waiting for a decision, for a pupil (0: the whole
  // school): those of records `by` may read, restricted ones audited as
  // reads of them (services/audit.h).
  Result<std::vector<EscalationRecord>> Proposals(const Principal& by, long long pupil_id,
                                                  const std::string& ip);
  // Starts the plan proposal `escalation_id` of record `incident_id`
  // proposed, from `on` (a school day), with `target` (may be empty). Needs
  // plans.manage. NotFound when the proposal is not the record's or the
  // record is restricted from `by`; Invalid when it proposes a step rather
  // than a plan; Conflict when already decided.
  Result<long long> StartFromEscalation(const Principal& by, long long incident_id,
                                        long long escalation_id, const std::string& target, Date on,
                                        const std::string& ip);
  Status Decline(const Principal& by, long long incident_id, long long escalation_id,
                 const std::string& ip);
  // outcome: "successful" or "unsuccessful".
  Status End(const Principal& by, long long plan_id, const std::string& outcome, Date on,
             const std::string& ip);

 private:
  // The undecided proposal, checked as StartFromEscalation describes.
  Result<EscalationRecord> Undecided(const Principal& by, long long incident_id,
                                     long long escalation_id);

  Store& store_;
  PolicyService& policies_;
  SchoolClock& clock_;
};

}  // namespace attune
