// The headteacher's suspension decision through the services, on a real
// SQLite file with the demo school running seed 003's policy (Learning
// Partnership West), whose "temporary off-site provision" sends a learner
// off site: in law a formal suspension (DESIGN.md §3; policy case
// 003/17_temporary_offsite_provision_is_suspension).
#include "services/suspension_service.h"

#include <gtest/gtest.h>

#include "demo/demo_school.h"
#include "services/action_service.h"
#include "services/incident_service.h"
#include "test_store.h"

namespace attune {
namespace {

class SuspensionServiceTest : public testing::DemoSchoolTest {
 protected:
  void SetUp() override {
    DemoSchoolTest::SetUp();
    if (HasFatalFailure()) return;
    policies_ = std::make_unique<PolicyService>(*store_);
    // Seed 003's policy in force from the second half of the autumn term.
    auto installed = policies_->InstallShipped(school_, "003_learning_partnership_west.toml",
                                               *ParseDate("2026-11-02"));
    ASSERT_TRUE(installed.ok()) << installed.status().ToString();
    clock_ = std::make_unique<SchoolClock>(*store_);
    incidents_ = std::make_unique<IncidentService>(*store_, *policies_, *clock_);
    service_ = std::make_unique<SuspensionService>(*store_, *clock_);
    teacher_ = As("teacher@demo.attune.school");
    senior_ = As("senior@demo.attune.school");
    auto pupils = store_->SearchPupils(school_, "", 2, 0);
    pupil_ = pupils->at(0).id;
    other_pupil_ = pupils->at(1).id;
  }

  // Deliberate damage on Monday 16 November 2026 with temporary off-site
  // provision (and community service, the educational consequence).
  long long RecordOffSite(long long pupil, const std::string& at = "2026-11-16 10:05") {
    RecordRequest r;
    r.pupils = {{pupil, "involved"}};
    r.category = "damage_arson";
    r.consequences = {"temporary_offsite_provision", "community_service"};
    r.occurred_at = *ParseInstant(at);
    auto out = incidents_->Record(teacher_, r, "");
    EXPECT_TRUE(out.ok()) << out.status().ToString();
    if (!out.ok()) return 0;
    EXPECT_EQ(out->step, "severe");
    return out->id;
  }

  static SuspensionDecision Suspend(std::vector<std::string> codes, const std::string& starts_on,
                                    int days) {
    SuspensionDecision d;
    d.decision = "suspend";
    d.reason_codes = std::move(codes);
    d.starts_on = starts_on;
    d.school_days = days;
    return d;
  }

  Suspension Saved(long long id) {
    auto i = store_->GetIncident(school_, id);
    EXPECT_TRUE(i.ok());
    EXPECT_TRUE(i->suspension.has_value());
    return i->suspension.value_or(Suspension{});
  }

  // The record's suspension_decision action.
  Action DecisionAction(long long id) {
    ActionQuery q;
    q.school_id = school_;
    q.status = "";
    q.incident_id = id;
    q.viewer_role = "senior";
    auto actions = store_->ListActions(q);
    EXPECT_TRUE(actions.ok());
    for (const auto& a : *actions) {
      if (a.kind == "suspension_decision") return a;
    }
    ADD_FAILURE() << "no suspension_decision action on record " << id;
    return Action{};
  }

  int AuditCount(const std::string& action, long long id) {
    AuditQuery q;
    q.school_id = school_;
    q.action = action;
    int n = 0;
    auto entries = store_->ListAudit(q);
    EXPECT_TRUE(entries.ok());
    for (const auto& e : *entries) n += e.subject_id == id;
    return n;
  }

