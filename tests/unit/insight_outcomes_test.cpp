// Insight's outcomes over time (storage/insight_store.h,
// services/insight_outcomes.h) against a real SQLite file holding known
// rows, for Ferncliff Primary: a school unlike the four shipped, with its
// own consequences ("Calm room session", "Making it right") and its own
// plan ("Sunflower plan"). Month by month in London time; repair done in
// time, late, still open and closed as "no repair"; filters by year, form
// and pupil group; equity with counts of 1 and 2 suppressed; a second
// school's rows never counted.
#include "services/insight_outcomes.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "ferncliff_policy.h"
#include "services/policy_service.h"
#include "services/school_clock.h"
#include "test_store.h"

namespace attune {
namespace {

// Ferncliff Primary's own consequences and plan.
const std::string kPolicy = test_policies::FerncliffWithPlan(R"(
[[consequences]]
id = "calm_room"
name = "Calm room session"
kind = "protective"
[[consequences]]
id = "make_it_right"
name = "Making it right"
kind = "educational"
[[plans]]
id = "sunflower"
name = "Sunflower plan"
owner = "senior"
)");

// UTC seconds of a London wall-clock time.
long long At(const char* london) {
  std::string s(london);
  Date d = *ParseDate(s.substr(0, 10));
  int minutes = std::stoi(s.substr(11, 2)) * 60 + std::stoi(s.substr(14, 2));
  return ToUnix(LondonInstant(d, minutes));
}

class InsightOutcomesTest : public testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (HasFatalFailure()) return;
    PolicyVersion draft;
    draft.school_id = school_id_;
    draft.source_text = kPolicy;
    draft.school_name = "Ferncliff Primary";
    auto v = store_->CreatePolicyVersion(draft, 0);
    ASSERT_TRUE(v.ok()) << v.status().ToString();
    ASSERT_TRUE(store_->ActivatePolicyVersion(school_id_, v->id, *ParseDate("2024-09-01"), 0).ok());
    ASSERT_EQ(sqlite3_open((dir_ / "attune.db").c_str(), &db_), SQLITE_OK);
    sqlite3_busy_timeout(db_, 5000);
    School other;
    other.name = "Another School";
    other_ = *store_->CreateSchool(other);
    Sql("INSERT INTO forms (id, school_id, name, year_group) VALUES (71, " + S() +
        ", '7A', 7), (82, " + S() + ", '8B', 8), (99, " + std::to_string(other_) + ", '7Z', 7)");
    // Year 7 (form 7A): P1 a girl on SEN support with free school meals,
    // P2 a boy of Asian heritage, P10-P12 girls. Year 8 (form 8B): P3 a
    // girl with an EHC plan of Chinese heritage, P4-P9 boys.
    Pupil(1, 7, 71, "F", "K", "WBRI", 0, 1);
    Pupil(2, 7, 71, "M", "N", "ABAN", 0, 0);
    Pupil(3, 8, 82, "F", "E", "CHNE", 1, 0);
    for (int p = 4; p <= 9; ++p) Pupil(p, 8, 82, "M", "N", "WBRI", 0, 0);
    for (int p = 10; p <= 12; ++p) Pupil(p, 7, 71, "F", "N", "WBRI", 0, 0);
    policy_ = v->id;
  }
  void TearDown() override {
    insight_.reset();
    clock_.reset();
    policies_.reset();
    sqlite3_close(db_);
    StoreTest::TearDown();
  }

