// A synthetic local authority's behaviour records, for the insight
// benchmarks (insight_engine.cpp, insight_bench.cpp): 200 schools of 750
// pupils (150,000), five school years of 39 weeks from Monday 6 September
// 2021, and as many involved-pupil rows as asked for, with the skew real
// records have: Monday and Friday above the other weekdays, the hours after
// lunch above the morning, a few pupils in each school with many records
// (a pupil's place in the school is drawn from a geometric distribution),
// and one record in ten about two or three pupils.
//
// Rows come in the order a store gives them: by time, the rows of one
// record together, records numbered from 1 in that order. Every value is a
// small integer; the names and ids the engine and SQL see are made from
// them by the functions below, so every consumer sees the same authority.
// The same seed makes the same authority.
#pragma once

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "core/time.h"
#include "insight/index.h"

namespace attune::bench {

constexpr int kSchools = 200;
constexpr int kPupilsPerSchool = 750;
constexpr int kStaffPerSchool = 80;
constexpr int kCategories = 30;
constexpr int kPlaces = 20;  // place 0 is "no place recorded"
constexpr int kYears = 5, kWeeksPerYear = 39;
constexpr uint64_t kSeed = 20261206;

// The first school day: Monday 6 September 2021.
inline date::sys_days FirstDay() { return date::sys_days(date::year{2021} / 9 / 6); }

// One involved pupil of one record.
struct SyntheticRow {
  uint32_t record;          // from 1, in time order
  uint16_t school;          // 1 .. kSchools
  uint16_t day;             // days after FirstDay(), a weekday in term
  uint16_t minute;          // minutes after midnight, London time
  uint16_t staff;           // who recorded it, 1 .. kStaffPerSchool within the school
  uint16_t pupil;           // 0 .. kPupilsPerSchool - 1 within the school
  uint8_t category;         // 0 .. kCategories - 1
  uint8_t place;            // 0 .. kPlaces - 1
  uint8_t behaviour_class;  // policy::BehaviourClass: 0 prosocial .. 3 dangerous
  uint8_t restricted;       // 1 in 50 records
};

inline const std::string& CategoryName(int category) {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (int i = 0; i < kCategories; ++i) v.push_back("category_" + std::to_string(i));
    return v;
  }();
  return names[static_cast<size_t>(category)];
}

inline const std::string& PlaceName(int place) {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (int i = 0; i < kPlaces; ++i) v.push_back(i ? "Place " + std::to_string(i) : "");
    return v;
  }();
  return names[static_cast<size_t>(place)];
}

// As the store spells them (incidents.behaviour_class).
inline const char* ClassText(int behaviour_class) {
  static const char* const names[] = {"prosocial", "low_level", "difficult", "dangerous"};
  return names[behaviour_class];
}

inline long long PupilId(const SyntheticRow& r) { return r.school * 10000LL + r.pupil; }
inline long long StaffId(const SyntheticRow& r) { return r.school * 1000LL + r.staff; }
// A pupil's year group is fixed: 7 to 11 by their place in the school.
inline int YearGroup(int pupil) { return 7 + pupil % 5; }
inline Date DayOf(const SyntheticRow& r) { return Date(FirstDay() + date::days(r.day)); }

// The row as the engine is given it (fields set by name).
inline insight::Row EngineRow(const SyntheticRow& s) {
  insight::Row r;
  r.school_id = s.school;
  r.day = DayOf(s);
  r.minute = s.minute;
  r.category = CategoryName(s.category);
  r.behaviour_class = s.behaviour_class;
  r.place = PlaceName(s.place);
  r.staff_id = StaffId(s);
  r.pupil_id = PupilId(s);
  r.year_group = YearGroup(s.pupil);
  r.restricted = s.restricted != 0;
  return r;
}

// Loads `rows` into `index` as the server does at start (InsightService):
// in batches of 4,096, then each school's rows put in order of day.
inline void LoadEngine(insight::Index& index, const std::vector<SyntheticRow>& rows) {
  std::vector<insight::Row> batch;
  for (const SyntheticRow& r : rows) {
    batch.push_back(EngineRow(r));
    if (batch.size() == 4096) {
      index.Add(batch);
      batch.clear();
    }
  }
  index.Add(batch);
  index.SortByDay();
}

// `rows` involved-pupil rows (the last record may lose a pupil to make the
// number exact).
inline std::vector<SyntheticRow> MakeAuthority(long long rows, uint64_t seed = kSeed) {
  std::mt19937_64 rng(seed);
  // Weekday and hour peaks: Monday and Friday, after lunch.
  std::discrete_distribution<int> hour(
      {0, 0, 0, 0, 0, 0, 0, 0, 3, 8, 9, 10, 12, 14, 13, 9, 2, 0, 0, 0, 0, 0, 0, 0});
  std::discrete_distribution<int> weekday({12, 9, 9, 10, 13});
  std::discrete_distribution<int> cls({35, 40, 20, 5});
  std::discrete_distribution<int> pupils_in_record({90, 8, 2});
  std::uniform_int_distribution<int> week(0, kYears * kWeeksPerYear - 1), school(1, kSchools),
      minute(0, 59), category(0, kCategories - 1), place(0, kPlaces - 1), staff(1, kStaffPerSchool);
  std::geometric_distribution<int> pupil(0.01);
  auto draw_pupil = [&] {
    return static_cast<uint16_t>(std::min(pupil(rng), kPupilsPerSchool - 1));
  };

  std::vector<SyntheticRow> out;
  out.reserve(static_cast<size_t>(rows));
  for (uint32_t record = 1; static_cast<long long>(out.size()) < rows; ++record) {
    SyntheticRow r{};
    r.record = record;
    r.school = static_cast<uint16_t>(school(rng));
    int w = week(rng);
    r.day = static_cast<uint16_t>((w / kWeeksPerYear) * 52 * 7 + (w % kWeeksPerYear) * 7 +
                                  weekday(rng));
    r.minute = static_cast<uint16_t>(hour(rng) * 60 + minute(rng));
    r.category = static_cast<uint8_t>(category(rng));
    r.behaviour_class = static_cast<uint8_t>(cls(rng));
    r.place = static_cast<uint8_t>(place(rng));
    r.staff = static_cast<uint16_t>(staff(rng));
    r.restricted = rng() % 50 == 0;
    int n = 1 + pupils_in_record(rng);
    size_t first = out.size();
    while (n > 0 && static_cast<long long>(out.size()) < rows) {
      r.pupil = draw_pupil();
      bool again = std::any_of(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(),
                               [&](const SyntheticRow& o) { return o.pupil == r.pupil; });
      if (again) continue;  // a pupil is in a record once
      out.push_back(r);
      --n;
    }
  }
  // Time order, a record's rows together; then number the records in it.
  std::sort(out.begin(), out.end(), [](const SyntheticRow& a, const SyntheticRow& b) {
    if (a.day != b.day) return a.day < b.day;
    if (a.minute != b.minute) return a.minute < b.minute;
    return a.record < b.record;
  });
  uint32_t number = 0, last = 0;
  for (auto& r : out) {
    if (r.record != last) ++number;
    last = r.record;
    r.record = number;
  }
  return out;
}

}  // namespace attune::bench
