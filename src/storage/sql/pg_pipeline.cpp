// PgConnection in libpq's pipeline mode (PostgreSQL 14's libpq and later):
// statements are sent one after another without waiting, and their answers
// read together at the next point that needs one, after a Sync. A failure
// makes the server skip what follows up to that Sync (each skipped
// statement answers PGRES_PIPELINE_ABORTED); the first failure is thrown
// once every answer owed has been read, so the connection is always left
// ready for the next statement (the transaction, on the server, failed).
#include <libpq-fe.h>

#include <cstdlib>
#include <exception>
#include <stdexcept>
#include <string>
#include <vector>

#include "storage/sql/pg_connection.h"

namespace attune::sql {
namespace {

// Answers owed before they are read regardless: a few hundred statements
// send well under a socket's buffer, and their answers are smaller still,
// so neither side can block the other (libpq's documentation warns of a
// deadlock in blocking mode when both buffers fill).
constexpr int kMostOwed = 256;

}  // namespace

void PgConnection::BeginPipeline() {
  if (pipelined_) return;
  if (PQenterPipelineMode(conn_) != 1) {
    throw std::runtime_error(std::string("cannot pipeline: ") + PQerrorMessage(conn_));
  }
  pipelined_ = true;
  owed_ = 0;
  into_.clear();
}

void PgConnection::EndPipeline() {
  if (!pipelined_) return;
  std::exception_ptr failure;
  try {
    Drain();
  } catch (...) {
    failure = std::current_exception();
  }
  pipelined_ = false;
  owed_ = 0;
  into_.clear();
  // After a full drain this cannot fail on a live connection; a dead one
  // leaves pipeline mode when it is made again (PQreset).
  if (PQexitPipelineMode(conn_) != 1 && !failure) {
    failure = std::make_exception_ptr(std::runtime_error(PQerrorMessage(conn_)));
  }
  if (failure) std::rethrow_exception(failure);
}

void PgConnection::Sent(long long* into) {
  if (!pipelined_) return;
  into_.push_back(into);
  if (++owed_ >= kMostOwed) Drain();
}

void PgConnection::Drain(PGresult** last) {
  if (!pipelined_ || owed_ == 0) return;
  const int owed = owed_;
  owed_ = 0;
  std::vector<long long*> into;
  into.swap(into_);
  if (PQpipelineSync(conn_) != 1) throw std::runtime_error(PQerrorMessage(conn_));
  std::string failure;
  PGresult* kept = nullptr;
  int answered = 0;    // statements whose answers have been read in full
  bool ended = false;  // the previous read ended a statement's answer
  for (;;) {
    PGresult* r = PQgetResult(conn_);
    if (!r) {
      // Each statement's answer ends with a null; two in a row, or more
      // than were owed, means the connection broke and nothing will come.
      if (ended || ++answered > owed || PQstatus(conn_) == CONNECTION_BAD) {
        if (failure.empty()) failure = PQerrorMessage(conn_);
        break;
      }
      ended = true;
      continue;
    }
    ended = false;
    ExecStatusType status = PQresultStatus(r);
    if (status == PGRES_PIPELINE_SYNC) {
      PQclear(r);
      break;
    }
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
      const char* tuples = PQcmdTuples(r);
      changes_ = tuples && *tuples ? std::atoll(tuples) : 0;
      if (answered < static_cast<int>(into.size()) && into[answered]) {
        *into[answered] = PQntuples(r) > 0 ? std::atoll(PQgetvalue(r, 0, 0)) : 0;
      }
      if (last && answered == owed - 1 && !kept) {
        kept = r;
        continue;
      }
    } else if (status != PGRES_PIPELINE_ABORTED && failure.empty()) {
      failure = Failure(r);
    }
    PQclear(r);
  }
  if (!failure.empty()) {
    if (kept) PQclear(kept);
    throw std::runtime_error(failure);
  }
  if (last) {
    if (!kept) throw std::runtime_error("no answer from the database");
    *last = kept;
  }
}

}  // namespace attune::sql
