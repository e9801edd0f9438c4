// An in-app notification (decision 0017): new work for someone, a
// safeguarding concern for the DSL, a plan proposed for those who decide.
// Kept per person: a notice for a role is written once for each active
// member of staff holding it. The text says who, where and when, never what
// a record says.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/time.h"

namespace attune {

struct Notification {
  long long id = 0;
  long long school_id = 0;
  long long staff_id = 0;  // whose it is
  std::string kind;        // "action", "concern", "proposal"
  std::string text;
  long long incident_id = 0;  // 0 when about no record
  long long action_id = 0;
  long long escalation_id = 0;
  long long pupil_id = 0;
  Timestamp created_at{};
  std::optional<Timestamp> read_at;
  // Filled by lists: the action is done, or the proposal decided, so it
  // no longer waits on anyone (and is not counted on the badge).
  bool settled = false;
};

// A notification to write, for one member of staff or for every active
// member holding one of `roles`, never for the one whose act caused it.
struct NewNotice {
  std::string kind;
  std::string text;
  long long staff_id = 0;          // a named member of staff, or 0 and
  std::vector<std::string> roles;  // every active member holding one of these
  long long author_staff_id = 0;   // never told of their own act
  // When the record is restricted, only staff whose role may read it
  // (model/incident.h, MayReadRecord) are told: these roles.
  bool restricted = false;
  std::vector<std::string> readers;
  long long incident_id = 0;
  long long action_id = 0;
  long long escalation_id = 0;
  long long pupil_id = 0;
  // For a new record's notices, whose action or proposal ids are known
  // only once written: the index of it in NewIncident's actions or
  // escalations, or -1. A proposal left out (already proposed) tells no one.
  int action_index = -1;
  int escalation_index = -1;
};

}  // namespace attune
