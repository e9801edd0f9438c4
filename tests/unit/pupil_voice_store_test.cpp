// Pupils' voice against a real SQLite store (decision 0028): a turn's code
// opens it once, until it expires or another turn of the plan starts; the
// pupil's words go into the day's entry field by field (the adults' stay)
// or into a review of their own; a profile keeps the day the pupil last
// went through it when saved without them.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/secrets.h"
#include "test_store.h"

namespace attune {
namespace {

using nlohmann::json;

class PupilVoiceStoreTest : public testing::DemoSchoolTest {
 protected:
  void SetUp() override {
    DemoSchoolTest::SetUp();
    if (HasFatalFailure()) return;
    auto pupils = store_->ListPupils(school_, PupilFilter{});
    ASSERT_TRUE(pupils.ok() && pupils->size() >= 2);
    pupil_ = pupils->front().id;
    teacher_ = As("teacher@demo.attune.school");
    PupilPlan plan;
    plan.school_id = school_;
    plan.pupil_id = pupil_;
    plan.plan = "daily_positive_reporting";
    plan.name = "Daily Positive Reporting";
    plan.started_on = day_;
    auto id = store_->CreatePlan(plan, {});
    ASSERT_TRUE(id.ok()) << id.status().ToString();
    plan_ = *id;
  }

  long long Start(const std::string& code, Timestamp expires) {
    PupilTurn t;
    t.school_id = school_;
    t.plan_id = plan_;
    t.section_id = "pupil_views";
    t.on = day_;
    t.started_by_staff_id = teacher_.staff_id;
    t.started_at = Now();
    t.expires_at = expires;
    auto id = store_->StartPupilTurn(t, HashToken(code));
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }

  json Entry(const std::string& kind) {
    auto entries = store_->ListPlanEntries(school_, plan_);
    EXPECT_TRUE(entries.ok());
    json out = json::array();
    for (const auto& e : *entries) {
      if (e.kind == kind) out.push_back(json::parse(e.fields));
    }
    return out;
  }

  Date day_ = LondonDate(Now());
  long long pupil_ = 0, plan_ = 0;
  Principal teacher_;
  Timestamp later_ = Now() + std::chrono::hours(2);
};

TEST_F(PupilVoiceStoreTest, ACodeOpensItsTurnOnceAndOnlyUntilItEnds) {
  Start("AAAA2222", later_);
  auto found = store_->FindPupilTurn(HashToken("AAAA2222"), Now());
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  EXPECT_EQ(found->plan_id, plan_);
  EXPECT_EQ(found->section_id, "pupil_views");
  EXPECT_EQ(found->on, day_);
  EXPECT_EQ(store_->FindPupilTurn(HashToken("AAAA2223"), Now()).status().code(),
            StatusCode::kNotFound);
  // After it expires, nothing.
  EXPECT_EQ(store_->FindPupilTurn(HashToken("AAAA2222"), later_).status().code(),
            StatusCode::kNotFound);
  // Another turn of the plan ends the first.
  Start("BBBB3333", later_);
  EXPECT_EQ(store_->FindPupilTurn(HashToken("AAAA2222"), Now()).status().code(),
            StatusCode::kNotFound);
  json words = {{"pupil_help", {{"text", "A quiet start"}, {"given_by", "pupil"}}}};
  auto answered = store_->AnswerPupilTurn(HashToken("BBBB3333"), Now(), "review", words.dump());
  ASSERT_TRUE(answered.ok()) << answered.status().ToString();
  // Answered once: the code is spent, a second sending writes nothing.
  EXPECT_EQ(
      store_->AnswerPupilTurn(HashToken("BBBB3333"), Now(), "review", words.dump()).status().code(),
      StatusCode::kNotFound);
  EXPECT_EQ(store_->FindPupilTurn(HashToken("BBBB3333"), Now()).status().code(),
            StatusCode::kNotFound);
  json reviews = Entry("review");
  ASSERT_EQ(reviews.size(), 1u);
  EXPECT_EQ(reviews[0], words);
  // The review is written by the adult who started the turn.
  auto entries = store_->ListPlanEntries(school_, plan_);
  EXPECT_EQ(entries->front().by_staff_id, teacher_.staff_id);
}

TEST_F(PupilVoiceStoreTest, ThePupilsWordsGoIntoTheDaysEntryFieldByField) {
  PlanEntry adults;
  adults.school_id = school_;
  adults.plan_id = plan_;
  adults.kind = "entry";
  adults.on = day_;
  adults.by_staff_id = teacher_.staff_id;
  adults.fields = json{{"pleased_to_notice", "Kind to Sam"},
                       {"pupil_doing_well", {{"text", "Old"}, {"given_by", "pupil"}}}}
                      .dump();
  ASSERT_TRUE(store_->AddPlanEntry(adults, {}, {}).ok());
  Start("CCCC4444", later_);
  json words = {
      {"pupil_doing_well", {{"text", "Reading"}, {"given_by", "pupil"}, {"written", "pupil"}}}};
  ASSERT_TRUE(store_->AnswerPupilTurn(HashToken("CCCC4444"), Now(), "entry", words.dump()).ok());
  json entries = Entry("entry");
  ASSERT_EQ(entries.size(), 1u);  // the same day's entry, not a second one
  EXPECT_EQ(entries[0]["pleased_to_notice"], "Kind to Sam");
  EXPECT_EQ(entries[0]["pupil_doing_well"], words["pupil_doing_well"]);
}

TEST_F(PupilVoiceStoreTest, AnEndedPlanTakesNoWords) {
  Start("DDDD5555", later_);
  ASSERT_TRUE(store_->FinishPlan(school_, plan_, "successful", day_, "{}", teacher_.staff_id).ok());
  EXPECT_EQ(store_->FindPupilTurn(HashToken("DDDD5555"), Now()).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(store_->AnswerPupilTurn(HashToken("DDDD5555"), Now(), "entry", "{}").status().code(),
            StatusCode::kNotFound);
}

TEST_F(PupilVoiceStoreTest, AProfileSavedWithoutThePupilKeepsTheDayTheyWentThroughIt) {
  PupilProfile p;
  p.pupil_id = pupil_;
  p.strengths = "Drawing";
  p.own_words = {"strengths"};
  p.reviewed_with_pupil_on = Date(date::year(2026) / 3 / 2);
  ASSERT_TRUE(store_->SaveProfile(school_, p, teacher_.staff_id).ok());
  p.reviewed_with_pupil_on.reset();
  p.own_words.clear();
  p.strengths = "Drawing and football";
  ASSERT_TRUE(store_->SaveProfile(school_, p, teacher_.staff_id).ok());
  auto saved = store_->GetProfile(school_, pupil_);
  ASSERT_TRUE(saved.ok());
  EXPECT_EQ(saved->strengths, "Drawing and football");
  EXPECT_TRUE(saved->own_words.empty());
  ASSERT_TRUE(saved->reviewed_with_pupil_on.has_value());
  EXPECT_EQ(*saved->reviewed_with_pupil_on, Date(date::year(2026) / 3 / 2));
  EXPECT_EQ(saved->reviewed_by, teacher_.name);
  auto saves = store_->ListProfileSaves(school_);
  ASSERT_TRUE(saves.ok());
  bool seen = false;
  for (const auto& s : *saves) {
    if (s.pupil_id == pupil_) {
      seen = true;
      EXPECT_EQ(s.reviewed_with_pupil_on, Date(date::year(2026) / 3 / 2));
    }
  }
  EXPECT_TRUE(seen);
}

}  // namespace
}  // namespace attune