  std::string S() const { return std::to_string(school_id_); }
  void Sql(const std::string& sql) {
    char* error = nullptr;
    ASSERT_EQ(sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK)
        << (error ? error : "") << "\n"
        << sql;
  }
  void Pupil(int id, int year, int form, const char* sex, const char* sen, const char* ethnicity,
             int ehcp, int fsm, long long school = 0) {
    Sql("INSERT INTO pupils (id, school_id, upn, first_name, last_name, date_of_birth, "
        "year_group, form_id, sex, sen_status, ethnicity_code, ehcp, fsm, created_at) VALUES (" +
        std::to_string(id) + ", " + std::to_string(school ? school : school_id_) + ", 'U" +
        std::to_string(id) + "', 'P', 'Pupil', '2014-01-01', " + std::to_string(year) + ", " +
        std::to_string(form) + ", '" + sex + "', '" + sen + "', '" + ethnicity + "', " +
        std::to_string(ehcp) + ", " + std::to_string(fsm) + ", 0)");
  }
  // A record at `london` about `involved` (and a witness, who never counts).
  void Record(int id, const char* london, std::vector<int> involved, bool physical,
              bool restricted = false, long long school = 0) {
    std::string s = std::to_string(school ? school : school_id_);
    std::string at = std::to_string(At(london));
    Sql("INSERT INTO incidents (id, school_id, policy_version_id, category, behaviour_class, "
        "occurred_at, recorded_at, physical_intervention, restricted, visible_to) VALUES (" +
        std::to_string(id) + ", " + s + ", " + std::to_string(policy_) + ", 'wandering', " +
        "'difficult', " + at + ", " + at + ", " + (physical ? "1" : "0") + ", " +
        (restricted ? "1, 'dsl,senior'" : "0, ''") + ")");
    for (int p : involved) {
      Sql("INSERT INTO incident_pupils (incident_id, pupil_id, school_id, role, occurred_at, "
          "category) VALUES (" +
          std::to_string(id) + ", " + std::to_string(p) + ", " + s + ", 'involved', " + at +
          ", 'wandering')");
    }
    if (physical) {
      Sql("INSERT INTO physical_interventions (incident_id, school_id) VALUES (" +
          std::to_string(id) + ", " + s + ")");
    }
  }
  void Consequence(int incident, const char* id, const char* london, long long school = 0) {
    Sql("INSERT INTO consequences (incident_id, consequence, protective, school_id, "
        "occurred_at) VALUES (" +
        std::to_string(incident) + ", '" + id + "', 0, " +
        std::to_string(school ? school : school_id_) + ", " + std::to_string(At(london)) + ")");
  }
  void Suspension(int incident, const char* outcome, const char* starts_on, int days) {
    Sql("INSERT INTO suspensions (incident_id, school_id, outcome, starts_on, school_days) "
        "VALUES (" +
        std::to_string(incident) + ", " + S() + ", '" + outcome + "', '" + starts_on + "', " +
        std::to_string(days) + ")");
  }
  // A follow-up for `pupil` due at `due`, done at `done` ("" for open).
  void FollowUp(int incident, int pupil, const char* kind, const char* due, const char* done) {
    bool open = std::string(done).empty();
    Sql("INSERT INTO actions (school_id, incident_id, pupil_id, kind, label, assignee_role, "
        "due_at, status, completed_at, created_at) VALUES (" +
        S() + ", " + std::to_string(incident) + ", " + std::to_string(pupil) + ", '" + kind +
        "', 'x', 'teacher', " + std::to_string(At(due)) + ", '" + (open ? "open" : "done") + "', " +
        (open ? "NULL" : std::to_string(At(done))) + ", 0)");
  }
  void NoRepair(int incident, int pupil) {
    Sql("INSERT INTO no_repairs (incident_id, pupil_id, school_id, reason, note, recorded_at) "
        "VALUES (" +
        std::to_string(incident) + ", " + std::to_string(pupil) + ", " + S() +
        ", 'pupil_declined', 'Offered three times.', 0)");
  }
  void Plan(int pupil, const char* plan, const char* started, const char* ended,
            const char* outcome) {
    bool active = std::string(ended).empty();
    Sql("INSERT INTO plans (school_id, pupil_id, plan, name, started_on, ends_on, status, "
        "outcome, created_at) VALUES (" +
        S() + ", " + std::to_string(pupil) + ", '" + plan + "', 'x', '" + started + "', " +
        (active ? "NULL" : "'" + std::string(ended) + "'") + ", '" + (active ? "active" : "ended") +
        "', '" + outcome + "', 0)");
  }

