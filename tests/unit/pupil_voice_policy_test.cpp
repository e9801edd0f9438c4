// The pupil's own questions in a plan's form (docs/policy.md, "The pupil's
// own questions"): which fields a pupil answers themselves and how each is
// asked of them, written for Ferncliff Primary, a school unlike the four
// shipped; every mistake reported at its line, saying what to change; and
// the rules for what a pupil writes on their own turn.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "ferncliff_policy.h"
#include "policy/loader.h"
#include "policy/plan_rules.h"

namespace attune::policy {
namespace {

using nlohmann::json;

// Ferncliff's rainbow journal: a few words each day and a look back each
// week, partly in the child's own words.
const char* kJournal = R"([[plans]]
id = "rainbow_journal"
name = "Rainbow journal"
owner = "teacher"
entries = "daily"
review_every_school_days = 5
participants = ["pupil", "parent", "teacher"]
[[plans.sections]]
id = "agreed"
title = "What we agreed"
[[plans.sections.fields]]
id = "child_hopes"
label = "The child's hopes"
type = "long_text"
view_of = "pupil"
[[plans.sections]]
id = "my_day"
title = "My day"
stage = "entry"
[[plans.sections.fields]]
id = "colour"
label = "Which colour was the child's day?"
type = "long_text"
pupil_asks = "What colour was your day?"
required = true
[[plans.sections.fields]]
id = "adult_note"
label = "Adult's note"
type = "long_text"
[[plans.sections]]
id = "looking_back"
title = "Looking back"
stage = "review"
[[plans.sections.fields]]
id = "proud_of"
label = "What am I proud of?"
type = "long_text"
view_of = "pupil"
[[plans.sections.fields]]
id = "family_view"
label = "What the family noticed"
type = "long_text"
view_of = "parent"
[[plans.sections.fields]]
id = "pupil_summary"
label = "Summary of the child's view, by the teacher"
type = "long_text"
view_of = "pupil"
pupil_answers = false
)";

std::string Said(const LoadResult& r) {
  std::string out;
  for (const auto& d : r.diagnostics) out += FormatDiagnostic("p.toml", d) + "\n";
  return out;
}

// The line (1-based) of the first occurrence of `needle` in `text`.
int LineOf(const std::string& text, const std::string& needle) {
  size_t at = text.find(needle);
  if (at == std::string::npos) return -1;
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + at, '\n'));
}

TEST(PupilQuestions, TheSchoolSaysWhichFieldsThePupilAnswersAndHowTheyAreAsked) {
  LoadResult r = LoadPolicy(test_policies::FerncliffWithPlan(kJournal));
  ASSERT_TRUE(r.ok()) << Said(r);
  const Plan* p = r.policy->FindPlan("rainbow_journal");
  ASSERT_NE(p, nullptr);
  const PlanField* colour = p->FindField("colour");
  // Asked in the child's words; the label stays the staff's; a question
  // for the pupil is the pupil's view.
  EXPECT_TRUE(colour->pupil_answers);
  EXPECT_EQ(colour->AskedOfPupil(), "What colour was your day?");
  EXPECT_EQ(colour->label, "Which colour was the child's day?");
  EXPECT_EQ(colour->view_of, "pupil");
  // A long_text view of the pupil is theirs to answer by default, asked
  // by its label.
  EXPECT_TRUE(p->FindField("proud_of")->pupil_answers);
  EXPECT_EQ(p->FindField("proud_of")->AskedOfPupil(), "What am I proud of?");
  EXPECT_TRUE(p->FindField("child_hopes")->pupil_answers);
  // ... unless the school says not; and never another's view or a staff field.
  EXPECT_FALSE(p->FindField("pupil_summary")->pupil_answers);
  EXPECT_FALSE(p->FindField("family_view")->pupil_answers);
  EXPECT_FALSE(p->FindField("adult_note")->pupil_answers);
  EXPECT_TRUE(p->SectionOf("colour")->HasPupilFields());
  EXPECT_TRUE(p->SectionOf("proud_of")->HasPupilFields());
}

struct Mistake {
  const char* replace;  // text of kJournal to change
  const char* with;
  const char* at;     // the changed text's line holds the error ...
  const char* words;  // ... and its message says this
};

