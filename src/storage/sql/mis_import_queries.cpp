// RosterStore on SQLite and PostgreSQL, the imports half: each import of a school as the
// import page lists it, with the uploaded export kept until it is applied
// (decision 0032). Portable SQL (PostgreSQL 15 runs it unchanged).
#include "storage/sql/row.h"
#include "storage/sql/sql_store.h"

namespace attune::sql {
namespace {

// `zip` is the upload's column, or '' where a list leaves it out.
#define ATTUNE_MIS_IMPORT_COLUMNS(zip)                                                     \
  "SELECT m.id, m.school_id, COALESCE(m.staff_id, 0), COALESCE(s.name, ''), m.file_name, " \
  "m.uploaded_at, " zip                                                                    \
  ", m.report, m.applied_at, COALESCE(m.applied_by_staff_id, 0), "                         \
  "COALESCE(a.name, '') FROM mis_imports m LEFT JOIN staff s ON s.id = m.staff_id "        \
  "LEFT JOIN staff a ON a.id = m.applied_by_staff_id "

MisImportRecord ReadImport(const soci::row& r) {
  MisImportRecord m;
  m.id = Int(r, 0);
  m.school_id = Int(r, 1);
  m.staff_id = Int(r, 2);
  m.staff_name = Text(r, 3);
  m.file_name = Text(r, 4);
  m.uploaded_at = FromUnix(Int(r, 5));
  m.export_zip = Text(r, 6);
  m.report = Text(r, 7);
  m.applied_at = OptTime(r, 8);
  m.applied_by_staff_id = Int(r, 9);
  m.applied_by_name = Text(r, 10);
  return m;
}

}  // namespace

Result<long long> SqlStore::CreateMisImport(const MisImportRecord& m) {
  return Guard("create mis import", [&]() -> Result<long long> {
    auto sql = pool_.Acquire();
    long long uploaded = ToUnix(m.uploaded_at);
    long long applied = m.applied_at ? ToUnix(*m.applied_at) : 0;
    soci::indicator by = NullIfZero(m.staff_id), applied_ind = NullIfZero(applied),
                    applied_by = NullIfZero(m.applied_by_staff_id);
    long long id = 0;
    *sql << "INSERT INTO mis_imports (school_id, staff_id, file_name, uploaded_at, export_zip, "
            "report, applied_at, applied_by_staff_id) VALUES (:s, :by, :f, :at, :zip, :r, :ap, "
            ":apby) RETURNING id",
        soci::use(m.school_id), soci::use(m.staff_id, by), soci::use(m.file_name),
        soci::use(uploaded), soci::use(m.export_zip), soci::use(m.report),
        soci::use(applied, applied_ind), soci::use(m.applied_by_staff_id, applied_by),
        soci::into(id);
    return id;
  });
}

Result<MisImportRecord> SqlStore::GetMisImport(long long school_id, long long id) {
  return ReadGuard("get mis import", [&]() -> Result<MisImportRecord> {
    auto sql = pool_.Acquire();
    soci::rowset<soci::row> rows =
        (sql->prepare << ATTUNE_MIS_IMPORT_COLUMNS("m.export_zip") "WHERE m.school_id = :s AND "
                                                                   "m.id = :id",
         soci::use(school_id), soci::use(id));
    for (const auto& r : rows) return ReadImport(r);
    return Status::NotFound("No such import");
  });
}

Result<std::vector<MisImportRecord>> SqlStore::ListMisImports(long long school_id, int limit) {
  return ReadGuard("list mis imports", [&]() -> Result<std::vector<MisImportRecord>> {
    auto sql = pool_.Acquire();
    std::vector<MisImportRecord> out;
    soci::rowset<soci::row> rows =
        (sql->prepare << ATTUNE_MIS_IMPORT_COLUMNS("''") "WHERE m.school_id = :s "
                                                         "ORDER BY m.uploaded_at DESC, m.id DESC "
                                                         "LIMIT :l",
         soci::use(school_id), soci::use(limit));
    for (const auto& r : rows) out.push_back(ReadImport(r));
    return out;
  });
}

Status SqlStore::FinishMisImport(long long school_id, long long id, const std::string& report,
                                 long long staff_id, Timestamp at) {
  return Guard("finish mis import", [&]() -> Status {
    auto sql = pool_.Acquire();
    long long when = ToUnix(at);
    soci::indicator by = NullIfZero(staff_id);
    soci::statement st =
        (sql->prepare << "UPDATE mis_imports SET report = :r, export_zip = '', applied_at = :at, "
                         "applied_by_staff_id = :by WHERE school_id = :s AND id = :id AND "
                         "applied_at IS NULL",
         soci::use(report), soci::use(when), soci::use(staff_id, by), soci::use(school_id),
         soci::use(id));
    st.execute(true);
    if (st.get_affected_rows() == 1) return Status::Ok();
    return Status::Conflict("This import has been applied already");
  });
}

Status SqlStore::ForgetMisExports(Timestamp before) {
  return Guard("forget mis exports", [&]() -> Status {
    auto sql = pool_.Acquire();
    long long when = ToUnix(before);
    *sql << "UPDATE mis_imports SET export_zip = '' WHERE applied_at IS NULL AND "
            "uploaded_at < :b AND export_zip <> ''",
        soci::use(when);
    return Status::Ok();
  });
}

}  // namespace attune::sql
