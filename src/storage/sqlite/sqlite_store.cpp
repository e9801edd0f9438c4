#include "storage/sqlite/sqlite_store.h"

#include <soci/sqlite3/soci-sqlite3.h>
#include <spdlog/spdlog.h>

#include "storage/sqlite/row.h"

// SOCI declares the SQLite C API inside this namespace.
using namespace sqlite_api;  // NOLINT

namespace attune {

Result<std::unique_ptr<Store>> OpenStore(const StoreOptions& options) {
  auto store = std::make_unique<sqlite::SqliteStore>(options);
  ATTUNE_RETURN_IF_ERROR(store->Open());
  return std::unique_ptr<Store>(std::move(store));
}

namespace sqlite {
namespace {

sqlite3* Native(soci::session& sql) {
  return static_cast<soci::sqlite3_session_backend*>(sql.get_backend())->conn_;
}

// Runs a script of several statements (sqlite3_prepare runs only the first).
void ExecScript(soci::session& sql, const std::string& script) {
  // SOCI's copy of the SQLite API is the same library under another namespace.
  Exec(reinterpret_cast<::sqlite3*>(Native(sql)), script.c_str());
}

int VersionOf(std::string_view name) {
  int v = 0;
  for (char c : name.substr(0, 4)) v = v * 10 + (c - '0');
  return v;
}

}  // namespace

SqliteStore::SqliteStore(const StoreOptions& options)
    : pool_(options.path, options.pool_size, options.busy_timeout_ms),
      committer_(options.path, options.busy_timeout_ms) {}

long long SqliteStore::LastId(soci::session& sql) {
  return static_cast<long long>(sqlite3_last_insert_rowid(Native(sql)));
}

int SqliteStore::LatestSchemaVersion() const {
  const auto& all = Migrations();
  return all.empty() ? 0 : VersionOf(all.back().name);
}

Result<int> SqliteStore::SchemaVersion() {
  return Guard("schema version", [&]() -> Result<int> {
    auto sql = pool_.Acquire();
    *sql << "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
            "name TEXT NOT NULL, applied_at INTEGER NOT NULL)";
    long long version = 0;
    soci::indicator ind;
    *sql << "SELECT MAX(version) FROM schema_migrations", soci::into(version, ind);
    return ind == soci::i_null ? 0 : static_cast<int>(version);
  });
}

Status SqliteStore::Migrate() {
  auto current = SchemaVersion();
  if (!current.ok()) return current.status();
  int applied = 0;
  for (const auto& migration : Migrations()) {
    int version = VersionOf(migration.name);
    if (version <= *current) continue;
    Status st = Guard("migration", [&]() -> Status {
      auto sql = pool_.Acquire();
      ExecScript(*sql, "BEGIN IMMEDIATE");
      try {
        ExecScript(*sql, std::string(migration.content));
        std::string name(migration.name);
        long long at = ToUnix(Now());
        long long v = version;
        *sql << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, :a)",
            soci::use(v), soci::use(name), soci::use(at);
        ExecScript(*sql, "COMMIT");
      } catch (...) {
        ExecScript(*sql, "ROLLBACK");
        throw;
      }
      return Status::Ok();
    });
    if (!st.ok()) {
      return Status::Internal("migration " + std::string(migration.name) +
                              " failed and was rolled back: " + st.message());
    }
    spdlog::debug("applied migration {}", migration.name);
    ++applied;
  }
  // One line, not one per migration: a new database applies them all.
  if (applied > 0 && *current == 0) {
    spdlog::info("created the database (schema version {})", LatestSchemaVersion());
  } else if (applied > 0) {
    spdlog::info("updated the database from schema version {} to {} ({} migration{})", *current,
                 LatestSchemaVersion(), applied, applied == 1 ? "" : "s");
  }
  return Status::Ok();
}

Status SqliteStore::InTransaction(const char* begin, const std::function<Status()>& work) {
  if (pool_.CurrentTransaction()) return work();  // nested: join the outer one
  auto sql = pool_.Acquire();
  Status begun = Guard("begin", [&]() -> Status {
    sql.Query(begin).Next();
    return Status::Ok();
  });
  if (!begun.ok()) return begun;
  pool_.SetCurrentTransaction(&*sql);
  Status result;
  try {
    result = work();
  } catch (...) {
    pool_.SetCurrentTransaction(nullptr);
    try {
      sql.Query("ROLLBACK").Next();
    } catch (...) {
    }
    throw;
  }
  pool_.SetCurrentTransaction(nullptr);
  return Guard("commit", [&]() -> Status {
    sql.Query(result.ok() ? "COMMIT" : "ROLLBACK").Next();
    return result;
  });
}

Status SqliteStore::RunInTransaction(const std::function<Status()>& work) {
  return InTransaction("BEGIN IMMEDIATE", work);
}

// A deferred BEGIN takes its snapshot at the first read, and takes no lock
// that would hold up the group committer.
Status SqliteStore::ReadTogether(const std::function<Status()>& work) {
  return InTransaction("BEGIN", work);
}

Status SqliteStore::Backup(const std::string& path) {
  return Guard("backup", [&]() -> Status {
    auto sql = pool_.Acquire();
    sqlite3* dest = nullptr;
    if (sqlite3_open(path.c_str(), &dest) != SQLITE_OK) {
      std::string message = dest ? sqlite3_errmsg(dest) : "cannot open";
      sqlite3_close(dest);
      return Status::Invalid("cannot write backup to " + path + ": " + message, "to");
    }
    sqlite3_backup* backup = sqlite3_backup_init(dest, "main", Native(*sql), "main");
    if (!backup) {
      std::string message = sqlite3_errmsg(dest);
      sqlite3_close(dest);
      return Status::Internal("backup could not start: " + message);
    }
    int rc;
    do {
      rc = sqlite3_backup_step(backup, 256);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(20);
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    sqlite3_backup_finish(backup);
    std::string message = sqlite3_errmsg(dest);
    sqlite3_close(dest);
    if (rc != SQLITE_DONE) return Status::Internal("backup failed: " + message);
    return Status::Ok();
  });
}

Status SqliteStore::Ping() {
  return Guard("ping", [&]() -> Status {
    auto sql = pool_.Acquire();
    int one = 0;
    *sql << "SELECT 1", soci::into(one);
    return one == 1 ? Status::Ok() : Status::Unavailable("database did not answer");
  });
}

}  // namespace sqlite
}  // namespace attune
