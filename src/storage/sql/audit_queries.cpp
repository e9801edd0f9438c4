// AuditStore on SQLite.
#include "storage/sql/row.h"
#include "storage/sql/sql_store.h"

namespace attune::sql {

Status SqlStore::AppendAudit(const AuditEntry& e) {
  auto write = [&]() -> Status {
    auto sql = pool_.Acquire();
    long long at = ToUnix(e.at);
    soci::indicator school = NullIfZero(e.school_id), staff = NullIfZero(e.staff_id);
    *sql << "INSERT INTO audit_log (school_id, staff_id, at, action, subject_type, subject_id, "
            "detail, ip) VALUES (:sc, :st, :at, :a, :t, :i, :d, :ip)",
        soci::use(e.school_id, school), soci::use(e.staff_id, staff), soci::use(at),
        soci::use(e.action), soci::use(e.subject_type), soci::use(e.subject_id),
        soci::use(e.detail), soci::use(e.ip);
    if (e.subjects.empty()) return Status::Ok();
    long long id = sql.Raw().LastId();
    for (long long subject : e.subjects) {
      auto row = sql.Query(
          "INSERT INTO audit_subjects (audit_id, subject_id) VALUES (?1, ?2) ON CONFLICT DO "
          "NOTHING");
      row.Bind(1, id).Bind(2, subject).Next();
    }
    return Status::Ok();
  };
  return Guard("append audit",
               [&]() -> Status { return e.subjects.empty() ? write() : RunInTransaction(write); });
}

Status SqlStore::AppendAuditSoon(const AuditEntry& e) {
  return committer_.Post(
      [e](WriteSession& w) {
        // With its subjects, its id is taken first (WriteSession::Insert),
        // so on PostgreSQL they follow it without waiting for its answer.
        Statement& entry =
            e.subjects.empty()
                ? w.Prepared(
                      "INSERT INTO audit_log (school_id, staff_id, at, action, subject_type, "
                      "subject_id, detail, ip) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
                : w.Prepared(
                      "INSERT INTO audit_log (id, school_id, staff_id, at, action, subject_type, "
                      "subject_id, detail, ip) VALUES (?9, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
                      "RETURNING id");
        entry.BindIdOrNull(1, e.school_id)
            .BindIdOrNull(2, e.staff_id)
            .Bind(3, ToUnix(e.at))
            .Bind(4, e.action)
            .Bind(5, e.subject_type)
            .Bind(6, e.subject_id)
            .Bind(7, e.detail)
            .Bind(8, e.ip);
        if (e.subjects.empty()) {
          entry.Run();
          return;
        }
        long long id = w.Insert(entry, 9, "audit_log");
        Statement& subject = w.Prepared(
            "INSERT INTO audit_subjects (audit_id, subject_id) VALUES (?1, ?2) ON CONFLICT DO "
            "NOTHING");
        for (long long s : e.subjects) subject.Bind(1, id).Bind(2, s).Run();
      },
      "an audit entry of a read");
}

namespace {

// The WHERE clause of an AuditQuery, with its values bound by name.
class AuditWhere {
 public:
  explicit AuditWhere(const AuditQuery& q)
      : q_(q), from_(q.from ? ToUnix(*q.from) : 0), until_(q.until ? ToUnix(*q.until) : 0) {
    sql_ = " WHERE a.school_id = :s";
    if (!q.action.empty()) sql_ += " AND a.action = :a";
    if (!q.subject_type.empty()) sql_ += " AND a.subject_type = :t";
    if (q.subject_id) {
      sql_ +=
          " AND (a.subject_id = :i OR a.id IN (SELECT audit_id FROM audit_subjects WHERE "
          "subject_id = :i2))";
    }
    if (q.staff_id) sql_ += " AND a.staff_id = :st";
    if (q.from) sql_ += " AND a.at >= :f";
    if (q.until) sql_ += " AND a.at < :u";
  }
  const std::string& Sql() const { return sql_; }
  void Bind(soci::statement& st) {
    st.exchange(soci::use(q_.school_id, "s"));
    if (!q_.action.empty()) st.exchange(soci::use(q_.action, "a"));
    if (!q_.subject_type.empty()) st.exchange(soci::use(q_.subject_type, "t"));
    if (q_.subject_id) {
      st.exchange(soci::use(q_.subject_id, "i"));
      st.exchange(soci::use(q_.subject_id, "i2"));
    }
    if (q_.staff_id) st.exchange(soci::use(q_.staff_id, "st"));
    if (q_.from) st.exchange(soci::use(from_, "f"));
    if (q_.until) st.exchange(soci::use(until_, "u"));
  }

 private:
  AuditQuery q_;
  long long from_;
  long long until_;
  std::string sql_;
};

}  // namespace

Result<std::vector<AuditEntry>> SqlStore::ListAudit(const AuditQuery& q) {
  // Entries queued by AppendAuditSoon are written first: the log never
  // misses a read it has accepted (an empty write waits for their batch).
  ATTUNE_RETURN_IF_ERROR(committer_.Submit([](WriteSession&) {}));
  return ReadGuard("list audit", [&]() -> Result<std::vector<AuditEntry>> {
    auto sql = pool_.Acquire();
    AuditWhere where(q);
    // The page's ids are found first, from the filter's index alone, and
    // only they are read whole: a deep page skips index entries, not rows.
    std::string text =
        "SELECT a.id, COALESCE(a.school_id, 0), COALESCE(a.staff_id, 0), a.at, a.action, "
        "a.subject_type, a.subject_id, a.detail, a.ip, COALESCE(s.name, ''), "
        "(SELECT " +
        std::string(sql.Raw().dialect() == Dialect::kPostgres
                        ? "string_agg(CAST(subject_id AS TEXT), ',')"
                        : "group_concat(subject_id)") +
        " FROM audit_subjects WHERE audit_id = a.id) "
        "FROM audit_log a LEFT JOIN staff s ON s.id = a.staff_id "
        "WHERE a.id IN (SELECT a.id FROM audit_log a" +
        where.Sql() +
        " ORDER BY a.at DESC, a.id DESC LIMIT :l OFFSET :o) ORDER BY a.at DESC, a.id DESC";
    std::vector<AuditEntry> out;
    ReadPage(
        *sql, text, where, q.limit, q.offset,
        [](const soci::row& r) {
          AuditEntry e;
          e.id = Int(r, 0);
          e.school_id = Int(r, 1);
          e.staff_id = Int(r, 2);
          e.at = FromUnix(Int(r, 3));
          e.action = Text(r, 4);
          e.subject_type = Text(r, 5);
          e.subject_id = Int(r, 6);
          e.detail = Text(r, 7);
          e.ip = Text(r, 8);
          e.staff_name = Text(r, 9);
          for (const auto& id : SplitList(Text(r, 10))) e.subjects.push_back(std::stoll(id));
          return e;
        },
        out);
    return out;
  });
}

Result<long long> SqlStore::CountAudit(const AuditQuery& q) {
  ATTUNE_RETURN_IF_ERROR(committer_.Submit([](WriteSession&) {}));
  return ReadGuard("count audit", [&]() -> Result<long long> {
    auto sql = pool_.Acquire();
    AuditWhere where(q);
    long long n = 0;
    long long most = q.count_at_most;
    soci::statement st = (sql->prepare << CountSql("FROM audit_log a" + where.Sql(), most));
    where.Bind(st);
    if (most > 0) st.exchange(soci::use(most, "most"));
    st.exchange(soci::into(n));
    st.define_and_bind();
    st.execute(true);
    return n;
  });
}

}  // namespace attune::sql
