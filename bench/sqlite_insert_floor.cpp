// The peer for "record an incident durably" (docs/performance.md): how many
// incidents a second SQLite itself can make durable on this disk, with no
// HTTP, no policy and no JSON. Every mode writes the rows of one "hurting
// someone" record at the Zone 6 step, as attune does: the incident, its
// pupil, two follow-up actions and the audit entry, into a fresh file with
// attune's own migrations, WAL and synchronous=FULL.
//
//   naive       one thread, one transaction (one fsync) per incident: the
//               ceiling of a server that commits each request on its own
//   batch N     one thread, N incidents per transaction, each in a savepoint
//               (what group commit does when N writes are waiting)
//   group commit T
//               attune's GroupCommitter (storage/sql/group_commit.h), from
//               T threads at once, each waiting for its commit
//
// Usage: sqlite_insert_floor [seconds per mode, Default: 3] [folder, Default: /tmp]
//                            [all | naive, Default: all]
#include <spdlog/spdlog.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "bench_record.h"
#include "core/secrets.h"
#include "storage/sql/group_commit.h"
#include "storage/sql/sqlite_connection.h"
#include "storage/store.h"

namespace {

using Clock = std::chrono::steady_clock;
using namespace attune;
using bench::Ids;
using bench::MakeIncident;
using bench::WriteRows;

// A fresh migrated file with one school, one member of staff, one pupil and
// a policy version, so every foreign key of the incident rows holds.
Ids Prepare(const std::string& path, std::unique_ptr<Store>* out) {
  std::filesystem::remove(path);
  std::filesystem::remove(path + "-wal");
  std::filesystem::remove(path + "-shm");
  StoreOptions options;
  options.path = path;
  auto store = OpenStore(options);
  if (!store.ok()) throw std::runtime_error(store.status().ToString());
  if (!(*store)->Migrate().ok()) throw std::runtime_error("migrate");
  Ids ids = bench::MakeSchool(**store);
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sql::Exec(
      db,
      ("INSERT INTO policy_versions (school_id, version, source_text, school_name, uploaded_at, "
       "active_from) VALUES (" +
       std::to_string(ids.school) + ", 1, 'format = 1', 'Bench School', 0, '2026-09-01')")
          .c_str());
  ids.policy_version = sqlite3_last_insert_rowid(db);
  sqlite3_close(db);
  *out = std::move(*store);
  return ids;
}

long long CountIncidents(const std::string& path) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM incidents", -1, &st, nullptr);
  long long n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
  sqlite3_finalize(st);
  sqlite3_close(db);
  return n;
}

// "  p50 x ms  p99 y ms" of `ms`, sorted here.
std::string Percentiles(std::vector<double>& ms) {
  if (ms.empty()) return "";
  std::sort(ms.begin(), ms.end());
  auto at = [&](double p) { return ms[static_cast<size_t>(p / 100.0 * double(ms.size() - 1))]; };
  char text[80];
  std::snprintf(text, sizeof text, "  p50 %.2f ms  p99 %.2f ms", at(50), at(99));
  return text;
}

void Report(const char* mode, long long n, double seconds, long long on_disk,
            const std::string& extra = "") {
  std::printf("%-26s %6lld in %4.2f s = %6.0f/s  on disk %6lld%s\n", mode, n, seconds, n / seconds,
              on_disk, extra.c_str());
  std::fflush(stdout);
}

// One thread; `batch` incidents per transaction (1: naive).
void RunRaw(const std::string& path, int batch, double seconds) {
  std::unique_ptr<Store> store;
  Ids ids = Prepare(path, &store);
  store.reset();
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_busy_timeout(db, 5000);
  sql::Exec(db, "PRAGMA journal_mode = WAL");
  sql::Exec(db, "PRAGMA synchronous = FULL");
  sql::Exec(db, "PRAGMA foreign_keys = ON");
  long long n = 0;
  {
    sql::SqliteConnection connection(db);
    sql::WriteSession w(connection);
    NewIncident x = MakeIncident(ids, 0);
    auto start = Clock::now();
    auto end =
        start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    std::vector<double> commit_ms;  // one transaction, start to durable
    while (Clock::now() < end) {
      auto began = Clock::now();
      sql::Exec(db, "BEGIN IMMEDIATE");
      for (int k = 0; k < batch; ++k) {
        if (batch > 1) sql::Exec(db, "SAVEPOINT one_write");
        WriteRows(w, x);
        if (batch > 1) sql::Exec(db, "RELEASE one_write");
      }
      sql::Exec(db, "COMMIT");
      commit_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - began).count());
      n += batch;
    }
    double took = std::chrono::duration<double>(Clock::now() - start).count();
    std::string name =
        batch == 1 ? "naive: 1 per transaction" : "batch of " + std::to_string(batch);
    Report(name.c_str(), n, took, CountIncidents(path), Percentiles(commit_ms));
  }
  sqlite3_close(db);
}

// `threads` threads recording through attune's GroupCommitter, each waiting
// for its commit as a request thread of `attune serve` does.
void RunCommitter(const std::string& path, int threads, double seconds) {
  std::unique_ptr<Store> store;
  Ids ids = Prepare(path, &store);
  store.reset();
  std::atomic<long long> n{0}, failed{0};
  std::mutex mu;
  std::vector<double> submit_ms;  // Submit to its return (durable), guarded by mu
  sql::GroupCommitter::Stats stats;
  auto start = Clock::now();
  auto end =
      start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  double took = 0;
  {
    sql::GroupCommitter committer(path, 5000);
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
      pool.emplace_back([&, t] {
        std::vector<double> mine;
        while (Clock::now() < end) {
          NewIncident x = MakeIncident(ids, t);
          auto began = Clock::now();
          if (committer.Submit([&](sql::WriteSession& w) { WriteRows(w, x); }).ok()) {
            ++n;
          } else {
            ++failed;
          }
          mine.push_back(std::chrono::duration<double, std::milli>(Clock::now() - began).count());
        }
        std::lock_guard<std::mutex> lock(mu);
        submit_ms.insert(submit_ms.end(), mine.begin(), mine.end());
      });
    }
    for (auto& th : pool) th.join();
    took = std::chrono::duration<double>(Clock::now() - start).count();
    stats = committer.stats();
  }
  char extra[96];
  std::snprintf(extra, sizeof extra, "  mean batch %.1f%s",
                stats.batches ? double(stats.writes) / double(stats.batches) : 0.0,
                failed ? "  FAILURES" : "");
  std::string name = "group commit, " + std::to_string(threads) + " thread(s)";
  Report(name.c_str(), n, took, CountIncidents(path), Percentiles(submit_ms) + extra);
}

}  // namespace

int main(int argc, char** argv) {
  double seconds = argc > 1 ? std::stod(argv[1]) : 3.0;
  std::string folder = argc > 2 ? argv[2] : "/tmp";
  std::string modes = argc > 3 ? argv[3] : "all";
  if (!attune::InitSecrets().ok()) return 1;
  spdlog::set_level(spdlog::level::warn);
  std::string path = folder + "/attune-insert-floor-" + std::to_string(::getpid()) + ".db";
  std::printf("# SQLite %s, WAL, synchronous=FULL, file %s, %.0f s per mode\n",
              sqlite3_libversion(), path.c_str(), seconds);
  RunRaw(path, 1, seconds);
  if (modes == "all") {
    for (int batch : {8, 64, 512}) RunRaw(path, batch, seconds);
    for (int threads : {1, 8, 64}) RunCommitter(path, threads, seconds);
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  return 0;
}
