// SecondFactorStore on SQLite and PostgreSQL (storage/second_factor_store.h): sealed
// authenticator keys, the latest accepted step, recovery code hashes, and
// a session giving its second factor. Its throttle is beside sign-in's, in
// session_queries.cpp, as it counts in the same table.
#include "storage/sql/row.h"
#include "storage/sql/sql_store.h"

namespace attune::sql {
namespace {

// Inserts `hashes` as the member's recovery codes.
void InsertRecoveryCodes(ConnectionPool::Lease& sql, long long school_id, long long staff_id,
                         const std::vector<std::string>& hashes, long long at) {
  for (const auto& hash : hashes) {
    *sql << "INSERT INTO recovery_codes (school_id, staff_id, code_hash, created_at) VALUES "
            "(:s, :st, :h, :a)",
        soci::use(school_id), soci::use(staff_id), soci::use(hash), soci::use(at);
  }
}

}  // namespace

Result<SecondFactorRecord> SqlStore::GetSecondFactor(long long school_id, long long staff_id) {
  return Guard("get second factor", [&]() -> Result<SecondFactorRecord> {
    auto sql = pool_.Acquire();
    // Read at every sign-in of every member of staff: a kept statement.
    auto r = sql.Query(
        "SELECT COALESCE(secret_box, ''), COALESCE(pending_box, ''), confirmed_at, last_step "
        "FROM second_factors WHERE school_id = ?1 AND staff_id = ?2");
    r.Bind(1, school_id).Bind(2, staff_id);
    if (!r.Next()) return Status::NotFound("No second factor");
    SecondFactorRecord f;
    f.school_id = school_id;
    f.staff_id = staff_id;
    f.secret_box = r.Text(0);
    f.pending_box = r.Text(1);
    if (!r.IsNull(2)) f.confirmed_at = FromUnix(r.Int(2));
    f.last_step = r.Int(3);
    return f;
  });
}

Result<std::vector<long long>> SqlStore::StaffWithSecondFactor(long long school_id) {
  return Guard("staff with second factor", [&]() -> Result<std::vector<long long>> {
    auto sql = pool_.Acquire();
    soci::rowset<soci::row> rows =
        (sql->prepare << "SELECT staff_id FROM second_factors WHERE school_id = :s AND "
                         "secret_box IS NOT NULL ORDER BY staff_id",
         soci::use(school_id));
    std::vector<long long> out;
    for (const auto& r : rows) out.push_back(Int(r, 0));
    return out;
  });
}

Result<std::string> SqlStore::KeepPendingSecondFactor(long long school_id, long long staff_id,
                                                      const std::string& pending_box,
                                                      Timestamp now) {
  return Guard("keep pending second factor", [&]() -> Result<std::string> {
    auto sql = pool_.Acquire();
    long long at = ToUnix(now);
    *sql << "INSERT INTO second_factors (school_id, staff_id, pending_box, created_at) VALUES "
            "(:s, :st, :p, :a) ON CONFLICT (school_id, staff_id) DO UPDATE SET pending_box = "
            "COALESCE(second_factors.pending_box, excluded.pending_box)",
        soci::use(school_id), soci::use(staff_id), soci::use(pending_box), soci::use(at);
    std::string kept;
    soci::indicator ind = soci::i_ok;
    *sql << "SELECT pending_box FROM second_factors WHERE school_id = :s AND staff_id = :st",
        soci::use(school_id), soci::use(staff_id), soci::into(kept, ind);
    if (ind != soci::i_ok || kept.empty()) return Status::NotFound("No key being set up");
    return kept;
  });
}

Status SqlStore::ConfirmSecondFactor(long long school_id, long long staff_id,
                                     const std::string& pending_box, long long step,
                                     const std::vector<std::string>& recovery_hashes,
                                     Timestamp now) {
  return Guard("confirm second factor", [&]() -> Status {
    return RunInTransaction([&]() -> Status {
      auto sql = pool_.Acquire();
      long long at = ToUnix(now);
      {
        auto r = sql.Query(
            "UPDATE second_factors SET secret_box = pending_box, pending_box = NULL, "
            "confirmed_at = ?1, last_step = ?2 WHERE school_id = ?3 AND staff_id = ?4 AND "
            "pending_box = ?5 RETURNING staff_id");
        r.Bind(1, at).Bind(2, step).Bind(3, school_id).Bind(4, staff_id).Bind(5, pending_box);
        if (!r.Next()) return Status::NotFound("That key is no longer being set up");
      }
      *sql << "DELETE FROM recovery_codes WHERE school_id = :s AND staff_id = :st",
          soci::use(school_id), soci::use(staff_id);
      InsertRecoveryCodes(sql, school_id, staff_id, recovery_hashes, at);
      return Status::Ok();
    });
  });
}

Result<bool> SqlStore::UseSecondFactorStep(long long school_id, long long staff_id,
                                           long long step) {
  return Guard("use second factor step", [&]() -> Result<bool> {
    auto sql = pool_.Acquire();
    auto r = sql.Query(
        "UPDATE second_factors SET last_step = ?1 WHERE school_id = ?2 AND staff_id = ?3 AND "
        "secret_box IS NOT NULL AND last_step < ?1 RETURNING staff_id");
    r.Bind(1, step).Bind(2, school_id).Bind(3, staff_id);
    return r.Next();
  });
}

Result<bool> SqlStore::UseRecoveryCode(long long school_id, long long staff_id,
                                       const std::string& code_hash, Timestamp now) {
  return Guard("use recovery code", [&]() -> Result<bool> {
    auto sql = pool_.Acquire();
    auto r = sql.Query(
        "UPDATE recovery_codes SET used_at = ?1 WHERE school_id = ?2 AND staff_id = ?3 AND "
        "code_hash = ?4 AND used_at IS NULL RETURNING id");
    r.Bind(1, ToUnix(now)).Bind(2, school_id).Bind(3, staff_id).Bind(4, code_hash);
    return r.Next();
  });
}

Result<int> SqlStore::RecoveryCodesLeft(long long school_id, long long staff_id) {
  return Guard("recovery codes left", [&]() -> Result<int> {
    auto sql = pool_.Acquire();
    long long left = 0;
    *sql << "SELECT COUNT(*) FROM recovery_codes WHERE school_id = :s AND staff_id = :st AND "
            "used_at IS NULL",
        soci::use(school_id), soci::use(staff_id), soci::into(left);
    return static_cast<int>(left);
  });
}

Status SqlStore::ReplaceRecoveryCodes(long long school_id, long long staff_id,
                                      const std::vector<std::string>& hashes, Timestamp now) {
  return Guard("replace recovery codes", [&]() -> Status {
    return RunInTransaction([&]() -> Status {
      auto sql = pool_.Acquire();
      *sql << "DELETE FROM recovery_codes WHERE school_id = :s AND staff_id = :st",
          soci::use(school_id), soci::use(staff_id);
      InsertRecoveryCodes(sql, school_id, staff_id, hashes, ToUnix(now));
      return Status::Ok();
    });
  });
}

Status SqlStore::ResetSecondFactor(long long school_id, long long staff_id) {
  return Guard("reset second factor", [&]() -> Status {
    return RunInTransaction([&]() -> Status {
      auto sql = pool_.Acquire();
      *sql << "DELETE FROM recovery_codes WHERE school_id = :s AND staff_id = :st",
          soci::use(school_id), soci::use(staff_id);
      *sql << "DELETE FROM second_factors WHERE school_id = :s AND staff_id = :st",
          soci::use(school_id), soci::use(staff_id);
      *sql << "DELETE FROM sessions WHERE school_id = :s AND staff_id = :st", soci::use(school_id),
          soci::use(staff_id);
      return Status::Ok();
    });
  });
}

Status SqlStore::PassSecondFactor(const std::string& old_id_hash, const SessionRecord& s) {
  return Guard("pass second factor", [&]() -> Status {
    auto sql = pool_.Acquire();
    long long seen = ToUnix(s.last_seen_at), expires = ToUnix(s.expires_at);
    auto r = sql.Query(
        "UPDATE sessions SET id_hash = ?1, csrf_token = ?2, last_seen_at = ?3, expires_at = ?4, "
        "second_factor_due = 'none' WHERE id_hash = ?5 AND second_factor_due <> 'none' "
        "RETURNING staff_id");
    r.Bind(1, s.id_hash).Bind(2, s.csrf_token).Bind(3, seen).Bind(4, expires).Bind(5, old_id_hash);
    if (!r.Next()) return Status::NotFound("That sign-in has ended");
    return Status::Ok();
  });
}

}  // namespace attune::sql
