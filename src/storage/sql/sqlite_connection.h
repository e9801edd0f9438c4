// The SQLite side of statement.h: a raw sqlite3 connection and its
// statements.
#pragma once

#include "storage/sql/statement.h"

struct sqlite3;
struct sqlite3_stmt;

namespace attune::sql {

// Runs `sql` (one or several statements, no rows wanted) on a raw
// connection. Throws std::runtime_error with SQLite's message on failure.
void Exec(sqlite3* db, const char* sql);

class SqliteStatement final : public Statement {
 public:
  // Throws std::runtime_error when `sql` does not prepare.
  SqliteStatement(sqlite3* db, const char* sql);
  ~SqliteStatement() override;
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  using Statement::Bind;
  Statement& Bind(int index, long long value) override;
  Statement& Bind(int index, std::string_view value) override;
  Statement& BindNull(int index) override;
  void Run() override;
  bool Step() override;
  long long Int(int column) const override;
  std::string_view TextView(int column) const override;
  bool IsNull(int column) const override;
  void Reset() override;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

// A connection over a sqlite3 handle; closes it at the end only when it
// opened it.
class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(sqlite3* db, bool owned = false) : db_(db), owned_(owned) {}
  // Opens `path` (creating it) for writing, set up as the pool's sessions
  // are: WAL, synchronous=FULL, foreign keys, a busy timeout.
  static std::unique_ptr<SqliteConnection> OpenFile(const std::string& path, int busy_timeout_ms);
  ~SqliteConnection() override;

  Dialect dialect() const override { return Dialect::kSqlite; }
  std::unique_ptr<Statement> Prepare(const char* sql) override;
  void Exec(const char* script) override;
  long long Changes() override;
  long long LastId() override;
  bool InTransaction() const override;
  sqlite3* native() const { return db_; }

 private:
  sqlite3* db_;
  bool owned_;
};

}  // namespace attune::sql
