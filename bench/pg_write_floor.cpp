// The writer alone on PostgreSQL, for "Recording on PostgreSQL" in
// docs/performance.md: attune's own write of one record (the rows of
// bench/sqlite_insert_floor's "hurting someone" record: the incident, its
// pupil, two actions and the audit entry) through attune's GroupCommitter
// from T threads, each waiting for its commit, with no HTTP, no policy and
// no readers. Twice in one run: with every statement waiting for its answer
// (a connection that ignores pipelining), then pipelined as `attune serve`
// runs it. With T threads always waiting the writer never rests, so the
// rate is the writer's ceiling: one over (time a write + commit / batch).
//
// Usage: pg_write_floor URL [seconds per mode, Default: 3] [threads, Default: 16]
//   URL: an empty PostgreSQL database (postgresql://...), migrated here.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "bench_record.h"
#include "storage/sql/group_commit.h"
#include "storage/sql/pg_connection.h"
#include "storage/store.h"

namespace {

using Clock = std::chrono::steady_clock;
using namespace attune;
using bench::Ids;

// A migrated database with the bench's school and a policy version.
Ids Prepare(const std::string& url) {
  StoreOptions options;
  options.path = url;
  auto store = OpenStore(options);
  if (!store.ok()) throw std::runtime_error(store.status().ToString());
  if (!(*store)->Migrate().ok()) throw std::runtime_error("migrate");
  Ids ids = bench::MakeSchool(**store);
  auto connection = sql::PgConnection::Open(url, 5000);
  auto st = connection->Prepare(
      "INSERT INTO policy_versions (school_id, version, source_text, school_name, uploaded_at, "
      "active_from) VALUES (?1, 1, 'format = 1', 'Bench School', 0, '2026-09-01') RETURNING id");
  st->Bind(1, ids.school);
  if (st->Step()) ids.policy_version = st->Int(0);
  st->Reset();
  return ids;
}

// A connection that answers every statement before the next, as before
// pipelining: the same connection with BeginPipeline and EndPipeline ignored.
class OneAtATime final : public sql::Connection {
 public:
  explicit OneAtATime(std::unique_ptr<sql::Connection> inner) : inner_(std::move(inner)) {}
  sql::Dialect dialect() const override { return inner_->dialect(); }
  std::unique_ptr<sql::Statement> Prepare(const char* sql) override { return inner_->Prepare(sql); }
  void Exec(const char* script) override { inner_->Exec(script); }
  long long Changes() override { return inner_->Changes(); }
  long long LastId() override { return inner_->LastId(); }
  bool InTransaction() const override { return inner_->InTransaction(); }
  void Reconnect() override { inner_->Reconnect(); }

 private:
  std::unique_ptr<sql::Connection> inner_;
};

void Run(const std::string& url, const Ids& ids, bool pipelined, int threads, double seconds) {
  std::atomic<long long> n{0}, failed{0};
  auto open = [&]() -> std::unique_ptr<sql::Connection> {
    auto connection = sql::PgConnection::Open(url, 5000);
    if (pipelined) return connection;
    return std::make_unique<OneAtATime>(std::move(connection));
  };
  sql::GroupCommitter::Stats stats;
  double took = 0;
  {
    sql::GroupCommitter committer(open);
    auto start = Clock::now();
    auto end =
        start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
      pool.emplace_back([&] {
        while (Clock::now() < end) {
          NewIncident x = bench::MakeIncident(ids, n);
          Status st = committer.Submit([&](sql::WriteSession& w) { bench::WriteRows(w, x); });
          ++(st.ok() ? n : failed);
        }
      });
    }
    for (auto& th : pool) th.join();
    took = std::chrono::duration<double>(Clock::now() - start).count();
    stats = committer.stats();
  }
  double batch = stats.batches ? double(stats.writes) / double(stats.batches) : 0.0;
  std::printf("%-34s %6lld in %4.2f s = %6.0f/s  mean batch %5.1f  %.3f ms a write%s\n",
              pipelined ? "pipelined (attune serve)" : "each statement waits its answer", n.load(),
              took, double(n.load()) / took, batch, took * 1000.0 / double(n.load()),
              failed ? "  FAILURES" : "");
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: pg_write_floor URL [seconds] [threads]\n");
    return 2;
  }
  std::string url = argv[1];
  double seconds = argc > 2 ? std::stod(argv[2]) : 3.0;
  int threads = argc > 3 ? std::stoi(argv[3]) : 16;
  try {
    Ids ids = Prepare(url);
    std::printf("%d threads, each waiting for its commit, %.0f s a mode\n", threads, seconds);
    Run(url, ids, false, threads, seconds);
    Run(url, ids, true, threads, seconds);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "pg_write_floor: %s\n", e.what());
    return 1;
  }
  return 0;
}
