// Storage of pupils' plans (model/plan.h), what is written into them, and
// the actions they ask of staff, each change in one transaction with the
// actions it opens and closes.
//
// Thread-safety: implementations are safe to call from many threads.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "model/action.h"
#include "model/plan.h"

namespace attune {

// The school's plans, for the plans page.
struct PlanQuery {
  long long school_id = 0;
  std::string status = "active";   // "active", "ended" or "" for both
  std::string type;                // a plan id in the policy, "" for any
  std::vector<std::string> types;  // ... or any of these plan ids, when given
  int year_group = 0;              // 0 for any
  // Only plans whose review or check-in falls on or before this day.
  std::optional<Date> due_by;
  // Only active plans running past their planned last day (before this day).
  std::optional<Date> past_end_before;
  // Only plans of pupils this member of staff is close to (0: anyone's):
  // their form tutor or key adult, teaching one of their groups, or
  // named on the plan (started it, or involved in its records).
  long long close_to_staff_id = 0;
  // Plans kept to those involved are left out unless this member of staff
  // is involved or `senior` holds (the service decides).
  long long viewer_staff_id = 0;
  bool viewer_sees_all = false;
  int limit = 50;
  int offset = 0;
};

// How the plan's actions change with a write: those of `close_kinds` still
// open are completed, and `open` added (each gets the plan's id).
struct PlanActions {
  std::vector<std::string> close_kinds;
  std::vector<Action> open;
};

// What an entry changes on its plan; nullopt keeps the value.
struct PlanUpdate {
  std::optional<Date> review_on;
  std::optional<Date> check_in_on;
  std::optional<std::string> target;  // shown while recording
};

class PlanStore {
 public:
  virtual ~PlanStore() = default;
  // Starts `plan` with its first actions. Returns its id.
  virtual Result<long long> CreatePlan(const PupilPlan& plan, const PlanActions& actions) = 0;
  // A pupil's plans, newest first.
  virtual Result<std::vector<PupilPlan>> ListPlans(long long school_id, long long pupil_id) = 0;
  // NotFound when no such plan in the school.
  virtual Result<PupilPlan> GetPlan(long long school_id, long long id) = 0;
  // In the order written (by day, then as entered).
  virtual Result<std::vector<PlanEntry>> ListPlanEntries(long long school_id,
                                                         long long plan_id) = 0;
  // Adds `entry`; a daily entry ("entry") for a day already written
  // replaces it. Changes the plan as `update` says and its actions as
  // `actions` does. Conflict when the plan has ended.
  virtual Result<long long> AddPlanEntry(const PlanEntry& entry, const PlanUpdate& update,
                                         const PlanActions& actions) = 0;
  // Ends an active plan on `on` with `outcome` and its end fields, closing
  // every open action of the plan. Conflict when already ended.
  virtual Status FinishPlan(long long school_id, long long id, const std::string& outcome, Date on,
                            const std::string& end_fields, long long staff_id) = 0;
  virtual Result<std::vector<PupilPlan>> ListSchoolPlans(const PlanQuery& query) = 0;
  virtual Result<int> CountSchoolPlans(const PlanQuery& query) = 0;
};

}  // namespace attune
