// OidcStore on SQLite and PostgreSQL (storage/oidc_store.h): sign-ins begun
// at an OpenID Connect provider.
#include "storage/sql/row.h"
#include "storage/sql/sql_store.h"

namespace attune::sql {

Status SqlStore::BeginOidcAttempt(const std::string& state_hash, const OidcAttempt& a,
                                  Timestamp since, int max_for_ip, Timestamp forget_before) {
  return Guard("begin oidc sign-in", [&]() -> Status {
    return RunInTransaction([&]() -> Status {
      auto sql = pool_.Acquire();
      sql.Query("DELETE FROM oidc_sign_in_attempts WHERE expires_at < ?1")
          .Bind(1, ToUnix(forget_before))
          .Next();
      auto counted = sql.Query(
          "SELECT COUNT(*) FROM oidc_sign_in_attempts WHERE ip = ?1 AND created_at >= ?2");
      counted.Bind(1, a.ip).Bind(2, ToUnix(since));
      if (counted.Next() && counted.Int(0) >= max_for_ip) {
        return Status::TooManyRequests("Too many sign-ins begun from this address");
      }
      sql.Query(
             "INSERT INTO oidc_sign_in_attempts (state_hash, provider, nonce, code_verifier, "
             "next_path, ip, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
          .Bind(1, state_hash)
          .Bind(2, a.provider)
          .Bind(3, a.nonce)
          .Bind(4, a.code_verifier)
          .Bind(5, a.next)
          .Bind(6, a.ip)
          .Bind(7, ToUnix(a.created_at))
          .Bind(8, ToUnix(a.expires_at))
          .Next();
      return Status::Ok();
    });
  });
}

Result<OidcAttempt> SqlStore::UseOidcAttempt(const std::string& state_hash, Timestamp now) {
  return Guard("use oidc sign-in", [&]() -> Result<OidcAttempt> {
    auto sql = pool_.Acquire();
    {
      // One statement finds and marks it, so a second return finds it used.
      auto used = sql.Query(
          "UPDATE oidc_sign_in_attempts SET used_at = ?2 WHERE state_hash = ?1 AND used_at IS "
          "NULL RETURNING provider, nonce, code_verifier, next_path, ip, created_at, expires_at");
      used.Bind(1, state_hash).Bind(2, ToUnix(now));
      if (used.Next()) {
        OidcAttempt a;
        a.provider = used.Text(0);
        a.nonce = used.Text(1);
        a.code_verifier = used.Text(2);
        a.next = used.Text(3);
        a.ip = used.Text(4);
        a.created_at = FromUnix(used.Int(5));
        a.expires_at = FromUnix(used.Int(6));
        return a;
      }
    }
    auto before = sql.Query("SELECT used_at FROM oidc_sign_in_attempts WHERE state_hash = ?1");
    before.Bind(1, state_hash);
    if (before.Next()) return Status::Conflict("This sign-in has been used already");
    return Status::NotFound("No sign-in began with this state");
  });
}

}  // namespace attune::sql
