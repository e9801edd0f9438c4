// Reading SOCI rows from SQLite whatever type the column was described as,
// and turning SOCI failures into Status values.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/time.h"

namespace attune::sql {

// 0 for NULL.
long long Int(const soci::row& row, std::size_t column);
// "" for NULL.
std::string Text(const soci::row& row, std::size_t column);

// nullopt for NULL (or, for OptDate, text that is not a date).
std::optional<Timestamp> OptTime(const soci::row& row, std::size_t column);
std::optional<Date> OptDate(const soci::row& row, std::size_t column);

// "SELECT COUNT(*)" over `from_where` ("FROM ... WHERE ..."), stopping at
// the bound value :most when `at_most` is above 0 (core/counting.h); the
// caller binds :most then.
std::string CountSql(const std::string& from_where, long long at_most);

// Runs the page query `text`, whose conditions `where` binds (its Bind)
// and which ends "LIMIT :l OFFSET :o", appending each row as `read` makes it.
template <typename Where, typename Read, typename T>
void ReadPage(soci::session& sql, const std::string& text, Where& where, long long limit,
              long long offset, Read read, std::vector<T>& out) {
  soci::row r;
  soci::statement st = (sql.prepare << text);
  where.Bind(st);
  st.exchange(soci::use(limit, "l"));
  st.exchange(soci::use(offset, "o"));
  st.exchange(soci::into(r));
  st.define_and_bind();
  st.execute();
  while (st.fetch()) out.push_back(read(r));
}

// "a,b,c" <-> {"a","b","c"}; empty items dropped.
std::vector<std::string> SplitList(const std::string& text);
std::string JoinList(const std::vector<std::string>& items);

// Maps a storage exception to a Status: unique-constraint failures become
// Conflict, locked/busy Unavailable, anything else Internal. `what` names the
// operation for the log.
Status FromException(const std::exception& e, const char* what);

// True when `e` says the connection to the database server was lost or
// could not be made (PostgreSQL: a restart, the server down).
bool ConnectionLost(const std::exception& e);

// Runs `f` (returning Status or Result<T>) turning exceptions into Status.
template <typename F>
auto Guard(const char* what, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const std::exception& e) {
    return FromException(e, what);
  }
}

// Guard for a read that may be run again: when the connection is found lost
// (a server restart; the pool makes it again before lending it, see
// ConnectionPool::Acquire), `f` runs once more on a fresh lease, so a
// restart the server is already back from costs its users nothing. Not for
// writes outside the group commit (an autocommit statement whose answer was
// lost may have committed) nor inside a transaction (`in_transaction`: the
// transaction as a whole has failed; its caller's Guard reports it).
template <typename F>
auto GuardRead(const char* what, bool in_transaction, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const std::exception& e) {
    if (in_transaction || !ConnectionLost(e)) return FromException(e, what);
  }
  return Guard(what, f);
}

// SOCI indicator for an optional foreign key stored as NULL when 0.
inline soci::indicator NullIfZero(long long id) { return id == 0 ? soci::i_null : soci::i_ok; }

}  // namespace attune::sql
