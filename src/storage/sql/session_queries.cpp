// SessionStore on SQLite: sessions, sign-in attempts, API tokens.
#include "storage/sql/row.h"
#include "storage/sql/sql_store.h"

namespace attune::sql {
namespace {

template <typename Row>
Principal ReadPrincipal(const Row& r) {
  Principal p;
  p.staff_id = Int(r, 0);
  p.school_id = Int(r, 1);
  p.name = Text(r, 2);
  p.email = Text(r, 3);
  p.role = ParseRole(Text(r, 4)).value_or(Role::kTeacher);
  return p;
}

}  // namespace

Status SqlStore::CreateSession(const SessionRecord& s) {
  return Guard("create session", [&]() -> Status {
    auto sql = pool_.Acquire();
    long long created = ToUnix(s.created_at), seen = ToUnix(s.last_seen_at),
              expires = ToUnix(s.expires_at);
    std::string due = SecondFactorDueName(s.second_factor_due);
    *sql << "INSERT INTO sessions (id_hash, school_id, staff_id, csrf_token, created_at, "
            "last_seen_at, expires_at, ip, user_agent, second_factor_due) VALUES (:h, :s, :st, "
            ":c, :a, :b, :e, :ip, :ua, :due)",
        soci::use(s.id_hash), soci::use(s.school_id), soci::use(s.staff_id),
        soci::use(s.csrf_token), soci::use(created), soci::use(seen), soci::use(expires),
        soci::use(s.ip), soci::use(s.user_agent), soci::use(due);
    return Status::Ok();
  });
}

Result<Principal> SqlStore::FindSession(const std::string& id_hash, Timestamp now,
                                        Timestamp* expires_at) {
  return ReadGuard("find session", [&]() -> Result<Principal> {
    auto sql = pool_.Acquire();
    // Read on every signed-in page: a kept statement.
    auto r = sql.Query(
        "SELECT st.id, st.school_id, st.name, st.email, st.role, se.csrf_token, se.expires_at, "
        "se.second_factor_due FROM sessions se JOIN staff st ON st.id = se.staff_id WHERE "
        "se.id_hash = ?1 AND se.expires_at > ?2 AND st.active = 1");
    r.Bind(1, id_hash).Bind(2, ToUnix(now));
    if (r.Next()) {
      Principal p = ReadPrincipal(r);
      p.session_id_hash = id_hash;
      p.csrf_token = Text(r, 5);
      if (expires_at) *expires_at = FromUnix(Int(r, 6));
      p.second_factor_due = ParseSecondFactorDue(r.TextView(7));
      return p;
    }
    return Status::NotFound("No such session");
  });
}

Status SqlStore::TouchSession(const std::string& id_hash, Timestamp now, Timestamp expires) {
  return Guard("touch session", [&]() -> Status {
    auto sql = pool_.Acquire();
    long long n = ToUnix(now), e = ToUnix(expires);
    *sql << "UPDATE sessions SET last_seen_at = :n, expires_at = :e WHERE id_hash = :h",
        soci::use(n), soci::use(e), soci::use(id_hash);
    return Status::Ok();
  });
}

Status SqlStore::DeleteSession(const std::string& id_hash) {
  return Guard("delete session", [&]() -> Status {
    auto sql = pool_.Acquire();
    *sql << "DELETE FROM sessions WHERE id_hash = :h", soci::use(id_hash);
    return Status::Ok();
  });
}

Status SqlStore::EndSignIns(long long staff_id, const std::string& keep, Timestamp now) {
  return Guard("end sign-ins", [&]() -> Status {
    return RunInTransaction([&]() -> Status {
      auto sql = pool_.Acquire();
      long long at = ToUnix(now);
      *sql << "DELETE FROM sessions WHERE staff_id = :s AND id_hash <> :k", soci::use(staff_id),
          soci::use(keep);
      *sql << "UPDATE api_tokens SET revoked_at = :n WHERE staff_id = :s AND revoked_at IS NULL",
          soci::use(at), soci::use(staff_id);
      return Status::Ok();
    });
  });
}

namespace {

// One more failure for `kind` and `key`, unless it already has `max` whose
// latest is at or after `since`: false then, and nothing is counted. The
// upsert reads and writes the row in one statement, under the write lock
// SQLite takes when the statement starts (in PostgreSQL, under the row's
// lock), so concurrent attempts are counted one after another.
bool CountFailure(ConnectionPool::Lease& sql, std::string_view kind, std::string_view key,
                  long long now, long long since, long long max) {
  auto rows = sql.Query(
      "INSERT INTO sign_in_throttle (kind, key, failures, last_failure_at) VALUES (?1, ?2, 1, ?3) "
      "ON CONFLICT (kind, key) DO UPDATE SET failures = CASE WHEN "
      "sign_in_throttle.last_failure_at < ?4 THEN 1 ELSE sign_in_throttle.failures + 1 END, "
      "last_failure_at = ?3 WHERE sign_in_throttle.last_failure_at < ?4 OR "
      "sign_in_throttle.failures < ?5 RETURNING failures");
  rows.Bind(1, kind).Bind(2, key).Bind(3, now).Bind(4, since).Bind(5, max);
  return rows.Next();
}

}  // namespace

Status SqlStore::BeginAttempt(const char* what, std::string_view kind, const std::string& key,
                              int max_for_key, const std::string& ip, int max_for_ip, Timestamp now,
                              Timestamp since) {
  return Guard(what, [&]() -> Status {
    return RunInTransaction([&]() -> Status {
      auto sql = pool_.Acquire();
      long long at = ToUnix(now), from = ToUnix(since);
      // Forgotten failures go, so the table holds only those that count.
      auto old = sql.Query("DELETE FROM sign_in_throttle WHERE last_failure_at < ?1");
      old.Bind(1, from).Next();
      if (!CountFailure(sql, kind, key, at, from, max_for_key) ||
          !CountFailure(sql, "ip", ip, at, from, max_for_ip)) {
        return Status::TooManyRequests("Too many failed attempts");  // rolled back
      }
      return Status::Ok();
    });
  });
}

Status SqlStore::AttemptWorked(const char* what, std::string_view kind, const std::string& key,
                               const std::string& ip) {
  return Guard(what, [&]() -> Status {
    auto sql = pool_.Acquire();
    std::string k(kind);
    *sql << "DELETE FROM sign_in_throttle WHERE kind = :k AND key = :e", soci::use(k),
        soci::use(key);
    *sql << "UPDATE sign_in_throttle SET failures = failures - 1 WHERE kind = 'ip' AND key = :ip "
            "AND failures > 0",
        soci::use(ip);
    return Status::Ok();
  });
}

Status SqlStore::BeginSignInAttempt(const std::string& email, const std::string& ip, Timestamp now,
                                    Timestamp since, int max_for_email, int max_for_ip) {
  return BeginAttempt("begin sign-in attempt", "email", email, max_for_email, ip, max_for_ip, now,
                      since);
}

Status SqlStore::SignInSucceeded(const std::string& email, const std::string& ip) {
  return AttemptWorked("sign-in succeeded", "email", email, ip);
}

Status SqlStore::CreateApiToken(long long school_id, long long staff_id,
                                const std::string& token_hash, const std::string& label,
                                Timestamp now) {
  return Guard("create api token", [&]() -> Status {
    auto sql = pool_.Acquire();
    long long n = ToUnix(now);
    *sql << "INSERT INTO api_tokens (school_id, staff_id, token_hash, label, created_at) "
            "VALUES (:s, :st, :h, :l, :n)",
        soci::use(school_id), soci::use(staff_id), soci::use(token_hash), soci::use(label),
        soci::use(n);
    return Status::Ok();
  });
}

Result<Principal> SqlStore::FindApiToken(const std::string& token_hash) {
  return ReadGuard("find api token", [&]() -> Result<Principal> {
    auto sql = pool_.Acquire();
    // Read on every API request: a kept statement.
    auto rows = sql.Query(
        "SELECT st.id, st.school_id, st.name, st.email, st.role FROM api_tokens t JOIN staff st "
        "ON st.id = t.staff_id WHERE t.token_hash = ?1 AND t.revoked_at IS NULL AND "
        "st.active = 1");
    rows.Bind(1, token_hash);
    if (rows.Next()) {
      Principal p = ReadPrincipal(rows);
      p.via_token = true;
      return p;
    }
    return Status::NotFound("No such token");
  });
}

Result<std::string> SqlStore::KeptSecret(const std::string& name, const std::string& fresh) {
  return Guard("kept secret", [&]() -> Result<std::string> {
    auto sql = pool_.Acquire();
    long long now = ToUnix(Now());
    *sql << "INSERT INTO server_secrets (name, value, created_at) VALUES (:n, :v, :c) "
            "ON CONFLICT (name) DO NOTHING",
        soci::use(name), soci::use(fresh), soci::use(now);
    std::string value;
    *sql << "SELECT value FROM server_secrets WHERE name = :n", soci::use(name), soci::into(value);
    return value;
  });
}

}  // namespace attune::sql

