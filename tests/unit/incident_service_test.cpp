// Recording and responding through the services, on a real SQLite file with
// the demo school (policy 004): what the policy decides reaches the record,
// refusals carry their reason, safeguarding records are hidden and audited,
// and the rupture–repair loop closes.
#include "services/incident_service.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <set>
#include <thread>

#include "demo/demo_school.h"
#include "demo/recorded_history.h"
#include "services/action_service.h"
#include "services/audit.h"
#include "services/plan_service.h"
#include "services/restorative_service.h"
#include "test_store.h"

namespace attune {
namespace {

class IncidentServiceTest : public testing::DemoSchoolTest {
 protected:
  void SetUp() override {
    DemoSchoolTest::SetUp();
    if (HasFatalFailure()) return;
    policy_service_ = std::make_unique<PolicyService>(*store_);
    clock_ = std::make_unique<SchoolClock>(*store_);
    service_ = std::make_unique<IncidentService>(*store_, *policy_service_, *clock_);
    teacher_ = As("teacher@demo.attune.school");
    dsl_ = As("dsl@demo.attune.school");
    pupil_ = store_->SearchPupils(school_, "", 1, 0)->front().id;
  }

  // A Monday morning lesson in the demo calendar (2026-11-23, period 2).
  RecordRequest Request(const std::string& category, const std::string& step = "") {
    RecordRequest r;
    r.pupils = {{pupil_, "involved"}};
    r.category = category;
    r.step = step;
    r.occurred_at = *ParseInstant("2026-11-16 10:05");
    return r;
  }

  std::unique_ptr<PolicyService> policy_service_;
  std::unique_ptr<SchoolClock> clock_;
  std::unique_ptr<IncidentService> service_;
  long long pupil_ = 0;
  Principal teacher_, dsl_;
};

TEST_F(IncidentServiceTest, RecordKeepsTheDecisionAndThePolicyVersion) {
  auto out = service_->Record(teacher_, Request("hurting_others"), "");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->step, "zone_6");
  ASSERT_GE(out->actions.size(), 2u);
  EXPECT_GT(out->actions[0].id, 0);
  auto view = service_->Get(teacher_, out->id, "");
  ASSERT_TRUE(view.ok());
  auto in_force = store_->PolicyInForce(school_, *ParseDate("2026-11-16"));
  EXPECT_EQ(view->incident.policy_version_id, in_force->id);
  EXPECT_EQ(view->incident.pupils.at(0).step, "zone_6");
  EXPECT_TRUE(view->incident.repair_due_at.has_value());
  bool call_home = false;
  for (const auto& a : view->actions) {
    call_home =
        call_home || (a.kind == "phone_call_home" && a.assignee_staff_id == teacher_.staff_id);
  }
  EXPECT_TRUE(call_home);
}

TEST_F(IncidentServiceTest, AForbiddenJumpIsRefusedWithThePolicysReason) {
  auto out = service_->Record(teacher_, Request("low_level_disruption", "time_in"), "");
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), StatusCode::kInvalid);
  EXPECT_EQ(out.status().field(), "step");
  EXPECT_NE(out.status().message().find("one at a time"), std::string::npos)
      << out.status().message();
  EXPECT_TRUE(store_->ListIncidents({school_, "dsl"})->empty());
}

TEST_F(IncidentServiceTest, BadInputNamesItsField) {
  RecordRequest r = Request("hurting_others");
  r.pupils.push_back({pupil_, "witness"});
  EXPECT_EQ(service_->Record(teacher_, r, "").status().field(), "pupils");
  r = Request("no_such_thing");
  EXPECT_EQ(service_->Record(teacher_, r, "").status().field(), "category");
  r = Request("hurting_others");
  r.perceived_function = "mischief";
  EXPECT_EQ(service_->Record(teacher_, r, "").status().field(), "perceived_function");
  r = Request("hurting_others");
  r.physical_intervention = true;
  EXPECT_EQ(service_->Record(teacher_, r, "").status().field(), "physical_intervention.hold");
  r = Request("hurting_others");
  r.occurred_at = Now() + std::chrono::hours(2);
  EXPECT_EQ(service_->Record(teacher_, r, "").status().field(), "occurred_at");
}

