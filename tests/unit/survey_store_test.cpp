// Pupil voice surveys against a real SQLite store (decision 0027): a code
// works once and only while its run is open; answers carry no pupil and no
// code; the suppression rule; who may run surveys.
#include <gtest/gtest.h>

#include <cctype>
#include <set>

#include "services/survey_service.h"
#include "test_store.h"

namespace attune {
namespace {

class SurveyTest : public testing::DemoSchoolTest {
 protected:
  void SetUp() override {
    DemoSchoolTest::SetUp();
    if (HasFatalFailure()) return;
    surveys_ = std::make_unique<SurveyService>(*store_);
    pastoral_ = As("pastoral@demo.attune.school");
    SurveyDraft d;
    d.title = "How was this term?";
    d.questions = {{"How do you feel at playtime?", "faces3", ""},
                   {"Which room helps you calm down?", "choice", "Library\nRainbow Room\n"},
                   {"Anything else?", "words", ""}};
    auto id = surveys_->Create(pastoral_, d, "127.0.0.1");
    ASSERT_TRUE(id.ok()) << id.status().ToString();
    survey_id_ = *id;
    auto forms = store_->ListForms(school_);
    ASSERT_TRUE(forms.ok() && !forms->empty());
    form_ = forms->front();
  }

  // A run for the first form's year group (the demo's forms are small).
  SurveyRunStarted Start() {
    RunFor f;
    f.year_group = form_.year_group;
    auto started = surveys_->StartRun(pastoral_, survey_id_, f, "127.0.0.1");
    EXPECT_TRUE(started.ok()) << started.status().ToString();
    return started.ok() ? *started : SurveyRunStarted{};
  }

  std::vector<std::pair<std::string, std::string>> Answers(const Survey& s, int face) {
    return {{"q" + std::to_string(s.questions[0].id), std::to_string(face)},
            {"q" + std::to_string(s.questions[1].id), "2"},
            {"q" + std::to_string(s.questions[2].id), "More quiet places"}};
  }

