#include "storage/sql/group_commit.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <future>
#include <stdexcept>

#include "storage/sql/row.h"
#include "storage/sql/sqlite_connection.h"

namespace attune::sql {
namespace {

constexpr long long kSlowCommitMs = 100;

// Ids taken from a sequence at a time (WriteSession::NewId): one round trip
// for this many rows of a table.
constexpr int kIdsAtOnce = 64;

}  // namespace

long long WriteSession::NewId(const char* table) {
  if (statements_.connection().dialect() != Dialect::kPostgres) return 0;
  std::vector<long long>& free = free_ids_[table];
  if (free.empty()) {
    Rows r(
        Prepared("SELECT nextval(pg_get_serial_sequence(?1, 'id')) FROM generate_series(1, ?2)"));
    r.Bind(1, std::string_view(table)).Bind(2, static_cast<long long>(kIdsAtOnce));
    while (r.Next()) free.push_back(r.Int(0));
    if (free.empty()) throw std::runtime_error(std::string("no ids for ") + table);
    std::sort(free.rbegin(), free.rend());
  }
  long long id = free.back();
  free.pop_back();
  return id;
}

struct GroupCommitter::Pending {
  std::function<void(WriteSession&)> write;
  std::promise<Status> done;
  const char* posted = nullptr;  // Post()ed: owned by the writer, failure logged as this
};

GroupCommitter::GroupCommitter(ConnectionOpener open, size_t max_batch,
                               std::chrono::milliseconds linger)
    : open_(std::move(open)), max_batch_(max_batch), linger_(linger) {}

GroupCommitter::GroupCommitter(const std::string& path, int busy_timeout_ms, size_t max_batch,
                               std::chrono::milliseconds linger)
    : GroupCommitter(
          [path, busy_timeout_ms]() -> std::unique_ptr<Connection> {
            return SqliteConnection::OpenFile(path, busy_timeout_ms);
          },
          max_batch, linger) {}

GroupCommitter::~GroupCommitter() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (writer_.joinable()) writer_.join();
  session_.reset();
  connection_.reset();
}

Status GroupCommitter::OpenConnection() {
  try {
    connection_ = open_();
  } catch (const std::exception& e) {
    return Status::Unavailable(std::string("cannot set up the writer: ") + e.what());
  }
  session_ = std::make_unique<WriteSession>(*connection_);
  return Status::Ok();
}

bool GroupCommitter::Enqueue(Pending* pending, Status& refused) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_) {
      refused = Status::Unavailable("attune is stopping; please try again");
      return false;
    }
    if (!started_) {
      started_ = true;
      open_status_ = OpenConnection();
      if (open_status_.ok()) writer_ = std::thread([this] { Run(); });
    }
    if (!open_status_.ok()) {
      refused = open_status_;
      return false;
    }
    bool wake = true;
    if (pending->posted) {
      ++posted_;
      // The writer needs waking only to start the clock, or once enough
      // wait to fill a batch.
      if (posted_queued_++ == 0) {
        posted_since_ = std::chrono::steady_clock::now();
      } else {
        wake = posted_queued_ >= max_batch_;
      }
    }
    queue_.push_back(pending);
    if (!wake) return true;
  }
  wake_.notify_one();
  return true;
}

Status GroupCommitter::Submit(std::function<void(WriteSession&)> write) {
  Pending pending;
  pending.write = std::move(write);
  std::future<Status> result = pending.done.get_future();
  Status refused;
  if (!Enqueue(&pending, refused)) return refused;
  return result.get();
}

Status GroupCommitter::Post(std::function<void(WriteSession&)> write, const char* what) {
  bool full;
  {
    std::lock_guard<std::mutex> lock(mu_);
    full = posted_ >= kMaxPosted;
  }
  // The writer is far behind: this caller waits, as a Submit would.
  if (full) return Submit(std::move(write));
  auto pending = std::make_unique<Pending>();
  pending->write = std::move(write);
  pending->posted = what;
  Status refused;
  if (!Enqueue(pending.get(), refused)) return refused;
  pending.release();  // the writer deletes it once its batch is done
  return Status::Ok();
}

GroupCommitter::Stats GroupCommitter::stats() {
  std::lock_guard<std::mutex> lock(mu_);
  Stats s = stats_;
  s.queued = queue_.size();
  return s;
}

bool GroupCommitter::TakeBatch(std::unique_lock<std::mutex>& lock, std::deque<Pending*>& batch) {
  for (;;) {
    if (stopping_ && queue_.empty()) return false;
    // Due: stopping, someone waits (a Submit), or the posted writes have
    // waited long enough or are enough for a batch.
    bool waited_on = queue_.size() > posted_queued_;
    if (stopping_ || waited_on || posted_queued_ >= max_batch_) break;
    if (posted_queued_ == 0) {
      wake_.wait(lock);
    } else if (wake_.wait_until(lock, posted_since_ + linger_) == std::cv_status::timeout) {
      if (posted_queued_ > 0) break;
    }
  }
  while (!queue_.empty() && batch.size() < max_batch_) {
    if (queue_.front()->posted) --posted_queued_;
    batch.push_back(queue_.front());
    queue_.pop_front();
  }
  // Those left behind (a full batch) go with the next one.
  if (posted_queued_ > 0) posted_since_ = std::chrono::steady_clock::time_point{};
  return true;
}