TEST_F(IncidentServiceTest, SafeguardingIsHiddenFromATeacherAndTheDslsReadIsAudited) {
  auto out = service_->Record(teacher_, Request("peer_on_peer_abuse"), "");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(service_->Get(teacher_, out->id, "").status().code(), StatusCode::kNotFound);
  IncidentQuery q;
  EXPECT_TRUE(service_->List(teacher_, q, "")->empty());
  ASSERT_TRUE(service_->Get(dsl_, out->id, "").ok());
  AuditQuery audit;
  audit.school_id = school_;
  audit.action = "incident.read_restricted";
  auto entries = store_->ListAudit(audit);
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ(entries->front().staff_id, dsl_.staff_id);
  EXPECT_EQ(entries->front().subject_id, out->id);
  // The DSL is alerted: a review is in the DSL's queue, not the teacher's.
  ActionService actions(*store_);
  auto dsl_queue = actions.List(dsl_, {}, "");
  ASSERT_TRUE(dsl_queue.ok());
  ASSERT_EQ(dsl_queue->size(), 1u);
  EXPECT_EQ(dsl_queue->front().kind, "dsl_review");
  EXPECT_TRUE(actions.List(teacher_, {}, "")->empty());
}

TEST_F(IncidentServiceTest, OnlyTheAdultMakingTheCallHomeSeesTheNumbersAndIsAudited) {
  auto out = service_->Record(teacher_, Request("hurting_others"), "");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ActionService actions(*store_);
  const Action* call = nullptr;
  for (const auto& a : out->actions) {
    if (a.kind == "phone_call_home") call = &a;
  }
  ASSERT_NE(call, nullptr);
  Action open = *actions.Get(teacher_, call->id, "");
  auto contacts = actions.ContactsForCall(teacher_, open, "10.0.0.1");
  ASSERT_TRUE(contacts.ok()) << contacts.status().ToString();
  EXPECT_EQ(contacts->size(), store_->ListContacts(school_, pupil_)->size());
  AuditQuery audit;
  audit.school_id = school_;
  audit.action = "pupil.read_contacts";
  auto entries = store_->ListAudit(audit);
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ(entries->front().subject_id, pupil_);
  // Another teacher, the same teacher once the call is made, and any other
  // kind of action: no numbers, and nothing more in the audit log.
  Principal support = As("support@demo.attune.school");
  EXPECT_EQ(actions.ContactsForCall(support, open, "").status().code(), StatusCode::kForbidden);
  ASSERT_TRUE(actions.Complete(teacher_, open.id, "Spoke with dad", "").ok());
  Action done = *actions.Get(teacher_, open.id, "");
  EXPECT_EQ(actions.ContactsForCall(teacher_, done, "").status().code(), StatusCode::kForbidden);
  for (const auto& a : out->actions) {
    if (a.kind == "phone_call_home") continue;
    Action other = *actions.Get(teacher_, a.id, "");
    EXPECT_EQ(actions.ContactsForCall(teacher_, other, "").status().code(), StatusCode::kForbidden);
  }
  EXPECT_EQ(store_->ListAudit(audit)->size(), 1u);
}

TEST_F(IncidentServiceTest, ConversationAndRepairCloseTheRecord) {
  auto out = service_->Record(teacher_, Request("hurting_others"), "");
  ASSERT_TRUE(out.ok());
  ActionService actions(*store_);
  RestorativeService restorative(*store_);
  for (const auto& a : out->actions) {
    if (a.kind == "phone_call_home") {
      EXPECT_EQ(actions.Complete(teacher_, a.id, " ", "").field(), "outcome");
      ASSERT_TRUE(actions.Complete(teacher_, a.id, "Spoke with mum", "").ok());
      EXPECT_EQ(actions.Complete(teacher_, a.id, "again", "").code(), StatusCode::kConflict);
    }
  }
  EXPECT_FALSE(store_->GetIncident(school_, out->id)->closed_at.has_value());
  RestorativeRequest r;
  r.incident_id = out->id;
  r.pupil_id = pupil_;
  r.pupil_answers = {"We argued at the door."};
  r.agreement = "Space at the door; tell an adult.";
  r.held_at = *ParseInstant("2026-11-16 11:00");
  r.repaired = true;
  ASSERT_TRUE(restorative.Record(teacher_, r, "").ok());
  auto view = service_->Get(teacher_, out->id, "");
  ASSERT_TRUE(view.ok());
  EXPECT_TRUE(view->incident.closed_at.has_value());
  EXPECT_TRUE(view->repaired_in_time);
  for (const auto& a : view->actions) EXPECT_EQ(a.status, "done") << a.kind;
}

