// TrainingStore and AmendsStore on SQLite: training staff hold, and the
// amends pupils propose in their own words.
#include "storage/sql/row.h"
#include "storage/sql/sql_store.h"

namespace attune::sql {

Result<long long> SqlStore::AddStaffTraining(const StaffTraining& t) {
  return Guard("add staff training", [&]() -> Result<long long> {
    auto sql = pool_.Acquire();
    std::string taken = FormatDate(t.taken_on);
    std::string expires = t.expires_on ? FormatDate(*t.expires_on) : "";
    soci::indicator expires_ind = t.expires_on ? soci::i_ok : soci::i_null;
    long long by = t.recorded_by_staff_id, at = ToUnix(t.recorded_at);
    soci::indicator by_ind = NullIfZero(by);
    *sql << "INSERT INTO staff_training (school_id, staff_id, training, taken_on, expires_on, "
            "recorded_by_staff_id, recorded_at) VALUES (:s, :st, :t, :tk, :e, :b, :a)",
        soci::use(t.school_id), soci::use(t.staff_id), soci::use(t.training), soci::use(taken),
        soci::use(expires, expires_ind), soci::use(by, by_ind), soci::use(at);
    return sql.Raw().LastId();
  });
}

Result<std::vector<StaffTraining>> SqlStore::ListStaffTraining(long long school_id,
                                                               long long staff_id) {
  return ReadGuard("list staff training", [&]() -> Result<std::vector<StaffTraining>> {
    auto sql = pool_.Acquire();
    std::vector<StaffTraining> out;
    int every = staff_id == 0 ? 1 : 0;
    soci::rowset<soci::row> rows =
        (sql->prepare << "SELECT t.id, t.school_id, t.staff_id, t.training, t.taken_on, "
                         "t.expires_on, COALESCE(t.recorded_by_staff_id, 0), t.recorded_at, "
                         "s.name FROM staff_training t JOIN staff s ON s.id = t.staff_id WHERE "
                         "t.school_id = :s AND (:every = 1 OR t.staff_id = :st) ORDER BY s.name, "
                         "t.taken_on DESC, t.id DESC LIMIT 5000",
         soci::use(school_id), soci::use(every), soci::use(staff_id));
    for (const auto& r : rows) {
      StaffTraining t;
      t.id = Int(r, 0);
      t.school_id = Int(r, 1);
      t.staff_id = Int(r, 2);
      t.training = Text(r, 3);
      t.taken_on = OptDate(r, 4).value_or(Date{});
      t.expires_on = OptDate(r, 5);
      t.recorded_by_staff_id = Int(r, 6);
      t.recorded_at = FromUnix(Int(r, 7));
      t.staff_name = Text(r, 8);
      out.push_back(std::move(t));
    }
    return out;
  });
}

Result<long long> SqlStore::CreateAmends(const Amends& a) {
  return Guard("create amends", [&]() -> Result<long long> {
    auto sql = pool_.Acquire();
    long long by = a.recorded_by_staff_id, at = ToUnix(a.recorded_at);
    soci::indicator by_ind = NullIfZero(by);
    *sql << "INSERT INTO amends (school_id, incident_id, pupil_id, words, agreed_with, "
            "recorded_by_staff_id, recorded_at) VALUES (:s, :i, :p, :w, :g, :b, :a)",
        soci::use(a.school_id), soci::use(a.incident_id), soci::use(a.pupil_id), soci::use(a.words),
        soci::use(a.agreed_with), soci::use(by, by_ind), soci::use(at);
    return sql.Raw().LastId();
  });
}

Result<std::vector<Amends>> SqlStore::ListAmends(long long school_id, long long incident_id) {
  return ReadGuard("list amends", [&]() -> Result<std::vector<Amends>> {
    auto sql = pool_.Acquire();
    std::vector<Amends> out;
    soci::rowset<soci::row> rows =
        (sql->prepare << "SELECT a.id, a.school_id, a.incident_id, a.pupil_id, a.words, "
                         "a.agreed_with, COALESCE(a.recorded_by_staff_id, 0), a.recorded_at, "
                         "CASE WHEN p.preferred_name <> '' THEN p.preferred_name ELSE "
                         "p.first_name END || ' ' || p.last_name, COALESCE(s.name, '') FROM "
                         "amends a JOIN pupils p ON p.id = a.pupil_id LEFT JOIN staff s ON s.id = "
                         "a.recorded_by_staff_id WHERE a.school_id = :s AND a.incident_id = :i "
                         "ORDER BY a.recorded_at, a.id",
         soci::use(school_id), soci::use(incident_id));
    for (const auto& r : rows) {
      Amends a;
      a.id = Int(r, 0);
      a.school_id = Int(r, 1);
      a.incident_id = Int(r, 2);
      a.pupil_id = Int(r, 3);
      a.words = Text(r, 4);
      a.agreed_with = Text(r, 5);
      a.recorded_by_staff_id = Int(r, 6);
      a.recorded_at = FromUnix(Int(r, 7));
      a.pupil_name = Text(r, 8);
      a.recorded_by_name = Text(r, 9);
      out.push_back(std::move(a));
    }
    return out;
  });
}

}  // namespace attune::sql
