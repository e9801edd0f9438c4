// PlanWriter: writes the demo school's plans (plans.h) to the store as the
// plan service would (services/plan_service.cpp), but on school days already
// past, which the service refuses for a plan's start. Each start, entry,
// review and end is checked first: the form against the policy's plan type
// (policy::CheckFields, kept as the service keeps it), the day (a school day
// of the plan, before today) and the member of staff (a role the policy
// gives starting, writing, reviewing or ending to). Anything the service
// would refuse is Internal, naming the plan and what was wrong, and nothing
// is stored. The actions are the service's: a review for the plan type's
// owner due at the end of its day, closed by the review written and the next
// one opened; the end of a plan that runs a set time; all closed when it
// ends.
//
// Thread-safety: const methods may be called from many threads at once.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "demo/plans.h"
#include "policy/policy.h"
#include "policy/school_time.h"
#include "storage/store.h"

namespace attune::demo {

// A plan being written: its type in the policy and the plan as stored.
struct WrittenPlan {
  const policy::Plan* type = nullptr;
  PupilPlan plan;
};

class PlanWriter {
 public:
  // `days`: the school days before `today`, latest first; not empty.
  // `roles`: each member of staff's role name (RoleName).
  PlanWriter(Store& store, const policy::Policy& policy, const policy::SchoolTime& time, Date today,
             std::vector<Date> days, std::map<long long, std::string> roles);

  // The school day `k` school days before today (1: the last), or the
  // earliest of `days` when it reaches no further.
  Date Ago(int k) const;
  Date today() const { return today_; }
  const policy::SchoolTime& time() const { return time_; }
  // Whether the policy's plan `type_id` gives `list` (&Plan::started_by, ...)
  // to the role of member of staff `staff`.
  bool Gives(const std::string& type_id, std::vector<std::string> policy::Plan::*list,
             long long staff) const;

  // Starts a `type_id` for `pupil` on `on`, by `by`, with its start fields
  // and the target shown while recording.
  Result<WrittenPlan> Start(const std::string& type_id, const Pupil& pupil, Date on, long long by,
                            const nlohmann::json& fields, const std::string& target,
                            DemoPlans& counts) const;
  // A daily entry on `on`; its field shown while recording becomes the
  // plan's target.
  Status Entry(WrittenPlan& w, Date on, long long by, const nlohmann::json& fields,
               DemoPlans& counts) const;
  // A review on `on`, which closes the review due and opens the next.
  Status Review(WrittenPlan& w, Date on, long long by, const nlohmann::json& fields,
                DemoPlans& counts) const;
  // Ends the plan on `on`, closing every action it still has open.
  Status End(WrittenPlan& w, Date on, long long by, bool successful,
             const nlohmann::json& fields) const;

 private:
  Result<std::string> Checked(const policy::Plan& type, policy::PlanStage stage,
                              const nlohmann::json& fields) const;
  Status Allowed(const policy::Plan& type, std::vector<std::string> policy::Plan::*list,
                 long long by, const char* act) const;
  Status OnItsDay(const WrittenPlan& w, Date on, const char* act) const;
  Result<PlanEntry> Written(const WrittenPlan& w, policy::PlanStage stage, Date on, long long by,
                            const nlohmann::json& fields) const;
  Action ActionFor(const WrittenPlan& w, const std::string& kind, const std::string& label,
                   Date day) const;

  Store& store_;
  const policy::Policy& policy_;
  const policy::SchoolTime& time_;
  Date today_;
  std::vector<Date> days_;
  std::map<long long, std::string> roles_;
};

}  // namespace attune::demo
