// Prepared statements on one raw connection, SQLite or PostgreSQL, kept for
// the life of the connection: on the hot paths (recording an incident,
// signing a request in) preparing each statement anew costs more than
// running it. The queries are written once, with numbered parameters ?1..?N
// that each dialect's connection reads in its own way (decision 0033).
//
// Thread-safety: a Connection, its Statements, a StatementCache and a Rows
// belong to one thread at a time.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/time.h"
#include "model/pupil.h"

namespace attune::sql {

enum class Dialect { kSqlite, kPostgres };

class Statement {
 public:
  virtual ~Statement() = default;

  // Parameters are 1-based, as ?1..?N in the text.
  virtual Statement& Bind(int index, long long value) = 0;
  virtual Statement& Bind(int index, std::string_view value) = 0;
  virtual Statement& BindNull(int index) = 0;
  Statement& Bind(int index, const std::optional<Timestamp>& value) {  // NULL when empty
    return value ? Bind(index, ToUnix(*value)) : BindNull(index);
  }
  Statement& BindIdOrNull(int index, long long id) {  // NULL when 0
    return id == 0 ? BindNull(index) : Bind(index, id);
  }

  // Runs the statement to completion and resets it for the next use.
  // Throws std::runtime_error (with the database's message) on failure.
  virtual void Run() = 0;

  // Steps to the next row: false when there are no more. Throws
  // std::runtime_error on failure. Use through Rows, which resets.
  virtual bool Step() = 0;
  // Columns are 0-based. NULL reads as 0 and "".
  virtual long long Int(int column) const = 0;
  std::string Text(int column) const { return std::string(TextView(column)); }
  // The same text in the database's own buffer, valid until the next Step:
  // for rows read by the million, copied into strings that keep their room.
  virtual std::string_view TextView(int column) const = 0;
  virtual bool IsNull(int column) const = 0;
  // Ends this use: no read stays open, bindings are cleared.
  virtual void Reset() = 0;

  // Runs an INSERT ... RETURNING id (one that may insert nothing) and sets
  // *id to the new row's id, or 0 when it inserted nothing. In a pipeline
  // (Connection::BeginPipeline) the statement is only sent and *id is set
  // with the next answer read: REQUIRES: *id is read only after
  // Connection::Settle (or anything else that needs an answer), and stays
  // where it is until then. Without a pipeline, and on SQLite, at once.
  virtual void RunForId(long long* id);
};

// One open connection as the queries see it.
class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;
  // Throws std::runtime_error when `sql` does not prepare.
  virtual std::unique_ptr<Statement> Prepare(const char* sql) = 0;
  // Runs `script` (one or several statements, no parameters, no rows
  // wanted). Throws std::runtime_error with the database's message.
  virtual void Exec(const char* script) = 0;
  // The rows the last statement inserted, changed or deleted.
  virtual long long Changes() = 0;
  // The id of the last row inserted on this connection.
  virtual long long LastId() = 0;
  // True while a transaction is open.
  virtual bool InTransaction() const = 0;
  // Makes the connection again if the server dropped it (PostgreSQL); a
  // file (SQLite) is never dropped.
  virtual void Reconnect() {}

  // Pipelining, for a run of writes whose caller will roll back on any
  // failure (the group commit's batch). Between BeginPipeline and
  // EndPipeline, Run() may return before the database has answered: the
  // statement is sent, and its failure is thrown later, by the next call
  // that needs an answer (Step, Changes, LastId, Exec, a statement's first
  // preparing) or by EndPipeline. Everything else behaves as without.
  // PostgreSQL: libpq's pipeline mode, one round trip for the statements
  // sent in a row rather than one each. SQLite: nothing changes (a call
  // into the same process has no round trip to save).
  virtual void BeginPipeline() {}
  // Reads every answer still owed and ends the pipeline; throws the first
  // failure among them. After a throw the pipeline has still ended. Does
  // nothing when no pipeline is open.
  virtual void EndPipeline() {}
  // In a pipeline: reads every answer owed so far (ids asked for with
  // RunForId are set); throws the first failure. Otherwise nothing.
  virtual void Settle() {}
};

// The statements a connection has prepared, by their SQL text's address.
class StatementCache {
 public:
  explicit StatementCache(Connection* connection) : connection_(connection) {}
  // REQUIRES: `sql` is a string literal (its address is the key).
  Statement& Prepared(const char* sql);
  Connection& connection() const { return *connection_; }

 private:
  Connection* connection_;
  std::map<const char*, std::unique_ptr<Statement>> statements_;
};

// Opens a transaction that writes. SQLite: BEGIN IMMEDIATE, the one
// writer's lock taken now rather than at the first write. PostgreSQL: BEGIN
// and one advisory lock every writing transaction takes, so writes follow
// each other as they do on SQLite and a check-then-write never races
// (decision 0033).
void BeginWrite(StatementCache& statements);
// Opens a transaction whose reads all see one snapshot.
void BeginRead(StatementCache& statements);

// One use of a cached query: bind, then read rows with Next(). Resets the
// statement when it goes out of scope, so a read snapshot never stays open
// between requests.
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

// The same readers as row.h's for SOCI rows, so one row-reading function
// serves both.
inline long long Int(const Rows& r, std::size_t column) { return r.Int(static_cast<int>(column)); }
inline std::string Text(const Rows& r, std::size_t column) {
  return r.Text(static_cast<int>(column));
}
std::optional<Timestamp> OptTime(const Rows& r, std::size_t column);
// nullopt for NULL or text that is not a date.
std::optional<Date> OptDate(const Rows& r, std::size_t column);

}  // namespace attune::sql
