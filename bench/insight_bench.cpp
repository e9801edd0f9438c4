// attune's insight engine beside SQLite on the same synthetic local
// authority (issue 14), and the files that feed DuckDB; run by
// insight_bench.sh, which adds DuckDB (insight_duckdb.mjs) and compares the
// three engines' answers.
//
// Usage: insight_bench RECORDS FOLDER
//
//  1. Makes the authority of synthetic_authority.h: RECORDS involved-pupil
//     rows (one row per involved pupil of each record, as SWIS counts).
//  2. attune: every row added to insight::Index one by one; each filter
//     asked with one Query, which answers all six questions.
//  3. SQLite: a fresh FOLDER/attune.db made by attune's own migrations
//     (Store::Migrate, so the schema and indexes are exactly the server's),
//     then schools, a policy version each, pupils, incidents and
//     incident_pupils (role 'involved') inserted in time order in one
//     transaction with foreign keys off (staff rows are not made), then
//     ANALYZE. Asked on one connection with the server's pragmas, one SQL
//     query per question, the planner choosing how.
//  4. Writes FOLDER/{incidents,incident_pupils,pupils}.csv and the filters'
//     SQL conditions (FOLDER/filters.tsv) for insight_duckdb.mjs, and each
//     engine's answers as FOLDER/<engine>_<filter>.txt (insight_answer.h).
//
// Time zones. The generator draws each record's London date and minute;
// the engine is given those, as the server derives them from occurred_at.
// The store holds occurred_at = LondonInstant(date, minute) (core/time.h),
// unix seconds, as attune writes it. SQLite turns it back into London time
// with its 'localtime' modifier under TZ=Europe/London (set here: the C
// library's time-zone files), DuckDB with its ICU time zones under
// TimeZone = 'Europe/London'. No local column is precomputed for SQL: the
// answers agree only if the three conversions do.
//
// Times: the warm median after one untimed run; the engine of 21 runs,
// SQLite of as many as fit in a minute, at least 3.
#include <sqlite3.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "bandwidth_floor.h"
#include "insight/index.h"
#include "insight_answer.h"
#include "storage/sql/sqlite_connection.h"
#include "storage/store.h"
#include "synthetic_authority.h"
#include "timing.h"

using namespace attune;
using namespace attune::bench;

namespace {

struct Question {
  const char* name;
  insight::Filter filter;
};

std::vector<Question> Questions() {
  insight::Filter all;
  for (int s = 1; s <= kSchools; ++s) all.schools.push_back(s);
  all.classes = 0b1110;  // every class but prosocial
  insight::Filter one = all;
  one.schools = {17};
  return {{"all_but_prosocial", all}, {"one_school", one}};
}

// The filter as an SQL condition on the columns of incidents.
std::string SqlCondition(const insight::Filter& f) {
  std::string schools, classes;
  for (long long s : f.schools) schools += (schools.empty() ? "" : ", ") + std::to_string(s);
  for (int c = 0; c < 4; ++c) {
    if ((f.classes >> c) & 1) {
      classes += (classes.empty() ? "'" : ", '") + std::string(ClassText(c)) + "'";
    }
  }
  return "school_id IN (" + schools + ") AND behaviour_class IN (" + classes + ")";
}

// The records `condition` picks, with their involved pupils (the planner
// brings the condition into the join).
std::string StoreRows(const std::string& condition) {
  return " FROM incident_pupils ip JOIN (SELECT * FROM incidents WHERE " + condition +
         ") i ON i.id = ip.incident_id WHERE ip.role = 'involved'";
}

long long OccurredAt(const SyntheticRow& r) { return ToUnix(LondonInstant(DayOf(r), r.minute)); }

long FileMb(const std::string& path) {
  return static_cast<long>(std::filesystem::file_size(path) / (1024 * 1024));
}

// ---- SQLite ----

void LoadSqlite(const std::string& path, const std::vector<SyntheticRow>& rows) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  {
    StoreOptions options;
    options.path = path;
    options.pool_size = 1;
    auto store = OpenStore(options);
    if (!store.ok()) throw std::runtime_error(store.status().ToString());
    Status migrated = (*store)->Migrate();
    if (!migrated.ok()) throw std::runtime_error(migrated.ToString());
  }
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) throw std::runtime_error("open " + path);
  // A bulk import, not attune's durable path: no journal, no fsync.
  sql::Exec(db,
            "PRAGMA foreign_keys = OFF; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; "
            "PRAGMA cache_size = -2000000; BEGIN");
  {
    sql::SqliteStatement school(db,
                                "INSERT INTO schools (id, name, created_at) VALUES (?1, ?2, 0)");
    sql::SqliteStatement policy(db,
                                "INSERT INTO policy_versions (id, school_id, version, source_text, "
                                "school_name, uploaded_at, active_from) VALUES (?1, ?1, 1, "
                                "'format = 1', ?2, 0, '2021-09-01')");
    sql::SqliteStatement pupil(db,
                               "INSERT INTO pupils (id, school_id, upn, first_name, last_name, "
                               "date_of_birth, year_group, sex, created_at) VALUES (?1, ?2, ?3, "
                               "'Pupil', ?4, '2010-01-01', ?5, ?6, 0)");
    for (int s = 1; s <= kSchools; ++s) {
      std::string name = "School " + std::to_string(s);
      school.Bind(1, s).Bind(2, name).Run();
      policy.Bind(1, s).Bind(2, name).Run();
      for (int p = 0; p < kPupilsPerSchool; ++p) {
        long long id = s * 10000LL + p;
        char upn[16];
        std::snprintf(upn, sizeof upn, "B%012lld", id);
        pupil.Bind(1, id).Bind(2, s).Bind(3, upn).Bind(4, std::to_string(id));
        pupil.Bind(5, YearGroup(p)).Bind(6, p % 2 ? "F" : "M").Run();
      }
    }
    sql::SqliteStatement incident(
        db,
        "INSERT INTO incidents (id, school_id, policy_version_id, category, behaviour_class, "
        "occurred_at, recorded_at, recorded_by_staff_id, place, restricted, visible_to) VALUES "
        "(?1, ?2, ?2, ?3, ?4, ?5, ?5 + 300, ?6, ?7, ?8, ?9)");
    sql::SqliteStatement involved(
        db,
        "INSERT INTO incident_pupils (incident_id, pupil_id, school_id, "
        "role, occurred_at, category) VALUES (?1, ?2, ?3, 'involved', ?4, "
        "?5)");
    uint32_t last = 0;
    long long at = 0;
    for (const SyntheticRow& r : rows) {
      const std::string& category = CategoryName(r.category);
      if (r.record != last) {
        last = r.record;
        at = OccurredAt(r);
        incident.Bind(1, r.record).Bind(2, r.school).Bind(3, category);
        incident.Bind(4, ClassText(r.behaviour_class)).Bind(5, at).Bind(6, StaffId(r));
        incident.Bind(7, PlaceName(r.place)).Bind(8, r.restricted);
        incident.Bind(9, r.restricted ? "dsl,senior" : "").Run();
      }
      involved.Bind(1, r.record).Bind(2, PupilId(r)).Bind(3, r.school).Bind(4, at);
      involved.Bind(5, category).Run();
    }
  }
  // Statistics for the planner (the server does not gather them): with them
  // SQLite scans every record for a question about every school, and
  // searches incidents_school_at for one school; without, it searched the
  // index school by school, several times slower.
  sql::Exec(db, "COMMIT; ANALYZE; PRAGMA journal_mode = WAL");
  sqlite3_close(db);
}

