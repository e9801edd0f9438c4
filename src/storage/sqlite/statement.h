// A prepared SQLite statement on a raw connection, for the hot write path
// (group_commit.h), where preparing each statement anew would cost more
// than the insert itself.
//
// Thread-safety: a Statement belongs to its connection's thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/time.h"

struct sqlite3;
struct sqlite3_stmt;

namespace attune::sqlite {

class Statement {
 public:
  // Throws std::runtime_error when `sql` does not prepare.
  Statement(sqlite3* db, const char* sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Parameters are 1-based, as in SQLite.
  Statement& Bind(int index, long long value);
  Statement& Bind(int index, std::string_view value);
  Statement& Bind(int index, const std::optional<Timestamp>& value);  // NULL when empty
  Statement& BindIdOrNull(int index, long long id);                   // NULL when 0

  // Runs the statement to completion and resets it for the next use.
  // Throws std::runtime_error (with SQLite's message) on failure.
  void Run();

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

}  // namespace attune::sqlite