namespace attune::sql {

// SurveyStore's throttle of survey codes lives here, beside sign-in's, as
// it counts in the same table (kind 'survey_code', one row per address).
Status SqlStore::BeginSurveyCodeAttempt(const std::string& ip, Timestamp now, Timestamp since,
                                        int max) {
  return Guard("begin survey code attempt", [&]() -> Status {
    return RunInTransaction([&]() -> Status {
      auto sql = pool_.Acquire();
      long long at = ToUnix(now), from = ToUnix(since);
      auto old = sql.Query("DELETE FROM sign_in_throttle WHERE last_failure_at < ?1");
      old.Bind(1, from).Next();
      if (!CountFailure(sql, "survey_code", ip, at, from, max)) {
        return Status::TooManyRequests("Too many survey codes that did not work");
      }
      return Status::Ok();
    });
  });
}

Status SqlStore::SurveyCodeWorked(const std::string& ip) {
  return Guard("survey code worked", [&]() -> Status {
    auto sql = pool_.Acquire();
    *sql << "UPDATE sign_in_throttle SET failures = failures - 1 WHERE kind = 'survey_code' AND "
            "key = :ip AND failures > 0",
        soci::use(ip);
    return Status::Ok();
  });
}

}  // namespace attune::sql

namespace attune::sql {

// SecondFactorStore's throttle of codes lives here too (decision 0030): a
// member's wrong codes count as kind 'second_factor' (keyed by the member of
// staff's id, or "organisation:" and an organisation's person's),
// their address's with its wrong passwords, kind 'ip'.
namespace {
std::string ThrottleKey(const SecondFactorHolder& holder) {
  return (holder.organisation ? "organisation:" : "") + std::to_string(holder.account_id);
}
}  // namespace

Status SqlStore::BeginSecondFactorAttempt(const SecondFactorHolder& holder, const std::string& ip,
                                          Timestamp now, Timestamp since, int max_for_holder,
                                          int max_for_ip) {
  return BeginAttempt("begin second factor attempt", "second_factor", ThrottleKey(holder),
                      max_for_holder, ip, max_for_ip, now, since);
}

Status SqlStore::SecondFactorWorked(const SecondFactorHolder& holder, const std::string& ip) {
  return AttemptWorked("second factor worked", "second_factor", ThrottleKey(holder), ip);
}

}  // namespace attune::sql
