// The demo school: deterministic, complete, and safe to run twice.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <tuple>

#include "demo/demo_school.h"
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

TEST_F(DemoTest, OptionsOutOfRangeNameTheOption) {
  demo::DemoOptions options;
  options.pupils = -1;
  EXPECT_EQ(demo::GenerateDemo(*store_, options).status().field(), "pupils");
}

}  // namespace
}  // namespace attune
