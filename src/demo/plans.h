// Support plans for the demo school, written once its history is recorded:
// about one child in thirty-three (at least six) is on one, so every plan
// type of the policy is there to open. Daily Positive Reporting running now
// with an entry for each school day so far and its weekly review, some
// ended well and some that did not help, followed a few days later by a
// Wellbeing Action Plan (seed 004's path); Wellbeing Action Plans with their
// first meeting and interim reviews, some of them overdue; a few Zone 6
// referrals over the same day; a Thrive action plan and a risk reduction
// plan. Triggering records are the child's own; the adults named are the
// demo staff.
//
// Plans are written to the store directly, so that they can start in the
// past, with the actions the plan service would open and close; every form
// is checked against the policy first, and nothing the service would refuse
// is stored. Deterministic for a seed and a day (row ids and timestamps such
// as created_at aside).
#pragma once

#include "core/status.h"
#include "core/time.h"
#include "storage/store.h"

namespace attune::demo {

struct DemoPlans {
  long long pupils = 0;  // children given plans
  long long plans = 0;
  long long entries = 0;  // daily entries and reviews
  long long overdue_reviews = 0;
};

// Gives plans to pupils of `school_id`, dated from the school days before
// `today`. Internal (naming the plan and field) when the policy would refuse
// a form the demo wrote.
// REQUIRES: the demo policy is in force and the school has its staff and
// pupils; its history (RecordDemoHistory) is recorded, for the records linked.
Result<DemoPlans> AddDemoPlans(Store& store, long long school_id, unsigned long long seed,
                               Date today);

}  // namespace attune::demo
