// PolicyStore on SQLite.
#include "storage/sql/row.h"
#include "storage/sql/sql_store.h"

namespace attune::sql {
namespace {

#define ATTUNE_VERSION_COLUMNS                                                         \
  "SELECT v.id, v.school_id, v.version, v.school_name, v.note, COALESCE(s.name, ''), " \
  "v.uploaded_at, COALESCE(v.active_from, ''), "
constexpr const char* kColumns = ATTUNE_VERSION_COLUMNS;

template <typename Row>
PolicyVersion ReadVersion(const Row& r, bool with_text) {
  PolicyVersion v;
  v.id = Int(r, 0);
  v.school_id = Int(r, 1);
  v.version = static_cast<int>(Int(r, 2));
  v.school_name = Text(r, 3);
  v.note = Text(r, 4);
  v.uploaded_by = Text(r, 5);
  v.uploaded_at = FromUnix(Int(r, 6));
  if (auto d = ParseDate(Text(r, 7)); d.ok()) v.active_from = *d;
  if (with_text) v.source_text = Text(r, 8);
  return v;
}

}  // namespace

Result<PolicyVersion> SqlStore::CreatePolicyVersion(const PolicyVersion& draft,
                                                    long long staff_id) {
  PolicyVersion saved = draft;
  Status st = RunInTransaction([&]() -> Status {
    return Guard("create policy version", [&]() -> Status {
      auto sql = pool_.Acquire();
      long long next = 0;
      soci::indicator ind;
      *sql << "SELECT MAX(version) FROM policy_versions WHERE school_id = :s",
          soci::use(draft.school_id), soci::into(next, ind);
      saved.version = static_cast<int>(ind == soci::i_null ? 1 : next + 1);
      long long now = ToUnix(Now());
      saved.uploaded_at = FromUnix(now);
      soci::indicator by = NullIfZero(staff_id);
      *sql << "INSERT INTO policy_versions (school_id, version, source_text, school_name, note, "
              "uploaded_by_staff_id, uploaded_at) VALUES (:s, :v, :t, :n, :note, :by, :at)",
          soci::use(draft.school_id), soci::use(saved.version), soci::use(draft.source_text),
          soci::use(draft.school_name), soci::use(draft.note), soci::use(staff_id, by),
          soci::use(now);
      saved.id = sql.Raw().LastId();
      return Status::Ok();
    });
  });
  if (!st.ok()) return st;
  return saved;
}

Result<std::vector<PolicyVersion>> SqlStore::ListPolicyVersions(long long school_id) {
  return ReadGuard("list policy versions", [&]() -> Result<std::vector<PolicyVersion>> {
    auto sql = pool_.Acquire();
    std::vector<PolicyVersion> out;
    // Read by every page that names the policy's categories: a kept statement.
    Rows r = sql.Query(ATTUNE_VERSION_COLUMNS
                       "'' FROM policy_versions v LEFT JOIN staff s ON s.id = "
                       "v.uploaded_by_staff_id WHERE v.school_id = ?1 ORDER BY v.version DESC");
    r.Bind(1, school_id);
    while (r.Next()) out.push_back(ReadVersion(r, false));
    return out;
  });
}

Result<PolicyVersion> SqlStore::GetPolicyVersion(long long school_id, long long id) {
  return ReadGuard("get policy version", [&]() -> Result<PolicyVersion> {
    auto sql = pool_.Acquire();
    soci::rowset<soci::row> rows =
        (sql->prepare << std::string(kColumns) +
                             "v.source_text FROM policy_versions v LEFT JOIN staff s ON "
                             "s.id = v.uploaded_by_staff_id WHERE v.school_id = :s AND v.id = :id",
         soci::use(school_id), soci::use(id));
    for (const auto& r : rows) return ReadVersion(r, true);
    return Status::NotFound("No such policy version");
  });
}

Status SqlStore::ActivatePolicyVersion(long long school_id, long long id, Date from,
                                       long long staff_id) {
  return Guard("activate policy version", [&]() -> Status {
    auto sql = pool_.Acquire();
    std::string day = FormatDate(from);
    soci::indicator by = NullIfZero(staff_id);
    soci::statement st =
        (sql->prepare << "UPDATE policy_versions SET active_from = :d, activated_by_staff_id = :by "
                         "WHERE school_id = :s AND id = :id",
         soci::use(day), soci::use(staff_id, by), soci::use(school_id), soci::use(id));
    st.execute(true);
    return st.get_affected_rows() == 1 ? Status::Ok() : Status::NotFound("No such policy version");
  });
}

Result<PolicyVersion> SqlStore::PolicyInForce(long long school_id, Date day) {
  return ReadGuard("policy in force", [&]() -> Result<PolicyVersion> {
    auto sql = pool_.Acquire();
    // Asked on every record: a kept statement, and no policy text.
    auto rows = sql.Query(
        "SELECT v.id, v.school_id, v.version, v.school_name, v.note, COALESCE(s.name, ''), "
        "v.uploaded_at, COALESCE(v.active_from, '') FROM policy_versions v LEFT JOIN staff s "
        "ON s.id = v.uploaded_by_staff_id WHERE v.school_id = ?1 AND v.active_from IS NOT NULL "
        "AND v.active_from <= ?2 ORDER BY v.active_from DESC, v.version DESC LIMIT 1");
    rows.Bind(1, school_id).Bind(2, FormatDate(day));
    if (rows.Next()) return ReadVersion(rows, false);
    return Status::NotFound("No policy is in force yet");
  });
}

}  // namespace attune::sql
