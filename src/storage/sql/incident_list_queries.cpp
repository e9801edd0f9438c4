// Lists of records: filtered, paged, counted, and found by their
// words (the FTS5 index record_words, migration 0016). Every list is
// filtered in the query by the rule for reading one record (readable.h),
// so paging and counts never include a record the reader may not read.
#include <map>

#include "core/search_words.h"
#include "storage/sql/excerpt.h"
#include "storage/sql/incident_row.h"
#include "storage/sql/readable.h"
#include "storage/sql/row.h"
#include "storage/sql/sql_store.h"

namespace attune::sql {
namespace {

// The values of a query's filter that are not fields of IncidentQuery as
// SQL binds them; they must outlive the statement's execution.
struct FilterValues {
  long long from = 0;
  long long to = 0;
  std::string match;  // in the dialect's own syntax
};

// On PostgreSQL, the records whose words hold the tsquery :m (TsQuery),
// folded as the words column is (attune_fold, migration 0035: "Zoë" and
// "zoe" are one word, as in SQLite's index).
#define ATTUNE_PG_WORDS_MATCH "record_words.words @@ to_tsquery('simple', attune_fold(:m))"

// "FROM ... WHERE ..." for `q`, the reader's rule first. With words to
// match, the index drives (CROSS JOIN fixes the order): only the records
// holding them are looked at, never the whole doclist once per record.
// On PostgreSQL record_words is a table keyed by the record with a tsvector
// of its words (migrations/postgresql/0029_schema.sql).
std::string FromWhere(const IncidentQuery& q, Dialect dialect) {
  const bool pg = dialect == Dialect::kPostgres;
  std::string out = q.match.empty() ? " FROM incidents i"
                    : pg            ? " FROM record_words JOIN incidents i ON i.id = "
                                      "record_words.incident_id"
                                    : " FROM record_words CROSS JOIN incidents i ON i.id = "
                                      "record_words.rowid";
  out += ATTUNE_INCIDENT_JOINS "WHERE i.school_id = :s AND " ATTUNE_SQL_READABLE(":role");
  if (!q.match.empty()) {
    out += pg ? " AND " ATTUNE_PG_WORDS_MATCH : " AND record_words MATCH :m";
  }
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
const char* NewestFirst(const IncidentQuery& q, Dialect dialect) {
  if (q.match.empty()) return " ORDER BY i.occurred_at DESC, i.id DESC";
  return dialect == Dialect::kPostgres ? " ORDER BY record_words.incident_id DESC"
                                       : " ORDER BY record_words.rowid DESC";
}

// The words to match as PostgreSQL's tsquery: record_search.h's "a" "b"*
// (every word, the last perhaps as the start of one) as 'a' & 'b':*.
std::string TsQuery(const std::string& match) {
  std::string out;
  for (const MatchTerm& term : ParseMatch(match)) {
    if (!out.empty()) out += " & ";
    out += '\'';
    for (char c : term.word) {
      if (c == '\'' || c == '\\') out += c;  // doubled: the tsquery's own quoting
      out += c;
    }
    out += '\'';
    if (term.prefix) out += ":*";
  }
  return out;
}

// Binds what FromWhere(q, sql.Raw().dialect()) names.
void BindFilter(soci::statement& st, const IncidentQuery& q, FilterValues& v, Dialect dialect) {
  v.from = q.from ? ToUnix(*q.from) : 0;
  v.to = q.to ? ToUnix(*q.to) : 0;
  v.match = dialect == Dialect::kPostgres ? TsQuery(q.match) : q.match;
  st.exchange(soci::use(q.school_id, "s"));
  st.exchange(soci::use(q.viewer_role, "role"));
  if (!q.match.empty()) st.exchange(soci::use(v.match, "m"));
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

Result<std::vector<Incident>> SqlStore::ListIncidents(const IncidentQuery& q) {
  return ReadGuard("list incidents", [&]() -> Result<std::vector<Incident>> {
    auto sql = pool_.Acquire();
    long long limit = q.limit, offset = q.offset;
    soci::statement st =
        (sql->prepare << "SELECT " ATTUNE_INCIDENT_COLUMNS + FromWhere(q, sql.Raw().dialect()) +
                             NewestFirst(q, sql.Raw().dialect()) + " LIMIT :l OFFSET :o");
    soci::row r;
    FilterValues values;
    BindFilter(st, q, values, sql.Raw().dialect());
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

Result<std::vector<RecordHit>> SqlStore::SearchRecords(const IncidentQuery& q) {
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
  return ReadGuard("search records", [&]() -> Result<std::vector<RecordHit>> {
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
      if (sql.Raw().dialect() == Dialect::kPostgres) {
        // The excerpt is made here (excerpt.h) from the words themselves.
        std::string parts[4];
        const std::string match = TsQuery(q.match);
        soci::statement st =
            (sql->prepare << "SELECT incident_id, antecedent, behaviour, response, amends FROM "
                             "record_words WHERE " ATTUNE_PG_WORDS_MATCH
                             " AND incident_id BETWEEN :lo AND :hi",
             soci::use(match, "m"), soci::use(low, "lo"), soci::use(high, "hi"), soci::into(id),
             soci::into(parts[0]), soci::into(parts[1]), soci::into(parts[2]),
             soci::into(parts[3]));
        st.execute();
        while (st.fetch()) {
          excerpts[id] = Excerpt({parts[0], parts[1], parts[2], parts[3]}, q.match);
        }
      } else {
        soci::statement st =
            (sql->prepare << "SELECT rowid, snippet(record_words, -1, char(2), char(3), '…', 16) "
                             "FROM record_words WHERE record_words MATCH :m AND rowid BETWEEN :lo "
                             "AND :hi",
             soci::use(q.match, "m"), soci::use(low, "lo"), soci::use(high, "hi"), soci::into(id),
             soci::into(excerpt, ind));
        st.execute();
        while (st.fetch()) excerpts[id] = ind == soci::i_ok ? excerpt : std::string();
      }
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

Result<int> SqlStore::CountIncidents(const IncidentQuery& q) {
  return ReadGuard("count incidents", [&]() -> Result<int> {
    auto sql = pool_.Acquire();
    long long most = q.count_at_most;
    soci::statement st = (sql->prepare << CountSql(FromWhere(q, sql.Raw().dialect()), most));
    long long n = 0;
    FilterValues values;
    BindFilter(st, q, values, sql.Raw().dialect());
    if (most > 0) st.exchange(soci::use(most, "most"));
    st.exchange(soci::into(n));
    st.define_and_bind();
    st.execute(true);
    return static_cast<int>(n);
  });
}

}  // namespace attune::sql
