// SchoolTime::SchoolDaysBetween gives, for years of days at once, what
// IsSchoolDay gives day by day: half-terms on weekdays, less INSET days and
// closures, with entries that overlap the ends of the range.
#include <gtest/gtest.h>

#include "policy/school_time.h"

namespace attune::policy {
namespace {

TEST(SchoolDaysBetween, AgreesWithIsSchoolDayDayByDay) {
  auto d = [](const char* s) { return *ParseDate(s); };
  std::vector<CalendarEntry> calendar = {
      {1, 1, "term", "Autumn", d("2026-09-01"), d("2026-12-18")},
      {2, 1, "half_term", "Autumn 1", d("2026-09-02"), d("2026-10-23")},
      {3, 1, "holiday", "Half-term", d("2026-10-26"), d("2026-10-30")},
      {4, 1, "half_term", "Autumn 2", d("2026-11-02"), d("2026-12-18")},
      {5, 1, "inset", "Training", d("2026-11-27"), d("2026-11-27")},
      {6, 1, "holiday", "Snow", d("2026-12-03"), d("2026-12-04")},
      {7, 1, "half_term", "Spring 1", d("2027-01-05"), d("2027-02-12")},
  };
  SchoolTime time(calendar, {});
  for (auto [from, to] :
       {std::pair{"2026-08-20", "2027-03-01"}, std::pair{"2026-11-03", "2026-11-30"},
        std::pair{"2026-12-18", "2026-12-18"}, std::pair{"2027-02-13", "2027-02-14"}}) {
    std::vector<bool> days = time.SchoolDaysBetween(d(from), d(to));
    date::sys_days first(d(from));
    ASSERT_EQ(days.size(), static_cast<size_t>((date::sys_days(d(to)) - first).count() + 1));
    int school = 0;
    for (size_t i = 0; i < days.size(); ++i) {
      Date day(first + date::days(static_cast<int>(i)));
      EXPECT_EQ(days[i], time.IsSchoolDay(day)) << FormatDate(day);
      school += days[i];
    }
    if (std::string(from) == "2026-11-03") {
      EXPECT_EQ(school, 19);  // 20 weekdays less the INSET day
    }
  }
  EXPECT_TRUE(time.SchoolDaysBetween(d("2026-12-02"), d("2026-12-01")).empty());
}

}  // namespace
}  // namespace attune::policy
