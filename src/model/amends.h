// Amends a pupil proposes after a rupture, in their own words (seed 002:
// pupils "construct their own way of making amends"), recorded on the
// incident by the adult with them.
#pragma once

#include <string>

#include "core/time.h"

namespace attune {

struct Amends {
  long long id = 0;
  long long school_id = 0;
  long long incident_id = 0;
  long long pupil_id = 0;
  std::string words;        // the pupil's own words, as they said them
  std::string agreed_with;  // who agreed them, e.g. "Ms Hale and Sam's mum"
  long long recorded_by_staff_id = 0;
  Timestamp recorded_at{};
  std::string pupil_name;        // filled by queries that join pupils
  std::string recorded_by_name;  // filled by queries that join staff
};

}  // namespace attune
