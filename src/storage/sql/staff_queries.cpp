// StaffStore on SQLite.
#include "storage/sql/row.h"
#include "storage/sql/sql_store.h"

namespace attune::sql {
namespace {

#define ATTUNE_STAFF_COLUMNS \
  "SELECT id, school_id, email, name, role, job_title, active, password_hash FROM staff "

template <typename Row>
Staff ReadStaff(const Row& r) {
  Staff s;
  s.id = Int(r, 0);
  s.school_id = Int(r, 1);
  s.email = Text(r, 2);
  s.name = Text(r, 3);
  s.role = ParseRole(Text(r, 4)).value_or(Role::kTeacher);
  s.job_title = Text(r, 5);
  s.active = Int(r, 6) != 0;
  s.password_hash = Text(r, 7);
  return s;
}

}  // namespace

Result<long long> SqlStore::CreateStaff(const Staff& s) {
  Result<long long> id = Guard("create staff", [&]() -> Result<long long> {
    auto sql = pool_.Acquire();
    long long now = ToUnix(Now());
    std::string role = RoleName(s.role);
    int active = s.active ? 1 : 0;
    *sql << "INSERT INTO staff (school_id, email, name, role, job_title, active, password_hash, "
            "password_changed_at, created_at) VALUES (:s, :e, :n, :r, :j, :a, :p, :now, :now2)",
        soci::use(s.school_id), soci::use(s.email), soci::use(s.name), soci::use(role),
        soci::use(s.job_title), soci::use(active), soci::use(s.password_hash), soci::use(now),
        soci::use(now);
    return sql.Raw().LastId();
  });
  if (!id.ok() && id.status().code() == StatusCode::kConflict) {
    return Status::Conflict("A member of staff already signs in with " + s.email, "email");
  }
  return id;
}

Result<Staff> SqlStore::FindStaffByEmail(const std::string& email) {
  return ReadGuard("find staff", [&]() -> Result<Staff> {
    auto sql = pool_.Acquire();
    Rows r = sql.Query(ATTUNE_STAFF_COLUMNS "WHERE email = ?1");
    r.Bind(1, std::string_view(email));
    if (r.Next()) return ReadStaff(r);
    return Status::NotFound("No member of staff with that email");
  });
}

Result<Staff> SqlStore::GetStaff(long long school_id, long long id) {
  return ReadGuard("get staff", [&]() -> Result<Staff> {
    auto sql = pool_.Acquire();
    Rows r = sql.Query(ATTUNE_STAFF_COLUMNS "WHERE school_id = ?1 AND id = ?2");
    r.Bind(1, school_id).Bind(2, id);
    if (r.Next()) return ReadStaff(r);
    return Status::NotFound("No such member of staff");
  });
}

Result<std::vector<Staff>> SqlStore::ListStaff(long long school_id) {
  return ReadGuard("list staff", [&]() -> Result<std::vector<Staff>> {
    auto sql = pool_.Acquire();
    std::vector<Staff> out;
    Rows r = sql.Query(ATTUNE_STAFF_COLUMNS "WHERE school_id = ?1 ORDER BY active DESC, name");
    r.Bind(1, school_id);
    while (r.Next()) out.push_back(ReadStaff(r));
    return out;
  });
}

Status SqlStore::UpdateStaffRole(long long school_id, long long id, Role role) {
  return Guard("update staff role", [&]() -> Status {
    auto sql = pool_.Acquire();
    std::string name = RoleName(role);
    soci::statement st = (sql->prepare << "UPDATE staff SET role = :r WHERE school_id = :s "
                                          "AND id = :id",
                          soci::use(name), soci::use(school_id), soci::use(id));
    st.execute(true);
    return st.get_affected_rows() == 1 ? Status::Ok() : Status::NotFound("No such member of staff");
  });
}

Status SqlStore::SetStaffActive(long long school_id, long long id, bool active) {
  return Guard("set staff active", [&]() -> Status {
    auto sql = pool_.Acquire();
    int a = active ? 1 : 0;
    soci::statement st = (sql->prepare << "UPDATE staff SET active = :a WHERE school_id = :s "
                                          "AND id = :id",
                          soci::use(a), soci::use(school_id), soci::use(id));
    st.execute(true);
    return st.get_affected_rows() == 1 ? Status::Ok() : Status::NotFound("No such member of staff");
  });
}

Status SqlStore::SetStaffPassword(long long school_id, long long id, const std::string& hash) {
  return Guard("set staff password", [&]() -> Status {
    auto sql = pool_.Acquire();
    long long now = ToUnix(Now());
    soci::statement st =
        (sql->prepare << "UPDATE staff SET password_hash = :h, password_changed_at = :now "
                         "WHERE school_id = :s AND id = :id",
         soci::use(hash), soci::use(now), soci::use(school_id), soci::use(id));
    st.execute(true);
    return st.get_affected_rows() == 1 ? Status::Ok() : Status::NotFound("No such member of staff");
  });
}

Result<int> SqlStore::CountActiveWithRole(long long school_id, Role role) {
  return ReadGuard("count staff", [&]() -> Result<int> {
    auto sql = pool_.Acquire();
    std::string name = RoleName(role);
    long long n = 0;
    *sql << "SELECT COUNT(*) FROM staff WHERE school_id = :s AND role = :r AND active = 1",
        soci::use(school_id), soci::use(name), soci::into(n);
    return static_cast<int>(n);
  });
}

}  // namespace attune::sql