// How many times `id` stands proposed for the pupil.
int Proposed(Store& store, long long school, long long pupil, const std::string& id) {
  int n = 0;
  auto list = store.ListEscalations(school, pupil, 0, "dsl");
  for (const auto& e : *list) {
    n += e.escalation == id && e.status == "proposed";
  }
  return n;
}

bool Names(const std::vector<EscalationRecord>& list, const std::string& id) {
  return std::any_of(list.begin(), list.end(),
                     [&](const EscalationRecord& e) { return e.escalation == id; });
}

TEST_F(IncidentServiceTest, AnEscalationIsProposedOnceUntilItIsDecided) {
  const std::string kPlan = "risk_reduction_after_dangerous";
  auto first = service_->Record(teacher_, Request("hurting_others"), "");
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_TRUE(Names(first->escalations, kPlan));
  EXPECT_GT(first->escalations.front().id, 0);
  RecordRequest later = Request("hurting_others");
  later.occurred_at = *ParseInstant("2026-11-17 10:05");
  auto second = service_->Record(teacher_, later, "");
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_FALSE(Names(second->escalations, kPlan));
  EXPECT_EQ(Proposed(*store_, school_, pupil_, kPlan), 1);
  // Declined, it may be proposed again by the next record.
  for (const auto& e : first->escalations) {
    if (e.escalation == kPlan)
      ASSERT_TRUE(store_->SetEscalationStatus(school_, e.id, "declined").ok());
  }
  later.occurred_at = *ParseInstant("2026-11-18 10:05");
  auto third = service_->Record(teacher_, later, "");
  ASSERT_TRUE(third.ok()) << third.status().ToString();
  EXPECT_TRUE(Names(third->escalations, kPlan));
  EXPECT_EQ(Proposed(*store_, school_, pupil_, kPlan), 1);
}

