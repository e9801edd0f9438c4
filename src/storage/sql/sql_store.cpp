#include "storage/sql/sql_store.h"

#include <soci/sqlite3/soci-sqlite3.h>
#include <spawn.h>
#include <spdlog/spdlog.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>

#include "storage/databases.h"
#include "storage/sql/pg_connection.h"
#include "storage/sql/row.h"
#include "storage/sql/sqlite_connection.h"

// SOCI declares the SQLite C API inside this namespace.
using namespace sqlite_api;  // NOLINT

namespace attune {

namespace {

// `url` without its password (user:password@ or a password= parameter),
// and the password.
std::pair<std::string, std::string> WithoutPassword(const std::string& url) {
  std::string out = url, password;
  size_t scheme = out.find("://");
  if (scheme != std::string::npos) {
    scheme += 3;
    size_t at = out.find('@', scheme);
    size_t slash = out.find('/', scheme);
    size_t colon = out.find(':', scheme);
    if (at != std::string::npos && (slash == std::string::npos || at < slash) &&
        colon != std::string::npos && colon < at) {
      password = out.substr(colon + 1, at - colon - 1);
      out.erase(colon, at - colon);
    }
  }
  for (const char* key : {"?password=", "&password="}) {
    size_t k = out.find(key);
    if (k == std::string::npos) continue;
    size_t start = k + std::string(key).size();
    size_t end = out.find('&', start);
    password = out.substr(start, end == std::string::npos ? std::string::npos : end - start);
    out.erase(k + 1, (end == std::string::npos ? out.size() : end + 1) - (k + 1));
    if (!out.empty() && (out.back() == '?' || out.back() == '&')) out.pop_back();
  }
  return {out, password};
}

}  // namespace

std::string DescribeDatabase(const std::string& target) {
  auto [url, password] = WithoutPassword(target);
  if (password.empty()) return target;
  size_t scheme = url.find("://");
  size_t at = scheme == std::string::npos ? std::string::npos : url.find('@', scheme + 3);
  // The user keeps a mark that a password was given.
  if (at != std::string::npos) url.insert(at, ":***");
  return url;
}

// A --db value that is neither a file nor a PostgreSQL URL, refused before
// anything is made: a typo must not become a new, empty school in a file.
Status CheckTarget(const std::string& target) {
  auto refuse = [&](const std::string& why) {
    return Status::Invalid(
        why +
            "; give a SQLite file (e.g. var/attune.db) or a PostgreSQL database as "
            "postgresql://user@host/name (or postgresql://user@/name?host=/socket/dir)",
        "db");
  };
  if (target.empty()) return refuse("the database is not named");
  if (std::isspace(static_cast<unsigned char>(target.front())) ||
      std::isspace(static_cast<unsigned char>(target.back()))) {
    return refuse("the database '" + DescribeDatabase(target) + "' starts or ends with a space");
  }
  std::string lower = target;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (sql::IsPostgresUrl(target)) return Status::Ok();
  if (lower.rfind("postgres", 0) == 0 || lower.find("://") != std::string::npos ||
      lower.find(":/") != std::string::npos || lower.find("dbname=") != std::string::npos ||
      lower.find("host=") != std::string::npos) {
    return refuse("'" + DescribeDatabase(target) + "' is not a postgresql:// URL attune reads");
  }
  return Status::Ok();
}

Result<std::unique_ptr<Store>> OpenStore(const StoreOptions& options) {
  ATTUNE_RETURN_IF_ERROR(CheckTarget(options.path));
  auto store = std::make_unique<sql::SqlStore>(options);
  ATTUNE_RETURN_IF_ERROR(store->Open());
  return std::unique_ptr<Store>(std::move(store));
}

namespace sql {
namespace {

sqlite_api::sqlite3* Native(soci::session& sql) {
  return static_cast<soci::sqlite3_session_backend*>(sql.get_backend())->conn_;
}

Dialect DialectOf(const std::string& target) {
  return IsPostgresUrl(target) ? Dialect::kPostgres : Dialect::kSqlite;
}

int VersionOf(std::string_view name) {
  int v = 0;
  for (char c : name.substr(0, 4)) v = v * 10 + (c - '0');
  return v;
}

// A PostgreSQL backup is the server's own dump, in its custom format
// (restored with pg_restore, README.md): consistent as of its start, taken
// while attune serves. The password goes to pg_dump in its environment,
// never on its command line, which anyone on the machine can read.
Status PostgresDump(const std::string& target, const std::string& path) {
  auto [url, password] = WithoutPassword(target);
  std::vector<std::string> args = {"pg_dump", "--format=custom", "--no-owner", "--file=" + path,
                                   "--dbname=" + url};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_strings;
  for (char** e = environ; *e; ++e) {
    if (std::string_view(*e).rfind("PGPASSWORD=", 0) != 0) env_strings.push_back(*e);
  }
  if (!password.empty()) env_strings.push_back("PGPASSWORD=" + password);
  std::vector<char*> env;
  for (auto& e : env_strings) env.push_back(e.data());
  env.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawnp(&pid, "pg_dump", nullptr, nullptr, argv.data(), env.data()) != 0) {
    return Status::Unavailable("pg_dump could not start: is PostgreSQL's client installed?");
  }
  int status = 0;
  if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return Status::Internal("pg_dump did not finish the backup (see its message above)");
  }
  return Status::Ok();
}

}  // namespace

