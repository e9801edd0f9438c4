// Equity's rates and the suppression rule (services/insight_service.h):
// counts of 1 and 2, and every rate built on them, are never shown.
#include <gtest/gtest.h>

#include <string>
#include <tuple>
#include <vector>

#include "services/insight_service.h"

namespace attune {
namespace {

TEST(InsightEquity, CountsOfOneAndTwoAreSuppressedAndZeroIsNot) {
  EXPECT_FALSE(Suppressed(0));
  EXPECT_TRUE(Suppressed(1));
  EXPECT_TRUE(Suppressed(2));
  EXPECT_FALSE(Suppressed(3));
  EXPECT_FALSE(Suppressed(250));
}

TEST(InsightEquity, RatesPer100AndRelativeRiskAgainstTheRestOfTheSchool) {
  // 40 of 400 pupils with 20 of 100 records: 50 per 100 against the rest's
  // 80 records for 360 pupils (22.2 per 100), a relative risk of 2.25.
  EquityRow r = EquityFor("SEN", "SEN support", 40, 20, 400, 100);
  EXPECT_FALSE(r.suppressed);
  ASSERT_TRUE(r.per_100);
  EXPECT_DOUBLE_EQ(*r.per_100, 50.0);
  ASSERT_TRUE(r.relative_risk);
  EXPECT_NEAR(*r.relative_risk, 2.25, 1e-9);
  EXPECT_EQ(r.rest_pupils, 360);
  EXPECT_EQ(r.rest_records, 80);
  // None of the group's: a rate of 0 is shown, and so is its risk.
  EquityRow none = EquityFor("Sex", "Girls", 200, 0, 400, 100);
  EXPECT_FALSE(none.suppressed);
  EXPECT_DOUBLE_EQ(*none.per_100, 0.0);
  EXPECT_DOUBLE_EQ(*none.relative_risk, 0.0);
}

TEST(InsightEquity, AGroupWithOneOrTwoOfAnythingShowsNoRate) {
  for (auto [pupils, records] :
       {std::pair{40LL, 1LL}, std::pair{40LL, 2LL}, std::pair{1LL, 9LL}, std::pair{2LL, 0LL}}) {
    EquityRow r = EquityFor("Looked after", "Looked after", pupils, records, 400, 100);
    EXPECT_TRUE(r.suppressed) << pupils << " pupils, " << records << " records";
    EXPECT_FALSE(r.per_100);
    EXPECT_FALSE(r.relative_risk);
  }
  // A group of one or two pupils shows nothing of them, not even a count of
  // records that is not itself small.
  EquityRow tiny = EquityFor("Ethnicity", "Chinese", 2, 7, 400, 100);
  EXPECT_FALSE(tiny.pupils_shown);
  EXPECT_FALSE(tiny.records_shown);
  EquityRow few = EquityFor("Ethnicity", "Mixed", 22, 2, 400, 100);
  EXPECT_TRUE(few.pupils_shown);
  EXPECT_FALSE(few.records_shown);
  // The rest of the school with 1 or 2 records: the group's own rate shows,
  // the comparison built on the rest's small count does not.
  EquityRow most = EquityFor("Year group", "Year 9", 390, 98, 400, 100);
  EXPECT_FALSE(most.suppressed);
  EXPECT_TRUE(most.per_100);
  EXPECT_FALSE(most.relative_risk);
  // A school with nobody else: nothing to compare with.
  EquityRow all = EquityFor("Sex", "Boys", 400, 100, 400, 100);
  EXPECT_TRUE(all.per_100);
  EXPECT_FALSE(all.relative_risk);
}

// A table of one dimension: (group, pupils, records) against the school's
// totals, as the service makes it, then protected as a whole.
std::vector<EquityRow> Table(
    const std::string& dimension,
    const std::vector<std::tuple<std::string, long long, long long>>& groups) {
  long long pupils = 0, records = 0;
  for (const auto& [name, p, r] : groups) {
    pupils += p;
    records += r;
  }
  std::vector<EquityRow> rows;
  for (const auto& [name, p, r] : groups)
    rows.push_back(EquityFor(dimension, name, p, r, pupils, records));
  SuppressComplements(rows);
  return rows;
}

TEST(InsightEquity, AHiddenCountCannotBeWorkedOutFromTheOthersAndTheTotal) {
  // One Chinese pupil with ten records: hidden by the rule for small groups,
  // but the school's total less the other groups would give both back. The
  // smallest other group is hidden with it, pupils and records.
  auto rows =
      Table("Ethnicity",
            {{"White", 290, 3000}, {"Chinese", 1, 10}, {"Asian", 9, 99}, {"Black", 40, 400}});
  EXPECT_FALSE(rows[1].pupils_shown);
  EXPECT_FALSE(rows[1].records_shown);
  EXPECT_FALSE(rows[2].pupils_shown) << "the smallest other group's pupils";
  EXPECT_FALSE(rows[2].records_shown) << "the smallest other group's records";
  EXPECT_FALSE(rows[2].per_100);
  EXPECT_FALSE(rows[2].relative_risk);
  EXPECT_TRUE(rows[0].pupils_shown && rows[0].records_shown && rows[3].records_shown);
  EXPECT_TRUE(rows[3].per_100);
  // Three year groups with 2 records each and one with 4: hiding the three
  // alone leaves their sum, 6, which only 2 + 2 + 2 makes. The 4 goes too.
  auto years = Table("Year group", {{"Year 7", 100, 0},
                                    {"Year 8", 100, 2},
                                    {"Year 9", 100, 2},
                                    {"Year 10", 100, 2},
                                    {"Year 11", 100, 4},
                                    {"Year 12", 100, 30}});
  EXPECT_TRUE(years[0].records_shown) << "a zero is not a count of 1 or 2";
  for (int y : {1, 2, 3, 4}) EXPECT_FALSE(years[static_cast<size_t>(y)].records_shown) << y;
  EXPECT_TRUE(years[5].records_shown);
  // Nothing hidden: nothing more is.
  auto sexes = Table("Sex", {{"Girls", 150, 40}, {"Boys", 150, 60}});
  EXPECT_TRUE(sexes[0].records_shown && sexes[1].records_shown);
  EXPECT_TRUE(sexes[0].relative_risk && sexes[1].relative_risk);
}

TEST(InsightEquity, ATableOfFewerThanTenRecordsShowsNoGroupsRecords) {
  // Ten records are the fewest a table shows by group: with fewer, the
  // zeros beside them would tell whose they are.
  auto few = Table("Sex", {{"Girls", 150, 0}, {"Boys", 150, 9}});
  for (const auto& r : few) {
    EXPECT_FALSE(r.records_shown) << r.group;
    EXPECT_FALSE(r.per_100) << r.group;
    EXPECT_TRUE(r.pupils_shown) << r.group;
  }
  auto enough = Table("Sex", {{"Girls", 150, 0}, {"Boys", 150, 10}});
  EXPECT_TRUE(enough[0].records_shown && enough[1].records_shown);
  auto none = Table("Sex", {{"Girls", 150, 0}, {"Boys", 150, 0}});
  EXPECT_TRUE(none[0].records_shown && none[1].records_shown) << "no records tell nothing";
}

}  // namespace
}  // namespace attune
