// The queries' ?N parameters as PostgreSQL's $N (storage/sql/pg_connection.h):
// numbered and bare ones, left alone inside quoted text, quoted names and
// comments, and which numbers a query uses.
#include <gtest/gtest.h>

#include "storage/sql/pg_connection.h"

namespace attune::sql {
namespace {

TEST(PostgresParameters, NumberedParametersKeepTheirNumbers) {
  std::vector<bool> used;
  EXPECT_EQ(PostgresParameters("SELECT a FROM t WHERE b = ?2 AND c = ?10 OR d = ?2", &used),
            "SELECT a FROM t WHERE b = $2 AND c = $10 OR d = $2");
  ASSERT_EQ(used.size(), 11u);
  EXPECT_TRUE(used[2]);
  EXPECT_TRUE(used[10]);
  EXPECT_FALSE(used[1]);
  EXPECT_FALSE(used[3]);
}

TEST(PostgresParameters, BareParametersAreNumberedInOrder) {
  EXPECT_EQ(PostgresParameters("INSERT INTO t VALUES (?, ?, ?)"),
            "INSERT INTO t VALUES ($1, $2, $3)");
}

TEST(PostgresParameters, QuotedTextNamesAndCommentsAreLeftAlone) {
  EXPECT_EQ(PostgresParameters("SELECT '?1', \"what?\" FROM t -- is it ?2\nWHERE a = ?1"),
            "SELECT '?1', \"what?\" FROM t -- is it ?2\nWHERE a = $1");
  EXPECT_EQ(PostgresParameters("SELECT 'it''s ?' WHERE a = ?3"), "SELECT 'it''s ?' WHERE a = $3");
}

TEST(PostgresParameters, AnUnclosedQuoteDoesNotRunPastTheEnd) {
  EXPECT_EQ(PostgresParameters("SELECT 'open ?1"), "SELECT 'open ?1");
}

}  // namespace
}  // namespace attune::sql
