// The policy format as a school writes it (issue 11): errors that say what
// to do, the contradictions the checker catches, the school's removed words,
// and an explanation for families that claims only what the policy says.
#include <gtest/gtest.h>

#include <filesystem>

#include "policy/explain.h"
#include "policy/loader.h"
#include "policy/simulate.h"
#include "policy_text.h"

namespace attune::policy {
namespace {

namespace fs = std::filesystem;
using policy_text::All;
using policy_text::kRoot;
using policy_text::Read;

// A small valid policy to break in one place at a time.
const char* kBase = R"(format = 1
[school]
name = "Test School"
[[steps]]
id = "reminder"
name = "Reminder"
record = "tally"
[[steps]]
id = "reset"
name = "Reset"
[[categories]]
id = "calling_out"
name = "Calling out"
class = "low_level"
default_step = "reminder"
[[categories]]
id = "hurting"
name = "Hurting someone"
class = "dangerous"
default_step = "reset"
[[plans]]
id = "check_in"
name = "Check-in"
owner = "pastoral"
[guards.physical_intervention]
[guards.senco_advice]
from_step = "reset"
)";

std::vector<std::string> Policies() {
  std::vector<std::string> out;
  for (const char* dir : {"policies", "tests/policy_cases/policies"}) {
    for (const auto& e : fs::directory_iterator(kRoot / dir)) {
      if (e.path().extension() == ".toml") out.push_back(e.path().string());
    }
  }
  return out;
}

TEST(PolicyFormat, BaseAndTestPolicyLoadWithoutWarnings) {
  LoadResult base = LoadPolicy(kBase);
  ASSERT_TRUE(base.ok()) << All(base);
  LoadResult test =
      LoadPolicy(Read(kRoot / "tests/policy_cases/policies/002_hollybank_colour_bands.toml"));
  ASSERT_TRUE(test.ok()) << All(test);
  EXPECT_EQ(test.warnings(), 0) << All(test);
  const Policy& p = *test.policy;
  EXPECT_EQ(p.bands.size(), 4u);
  EXPECT_EQ(p.FindBand("amber")->order, 3);
  EXPECT_EQ(p.roles.size(), 4u);
  EXPECT_EQ(p.profile.checklist.size(), 4u);
  EXPECT_EQ(p.profile.review_every_school_days, 30);
  EXPECT_EQ(p.profile.edited_by, (std::vector<std::string>{"teacher", "pastoral"}));
  EXPECT_EQ(p.functions.size(), 6u);
  ASSERT_NE(p.FindTraining("cpi"), nullptr);
  EXPECT_TRUE(p.FindTraining("cpi")->for_physical_intervention);
  // Without their own lists, a policy has attune's.
  EXPECT_EQ(base.policy->functions.size(), 9u);
  EXPECT_EQ(base.policy->profile.checklist.size(), 10u);
}

TEST(PolicyFormat, EnumerationsListTheirAllowedValues) {
  std::string text = kBase;
  text.replace(text.find("class = \"dangerous\""), 19, "class = \"dangerus\"");
  LoadResult r = LoadPolicy(text);
  std::string all = All(r);
  EXPECT_NE(all.find("found \"dangerus\", expected one of: prosocial, low_level, difficult, "
                     "dangerous (did you mean 'dangerous'?)"),
            std::string::npos)
      << all;
}

TEST(PolicyFormat, AWindowListsEveryWindow) {
  std::string text = std::string(kBase) +
                     "[[escalations]]\nid = \"e\"\ncount = 2\nwindow = \"fortnight\"\n"
                     "class = \"low_level\"\npropose_plan = \"check_in\"\n";
  std::string all = All(LoadPolicy(text));
  EXPECT_NE(all.find("expected one of: lesson, day, week, half_term, term, school_year, "
                     "marking_period, rolling_days:N"),
            std::string::npos)
      << all;
}

TEST(PolicyFormat, DuplicateIdIsReportedFirstNamingBothPlacesAndAlone) {
  std::string text = kBase;
  // A second step "reminder": every reference to it would be doubtful.
  text.replace(text.find("id = \"reset\""), 12, "id = \"reminder\"");
  LoadResult r = LoadPolicy(text);
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.diagnostics.size(), 1u) << All(r);
  const Diagnostic& d = r.diagnostics.front();
  EXPECT_EQ(d.line, 9);
  EXPECT_NE(d.message.find("step id 'reminder' is used twice: at line 5, column 6 and here at "
                           "line 9, column 6"),
            std::string::npos)
      << d.message;
}

