// The demo school: deterministic, complete, and safe to run twice.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "demo/calendar.h"
#include "demo/demo_school.h"
#include "demo/history.h"
#include "policy/plan_rules.h"
#include "policy/school_time.h"
#include "services/policy_service.h"
#include "services/school_clock.h"
#include "test_store.h"

namespace attune {
namespace {

class DemoTest : public testing::StoreTest {};

// The school alone: history is recorded by its own test below.
demo::DemoOptions NoHistory() {
  demo::DemoOptions options;
  options.days = 0;
  return options;
}

std::vector<std::string> PupilFingerprints(Store& store, long long school_id) {
  std::vector<std::string> out;
  auto pupils = store.SearchPupils(school_id, "", 100, 0);
  EXPECT_TRUE(pupils.ok());
  for (const auto& p : *pupils) {
    out.push_back(p.upn + p.first_name + p.last_name + FormatDate(p.date_of_birth) + p.form_name +
                  SenCode(p.sen) + p.ethnicity_code);
  }
  return out;
}

TEST_F(DemoTest, SameSeedGivesTheSameSchool) {
  demo::DemoOptions options = NoHistory();
  options.pupils = 100;
  auto first = demo::GenerateDemo(*store_, options);
  ASSERT_TRUE(first.ok()) << first.status().ToString();

  StoreOptions other_options;
  other_options.path = (dir_ / "other.db").string();
  auto other = OpenStore(other_options);
  ASSERT_TRUE(other.ok());
  ASSERT_TRUE((*other)->Migrate().ok());
  auto second = demo::GenerateDemo(**other, options);
  ASSERT_TRUE(second.ok());

  auto a = PupilFingerprints(*store_, first->school_ids[0]);
  auto b = PupilFingerprints(**other, second->school_ids[0]);
  EXPECT_EQ(a.size(), 100u);
  EXPECT_EQ(a, b);

  options.seed = 7;
  StoreOptions third_options;
  third_options.path = (dir_ / "third.db").string();
  auto third = OpenStore(third_options);
  ASSERT_TRUE((*third)->Migrate().ok());
  auto different = demo::GenerateDemo(**third, options);
  ASSERT_TRUE(different.ok());
  EXPECT_NE(a, PupilFingerprints(**third, different->school_ids[0]));
}

TEST_F(DemoTest, EveryRoleCanSignInAndTheTimetableHasNoClashes) {
  auto result = demo::GenerateDemo(*store_, NoHistory());
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ASSERT_EQ(result->sign_ins.size(), AllRoles().size());
  long long school = result->school_ids[0];
  EXPECT_EQ(*store_->CountPupils(school), 400);
  for (const auto& s : result->sign_ins) {
    auto staff = store_->FindStaffByEmail(s.email);
    ASSERT_TRUE(staff.ok()) << s.email;
    EXPECT_EQ(RoleName(staff->role), s.role);
  }
  // The first teacher teaches every weekday, and nobody is in two places at once.
  auto teacher = store_->FindStaffByEmail("teacher@demo.attune.school");
  std::set<std::tuple<int, long long, long long>> room_slots;  // weekday, period, room
  for (int weekday = 1; weekday <= 5; ++weekday) {
    auto lessons = store_->LessonsFor(school, teacher->id, weekday);
    ASSERT_TRUE(lessons.ok());
    EXPECT_FALSE(lessons->empty()) << "weekday " << weekday;
    std::set<long long> periods;
    for (const auto& l : *lessons) EXPECT_TRUE(periods.insert(l.period_id).second);
  }
  auto everyone = store_->ListStaff(school);
  ASSERT_TRUE(everyone.ok());
  for (const auto& staff : *everyone) {
    for (int weekday = 1; weekday <= 5; ++weekday) {
      auto lessons = store_->LessonsFor(school, staff.id, weekday);
      ASSERT_TRUE(lessons.ok());
      for (const auto& l : *lessons) {
        if (l.place_id == 0) continue;
        EXPECT_TRUE(room_slots.insert({weekday, l.period_id, l.place_id}).second)
            << "room " << l.place_name << " double-booked";
      }
    }
  }
  // Places include the regulation spaces; five year groups of four forms.
  auto places = store_->ListPlaces(school);
  ASSERT_TRUE(places.ok());
  EXPECT_TRUE(std::any_of(places->begin(), places->end(),
                          [](const Place& p) { return p.kind == "regulation"; }));
  auto forms = store_->ListForms(school);
  ASSERT_TRUE(forms.ok());
  EXPECT_EQ(forms->size(), 20u);
  // The calendar covers today's half-term and has INSET days.
  auto calendar = store_->ListCalendar(school);
  ASSERT_TRUE(calendar.ok());
  int inset = 0;
  for (const auto& e : *calendar) inset += e.kind == "inset";
  EXPECT_GE(inset, 5);
}

TEST_F(DemoTest, RunningTwiceIsRefusedAndWritesNothing) {
  ASSERT_TRUE(demo::GenerateDemo(*store_, NoHistory()).ok());
  auto schools_before = store_->ListSchools()->size();
  auto again = demo::GenerateDemo(*store_, NoHistory());
  EXPECT_EQ(again.status().code(), StatusCode::kConflict);
  EXPECT_EQ(store_->ListSchools()->size(), schools_before);
}

// The generated 2026/27 year keeps the dates the demo has always had.
TEST(DemoCalendar, TwentyTwentySixIsTheTypicalEnglishYear) {
  auto year = demo::SchoolYearCalendar(2026);
  auto find = [&](const std::string& kind, const std::string& name) {
    for (const auto& e : year) {
      if (e.kind == kind && e.name == name)
        return FormatDate(e.starts_on) + "/" + FormatDate(e.ends_on);
    }
    return std::string("missing");
  };
  EXPECT_EQ(find("term", "Autumn"), "2026-09-02/2026-12-18");
  EXPECT_EQ(find("term", "Spring"), "2027-01-05/2027-03-25");  // Good Friday is 26 March
  EXPECT_EQ(find("term", "Summer"), "2027-04-12/2027-07-21");
  EXPECT_EQ(find("holiday", "October half-term"), "2026-10-26/2026-10-30");
  EXPECT_EQ(find("holiday", "Christmas holiday"), "2026-12-21/2027-01-01");
  EXPECT_EQ(find("holiday", "February half-term"), "2027-02-15/2027-02-19");
  EXPECT_EQ(find("holiday", "Easter holiday"), "2027-03-26/2027-04-09");
  EXPECT_EQ(find("holiday", "May half-term"), "2027-05-31/2027-06-04");
  EXPECT_EQ(find("half_term", "Summer 2"), "2027-06-07/2027-07-21");
  int inset = 0;
  for (const auto& e : year) inset += e.kind == "inset";
  EXPECT_EQ(inset, 5);
}

// Every year of the calendar is a school year: about 190 school days, the
// Easter holiday around Easter, and no school day in the summer holiday.
TEST(DemoCalendar, EveryYearHasAboutOneHundredAndNinetySchoolDays) {
  std::vector<CalendarEntry> all;
  for (int y = demo::kFirstSchoolYear; y <= demo::kLastSchoolYear; ++y) {
    for (const auto& e : demo::SchoolYearCalendar(y)) all.push_back(e);
  }
  policy::SchoolTime time(all, {});
  for (int y = demo::kFirstSchoolYear; y <= demo::kLastSchoolYear; ++y) {
    Date first = date::year{y} / date::September / date::day{1};
    Date last = date::year{y + 1} / date::August / date::day{31};
    int days = 0;
    for (Date d = first; !(last < d); d = date::sys_days(d) + date::days{1}) {
      days += time.IsSchoolDay(d);
    }
    EXPECT_GE(days, 180) << y;
    EXPECT_LE(days, 195) << y;
    EXPECT_FALSE(time.IsSchoolDay(date::year{y + 1} / date::August / date::day{3})) << y;
  }
  // Easter Sunday 2024 was 31 March; 2022's was 17 April (a late Easter).
  EXPECT_FALSE(time.IsSchoolDay(*ParseDate("2024-03-29")));  // Good Friday
  EXPECT_FALSE(time.IsSchoolDay(*ParseDate("2022-04-19")));
  EXPECT_TRUE(time.IsSchoolDay(*ParseDate("2022-05-03")));
}

// Five years of history: a Year 11 pupil's begins when they joined Year 7
// in September 2022, a Year 7 pupil's this September; the same every time.
TEST_F(DemoTest, FiveYearsOfHistoryBeginWhenEachPupilJoined) {
  demo::DemoOptions options = NoHistory();
  options.pupils = 50;
  auto made = demo::GenerateDemo(*store_, options);
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  long long school = made->school_ids[0];
  demo::HistoryOptions history;
  history.years = 5;
  history.until = *ParseDate("2026-12-05");
  auto events = demo::DemoHistoryEvents(*store_, school, history);
  ASSERT_TRUE(events.ok()) << events.status().ToString();
  auto pupils = store_->SearchPupils(school, "", 100, 0);
  ASSERT_TRUE(pupils.ok());
  std::map<long long, int> year_of;
  for (const auto& p : *pupils) year_of[p.id] = p.year_group;
  std::map<int, Date> first_by_year;
  for (const auto& e : *events) {
    Date d = LondonDate(e.at);
    auto [it, added] = first_by_year.emplace(year_of[e.pupil_id], d);
    if (!added && d < it->second) it->second = d;
  }
  ASSERT_EQ(first_by_year.size(), 5u);
  EXPECT_EQ(FormatDate(first_by_year[11]).substr(0, 7), "2022-09");
  EXPECT_EQ(FormatDate(first_by_year[9]).substr(0, 7), "2024-09");
  EXPECT_EQ(FormatDate(first_by_year[7]).substr(0, 7), "2026-09");
  EXPECT_LT(LondonDate(events->back().at), *ParseDate("2026-12-05"));
  // About two thirds of a record per pupil per school day, over the years.
  EXPECT_GT(events->size(), 50u * 250u);

  auto again = demo::DemoHistoryEvents(*store_, school, history);
  ASSERT_TRUE(again.ok());
  ASSERT_EQ(again->size(), events->size());
  for (size_t i = 0; i < events->size(); i += 97) {
    EXPECT_EQ((*again)[i].pupil_id, (*events)[i].pupil_id);
    EXPECT_EQ((*again)[i].at, (*events)[i].at);
  }
  // Days reach back over the years too, and out of range names the option.
  history.years = 0;
  history.days = 900;
  auto by_days = demo::DemoHistoryEvents(*store_, school, history);
  ASSERT_TRUE(by_days.ok());
  EXPECT_LT(LondonDate(by_days->front().at), *ParseDate("2023-01-01"));
  history.years = 6;
  EXPECT_EQ(demo::DemoHistoryEvents(*store_, school, history).status().field(), "years");
}

// Issue 13: children on each kind of plan the policy has, every form as the
// policy takes it, some reviews overdue, and Daily Positive Reporting that
// did not help followed by a Wellbeing Action Plan (seed 004's path).
TEST_F(DemoTest, ChildrenAreOnEveryKindOfPlanWithSomeReviewsOverdue) {
  demo::DemoOptions options;
  options.pupils = 120;
  options.days = 10;
  auto made = demo::GenerateDemo(*store_, options);
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  long long school = made->school_ids[0];
  EXPECT_GE(made->plans, 6);
  auto loaded = PolicyService(*store_).InForce(school, LondonDate(Now()));
  ASSERT_TRUE(loaded.ok());
  const policy::Policy& policy = *loaded->policy;
  auto time = SchoolClock(*store_).For(school);
  ASSERT_TRUE(time.ok());
  Date today = LondonDate(Now());

  PlanQuery all;
  all.school_id = school;
  all.status = "";
  all.viewer_sees_all = true;
  all.limit = 1000;
  auto plans = store_->ListSchoolPlans(all);
  ASSERT_TRUE(plans.ok());
  std::map<std::string, int> by_type;
  std::map<long long, std::vector<PupilPlan>> by_pupil;
  for (const auto& p : *plans) {
    ++by_type[p.plan];
    by_pupil[p.pupil_id].push_back(p);
    const policy::Plan* type = policy.FindPlan(p.plan);
    ASSERT_NE(type, nullptr) << p.plan;
    // Every form passes the policy's check, and is kept as the service keeps it.
    auto check = [&](policy::PlanStage stage, const std::string& text, const std::string& what) {
      nlohmann::json fields = nlohmann::json::parse(text), clean;
      auto problems = policy::CheckFields(*type, stage, fields, clean);
      for (const auto& problem : problems) {
        ADD_FAILURE() << p.name << " " << what << ": " << problem.field << ": " << problem.message;
      }
      EXPECT_EQ(clean, fields) << p.name << " " << what;
    };
    check(policy::PlanStage::kStart, p.fields, "start");
    if (p.status == "ended") check(policy::PlanStage::kEnd, p.end_fields, "end");
    auto entries = store_->ListPlanEntries(school, p.id);
    ASSERT_TRUE(entries.ok());
    int daily = 0;
    for (const auto& e : *entries) {
      EXPECT_TRUE((*time)->IsSchoolDay(e.on)) << FormatDate(e.on);
      EXPECT_LT(e.on, today);
      check(e.kind == "review" ? policy::PlanStage::kReview : policy::PlanStage::kEntry, e.fields,
            e.kind + " of " + FormatDate(e.on));
      daily += e.kind == "entry";
    }
    // Daily Positive Reporting running now has an entry for each school day so far.
    if (p.plan == "daily_positive_reporting" && p.status == "active") {
      int days = 0;
      for (std::optional<Date> d = p.started_on; d && *d < today; d = (*time)->NextSchoolDay(*d)) {
        ++days;
      }
      EXPECT_EQ(daily, days) << "from " << FormatDate(p.started_on);
    }
  }
  for (const auto& type : policy.plans) EXPECT_GE(by_type[type.id], 1) << type.id;
  EXPECT_GE(by_pupil.size(), 6u);

  // Some reviews are overdue: due before now, still open.
  ActionQuery overdue;
  overdue.school_id = school;
  overdue.kind = "plan_review";
  overdue.due_before = Now();
  overdue.viewer_role = RestrictedReaderName(Role::kSenior);
  auto late = store_->ListActions(overdue);
  ASSERT_TRUE(late.ok());
  EXPECT_FALSE(late->empty());
  for (const auto& a : *late) EXPECT_NE(a.plan_id, 0);

  // Daily Positive Reporting that did not help, then a Wellbeing Action Plan.
  bool followed = false;
  for (const auto& [pupil, list] : by_pupil) {
    for (const auto& dpr : list) {
      if (dpr.plan != "daily_positive_reporting" || dpr.outcome != "unsuccessful") continue;
      for (const auto& wap : list) {
        followed |= wap.plan == "wap" && dpr.ends_on && !(wap.started_on < *dpr.ends_on);
      }
    }
  }
  EXPECT_TRUE(followed);
}

TEST_F(DemoTest, OptionsOutOfRangeNameTheOption) {
  demo::DemoOptions options;
  options.pupils = -1;
  EXPECT_EQ(demo::GenerateDemo(*store_, options).status().field(), "pupils");
}

}  // namespace
}  // namespace attune
