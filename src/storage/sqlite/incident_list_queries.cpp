// Lists of records on SQLite: filtered, paged, counted, and found by their
// words (the FTS5 index record_words, migration 0016). Every list is
// filtered in the query by the rule for reading one record (readable.h),
// so paging and counts never include a record the reader may not read.
#include <map>

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

// Newest first: by when it happened; found by words, by when it was made
// (the record's id, the index's own order, read backwards and stopped at
// the page: a word in a third of the records costs its page, not all).
const char* NewestFirst(const IncidentQuery& q) {
  return q.match.empty() ? " ORDER BY i.occurred_at DESC, i.id DESC"
                         : " ORDER BY record_words.rowid DESC";
}

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
                                              NewestFirst(q) + " LIMIT :l OFFSET :o");
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
    std::map<long long, std::string> excerpts;
    if (!list->empty()) {
      // The page is chosen first, and its records are a run of the index's
      // order (newest made first): their excerpts come from one pass over
      // that run, not a look-up each (each would read the word's whole list).
      auto sql = pool_.Acquire();
      long long low = list->back().id, high = list->front().id;
      long long id = 0;
      std::string excerpt;
      soci::indicator ind = soci::i_ok;
      soci::statement st =
          (sql->prepare << "SELECT rowid, snippet(record_words, -1, char(2), char(3), '…', 16) "
                           "FROM record_words WHERE record_words MATCH :m AND rowid BETWEEN :lo "
                           "AND :hi",
           soci::use(q.match, "m"), soci::use(low, "lo"), soci::use(high, "hi"), soci::into(id),
           soci::into(excerpt, ind));
      st.execute();
      while (st.fetch()) excerpts[id] = ind == soci::i_ok ? excerpt : std::string();
    }
    std::vector<RecordHit> out;
    for (auto& i : *list) {
      auto found = excerpts.find(i.id);
      std::string excerpt = found == excerpts.end() ? std::string() : found->second;
      out.push_back({std::move(i), std::move(excerpt)});
    }
    return out;
  });
}

Result<int> SqliteStore::CountIncidents(const IncidentQuery& q) {
  return Guard("count incidents", [&]() -> Result<int> {
    auto sql = pool_.Acquire();
    long long most = q.count_at_most;
    soci::statement st = (sql->prepare << CountSql(FromWhere(q), most));
    long long n = 0;
    FilterValues values;
    BindFilter(st, q, values);
    if (most > 0) st.exchange(soci::use(most, "most"));
    st.exchange(soci::into(n));
    st.define_and_bind();
    st.execute(true);
    return static_cast<int>(n);
  });
}

}  // namespace attune::sqlite
