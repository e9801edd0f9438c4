// A support plan a pupil is on (Daily Positive Reporting, a Wellbeing Action
// Plan, a behaviour contract, a reflection day...). Plan types and their
// forms come from the policy (policy.h, Plan); this is the pupil's instance,
// with what was written in its form kept as JSON keyed by the form's field
// ids (policy/plan_rules.h checks it).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/time.h"

namespace attune {

struct PupilPlan {
  long long id = 0;
  long long school_id = 0;
  long long pupil_id = 0;
  std::string plan;  // plan id in the policy
  std::string name;
  std::string target;  // today's target, shown while recording
  Date started_on;
  std::optional<Date> ends_on;      // the day it ends (planned, or when ended)
  std::optional<Date> review_on;    // the next review, while active
  std::optional<Date> check_in_on;  // the next check-in, while active
  int check_in_every = 0;           // school days, as agreed; 0: none
  std::string status = "active";    // active, ended
  std::string outcome;              // "", successful, unsuccessful
  long long escalation_id = 0;
  long long started_by_staff_id = 0;
  std::string fields = "{}";      // JSON: the start sections
  std::string end_fields = "{}";  // JSON: the end sections
  long long ended_by_staff_id = 0;
  // Staff who may read a plan kept to those involved (policy visible_to):
  // whoever started it and the staff of the records it is about.
  std::vector<long long> involved_staff;
  // Filled by queries that join:
  std::string pupil_name;
  std::string started_by_name;
  int year_group = 0;
};

// What an active plan next asks for, and when: its review or check-in,
// whichever is sooner; one falling after the plan's planned last day gives
// way to the decision at its end, on that day.
struct PlanDue {
  enum class What { kReview, kCheckIn, kEnd };
  What what = What::kReview;
  Date on;
  // "review", "check-in", "decision at the end"
  const char* Words() const;
};
// nullopt when the plan has ended or nothing is due.
std::optional<PlanDue> NextDue(const PupilPlan& plan);

// What was written into a plan after it started: a daily entry or check-in,
// a review, or a signature.
struct PlanEntry {
  long long id = 0;
  long long school_id = 0;
  long long plan_id = 0;
  std::string kind;  // "entry", "review", "signature"
  Date on;
  std::string fields = "{}";  // JSON
  long long by_staff_id = 0;
  Timestamp at{};
  std::string by_name;  // filled by queries that join
};

}  // namespace attune