class PupilQuestionMistake : public ::testing::TestWithParam<Mistake> {};

TEST_P(PupilQuestionMistake, IsReportedWhereItIs) {
  const Mistake& m = GetParam();
  std::string plan = kJournal;
  size_t at = plan.find(m.replace);
  ASSERT_NE(at, std::string::npos) << m.replace;
  plan.replace(at, std::string(m.replace).size(), m.with);
  std::string text = test_policies::FerncliffWithPlan(plan);
  int line = LineOf(text, m.at);
  LoadResult r = LoadPolicy(text);
  EXPECT_FALSE(r.ok());
  bool found = false;
  for (const auto& d : r.diagnostics) {
    found = found || (d.error && d.line == line && d.column > 0 &&
                      d.message.find(m.words) != std::string::npos &&
                      d.message.find("field '") != std::string::npos &&
                      d.message.find("plan 'rainbow_journal'") != std::string::npos);
  }
  EXPECT_TRUE(found) << "expected line " << line << " to say \"" << m.words << "\":\n" << Said(r);
}

INSTANTIATE_TEST_SUITE_P(
    Each, PupilQuestionMistake,
    ::testing::Values(
        // A pupil answers in words, not on a scale.
        Mistake{"type = \"long_text\"\npupil_asks", "type = \"rating\"\npupil_asks",
                "pupil_asks = \"What colour", "give the field type \"long_text\""},
        // Someone else's view is not the pupil's to give.
        Mistake{"view_of = \"parent\"", "view_of = \"parent\"\npupil_asks = \"What did they see?\"",
                "pupil_asks = \"What did they see?\"", "a pupil answers only their own"},
        // The pupil must take part in the plan.
        Mistake{"participants = [\"pupil\", \"parent\", \"teacher\"]",
                "participants = [\"parent\", \"teacher\"]", "pupil_asks = \"What colour",
                "add \"pupil\" to 'participants'"},
        // Asked, yet never answered by the pupil.
        Mistake{"pupil_answers = false", "pupil_answers = false\npupil_asks = \"Anything else?\"",
                "pupil_asks = \"Anything else?\"", "pupil_answers = false"},
        // pupil_answers on a field that is not words.
        Mistake{"label = \"Adult's note\"\ntype = \"long_text\"",
                "label = \"Adult's note\"\ntype = \"yes_no\"\npupil_answers = true",
                "pupil_answers = true", "give the field type \"long_text\""},
        // The wording must be text.
        Mistake{"pupil_asks = \"What colour was your day?\"", "pupil_asks = 3", "pupil_asks = 3",
                "pupil_asks"}));

TEST(PupilQuestions, AMisspeltKeyIsNamedWithWhatWasMeant) {
  std::string plan = kJournal;
  plan.replace(plan.find("pupil_asks"), 10, "pupil_ask");
  LoadResult r = LoadPolicy(test_policies::FerncliffWithPlan(plan));
  EXPECT_FALSE(r.ok());
  EXPECT_NE(Said(r).find("pupil_ask"), std::string::npos) << Said(r);
  EXPECT_NE(Said(r).find("pupil_asks"), std::string::npos) << Said(r);
}

class PupilAnswers : public ::testing::Test {
 protected:
  void SetUp() override {
    r_ = LoadPolicy(test_policies::FerncliffWithPlan(kJournal));
    ASSERT_TRUE(r_.ok()) << Said(r_);
    plan_ = r_.policy->FindPlan("rainbow_journal");
  }
  const PlanSection& Section(const char* field) { return *plan_->SectionOf(field); }
  LoadResult r_;
  const Plan* plan_ = nullptr;
};

TEST_F(PupilAnswers, ThePupilsWordsAreKeptAsWrittenByThemselves) {
  json clean;
  auto problems =
      CheckPupilAnswers(Section("colour"), {{"colour", "  Green, like the park.  "}}, clean);
  EXPECT_TRUE(problems.empty());
  EXPECT_EQ(
      clean,
      (json{{"colour",
             {{"text", "Green, like the park."}, {"given_by", "pupil"}, {"written", "pupil"}}}}));
}

