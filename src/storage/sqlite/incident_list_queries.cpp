// Lists of records on SQLite: filtered, paged, counted, and found by their
// words (the FTS5 index record_words, migration 0016). Every list is
// filtered in the query by the rule for reading one record (readable.h),
// so paging and counts never include a record the reader may not read.
#include "storage/sqlite/incident_row.h"
#include "storage/sqlite/readable.h"
#include "storage/sqlite/row.h"
#include "storage/sqlite/sqlite_store.h"

namespace attune::sqlite {
namespace {

// The values of a query's filter that are not fields of IncidentQuery as
// SQL binds them; they must outlive the statement's execution.
struct FilterValues {
  long long from = 0;
  long long to = 0;
};

// "FROM ... WHERE ..." for `q`, the reader's rule first. With words to
// match, the index drives (CROSS JOIN fixes the order): only the records
// holding them are looked at, never the whole doclist once per record.
std::string FromWhere(const IncidentQuery& q) {
  std::string out = q.match.empty() ? " FROM incidents i"
                                    : " FROM record_words CROSS JOIN incidents i ON i.id = "
                                      "record_words.rowid";
  out += ATTUNE_INCIDENT_JOINS "WHERE i.school_id = :s AND " ATTUNE_SQL_READABLE(":role");
  if (!q.match.empty()) out += " AND record_words MATCH :m";
  if (q.pupil_id) {
    out += " AND i.id IN (SELECT incident_id FROM incident_pupils WHERE pupil_id = :p)";
  }
  if (q.recorded_by) out += " AND i.recorded_by_staff_id = :b";
  if (!q.category.empty()) out += " AND i.category = :c";
  if (!q.behaviour_class.empty()) out += " AND i.behaviour_class = :k";
  if (q.safeguarding) out += " AND i.safeguarding = 1";
  if (q.from) out += " AND i.occurred_at >= :f";
  if (q.to) out += " AND i.occurred_at < :t";
  return out;
}

constexpr const char* kNewestFirst = " ORDER BY i.occurred_at DESC, i.id DESC";

// Binds what FromWhere(q) names.
void BindFilter(soci::statement& st, const IncidentQuery& q, FilterValues& v) {
  v.from = q.from ? ToUnix(*q.from) : 0;
  v.to = q.to ? ToUnix(*q.to) : 0;
  st.exchange(soci::use(q.school_id, "s"));
  st.exchange(soci::use(q.viewer_role, "role"));
  if (!q.match.empty()) st.exchange(soci::use(q.match, "m"));
  if (q.pupil_id) st.exchange(soci::use(q.pupil_id, "p"));
  if (q.recorded_by) st.exchange(soci::use(q.recorded_by, "b"));
  if (!q.category.empty()) st.exchange(soci::use(q.category, "c"));
  if (!q.behaviour_class.empty()) st.exchange(soci::use(q.behaviour_class, "k"));
  if (q.from) st.exchange(soci::use(v.from, "f"));
  if (q.to) st.exchange(soci::use(v.to, "t"));
}

// The start of a record's notes, for a record listed without words to
// match: at most about kWords words of the first note it has.
std::string NotesStart(const Incident& i) {
  constexpr int kWords = 24;
  const std::string& text = !i.behaviour.empty()    ? i.behaviour
                            : !i.antecedent.empty() ? i.antecedent
                                                    : i.response;
  int words = 0;
  bool in_word = false;
  for (size_t k = 0; k < text.size(); ++k) {
    bool space = text[k] == ' ' || text[k] == '\n' || text[k] == '\t' || text[k] == '\r';
    if (!space && !in_word && ++words > kWords) return text.substr(0, k) + "…";
    in_word = !space;
  }
  return text;
}

}  // namespace

Result<std::vector<Incident>> SqliteStore::ListIncidents(const IncidentQuery& q) {
  return Guard("list incidents", [&]() -> Result<std::vector<Incident>> {
    auto sql = pool_.Acquire();
    long long limit = q.limit, offset = q.offset;
    soci::statement st = (sql->prepare << "SELECT " ATTUNE_INCIDENT_COLUMNS + FromWhere(q) +
                                              kNewestFirst + " LIMIT :l OFFSET :o");
    soci::row r;
    FilterValues values;
    BindFilter(st, q, values);
    st.exchange(soci::use(limit, "l"));
    st.exchange(soci::use(offset, "o"));
    st.exchange(soci::into(r));
    st.define_and_bind();
    st.execute();
    std::vector<Incident> out;
    while (st.fetch()) out.push_back(ReadIncident(r));
    for (auto& i : out) FillIncident(*sql, i);
    return out;
  });
}

Result<std::vector<RecordHit>> SqliteStore::SearchRecords(const IncidentQuery& q) {
  if (q.match.empty()) {
    auto list = ListIncidents(q);
    if (!list.ok()) return list.status();
    std::vector<RecordHit> out;
    for (auto& i : *list) {
      std::string excerpt = NotesStart(i);
      out.push_back({std::move(i), std::move(excerpt)});
    }
    return out;
  }
  auto list = ListIncidents(q);
  if (!list.ok()) return list.status();
  return Guard("search records", [&]() -> Result<std::vector<RecordHit>> {
    auto sql = pool_.Acquire();
    // The page is chosen first, so the excerpt is made for its records
    // only, one look-up each, not for every record holding the words.
    std::vector<RecordHit> out;
    for (auto& i : *list) {
      std::string excerpt;
      soci::indicator ind = soci::i_ok;
      *sql << "SELECT snippet(record_words, -1, char(2), char(3), '…', 16) FROM record_words "
              "WHERE record_words MATCH :m AND rowid = :id",
          soci::use(q.match, "m"), soci::use(i.id, "id"), soci::into(excerpt, ind);
      out.push_back({std::move(i), ind == soci::i_ok ? excerpt : std::string()});
    }
    return out;
  });
}

Result<int> SqliteStore::CountIncidents(const IncidentQuery& q) {
  return Guard("count incidents", [&]() -> Result<int> {
    auto sql = pool_.Acquire();
    soci::statement st = (sql->prepare << "SELECT COUNT(*)" + FromWhere(q));
    long long n = 0;
    FilterValues values;
    BindFilter(st, q, values);
    st.exchange(soci::into(n));
    st.define_and_bind();
    st.execute(true);
    return static_cast<int>(n);
  });
}

}  // namespace attune::sqlite
