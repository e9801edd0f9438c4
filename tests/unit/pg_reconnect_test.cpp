// Connections the PostgreSQL server ends (a restart, pg_terminate_backend;
// decision 0033, "Connections broken by a server restart"): one ended while
// it sat idle is made again before its next use, one a failure left in a
// transaction is rolled back, and the group commit runs a batch once more
// when its connection is lost before COMMIT. Run only with ATTUNE_TEST_PG
// set to a cluster's folder (scripts/pg-cluster.sh start DIR).
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>

#include "pg_test_database.h"
#include "storage/sql/group_commit.h"
#include "storage/sql/pg_connection.h"
#include "storage/sql/row.h"

namespace attune::sql {
namespace {

class PgReconnectTest : public testing::PgDatabaseTest {
 protected:
  PgReconnectTest() : PgDatabaseTest("reconnect") {}

  void SetUp() override {
    PgDatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    c_->Exec("CREATE TABLE records (id BIGSERIAL PRIMARY KEY, n BIGINT NOT NULL)");
  }

  long long Number(Connection& on, const char* sql) {
    StatementCache cache(&on);
    Rows r(cache.Prepared(sql));
    return r.Next() ? r.Int(0) : -1;
  }

  // Ends `other`'s server process from c_, and waits until it has gone.
  void End(Connection& other) {
    long long pid = Number(other, "SELECT pg_backend_pid()");
    Number(*c_, ("SELECT pg_terminate_backend(" + std::to_string(pid) + ")::int").c_str());
    for (int i = 0; i < 200; ++i) {
      std::string alive =
          "SELECT COUNT(*) FROM pg_stat_activity WHERE pid = " + std::to_string(pid);
      if (Number(*c_, alive.c_str()) == 0) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    FAIL() << "the server process did not end";
  }
};

TEST_F(PgReconnectTest, AConnectionEndedWhileIdleIsMadeAgainBeforeItsNextUse) {
  auto d = PgConnection::Open(url_, 5000);
  StatementCache cache(d.get());
  Rows(cache.Prepared("SELECT COUNT(*) FROM records")).Next();
  long long before = d->generation();
  End(*d);
  ASSERT_FALSE(HasFatalFailure());
  // libpq has not noticed: only reading would tell.
  EXPECT_TRUE(d->Reconnected());
  EXPECT_EQ(d->generation(), before + 1);
  Rows again(cache.Prepared("SELECT COUNT(*) FROM records"));  // prepared again
  ASSERT_TRUE(again.Next());
  EXPECT_EQ(again.Int(0), 0);
}

TEST_F(PgReconnectTest, ALiveConnectionIsLeftAsItIsAndOneLeftInATransactionIsRolledBack) {
  auto d = PgConnection::Open(url_, 5000);
  long long before = d->generation();
  EXPECT_TRUE(d->Reconnected());
  EXPECT_EQ(d->generation(), before);
  d->Exec("BEGIN; INSERT INTO records (n) VALUES (1)");
  ASSERT_TRUE(d->InTransaction());
  EXPECT_TRUE(d->Reconnected());
  EXPECT_FALSE(d->InTransaction());
  EXPECT_EQ(d->generation(), before);
  EXPECT_EQ(Number(*c_, "SELECT COUNT(*) FROM records"), 0);
}

TEST_F(PgReconnectTest, TheGroupCommitRunsABatchAgainWhenItsConnectionIsLostBeforeCommit) {
  int runs = 0;
  {
    GroupCommitter committer(
        [&]() -> std::unique_ptr<Connection> { return PgConnection::Open(url_, 5000); });
    Status st = committer.Submit([&runs](WriteSession& w) {
      w.Prepared("INSERT INTO records (n) VALUES (7)").Run();
      // The first time, the server ends the writer's connection mid-batch.
      if (++runs == 1) w.Prepared("SELECT pg_terminate_backend(pg_backend_pid())").Run();
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
  }
  EXPECT_EQ(runs, 2);
  EXPECT_EQ(Number(*c_, "SELECT COUNT(*) FROM records"), 1);
}

// Needs no server: a read that meets a lost connection runs once more, not
// inside a transaction, and not for any other failure.
TEST(GuardReadTest, AReadThatMeetsALostConnectionRunsOnceMoreOutsideATransaction) {
  for (bool in_transaction : {false, true}) {
    int runs = 0;
    Result<int> got = GuardRead("read", in_transaction, [&]() -> Result<int> {
      if (++runs == 1) throw std::runtime_error("server closed the connection unexpectedly");
      return 5;
    });
    EXPECT_EQ(runs, in_transaction ? 1 : 2);
    EXPECT_EQ(got.ok(), !in_transaction);
  }
  int runs = 0;
  Result<int> failed = GuardRead("read", false, [&]() -> Result<int> {
    ++runs;
    throw std::runtime_error("SQLSTATE 42P01: relation does not exist");
  });
  EXPECT_EQ(runs, 1);
  EXPECT_FALSE(failed.ok());
}

}  // namespace
}  // namespace attune::sql