void GroupCommitter::Run() {
  std::deque<Pending*> batch;
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(mu_);
      if (!TakeBatch(lock, batch)) return;
    }
    RunBatch(batch);
    batch.clear();
  }
}

void GroupCommitter::RunBatch(std::deque<Pending*>& batch) {
  std::vector<Status> results(batch.size());
  Status batch_status;
  // The transaction's own statements are prepared once and kept: parsing
  // "SAVEPOINT"/"RELEASE" for every write cost more than running them.
  WriteSession& w = *session_;
  auto started = std::chrono::steady_clock::now();
  for (int attempt = 1;; ++attempt) {
    bool commit_sent = false;
    try {
      if (!RunTogether(batch)) RunEachAlone(batch, results);
      commit_sent = true;
      w.Prepared("COMMIT").Run();
      break;
    } catch (const std::exception& e) {
      try {
        if (connection_->InTransaction()) connection_->Exec("ROLLBACK");
      } catch (const std::exception&) {
      }
      // The connection lost (a server restart) before COMMIT was sent: the
      // server rolls back a transaction whose connection ends, so nothing
      // of the batch was written, and it runs once more on the connection
      // made again (RunTogether), its writes being safe to run twice. Once
      // COMMIT has been sent its outcome is unknown (committed, its answer
      // lost, or not): the batch is not run again, and its callers are told
      // it failed (503), as when the server is really down.
      if (attempt == 1 && !commit_sent && ConnectionLost(e)) {
        spdlog::warn("group commit: connection to the database lost, trying the batch again");
        results.assign(batch.size(), Status());
        continue;
      }
      batch_status = FromException(e, "group commit");
      break;
    }
  }
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                  started)
                .count();
  if (ms >= kSlowCommitMs) {
    // Every waiting request waits this long: worth knowing about the disk,
    // but said at most once a minute, so a busy import or the demo's
    // history does not fill the screen.
    ++slow_unsaid_;
    slow_worst_ms_ = std::max(slow_worst_ms_, static_cast<long long>(ms));
    auto now = std::chrono::steady_clock::now();
    if (slow_said_ == std::chrono::steady_clock::time_point{} ||
        now - slow_said_ >= std::chrono::minutes(1)) {
      if (slow_unsaid_ == 1) {
        spdlog::warn("slow commit: {} write(s) took {} ms to reach the disk", batch.size(), ms);
      } else {
        spdlog::warn("slow commits: {} in the last minute, the slowest {} ms to reach the disk",
                     slow_unsaid_, slow_worst_ms_);
      }
      slow_said_ = now;
      slow_unsaid_ = 0;
      slow_worst_ms_ = 0;
    }
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    stats_.batches += 1;
    stats_.writes += batch.size();
  }
  size_t posted = 0;
  for (size_t i = 0; i < batch.size(); ++i) {
    Status result = batch_status.ok() ? results[i] : batch_status;
    if (const char* what = batch[i]->posted) {
      // Nobody waits for it: a failure can only be told to the log.
      if (!result.ok()) spdlog::error("{} not written: {}", what, result.ToString());
      delete batch[i];
      ++posted;
      continue;
    }
    batch[i]->done.set_value(result);
  }
  if (posted) {
    std::lock_guard<std::mutex> lock(mu_);
    posted_ -= posted;
  }
}

bool GroupCommitter::RunTogether(std::deque<Pending*>& batch) {
  WriteSession& w = *session_;
  connection_->Reconnect();  // after a server restart, before the batch
  BeginWrite(w.statements());
  // On PostgreSQL the batch's statements go without waiting for each
  // answer, up to the next one a write needs (an id, a count, a row); any
  // failure, wherever it shows, undoes the batch and each write runs again
  // alone, so which write failed need not be known here.
  connection_->BeginPipeline();
  try {
    for (Pending* p : batch) p->write(w);
    connection_->EndPipeline();
    return true;
  } catch (const std::exception&) {
    try {
      connection_->EndPipeline();
    } catch (const std::exception&) {  // the failure already caught
    }
    w.Prepared("ROLLBACK").Run();
    return false;
  }
}

void GroupCommitter::RunEachAlone(std::deque<Pending*>& batch, std::vector<Status>& results) {
  WriteSession& w = *session_;
  BeginWrite(w.statements());
  for (size_t i = 0; i < batch.size(); ++i) {
    w.Prepared("SAVEPOINT one_write").Run();
    try {
      batch[i]->write(w);
      w.Prepared("RELEASE one_write").Run();
    } catch (const std::exception& e) {
      results[i] = FromException(e, "recording");
      w.Prepared("ROLLBACK TO one_write").Run();
      w.Prepared("RELEASE one_write").Run();
    }
  }
}

}  // namespace attune::sql
