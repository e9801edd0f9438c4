// Pupils' plans (issue 13): started from the policy's proposal or by those
// the plan type's `started_by` names, their forms checked against the
// policy in force when the plan started (policy/plan_rules.h), daily
// entries and check-ins, reviews on the policy's cadence, signatures, and
// an end whose outcome the engine reads ("Daily Positive Reporting not
// succeeding proposes a Wellbeing Action Plan"). Everything a plan asks of
// someone (a review, a check-in, a notice) is an action in My actions, due
// in school time, closed when it is done on the plan.
//
// Who may act: plans.write, then the plan type's started_by, written_by,
// reviewed_by or ended_by. Who may read: whoever may see the pupil, except
// plans the policy keeps to the staff involved and senior leaders (a staff
// debrief), which are NotFound to anyone else, in lists too.
//
// Thread-safety: safe to share between request threads.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "model/incident.h"
#include "model/plan.h"
#include "model/principal.h"
#include "policy/plan_rules.h"
#include "services/policy_service.h"
#include "services/school_clock.h"
#include "storage/store.h"

namespace attune {

struct NewPlan {
  long long pupil_id = 0;
  std::string type;  // a plan id in the policy in force on starts_on
  Date starts_on;
  std::optional<Date> ends_on;
  nlohmann::json fields = nlohmann::json::object();  // the start sections
  int check_in_every = 0;                            // school days, as agreed; 0: the policy's
  long long escalation_id = 0;                       // the proposal it answers, when it does
  long long incident_id = 0;                         // ... and that proposal's record
  std::string target;  // shown while recording until an entry sets one
};

// A plan with its type and what has been written into it.
struct PlanDetail {
  PupilPlan plan;
  std::shared_ptr<const policy::Policy> policy;  // in force when it started
  const policy::Plan* type = nullptr;            // in `policy`; null if gone
  std::vector<PlanEntry> entries;
  // The records its `records` fields link, those `by` may read.
  std::vector<Incident> records;
  // What `by` may do on it now.
  bool may_write = false, may_review = false, may_end = false;
};

struct PlanFilter {
  std::string status = "active";
  std::string type;
  int year_group = 0;
  std::string due;  // "", "week" (reviews due by the end of the week), "overdue", "past_end"
  int limit = 50;
  int offset = 0;
};

// A plan written in each school day (policy `entries = "daily"`), as My day
// offers it to the member of staff who writes it.
struct DailyReport {
  PupilPlan plan;
  std::shared_ptr<const policy::Policy> policy;  // in force when it started
  const policy::Plan* type = nullptr;            // in `policy`
  std::optional<PlanEntry> written;              // the day's entry, once written
};

class PlanService {
 public:
  PlanService(Store& store, PolicyService& policies, SchoolClock& clock)
      : store_(store), policies_(policies), clock_(clock) {}

  // The pupil's plans `by` may read, newest first (needs pupils.view).
  Result<std::vector<PupilPlan>> ForPupil(const Principal& by, long long pupil_id);
  // NotFound when no such plan, or it is kept from `by`.
  Result<PlanDetail> Get(const Principal& by, long long plan_id, const std::string& ip);
  // The school's plans for the plans page, and how many match.
  Result<std::vector<PupilPlan>> List(const Principal& by, const PlanFilter& filter);
  Result<int> Count(const Principal& by, const PlanFilter& filter);
  // The daily plans `by` writes in on `day`: active and running that day,
  // of a type whose written_by names `by`'s role, for pupils `by` is close
  // to (form tutor, key adult, teaching one of their groups, or named on
  // the plan), pupils' names in order. Empty when `day` is not a school day
  // or `by` may not write plans.
  Result<std::vector<DailyReport>> Daily(const Principal& by, Date day);
  // The plan types `by` may start, from the policy in force today.
  Result<std::vector<const policy::Plan*>> Startable(const Principal& by,
                                                     std::shared_ptr<const policy::Policy>* keep);

