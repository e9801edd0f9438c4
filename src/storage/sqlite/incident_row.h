// One incident row as every read of records selects it: the columns, the
// joins that name its author and policy version, and reading the row.
#pragma once

#include <soci/soci.h>

#include "model/incident.h"

namespace attune::sqlite {

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

// The incident in the first kIncidentColumnCount columns of `r`; pupils,
// consequences and statutory records are not filled.
Incident ReadIncident(const soci::row& r);

}  // namespace attune::sqlite
