// Contact with a pupil's parents or carers: a phone call, meeting, home
// visit, letter or positive note, linked to an incident or action.
#pragma once

#include <string>
#include <vector>

#include "core/time.h"

namespace attune {

// "phone_call", "meeting", "home_visit", "letter", "positive_note".
const std::vector<std::string>& ContactKinds();
std::string ContactKindLabel(const std::string& kind);

struct ContactLogEntry {
  long long id = 0;
  long long school_id = 0;
  long long pupil_id = 0;
  long long incident_id = 0;  // 0 when not linked
  long long action_id = 0;    // 0 when not linked
  long long contact_id = 0;   // the parent or carer; 0 when not named
  std::string kind;
  std::string note;
  Timestamp at{};
  long long staff_id = 0;
  // Filled by queries that join:
  std::string contact_name;
  std::string staff_name;
  std::string pupil_name;
  bool restricted = false;  // the record it is linked to is restricted
};

}  // namespace attune
