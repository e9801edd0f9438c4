// The PostgreSQL side of statement.h, through libpq: the queries' ?N
// parameters become $N, each parameter is sent typed (bigint or text, as it
// was bound) so the server never has to guess, and each statement is
// prepared on the connection once for the types it is used with. In a
// pipeline (Connection::BeginPipeline) a statement run is sent and its
// answer read with the next that is needed (pg_pipeline.cpp).
#pragma once

#include <string>
#include <vector>

#include "storage/sql/statement.h"

typedef struct pg_conn PGconn;
typedef struct pg_result PGresult;

namespace attune::sql {

// `sql` with ?N and bare ? parameters numbered as $N, leaving quoted text,
// quoted names and comments alone. `used`, when given, is set to which
// numbers appear (used[N]).
std::string PostgresParameters(const char* sql, std::vector<bool>* used = nullptr);

class PgConnection;

class PgStatement final : public Statement {
 public:
  PgStatement(PgConnection* connection, const char* sql);
  ~PgStatement() override;
  PgStatement(const PgStatement&) = delete;
  PgStatement& operator=(const PgStatement&) = delete;

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
  void RunForId(long long* id) override;

 private:
  struct Param {
    unsigned type = 0;  // 0: NULL
    std::string value;
  };
  Param& Slot(int index);
  // Prepares for the bound types when they differ from the last; returns
  // the values to send. Throws std::runtime_error when it does not prepare.
  std::vector<const char*> Ready();
  // In a pipeline: sends the statement, its answer owed (its first
  // column's first value, 0 for none, to go to *into when given). Throws
  // std::runtime_error when it cannot be sent.
  void Send(long long* into = nullptr);
  // Runs the statement and returns its result (in a pipeline: sends it and
  // reads every answer owed up to its own). Throws std::runtime_error.
  PGresult* Execute();

  PgConnection* connection_;
  std::vector<bool> used_;  // used_[N]: $N appears in text_ (set as text_ is made)
  std::string text_;
  std::vector<Param> params_;
  std::string name_;                   // prepared under this name; "" before
  long long generation_ = -1;          // on this making of the connection
  std::vector<unsigned> prepared_as_;  // with these types
  PGresult* result_ = nullptr;
  int row_ = -1;
};

class PgConnection final : public Connection {
 public:
  // `setup`: the settings each making of the connection runs first.
  PgConnection(PGconn* conn, std::string setup, bool owned = false)
      : conn_(conn), setup_(std::move(setup)), owned_(owned) {}
  // Opens `url` (a postgresql:// URL); a lock waited on longer than
  // `lock_timeout_ms` fails the statement. Throws std::runtime_error.
  static std::unique_ptr<PgConnection> Open(const std::string& url, int lock_timeout_ms);
  // The settings attune runs on each of its connections.
  static std::string Setup(int lock_timeout_ms);
  ~PgConnection() override;

  Dialect dialect() const override { return Dialect::kPostgres; }
  std::unique_ptr<Statement> Prepare(const char* sql) override;
  void Exec(const char* script) override;
  long long Changes() override;
  long long LastId() override;
  bool InTransaction() const override;
  void Reconnect() override { Reconnected(); }
  void BeginPipeline() override;
  void EndPipeline() override;
  void Settle() override { Drain(); }

  // In a pipeline: answers are read later (Drain).
  bool pipelined() const { return pipelined_; }
  // In a pipeline: one more statement sent whose answer is owed; its first
  // value goes to *into when given. Reads the answers when many are owed,
  // so neither side's buffers can fill.
  void Sent(long long* into = nullptr);
  // In a pipeline: asks for every answer owed and reads them in order; the
  // last statement's result goes to *last when `last` is given (the
  // caller's to PQclear). Throws the first failure once all are read. Does
  // nothing when none is owed.
  void Drain(PGresult** last = nullptr);
  // Calls libpq's synchronous functions (PQprepare, PQexec) while in a
  // pipeline: drains, leaves pipeline mode, runs `call`, and enters it again.
  template <typename Call>
  void OutsidePipeline(Call call);

  PGconn* native() const { return conn_; }
  // Readies the connection for its next user: when the server has dropped
  // it (a restart, a failover, found even while it sat idle), connects it
  // again in place, the statements prepared on it made again on their next
  // use; a pipeline or transaction a failure left open is ended. True when
  // the connection is usable.
  bool Reconnected();
  // Changes each time the connection is made again.
  long long generation() const { return generation_; }
  // Checks a result: the changed-row count kept, an error thrown (the
  // result cleared) with the server's message and SQLSTATE.
  void Check(PGresult* result);
  // A failed result's message, led by its SQLSTATE (the connection's own
  // message when there is no result).
  std::string Failure(PGresult* result) const;
  std::string NextName() { return "attune_" + std::to_string(++named_); }

 private:
  // True when the server has closed this idle connection.
  bool BrokenWhileIdle();

  PGconn* conn_;
  std::string setup_;
  bool owned_;
  long long changes_ = 0;
  long long named_ = 0;
  long long generation_ = 0;
  bool pipelined_ = false;
  int owed_ = 0;                  // in a pipeline: statements sent whose answers are unread
  std::vector<long long*> into_;  // of those, where each one's id goes (or null)
};

template <typename Call>
void PgConnection::OutsidePipeline(Call call) {
  if (!pipelined_) {
    call();
    return;
  }
  EndPipeline();  // throws an earlier statement's failure, the pipeline ended
  call();
  BeginPipeline();
}

}  // namespace attune::sql