TEST_F(PupilAnswers, OnlyTheirOwnQuestionsAndSomethingWritten) {
  json clean;
  // The adult's note is not the pupil's question, nor is a field of
  // another section.
  for (const char* other : {"adult_note", "proud_of", "nonsense"}) {
    auto problems = CheckPupilAnswers(Section("colour"), {{"colour", "Blue"}, {other, "x"}}, clean);
    ASSERT_EQ(problems.size(), 1u) << other;
    EXPECT_EQ(problems[0].field, std::string("fields.") + other);
    EXPECT_EQ(problems[0].message, "That is not one of your questions.");
  }
  auto empty = CheckPupilAnswers(Section("colour"), {{"colour", "   "}}, clean);
  ASSERT_EQ(empty.size(), 1u);
  EXPECT_EQ(empty[0].message, "Please write an answer to at least one question.");
  auto long_one = CheckPupilAnswers(Section("colour"), {{"colour", std::string(4001, 'a')}}, clean);
  ASSERT_EQ(long_one.size(), 1u);
  EXPECT_EQ(long_one[0].field, "fields.colour");
  EXPECT_NE(long_one[0].message.find("shorter"), std::string::npos);
  auto number = CheckPupilAnswers(Section("colour"), {{"colour", 7}}, clean);
  ASSERT_EQ(number.size(), 1u);
  EXPECT_EQ(number[0].field, "fields.colour");
  // A control character (a bell, a NUL) is never kept; line breaks are.
  auto bell = CheckPupilAnswers(Section("colour"), {{"colour", "Blue\x07"}}, clean);
  ASSERT_EQ(bell.size(), 1u);
  EXPECT_EQ(bell[0].field, "fields.colour");
  EXPECT_TRUE(CheckPupilAnswers(Section("colour"), {{"colour", "Blue\nand green"}}, clean).empty());
}

TEST_F(PupilAnswers, StaffMayMarkWordsScribedButNeverWrittenByThePupil) {
  json clean;
  auto scribed = CheckFields(*plan_, PlanStage::kEntry,
                             {{"colour", {{"text", "Yellow"}, {"written", "scribed"}}}}, clean);
  EXPECT_TRUE(scribed.empty());
  EXPECT_EQ(clean["colour"],
            (json{{"text", "Yellow"}, {"given_by", "pupil"}, {"written", "scribed"}}));

  auto claimed = CheckFields(*plan_, PlanStage::kEntry,
                             {{"colour", {{"text", "Yellow"}, {"written", "pupil"}}}}, clean);
  ASSERT_EQ(claimed.size(), 1u);
  EXPECT_EQ(claimed[0].field, "fields.colour");
  EXPECT_NE(claimed[0].message.find("own turn"), std::string::npos);

  // A field the pupil does not answer has no way it was written.
  auto not_theirs =
      CheckFields(*plan_, PlanStage::kReview,
                  {{"pupil_summary", {{"text", "Calmer"}, {"written", "scribed"}}}}, clean);
  ASSERT_EQ(not_theirs.size(), 1u);
  EXPECT_EQ(not_theirs[0].field, "fields.pupil_summary");
}

TEST_F(PupilAnswers, WhatThePupilWroteThatDayFillsARequiredFieldTheAdultLeavesOut) {
  json earlier = {{"colour", {{"text", "Red"}, {"given_by", "pupil"}, {"written", "pupil"}}},
                  {"adult_note", "Settled after lunch"}};
  json kept = PupilWritten(earlier);
  EXPECT_EQ(kept, (json{{"colour", earlier["colour"]}}));  // never the adult's words

  json clean;
  auto problems =
      CheckFields(*plan_, PlanStage::kEntry, {{"adult_note", "A good afternoon"}}, clean, kept);
  EXPECT_TRUE(problems.empty());
  EXPECT_EQ(clean["colour"]["text"], "Red");
  // Without it the required field is named.
  auto missing = CheckFields(*plan_, PlanStage::kEntry, {{"adult_note", "x"}}, clean);
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(missing[0].field, "fields.colour");
  // Written again by the adult, theirs replaces it.
  auto again = CheckFields(*plan_, PlanStage::kEntry, {{"colour", "Orange"}}, clean, kept);
  EXPECT_TRUE(again.empty());
  EXPECT_EQ(clean["colour"]["text"], "Orange");
  EXPECT_FALSE(clean["colour"].contains("written"));
}

}  // namespace
}  // namespace attune::policy