// The six questions as SQL, answered on `db`.
Answer AskSqlite(sqlite3* db, const std::string& condition) {
  const std::string from = StoreRows(condition);
  const std::string local = "i.occurred_at, 'unixepoch', 'localtime'";
  Answer a;
  auto rows = [&](const std::string& sql, auto each) {
    sql::SqliteStatement st(db, sql.c_str());
    while (st.Step()) each(st);
  };
  rows("SELECT date(" + local + ") AS d, count(*)" + from + " GROUP BY d", [&](auto& r) {
    a.by_day.emplace_back(r.Text(0), r.Int(1));
    a.total += r.Int(1);
  });
  rows("SELECT i.category, count(*)" + from + " GROUP BY i.category",
       [&](auto& r) { a.by_category.emplace_back(r.Text(0), r.Int(1)); });
  rows("SELECT i.place, count(*)" + from + " GROUP BY i.place",
       [&](auto& r) { a.by_place.emplace_back(r.Text(0), r.Int(1)); });
  rows(
      "SELECT CAST(strftime('%H', " + local + ") AS INTEGER) AS h, count(*)" + from + " GROUP BY h",
      [&](auto& r) { a.by_hour[static_cast<size_t>(r.Int(0))] = r.Int(1); });
  rows("SELECT ip.pupil_id, count(*) AS n" + from +
           " GROUP BY ip.pupil_id ORDER BY n DESC, ip.pupil_id LIMIT 20",
       [&](auto& r) { a.by_pupil.emplace_back(r.Int(0), r.Int(1)); });
  // One conversion a row: the weekday (0 Sunday) and hour together.
  rows("SELECT strftime('%w %H', " + local + ") AS wh, count(*)" + from + " GROUP BY wh",
       [&](auto& r) {
         std::string wh = r.Text(0);
         int weekday = (std::stoi(wh.substr(0, 1)) + 6) % 7;  // 0 Monday
         a.heatmap[static_cast<size_t>(weekday)][static_cast<size_t>(std::stoi(wh.substr(2)))] =
             r.Int(1);
       });
  return a;
}

// ---- the files DuckDB is fed ----

