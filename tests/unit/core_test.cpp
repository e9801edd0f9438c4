// Status, dates and Europe/London time.
#include <gtest/gtest.h>

#include "core/status.h"
#include "core/time.h"

namespace attune {
namespace {

TEST(Status, CarriesCodeMessageAndField) {
  Status st = Status::Invalid("Enter a name", "name");
  EXPECT_FALSE(st.ok());
  EXPECT_EQ(st.code(), StatusCode::kInvalid);
  EXPECT_EQ(st.field(), "name");
  EXPECT_STREQ(st.code_name(), "invalid");
  EXPECT_TRUE(Status::Ok().ok());
}

TEST(Result, HoldsValueOrStatus) {
  Result<int> good = 7;
  Result<int> bad = Status::NotFound("none");
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, 7);
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kNotFound);
}

TEST(Time, FormatsEveryDayAsTheCalendarLibraryDoes) {
  // Every day from 1800 to 2200, and the ends of the four-digit years.
  for (date::sys_days d = date::sys_days(date::year{1800} / 1 / 1);
       d <= date::sys_days(date::year{2200} / 12 / 31); d += date::days(1)) {
    ASSERT_EQ(FormatDate(Date(d)), date::format("%F", Date(d)));
  }
  EXPECT_EQ(FormatDate(Date(date::year{1} / 1 / 1)), "0001-01-01");
  EXPECT_EQ(FormatDate(Date(date::year{9999} / 12 / 31)), "9999-12-31");
  EXPECT_EQ(FormatDate(Date(date::year{10000} / 1 / 1)),
            date::format("%F", Date(date::year{10000} / 1 / 1)));
}

TEST(Time, ParsesRealDatesOnly) {
  auto d = ParseDate("2027-02-28");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(FormatDate(*d), "2027-02-28");
  EXPECT_FALSE(ParseDate("2027-02-29").ok());
  EXPECT_FALSE(ParseDate("28/02/2027").ok());
  EXPECT_FALSE(ParseDate("2027-2-28").ok());
  EXPECT_EQ(ParseDate("20x7-02-28", "starts_on").status().field(), "starts_on");
}

TEST(Time, ParsesTimeOfDay) {
  EXPECT_EQ(*ParseTimeOfDay("08:45"), 8 * 60 + 45);
  EXPECT_FALSE(ParseTimeOfDay("24:00").ok());
  EXPECT_FALSE(ParseTimeOfDay("8:45").ok());
  EXPECT_EQ(FormatTimeOfDay(13 * 60 + 5), "13:05");
}

TEST(Time, LondonWallClockFollowsBritishSummerTime) {
  // 1 July: BST (UTC+1). 1 December: GMT.
  Date summer = *ParseDate("2026-07-01");
  Date winter = *ParseDate("2026-12-01");
  EXPECT_EQ(FormatUtc(LondonInstant(summer, 9 * 60)), "2026-07-01T08:00:00Z");
  EXPECT_EQ(FormatUtc(LondonInstant(winter, 9 * 60)), "2026-12-01T09:00:00Z");
  EXPECT_EQ(FormatLondon(LondonInstant(summer, 9 * 60), "%H:%M"), "09:00");
  // 23:30 UTC on 30 June is already 1 July in London.
  EXPECT_EQ(FormatDate(LondonDate(LondonInstant(summer, 30))), "2026-07-01");
}

TEST(Time, FormatUtcWritesEveryFieldPadded) {
  EXPECT_EQ(FormatUtc(FromUnix(0)), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatUtc(FromUnix(1798761599)), "2026-12-31T23:59:59Z");
  EXPECT_EQ(FormatUtc(FromUnix(951827696)), "2000-02-29T12:34:56Z");
  EXPECT_EQ(FormatUtc(FromUnix(-1)), "1969-12-31T23:59:59Z");
  // Every hour of a leap year and its neighbours, as date::format writes it.
  for (long long s = 1704067200 - 86400; s < 1735689600 + 86400; s += 3600 + 61) {
    ASSERT_EQ(FormatUtc(FromUnix(s)), date::format("%Y-%m-%dT%H:%M:%SZ", FromUnix(s)));
  }
  EXPECT_EQ(FormatUtc(FromUnix(1772330645)), "2026-03-01T02:04:05Z");
}

TEST(Time, SpringForwardGapMovesToFirstValidInstant) {
  // 29 March 2026: clocks go from 01:00 GMT to 02:00 BST; 01:30 does not exist.
  Date change = *ParseDate("2026-03-29");
  EXPECT_EQ(FormatUtc(LondonInstant(change, 90)), "2026-03-29T01:00:00Z");
}

TEST(Time, AgeAndWeekday) {
  EXPECT_EQ(AgeOn(*ParseDate("2014-09-01"), *ParseDate("2026-08-31")), 11);
  EXPECT_EQ(AgeOn(*ParseDate("2014-09-01"), *ParseDate("2026-09-01")), 12);
  EXPECT_EQ(IsoWeekday(*ParseDate("2026-11-23")), 1);  // a Monday
  EXPECT_EQ(IsoWeekday(*ParseDate("2026-11-22")), 7);  // a Sunday
}

}  // namespace
}  // namespace attune
