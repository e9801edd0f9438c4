// A support plan a pupil is on (Daily Positive Reporting, a Wellbeing Action
// Plan...). Plan types come from the policy; this is the pupil's instance.
#pragma once

#include <optional>
#include <string>

#include "core/time.h"

namespace attune {

struct PupilPlan {
  long long id = 0;
  long long school_id = 0;
  long long pupil_id = 0;
  std::string plan;  // plan id in the policy
  std::string name;
  std::string target;  // today's target, shown while recording
  Date started_on;
  std::optional<Date> ends_on;
  std::optional<Date> review_on;
  std::string status = "active";  // active, ended
  std::string outcome;            // "", successful, unsuccessful
  long long escalation_id = 0;
  long long started_by_staff_id = 0;
};

}  // namespace attune