  // Starts a plan. Invalid naming the field for every problem the rules
  // find (plan_rules.h), Forbidden when `by` may not start this type.
  Result<long long> Start(const Principal& by, const NewPlan& plan, const std::string& ip);
  // A daily entry or check-in (a day's entry written again replaces it).
  Result<long long> AddEntry(const Principal& by, long long plan_id, Date on,
                             const nlohmann::json& fields, const std::string& ip);
  Result<long long> AddReview(const Principal& by, long long plan_id, Date on,
                              const nlohmann::json& fields, const std::string& ip);
  // `who` is one of the type's signed_by / signed_optionally_by; `name`
  // the person who signed.
  Result<long long> Sign(const Principal& by, long long plan_id, const std::string& who,
                         const std::string& name, Date on, const std::string& ip);
  // outcome: "successful" or "unsuccessful".
  Status End(const Principal& by, long long plan_id, const std::string& outcome, Date on,
             const nlohmann::json& fields, const std::string& ip);

  // The policy's proposals still waiting for a decision, for a pupil (0:
  // the whole school): those of records `by` may read, restricted ones
  // audited as reads of them (services/audit.h).
  Result<std::vector<EscalationRecord>> Proposals(const Principal& by, long long pupil_id,
                                                  const std::string& ip);
  // Starts the plan proposal `escalation_id` of record `incident_id`
  // proposed, as `plan` says (its type and pupil are the proposal's; a
  // day that is not a school day moves to the next). Needs plans.manage,
  // whatever the type's started_by. NotFound when the proposal is not the
  // record's or the record is restricted from `by`; Invalid when it
  // proposes a step rather than a plan, or as Start; Conflict when already
  // decided.
  Result<long long> StartFromEscalation(const Principal& by, long long incident_id,
                                        long long escalation_id, NewPlan plan,
                                        const std::string& ip);
  // The plan type proposal `escalation_id` of record `incident_id` waits to
  // start, checked as StartFromEscalation does.
  Result<std::string> ProposedType(const Principal& by, long long incident_id,
                                   long long escalation_id);
  Status Decline(const Principal& by, long long incident_id, long long escalation_id,
                 const std::string& ip);

  // Whether `by` may read `plan` of type `type` (null: everyone may).
  static bool MayRead(const Principal& by, const PupilPlan& plan);

 private:
  Result<EscalationRecord> Undecided(const Principal& by, long long incident_id,
                                     long long escalation_id);
  // The plan, its type and the school's time, for a write by `by` listed in
  // `list` (a member of Plan). Conflict when it has ended.
  struct Writing {
    PlanDetail detail;
    std::shared_ptr<const policy::SchoolTime> time;
  };
  Result<Writing> ForWriting(const Principal& by, long long plan_id,
                             std::vector<std::string> policy::Plan::*list, const char* act);
  // The entry `by` writes at `stage` of `plan` on `on`, its fields checked
  // (with `problems` already found, and `kept` filling what `fields` leaves
  // out): Invalid naming the first problem.
  Result<PlanEntry> Checked(const Principal& by, const policy::Plan& type, const PupilPlan& plan,
                            policy::PlanStage stage, Date on, const nlohmann::json& fields,
                            std::vector<policy::PlanProblem> problems, const nlohmann::json& kept);
  // Checks that `records` are the pupil's, readable by `by`.
  Status CheckRecords(const Principal& by, long long pupil_id,
                      const std::vector<long long>& records);
  // An action of the plan for its owner, due at the end of `day`.
  Action PlanAction(const policy::Plan& type, const PupilPlan& plan, const std::string& kind,
                    const std::string& label, Date day, const policy::SchoolTime& time) const;

  Store& store_;
  PolicyService& policies_;
  SchoolClock& clock_;
};

// Problems with writing `stage` of `plan` for day `on` (field "on"): before
// the plan started, or a day still to come; for an entry, a day that is
// not a school day or after the plan's last day.
std::vector<policy::PlanProblem> DayProblems(const PupilPlan& plan, policy::PlanStage stage,
                                             const policy::SchoolTime& time, Date on);

// Invalid naming the first problem's field, with every problem's message.
Status PlanProblems(const std::vector<policy::PlanProblem>& problems);

}  // namespace attune