bool IsPostgresUrl(const std::string& target) {
  return target.rfind("postgresql://", 0) == 0 || target.rfind("postgres://", 0) == 0;
}

SqlStore::SqlStore(const StoreOptions& options)
    : pool_(DialectOf(options.path), options.path, options.pool_size, options.busy_timeout_ms),
      committer_([options]() -> std::unique_ptr<Connection> {
        if (IsPostgresUrl(options.path)) {
          return PgConnection::Open(options.path, options.busy_timeout_ms);
        }
        return SqliteConnection::OpenFile(options.path, options.busy_timeout_ms);
      }) {}

const std::vector<EmbeddedFile>& SqlStore::MigrationsHere() const {
  return pool_.dialect() == Dialect::kPostgres ? PostgresMigrations() : Migrations();
}

int SqlStore::LatestSchemaVersion() const {
  const auto& all = MigrationsHere();
  return all.empty() ? 0 : VersionOf(all.back().name);
}

Result<int> SqlStore::SchemaVersion() {
  return Guard("schema version", [&]() -> Result<int> {
    auto sql = pool_.Acquire();
    sql.Raw().Exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
        "name TEXT NOT NULL, applied_at BIGINT NOT NULL)");
    Rows r = sql.Query("SELECT MAX(version) FROM schema_migrations");
    if (!r.Next() || r.IsNull(0)) return 0;
    return static_cast<int>(r.Int(0));
  });
}

Status SqlStore::Migrate() {
  auto current = SchemaVersion();
  if (!current.ok()) return current.status();
  int applied = 0;
  for (const auto& migration : MigrationsHere()) {
    int version = VersionOf(migration.name);
    if (version <= *current) continue;
    Status st = Guard("migration", [&]() -> Status {
      auto sql = pool_.Acquire();
      BeginWrite(sql.Statements());
      try {
        sql.Raw().Exec(std::string(migration.content).c_str());
        sql.Query("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)")
            .Bind(1, static_cast<long long>(version))
            .Bind(2, std::string_view(migration.name))
            .Bind(3, ToUnix(Now()))
            .Next();
        sql.Raw().Exec("COMMIT");
      } catch (...) {
        sql.Raw().Exec("ROLLBACK");
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

Status SqlStore::InTransaction(bool write, const std::function<Status()>& work) {
  if (pool_.CurrentTransaction()) return work();  // nested: join the outer one
  auto sql = pool_.Acquire();
  Status begun = Guard("begin", [&]() -> Status {
    if (write) {
      BeginWrite(sql.Statements());
    } else {
      BeginRead(sql.Statements());
    }
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

Status SqlStore::RunInTransaction(const std::function<Status()>& work) {
  return InTransaction(true, work);
}

// A deferred BEGIN takes its snapshot at the first read, and takes no lock
// that would hold up the group committer.
Status SqlStore::ReadTogether(const std::function<Status()>& work) {
  return InTransaction(false, work);
}

Status SqlStore::Backup(const std::string& path) {
  if (pool_.dialect() == Dialect::kPostgres) return PostgresDump(pool_.path(), path);
  return Guard("backup", [&]() -> Status {
    auto sql = pool_.Acquire();
    sqlite_api::sqlite3* dest = nullptr;
    if (sqlite3_open(path.c_str(), &dest) != SQLITE_OK) {
      std::string message = dest ? sqlite3_errmsg(dest) : "cannot open";
      sqlite3_close(dest);
      return Status::Invalid("cannot write backup to " + path + ": " + message, "to");
    }
    // SOCI's copy of the SQLite API is the same library under another namespace.
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

Status SqlStore::Ping() {
  return Guard("ping", [&]() -> Status {
    auto sql = pool_.Acquire();
    int one = 0;
    *sql << "SELECT 1", soci::into(one);
    return one == 1 ? Status::Ok() : Status::Unavailable("database did not answer");
  });
}

}  // namespace sql
}  // namespace attune
