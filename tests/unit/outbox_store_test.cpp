// The email outbox against a real SQLite store (decision 0025): a concern's
// alert is written with the record, to each DSL, without its content; a
// claim is a lease no second sender can take until it runs out; a failed
// attempt waits its back-off; a failed message waits for the admin, who
// alone may see the outbox and try it again.
#include <gtest/gtest.h>

#include "services/incident_service.h"
#include "services/outbox_service.h"
#include "test_store.h"

namespace attune {
namespace {

using std::chrono::seconds;

class OutboxTest : public testing::DemoSchoolTest {
 protected:
  void SetUp() override {
    DemoSchoolTest::SetUp();
    if (HasFatalFailure()) return;
    settings_.base_url = "https://attune.school.example";
    settings_.from = "alerts@school.example";
    outbox_ = std::make_unique<OutboxService>(*store_, settings_);
    outbox_->set_waker([this] { ++woken_; });
    policies_ = std::make_unique<PolicyService>(*store_);
    clock_ = std::make_unique<SchoolClock>(*store_);
    incidents_ = std::make_unique<IncidentService>(*store_, *policies_, *clock_);
    incidents_->set_outbox(outbox_.get());
    pupil_ = store_->SearchPupils(school_, "", 1, 0)->front();
  }

  RecordRequest Concern() {
    RecordRequest r;
    r.pupils = {{pupil_.id, "involved"}};
    r.category = "peer_on_peer_abuse";
    r.behaviour = "Said something worrying at lunch";
    r.place = "Library";
    return r;
  }

  NewMail ToDsl() {
    NewMail m;
    m.kind = "concern";
    m.subject = "A test";
    m.body = "Body";
    m.message_domain = "school.example";
    m.roles = {"dsl"};
    return m;
  }

