#include "storage/sql/connection_pool.h"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <filesystem>
#include <mutex>
#include <unordered_map>

#include "storage/databases.h"
#include "storage/sql/pg_connection.h"
#include "storage/sql/sqlite_connection.h"

// SOCI declares the SQLite C API inside this namespace.
using namespace sqlite_api;  // NOLINT

namespace attune::sql {
namespace {

// Per thread: which session each pool's open transaction uses.
thread_local std::unordered_map<const ConnectionPool*, soci::session*> current_transaction;

}  // namespace

ConnectionPool::ConnectionPool(Dialect dialect, std::string target, int size, int busy_timeout_ms)
    : dialect_(dialect),
      path_(std::move(target)),
      busy_timeout_ms_(busy_timeout_ms),
      size_(size < 1 ? 1 : size) {}

ConnectionPool::~ConnectionPool() = default;

std::unique_ptr<soci::session> ConnectionPool::Connect() {
  if (dialect_ == Dialect::kPostgres) {
    return std::make_unique<soci::session>(soci::postgresql, path_);
  }
  auto session = std::make_unique<soci::session>(
      soci::sqlite3, "db=" + path_ + " timeout=" + std::to_string(busy_timeout_ms_ / 1000 + 1));
  *session << "PRAGMA busy_timeout = " + std::to_string(busy_timeout_ms_);
  *session << "PRAGMA journal_mode = WAL";
  *session << "PRAGMA synchronous = FULL";
  *session << "PRAGMA foreign_keys = ON";
  // Reads through a memory map of the file, shared by every connection in
  // the operating system's page cache, instead of a read() per page into
  // each connection's own small cache: the pages of a large school that walk
  // thousands of rows (a week's records, the follow-up queue) spent most of
  // their time in pread (docs/performance.md, "Pages at a large school's
  // scale"). Address space, not memory; writes are unchanged.
  *session << "PRAGMA mmap_size = 1073741824";
  return session;
}

Status ConnectionPool::Open() {
  // Memory statistics take a process-wide mutex on every allocation, which
  // serialises the request threads; attune does not read them. And a
  // connection is used by one thread at a time (a lease, the group commit's
  // own thread), so SQLite need not lock each connection on every call: in
  // its default "serialized" mode reading a column took a mutex, a third of
  // the time insight spent loading ten million rows (docs/performance.md).
  // Both must be set before SQLite initialises.
  static std::once_flag configured;
  std::call_once(configured, [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
  });
  std::filesystem::path p(path_);
  if (dialect_ == Dialect::kSqlite && p.has_parent_path()) {
    std::error_code ec;
    std::filesystem::create_directories(p.parent_path(), ec);
    if (ec) return Status::Unavailable("cannot create folder " + p.parent_path().string());
  }
  std::lock_guard<std::mutex> lock(mu_);
  try {
    while (all_.size() < size_) {
      all_.push_back(Connect());
      soci::session* session = all_.back().get();
      std::unique_ptr<Connection> raw;
      if (dialect_ == Dialect::kPostgres) {
        raw = std::make_unique<PgConnection>(
            static_cast<soci::postgresql_session_backend*>(session->get_backend())->conn_,
            PgConnection::Setup(busy_timeout_ms_));
        raw->Exec(PgConnection::Setup(busy_timeout_ms_).c_str());
      } else {
        // SOCI's copy of the SQLite API is the same library under another
        // namespace.
        raw = std::make_unique<SqliteConnection>(reinterpret_cast<::sqlite3*>(
            static_cast<soci::sqlite3_session_backend*>(session->get_backend())->conn_));
      }
      statements_[session] = std::make_unique<StatementCache>(raw.get());
      connections_[session] = std::move(raw);
      free_.push_back(session);
    }
  } catch (const std::exception& e) {
    return Status::Unavailable("cannot open database " + DescribeDatabase(path_) + ": " + e.what());
  }
  return Status::Ok();
}

StatementCache* ConnectionPool::StatementsOf(soci::session* session) const {
  return statements_.at(session).get();
}

ConnectionPool::Lease ConnectionPool::Acquire() {
  if (auto* tx = CurrentTransaction()) return Lease(this, tx, StatementsOf(tx), false);
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [&] { return !free_.empty(); });
  soci::session* s = free_.back();
  free_.pop_back();
  lock.unlock();  // the session is this thread's now; a reconnect need not hold up the others
  Lease lease(this, s, StatementsOf(s), true);
  if (dialect_ == Dialect::kPostgres) {
    // A connection the server dropped, even while it waited here (a
    // restart), is made again before it is lent, so its next user does not
    // fail on it; nor is one lent still in a pipeline or a transaction.
    // While the server is down this fails at once, and the user's first
    // statement fails with "no connection to the server" (a 503).
    static_cast<PgConnection&>(StatementsOf(s)->connection()).Reconnected();
  }
  return lease;
}

void ConnectionPool::Release(soci::session* session) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    free_.push_back(session);
  }
  cv_.notify_one();
}

soci::session* ConnectionPool::CurrentTransaction() const {
  auto it = current_transaction.find(this);
  return it == current_transaction.end() ? nullptr : it->second;
}

void ConnectionPool::SetCurrentTransaction(soci::session* session) {
  if (session) {
    current_transaction[this] = session;
  } else {
    current_transaction.erase(this);
  }
}

ConnectionPool::Lease::Lease(Lease&& other) noexcept
    : pool_(other.pool_),
      session_(other.session_),
      statements_(other.statements_),
      owned_(other.owned_) {
  other.owned_ = false;
  other.session_ = nullptr;
}

ConnectionPool::Lease::~Lease() {
  if (owned_ && session_) pool_->Release(session_);
}

}  // namespace attune::sql
