// AuditStore on SQLite.
#include "storage/sqlite/row.h"
#include "storage/sqlite/sqlite_store.h"

namespace attune::sqlite {

Status SqliteStore::AppendAudit(const AuditEntry& e) {
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
    long long id = LastId(*sql);
    for (long long subject : e.subjects) {
      auto row =
          sql.Query("INSERT OR IGNORE INTO audit_subjects (audit_id, subject_id) VALUES (?1, ?2)");
      row.Bind(1, id).Bind(2, subject).Next();
    }
    return Status::Ok();
  };
  return Guard("append audit",
               [&]() -> Status { return e.subjects.empty() ? write() : RunInTransaction(write); });
}

Status SqliteStore::AppendAuditSoon(const AuditEntry& e) {
  return committer_.Post(
      [e](WriteSession& w) {
        w.Prepared(
             "INSERT INTO audit_log (school_id, staff_id, at, action, subject_type, subject_id, "
             "detail, ip) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
            .BindIdOrNull(1, e.school_id)
            .BindIdOrNull(2, e.staff_id)
            .Bind(3, ToUnix(e.at))
            .Bind(4, e.action)
            .Bind(5, e.subject_type)
            .Bind(6, e.subject_id)
            .Bind(7, e.detail)
            .Bind(8, e.ip)
            .Run();
        if (e.subjects.empty()) return;
        long long id = w.LastId();
        Statement& subject = w.Prepared(
            "INSERT OR IGNORE INTO audit_subjects (audit_id, subject_id) VALUES (?1, ?2)");
        for (long long s : e.subjects) subject.Bind(1, id).Bind(2, s).Run();
      },
      "an audit entry of a read");
}

Result<std::vector<AuditEntry>> SqliteStore::ListAudit(const AuditQuery& q) {
  // Entries queued by AppendAuditSoon are written first: the log never
  // misses a read it has accepted (an empty write waits for their batch).
  ATTUNE_RETURN_IF_ERROR(committer_.Submit([](WriteSession&) {}));
  return Guard("list audit", [&]() -> Result<std::vector<AuditEntry>> {
    auto sql = pool_.Acquire();
    std::vector<AuditEntry> out;
    soci::rowset<soci::row> rows =
        (sql->prepare
             << "SELECT a.id, COALESCE(a.school_id, 0), COALESCE(a.staff_id, 0), a.at, a.action, "
                "a.subject_type, a.subject_id, a.detail, a.ip, COALESCE(s.name, ''), "
                "(SELECT group_concat(subject_id) FROM audit_subjects WHERE audit_id = a.id) "
                "FROM audit_log a LEFT JOIN staff s ON s.id = a.staff_id "
                "WHERE a.school_id = :s AND (:a = '' OR a.action = :a2) "
                "AND (:t = '' OR a.subject_type = :t2) AND (:i = 0 OR a.subject_id = :i2 OR a.id "
                "IN (SELECT audit_id FROM audit_subjects WHERE subject_id = :i3)) "
                "ORDER BY a.at DESC, a.id DESC LIMIT :lim",
         soci::use(q.school_id), soci::use(q.action), soci::use(q.action),
         soci::use(q.subject_type), soci::use(q.subject_type), soci::use(q.subject_id),
         soci::use(q.subject_id), soci::use(q.subject_id), soci::use(q.limit));
    for (const auto& r : rows) {
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
      out.push_back(e);
    }
    return out;
  });
}

}  // namespace attune::sqlite
