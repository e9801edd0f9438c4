#include "storage/sql/pg_connection.h"

#include <libpq-fe.h>
#include <poll.h>

#include <cstdlib>
#include <stdexcept>

#include "storage/databases.h"

namespace attune::sql {
namespace {

constexpr unsigned kInt8 = 20;
constexpr unsigned kText = 25;

}  // namespace

std::string PostgresParameters(const char* sql, std::vector<bool>* used) {
  std::string out;
  std::string_view s(sql);
  int next = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '\'' || c == '"') {
      size_t end = s.find(c, i + 1);
      if (end == std::string_view::npos) end = s.size() - 1;
      out.append(s.substr(i, end - i + 1));
      i = end;
    } else if (c == '-' && i + 1 < s.size() && s[i + 1] == '-') {
      size_t end = s.find('\n', i);
      if (end == std::string_view::npos) end = s.size() - 1;
      out.append(s.substr(i, end - i + 1));
      i = end;
    } else if (c == '?') {
      size_t j = i + 1;
      while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
      out += '$';
      size_t number = 0;
      if (j == i + 1) {
        number = static_cast<size_t>(++next);
      } else {
        for (size_t d = i + 1; d < j; ++d) number = number * 10 + static_cast<size_t>(s[d] - '0');
      }
      out += std::to_string(number);
      if (used) {
        if (used->size() <= number) used->resize(number + 1);
        (*used)[number] = true;
      }
      i = j - 1;
    } else {
      out += c;
    }
  }
  return out;
}

std::string PgConnection::Setup(int lock_timeout_ms) {
  // A write waiting on another's lock gives up as SQLite's busy timeout does.
  return "SET client_min_messages = warning; SET lock_timeout = " + std::to_string(lock_timeout_ms);
}

PgStatement::PgStatement(PgConnection* connection, const char* sql)
    : connection_(connection), text_(PostgresParameters(sql, &used_)) {}

PgStatement::~PgStatement() {
  if (result_) PQclear(result_);
}

PgStatement::Param& PgStatement::Slot(int index) {
  if (index < 1) throw std::runtime_error("parameter index below 1");
  if (params_.size() < static_cast<size_t>(index)) params_.resize(index);
  return params_[index - 1];
}

Statement& PgStatement::Bind(int index, long long value) {
  Param& p = Slot(index);
  p.type = kInt8;
  p.value = std::to_string(value);
  return *this;
}

Statement& PgStatement::Bind(int index, std::string_view value) {
  Param& p = Slot(index);
  p.type = kText;
  p.value.assign(value.data() ? value.data() : "", value.size());
  return *this;
}

Statement& PgStatement::BindNull(int index) {
  Param& p = Slot(index);
  p.type = 0;
  p.value.clear();
  return *this;
}

std::vector<const char*> PgStatement::Ready() {
  size_t n = params_.size();
  if (prepared_as_.size() > n) n = prepared_as_.size();
  std::vector<unsigned> types(n, 0);
  std::vector<const char*> values(n, nullptr);
  bool same = !name_.empty() && generation_ == connection_->generation();
  for (size_t i = 0; i < n; ++i) {
    unsigned bound = i < params_.size() ? params_[i].type : 0;
    unsigned before = i < prepared_as_.size() ? prepared_as_[i] : 0;
    // A NULL goes with whatever type the statement was prepared for; a
    // number the text never uses (SQLite lets a query skip some) is text.
    bool appears = i + 1 < used_.size() && used_[i + 1];
    types[i] = bound ? bound : appears ? before : kText;
    if (bound && bound != before) same = false;
    if (bound) values[i] = params_[i].value.c_str();
  }
  if (!same) {
    // Prepared at once, outside any pipeline, so that a statement is never
    // believed prepared when a failure earlier in a pipeline skipped it.
    std::string name = connection_->NextName();
    std::vector<Oid> oids(types.begin(), types.end());
    connection_->OutsidePipeline([&] {
      PGresult* prepared = PQprepare(connection_->native(), name.c_str(), text_.c_str(),
                                     static_cast<int>(n), oids.empty() ? nullptr : oids.data());
      connection_->Check(prepared);  // throws when it does not prepare
      PQclear(prepared);
    });
    name_ = name;
    generation_ = connection_->generation();
    prepared_as_ = types;
  }
  return values;
}

void PgStatement::Send(long long* into) {
  std::vector<const char*> values = Ready();
  PGconn* conn = connection_->native();
  if (!PQsendQueryPrepared(conn, name_.c_str(), static_cast<int>(values.size()),
                           values.empty() ? nullptr : values.data(), nullptr, nullptr, 0)) {
    throw std::runtime_error(PQerrorMessage(conn));
  }
  connection_->Sent(into);
}

PGresult* PgStatement::Execute() {
  PGresult* result = nullptr;
  if (connection_->pipelined()) {
    Send();
    connection_->Drain(&result);  // throws on failure
    return result;
  }
  std::vector<const char*> values = Ready();
  result = PQexecPrepared(connection_->native(), name_.c_str(), static_cast<int>(values.size()),
                          values.empty() ? nullptr : values.data(), nullptr, nullptr, 0);
  connection_->Check(result);  // throws on failure
  return result;
}

void PgStatement::Run() {
  try {
    if (connection_->pipelined()) {
      Send();  // its answer is read with the next one needed
    } else {
      PQclear(Execute());
    }
  } catch (...) {
    Reset();
    throw;
  }
  Reset();
}

void PgStatement::RunForId(long long* id) {
  if (!connection_->pipelined()) {
    Statement::RunForId(id);
    return;
  }
  try {
    Send(id);  // *id is set when its answer is read
  } catch (...) {
    Reset();
    throw;
  }
  Reset();
}