TEST_F(IncidentServiceTest, RecordsMadeAtOnceProposeAnEscalationOnce) {
  const std::string kPlan = "risk_reduction_after_dangerous";
  std::vector<std::thread> threads;
  std::atomic<int> made{0}, proposing{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      RecordRequest r = Request("hurting_others");
      r.occurred_at = *ParseInstant("2026-11-16 10:05") + std::chrono::minutes(t);
      auto out = service_->Record(teacher_, r, "");
      if (!out.ok()) return;
      ++made;
      proposing += Names(out->escalations, kPlan);
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(made.load(), 8);
  EXPECT_EQ(proposing.load(), 1);
  EXPECT_EQ(Proposed(*store_, school_, pupil_, kPlan), 1);
}

TEST_F(IncidentServiceTest, DemoHistoryIsRecordedThroughThePolicy) {
  demo::HistoryOptions options;
  options.days = 10;
  options.until = *ParseDate("2026-11-20");
  auto history = demo::RecordDemoHistory(*store_, school_, options);
  ASSERT_TRUE(history.ok()) << history.status().ToString();
  EXPECT_GT(history->records, 100);
  EXPECT_EQ(history->physical_interventions <= 1, true);
  auto rows = store_->ExportHistory(school_);
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(static_cast<long long>(rows->size()), history->records);
  // Most records are prosocial.
  long long prosocial = 0;
  for (const auto& r : *rows) prosocial += r.behaviour_class == "prosocial";
  EXPECT_GT(prosocial * 2, history->records);
}

// Issue 10 item 8: the pupil page listed a restricted record's proposal (and
// its link) to every role. The store filters every list by the rule for
// reading one record, and no role's list differs from that rule.
TEST_F(IncidentServiceTest, EveryListIsFilteredByTheRuleForReadingOneRecord) {
  auto restricted = service_->Record(teacher_, Request("peer_on_peer_abuse"), "");
  auto ordinary = service_->Record(teacher_, Request("hurting_others"), "");
  ASSERT_TRUE(restricted.ok() && ordinary.ok());
  PlanService plans(*store_, *policy_service_, *clock_);
  for (Role role : AllRoles()) {
    Principal by = teacher_;
    by.role = role;
    bool may = MayReadRecord(role, true, store_->GetIncident(school_, restricted->id)->visible_to);
    auto records = service_->List(by, IncidentQuery{}, "");
    ASSERT_TRUE(records.ok());
    bool listed = std::any_of(records->begin(), records->end(),
                              [&](const Incident& i) { return i.id == restricted->id; });
    EXPECT_EQ(listed, may) << RoleName(role) << ": records";
    auto proposals = plans.Proposals(by, pupil_, "");
    ASSERT_TRUE(proposals.ok());
    bool proposed = std::any_of(proposals->begin(), proposals->end(),
                                [&](const auto& e) { return e.incident_id == restricted->id; });
    EXPECT_EQ(proposed, may) << RoleName(role) << ": proposals";
    ActionQuery q;
    q.school_id = school_;
    q.status = "";
    q.viewer_role = RestrictedReaderName(role);
    auto actions = store_->ListActions(q);
    bool acted = std::any_of(actions->begin(), actions->end(),
                             [&](const Action& a) { return a.incident_id == restricted->id; });
    EXPECT_EQ(acted, may) << RoleName(role) << ": actions";
    EXPECT_EQ(service_->Get(by, restricted->id, "").ok(), may) << RoleName(role);
  }
}

// Issue 10 item 7: every read of restricted data is audited whichever route
// reads it; a request is one entry naming all it read (decision 0011).
TEST_F(IncidentServiceTest, ARequestsRestrictedReadsAreOneAuditEntryNamingThemAll) {
  auto first = service_->Record(teacher_, Request("peer_on_peer_abuse"), "");
  RecordRequest later = Request("peer_on_peer_abuse");
  later.occurred_at = *ParseInstant("2026-11-16 14:05");
  auto second = service_->Record(teacher_, later, "");
  ASSERT_TRUE(first.ok() && second.ok());
  Principal dsl = dsl_;
  dsl.reads = std::make_shared<ReadLedger>();
  PlanService plans(*store_, *policy_service_, *clock_);
  ActionService actions(*store_);
  IncidentQuery by_pupil;
  by_pupil.pupil_id = pupil_;
  ASSERT_EQ(service_->List(dsl, by_pupil, "")->size(), 2u);
  ASSERT_TRUE(plans.Proposals(dsl, pupil_, "").ok());
  ASSERT_TRUE(actions.List(dsl, {}, "").ok());
  ASSERT_TRUE(service_->Get(dsl, first->id, "").ok());
  AuditQuery audit;
  audit.school_id = school_;
  audit.action = "incident.read_restricted";
  EXPECT_TRUE(store_->ListAudit(audit)->empty()) << "written once the request is answered";
  ASSERT_TRUE(AuditRequestReads(*store_, dsl, "GET /pupils/1", "10.0.0.4").ok());
  auto entries = store_->ListAudit(audit);
  ASSERT_EQ(entries->size(), 1u);
  const AuditEntry& e = entries->front();
  EXPECT_EQ(e.staff_id, dsl_.staff_id);
  EXPECT_EQ(e.detail, "GET /pupils/1");
  EXPECT_EQ(e.subject_id, 0);
  std::vector<long long> both = {first->id, second->id};
  EXPECT_EQ(std::set<long long>(e.subjects.begin(), e.subjects.end()),
            std::set<long long>(both.begin(), both.end()));
  // Each record finds the read that named it among others.
  audit.subject_id = second->id;
  EXPECT_EQ(store_->ListAudit(audit)->size(), 1u);
  // The ledger is empty again; a request that read nothing restricted adds nothing.
  ASSERT_TRUE(AuditRequestReads(*store_, dsl, "GET /", "").ok());
  audit.subject_id = 0;
  EXPECT_EQ(store_->ListAudit(audit)->size(), 1u);
}

}  // namespace
}  // namespace attune
