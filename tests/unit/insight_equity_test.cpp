// Equity's rates and the suppression rule (services/insight_service.h):
// counts of 1 and 2, and every rate built on them, are never shown.
#include <gtest/gtest.h>

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

}  // namespace
}  // namespace attune