bool PgStatement::Step() {
  if (!result_) {
    result_ = Execute();
    row_ = -1;
  }
  return ++row_ < PQntuples(result_);
}

long long PgStatement::Int(int column) const {
  if (!result_ || PQgetisnull(result_, row_, column)) return 0;
  const char* v = PQgetvalue(result_, row_, column);
  if (v[0] == 't' && v[1] == '\0') return 1;
  if (v[0] == 'f' && v[1] == '\0') return 0;
  char* end = nullptr;
  long long i = std::strtoll(v, &end, 10);
  if (end && *end == '.') return static_cast<long long>(std::strtod(v, nullptr));
  return i;
}

std::string_view PgStatement::TextView(int column) const {
  if (!result_ || PQgetisnull(result_, row_, column)) return {};
  return std::string_view(PQgetvalue(result_, row_, column),
                          static_cast<size_t>(PQgetlength(result_, row_, column)));
}

bool PgStatement::IsNull(int column) const {
  return !result_ || PQgetisnull(result_, row_, column);
}

void PgStatement::Reset() {
  if (result_) PQclear(result_);
  result_ = nullptr;
  row_ = -1;
  for (auto& p : params_) {
    p.type = 0;
    p.value.clear();
  }
}

std::unique_ptr<PgConnection> PgConnection::Open(const std::string& url, int lock_timeout_ms) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (!conn || PQstatus(conn) != CONNECTION_OK) {
    std::string message = conn ? PQerrorMessage(conn) : "out of memory";
    PQfinish(conn);
    throw std::runtime_error("cannot connect to " + DescribeDatabase(url) + ": " + message);
  }
  auto connection = std::make_unique<PgConnection>(conn, Setup(lock_timeout_ms), true);
  connection->Exec(connection->setup_.c_str());
  return connection;
}

PgConnection::~PgConnection() {
  if (owned_) PQfinish(conn_);
}

std::unique_ptr<Statement> PgConnection::Prepare(const char* sql) {
  return std::make_unique<PgStatement>(this, sql);
}

void PgConnection::Check(PGresult* result) {
  ExecStatusType status = PQresultStatus(result);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
    const char* tuples = PQcmdTuples(result);
    changes_ = tuples && *tuples ? std::atoll(tuples) : 0;
    return;
  }
  std::string message = Failure(result);
  PQclear(result);
  throw std::runtime_error(message);
}

std::string PgConnection::Failure(PGresult* result) const {
  std::string message = result ? PQresultErrorMessage(result) : PQerrorMessage(conn_);
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  if (state) message = std::string("SQLSTATE ") + state + ": " + message;
  return message;
}

void PgConnection::Exec(const char* script) {
  OutsidePipeline([&] {
    PGresult* result = PQexec(conn_, script);
    Check(result);
    PQclear(result);
  });
}

long long PgConnection::LastId() {
  PGresult* result = nullptr;
  if (pipelined_) {
    if (!PQsendQueryParams(conn_, "SELECT lastval()", 0, nullptr, nullptr, nullptr, nullptr, 0)) {
      throw std::runtime_error(PQerrorMessage(conn_));
    }
    Sent();
    Drain(&result);
  } else {
    result = PQexec(conn_, "SELECT lastval()");
    Check(result);
  }
  long long id = std::atoll(PQgetvalue(result, 0, 0));
  PQclear(result);
  return id;
}

long long PgConnection::Changes() {
  Drain();  // the last statement's count is known once its answer is read
  return changes_;
}

bool PgConnection::BrokenWhileIdle() {
  // A server that ends a connection (a restart, pg_terminate_backend) says
  // why (FATAL 57P01) and closes the socket, but libpq notices only when it
  // next reads: PQstatus stays CONNECTION_OK while the connection sits in
  // the pool, and even after reading the goodbye until a later read meets
  // the end. An idle connection that asked nothing is sent nothing (attune
  // does not LISTEN), so anything readable now is taken as that goodbye:
  // at worst a connection is made again for nothing.
  pollfd socket{PQsocket(conn_), POLLIN, 0};
  if (socket.fd < 0) return true;
  return poll(&socket, 1, 0) != 0;  // readable, or the socket failed
}

bool PgConnection::Reconnected() {
  // A failure may have left the connection in a pipeline or a transaction;
  // the next user must get neither.
  if (pipelined_) {
    try {
      EndPipeline();
    } catch (const std::exception&) {  // the failure was its user's to see
    }
  }
  if (PQstatus(conn_) == CONNECTION_OK && PQpipelineStatus(conn_) == PQ_PIPELINE_OFF) {
    PGTransactionStatusType state = PQtransactionStatus(conn_);
    if (state == PQTRANS_INTRANS || state == PQTRANS_INERROR) {
      PGresult* rolled = PQexec(conn_, "ROLLBACK");
      PQclear(rolled);
      state = PQtransactionStatus(conn_);
    }
    if (state == PQTRANS_IDLE && !BrokenWhileIdle()) return true;
  }
  // Broken, or in a state nothing else recovers: made again (PQreset also
  // leaves pipeline mode and any transaction, which the server ended).
  PQreset(conn_);
  if (PQstatus(conn_) != CONNECTION_OK) return false;
  ++generation_;
  try {
    Exec(setup_.c_str());
  } catch (const std::exception&) {
    return false;
  }
  return true;
}

bool PgConnection::InTransaction() const { return PQtransactionStatus(conn_) != PQTRANS_IDLE; }

}  // namespace attune::sql