  // The rows every test counts (see each test for what they add up to).
  void KnownRows() {
    Record(1, "2025-03-10 10:00", {1}, true);
    // 00:30 on 1 April in summer time is 23:30 on 31 March in UTC: April's.
    Record(2, "2025-04-01 00:30", {3, 4}, true, true);
    Record(3, "2025-04-15 11:00", {5}, false);
    Record(4, "2025-03-20 09:00", {6}, false);
    Record(5, "2025-03-21 09:00", {6}, false);
    Consequence(1, "calm_room", "2025-03-10 10:00");
    Consequence(2, "calm_room", "2025-04-01 00:30");
    Consequence(2, "make_it_right", "2025-04-01 00:30");
    Consequence(3, "make_it_right", "2025-04-15 11:00");
    Suspension(2, "suspended", "2025-04-02", 3);
    Suspension(3, "suspended", "2025-04-16", 2);
    Suspension(4, "", "", 0);                                          // not yet decided
    Suspension(5, "not_suspended", "2025-03-24", 0);                   // decided against
    FollowUp(1, 1, "repair", "2025-03-10 16:00", "2025-03-10 15:00");  // in time
    FollowUp(1, 1, "restorative_conversation", "2025-03-11 16:00",
             "2025-03-12 09:00");                                      // late
    FollowUp(4, 6, "repair", "2025-03-20 16:00", "");                  // still open
    FollowUp(5, 6, "repair", "2025-03-21 16:00", "2025-03-25 09:00");  // no repair
    NoRepair(5, 6);
    FollowUp(1, 1, "phone_call_home", "2025-03-10 16:00", "");         // not a repair
    FollowUp(2, 3, "repair", "2025-04-01 16:00", "2025-04-01 12:00");  // in time
    FollowUp(2, 4, "repair", "2025-04-02 16:00", "2025-04-08 10:00");  // no repair, then one
    NoRepair(2, 4);
    Sql("INSERT INTO restorative_conversations (school_id, incident_id, pupil_id, held_at, "
        "repaired, created_at) VALUES (" +
        S() + ", 2, 4, 0, 1, 0)");
    Plan(1, "sunflower", "2025-03-03", "", "");
    Plan(2, "sunflower", "2025-03-05", "2025-04-10", "successful");
    Plan(3, "sunflower", "2025-02-20", "2025-03-25", "unsuccessful");
    Plan(4, "old_plan", "2025-04-01", "", "");
    // Another school's, in the same months: never counted here.
    Pupil(50, 7, 99, "F", "N", "WBRI", 0, 0, other_);
    Record(50, "2025-03-12 10:00", {50}, true, false, other_);
    Consequence(50, "calm_room", "2025-03-12 10:00", other_);
  }

  static std::vector<OutcomeMonth> MarchApril() {
    return {{"2025-03", *ParseDate("2025-03-01"), *ParseDate("2025-03-31")},
            {"2025-04", *ParseDate("2025-04-01"), *ParseDate("2025-04-30")}};
  }

  // Each month's total of `rows` with `what` and `how` ("*" for any).
  static std::vector<long long> Sum(const std::vector<OutcomeCount>& rows, const std::string& what,
                                    const std::string& how, bool days = false) {
    std::vector<long long> out(2, 0);
    for (const auto& r : rows) {
      if ((what == "*" || r.what == what) && (how == "*" || r.how == how)) {
        out.at(r.month) += days ? r.days : r.count;
      }
    }
    return out;
  }

  // The service over the store, and March and April 2025 asked of it.
  InsightService& Insight() {
    if (!insight_) {
      policies_ = std::make_unique<PolicyService>(*store_);
      clock_ = std::make_unique<SchoolClock>(*store_);
      insight_ = std::make_unique<InsightService>(*store_, *policies_, *clock_);
    }
    return *insight_;
  }
  static InsightQuery Spring() {
    InsightQuery q;
    q.from = *ParseDate("2025-03-01");
    q.to = *ParseDate("2025-04-30");
    return q;
  }

  Principal Leader(Role role = Role::kSenior) {
    Principal p;
    p.school_id = school_id_;
    p.role = role;
    return p;
  }

  std::unique_ptr<PolicyService> policies_;
  std::unique_ptr<SchoolClock> clock_;
  std::unique_ptr<InsightService> insight_;
  sqlite3* db_ = nullptr;
  long long other_ = 0;
  long long policy_ = 0;
};

using Months = std::vector<long long>;

