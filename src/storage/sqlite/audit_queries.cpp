// AuditStore on SQLite.
#include "storage/sqlite/row.h"
#include "storage/sqlite/sqlite_store.h"

namespace attune::sqlite {

Status SqliteStore::AppendAudit(const AuditEntry& e) {
  return Guard("append audit", [&]() -> Status {
    auto sql = pool_.Acquire();
    long long at = ToUnix(e.at);
    soci::indicator school = NullIfZero(e.school_id), staff = NullIfZero(e.staff_id);
    *sql << "INSERT INTO audit_log (school_id, staff_id, at, action, subject_type, subject_id, "
            "detail, ip) VALUES (:sc, :st, :at, :a, :t, :i, :d, :ip)",
        soci::use(e.school_id, school), soci::use(e.staff_id, staff), soci::use(at),
        soci::use(e.action), soci::use(e.subject_type), soci::use(e.subject_id),
        soci::use(e.detail), soci::use(e.ip);
    return Status::Ok();
  });
}

Result<std::vector<AuditEntry>> SqliteStore::ListAudit(const AuditQuery& q) {
  return Guard("list audit", [&]() -> Result<std::vector<AuditEntry>> {
    auto sql = pool_.Acquire();
    std::vector<AuditEntry> out;
    soci::rowset<soci::row> rows =
        (sql->prepare
             << "SELECT a.id, COALESCE(a.school_id, 0), COALESCE(a.staff_id, 0), a.at, a.action, "
                "a.subject_type, a.subject_id, a.detail, a.ip, COALESCE(s.name, '') "
                "FROM audit_log a LEFT JOIN staff s ON s.id = a.staff_id "
                "WHERE a.school_id = :s AND (:a = '' OR a.action = :a2) "
                "AND (:t = '' OR a.subject_type = :t2) AND (:i = 0 OR a.subject_id = :i2) "
                "ORDER BY a.at DESC, a.id DESC LIMIT :lim",
         soci::use(q.school_id), soci::use(q.action), soci::use(q.action),
         soci::use(q.subject_type), soci::use(q.subject_type), soci::use(q.subject_id),
         soci::use(q.subject_id), soci::use(q.limit));
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
      out.push_back(e);
    }
    return out;
  });
}

}  // namespace attune::sqlite
