#include "storage/sqlite/statement.h"

#include <sqlite3.h>

#include <stdexcept>

namespace attune::sqlite {

Statement::Statement(sqlite3* db, const char* sql) : db_(db) {
  if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr) != SQLITE_OK) {
    throw std::runtime_error(std::string("prepare failed: ") + sqlite3_errmsg(db));
  }
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::Bind(int index, long long value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

Statement& Statement::Bind(int index, std::string_view value) {
  sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::Bind(int index, const std::optional<Timestamp>& value) {
  if (value) {
    sqlite3_bind_int64(stmt_, index, ToUnix(*value));
  } else {
    sqlite3_bind_null(stmt_, index);
  }
  return *this;
}

Statement& Statement::BindIdOrNull(int index, long long id) {
  if (id == 0) {
    sqlite3_bind_null(stmt_, index);
  } else {
    sqlite3_bind_int64(stmt_, index, id);
  }
  return *this;
}

void Statement::Run() {
  int rc = sqlite3_step(stmt_);
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
    throw std::runtime_error(sqlite3_errmsg(db_));
  }
}

}  // namespace attune::sqlite
