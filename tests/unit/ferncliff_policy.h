// Ferncliff Primary, a small school unlike the four shipped: its policy
// with one step and one category, and a plan written below it, for tests
// of the plan format and of what the pages make of a plan.
#pragma once

#include <string>

namespace attune::test_policies {

// Ferncliff's policy with `plan` (TOML) after it.
inline std::string FerncliffWithPlan(const std::string& plan) {
  return std::string(R"(format = 1
[school]
name = "Ferncliff Primary"
[[steps]]
id = "nudge"
name = "Nudge"
[[categories]]
id = "wandering"
name = "Wandering in class"
class = "low_level"
default_step = "nudge"
[guards.physical_intervention]
[guards.senco_advice]
from_step = "nudge"
)") + plan;
}

}  // namespace attune::test_policies