TEST_F(InsightOutcomesTest, CountsEachMonthInLondonTimeFromTheStore) {
  KnownRows();
  auto c = store_->CountOutcomes(school_id_, MarchApril(), "dsl");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  // Pupils of records with a physical intervention, the restricted one too
  // for the DSL and senior leaders, whom it names; not for a pastoral lead
  // (decision 0023).
  EXPECT_EQ(Sum(c->physical, "*", "*"), (Months{1, 2}));
  auto pastoral = store_->CountOutcomes(school_id_, MarchApril(), "pastoral");
  ASSERT_TRUE(pastoral.ok());
  EXPECT_EQ(Sum(pastoral->physical, "*", "*"), (Months{1, 0}));
  EXPECT_EQ(Sum(c->consequences, "calm_room", "*"), (Months{1, 2}));
  EXPECT_EQ(Sum(c->consequences, "make_it_right", "*"), (Months{0, 3}));
  // Decided suspensions only, by the day they start: three pupils, 3 + 3 + 2 days.
  EXPECT_EQ(Sum(c->suspensions, "*", "*"), (Months{0, 3}));
  EXPECT_EQ(Sum(c->suspensions, "*", "*", true), (Months{0, 8}));
  EXPECT_EQ(Sum(c->repairs, "*", "in_time"), (Months{1, 1}));
  EXPECT_EQ(Sum(c->repairs, "*", "late"), (Months{1, 1}));  // April's: repaired after "no repair"
  EXPECT_EQ(Sum(c->repairs, "*", "open"), (Months{1, 0}));
  EXPECT_EQ(Sum(c->repairs, "*", "not_repaired"), (Months{1, 0}));
  EXPECT_EQ(Sum(c->repairs, "restorative_conversation", "*"), (Months{1, 0}));
  EXPECT_EQ(Sum(c->plans_started, "sunflower", "*"), (Months{2, 0}));
  EXPECT_EQ(Sum(c->plans_started, "old_plan", "*"), (Months{0, 1}));
  EXPECT_EQ(Sum(c->plans_ended, "sunflower", "successful"), (Months{0, 1}));
  EXPECT_EQ(Sum(c->plans_ended, "sunflower", "unsuccessful"), (Months{1, 0}));
  // Each count knows its pupil: the girl with an EHC plan in 8B.
  bool found = false;
  for (const auto& r : c->physical) {
    if (r.form_id == 82 && r.groups.sex == "F") {
      found = true;
      EXPECT_EQ(r.year_group, 8);
      EXPECT_TRUE(r.groups.ehcp);
      EXPECT_EQ(r.groups.ethnicity_code, "CHNE");
    }
  }
  EXPECT_TRUE(found);
  // The other school has its own.
  auto theirs = store_->CountOutcomes(other_, MarchApril(), "dsl");
  ASSERT_TRUE(theirs.ok());
  EXPECT_EQ(Sum(theirs->physical, "*", "*"), (Months{1, 0}));
  EXPECT_EQ(Sum(theirs->consequences, "calm_room", "*"), (Months{1, 0}));
  EXPECT_TRUE(theirs->repairs.empty());
}

TEST_F(InsightOutcomesTest, AMonthCutByTheWindowCountsOnlyItsDays) {
  KnownRows();
  auto c = store_->CountOutcomes(
      school_id_, {{"2025-03", *ParseDate("2025-03-15"), *ParseDate("2025-03-31")}}, "dsl");
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(c->physical.empty());  // 10 March is before the window
  EXPECT_EQ(Sum(c->repairs, "*", "open")[0], 1);
  EXPECT_EQ(Sum(c->repairs, "*", "in_time")[0], 0);
}

TEST_F(InsightOutcomesTest, TheServiceNamesWhatTheSchoolsOwnPolicyDefines) {
  KnownRows();
  InsightService& insight = Insight();
  InsightQuery q = Spring();
  auto o = insight.Outcomes(Leader(), q);
  ASSERT_TRUE(o.ok()) << o.status().ToString();
  ASSERT_EQ(o->months.size(), 2u);
  EXPECT_EQ(o->months[1].name, "2025-04");
  ASSERT_EQ(o->consequences.size(), 2u);  // the policy's two, in its order
  EXPECT_EQ(o->consequences[0].line.name, "Calm room session");
  EXPECT_TRUE(o->consequences[0].protective);
  EXPECT_EQ(o->consequences[0].line.counts, (Months{1, 2}));
  EXPECT_EQ(o->consequences[1].line.name, "Making it right");
  EXPECT_FALSE(o->consequences[1].protective);
  EXPECT_EQ(o->consequences[1].line.total, 3);
  EXPECT_EQ(o->physical.counts, (Months{1, 2}));
  EXPECT_EQ(o->suspensions.total, 3);
  EXPECT_EQ(o->suspension_days.total, 8);
  EXPECT_EQ(o->in_time.counts, (Months{1, 1}));
  EXPECT_EQ(o->late.counts, (Months{1, 1}));
  EXPECT_EQ(o->open.counts, (Months{1, 0}));
  EXPECT_EQ(o->not_repaired.counts, (Months{1, 0}));
  EXPECT_EQ(o->repair_words, (std::vector<std::string>{"Restorative conversation",
                                                       "Repair with the adult involved"}));
  // The policy's plan, then one a record holds that it no longer names.
  ASSERT_EQ(o->plans.size(), 2u);
  EXPECT_EQ(o->plans[0].name, "Sunflower plan");
  EXPECT_EQ(o->plans[0].started.counts, (Months{2, 0}));
  EXPECT_EQ(o->plans[0].successful.total, 1);
  EXPECT_EQ(o->plans[0].unsuccessful.total, 1);
  EXPECT_EQ(o->plans[1].id, "old_plan");
  EXPECT_EQ(o->plans[1].started.total, 1);
}

