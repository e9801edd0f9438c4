// The group committer on a real SQLite file: every write submitted from many
// threads is committed and visible once Submit returns; a write that fails
// inside a batch is undone alone, and the others in its batch are kept.
#include "storage/sql/group_commit.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <future>
#include <set>
#include <stdexcept>
#include <thread>
#include <utility>
#include <vector>

#include "core/secrets.h"

namespace attune::sql {
namespace {

// A plain connection of the test's own, to set up and to look.
class Db {
 public:
  explicit Db(const std::string& path) {
    if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) throw std::runtime_error("open");
    sqlite3_busy_timeout(db_, 5000);
  }
  ~Db() { sqlite3_close(db_); }
  void Exec(const std::string& sql) {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
      std::string message = error ? error : "?";
      sqlite3_free(error);
      throw std::runtime_error(message);
    }
  }
  long long Count(const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
      throw std::runtime_error(sqlite3_errmsg(db_));
    }
    long long n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    return n;
  }
  std::set<std::pair<long long, long long>> Rows() {
    std::set<std::pair<long long, long long>> out;
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db_, "SELECT writer, n FROM records", -1, &st, nullptr);
    while (sqlite3_step(st) == SQLITE_ROW) {
      out.insert({sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1)});
    }
    sqlite3_finalize(st);
    return out;
  }

 private:
  sqlite3* db_ = nullptr;
};

class GroupCommitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(InitSecrets().ok());
    dir_ = std::filesystem::temp_directory_path() /
           ("attune-group-commit-" + std::to_string(::getpid()) + "-" + RandomToken(6));
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "attune.db").string();
    Db db(path_);
    db.Exec("PRAGMA journal_mode = WAL");
    // A record and its detail rows, like an incident and its pupils.
    db.Exec(
        "CREATE TABLE records (id INTEGER PRIMARY KEY, writer INTEGER NOT NULL, n INTEGER NOT "
        "NULL, UNIQUE (writer, n))");
    db.Exec(
        "CREATE TABLE details (record_id INTEGER NOT NULL REFERENCES records(id), what TEXT NOT "
        "NULL)");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // A write inserting record (writer, n) and one detail row.
  static std::function<void(WriteSession&)> Insert(long long writer, long long n) {
    return [writer, n](WriteSession& w) {
      w.Prepared("INSERT INTO records (writer, n) VALUES (?1, ?2)")
          .Bind(1, writer)
          .Bind(2, n)
          .Run();
      long long id = w.LastId();
      w.Prepared("INSERT INTO details (record_id, what) VALUES (?1, ?2)")
          .Bind(1, id)
          .Bind(2, std::string_view("detail"))
          .Run();
    };
  }

  std::filesystem::path dir_;
  std::string path_;
};

TEST_F(GroupCommitTest, EveryWriteFromManyThreadsIsCommittedAndVisibleOnReturn) {
  constexpr int kThreads = 12;
  constexpr int kEach = 150;
  std::atomic<int> failures{0};
  std::atomic<int> not_visible{0};
  GroupCommitter::Stats stats;
  {
    GroupCommitter committer(path_, 5000);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        Db reader(path_);
        for (int n = 0; n < kEach; ++n) {
          Status st = committer.Submit(Insert(t, n));
          if (!st.ok()) ++failures;
          // Submit returns after COMMIT: another connection sees the row.
          std::string seen = "SELECT COUNT(*) FROM records WHERE writer = " + std::to_string(t) +
                             " AND n = " + std::to_string(n);
          if (n % 10 == 0 && reader.Count(seen) != 1) ++not_visible;
        }
      });
    }
    for (auto& th : threads) th.join();
    stats = committer.stats();
  }
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(not_visible.load(), 0);
  EXPECT_EQ(stats.writes, static_cast<unsigned long long>(kThreads * kEach));
  EXPECT_GE(stats.batches, 1u);
  EXPECT_LE(stats.batches, stats.writes);
  EXPECT_EQ(stats.queued, 0u);

  Db db(path_);
  auto rows = db.Rows();
  EXPECT_EQ(rows.size(), static_cast<size_t>(kThreads * kEach));
  for (int t = 0; t < kThreads; ++t) {
    for (int n = 0; n < kEach; ++n) EXPECT_TRUE(rows.count({t, n})) << t << "," << n;
  }
  EXPECT_EQ(db.Count("SELECT COUNT(*) FROM details"), kThreads * kEach);
}