  std::unique_ptr<SurveyService> surveys_;
  Principal pastoral_;
  long long survey_id_ = 0;
  Form form_;
};

TEST_F(SurveyTest, ACodeWorksOnceAndOnlyWhileItsRunIsOpen) {
  SurveyRunStarted run = Start();
  ASSERT_FALSE(run.slips.empty());
  // One code per pupil on roll in the year group, each unique and readable.
  PupilFilter in_form;
  in_form.year_group = form_.year_group;
  in_form.limit = 1000;
  auto pupils = store_->ListPupils(school_, in_form);
  EXPECT_EQ(run.slips.size(), pupils->size());
  std::set<std::string> codes;
  for (const auto& s : run.slips) {
    codes.insert(s.code);
    ASSERT_EQ(s.code.size(), 9u);  // "ABCD EFGH"
    for (char c : SurveyService::NormaliseCode(s.code)) {
      EXPECT_EQ(std::string("01OI").find(c), std::string::npos) << s.code;
    }
  }
  EXPECT_EQ(codes.size(), run.slips.size());
  // Only hashes are kept.
  std::string first = SurveyService::NormaliseCode(run.slips[0].code);
  EXPECT_FALSE(store_->FindSurveyCode(first).ok());

  std::string typed = run.slips[0].code;  // as a child may type it
  for (char& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto opened = surveys_->Open(" " + typed + " ", "10.0.0.1");
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ(opened->survey.questions.size(), 3u);
  ASSERT_TRUE(surveys_->Answer(first, Answers(opened->survey, 3), "10.0.0.1").ok());
  // Used: refused, kindly.
  Status again = surveys_->Answer(first, Answers(opened->survey, 1), "10.0.0.1");
  EXPECT_EQ(again.code(), StatusCode::kNotFound);
  EXPECT_EQ(again.message(), "That code did not work. Check it with your teacher.");
  EXPECT_EQ(surveys_->Open(first, "10.0.0.1").status().code(), StatusCode::kNotFound);
  // Closing the run stops the rest.
  ASSERT_TRUE(surveys_->CloseRun(pastoral_, run.run.id, "127.0.0.1").ok());
  std::string second = SurveyService::NormaliseCode(run.slips[1].code);
  EXPECT_EQ(surveys_->Open(second, "10.0.0.1").status().code(), StatusCode::kNotFound);
}

TEST_F(SurveyTest, AnswersCarryNoPupilAndNoCode) {
  SurveyRunStarted run = Start();
  auto survey = store_->GetSurvey(school_, survey_id_);
  for (size_t i = 0; i < 3; ++i) {
    ASSERT_TRUE(surveys_->Answer(run.slips[i].code, Answers(*survey, 2), "10.0.0.2").ok());
  }
  // What is stored of a response is counted by run, question and answer
  // (the tables themselves are checked for any pupil or code column in
  // tests/http/surveys.test.js).
  auto counts = store_->CountSurveyAnswers(school_, survey_id_);
  ASSERT_TRUE(counts.ok());
  int faces = 0;
  for (const auto& c : *counts) {
    if (c.question_id == survey->questions[0].id && c.choice == 2) faces = c.count;
  }
  EXPECT_EQ(faces, 3);
}

TEST(SurveySuppression, OneAndTwoAreSuppressedAndOneAloneHidesTheNextSmallest) {
  auto shown = SuppressCounts({0, 1, 7, 4});
  EXPECT_FALSE(shown[0].fewer_than_three);
  EXPECT_FALSE(shown[0].hidden);  // 0 is shown
  EXPECT_TRUE(shown[1].fewer_than_three);
  EXPECT_FALSE(shown[2].hidden);
  EXPECT_TRUE(shown[3].hidden);  // else 1 = responses - 7 - 4
  // Two small counts: their sum (12 - 9 = 3) would say they are 1 and 2,
  // and a sum of 2 would name both as 1: the next smallest is withheld too
  // (decision 0034, one rule for every shared table).
  shown = SuppressCounts({2, 1, 9, 5});
  EXPECT_TRUE(shown[0].fewer_than_three && shown[1].fewer_than_three);
  EXPECT_FALSE(shown[2].hidden);
  EXPECT_TRUE(shown[3].hidden);
  // None small: all shown.
  for (const auto& s : SuppressCounts({3, 0, 12})) EXPECT_FALSE(s.fewer_than_three || s.hidden);
}

TEST_F(SurveyTest, ResultsOnlyForClosedRunsWithEnoughAnswers) {
  SurveyRunStarted run = Start();
  ASSERT_GE(run.slips.size(), 6u);
  auto survey = store_->GetSurvey(school_, survey_id_);
  for (size_t i = 0; i < 4; ++i) {
    ASSERT_TRUE(surveys_->Answer(run.slips[i].code, Answers(*survey, 3), "10.0.0.3").ok());
  }
  // Open: no results at all.
  EXPECT_TRUE(surveys_->Results(pastoral_, survey_id_)->runs.empty());
  ASSERT_TRUE(surveys_->CloseRun(pastoral_, run.run.id, "127.0.0.1").ok());
  auto results = surveys_->Results(pastoral_, survey_id_);
  ASSERT_EQ(results->runs.size(), 1u);
  EXPECT_FALSE(results->runs[0].shown);  // 4 answered: fewer than kMinResponses
  EXPECT_TRUE(results->runs[0].words[2].empty());

  SurveyRunStarted later = Start();
  for (size_t i = 0; i < 6; ++i) {
    int face = i < 5 ? 3 : 1;  // one child alone says "Not good"
    ASSERT_TRUE(surveys_->Answer(later.slips[i].code, Answers(*survey, face), "10.0.0.3").ok());
  }
  ASSERT_TRUE(surveys_->CloseRun(pastoral_, later.run.id, "127.0.0.1").ok());
  results = surveys_->Results(pastoral_, survey_id_);
  ASSERT_EQ(results->runs.size(), 2u);  // side by side, oldest first
  const SurveyRunResults& r = results->runs[1];
  EXPECT_TRUE(r.shown);
  EXPECT_TRUE(r.counts[0][0].fewer_than_three);  // the one "Not good"
  EXPECT_TRUE(r.counts[0][2].hidden);            // 5 "Good": withheld, else 6 - 5 = 1
  EXPECT_EQ(r.words[2].size(), 6u);
}

TEST_F(SurveyTest, OnlyThoseWhoRunAPanelMayWriteOrRunSurveys) {
  SurveyDraft d{"Title", {{"A question", "scale", ""}}};
  for (const char* who : {"teacher", "support", "admin", "dsl"}) {
    Principal p = As(std::string(who) + "@demo.attune.school");
    EXPECT_EQ(surveys_->Create(p, d, "").status().code(), StatusCode::kForbidden) << who;
    EXPECT_EQ(surveys_->List(p).status().code(), StatusCode::kForbidden) << who;
  }
  for (const char* who : {"pastoral", "senco", "senior"}) {
    EXPECT_TRUE(surveys_->Create(As(std::string(who) + "@demo.attune.school"), d, "").ok()) << who;
  }
  EXPECT_STREQ(PermissionName(Permission::kSurveysManage), "surveys.manage");
}

TEST_F(SurveyTest, ABadSurveyNamesTheFieldToPutRight) {
  SurveyDraft d{"", {{"Q", "faces3", ""}}};
  EXPECT_EQ(surveys_->Create(pastoral_, d, "").status().field(), "title");
  d = {"T", {{"Q", "faces3", ""}, {"Pick one", "choice", "Only one"}}};
  Status st = surveys_->Create(pastoral_, d, "").status();
  EXPECT_EQ(st.field(), "q2_options");
  EXPECT_NE(st.message().find("Question 2"), std::string::npos);
  d = {"T", {}};
  for (int i = 0; i < 9; ++i) d.questions.push_back({"Q", "scale", ""});
  EXPECT_EQ(surveys_->Create(pastoral_, d, "").status().field(), "q9_prompt");
  d = {"T", {{"Q", "sliders", ""}}};
  EXPECT_EQ(surveys_->Create(pastoral_, d, "").status().field(), "q1_kind");
}

TEST_F(SurveyTest, WrongCodesAreThrottledPerAddress) {
  for (int i = 0; i < SurveyService::kMaxWrongCodes; ++i) {
    EXPECT_EQ(surveys_->Open("ZZZZ ZZZZ", "10.9.9.9").status().code(), StatusCode::kNotFound);
  }
  EXPECT_EQ(surveys_->Open("ZZZZ ZZZZ", "10.9.9.9").status().code(), StatusCode::kTooManyRequests);
  // Another address is not held up.
  EXPECT_EQ(surveys_->Open("ZZZZ ZZZZ", "10.9.9.8").status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace attune