TEST(PolicyFormat, UnknownKeySuggestsTheNearestAllowedKey) {
  std::string text = kBase;
  text.replace(text.find("default_step = \"reset\""), 22, "defualt_step = \"reset\"");
  LoadResult r = LoadPolicy(text);
  std::string all = All(r);
  EXPECT_NE(all.find("unknown key 'defualt_step' in [[categories]]: did you mean "
                     "'default_step'?"),
            std::string::npos)
      << all;
  // A key with nothing near is still listed with the allowed ones.
  text = kBase;
  text.replace(text.find("[school]"), 8, "[school]\ncolour = \"red\"");
  all = All(LoadPolicy(text));
  EXPECT_NE(all.find("unknown key 'colour' in [school]. The keys allowed here are: name, source, "
                     "summary."),
            std::string::npos)
      << all;
}

TEST(PolicyFormat, ReferencesSuggestTheNearestId) {
  std::string text = kBase;
  text.replace(text.find("default_step = \"reminder\""), 25, "default_step = \"remindr\"");
  std::string all = All(LoadPolicy(text));
  EXPECT_NE(all.find("found \"remindr\", expected one of the steps' ids (reminder, reset) (did "
                     "you mean 'reminder'?)"),
            std::string::npos)
      << all;
}

TEST(PolicyFormat, SyntaxErrorsAreInPlainWordsWithLineAndColumn) {
  LoadResult r = LoadPolicy("format = 1\n[school]\nname = \"Unclosed\n");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].line, 3);
  EXPECT_EQ(r.diagnostics[0].column, 17);
  EXPECT_NE(r.diagnostics[0].message.find("not valid TOML: a text in quotes is not closed on its "
                                          "line"),
            std::string::npos)
      << r.diagnostics[0].message;
  r = LoadPolicy("format = 1\n[school]\nname = Oak Hill\n");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].line, 3);
  EXPECT_NE(r.diagnostics[0].message.find("put text in double quotes"), std::string::npos)
      << r.diagnostics[0].message;
  r = LoadPolicy("format = 1\n[school]\nname \"Oak Hill\"\n");
  EXPECT_NE(r.diagnostics[0].message.find("a key must be followed by = and its value"),
            std::string::npos)
      << r.diagnostics[0].message;
  r = LoadPolicy("format = 1\n[school]\nname = \"A\"\nname = \"B\"\n");
  EXPECT_EQ(r.diagnostics[0].line, 4);
  EXPECT_NE(r.diagnostics[0].message.find("given twice"), std::string::npos)
      << r.diagnostics[0].message;
}

TEST(PolicyFormat, AnActionWithoutDueIsAnError) {
  std::string text =
      std::string(kBase).replace(std::string(kBase).find("[[categories]]"), 14,
                                 "[[steps.actions]]\nkind = \"phone_call_home\"\n[[categories]]");
  LoadResult r = LoadPolicy(text);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(All(r).find("needs 'due': when it must be done"), std::string::npos) << All(r);
}

