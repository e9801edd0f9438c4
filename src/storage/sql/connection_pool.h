// A fixed pool of SOCI sessions on one database: a SQLite file, each set up
// for WAL, foreign keys and a busy timeout, or a PostgreSQL server named by a
// postgresql:// URL.
//
// Each connection keeps its prepared statements (statement.h) for the hot
// reads; everything else goes through SOCI.
//
// Thread-safety: Lease may be taken from any thread; a leased session is used
// by one thread at a time. While a thread is inside a transaction begun with
// BeginTransaction, its leases return that same session.
#pragma once

#include <soci/soci.h>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/status.h"
#include "storage/sql/statement.h"

namespace attune::sql {

class ConnectionPool {
 public:
  // REQUIRES: size >= 1. `target` is a SQLite file (created when missing)
  // or, for kPostgres, a postgresql:// URL. Nothing opens before Open().
  ConnectionPool(Dialect dialect, std::string target, int size, int busy_timeout_ms);
  ~ConnectionPool();
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  // Opens every connection now so failures show at start-up.
  Status Open();

  class Lease {
   public:
    Lease(ConnectionPool* pool, soci::session* session, StatementCache* statements, bool owned)
        : pool_(pool), session_(session), statements_(statements), owned_(owned) {}
    Lease(Lease&& other) noexcept;
    Lease(const Lease&) = delete;
    ~Lease();
    soci::session& operator*() { return *session_; }
    soci::session* operator->() { return session_; }
    // A query on this connection's kept statement for `sql`. REQUIRES:
    // `sql` is a string literal; the Rows ends before the lease does.
    Rows Query(const char* sql) { return Rows(statements_->Prepared(sql)); }
    // The raw connection under the session (dialect, changes, last id).
    Connection& Raw() const { return statements_->connection(); }
    StatementCache& Statements() const { return *statements_; }

   private:
    ConnectionPool* pool_;
    soci::session* session_;
    StatementCache* statements_;
    bool owned_;
  };

  // Blocks until a session is free.
  Lease Acquire();

  // The session this thread's transaction runs on, or null.
  soci::session* CurrentTransaction() const;
  void SetCurrentTransaction(soci::session* session);

  const std::string& path() const { return path_; }
  Dialect dialect() const { return dialect_; }

 private:
  void Release(soci::session* session);
  std::unique_ptr<soci::session> Connect();
  StatementCache* StatementsOf(soci::session* session) const;

  Dialect dialect_;
  std::string path_;
  int busy_timeout_ms_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<soci::session>> all_;  // guarded by mu_
  std::vector<soci::session*> free_;                 // guarded by mu_
  // One per session; fixed once Open has run. Declared after all_ so the
  // statements are finalised before their connections close.
  std::unordered_map<soci::session*, std::unique_ptr<Connection>> connections_;
  std::unordered_map<soci::session*, std::unique_ptr<StatementCache>> statements_;
  size_t size_;
};

}  // namespace attune::sql
