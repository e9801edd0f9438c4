// The insight page's words and chart labels (web/insight_charts.h): shares
// that never round to a claim the counts do not make, and month labels
// that say their year where it changes.
#include <gtest/gtest.h>

#include "web/insight_charts.h"

namespace attune::web {
namespace {

TEST(InsightWords, ASharePercentageNeverRoundsToNoneOrAll) {
  EXPECT_EQ(PercentWords(0, 5000), "0%");
  EXPECT_EQ(PercentWords(3, 5000), "under 1%");
  EXPECT_EQ(PercentWords(25, 5000), "under 1%");  // 0.5% would round up to 1%
  EXPECT_EQ(PercentWords(26, 5000), "1%");
  EXPECT_EQ(PercentWords(1234, 5000), "25%");
  EXPECT_EQ(PercentWords(4998, 5000), "over 99%");
  EXPECT_EQ(PercentWords(5000, 5000), "100%");
}

TEST(InsightWords, NumbersAreGroupedInThousands) {
  EXPECT_EQ(NumberWords(12345), "12,345");
  EXPECT_EQ(NumberWords(4.25), "4.2");  // to one place, as printf rounds it
  EXPECT_EQ(NumberWords(1234567.891, 2), "1,234,567.89");
  EXPECT_EQ(NumberWords(-0.01), "0.0");
  EXPECT_EQ(NumberWords(-1500), "-1,500");
  EXPECT_EQ(NumberWords(1e300).size(), 301 + 100);  // 301 digits and 100 commas
}

TEST(InsightWords, MonthLabelsSayTheirYearWhereItChanges) {
  Chart c;
  c.id = "months";
  c.lines = true;
  c.series = {{"Records", "neutral"}};
  // Eighteen months from September 2025: a label every few columns.
  for (int i = 0; i < 18; ++i) {
    int month = (8 + i) % 12 + 1, year = 2025 + (8 + i) / 12;
    std::string ym = std::to_string(year) + "-" + (month < 10 ? "0" : "") + std::to_string(month);
    c.columns.push_back({MonthWords(ym, false), std::to_string(year), ym, {1.0 * i}});
  }
  auto view = ChartView(c);
  std::vector<std::string> labels;
  for (const auto& l : view["labels"]) labels.push_back(l["text"]);
  ASSERT_GE(labels.size(), 3u);
  EXPECT_EQ(labels.front(), "Sep 2025");
  int with_2026 = 0;
  for (size_t i = 1; i < labels.size(); ++i) {
    with_2026 += labels[i].find("2026") != std::string::npos;
    EXPECT_EQ(labels[i].find("2025"), std::string::npos) << labels[i];
  }
  EXPECT_EQ(with_2026, 1) << "the first label in 2026 carries its year, the rest do not";
  // Hours carry no year.
  Chart hours;
  hours.id = "hours";
  hours.series = {{"Records", "neutral"}};
  for (int h = 8; h < 17; ++h) hours.columns.push_back({HourWords(h).substr(0, 2), "", "", {1.0}});
  auto hv = ChartView(hours);
  EXPECT_EQ(hv["labels"][0]["text"], "08");
}

}  // namespace
}  // namespace attune::web