  std::unique_ptr<PolicyService> policies_;
  std::unique_ptr<SchoolClock> clock_;
  std::unique_ptr<IncidentService> incidents_;
  std::unique_ptr<SuspensionService> service_;
  long long pupil_ = 0, other_pupil_ = 0;
  Principal teacher_, senior_;
};

TEST_F(SuspensionServiceTest, OffSiteRecordWaitsForTheHeadteachersDecision) {
  long long id = RecordOffSite(pupil_);
  Suspension s = Saved(id);
  EXPECT_FALSE(s.decided());
  Action a = DecisionAction(id);
  EXPECT_EQ(a.assignee_role, "senior");
  EXPECT_EQ(a.status, "open");
  // The action is done by the decision, not by a note in "my actions".
  ActionService actions(*store_);
  Status st = actions.Complete(senior_, a.id, "Decided", "");
  EXPECT_EQ(st.code(), StatusCode::kInvalid);
  EXPECT_EQ(st.field(), "outcome");
}

TEST_F(SuspensionServiceTest, TheHeadteacherSuspendsWithTwoReasonCodes) {
  long long id = RecordOffSite(pupil_);
  auto out = service_->Decide(senior_, id, Suspend({"PA", "DM"}, "2026-11-17", 2), "10.0.0.1");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  Suspension s = Saved(id);
  EXPECT_TRUE(s.suspended());
  EXPECT_EQ(s.reason_codes, (std::vector<std::string>{"PA", "DM"}));
  ASSERT_TRUE(s.starts_on.has_value());
  EXPECT_EQ(FormatDate(*s.starts_on), "2026-11-17");
  EXPECT_EQ(s.school_days, 2);
  EXPECT_EQ(s.decided_by_staff_id, senior_.staff_id);
  EXPECT_TRUE(s.decided_at.has_value());
  EXPECT_FALSE(s.parent_notice_at.has_value());
  EXPECT_EQ(AuditCount("suspension.decide", id), 1);
  // Still to do: the notices.
  EXPECT_EQ(DecisionAction(id).status, "open");
  // Tuesday and Wednesday; back on Thursday.
  auto back = service_->ReturnDay(school_, *s.starts_on, 2);
  ASSERT_TRUE(back.ok() && back->has_value());
  EXPECT_EQ(FormatDate(**back), "2026-11-19");
  // Decided once.
  auto again = service_->Decide(senior_, id, Suspend({"PA"}, "2026-11-17", 1), "");
  EXPECT_EQ(again.status().code(), StatusCode::kConflict);
}

TEST_F(SuspensionServiceTest, RefusalsNameTheirFieldAndSaveNothing) {
  long long id = RecordOffSite(pupil_);
  auto field = [&](const SuspensionDecision& d) {
    auto out = service_->Decide(senior_, id, d, "");
    EXPECT_FALSE(out.ok());
    EXPECT_EQ(out.status().code(), StatusCode::kInvalid) << out.status().ToString();
    return out.status().field();
  };
  EXPECT_EQ(field(Suspend({}, "2026-11-17", 1)), "reason_codes");
  EXPECT_EQ(field(Suspend({"PA", "VA", "DM", "PD"}, "2026-11-17", 1)), "reason_codes");
  EXPECT_EQ(field(Suspend({"XX"}, "2026-11-17", 1)), "reason_codes");
  EXPECT_EQ(field(Suspend({"other"}, "2026-11-17", 1)), "reason_codes");
  EXPECT_EQ(field(Suspend({"PA", "PA"}, "2026-11-17", 1)), "reason_codes");
  EXPECT_EQ(field(Suspend({"PA"}, "", 1)), "starts_on");
  EXPECT_EQ(field(Suspend({"PA"}, "17/11/2026", 1)), "starts_on");
  EXPECT_EQ(field(Suspend({"PA"}, "2026-11-13", 1)), "starts_on");  // before the incident
  EXPECT_EQ(field(Suspend({"PA"}, "2026-11-21", 1)), "starts_on");  // a Saturday
  EXPECT_EQ(field(Suspend({"PA"}, "2026-11-27", 1)), "starts_on");  // an INSET day
  EXPECT_EQ(field(Suspend({"PA"}, "2026-11-17", 0)), "school_days");
  EXPECT_EQ(field(Suspend({"PA"}, "2026-11-17", 46)), "school_days");
  SuspensionDecision maybe = Suspend({"PA"}, "2026-11-17", 1);
  maybe.decision = "maybe";
  EXPECT_EQ(field(maybe), "decision");
  auto weekend = service_->Decide(senior_, id, Suspend({"PA"}, "2026-11-21", 1), "");
  EXPECT_NE(weekend.status().message().find("Monday 23 November"), std::string::npos)
      << weekend.status().message();
  EXPECT_FALSE(Saved(id).decided());
  EXPECT_EQ(AuditCount("suspension.decide", id), 0);
}

TEST_F(SuspensionServiceTest, NoMoreThanFortyFiveDaysInASchoolYear) {
  long long first = RecordOffSite(pupil_);
  ASSERT_TRUE(service_->Decide(senior_, first, Suspend({"PA"}, "2026-11-17", 40), "").ok());
  long long second = RecordOffSite(pupil_, "2026-11-18 11:00");
  auto over = service_->Decide(senior_, second, Suspend({"DM"}, "2026-11-19", 6), "");
  ASSERT_EQ(over.status().code(), StatusCode::kInvalid);
  EXPECT_EQ(over.status().field(), "school_days");
  EXPECT_NE(over.status().message().find("40 school days"), std::string::npos)
      << over.status().message();
  EXPECT_NE(over.status().message().find("at most 5 school days more"), std::string::npos)
      << over.status().message();
  // Another pupil's days do not count.
  long long others = RecordOffSite(other_pupil_, "2026-11-18 11:30");
  EXPECT_TRUE(service_->Decide(senior_, others, Suspend({"DM"}, "2026-11-19", 6), "").ok());
  // Up to 45 is lawful.
  ASSERT_TRUE(service_->Decide(senior_, second, Suspend({"DM"}, "2026-11-19", 5), "").ok());
  auto so_far =
      service_->DaysSoFar(*store_->GetIncident(school_, second), *ParseDate("2026-11-19"));
  ASSERT_TRUE(so_far.ok());
  EXPECT_EQ(so_far->at(0).days, 40);  // the other record's
}

TEST_F(SuspensionServiceTest, TheSchoolYearStartsInAugust) {
  auto start = [](const char* day) {
    return FormatDate(SuspensionService::SchoolYearStart(*ParseDate(day)));
  };
  EXPECT_EQ(start("2026-11-17"), "2026-08-01");
  EXPECT_EQ(start("2026-08-01"), "2026-08-01");
  EXPECT_EQ(start("2026-07-21"), "2025-08-01");
  EXPECT_EQ(start("2027-01-05"), "2026-08-01");
}

TEST_F(SuspensionServiceTest, OnlyTheHeadteacherDecidesAndUnknownRecordsAreNotFound) {
  long long id = RecordOffSite(pupil_);
  EXPECT_EQ(service_->Decide(teacher_, id, Suspend({"PA"}, "2026-11-17", 1), "").status().code(),
            StatusCode::kForbidden);
  EXPECT_EQ(service_->MarkNoticeSent(teacher_, id, kParentNotice, "").status().code(),
            StatusCode::kForbidden);
  EXPECT_EQ(
      service_->Decide(senior_, id + 1000, Suspend({"PA"}, "2026-11-17", 1), "").status().code(),
      StatusCode::kNotFound);
  EXPECT_FALSE(Saved(id).decided());
}

TEST_F(SuspensionServiceTest, ARecordThatSendsNoOneOffSiteIsNotASuspension) {
  RecordRequest r;
  r.pupils = {{pupil_, "involved"}};
  r.category = "damage_arson";
  r.consequences = {"community_service"};
  r.occurred_at = *ParseInstant("2026-11-16 10:05");
  auto out = incidents_->Record(teacher_, r, "");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  auto d = service_->Decide(senior_, out->id, Suspend({"DM"}, "2026-11-17", 1), "");
  EXPECT_EQ(d.status().code(), StatusCode::kInvalid);
  EXPECT_EQ(d.status().field(), "decision");
}

TEST_F(SuspensionServiceTest, DecidingNotToSuspendNeedsAReasonAndCompletesTheAction) {
  long long id = RecordOffSite(pupil_);
  SuspensionDecision no;
  no.decision = "not_suspended";
  no.reason = "   ";
  auto refused = service_->Decide(senior_, id, no, "");
  EXPECT_EQ(refused.status().field(), "reason");
  no.reason = "A reflection day in school instead, with his key worker.";
  ASSERT_TRUE(service_->Decide(senior_, id, no, "").ok());
  Suspension s = Saved(id);
  EXPECT_EQ(s.outcome, "not_suspended");
  EXPECT_FALSE(s.suspended());
  EXPECT_EQ(s.not_suspended_reason, no.reason);
  EXPECT_TRUE(s.reason_codes.empty());
  Action a = DecisionAction(id);
  EXPECT_EQ(a.status, "done");
  EXPECT_EQ(a.outcome, "Not suspended: " + no.reason);
  // No notices for a suspension that did not happen.
  auto notice = service_->MarkNoticeSent(senior_, id, kParentNotice, "");
  EXPECT_EQ(notice.status().code(), StatusCode::kInvalid);
  EXPECT_EQ(notice.status().field(), "notice");
}

TEST_F(SuspensionServiceTest, BothNoticesCompleteTheDecisionAction) {
  long long id = RecordOffSite(pupil_);
  // No notice before a decision.
  EXPECT_EQ(service_->MarkNoticeSent(senior_, id, kParentNotice, "").status().field(), "notice");
  ASSERT_TRUE(service_->Decide(senior_, id, Suspend({"PA", "DM"}, "2026-11-17", 2), "").ok());
  EXPECT_EQ(service_->MarkNoticeSent(senior_, id, "la", "").status().field(), "notice");
  auto parent = service_->MarkNoticeSent(senior_, id, kParentNotice, "");
  ASSERT_TRUE(parent.ok()) << parent.status().ToString();
  EXPECT_TRUE(parent->parent_notice_at.has_value());
  EXPECT_EQ(DecisionAction(id).status, "open");  // the local authority is still to be told
  EXPECT_EQ(service_->MarkNoticeSent(senior_, id, kParentNotice, "").status().code(),
            StatusCode::kConflict);
  auto la = service_->MarkNoticeSent(senior_, id, kLocalAuthorityNotice, "");
  ASSERT_TRUE(la.ok()) << la.status().ToString();
  Suspension s = Saved(id);
  EXPECT_TRUE(s.parent_notice_at.has_value());
  EXPECT_TRUE(s.la_notice_at.has_value());
  Action a = DecisionAction(id);
  EXPECT_EQ(a.status, "done");
  EXPECT_EQ(
      a.outcome,
      "Suspended for 2 school days from Tuesday 17 November 2026 (PA, DM); parents and the local "
      "authority told in writing");
  EXPECT_EQ(AuditCount("suspension.parent_notice", id), 1);
  EXPECT_EQ(AuditCount("suspension.la_notice", id), 1);
}

}  // namespace
}  // namespace attune
