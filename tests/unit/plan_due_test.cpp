// NextDue (model/plan.h): what an active plan asks for next, as the plans
// page and the pupil page show it.
#include <gtest/gtest.h>

#include "model/plan.h"

namespace attune {
namespace {

Date D(int month, int day) { return date::year{2026} / month / day; }

PupilPlan Active() {
  PupilPlan p;
  p.started_on = D(11, 23);
  return p;
}

TEST(NextDueTest, TheSoonerOfReviewAndCheckIn) {
  PupilPlan p = Active();
  EXPECT_FALSE(NextDue(p).has_value());
  p.review_on = D(12, 7);
  ASSERT_TRUE(NextDue(p));
  EXPECT_EQ(NextDue(p)->what, PlanDue::What::kReview);
  p.check_in_on = D(12, 2);
  EXPECT_EQ(NextDue(p)->what, PlanDue::What::kCheckIn);
  EXPECT_EQ(NextDue(p)->on, D(12, 2));
  EXPECT_STREQ(NextDue(p)->Words(), "check-in");
}

TEST(NextDueTest, AReviewAfterThePlannedLastDayGivesWayToTheDecision) {
  PupilPlan p = Active();
  p.ends_on = D(12, 4);
  p.review_on = D(12, 7);
  ASSERT_TRUE(NextDue(p));
  EXPECT_EQ(NextDue(p)->what, PlanDue::What::kEnd);
  EXPECT_EQ(NextDue(p)->on, D(12, 4));
  EXPECT_STREQ(NextDue(p)->Words(), "decision at the end");
  p.review_on = D(12, 4);  // on the last day itself: still the review
  EXPECT_EQ(NextDue(p)->what, PlanDue::What::kReview);
}

TEST(NextDueTest, NothingOnAnEndedPlan) {
  PupilPlan p = Active();
  p.review_on = D(12, 7);
  p.status = "ended";
  EXPECT_FALSE(NextDue(p).has_value());
}

}  // namespace
}  // namespace attune
