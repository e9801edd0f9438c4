// A follow-up action the policy required (DESIGN.md §2): a phone call home,
// a restorative conversation, a repair, a meeting, a statutory notice...
// with an assignee role (or a named member of staff) and a due time.
#pragma once

#include <optional>
#include <string>

#include "core/time.h"

namespace attune {

struct Action {
  long long id = 0;
  long long school_id = 0;
  long long incident_id = 0;  // 0 when not about an incident
  long long pupil_id = 0;     // 0 when about the whole incident
  long long plan_id = 0;      // the plan that asks for it (a review, a check-in), or 0
  std::string kind;           // policy action kind or a legal one
  std::string label;
  std::string assignee_role;        // role name
  long long assignee_staff_id = 0;  // 0: anyone holding the role
  std::optional<Timestamp> due_at;
  std::string description;
  std::string because;
  std::string status = "open";  // open, done
  std::string outcome;
  std::optional<Timestamp> completed_at;
  long long completed_by_staff_id = 0;
  Timestamp created_at{};
  // Filled by queries that join:
  std::string pupil_name;
  std::string assignee_name;
  std::string completed_by_name;
  std::string category;     // the incident's category id
  bool restricted = false;  // the incident is restricted

  bool Overdue(Timestamp now) const { return status == "open" && due_at && *due_at < now; }
};

}  // namespace attune
