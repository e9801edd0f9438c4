// SecondFactorStore on SQLite and PostgreSQL (storage/second_factor_store.h): sealed
// authenticator keys, the latest accepted step, recovery code hashes, and
// a session giving its second factor, of staff and of organisations'
// people alike: each statement is written once, its tables and columns
// named by the holder's kind (Sql). Its throttle is beside sign-in's, in
// session_queries.cpp, as it counts in the same table.
#include <map>
#include <mutex>

#include "storage/sql/row.h"
#include "storage/sql/sql_store.h"

namespace attune::sql {
namespace {

// `text` for the holder's kind: {factors}, {codes} and {sessions} name its
// tables, {scope} and {account} its key's columns (migrations 0030, 0036).
// The text made is kept for the life of the process, so that the kept
// statements (keyed by the text's address) find it again.
const char* Sql(const SecondFactorHolder& h, const char* text) {
  static std::mutex mu;
  static std::map<std::pair<const char*, bool>, std::string> made;
  std::lock_guard<std::mutex> lock(mu);
  auto [it, fresh] = made.try_emplace({text, h.organisation}, text);
  if (fresh) {
    const bool org = h.organisation;
    const std::pair<const char*, const char*> names[] = {
        {"{factors}", org ? "organisation_second_factors" : "second_factors"},
        {"{codes}", org ? "organisation_recovery_codes" : "recovery_codes"},
        {"{sessions}", org ? "organisation_sessions" : "sessions"},
        {"{scope}", org ? "organisation_id" : "school_id"},
        {"{account}", org ? "member_id" : "staff_id"}};
    std::string& out = it->second;
    for (const auto& [from, to] : names) {
      for (size_t at = out.find(from); at != std::string::npos; at = out.find(from, at)) {
        out.replace(at, std::string_view(from).size(), to);
      }
    }
  }
  return it->second.c_str();
}

// Inserts `hashes` as the holder's recovery codes.
void InsertRecoveryCodes(ConnectionPool::Lease& sql, const SecondFactorHolder& h,
                         const std::vector<std::string>& hashes, long long at) {
  for (const auto& hash : hashes) {
    *sql << Sql(h,
                "INSERT INTO {codes} ({scope}, {account}, code_hash, created_at) VALUES "
                "(:s, :st, :h, :a)"),
        soci::use(h.scope_id), soci::use(h.account_id), soci::use(hash), soci::use(at);
  }
}

}  // namespace

Result<SecondFactorRecord> SqlStore::GetSecondFactor(const SecondFactorHolder& h) {
  return ReadGuard("get second factor", [&]() -> Result<SecondFactorRecord> {
    auto sql = pool_.Acquire();
    // Read at every sign-in of every member of staff: a kept statement.
    auto r = sql.Query(
        Sql(h,
            "SELECT COALESCE(secret_box, ''), COALESCE(pending_box, ''), confirmed_at, last_step "
            "FROM {factors} WHERE {scope} = ?1 AND {account} = ?2"));
    r.Bind(1, h.scope_id).Bind(2, h.account_id);
    if (!r.Next()) return Status::NotFound("No second factor");
    SecondFactorRecord f;
    f.holder = h;
    f.secret_box = r.Text(0);
    f.pending_box = r.Text(1);
    if (!r.IsNull(2)) f.confirmed_at = FromUnix(r.Int(2));
    f.last_step = r.Int(3);
    return f;
  });
}

Result<std::vector<long long>> SqlStore::StaffWithSecondFactor(long long school_id) {
  return ReadGuard("staff with second factor", [&]() -> Result<std::vector<long long>> {
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

Result<std::string> SqlStore::KeepPendingSecondFactor(const SecondFactorHolder& h,
                                                      const std::string& pending_box,
                                                      Timestamp now) {
  return Guard("keep pending second factor", [&]() -> Result<std::string> {
    auto sql = pool_.Acquire();
    long long at = ToUnix(now);
    *sql << Sql(h,
                "INSERT INTO {factors} ({scope}, {account}, pending_box, created_at) VALUES "
                "(:s, :st, :p, :a) ON CONFLICT ({scope}, {account}) DO UPDATE SET pending_box = "
                "COALESCE({factors}.pending_box, excluded.pending_box)"),
        soci::use(h.scope_id), soci::use(h.account_id), soci::use(pending_box), soci::use(at);
    std::string kept;
    soci::indicator ind = soci::i_ok;
    *sql << Sql(h, "SELECT pending_box FROM {factors} WHERE {scope} = :s AND {account} = :st"),
        soci::use(h.scope_id), soci::use(h.account_id), soci::into(kept, ind);
    if (ind != soci::i_ok || kept.empty()) return Status::NotFound("No key being set up");
    return kept;
  });
}

Status SqlStore::ConfirmSecondFactor(const SecondFactorHolder& h, const std::string& pending_box,
                                     long long step,
                                     const std::vector<std::string>& recovery_hashes,
                                     Timestamp now) {
  return Guard("confirm second factor", [&]() -> Status {
    return RunInTransaction([&]() -> Status {
      auto sql = pool_.Acquire();
      long long at = ToUnix(now);
      {
        auto r = sql.Query(
            Sql(h,
                "UPDATE {factors} SET secret_box = pending_box, pending_box = NULL, "
                "confirmed_at = ?1, last_step = ?2 WHERE {scope} = ?3 AND {account} = ?4 AND "
                "pending_box = ?5 RETURNING {account}"));
        r.Bind(1, at).Bind(2, step).Bind(3, h.scope_id).Bind(4, h.account_id).Bind(5, pending_box);
        if (!r.Next()) return Status::NotFound("That key is no longer being set up");
      }
      *sql << Sql(h, "DELETE FROM {codes} WHERE {scope} = :s AND {account} = :st"),
          soci::use(h.scope_id), soci::use(h.account_id);
      InsertRecoveryCodes(sql, h, recovery_hashes, at);
      return Status::Ok();
    });
  });
}

Result<bool> SqlStore::UseSecondFactorStep(const SecondFactorHolder& h, long long step) {
  return Guard("use second factor step", [&]() -> Result<bool> {
    auto sql = pool_.Acquire();
    auto r = sql.Query(
        Sql(h,
            "UPDATE {factors} SET last_step = ?1 WHERE {scope} = ?2 AND {account} = ?3 AND "
            "secret_box IS NOT NULL AND last_step < ?1 RETURNING {account}"));
    r.Bind(1, step).Bind(2, h.scope_id).Bind(3, h.account_id);
    return r.Next();
  });
}

Result<bool> SqlStore::UseRecoveryCode(const SecondFactorHolder& h, const std::string& code_hash,
                                       Timestamp now) {
  return Guard("use recovery code", [&]() -> Result<bool> {
    auto sql = pool_.Acquire();
    auto r =
        sql.Query(Sql(h,
                      "UPDATE {codes} SET used_at = ?1 WHERE {scope} = ?2 AND {account} = ?3 AND "
                      "code_hash = ?4 AND used_at IS NULL RETURNING id"));
    r.Bind(1, ToUnix(now)).Bind(2, h.scope_id).Bind(3, h.account_id).Bind(4, code_hash);
    return r.Next();
  });
}

Result<int> SqlStore::RecoveryCodesLeft(const SecondFactorHolder& h) {
  return ReadGuard("recovery codes left", [&]() -> Result<int> {
    auto sql = pool_.Acquire();
    long long left = 0;
    *sql << Sql(h,
                "SELECT COUNT(*) FROM {codes} WHERE {scope} = :s AND {account} = :st AND "
                "used_at IS NULL"),
        soci::use(h.scope_id), soci::use(h.account_id), soci::into(left);
    return static_cast<int>(left);
  });
}

Status SqlStore::ReplaceRecoveryCodes(const SecondFactorHolder& h,
                                      const std::vector<std::string>& hashes, Timestamp now) {
  return Guard("replace recovery codes", [&]() -> Status {
    return RunInTransaction([&]() -> Status {
      auto sql = pool_.Acquire();
      *sql << Sql(h, "DELETE FROM {codes} WHERE {scope} = :s AND {account} = :st"),
          soci::use(h.scope_id), soci::use(h.account_id);
      InsertRecoveryCodes(sql, h, hashes, ToUnix(now));
      return Status::Ok();
    });
  });
}

Status SqlStore::ResetSecondFactor(const SecondFactorHolder& h) {
  return Guard("reset second factor", [&]() -> Status {
    return RunInTransaction([&]() -> Status {
      auto sql = pool_.Acquire();
      *sql << Sql(h, "DELETE FROM {codes} WHERE {scope} = :s AND {account} = :st"),
          soci::use(h.scope_id), soci::use(h.account_id);
      *sql << Sql(h, "DELETE FROM {factors} WHERE {scope} = :s AND {account} = :st"),
          soci::use(h.scope_id), soci::use(h.account_id);
      *sql << Sql(h, "DELETE FROM {sessions} WHERE {scope} = :s AND {account} = :st"),
          soci::use(h.scope_id), soci::use(h.account_id);
      return Status::Ok();
    });
  });
}

Status SqlStore::PassSecondFactor(const SecondFactorHolder& h, const std::string& old_id_hash,
                                  const SessionRecord& s) {
  return Guard("pass second factor", [&]() -> Status {
    auto sql = pool_.Acquire();
    long long seen = ToUnix(s.last_seen_at), expires = ToUnix(s.expires_at);
    auto r =
        sql.Query(Sql(h,
                      "UPDATE {sessions} SET id_hash = ?1, csrf_token = ?2, last_seen_at = ?3, "
                      "expires_at = ?4, second_factor_due = 'none' WHERE id_hash = ?5 AND "
                      "second_factor_due <> 'none' RETURNING {account}"));
    r.Bind(1, s.id_hash).Bind(2, s.csrf_token).Bind(3, seen).Bind(4, expires).Bind(5, old_id_hash);
    if (!r.Next()) return Status::NotFound("That sign-in has ended");
    return Status::Ok();
  });
}

}  // namespace attune::sql
