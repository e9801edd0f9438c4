// What seed 004's Daily Positive Reporting says in the demo school (plans.h):
// each school day's entry notices something specific the child did ("Today
// I was pleased to notice that you held the door for the Year 7s coming in
// from break") and sets one target for tomorrow; each week the child's own
// views and those of the adults and family around them, each kept with who
// gave it; and after two weeks the next steps everyone decided. Wording as
// plan_words.h says.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/time.h"
#include "demo/plan_words.h"
#include "demo/random.h"

namespace attune::demo {

// The adults named when it starts.
nlohmann::json DprStart(const PlanPeople& p);
// The first target, set when the plan starts (shown while recording).
std::string DprFirstTarget(DemoRandom& random);
// One school day's entry: what the teacher was pleased to notice, and the
// target for tomorrow (also in `target`, as the plan shows it). A `harder`
// day still notices something that went well.
nlohmann::json DprDay(DemoRandom& random, const PlanPeople& p, bool harder, std::string& target);
// The weekly pupil views and views of others.
nlohmann::json DprReview(DemoRandom& random, const PlanPeople& p, bool going_well);
// Next steps, decided by everyone after two weeks; `wap_on` names the
// Wellbeing Action Plan's first meeting when it did not help.
nlohmann::json DprEnd(DemoRandom& random, const PlanPeople& p, bool successful,
                      const std::optional<Date>& wap_on);

}  // namespace attune::demo
