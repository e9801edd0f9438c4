// A plan's progress at a glance (web/plan_form.h, ProgressChart), on a plan
// type written for a school unlike the shipped four: Ferncliff's "calm
// passport", a tick and a rating each day and the steps of its response
// recorded at the start and on the day each is taken.
#include <gtest/gtest.h>

#include "ferncliff_policy.h"
#include "policy/loader.h"
#include "web/plan_form.h"

namespace attune::web {
namespace {

using nlohmann::json;

const std::string kPolicy = test_policies::FerncliffWithPlan(R"(
[[plans]]
id = "calm_passport"
name = "Calm passport"
owner = "teacher"
entries = "daily"
[[plans.sections]]
id = "agreed"
title = "Agreed"
stage = "start"
[[plans.sections.fields]]
id = "steps"
label = "Steps"
type = "stages"
choices = ["Chat with class teacher", "Call home", "Meeting in school"]
[[plans.sections]]
id = "day"
title = "Day"
stage = "entry"
[[plans.sections.fields]]
id = "calm_lunch"
label = "Calm at lunch"
type = "yes_no"
[[plans.sections.fields]]
id = "mood"
label = "How the day felt"
type = "rating"
scale = 5
[[plans.sections.fields]]
id = "steps_today"
label = "Steps taken today"
type = "stages"
choices = ["Call home", "Meeting in school"]
[[plans.sections.fields]]
id = "note"
label = "Note"
type = "long_text"
)");

PlanEntry Entry(int day, const json& fields, const std::string& kind = "entry") {
  PlanEntry e;
  e.kind = kind;
  e.on = date::year{2026} / 11 / day;
  e.fields = fields.dump();
  return e;
}

TEST(ProgressChart, TicksAndRatingsByDayAndEveryStepWithItsFirstDay) {
  auto loaded = policy::LoadPolicy(kPolicy);
  ASSERT_TRUE(loaded.ok());
  const policy::Plan& type = *loaded.policy->FindPlan("calm_passport");
  std::vector<PlanEntry> entries = {
      Entry(23, {{"calm_lunch", true}, {"mood", 4}}),
      Entry(24, {{"calm_lunch", false},
                 {"steps_today", {{{"stage", "Call home"}, {"on", "2026-11-24"}}}}}),
      Entry(25, {{"note", "A quiet day"}}),
      Entry(25, {{"calm_lunch", false}}, "review"),  // not a day's entry
      Entry(26, {{"calm_lunch", true}, {"mood", 2}}),
  };
  json start = {{"steps", {{{"stage", "Chat with class teacher"}, {"on", "2026-11-20"}}}}};
  json v = ProgressChart(type, start.dump(), entries);
  ASSERT_TRUE(v["has"].get<bool>());
  ASSERT_EQ(v["chart"]["days"].size(), 4u);
  EXPECT_EQ(v["chart"]["days"][0]["long"], "Monday 23 November");
  const json& rows = v["chart"]["rows"];
  ASSERT_EQ(rows.size(), 2u);  // the tick and the rating; not the note or the steps
  EXPECT_EQ(rows[0]["label"], "Calm at lunch");
  EXPECT_EQ(rows[0]["summary"], "2 of 3 days");
  EXPECT_EQ(rows[0]["cells"][1]["words"], "no");
  EXPECT_EQ(rows[0]["cells"][2]["words"], "not recorded");
  EXPECT_EQ(rows[1]["cells"][3]["words"], "2 of 5");
  const json& steps = v["steps"];
  ASSERT_EQ(steps.size(), 3u);  // each stage once, in the policy's order
  EXPECT_EQ(steps[0]["stage"], "Chat with class teacher");
  EXPECT_EQ(steps[0]["when"], "Friday 20 November");
  EXPECT_EQ(steps[1]["stage"], "Call home");
  EXPECT_TRUE(steps[1]["done"].get<bool>());
  EXPECT_EQ(steps[1]["when"], "Tuesday 24 November");
  EXPECT_FALSE(steps[2]["done"].get<bool>());
}

TEST(ProgressChart, NothingToShowWithoutTicksOrSteps) {
  auto loaded = policy::LoadPolicy(kPolicy);
  ASSERT_TRUE(loaded.ok());
  const policy::Plan& type = *loaded.policy->FindPlan("calm_passport");
  json v = ProgressChart(type, "{}", {});
  EXPECT_FALSE(v.contains("chart"));  // no day written yet
  EXPECT_TRUE(v["has"].get<bool>());  // the steps still show, none taken
  EXPECT_FALSE(v["steps"][0]["done"].get<bool>());
}

}  // namespace
}  // namespace attune::web
