#include "storage/sql/sqlite_connection.h"

#include <sqlite3.h>

#include <stdexcept>

namespace attune::sql {

void Exec(sqlite3* db, const char* sql) {
  char* error = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : sqlite3_errmsg(db);
    sqlite3_free(error);
    throw std::runtime_error(message);
  }
}

SqliteStatement::SqliteStatement(sqlite3* db, const char* sql) : db_(db) {
  if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr) != SQLITE_OK) {
    throw std::runtime_error(std::string("prepare failed: ") + sqlite3_errmsg(db));
  }
}

SqliteStatement::~SqliteStatement() { sqlite3_finalize(stmt_); }

Statement& SqliteStatement::Bind(int index, long long value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

Statement& SqliteStatement::Bind(int index, std::string_view value) {
  // An empty view may have no data; SQLite would store NULL for that.
  sqlite3_bind_text(stmt_, index, value.data() ? value.data() : "", static_cast<int>(value.size()),
                    SQLITE_TRANSIENT);
  return *this;
}

Statement& SqliteStatement::BindNull(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}

void SqliteStatement::Run() {
  int rc = sqlite3_step(stmt_);
  Reset();
  if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
    throw std::runtime_error(sqlite3_errmsg(db_));
  }
}

bool SqliteStatement::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  throw std::runtime_error(sqlite3_errmsg(db_));
}

long long SqliteStatement::Int(int column) const {
  return static_cast<long long>(sqlite3_column_int64(stmt_, column));
}

std::string_view SqliteStatement::TextView(int column) const {
  const unsigned char* text = sqlite3_column_text(stmt_, column);
  if (!text) return {};
  return std::string_view(reinterpret_cast<const char*>(text),
                          static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

bool SqliteStatement::IsNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

void SqliteStatement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::unique_ptr<SqliteConnection> SqliteConnection::OpenFile(const std::string& path,
                                                             int busy_timeout_ms) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    throw std::runtime_error("cannot open database " + path + ": " + message);
  }
  auto connection = std::make_unique<SqliteConnection>(db, true);
  sqlite3_busy_timeout(db, busy_timeout_ms);
  connection->Exec("PRAGMA journal_mode = WAL");
  connection->Exec("PRAGMA synchronous = FULL");
  connection->Exec("PRAGMA foreign_keys = ON");
  return connection;
}

SqliteConnection::~SqliteConnection() {
  if (owned_) sqlite3_close(db_);
}

std::unique_ptr<Statement> SqliteConnection::Prepare(const char* sql) {
  return std::make_unique<SqliteStatement>(db_, sql);
}

void SqliteConnection::Exec(const char* script) { sql::Exec(db_, script); }

long long SqliteConnection::Changes() { return static_cast<long long>(sqlite3_changes(db_)); }

long long SqliteConnection::LastId() {
  return static_cast<long long>(sqlite3_last_insert_rowid(db_));
}

bool SqliteConnection::InTransaction() const { return !sqlite3_get_autocommit(db_); }

}  // namespace attune::sql