void WriteCsvs(const std::string& folder, const std::vector<SyntheticRow>& rows) {
  auto open = [&](const char* name, const char* header) {
    FILE* f = std::fopen((folder + "/" + name).c_str(), "w");
    if (!f) throw std::runtime_error(std::string("cannot write ") + name);
    std::setvbuf(f, nullptr, _IOFBF, 1 << 20);
    std::fputs(header, f);
    return f;
  };
  FILE* pupils = open("pupils.csv", "id,school_id,year_group\n");
  for (int s = 1; s <= kSchools; ++s) {
    for (int p = 0; p < kPupilsPerSchool; ++p) {
      std::fprintf(pupils, "%lld,%d,%d\n", s * 10000LL + p, s, YearGroup(p));
    }
  }
  std::fclose(pupils);
  FILE* incidents = open("incidents.csv",
                         "id,school_id,category,behaviour_class,occurred_at,"
                         "recorded_by_staff_id,place,restricted\n");
  FILE* involved =
      open("incident_pupils.csv", "incident_id,pupil_id,school_id,role,occurred_at,category\n");
  uint32_t last = 0;
  long long at = 0;
  for (const SyntheticRow& r : rows) {
    const char* category = CategoryName(r.category).c_str();
    if (r.record != last) {
      last = r.record;
      at = OccurredAt(r);
      std::fprintf(incidents, "%u,%d,\"%s\",\"%s\",%lld,%lld,\"%s\",%d\n", r.record, r.school,
                   category, ClassText(r.behaviour_class), at, StaffId(r),
                   PlaceName(r.place).c_str(), r.restricted);
    }
    std::fprintf(involved, "%u,%lld,%d,\"involved\",%lld,\"%s\"\n", r.record, PupilId(r), r.school,
                 at, category);
  }
  if (std::fclose(incidents) != 0 || std::fclose(involved) != 0) {
    throw std::runtime_error("cannot write the CSV files");
  }
}

void WriteFilters(const std::string& folder, const std::vector<Question>& questions) {
  FILE* f = std::fopen((folder + "/filters.tsv").c_str(), "w");
  if (!f) throw std::runtime_error("cannot write filters.tsv");
  for (const auto& q : questions) {
    std::string condition = SqlCondition(q.filter);
    std::fprintf(f, "%s\t%s\t%s\n", q.name, condition.c_str(), StoreRows(condition).c_str());
  }
  std::fclose(f);
}

void Report(const char* engine, const Question& q, long long records, const Timing& t) {
  std::printf("engine=%s filter=%s records=%lld ms=%.2f\n", engine, q.name, records, t.median_ms);
  std::printf("runs engine=%s filter=%s warm_runs=%d\n", engine, q.name, t.runs);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: insight_bench RECORDS FOLDER\n");
    return 2;
  }
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // each line as it comes, into a pipe too
  // SQLite's 'localtime' reads the C library's zone, which reads TZ.
  setenv("TZ", "Europe/London", 1);
  tzset();
  const long long records = std::atoll(argv[1]);
  const std::string folder = argv[2];
  std::filesystem::create_directories(folder);
  const std::vector<Question> questions = Questions();

  auto start = Clock::now();
  std::vector<SyntheticRow> rows = MakeAuthority(records);
  std::printf("generated records=%lld incidents=%u s=%.1f\n", records,
              rows.empty() ? 0 : rows.back().record, Ms(Clock::now() - start) / 1000);

  // attune
  long before = ResidentMb();
  start = Clock::now();
  insight::Index index;
  LoadEngine(index, rows);
  std::printf("load engine=attune records=%lld s=%.1f resident_mb=%ld\n", records,
              Ms(Clock::now() - start) / 1000, ResidentMb() - before);
  for (const Question& q : questions) {
    insight::Counts counts;
    Timing t = WarmMedian([&] { counts = index.Query(q.filter, 20); });
    Report("attune", q, records, t);
    WriteAnswer(FromCounts(counts), folder + "/attune_" + q.name + ".txt");
  }
  std::printf("floor=read_every_column records=%lld ms=%.2f\n", records,
              ReadEveryColumnMs(records));

  // SQLite
  const std::string path = folder + "/attune.db";
  start = Clock::now();
  LoadSqlite(path, rows);
  std::printf("load engine=sqlite records=%lld s=%.1f file_mb=%ld\n", records,
              Ms(Clock::now() - start) / 1000, FileMb(path));
  start = Clock::now();
  WriteCsvs(folder, rows);
  WriteFilters(folder, questions);
  std::printf("wrote csv s=%.1f\n", Ms(Clock::now() - start) / 1000);
  rows = {};
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) return 1;
  sql::Exec(db, "PRAGMA mmap_size = 1073741824");  // as the server's connections
  for (const Question& q : questions) {
    Answer answer;
    const std::string condition = SqlCondition(q.filter);
    Timing t = WarmMedian([&] { answer = AskSqlite(db, condition); }, 21, 60'000);
    Report("sqlite", q, records, t);
    WriteAnswer(answer, folder + "/sqlite_" + q.name + ".txt");
  }
  sqlite3_close(db);
  return 0;
}
