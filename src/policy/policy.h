// A school's behaviour policy, as data (the format is docs/policy.md).
//
// Plain values: built by the loader, read by the decision engine, the
// explainer and the simulator. Thread-safety: immutable once loaded, so one
// Policy may be shared by any number of threads.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "policy/deadline.h"

namespace attune::policy {

enum class BehaviourClass { kProsocial, kLowLevel, kDifficult, kDangerous };
const char* ClassName(BehaviourClass c);   // "prosocial", "low_level", ...
const char* ClassLabel(BehaviourClass c);  // "Prosocial", "Low-level", ...
// The inverse of ClassName; nullopt for any other text.
std::optional<BehaviourClass> ParseClass(std::string_view name);

struct Value {
  std::string id;
  std::string name;
  std::string description;
};

struct Category {
  std::string id;
  std::string name;
  BehaviourClass behaviour_class = BehaviourClass::kLowLevel;
  std::string band;
  std::string value;
  bool planned_ignoring = false;
  bool safeguarding = false;
  std::vector<std::string> visible_to;  // role names; empty means every role
  std::string default_step;
  std::string description;
};

struct Action {
  std::string kind;  // one of ActionKinds()
  std::string assignee = "recorder";
  std::optional<Deadline> due;  // none: never overdue (check warns)
  std::string description;
};
const std::vector<std::string>& ActionKinds();
// "Phone call home", ...
std::string ActionLabel(const std::string& kind);

enum class Recording { kNone, kTally, kRequired };
enum class ParentContact { kNone, kInform, kRequired };

struct Step {
  std::string id;
  std::string name;
  int order = 0;  // 1-based position in the ladder
  std::string guidance;
  std::string script;
  std::vector<std::string> phrases;
  Recording record = Recording::kRequired;
  ParentContact parent_contact = ParentContact::kNone;
  std::optional<int> reward_points_cap;
  std::vector<Action> actions;
};

enum class Scope { kLesson, kDay };

struct Ladder {
  Scope scope = Scope::kLesson;
  std::vector<BehaviourClass> no_jumps_for = {BehaviourClass::kLowLevel};
  std::map<BehaviourClass, std::string> may_enter_at;  // class -> highest entry step id
};

// A window a count is taken over.
struct Window {
  enum Kind { kLesson, kDay, kWeek, kHalfTerm, kTerm, kRollingDays } kind = kDay;
  int days = 0;  // for kRollingDays
};

// "lesson", "day", "week", "half_term", "term", "rolling_days:14".
std::string WindowName(const Window& w);

struct Escalation {
  std::string id;
  std::string propose_plan;
  std::string propose_step;
  std::string quote;
  // Trigger: exactly one of these forms.
  int count = 0;  // > 0: count form
  Window window;
  std::string step;
  std::string category;
  std::optional<BehaviourClass> behaviour_class;
  std::string outcome_plan;  // plan_outcome form: "<plan>:unsuccessful"
};

struct Consequence {
  std::string id;
  std::string name;
  bool protective = false;  // else educational
  bool off_site = false;
  std::string description;
};

struct Reward {
  std::string id;
  std::string name;
  std::string kind;  // points, gems, postcard, note_home, award, other
  int value = 0;
  std::optional<int> cap_per_day;
};

struct Plan {
  std::string id;
  std::string name;
  std::optional<int> duration_school_days;
  std::optional<int> review_every_school_days;
  std::string owner = "senior";
  std::string description;
};

struct Guards {
  bool suspension_declared = false;
  std::string suspension_decided_by = "senior";
  bool physical_intervention_declared = false;
  Deadline physical_record_due = Deadline::SameDay(17 * 60);
  Deadline parent_notice_due = Deadline::SameDay(17 * 60);
  bool senco_advice_declared = false;
  std::vector<std::string> senco_sen = {"E"};
  std::string senco_from_step;
  Deadline senco_due = Deadline::WithinSchoolDays(2);
};

struct Policy {
  int format = 1;
  std::string school_name;
  std::string source;
  std::string summary;
  std::map<std::string, std::string> vocabulary;
  std::vector<Value> values;
  std::vector<Category> categories;
  Ladder ladder;
  std::vector<Step> steps;
  std::vector<Escalation> escalations;
  std::vector<Consequence> consequences;
  Guards guards;
  std::vector<Reward> rewards;
  std::vector<Plan> plans;

  // The school's word for `key` (see docs/policy.md), or `fallback`.
  std::string Word(const std::string& key, const std::string& fallback) const;
  // Lookups by id; constant time once BuildIndex() has run (the loader runs it).
  const Category* FindCategory(const std::string& id) const;
  const Step* FindStep(const std::string& id) const;
  const Plan* FindPlan(const std::string& id) const;
  const Consequence* FindConsequence(const std::string& id) const;
  const Reward* FindReward(const std::string& id) const;

  // Builds the id indexes. REQUIRES: called again after any change to the lists.
  void BuildIndex();

 private:
  std::unordered_map<std::string, size_t> category_index_;
  std::unordered_map<std::string, size_t> step_index_;
};

}  // namespace attune::policy
