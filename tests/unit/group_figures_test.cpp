// The group's figures (decision 0034): suppression of small counts by row
// and column, the fixed periods, and the figures as a trust's leader and a
// local authority's officer get them from real schools.
#include <gtest/gtest.h>

#include <algorithm>
#include <utility>

#include "services/group_service.h"
#include "services/suppression.h"

namespace attune {
namespace {

// Whether a reader of a line and its total can tell any count not shown:
// knowing each "fewer than 3" is 1 or 2 and each withheld count 3 or more,
// a count is given away when only one of its possible values lets the
// others make up the rest of the total (each range is whole numbers, so
// any sum between the others' least and most can be made).
bool LineSafe(const std::vector<ShownCount>& line) {
  constexpr long long kNoMost = 1LL << 40;
  std::vector<std::pair<long long, long long>> ranges;  // least, most
  long long sum = 0;
  for (const auto& c : line) {
    if (c.shown()) continue;
    sum += c.count;
    ranges.push_back(c.fewer_than_three ? std::make_pair(1LL, 2LL) : std::make_pair(3LL, kNoMost));
  }
  for (size_t i = 0; i < ranges.size(); ++i) {
    long long least = 0, most = 0;
    for (size_t j = 0; j < ranges.size(); ++j) {
      if (j == i) continue;
      least += ranges[j].first;
      most = std::min(kNoMost, most + ranges[j].second);
    }
    int possible = 0;
    for (long long v = ranges[i].first; v <= std::min(ranges[i].second, sum); ++v) {
      if (sum - v >= least && sum - v <= most) ++possible;
    }
    if (possible <= 1) return false;
  }
  return true;
}

TEST(Suppression, OneAndTwoAreNeverShown) {
  auto line = SuppressCounts({0, 1, 2, 3, 40});
  EXPECT_TRUE(line[0].shown());  // 0 is shown
  EXPECT_TRUE(line[1].fewer_than_three);
  EXPECT_TRUE(line[2].fewer_than_three);
  EXPECT_TRUE(line[3].hidden);  // 1 + 2 = 3 would say which they are
  EXPECT_TRUE(line[4].shown());
}

TEST(Suppression, ATableIsProtectedByRowAndByColumn) {
  // Schools by term: school 2's spring is 1.
  std::vector<std::vector<long long>> cells = {{10, 12, 9}, {7, 1, 8}, {20, 30, 25}};
  std::vector<bool> totals;
  auto t = SuppressTable(cells, &totals);
  EXPECT_TRUE(t[1][1].fewer_than_three);
  for (const auto& row : t) EXPECT_TRUE(LineSafe(row));
  for (size_t c = 0; c < 3; ++c) {
    std::vector<ShownCount> column;
    for (const auto& row : t) column.push_back(row[c]);
    EXPECT_TRUE(LineSafe(column)) << "column " << c;
  }
  // School 2's row: 7 is the smallest other, withheld; spring's column: 12.
  EXPECT_TRUE(t[1][0].hidden);
  EXPECT_TRUE(t[0][1].hidden);
  for (bool hidden : totals) EXPECT_FALSE(hidden);
}

TEST(Suppression, ALineNothingCanProtectHidesItsTotal) {
  // One school, one small count and zeros: its total would give it.
  std::vector<bool> totals;
  auto t = SuppressTable({{0, 2, 0}, {0, 0, 0}}, &totals);
  EXPECT_TRUE(t[0][1].fewer_than_three);
  EXPECT_TRUE(totals[0]);      // the school's year
  EXPECT_TRUE(totals[2 + 1]);  // the group's spring
  // With one school, each column's total is its one count.
  t = SuppressTable({{5, 4, 6}}, &totals);
  for (const auto& c : t[0]) EXPECT_TRUE(c.shown());
  t = SuppressTable({{5, 1, 6}}, &totals);
  EXPECT_TRUE(totals[1 + 1]);
  EXPECT_TRUE(totals[1 + 0]);  // 5 was withheld with it
}

TEST(Suppression, ManyTablesAreAlwaysSafe) {
  // Every table of small counts: no line ever lets a hidden count out.
  unsigned seed = 7;
  auto next = [&] { return (seed = seed * 1103515245u + 12345u) >> 16; };
  for (int round = 0; round < 2000; ++round) {
    size_t rows = 1 + next() % 5, cols = 1 + next() % 6;
    std::vector<std::vector<long long>> cells(rows, std::vector<long long>(cols));
    for (auto& row : cells) {
      for (auto& c : row) c = next() % 3 == 0 ? next() % 3 : next() % 12;
    }
    std::vector<bool> totals;
    auto t = SuppressTable(cells, &totals);
    for (size_t r = 0; r < rows; ++r) {
      for (size_t c = 0; c < cols; ++c) {
        if (Suppressed(cells[r][c])) EXPECT_FALSE(t[r][c].shown());
      }
      EXPECT_TRUE(LineSafe(t[r]) || totals[r]);
    }
    for (size_t c = 0; rows > 1 && c < cols; ++c) {
      std::vector<ShownCount> column;
      for (const auto& row : t) column.push_back(row[c]);
      EXPECT_TRUE(LineSafe(column) || totals[rows + c]);
    }
  }
}

TEST(Suppression, AWithheldCountAtItsLeastIsNotEnough) {
  // 1 beside a withheld 3: their sum, 4, can only be 1 + 3.
  auto line = SuppressCounts({1, 3, 50});
  EXPECT_TRUE(line[0].fewer_than_three);
  EXPECT_TRUE(line[1].hidden);
  EXPECT_TRUE(line[2].hidden);  // 50 withheld as well: 54 has many makings
  EXPECT_TRUE(LineSafe(line));
  // A count withheld for its row stands alone in its column no longer.
  auto t = SuppressTable({{10, 12, 9}, {7, 1, 8}, {20, 30, 25}});
  int hidden = 0;
  for (const auto& row : t) hidden += row[0].shown() ? 0 : 1;
  EXPECT_GE(hidden, 2);
}

TEST(Suppression, TheGroupsWholeYearGivesNoSchoolAway) {
  // Three schools, each with one record in the year: 3 in all would say so.
  std::vector<ShownCount> years(3);
  for (auto& y : years) {
    y.count = 1;
    y.fewer_than_three = true;
  }
  std::vector<ShownCount*> line;
  for (auto& y : years) line.push_back(&y);
  EXPECT_FALSE(ProtectTotal(line));
  // With a school of 12 beside them, withholding the 12 protects them.
  ShownCount twelve;
  twelve.count = 12;
  line.push_back(&twelve);
  EXPECT_TRUE(ProtectTotal(line));
  EXPECT_TRUE(twelve.hidden);
}

TEST(GroupPeriods, TermsAndMonthsOfASchoolYearToToday) {
  Date today = Date(date::year{2026} / 2 / 10);
  EXPECT_EQ(GroupService::SchoolYearOf(today), 2025);
  EXPECT_EQ(GroupService::SchoolYearOf(Date(date::year{2025} / 9 / 1)), 2025);
  EXPECT_EQ(GroupService::SchoolYearOf(Date(date::year{2025} / 8 / 31)), 2024);
  auto terms = GroupService::Periods(2025, "term", today);
  ASSERT_EQ(terms.size(), 2u);  // the summer term has not begun
  EXPECT_EQ(FormatDate(terms[0].first), "2025-09-01");
  EXPECT_EQ(FormatDate(terms[1].last), "2026-02-10");  // to today
  EXPECT_EQ(GroupPeriodName(terms[1], "term"), "Spring 2026");
  auto months = GroupService::Periods(2024, "month", today);
  ASSERT_EQ(months.size(), 12u);
  EXPECT_EQ(GroupPeriodName(months[0], "month"), "September 2024");
  EXPECT_EQ(FormatDate(months[11].last), "2025-08-31");
}

TEST(GroupQueryParse, RefusesWhatItCannotRead) {
  auto get = [](std::map<std::string, std::string> m) {
    return [m](std::string_view k) {
      auto it = m.find(std::string(k));
      return it == m.end() ? std::string() : it->second;
    };
  };
  EXPECT_EQ(ParseGroupQuery(get({}))->by, "term");
  EXPECT_EQ(ParseGroupQuery(get({{"by", "month"}, {"year", "2024"}}))->year, 2024);
  EXPECT_EQ(ParseGroupQuery(get({{"by", "week"}})).status().field(), "by");
  EXPECT_EQ(ParseGroupQuery(get({{"year", "20x4"}})).status().field(), "year");
  EXPECT_EQ(ParseGroupQuery(get({{"year", "1999"}})).status().field(), "year");
}

}  // namespace
}  // namespace attune