TEST(PolicyFormat, BandsAreCheckedAndEveryCategoryIsInOne) {
  std::string text = std::string(kBase) +
                     "[[bands]]\nid = \"green\"\nname = \"Green\"\n[[bands]]\nid = \"red\"\n"
                     "name = \"Red\"\n";
  std::string all = All(LoadPolicy(text));
  EXPECT_NE(all.find("category 'calling_out' needs a 'band'"), std::string::npos) << all;
  text.replace(text.find("class = \"low_level\""), 19, "class = \"low_level\"\nband = \"gren\"");
  all = All(LoadPolicy(text));
  EXPECT_NE(all.find("'band' in category 'calling_out': found \"gren\", expected one of the "
                     "bands: green, red (did you mean 'green'?)"),
            std::string::npos)
      << all;
  std::string no_bands = std::string(kBase);
  no_bands.replace(no_bands.find("class = \"low_level\""), 19,
                   "class = \"low_level\"\nband = \"amber\"");
  all = All(LoadPolicy(no_bands));
  EXPECT_NE(all.find("expected a band declared as [[bands]] (there are none)"), std::string::npos)
      << all;
}

TEST(PolicyFormat, ContradictionEscalationProposesAStepTheCategoryNeverTakes) {
  std::string text = std::string(kBase) +
                     "[ladder]\nhighest_step = { low_level = \"reminder\" }\n"
                     "[[escalations]]\nid = \"climb\"\ncount = 3\nwindow = \"day\"\n"
                     "category = \"calling_out\"\npropose_step = \"reset\"\n";
  LoadResult r = LoadPolicy(text);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(All(r).find("escalation 'climb' proposes step 'reset', which category 'calling_out' "
                        "can never take (its highest step is 'reminder')"),
            std::string::npos)
      << All(r);
}

TEST(PolicyFormat, ContradictionPlannedIgnoringPersistenceTellsNoOneWhoCanAct) {
  std::string ignored = std::string(kBase) +
                        "[[categories]]\nid = \"sighing\"\nname = \"Sighing\"\n"
                        "class = \"low_level\"\nresponse = \"planned_ignoring\"\n";
  // Proposing only a step: planned ignoring never takes one.
  std::string text = ignored +
                     "[[escalations]]\nid = \"persistent\"\ncount = 10\nwindow = \"week\"\n"
                     "category = \"sighing\"\npropose_step = \"reset\"\n";
  std::string all = All(LoadPolicy(text));
  EXPECT_NE(all.find("so no one who can act is told"), std::string::npos) << all;
  // Proposing a plan its owner cannot start.
  text = ignored +
         "[[plans]]\nid = \"chat\"\nname = \"Chat\"\nowner = \"teacher\"\n"
         "[[escalations]]\nid = \"persistent\"\ncount = 10\nwindow = \"week\"\n"
         "category = \"sighing\"\npropose_plan = \"chat\"\n";
  all = All(LoadPolicy(text));
  EXPECT_NE(all.find("owned by Teacher, who cannot start plans in attune, so no one who can act "
                     "is told"),
            std::string::npos)
      << all;
  // A plan the pastoral lead starts reaches someone.
  text = ignored +
         "[[escalations]]\nid = \"persistent\"\ncount = 10\nwindow = \"week\"\n"
         "category = \"sighing\"\npropose_plan = \"check_in\"\n";
  EXPECT_TRUE(LoadPolicy(text).ok()) << All(LoadPolicy(text));
}

TEST(PolicyFormat, ContradictionDangerousCategoryDefaultsToATally) {
  std::string text = kBase;
  text.replace(text.find("default_step = \"reset\""), 22, "default_step = \"reminder\"");
  LoadResult r = LoadPolicy(text);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(All(r).find("category 'hurting' is dangerous but starts at step 'reminder', a "
                        "one-tap tally"),
            std::string::npos)
      << All(r);
  text = std::string(kBase).replace(std::string(kBase).find("default_step = \"reset\""), 22,
                                    "response = \"planned_ignoring\"");
  EXPECT_NE(All(LoadPolicy(text)).find("is dangerous but met with planned ignoring"),
            std::string::npos);
}

