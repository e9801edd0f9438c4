// Paging of the long lists: numbers grouped for reading, and a list too
// long to count whole (the audit log) counted only as far as the page asked.
#include "web/list_paging.h"

#include <gtest/gtest.h>

namespace attune::web {
namespace {

http::FormData Query(const char* text) { return *http::FormData::Parse(text); }

TEST(ListPaging, NumbersAreGroupedInThousands) {
  EXPECT_EQ(Grouped(0), "0");
  EXPECT_EQ(Grouped(999), "999");
  EXPECT_EQ(Grouped(1000), "1,000");
  EXPECT_EQ(Grouped(250000), "250,000");
  EXPECT_EQ(Grouped(1234567), "1,234,567");
  EXPECT_EQ(Grouped(-4500), "-4,500");
}

TEST(ListPaging, ACountThatStopsShortIsExact) {
  Paging p = PagingOfCounted(Query("page=2"), 312);
  EXPECT_FALSE(p.more);
  EXPECT_EQ(p.total, 312);
  EXPECT_EQ(p.pages, 13);
  EXPECT_EQ(p.page, 2);
  EXPECT_EQ(MatchWords(p, "entry", "entries", false), "312 entries");
}

TEST(ListPaging, ACountThatReachesItsEndSaysMoreThan) {
  auto query = Query("");
  long long most = CountFor(query);
  EXPECT_EQ(most, kCountAhead + 1);
  Paging p = PagingOfCounted(query, most);
  EXPECT_TRUE(p.more);
  EXPECT_EQ(p.total, kCountAhead);
  EXPECT_EQ(MatchWords(p, "entry", "entries", false), "More than 10,000 entries");
  EXPECT_EQ(MatchWords(p, "entry", "entries", true), "More than 10,000 entries match");
  auto view = PagingView(p, 25, [](int page) { return std::to_string(page); });
  EXPECT_EQ(view["words"], "1–25 of more than 10,000");
  EXPECT_EQ(view["page_words"], "Page 1 of more than 400");
  EXPECT_TRUE(view["has_next"].get<bool>());
}

TEST(ListPaging, ADeepPageIsCountedPastItself) {
  auto query = Query("page=5000&per=50");
  long long most = CountFor(query);
  EXPECT_EQ(most, 4999LL * 50 + kCountAhead + 1);
  // The log ends on page 5,010: the count stops short, so it is exact.
  Paging p = PagingOfCounted(query, 5010LL * 50 - 7);
  EXPECT_FALSE(p.more);
  EXPECT_EQ(p.page, 5000);
  EXPECT_EQ(p.pages, 5010);
  // It goes on further: page 5,000 is shown, with more after it.
  Paging longer = PagingOfCounted(query, most);
  EXPECT_TRUE(longer.more);
  EXPECT_EQ(longer.page, 5000);
  EXPECT_GT(longer.pages, 5000);
}

TEST(ListPaging, APagePastTheEndShowsTheLast) {
  Paging p = PagingOfCounted(Query("page=90"), 60);
  EXPECT_EQ(p.page, 3);
  EXPECT_FALSE(p.more);
}

}  // namespace
}  // namespace attune::web
