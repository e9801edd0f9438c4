// Replaying recorded history through a policy: how many actions of each
// kind, escalations and legal guards it would have produced, week by week,
// so a school can see the workload of a policy before adopting it.
//
// History comes as CSV (header: pupil,at,category,class,sen,plan,outcome),
// each row one record about one pupil, or the end of one of their plans
// (plan and outcome given, category empty). A category the policy does not
// have is mapped to one of the policy's categories of the same class, so
// history recorded under one policy can be replayed through another.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "policy/engine.h"

namespace attune::policy {

struct HistoryRow {
  std::string pupil;
  Timestamp at{};
  std::string category;
  std::optional<BehaviourClass> behaviour_class;
  std::string sen = "N";
  // A plan's end instead of a record: the plan id and "successful" or
  // "unsuccessful".
  std::string plan;
  std::string outcome;
};

// Invalid naming the line and column at fault. `at` is "YYYY-MM-DD HH:MM"
// (London time) or "YYYY-MM-DDTHH:MM:SSZ". The class, sen, plan and outcome
// columns are optional.
Result<std::vector<HistoryRow>> ParseHistoryCsv(std::string_view text);

struct WeekLoad {
  Date monday;
  int records = 0;
  int stepped = 0;  // records that took a step
  int refused = 0;  // the engine asked for a choice (e.g. a reflection day's date)
  std::map<std::string, int> actions;      // by action kind
  std::map<std::string, int> escalations;  // by proposed plan (or step) name
  std::map<std::string, int> guards;       // by guard kind
  int plans_ended = 0;                     // plan outcomes replayed
};

struct Simulation {
  std::string school;
  std::vector<WeekLoad> weeks;
  int unmapped = 0;  // rows whose category and class the policy cannot place
};

// Replays `rows` (any order) through `policy`. Steps are the engine's
// suggestions; a proposed plan counts as started, and active for its
// duration (default 20 school days), so it is not proposed again meanwhile.
// A plan outcome row ends the pupil's plan with that outcome, so the
// policy's plan_outcome escalations are replayed too.
Simulation Simulate(const Policy& policy, const SchoolTime& time, std::vector<HistoryRow> rows);

// A plain-text weekly table; with `other`, both policies side by side.
std::string FormatWorkload(const Simulation& sim, const Simulation* other = nullptr);

}  // namespace attune::policy
