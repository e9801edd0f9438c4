// The rupture–repair closing rule through the services, on a real SQLite file
// with the demo school (policy 004): a note never completes a restorative
// conversation or repair; the cycle closes with the repair, or with a senior
// leader's record of why it will not happen, which counts as not repaired
// (decision 0013).
#include <gtest/gtest.h>

#include "services/action_service.h"
#include "services/incident_service.h"
#include "services/restorative_service.h"
#include "test_store.h"

namespace attune {
namespace {

class RepairTest : public testing::DemoSchoolTest {
 protected:
  void SetUp() override {
    DemoSchoolTest::SetUp();
    if (HasFatalFailure()) return;
    policies_ = std::make_unique<PolicyService>(*store_);
    clock_ = std::make_unique<SchoolClock>(*store_);
    incidents_ = std::make_unique<IncidentService>(*store_, *policies_, *clock_);
    actions_p_ = std::make_unique<ActionService>(*store_);
    restorative_p_ = std::make_unique<RestorativeService>(*store_);
    teacher_ = As("teacher@demo.attune.school");
    senior_ = As("senior@demo.attune.school");
    pastoral_ = As("pastoral@demo.attune.school");
    pupil_ = store_->SearchPupils(school_, "", 1, 0)->front().id;
  }

  // "Hurting someone" in a Monday lesson: a call home (made here) and a
  // restorative conversation, both for the teacher.
  RecordOutcome Hurting() {
    RecordRequest r;
    r.pupils = {{pupil_, "involved"}};
    r.category = "hurting_others";
    r.occurred_at = *ParseInstant("2026-11-16 10:05");
    auto out = incidents_->Record(teacher_, r, "");
    EXPECT_TRUE(out.ok()) << out.status().ToString();
    for (const auto& a : out->actions) {
      if (a.kind == "phone_call_home") {
        EXPECT_TRUE(actions().Complete(teacher_, a.id, "Rang", "").ok());
      }
    }
    return *out;
  }

  const Action* Find(const RecordOutcome& out, const std::string& kind) {
    for (const auto& a : out.actions) {
      if (a.kind == kind) return &a;
    }
    return nullptr;
  }

  ActionService& actions() { return *actions_p_; }
  RestorativeService& restorative() { return *restorative_p_; }
  bool Closed(long long id) { return store_->GetIncident(school_, id)->closed_at.has_value(); }

  std::unique_ptr<PolicyService> policies_;
  std::unique_ptr<SchoolClock> clock_;
  std::unique_ptr<IncidentService> incidents_;
  std::unique_ptr<ActionService> actions_p_;
  std::unique_ptr<RestorativeService> restorative_p_;
  Principal teacher_, senior_, pastoral_;
  long long pupil_ = 0;
};

TEST_F(RepairTest, ANoteNeverCompletesARestorativeConversation) {
  auto out = Hurting();
  const Action* talk = Find(out, "restorative_conversation");
  ASSERT_NE(talk, nullptr);
  for (const Principal& by : {teacher_, pastoral_, senior_}) {
    Status st = actions().Complete(by, talk->id, "Had a word", "");
    EXPECT_EQ(st.code(), StatusCode::kInvalid);
    EXPECT_EQ(st.field(), "outcome");
    EXPECT_NE(st.message().find("Record the conversation"), std::string::npos) << st.message();
  }
  EXPECT_EQ(actions().Get(teacher_, talk->id, "")->status, "open");
  EXPECT_FALSE(Closed(out.id));
  EXPECT_TRUE(ActionService::DoneByItsRecord("repair"));
  EXPECT_FALSE(ActionService::DoneByItsRecord("phone_call_home"));
}

TEST_F(RepairTest, AConversationWithoutTheRepairLeavesTheCycleOpen) {
  auto out = Hurting();
  RestorativeRequest r;
  r.incident_id = out.id;
  r.pupil_id = pupil_;
  r.agreement = "Talk again tomorrow.";
  r.held_at = *ParseInstant("2026-11-16 11:00");
  auto id = restorative().Record(pastoral_, r, "");
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_EQ(actions().Get(teacher_, Find(out, "restorative_conversation")->id, "")->status, "done");
  EXPECT_EQ(*store_->CountRepairsAwaited(school_, out.id), 1);
  EXPECT_FALSE(Closed(out.id));
  ASSERT_TRUE(restorative().MarkRepaired(teacher_, *id, "").ok());
  EXPECT_EQ(*store_->CountRepairsAwaited(school_, out.id), 0);
  EXPECT_TRUE(Closed(out.id));
}

TEST_F(RepairTest, ASeniorLeaderClosesTheCycleNotRepaired) {
  auto out = Hurting();
  NoRepairRequest r{out.id, pupil_, "pupil_declined", "Offered twice; declined."};
  EXPECT_EQ(restorative().RecordNoRepair(pastoral_, r, "").code(), StatusCode::kForbidden);
  EXPECT_EQ(restorative().RecordNoRepair(teacher_, r, "").code(), StatusCode::kForbidden);
  NoRepairRequest bad = r;
  bad.reason = "busy";
  EXPECT_EQ(restorative().RecordNoRepair(senior_, bad, "").field(), "reason");
  bad = r;
  bad.note = " ";
  EXPECT_EQ(restorative().RecordNoRepair(senior_, bad, "").field(), "note");
  EXPECT_FALSE(Closed(out.id));

  ASSERT_TRUE(restorative().RecordNoRepair(senior_, r, "").ok());
  EXPECT_TRUE(Closed(out.id));
  auto view = incidents_->Get(teacher_, out.id, "");
  ASSERT_TRUE(view.ok());
  EXPECT_FALSE(view->repaired_in_time);
  EXPECT_FALSE(view->incident.repaired_at.has_value());
  Action talk = *actions().Get(teacher_, Find(out, "restorative_conversation")->id, "");
  EXPECT_EQ(talk.status, "done");
  EXPECT_EQ(talk.outcome,
            "Not repaired: the pupil declined, though it was offered more than once. Offered "
            "twice; declined.");
  EXPECT_EQ(restorative().RecordNoRepair(senior_, r, "").code(), StatusCode::kConflict);

  auto listed = restorative().NoRepairs(teacher_, out.id, 0, "");
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  RepairOutcome outcome = RepairOutcomeOf(out.id, pupil_, {}, *listed);
  ASSERT_NE(outcome.no_repair, nullptr);
  EXPECT_FALSE(outcome.repaired_at.has_value());
  EXPECT_EQ(NoRepairReasonWords(outcome.no_repair->reason, "student"),
            "the student declined, though it was offered more than once");
}

}  // namespace
}  // namespace attune
