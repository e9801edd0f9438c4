// One incident row as every read of records selects it: the columns, the
// joins that name its author and policy version, and reading the row.
#pragma once

#include <soci/soci.h>

#include "model/incident.h"
#include "storage/sql/row.h"
#include "storage/sql/statement.h"

namespace attune::sql {

// clang-format off
#define ATTUNE_INCIDENT_COLUMNS                                                                  \
  "i.id, i.school_id, i.policy_version_id, COALESCE(v.version, 0), i.category, "                 \
  "i.behaviour_class, i.occurred_at, i.recorded_at, COALESCE(i.recorded_by_staff_id, 0), "       \
  "COALESCE(s.name, ''), i.place, i.lesson, i.antecedent, i.behaviour, i.response, "             \
  "i.perceived_function, i.others_involved, i.tally, i.safeguarding, i.restricted, "             \
  "i.visible_to, i.physical_intervention, i.reward, i.repair_due_at, i.repaired_at, "            \
  "i.closed_at"
#define ATTUNE_INCIDENT_JOINS                                                                    \
  " LEFT JOIN staff s ON s.id = i.recorded_by_staff_id "                                         \
  "LEFT JOIN policy_versions v ON v.id = i.policy_version_id "
// clang-format on

// "SELECT <columns> FROM incidents i <joins>", for a WHERE to follow.
inline constexpr const char* kIncidentColumns =
    "SELECT " ATTUNE_INCIDENT_COLUMNS " FROM incidents i" ATTUNE_INCIDENT_JOINS;
// How many columns ATTUNE_INCIDENT_COLUMNS selects.
inline constexpr int kIncidentColumnCount = 26;

// The incident in the first kIncidentColumnCount columns of `r` (a SOCI
// row or a kept statement's Rows); pupils, consequences and statutory
// records are not filled.
template <typename Row>
Incident ReadIncident(const Row& r) {
  Incident i;
  i.id = Int(r, 0);
  i.school_id = Int(r, 1);
  i.policy_version_id = Int(r, 2);
  i.policy_version = static_cast<int>(Int(r, 3));
  i.category = Text(r, 4);
  i.behaviour_class = Text(r, 5);
  i.occurred_at = FromUnix(Int(r, 6));
  i.recorded_at = FromUnix(Int(r, 7));
  i.recorded_by_staff_id = Int(r, 8);
  i.recorded_by_name = Text(r, 9);
  i.place = Text(r, 10);
  i.lesson = Text(r, 11);
  i.antecedent = Text(r, 12);
  i.behaviour = Text(r, 13);
  i.response = Text(r, 14);
  i.perceived_function = Text(r, 15);
  i.others_involved = SplitList(Text(r, 16));
  i.tally = Int(r, 17) != 0;
  i.safeguarding = Int(r, 18) != 0;
  i.restricted = Int(r, 19) != 0;
  i.visible_to = SplitList(Text(r, 20));
  i.physical_intervention = Int(r, 21) != 0;
  i.reward = Text(r, 22);
  i.repair_due_at = OptTime(r, 23);
  i.repaired_at = OptTime(r, 24);
  i.closed_at = OptTime(r, 25);
  return i;
}

}  // namespace attune::sql