TEST_F(InsightOutcomesTest, YearFormAndPupilGroupFiltersChooseThePupilsCounted) {
  KnownRows();
  InsightService& insight = Insight();
  InsightQuery q = Spring();
  InsightQuery year7 = q;
  year7.years = 1u << 7;
  EXPECT_EQ(insight.Outcomes(Leader(), year7)->physical.counts, (Months{1, 0}));
  InsightQuery form = q;
  form.forms = {82};
  EXPECT_EQ(insight.Outcomes(Leader(), form)->physical.counts, (Months{0, 2}));
  InsightQuery girls = q;
  girls.groups = insight::kFemale;
  auto g = insight.Outcomes(Leader(), girls);
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(g->physical.counts, (Months{1, 1}));
  EXPECT_EQ(g->suspensions.total, 1);
  EXPECT_EQ(g->suspension_days.total, 3);
}

TEST_F(InsightOutcomesTest, OnlyWholeSchoolRolesAskAndEquityNeedsSpecialCategoryAccess) {
  KnownRows();
  InsightService& insight = Insight();
  InsightQuery q = Spring();
  for (Role r : {Role::kTeacher, Role::kSupport, Role::kAdmin}) {
    auto o = insight.Outcomes(Leader(r), q);
    EXPECT_EQ(o.status().code(), StatusCode::kForbidden) << RoleName(r);
  }
  for (Role r : {Role::kSenior, Role::kPastoral, Role::kSenco, Role::kDsl}) {
    auto o = insight.Outcomes(Leader(r), q);
    ASSERT_TRUE(o.ok()) << RoleName(r) << ": " << o.status().ToString();
    EXPECT_TRUE(o->equity_shown) << RoleName(r);
  }
  InsightQuery one = q;
  one.pupil_id = 3;
  EXPECT_EQ(insight.Outcomes(Leader(), one).status().code(), StatusCode::kInvalid);
}

TEST_F(InsightOutcomesTest, EquityForEachConsequenceAndSuspensionsSuppressesOneAndTwo) {
  KnownRows();
  InsightService& insight = Insight();
  InsightQuery q = Spring();
  q.years = 1u << 7;  // equity is the whole school's whatever the page's filters
  auto o = insight.Outcomes(Leader(), q, false);
  ASSERT_TRUE(o.ok()) << o.status().ToString();
  ASSERT_EQ(o->equity.size(), 3u);
  EXPECT_EQ(o->equity[0].name, "Calm room session");
  EXPECT_EQ(o->equity[1].name, "Making it right");
  EXPECT_EQ(o->equity[2].id, "suspensions");
  auto row = [](const OutcomeEquity& e, const std::string& group) {
    for (const auto& r : e.rows) {
      if (r.group == group) return r;
    }
    ADD_FAILURE() << "no row for " << group << " in " << e.name;
    return EquityRow{};
  };
  // Making it right: P3 and P4 (record 2) and P5 (record 3), all in year 8
  // (7 pupils): 3 records; a table of fewer than 10 records shows no
  // group's, as the zeros beside them would say whose they are.
  EquityRow y8 = row(o->equity[1], "Year 8");
  EXPECT_EQ(y8.pupils, 7);
  EXPECT_EQ(y8.records, 3);
  EXPECT_TRUE(y8.suppressed);
  EXPECT_FALSE(y8.records_shown);
  EXPECT_FALSE(y8.per_100);
  EXPECT_TRUE(y8.pupils_shown);
  // One girl (P3) and two boys: both counts suppressed, no rate on them.
  EquityRow girls = row(o->equity[1], "Girls");
  EXPECT_EQ(girls.records, 1);
  EXPECT_TRUE(girls.suppressed);
  EXPECT_FALSE(girls.records_shown);
  EXPECT_FALSE(girls.per_100);
  EquityRow boys = row(o->equity[1], "Boys");
  EXPECT_EQ(boys.records, 2);
  EXPECT_TRUE(boys.suppressed);
  EXPECT_FALSE(boys.per_100);
  EXPECT_FALSE(boys.relative_risk);
  // Suspensions: the same three pupils; Chinese heritage is one pupil.
  EquityRow chinese = row(o->equity[2], "Chinese");
  EXPECT_EQ(chinese.pupils, 1);
  EXPECT_FALSE(chinese.pupils_shown);
  EXPECT_EQ(row(o->equity[2], "Year 8").records, 3);
  // Calm room: P1 (year 7), P3 and P4 (year 8): 1 and 2, both suppressed.
  EXPECT_TRUE(row(o->equity[0], "Year 7").suppressed);
  EXPECT_TRUE(row(o->equity[0], "Year 8").suppressed);
}

}  // namespace
}  // namespace attune
