// Prepared SQLite statements on a raw connection, kept for the life of the
// connection: on the hot paths (recording an incident, signing a request in)
// preparing each statement anew costs more than running it.
//
// Thread-safety: a Statement, a StatementCache and a Rows belong to their
// connection, which one thread uses at a time.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/time.h"
#include "model/pupil.h"

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

  // Steps to the next row: false when there are no more. Throws
  // std::runtime_error on failure. Use through Rows, which resets.
  bool Step();
  // Columns are 0-based. NULL reads as 0 and "".
  long long Int(int column) const;
  std::string Text(int column) const;
  // The same text in SQLite's own buffer, valid until the next Step:
  // for rows read by the million, copied into strings that keep their room.
  std::string_view TextView(int column) const;
  bool IsNull(int column) const;
  // Ends this use: no read stays open, bindings are cleared.
  void Reset();

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

// The statements a connection has prepared, by their SQL text's address.
class StatementCache {
 public:
  explicit StatementCache(sqlite3* db) : db_(db) {}
  // REQUIRES: `sql` is a string literal (its address is the key).
  Statement& Prepared(const char* sql);
  sqlite3* db() const { return db_; }

 private:
  sqlite3* db_;
  std::map<const char*, std::unique_ptr<Statement>> statements_;
};

// One use of a cached query: bind, then read rows with Next(). Resets the
// statement when it goes out of scope, so a WAL read snapshot never stays
// open between requests.
class Rows {
 public:
  explicit Rows(Statement& statement) : s_(statement) {}
  ~Rows() { s_.Reset(); }
  Rows(const Rows&) = delete;
  Rows& operator=(const Rows&) = delete;

  template <typename T>
  Rows& Bind(int index, const T& value) {
    s_.Bind(index, value);
    return *this;
  }
  bool Next() { return s_.Step(); }
  long long Int(int column) const { return s_.Int(column); }
  std::string Text(int column) const { return s_.Text(column); }
  std::string_view TextView(int column) const { return s_.TextView(column); }
  bool IsNull(int column) const { return s_.IsNull(column); }

 private:
  Statement& s_;
};

// A pupil's group fields (model/pupil.h) from column `at` on, selected in
// the order of ATTUNE_PUPIL_GROUP_FIELDS.
#define ATTUNE_PUPIL_GROUP_FIELDS(p) \
  p ".sex, " p ".sen_status, " p ".ethnicity_code, " p ".ehcp, " p ".fsm, " p ".looked_after"
inline PupilGroupFields ReadGroupFields(const Rows& r, int at) {
  PupilGroupFields g;
  g.sex = r.Text(at);
  g.sen_status = r.Text(at + 1);
  g.ethnicity_code = r.Text(at + 2);
  g.ehcp = r.Int(at + 3) != 0;
  g.fsm = r.Int(at + 4) != 0;
  g.looked_after = r.Int(at + 5) != 0;
  return g;
}

// Runs `sql` (one or several statements, no rows wanted) on a raw
// connection. Throws std::runtime_error with SQLite's message on failure.
void Exec(sqlite3* db, const char* sql);

// The same readers as row.h's for SOCI rows, so one row-reading function
// serves both.
inline long long Int(const Rows& r, std::size_t column) { return r.Int(static_cast<int>(column)); }
inline std::string Text(const Rows& r, std::size_t column) {
  return r.Text(static_cast<int>(column));
}
std::optional<Timestamp> OptTime(const Rows& r, std::size_t column);
// nullopt for NULL or text that is not a date.
std::optional<Date> OptDate(const Rows& r, std::size_t column);

}  // namespace attune::sqlite
