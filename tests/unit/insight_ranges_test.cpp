// The records insight reads back after they are saved (services/insight_service.h
// IdRanges): runs of consecutive ids in one read each, whatever order they
// were told in, and never an id that was not told.
#include <gtest/gtest.h>

#include "services/insight_service.h"

namespace attune {
namespace {

using Ranges = std::vector<std::pair<long long, long long>>;

TEST(IdRanges, ABatchSavedTogetherIsOneRead) {
  EXPECT_EQ(IdRanges({7, 5, 6, 8}), (Ranges{{4, 8}}));
}

TEST(IdRanges, GapsSplitTheReads) {
  EXPECT_EQ(IdRanges({12, 3, 10, 4, 11}), (Ranges{{2, 4}, {9, 12}}));
  EXPECT_EQ(IdRanges({1}), (Ranges{{0, 1}}));
}

TEST(IdRanges, NothingToldNothingRead) { EXPECT_TRUE(IdRanges({}).empty()); }

TEST(IdRanges, ARepeatedIdIsReadAgainAsItWasTold) {
  EXPECT_EQ(IdRanges({5, 5}), (Ranges{{4, 5}, {4, 5}}));
}

}  // namespace
}  // namespace attune