TEST(PolicyFormat, RemovedWordsAreRefusedInWhatFamiliesAndPupilsRead) {
  std::string text = std::string(kBase) + "[removed_words]\nexclusion = \"reflection time\"\n";
  ASSERT_TRUE(LoadPolicy(text).ok()) << All(LoadPolicy(text));
  // In the school's summary for families...
  std::string summary = text;
  summary.replace(summary.find("name = \"Test School\""), 20,
                  "name = \"Test School\"\nsummary = \"We avoid Exclusions.\"");
  LoadResult r = LoadPolicy(summary);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(All(r).find("\"exclusion\" is a word the school has removed ([removed_words]), and "
                        "families or pupils read 'summary' in [school]: say \"reflection time\" "
                        "instead"),
            std::string::npos)
      << All(r);
  EXPECT_EQ(r.diagnostics.front().line, 4);
  // ...and in the words said to a pupil.
  std::string script = text;
  script.replace(script.find("name = \"Reset\""), 14,
                 "name = \"Reset\"\nscript = \"This is not an exclusion.\"");
  EXPECT_NE(All(LoadPolicy(script)).find("'script' in step 'reset'"), std::string::npos);
  // Staff guidance is the staff's: not refused.
  std::string guidance = text;
  guidance.replace(guidance.find("name = \"Reset\""), 14,
                   "name = \"Reset\"\nguidance = \"Never call this an exclusion.\"");
  EXPECT_TRUE(LoadPolicy(guidance).ok()) << All(LoadPolicy(guidance));
  // attune's own words for families: the law's word cannot silently go.
  std::string law = std::string(kBase) + "[removed_words]\nsuspension = \"time at home\"\n";
  EXPECT_NE(All(LoadPolicy(law)).find("attune's explanation for families would still use it"),
            std::string::npos)
      << All(LoadPolicy(law));
}

TEST(PolicyFormat, RolesMapToAttuneRolesAndProfileEditorsCanEdit) {
  std::string text = std::string(kBase) +
                     "[[roles]]\nid = \"pastoral\"\nname = \"Pastoral\"\nattune_role = "
                     "\"pastoral\"\n";
  EXPECT_NE(All(LoadPolicy(text)).find("is already one of attune's own roles"), std::string::npos);
  text = std::string(kBase) + "[profile]\nedited_by = [\"admin\"]\n";
  EXPECT_NE(All(LoadPolicy(text)).find("cannot write pupils' profiles in attune"),
            std::string::npos)
      << All(LoadPolicy(text));
}

TEST(Explain, ClaimsOnlyWhatThePolicySays) {
  for (const auto& path : Policies()) {
    LoadResult r = LoadPolicy(Read(path));
    ASSERT_TRUE(r.ok()) << path << "\n" << All(r);
    std::string text = ExplainAsText(*r.policy);
    SCOPED_TRACE(path);
    // Not every policy has every adult follow the same steps, in order.
    EXPECT_EQ(text.find("same steps"), std::string::npos);
    EXPECT_EQ(text.find("never skipped"), std::string::npos);
    EXPECT_EQ(text.find("Then: "), std::string::npos);
    EXPECT_EQ(text.find("1 or more times"), std::string::npos);
    if (r.policy->ladder.no_jumps_for.empty()) {
      EXPECT_EQ(text.find("at a time"), std::string::npos);
    }
    // Family text only: no staff guidance.
    for (const auto& s : r.policy->steps) {
      if (!s.guidance.empty() && s.guidance != s.family) {
        EXPECT_EQ(text.find(s.guidance), std::string::npos) << s.id;
      }
    }
    // attune's own sentences use the school's words for a child, and name
    // no team the policy does not: read with the school's texts left out.
    Policy own = *r.policy;
    own.summary.clear();
    own.ladder.family.clear();
    for (auto& v : own.values) v.description.clear();
    for (auto& b : own.bands) b.family.clear();
    for (auto& c : own.categories) c.family.clear();
    for (auto& st : own.steps) st.family.clear();
    for (auto& c : own.consequences) c.description.clear();
    for (auto& p : own.plans) p.description.clear();
    for (auto& e : own.escalations) e.quote.clear();
    std::string generated = ExplainAsText(own);
    if (r.policy->Word("pupil", "pupil") != "pupil") {
      EXPECT_FALSE(MentionsWord(generated, "pupil")) << generated;
    }
    EXPECT_EQ(generated.find("the pastoral team"), std::string::npos) << generated;
  }
}

