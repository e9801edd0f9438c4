// Group commit: one writer thread with its own connection takes every write
// submitted while the previous batch was being made durable, runs them in
// one transaction, and commits once. When a write fails, the batch is rolled
// back and run again with each write in a savepoint of its own, so one
// failure does not undo the others; a write must therefore be safe to run
// twice (it may only write to the database and to its own outputs). With
// synchronous=FULL that is one fsync for the batch rather than one per
// record, which is how attune records thousands of incidents a second on one
// disk (docs/performance.md).
//
// A caller of Submit returns only after its batch has committed: an
// acknowledged write survives a crash. Writes nobody waits for (Post: a
// read's audit entry) wait for the next Submit, or at most `linger`: every
// commit empties every reader's page cache (SQLite's WAL readers start again
// from the disk after any change), so a page view that audits its reads must
// not commit each time it is viewed (decision 0015).
//
// Thread-safety: Submit may be called from any number of threads.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/status.h"
#include "storage/sql/statement.h"

namespace attune::sql {

// The writer's connection, handed to each write.
class WriteSession {
 public:
  explicit WriteSession(Connection& connection) : statements_(&connection) {}
  // The statement for `sql`, prepared once and kept. REQUIRES: `sql` is a
  // string literal (its address is the cache key).
  Statement& Prepared(const char* sql) { return statements_.Prepared(sql); }
  // The id of the last row inserted on this connection.
  long long LastId() const { return statements_.connection().LastId(); }
  // Runs `insert`, an INSERT ... RETURNING id with its values bound, and
  // gives the id, or 0 when it inserted nothing.
  long long Inserted(Statement& insert) {
    Rows r(insert);
    return r.Next() ? r.Int(0) : 0;
  }
  // Runs `insert`, an INSERT ... RETURNING id whose parameter `id_param`
  // is the new row's id (its other values bound), and gives that id. On
  // PostgreSQL the id is taken first from `table`'s sequence (NewId), so
  // the write goes on without waiting for the answer: a record's rows and
  // the next record's go in one round trip, not one each (decision 0037).
  // On SQLite the id is NULL, which makes the row's own, known at once.
  long long Insert(Statement& insert, int id_param, const char* table) {
    if (long long id = NewId(table)) {
      insert.Bind(id_param, id).Run();
      return id;
    }
    insert.BindNull(id_param);
    return Inserted(insert);
  }
  // The id the next row of `table` is to have when a write gives it: on
  // PostgreSQL from the table's sequence, asked for in blocks (ids unused
  // when the server stops are skipped, as a sequence always may); 0 on
  // SQLite, where an INSERT gives it for nothing. REQUIRES: `table` is a
  // string literal naming a table with an identity column `id`.
  long long NewId(const char* table);
  // The rows the last statement inserted, changed or deleted.
  long long Changes() { return statements_.connection().Changes(); }
  // Reads every answer owed (Statement::RunForId's ids set); see
  // Connection::Settle.
  void Settle() { statements_.connection().Settle(); }
  StatementCache& statements() { return statements_; }

 private:
  StatementCache statements_;
  // Ids taken from each table's sequence and not yet given, largest first.
  std::map<const char*, std::vector<long long>> free_ids_;
};

// Opens the writer's own connection; throws std::runtime_error.
using ConnectionOpener = std::function<std::unique_ptr<Connection>()>;

class GroupCommitter {
 public:
  // Opens its own connection with `open` on first use. Default batch: 512;
  // posted writes linger up to a second.
  explicit GroupCommitter(ConnectionOpener open, size_t max_batch = 512,
                          std::chrono::milliseconds linger = kDefaultLinger);
  // The same on a SQLite file.
  GroupCommitter(const std::string& path, int busy_timeout_ms, size_t max_batch = 512,
                 std::chrono::milliseconds linger = kDefaultLinger);
  static constexpr std::chrono::milliseconds kDefaultLinger{1000};
  ~GroupCommitter();  // finishes queued writes, then stops the writer
  GroupCommitter(const GroupCommitter&) = delete;
  GroupCommitter& operator=(const GroupCommitter&) = delete;

  // Runs `write` on the writer's connection inside a transaction and waits
  // for the commit. An exception thrown by `write` undoes that write only
  // and comes back as a Status (see row.h FromException).
  Status Submit(std::function<void(WriteSession&)> write);
  // Queues `write` for the next batch and returns without waiting for it:
  // for writes whose caller must not wait on the disk (a read's audit
  // entry). Committed with the next Submit's batch, or once it has waited
  // `linger`, or when max_batch of them wait; written on a clean stop (the
  // destructor finishes the queue); lost only if the process dies before
  // that batch commits (at most `linger` and one commit after the call). A failure is
  // logged as `what`. When kMaxPosted writes are already waiting, waits as
  // Submit does, so the queue cannot grow without bound.
  Status Post(std::function<void(WriteSession&)> write, const char* what);
  static constexpr size_t kMaxPosted = 65536;

  // Counters since construction, for benchmarks and tests.
  struct Stats {
    unsigned long long batches = 0;  // transactions committed or failed
    unsigned long long writes = 0;   // writes run (ok or not)
    size_t queued = 0;               // writes waiting for the writer now
  };
  Stats stats();

 private:
  struct Pending;
  void Run();
  // Takes the next batch from the queue once it is due (see Post); false
  // when stopping with nothing left. REQUIRES: `lock` holds mu_.
  bool TakeBatch(std::unique_lock<std::mutex>& lock, std::deque<Pending*>& batch);
  void RunBatch(std::deque<Pending*>& batch);
  // Opens the batch's transaction and runs every write in it; on the first
  // failure rolls it all back and returns false.
  bool RunTogether(std::deque<Pending*>& batch);
  // Opens the transaction again and runs each write in a savepoint of its
  // own, so only the failing ones are undone; their errors go in `results`.
  void RunEachAlone(std::deque<Pending*>& batch, std::vector<Status>& results);
  Status OpenConnection();
  // Queues `pending` (starting the writer on first use); false, with the
  // reason in `refused`, when it cannot be.
  bool Enqueue(Pending* pending, Status& refused);

  ConnectionOpener open_;
  size_t max_batch_;
  std::chrono::milliseconds linger_;
  std::unique_ptr<Connection> connection_;
  std::unique_ptr<WriteSession> session_;

  std::mutex mu_;
  std::condition_variable wake_;
  std::deque<Pending*> queue_;  // guarded by mu_
  size_t posted_ = 0;           // guarded by mu_: Post()ed writes not yet done
  size_t posted_queued_ = 0;    // guarded by mu_: of those, still in queue_
  // guarded by mu_: when the oldest posted write in queue_ was queued.
  std::chrono::steady_clock::time_point posted_since_{};
  bool stopping_ = false;  // guarded by mu_
  bool started_ = false;   // guarded by mu_
  Status open_status_;     // guarded by mu_
  Stats stats_;            // guarded by mu_ (queued read from queue_)
  // Slow commits since the last warning, and when it was (writer thread only).
  long long slow_unsaid_ = 0;
  long long slow_worst_ms_ = 0;
  std::chrono::steady_clock::time_point slow_said_{};
  std::thread writer_;
};

}  // namespace attune::sql