  MailSettings settings_;
  std::unique_ptr<OutboxService> outbox_;
  std::unique_ptr<PolicyService> policies_;
  std::unique_ptr<SchoolClock> clock_;
  std::unique_ptr<IncidentService> incidents_;
  Pupil pupil_;
  int woken_ = 0;
};

TEST_F(OutboxTest, AConcernEmailsEachDslThatAndWhereWithItsRecord) {
  Principal admin = As("admin@demo.attune.school");
  auto recorded = incidents_->Record(As("teacher@demo.attune.school"), Concern(), "");
  ASSERT_TRUE(recorded.ok()) << recorded.status().ToString();
  EXPECT_EQ(woken_, 1);
  auto unsent = outbox_->Unsent(admin);
  ASSERT_TRUE(unsent.ok()) << unsent.status().ToString();
  auto dsls = *store_->ListStaff(school_);
  std::erase_if(dsls, [](const Staff& s) { return s.role != Role::kDsl || !s.active; });
  ASSERT_FALSE(dsls.empty());
  ASSERT_EQ(unsent->size(), dsls.size());
  for (const auto& m : *unsent) {
    EXPECT_EQ(m.status, "pending");
    EXPECT_EQ(m.kind, "concern");
    EXPECT_EQ(m.attempts, 0);
    EXPECT_NE(m.body.find("https://attune.school.example/incidents/" +
                          std::to_string(recorded->id) + "\n"),
              std::string::npos)
        << m.body;
    EXPECT_EQ(m.message_id.rfind("<", 0), 0u);
    EXPECT_NE(m.message_id.find("@school.example>"), std::string::npos);
    for (const std::string& never : {pupil_.first_name, pupil_.last_name, std::string("worrying"),
                                     std::string("Library"), std::string("peer")}) {
      EXPECT_EQ(m.body.find(never), std::string::npos) << never;
      EXPECT_EQ(m.subject.find(never), std::string::npos) << never;
    }
  }
  // A record that is no concern emails no one; nor is a DSL emailed of
  // their own concern.
  RecordRequest calm = Concern();
  calm.category = "kindness";
  calm.behaviour = "";
  auto positive = incidents_->Record(As("teacher@demo.attune.school"), calm, "");
  ASSERT_TRUE(positive.ok()) << positive.status().ToString();
  EXPECT_EQ(outbox_->Unsent(admin)->size(), dsls.size());
  ASSERT_TRUE(incidents_->Record(As("dsl@demo.attune.school"), Concern(), "").ok());
  EXPECT_EQ(outbox_->Unsent(admin)->size(), 2 * dsls.size() - 1);
}

TEST_F(OutboxTest, AClaimIsALeaseNoOtherSenderTakesUntilItRunsOut) {
  ASSERT_EQ(*store_->EnqueueMail(school_, ToDsl(), Now()), 1);
  Timestamp now = Now();
  auto first = store_->ClaimMail(now, now + seconds(120), "lease-a");
  ASSERT_TRUE(first.ok() && *first) << first.status().ToString();
  EXPECT_EQ((*first)->attempts, 1);
  // A second sender at the same moment finds nothing to send.
  auto second = store_->ClaimMail(now, now + seconds(120), "lease-b");
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(*second);
  EXPECT_EQ(**store_->NextMailDue(), now + seconds(120));
  // Once the lease has run out (its sender died), another takes it, as the
  // same message with the same Message-ID, and the first can no longer mark it.
  auto again = store_->ClaimMail(now + seconds(120), now + seconds(240), "lease-b");
  ASSERT_TRUE(again.ok() && *again);
  EXPECT_EQ((*again)->id, (*first)->id);
  EXPECT_EQ((*again)->message_id, (*first)->message_id);
  EXPECT_EQ((*again)->attempts, 2);
  EXPECT_EQ(store_->MarkMailSent((*first)->id, "lease-a", now).code(), StatusCode::kNotFound);
  EXPECT_TRUE(store_->MarkMailSent((*first)->id, "lease-b", now).ok());
  EXPECT_FALSE(*store_->ClaimMail(now + seconds(9999), now + seconds(99999), "lease-c"));
  EXPECT_FALSE(*store_->NextMailDue());
  EXPECT_TRUE(outbox_->Unsent(As("admin@demo.attune.school"))->empty());
}

TEST_F(OutboxTest, AFailedAttemptWaitsThenFailsForTheAdminWhoMayTryAgain) {
  ASSERT_EQ(*store_->EnqueueMail(school_, ToDsl(), Now()), 1);
  Timestamp now = Now();
  auto m = *store_->ClaimMail(now, now + seconds(120), "a");
  ASSERT_TRUE(m);
  ASSERT_TRUE(
      store_->MarkMailAttemptFailed(m->id, "a", "Couldn't connect", now + seconds(60)).ok());
  EXPECT_FALSE(*store_->ClaimMail(now + seconds(59), now + seconds(200), "b"));
  EXPECT_EQ(**store_->NextMailDue(), now + seconds(60));
  ASSERT_TRUE(*store_->ClaimMail(now + seconds(60), now + seconds(200), "b"));
  ASSERT_TRUE(store_->MarkMailAttemptFailed(m->id, "b", "550 No such user", std::nullopt).ok());
  EXPECT_FALSE(*store_->ClaimMail(now + seconds(99999), now + seconds(999999), "c"));

  Principal admin = As("admin@demo.attune.school");
  auto unsent = outbox_->Unsent(admin);
  ASSERT_EQ(unsent->size(), 1u);
  EXPECT_EQ(unsent->front().status, "failed");
  EXPECT_EQ(unsent->front().last_error, "550 No such user");
  EXPECT_EQ(unsent->front().attempts, 2);
  // Only the admin may see or retry it; another school's id is not found.
  Principal teacher = As("teacher@demo.attune.school");
  EXPECT_EQ(outbox_->Unsent(teacher).status().code(), StatusCode::kForbidden);
  EXPECT_EQ(outbox_->TryAgain(teacher, m->id, "").code(), StatusCode::kForbidden);
  Principal elsewhere = admin;
  elsewhere.school_id = school_ + 1000;
  EXPECT_EQ(outbox_->TryAgain(elsewhere, m->id, "").code(), StatusCode::kNotFound);
  ASSERT_TRUE(outbox_->TryAgain(admin, m->id, "").ok());
  EXPECT_EQ(woken_, 1);
  EXPECT_EQ(outbox_->TryAgain(admin, m->id, "").code(), StatusCode::kNotFound);  // no longer failed
  auto retried = *store_->ClaimMail(Now(), Now() + seconds(120), "d");
  ASSERT_TRUE(retried);
  EXPECT_EQ(retried->attempts, 3);
}

}  // namespace
}  // namespace attune