TEST(Explain, SaysWhatTheTestPolicyPromisesInItsWords) {
  LoadResult r =
      LoadPolicy(Read(kRoot / "tests/policy_cases/policies/002_hollybank_colour_bands.toml"));
  ASSERT_TRUE(r.ok());
  std::string text = ExplainAsText(*r.policy);
  EXPECT_NE(text.find("How we describe behaviour"), std::string::npos) << text;
  EXPECT_NE(text.find("We value equity over equality"), std::string::npos) << text;
  EXPECT_NE(text.find("Your child's tutor visits you at home, within 3 school days."),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Your child proposes how to make amends, in their own words, with your "
                      "child's tutor, within 2 school days."),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("If the same behaviour is recorded 3 or more times in the same marking "
                      "period, we will consider a Pastoral review."),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("2 to 5 times within 10 school days"), std::string::npos) << text;
  EXPECT_NE(text.find("trained in Crisis Prevention Institute (CPI)"), std::string::npos);
  EXPECT_FALSE(MentionsWord(text, "exclusion"));
  EXPECT_FALSE(MentionsWord(text, "isolation"));
}

TEST(Simulate, ReplaysCategoriesAndPlanOutcomes) {
  LoadResult r = LoadPolicy(Read(kRoot / "policies/004_blue_sky_learning.toml"));
  ASSERT_TRUE(r.ok());
  std::vector<CalendarEntry> calendar = {
      {1, 1, "half_term", "Autumn 2", *ParseDate("2026-11-02"), *ParseDate("2026-12-18")}};
  std::vector<Period> periods = {{1, 1, 1, "P1", 9 * 60, 10 * 60, true}};
  SchoolTime time(calendar, periods);
  // Ten low-level disruptions in a fortnight (counted by category), then a
  // Daily Positive Reporting plan that did not help.
  std::string csv = "pupil,at,category,class,sen,plan,outcome\n";
  for (int d = 16; d <= 27; ++d) {
    if (d == 21 || d == 22) continue;  // the weekend
    csv += "1,2026-11-" + std::to_string(d) + " 09:10,low_level_disruption,low_level,N,,\n";
  }
  csv += "2,2026-11-20 09:00,,,N,daily_positive_reporting,unsuccessful\n";
  csv += "2,2026-11-23 09:10,kindness,prosocial,N,,\n";
  auto rows = ParseHistoryCsv(csv);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  Simulation sim = Simulate(*r.policy, time, *rows);
  int dpr = 0, wap = 0, ended = 0;
  for (const auto& w : sim.weeks) {
    auto it = w.escalations.find("Daily Positive Reporting");
    if (it != w.escalations.end()) dpr += it->second;
    it = w.escalations.find("Wellbeing Action Plan (WAP)");
    if (it != w.escalations.end()) wap += it->second;
    ended += w.plans_ended;
  }
  EXPECT_EQ(dpr, 1) << FormatWorkload(sim);  // the tenth, counted by category
  EXPECT_EQ(wap, 1) << FormatWorkload(sim);  // after the plan that did not help
  EXPECT_EQ(ended, 1);
  EXPECT_FALSE(
      ParseHistoryCsv("pupil,at,category,plan,outcome\n1,2026-11-23 09:00,,p,maybe\n").ok());
}

}  // namespace
}  // namespace attune::policy
