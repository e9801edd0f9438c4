#include "storage/sql/statement.h"

namespace attune::sql {

void Statement::RunForId(long long* id) {
  Rows r(*this);
  *id = r.Next() ? r.Int(0) : 0;
}

Statement& StatementCache::Prepared(const char* sql) {
  auto& slot = statements_[sql];
  if (!slot) slot = connection_->Prepare(sql);
  return *slot;
}

void BeginWrite(StatementCache& statements) {
  if (statements.connection().dialect() == Dialect::kSqlite) {
    statements.Prepared("BEGIN IMMEDIATE").Run();
    return;
  }
  statements.Prepared("BEGIN").Run();
  statements.Prepared("SELECT pg_advisory_xact_lock(7428)").Run();
}

void BeginRead(StatementCache& statements) {
  statements
      .Prepared(statements.connection().dialect() == Dialect::kSqlite
                    ? "BEGIN"
                    : "BEGIN ISOLATION LEVEL REPEATABLE READ")
      .Run();
}

std::optional<Timestamp> OptTime(const Rows& r, std::size_t column) {
  if (r.IsNull(static_cast<int>(column))) return std::nullopt;
  return FromUnix(r.Int(static_cast<int>(column)));
}

std::optional<Date> OptDate(const Rows& r, std::size_t column) {
  if (r.IsNull(static_cast<int>(column))) return std::nullopt;
  auto d = ParseDate(r.Text(static_cast<int>(column)));
  if (!d.ok()) return std::nullopt;
  return *d;
}

}  // namespace attune::sql
