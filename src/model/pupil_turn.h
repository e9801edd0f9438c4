// The pupil's turn on a plan (decision 0028): a member of staff opens one
// section of the plan's form for the pupil, who writes their answers on a
// shared device that is not signed in, with a short one-time code.
#pragma once

#include <string>

#include "core/time.h"

namespace attune {

struct PupilTurn {
  long long id = 0;
  long long school_id = 0;
  long long plan_id = 0;
  std::string section_id;  // a section of the plan's form holding the pupil's questions
  Date on;                 // the day of the entry or review the words go into
  long long started_by_staff_id = 0;
  Timestamp started_at{};
  Timestamp expires_at{};
};

}  // namespace attune
