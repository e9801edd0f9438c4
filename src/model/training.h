// Training a member of staff holds that the school's policy relies on
// (Team Teach, CPI): the training's id in the policy ([[training]]), when it
// was taken and, if known, when it expires.
#pragma once

#include <optional>
#include <string>

#include "core/time.h"

namespace attune {

struct StaffTraining {
  long long id = 0;
  long long school_id = 0;
  long long staff_id = 0;
  std::string training;  // [[training]] id
  Date taken_on;
  std::optional<Date> expires_on;  // none: the policy's valid_for_months, if any
  long long recorded_by_staff_id = 0;
  Timestamp recorded_at{};
  std::string staff_name;  // filled by queries that join staff
};

}  // namespace attune
