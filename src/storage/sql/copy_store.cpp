// Copying a school's SQLite file into a PostgreSQL database
// (storage/store.h CopyStore): every table row for row, ids kept, in one
// transaction on the target, then each table counted and a sample of rows
// compared column by column on both sides.
#include <algorithm>
#include <filesystem>
#include <functional>
#include <map>
#include <set>

#include "storage/databases.h"
#include "storage/sql/pg_connection.h"
#include "storage/sql/row.h"
#include "storage/sql/sql_store.h"
#include "storage/sql/sqlite_connection.h"

namespace attune {
namespace {

using sql::Connection;
using sql::PgConnection;
using sql::Rows;
using sql::SqliteConnection;
using sql::Statement;

// A statement prepared for one use (the cache is for literals).
struct OneOff {
  OneOff(Connection& c, const std::string& text) : st(c.Prepare(text.c_str())) {}
  std::unique_ptr<Statement> st;
};

std::vector<std::string> Column(Connection& c, const std::string& text) {
  OneOff q(c, text);
  Rows r(*q.st);
  std::vector<std::string> out;
  while (r.Next()) out.push_back(r.Text(0));
  return out;
}

// The tables to copy, each after those it refers to.
std::vector<std::string> TablesInOrder(Connection& from) {
  std::vector<std::string> names =
      Column(from,
             "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND "
             "name NOT LIKE 'record_words%' AND name <> 'schema_migrations' ORDER BY name");
  std::map<std::string, std::set<std::string>> needs;
  for (const auto& t : names) {
    for (const auto& ref :
         Column(from, "SELECT \"table\" FROM pragma_foreign_key_list('" + t + "')")) {
      if (ref != t) needs[t].insert(ref);
    }
  }
  std::vector<std::string> out;
  std::set<std::string> done;
  while (out.size() < names.size()) {
    size_t before = out.size();
    for (const auto& t : names) {
      if (done.count(t)) continue;
      bool ready = std::all_of(needs[t].begin(), needs[t].end(),
                               [&](const std::string& r) { return done.count(r) > 0; });
      if (ready) {
        out.push_back(t);
        done.insert(t);
      }
    }
    if (out.size() == before) {  // a cycle: what is left goes as it is
      for (const auto& t : names) {
        if (!done.count(t)) out.push_back(t);
      }
      break;
    }
  }
  return out;
}

struct TableColumns {
  std::vector<std::string> names;
  std::vector<bool> integer;  // as the target's column is typed
};

Result<TableColumns> ColumnsOf(Connection& from, Connection& to, const std::string& table) {
  TableColumns out;
  std::map<std::string, std::string> target;
  OneOff q(to,
           "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = "
           "current_schema() AND table_name = ?1 AND is_generated = 'NEVER'");
  {
    Rows r(*q.st);
    r.Bind(1, std::string_view(table));
    while (r.Next()) target[r.Text(0)] = r.Text(1);
  }
  for (const auto& name : Column(from, "SELECT name FROM pragma_table_info('" + table + "')")) {
    auto found = target.find(name);
    if (found == target.end()) {
      return Status::Invalid("the PostgreSQL database has no column " + table + "." + name +
                                 "; is it at the same schema version?",
                             "to");
    }
    out.names.push_back(name);
    out.integer.push_back(found->second == "bigint" || found->second == "integer");
  }
  return out;
}

std::string Joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

long long CountRows(Connection& c, const std::string& table) {
  OneOff q(c, "SELECT COUNT(*) FROM " + table);
  Rows r(*q.st);
  return r.Next() ? r.Int(0) : 0;
}

// Up to `most` rows of `table`, spread evenly by the first column's order,
// each as its columns' text ("\x01" for NULL).
std::map<std::string, std::vector<std::string>> Sample(Connection& c, const std::string& table,
                                                       const TableColumns& cols, long long total,
                                                       int most) {
  std::map<std::string, std::vector<std::string>> out;
  long long every = std::max(1LL, total / most);
  OneOff q(c,
           "SELECT " + Joined(cols.names) + " FROM " + table + " ORDER BY " + Joined(cols.names));
  Rows r(*q.st);
  long long i = 0;
  while (r.Next()) {
    if (i++ % every != 0) continue;
    std::vector<std::string> row;
    for (size_t k = 0; k < cols.names.size(); ++k) {
      row.push_back(r.IsNull(static_cast<int>(k)) ? "\x01" : r.Text(static_cast<int>(k)));
    }
    std::string id;
    for (const auto& v : row) id += v + '\x02';
    out[id] = std::move(row);
  }
  return out;
}

}  // namespace

Result<CopyReport> CopyStore(const std::string& from, const std::string& to,
                             const std::function<void(const std::string&, long long)>& progress) {
  if (sql::IsPostgresUrl(from) || !sql::IsPostgresUrl(to)) {
    return Status::Invalid("copy from a SQLite file to a postgresql:// URL", "to");
  }
  // The file must be there: opening it would make a new, empty one.
  std::error_code ec;
  if (!std::filesystem::is_regular_file(from, ec)) {
    return Status::Invalid("there is no database file " + from, "from");
  }
  // Both at this binary's schema: the file brought up to date, the target
  // made (or checked) empty.
  for (const std::string& target : {from, to}) {
    StoreOptions options;
    options.path = target;
    auto store = OpenStore(options);
    if (!store.ok()) return store.status();
    ATTUNE_RETURN_IF_ERROR((*store)->Migrate());
    if (target == to) {
      auto schools = (*store)->ListSchools();
      if (!schools.ok()) return schools.status();
      if (!schools->empty()) {
        return Status::Invalid(
            "the PostgreSQL database already holds a school; copy into an "
            "empty database",
            "to");
      }
    }
  }
  return sql::Guard("copy store", [&]() -> Result<CopyReport> {
    auto source = SqliteConnection::OpenFile(from, 5000);
    auto target = PgConnection::Open(to, 5000);
    std::vector<std::string> tables = TablesInOrder(*source);
    CopyReport report;
    source->Exec("BEGIN");  // one snapshot of the file for the copy and the checks
    target->Exec("BEGIN");
    try {
      for (const auto& table : tables) {
        auto cols = ColumnsOf(*source, *target, table);
        if (!cols.ok()) {
          target->Exec("ROLLBACK");
          source->Exec("ROLLBACK");
          return cols.status();
        }
        std::string placeholders;
        for (size_t k = 0; k < cols->names.size(); ++k) {
          placeholders += (k ? ", ?" : "?") + std::to_string(k + 1);
        }
        OneOff insert(*target, "INSERT INTO " + table + " (" + Joined(cols->names) + ") VALUES (" +
                                   placeholders + ")");
        OneOff read(*source, "SELECT " + Joined(cols->names) + " FROM " + table);
        Rows r(*read.st);
        long long n = 0;
        while (r.Next()) {
          for (size_t k = 0; k < cols->names.size(); ++k) {
            int c = static_cast<int>(k);
            if (r.IsNull(c)) {
              insert.st->BindNull(c + 1);
            } else if (cols->integer[k]) {
              insert.st->Bind(c + 1, r.Int(c));
            } else {
              insert.st->Bind(c + 1, r.TextView(c));
            }
          }
          insert.st->Run();
          if (++n % 10000 == 0 && progress) progress(table, n);
        }
        if (progress) progress(table, n);
        // The next id made on PostgreSQL follows the last one copied.
        if (std::find(cols->names.begin(), cols->names.end(), "id") != cols->names.end()) {
          OneOff next(*target, "SELECT setval(pg_get_serial_sequence('" + table +
                                   "', 'id'), COALESCE(MAX(id), 0) + 1, false) FROM " + table);
          Rows(*next.st).Next();
        }
        report.tables.push_back({table, n});
      }
      target->Exec("COMMIT");
    } catch (...) {
      if (target->InTransaction()) target->Exec("ROLLBACK");
      source->Exec("ROLLBACK");
      throw;
    }
    // Checked from the committed copy: counts, then a sample compared.
    for (auto& [table, copied] : report.tables) {
      long long here = CountRows(*source, table), there = CountRows(*target, table);
      if (here != there || here != copied) {
        source->Exec("ROLLBACK");
        return Status::Internal("the copy of " + table + " has " + std::to_string(there) +
                                " rows where the file has " + std::to_string(here));
      }
      auto cols = ColumnsOf(*source, *target, table);
      if (!cols.ok()) return cols.status();
      auto mine = Sample(*source, table, *cols, here, 200);
      auto theirs = Sample(*target, table, *cols, there, 200);
      for (const auto& [key, row] : mine) {
        if (!theirs.count(key)) {
          source->Exec("ROLLBACK");
          return Status::Internal("a row of " + table + " differs in the copy: " + key);
        }
        ++report.rows_compared;
      }
    }
    source->Exec("ROLLBACK");
    return report;
  });
}

}  // namespace attune
