// Plan types' forms in the policy (docs/policy.md, "[[plans]]"): a school's
// own form loads; every mistake that would make it impossible to fill in is
// reported at its line and column, saying what to change.
#include <gtest/gtest.h>

#include <string>

#include "ferncliff_policy.h"
#include "policy/loader.h"

namespace attune::policy {
namespace {

std::string WithPlan(const std::string& plan) { return test_policies::FerncliffWithPlan(plan); }

std::string Said(const LoadResult& r) {
  std::string out;
  for (const auto& d : r.diagnostics) out += FormatDiagnostic("p.toml", d) + "\n";
  return out;
}

TEST(PlanForm, AFormWrittenForThisSchoolLoads) {
  LoadResult r = LoadPolicy(WithPlan(R"([[plans]]
id = "sunshine_chart"
name = "Sunshine chart"
title = "My sunshine chart"
owner = "teacher"
started_by = ["teacher", "senco"]
duration_school_days = 5
entries = "daily"
participants = ["pupil", "parent", "teacher"]
signed_by = ["pupil"]
signed_optionally_by = ["parent"]
[[plans.sections]]
id = "each_day"
title = "Each day"
stage = "entry"
[[plans.sections.fields]]
id = "sunshine"
label = "Sunshine today"
type = "rating"
scale = 3
required = true
[[plans.sections.fields]]
id = "goal"
label = "Tomorrow's goal"
type = "short_text"
shown_when_recording = true
[[plans.sections]]
id = "at_the_end"
title = "At the end"
stage = "end"
[[plans.sections.fields]]
id = "child_says"
label = "What I think"
type = "long_text"
view_of = "pupil"
)"));
  ASSERT_TRUE(r.ok()) << Said(r);
  const Plan* p = r.policy->FindPlan("sunshine_chart");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->title, "My sunshine chart");
  EXPECT_EQ(p->entries, Plan::Entries::kDaily);
  EXPECT_EQ(p->started_by, (std::vector<std::string>{"teacher", "senco"}));
  EXPECT_EQ(p->written_by, (std::vector<std::string>{"teacher"}));  // the owner by default
  ASSERT_NE(p->FindField("sunshine"), nullptr);
  EXPECT_EQ(p->FindField("sunshine")->scale, 3);
  EXPECT_TRUE(p->FindField("goal")->shown_when_recording);
  EXPECT_EQ(p->FindField("child_says")->view_of, "pupil");
  EXPECT_EQ(p->SectionOf("child_says")->stage, PlanStage::kEnd);
}

struct Mistake {
  const char* plan;   // the [[plans]] text
  int line;           // of the error, counted in the whole file
  const char* words;  // in its message
};

class PlanFormMistake : public ::testing::TestWithParam<Mistake> {};

TEST_P(PlanFormMistake, IsReportedWhereItIs) {
  const Mistake& m = GetParam();
  LoadResult r = LoadPolicy(WithPlan(m.plan));
  EXPECT_FALSE(r.ok());
  bool found = false;
  for (const auto& d : r.diagnostics) {
    if (d.error && d.line == m.line && d.column > 0 &&
        d.message.find(m.words) != std::string::npos) {
      found = true;
    }
  }
  EXPECT_TRUE(found) << "expected line " << m.line << " to say \"" << m.words << "\":\n" << Said(r);
}

// The policy above the plan is 14 lines; the plan's first line is 15.
INSTANTIATE_TEST_SUITE_P(
    Each, PlanFormMistake,
    ::testing::Values(
        Mistake{"[[plans]]\nid = \"p\"\nname = \"P\"\n[[plans.sections]]\nid = \"s\"\ntitle = "
                "\"S\"\n[[plans.sections.fields]]\nid = \"f\"\nlabel = \"F\"\ntype = "
                "\"colour\"\n",
                24, "expected one of"},
        Mistake{"[[plans]]\nid = \"p\"\nname = \"P\"\n[[plans.sections]]\nid = \"s\"\ntitle = "
                "\"S\"\n[[plans.sections.fields]]\nid = \"f\"\nlabel = \"F\"\ntype = "
                "\"choice\"\n",
                21, "has no choices"},
        Mistake{"[[plans]]\nid = \"p\"\nname = \"P\"\nparticipants = [\"pupil\"]\n"
                "[[plans.sections]]\nid = \"s\"\ntitle = \"S\"\n[[plans.sections.fields]]\nid = "
                "\"f\"\nlabel = \"F\"\ntype = \"long_text\"\nview_of = \"parent\"\n",
                26, "expected one of the plan's participants"},
        Mistake{"[[plans]]\nid = \"p\"\nname = \"P\"\n[[plans.sections]]\nid = \"s\"\ntitle = "
                "\"S\"\nstage = \"review\"\n[[plans.sections.fields]]\nid = \"f\"\nlabel = "
                "\"F\"\ntype = \"long_text\"\n",
                21, "never reviewed"},
        Mistake{"[[plans]]\nid = \"p\"\nname = \"P\"\n[[plans.sections]]\nid = \"s\"\ntitle = "
                "\"S\"\nstage = \"entry\"\n[[plans.sections.fields]]\nid = \"f\"\nlabel = "
                "\"F\"\ntype = \"long_text\"\n",
                21, "has none"},
        Mistake{"[[plans]]\nid = \"p\"\nname = \"P\"\nstarted_by = [\"admin\"]\n", 18,
                "expected one of"},
        Mistake{"[[plans]]\nid = \"p\"\nname = \"P\"\nsigned_by = [\"parent\"]\n", 18,
                "expected one of"},
        Mistake{"[[plans]]\nid = \"p\"\nname = \"P\"\ncheck_in_every_school_days = 5\n", 18,
                "needs entries = \"check_in\""},
        Mistake{"[[plans]]\nid = \"p\"\nname = \"P\"\nnotice_due = \"same_day 17:00\"\n", 18,
                "school_day_before"},
        Mistake{"[[plans]]\nid = \"p\"\nname = \"P\"\n[[plans.sections]]\nid = \"s\"\ntitle = "
                "\"S\"\n[[plans.sections.fields]]\nid = \"f\"\nlabel = \"F\"\ntype = "
                "\"long_text\"\n[[plans.sections.fields]]\nid = \"f\"\nlabel = \"G\"\ntype = "
                "\"date\"\n",
                26, "used twice in this plan"},
        Mistake{"[[plans]]\nid = \"p\"\nname = \"P\"\n[[plans.sections]]\nid = \"s\"\ntitle = "
                "\"S\"\n[[plans.sections.fields]]\nid = \"f\"\nlabel = \"F\"\ntype = "
                "\"long_text\"\nshown_when_recording = true\n",
                25, "shown_when_recording"},
        Mistake{"[[plans]]\nid = \"p\"\nname = \"P\"\n[[plans.sections]]\nid = \"s\"\ntitle = "
                "\"S\"\n[[plans.sections.fields]]\nid = \"f\"\nlabel = \"F\"\ntype = "
                "\"short_text\"\nwidth = 3\n",
                25, "width"}));

}  // namespace
}  // namespace attune::policy
