// Writing a plan's entry on the group-commit writer's connection, inside the
// transaction of what causes it: a staff entry with its actions
// (plan_queries.cpp), or a pupil's words ending their turn
// (pupil_turn_queries.cpp, decision 0028).
#pragma once

#include "model/plan.h"
#include "storage/sql/group_commit.h"

namespace attune::sql {

// Inserts `e` (its on, kind, fields and author), written at `at` (Unix
// seconds). Returns its id. Throws on a storage failure.
long long InsertPlanEntry(WriteSession& w, const PlanEntry& e, long long at);

}  // namespace attune::sql
