// Kept statements on the pool's connections (statement.h): a query left
// part-read does not hold its read snapshot open, an empty text is stored as
// '' rather than NULL, and a statement is prepared once per connection.
#include "storage/sql/statement.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string_view>

#include "storage/sql/connection_pool.h"
#include "storage/sql/group_commit.h"

namespace attune::sql {
namespace {

class StatementTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (std::filesystem::temp_directory_path() /
             ("attune-statement-" + std::to_string(::getpid()) + ".db"))
                .string();
    std::filesystem::remove(path_);
    pool_ = std::make_unique<ConnectionPool>(Dialect::kSqlite, path_, 2, 5000);
    ASSERT_TRUE(pool_->Open().ok());
    auto sql = pool_->Acquire();
    *sql << "CREATE TABLE notes (n INTEGER NOT NULL, text TEXT NOT NULL)";
    *sql << "INSERT INTO notes VALUES (1, 'a'), (2, 'b')";
  }
  void TearDown() override {
    pool_.reset();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
  }

  static constexpr const char* kAll = "SELECT n, text FROM notes ORDER BY n";
  static constexpr const char* kCount = "SELECT COUNT(*) FROM notes";

  std::string path_;
  std::unique_ptr<ConnectionPool> pool_;
};

TEST_F(StatementTest, APartReadQueryDoesNotKeepItsSnapshot) {
  auto reader = pool_->Acquire();
  {
    auto rows = reader.Query(kAll);
    ASSERT_TRUE(rows.Next());
    EXPECT_EQ(Int(rows, 0), 1);
    EXPECT_EQ(Text(rows, 1), "a");
  }  // the second row is never read
  {
    // Another connection writes meanwhile.
    auto writer = pool_->Acquire();
    *writer << "INSERT INTO notes VALUES (3, 'c')";
  }
  auto count = reader.Query(kCount);
  ASSERT_TRUE(count.Next());
  EXPECT_EQ(Int(count, 0), 3) << "the reader still saw its old snapshot";
}

TEST_F(StatementTest, AnEmptyTextIsStoredAsEmptyNotNull) {
  GroupCommitter committer(path_, 5000);
  Status st = committer.Submit([](WriteSession& w) {
    w.Prepared("INSERT INTO notes VALUES (?1, ?2)").Bind(1, 4LL).Bind(2, std::string_view()).Run();
  });
  ASSERT_TRUE(st.ok()) << st.ToString();
  auto sql = pool_->Acquire();
  auto rows = sql.Query("SELECT text IS NULL, length(text) FROM notes WHERE n = 4");
  ASSERT_TRUE(rows.Next());
  EXPECT_EQ(Int(rows, 0), 0);
  EXPECT_EQ(Int(rows, 1), 0);
}

TEST_F(StatementTest, BindingsDoNotCarryOverBetweenUses) {
  auto sql = pool_->Acquire();
  static constexpr const char* kByNumber = "SELECT text FROM notes WHERE n = ?1";
  {
    auto rows = sql.Query(kByNumber);
    rows.Bind(1, 2LL);
    ASSERT_TRUE(rows.Next());
    EXPECT_EQ(Text(rows, 0), "b");
  }
  auto unbound = sql.Query(kByNumber);  // ?1 is NULL again: no row
  EXPECT_FALSE(unbound.Next());
}

TEST_F(StatementTest, ABadStatementIsAnErrorNotACrash) {
  auto sql = pool_->Acquire();
  EXPECT_THROW(sql.Query("SELECT nothing FROM nowhere"), std::runtime_error);
}

}  // namespace
}  // namespace attune::sql