TEST_F(GroupCommitTest, OnSqliteAnInsertsIdIsTheRowsOwnAndNoneIsTakenFirst) {
  // WriteSession::Insert binds NULL here, which makes the row's own id
  // (PostgreSQL's ids taken first are tested in pg_pipeline_test.cpp).
  GroupCommitter committer(path_, 5000);
  std::vector<long long> ids;
  for (long long n = 0; n < 3; ++n) {
    ASSERT_TRUE(committer
                    .Submit([&ids, n](WriteSession& w) {
                      EXPECT_EQ(w.NewId("records"), 0);
                      Statement& record = w.Prepared(
                          "INSERT INTO records (id, writer, n) VALUES (?3, ?1, ?2) RETURNING id");
                      record.Bind(1, 7LL).Bind(2, n);
                      ids.push_back(w.Insert(record, 3, "records"));
                    })
                    .ok());
  }
  Db db(path_);
  for (long long n = 0; n < 3; ++n) {
    EXPECT_EQ(db.Count("SELECT id FROM records WHERE writer = 7 AND n = " + std::to_string(n)),
              ids[static_cast<size_t>(n)]);
  }
  EXPECT_LT(ids[0], ids[1]);
  EXPECT_LT(ids[1], ids[2]);
}

TEST_F(GroupCommitTest, AFailingWriteIsUndoneAloneAndTheRestOfItsBatchIsKept) {
  GroupCommitter committer(path_, 5000);
  ASSERT_TRUE(committer.Submit(Insert(0, 0)).ok());  // writer 0, record 0 exists
  GroupCommitter::Stats before = committer.stats();

  // Hold the writer inside a first batch until the writes below are all
  // queued, so they are committed together in the next batch.
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::promise<void> holding;
  std::thread holder([&] {
    Status st = committer.Submit([&](WriteSession& w) {
      Insert(9, 0)(w);
      holding.set_value();
      released.wait();
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
  });
  holding.get_future().wait();

  constexpr int kWrites = 20;
  constexpr int kDuplicate = 7;  // breaks the UNIQUE constraint
  constexpr int kThrows = 13;    // inserts its rows, then fails
  std::vector<std::future<Status>> results;
  for (int i = 0; i < kWrites; ++i) {
    results.push_back(std::async(std::launch::async, [&, i] {
      if (i == kDuplicate) return committer.Submit(Insert(0, 0));
      if (i == kThrows) {
        return committer.Submit([n = i](WriteSession& w) {
          Insert(1, n)(w);
          throw std::runtime_error("the pupil left the school mid-write");
        });
      }
      return committer.Submit(Insert(1, i));
    }));
  }
  while (committer.stats().queued < kWrites) std::this_thread::yield();
  release.set_value();
  holder.join();

  for (int i = 0; i < kWrites; ++i) {
    Status st = results[i].get();
    if (i == kDuplicate) {
      EXPECT_EQ(st.code(), StatusCode::kConflict) << st.ToString();
    } else if (i == kThrows) {
      EXPECT_EQ(st.code(), StatusCode::kInternal) << st.ToString();
    } else {
      EXPECT_TRUE(st.ok()) << i << ": " << st.ToString();
    }
  }
  GroupCommitter::Stats after = committer.stats();
  EXPECT_EQ(after.batches - before.batches, 2u) << "the holder's batch, then all 20 together";
  EXPECT_EQ(after.writes - before.writes, static_cast<unsigned long long>(kWrites + 1));

  Db db(path_);
  auto rows = db.Rows();
  for (int i = 0; i < kWrites; ++i) {
    if (i == kDuplicate) continue;
    EXPECT_EQ(rows.count({1, i}), i == kThrows ? 0u : 1u) << i;
  }
  EXPECT_TRUE(rows.count({9, 0}));
  EXPECT_EQ(db.Count("SELECT COUNT(*) FROM records WHERE writer = 0"), 1);
  // The failing write's detail row went with it: one detail per record kept.
  EXPECT_EQ(db.Count("SELECT COUNT(*) FROM details"), db.Count("SELECT COUNT(*) FROM records"));
  EXPECT_EQ(db.Count("SELECT COUNT(*) FROM records"), 1 + 1 + (kWrites - 2));
}

// Posted writes (a read's audit entry) wait: they do not commit on their own
// until they have waited `linger`, so a page viewed again and again does not
// commit (and empty every reader's cache) each time; a Submit takes them
// along at once.
TEST_F(GroupCommitTest, PostedWritesWaitForTheNextSubmitWhichTakesThemAlong) {
  GroupCommitter committer(path_, 5000, 512, std::chrono::seconds(30));
  Db db(path_);
  for (int n = 0; n < 5; ++n) ASSERT_TRUE(committer.Post(Insert(2, n), "a test read").ok());
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_EQ(db.Count("SELECT COUNT(*) FROM records"), 0) << "nothing committed on its own yet";
  EXPECT_EQ(committer.stats().batches, 0u);

  ASSERT_TRUE(committer.Submit(Insert(3, 0)).ok());
  EXPECT_EQ(db.Count("SELECT COUNT(*) FROM records"), 6) << "the five posted, with the Submit";
  EXPECT_EQ(committer.stats().batches, 1u);
}

TEST_F(GroupCommitTest, PostedWritesAloneCommitTogetherOnceTheyHaveWaitedTheLinger) {
  GroupCommitter committer(path_, 5000, 512, std::chrono::milliseconds(150));
  Db db(path_);
  auto posted_at = std::chrono::steady_clock::now();
  for (int n = 0; n < 40; ++n) ASSERT_TRUE(committer.Post(Insert(4, n), "a test read").ok());
  while (db.Count("SELECT COUNT(*) FROM records") < 40) {
    ASSERT_LT(std::chrono::steady_clock::now() - posted_at, std::chrono::seconds(10));
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_GE(std::chrono::steady_clock::now() - posted_at, std::chrono::milliseconds(150));
  EXPECT_EQ(committer.stats().batches, 1u) << "forty reads, one commit";
  EXPECT_EQ(committer.stats().writes, 40u);
}

TEST_F(GroupCommitTest, AFullBatchOfPostedWritesCommitsWithoutWaiting) {
  GroupCommitter committer(path_, 5000, 16, std::chrono::seconds(30));
  Db db(path_);
  for (int n = 0; n < 16; ++n) ASSERT_TRUE(committer.Post(Insert(5, n), "a test read").ok());
  auto posted_at = std::chrono::steady_clock::now();
  while (db.Count("SELECT COUNT(*) FROM records") < 16) {
    ASSERT_LT(std::chrono::steady_clock::now() - posted_at, std::chrono::seconds(10));
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

TEST_F(GroupCommitTest, PostedWritesAreWrittenOnAStopWithoutWaitingTheLinger) {
  auto started = std::chrono::steady_clock::now();
  {
    GroupCommitter committer(path_, 5000, 512, std::chrono::seconds(30));
    for (int n = 0; n < 7; ++n) ASSERT_TRUE(committer.Post(Insert(6, n), "a test read").ok());
  }
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
  Db db(path_);
  EXPECT_EQ(db.Count("SELECT COUNT(*) FROM records WHERE writer = 6"), 7);
}

}  // namespace
}  // namespace attune::sql
