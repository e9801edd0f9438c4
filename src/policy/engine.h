// The decision engine: what the school's policy says happens next.
//
//   Decide(policy, school time, pupil context, observation) -> Decision
//
// Pure: no I/O, no clock (the observation carries its time). Everything
// about "what happens next" lives here, so it can be tested with declarative
// cases (tests/policy_cases/) and replayed over history (policy simulate).
//
// Thread-safety: a pure function of its arguments.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/time.h"
#include "policy/policy.h"
#include "policy/school_time.h"

namespace attune::policy {

// A record already made about the pupil.
struct PastRecord {
  Timestamp at{};
  std::string category;  // category id (as the policy in force then named it)
  std::string step;      // step reached; "" for none (prosocial, planned ignoring)
};

struct PastReward {
  Timestamp at{};
  std::string reward;  // reward id
  int points = 0;      // points actually awarded
};

struct PlanState {
  std::string plan;  // plan id
  bool active = false;
  std::string outcome;  // "", "successful", "unsuccessful" (when ended)
};

struct PupilContext {
  std::string sen = "N";  // census SEN status: N, K or E
  std::vector<PastRecord> history;
  std::vector<PastReward> rewards;
  std::vector<PlanState> plans;
};

// Training a member of staff holds (docs/policy.md, [[training]]).
struct TrainingHeld {
  std::string training;  // training id
  Date taken_on;
  std::optional<Date> expires_on;  // none: the policy's valid_for_months, if any
};

// A member of staff involved in a physical intervention, and their training.
struct StaffInvolved {
  std::string name;
  std::vector<TrainingHeld> training;
};

// What a member of staff is recording now.
struct Observation {
  std::string category;
  std::string step;  // the step chosen; "" to take the engine's suggestion
  Timestamp at{};
  bool physical_intervention = false;
  // The recorder marks a safeguarding concern, whatever the category.
  bool safeguarding = false;
  // Telling parents would likely cause the pupil significant harm: the local
  // authority is told instead (DESIGN.md §3).
  bool parent_notice_would_harm = false;
  // Those who held the pupil, when known, for the training check.
  std::vector<StaffInvolved> staff_involved;
  std::vector<std::string> consequences;  // consequence ids
  std::optional<Date> consequence_date;   // e.g. the reflection day
  std::string reward;                     // reward id, for recognition
};

struct RequiredAction {
  std::string kind;  // an action kind (policy.h) or a legal one: see engine.cpp
  std::string label;
  // A role name, "recorder", "key_adult" or "form_tutor" (the pupil's own).
  std::string assignee;
  std::string assignee_words;  // the school's name for the assignee; "" when it has none
  std::optional<Timestamp> due;
  std::string description;
  std::string because;  // "step 'time_in'", "law: physical intervention", ...
};

struct ProposedEscalation {
  std::string id;
  std::string plan;  // plan id, may be ""
  std::string step;  // step id, may be ""
  std::string reason;
};

// A legal or safeguarding guard that applies to this record.
struct Guard {
  // "suspension", "physical_intervention", "senco_advice", "safeguarding",
  // "safeguarding_hold" (home contact and restorative work wait for the DSL)
  std::string kind;
  std::string message;
};

// Something the engine will not record as asked, with a reason a teacher
// understands, and the field it is about.
struct Refusal {
  std::string field;
  std::string reason;
};

// Recognition asked for on a prosocial note. When a cap is reached the note
// is still recorded, with fewer points or without the reward, and `reason`
// says why.
struct RewardEffect {
  std::string reward;
  int requested = 0;
  int awarded = 0;
  bool capped = false;
  bool left_out = false;  // the reward is not given at all (its daily cap)
  std::string reason;     // why fewer were awarded, when capped
};

struct Decision {
  std::string category;
  BehaviourClass behaviour_class = BehaviourClass::kLowLevel;
  std::string suggested_step;  // "" when the category takes no step
  std::string step;            // the step recorded
  bool tally_only = false;     // a one-tap tally, no full record
  std::vector<RequiredAction> actions;
  std::vector<ProposedEscalation> escalations;
  std::optional<RewardEffect> reward;
  std::vector<Guard> guards;
  std::vector<Refusal> refusals;
  // Worth knowing, never a reason to refuse (e.g. training out of date).
  std::vector<std::string> warnings;
  bool restricted = false;              // safeguarding: only visible_to may read it
  std::vector<std::string> visible_to;  // role names when restricted

  bool ok() const { return refusals.empty(); }
  bool HasGuard(const std::string& kind) const;
  const RequiredAction* FindAction(const std::string& kind) const;
};

Decision Decide(const Policy& policy, const SchoolTime& time, const PupilContext& pupil,
                const Observation& observation);

// The earliest moment Decide counts back to for a record at `at`: the start
// of that day (steps and reward caps) or of the widest window the policy's
// escalations count over. History before it cannot change the decision, so
// a caller need not read it.
Timestamp HistoryStart(const Policy& policy, const SchoolTime& time, Timestamp at);

}  // namespace attune::policy
