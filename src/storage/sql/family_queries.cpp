// FamilyStore on SQLite (decision 0026): family accounts, invitations,
// sign-ins and what of each record reaches a family.
#include "storage/sql/outbox_write.h"
#include "storage/sql/row.h"
#include "storage/sql/session_rows.h"
#include "storage/sql/sql_store.h"

namespace attune::sql {
namespace {

#define ATTUNE_FAMILY_COLUMNS \
  "id, school_id, email, name, password_hash, active, weekly_digest, created_at "

FamilyAccount ReadAccount(const Rows& r) {
  FamilyAccount a;
  a.id = r.Int(0);
  a.school_id = r.Int(1);
  a.email = r.Text(2);
  a.name = r.Text(3);
  a.password_hash = r.Text(4);
  a.active = r.Int(5) != 0;
  a.weekly_digest = r.Int(6) != 0;
  a.created_at = FromUnix(r.Int(7));
  return a;
}

// A shared record from its ten columns, in the order ListFamilyRecords and
// ListDigestRecords select them (the ninth: the reply, or for a digest the
// child's first name).
FamilyRecord ReadRecord(const Rows& r) {
  FamilyRecord f;
  f.incident_id = r.Int(0);
  f.pupil_id = r.Int(1);
  f.behaviour_class = r.Text(2);
  f.category = r.Text(3);
  f.reward = r.Text(4);
  f.words = r.Text(5);
  f.occurred_at = FromUnix(r.Int(6));
  f.recorded_by = r.Text(7);
  f.reply = r.Text(8);
  f.policy_version_id = r.Int(9);
  return f;
}

// A family account's principal from columns id, school_id, name, email.
Principal FamilyPrincipal(const Rows& r) {
  Principal p;
  p.family_id = r.Int(0);
  p.school_id = r.Int(1);
  p.name = r.Text(2);
  p.email = r.Text(3);
  p.role = Role::kParent;
  return p;
}

}  // namespace

Result<long long> SqlStore::CreateFamilyAccount(const FamilyAccount& a) {
  return Guard("create family account", [&]() -> Result<long long> {
    auto sql = pool_.Acquire();
    Rows r = sql.Query(
        "INSERT INTO family_accounts (school_id, email, name, password_hash, active, "
        "weekly_digest, created_at, password_changed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
        "CASE WHEN ?4 = '' THEN NULL ELSE ?7 END) RETURNING id");
    r.Bind(1, a.school_id)
        .Bind(2, std::string_view(a.email))
        .Bind(3, std::string_view(a.name))
        .Bind(4, std::string_view(a.password_hash))
        .Bind(5, static_cast<long long>(a.active))
        .Bind(6, static_cast<long long>(a.weekly_digest))
        .Bind(7, ToUnix(a.created_at));
    if (!r.Next()) return Status::Internal("The family account was not created");
    return r.Int(0);
  });
}

Result<FamilyAccount> SqlStore::FindFamilyByEmail(const std::string& email) {
  return ReadGuard("find family by email", [&]() -> Result<FamilyAccount> {
    auto sql = pool_.Acquire();
    Rows r = sql.Query("SELECT " ATTUNE_FAMILY_COLUMNS "FROM family_accounts WHERE email = ?1");
    r.Bind(1, std::string_view(email));
    if (!r.Next()) return Status::NotFound("No family account has that email");
    return ReadAccount(r);
  });
}

Result<FamilyAccount> SqlStore::GetFamilyAccount(long long school_id, long long id) {
  return ReadGuard("get family account", [&]() -> Result<FamilyAccount> {
    auto sql = pool_.Acquire();
    Rows r = sql.Query("SELECT " ATTUNE_FAMILY_COLUMNS
                       "FROM family_accounts WHERE school_id = ?1 AND id = ?2");
    r.Bind(1, school_id).Bind(2, id);
    if (!r.Next()) return Status::NotFound("No such family account");
    return ReadAccount(r);
  });
}

Status SqlStore::SetFamilyPassword(long long school_id, long long id, const std::string& hash,
                                   Timestamp at) {
  return Guard("set family password", [&]() -> Status {
    auto sql = pool_.Acquire();
    Rows r = sql.Query(
        "UPDATE family_accounts SET password_hash = ?3, password_changed_at = ?4 WHERE "
        "school_id = ?1 AND id = ?2 RETURNING id");
    r.Bind(1, school_id).Bind(2, id).Bind(3, std::string_view(hash)).Bind(4, ToUnix(at));
    if (!r.Next()) return Status::NotFound("No such family account");
    return Status::Ok();
  });
}

Status SqlStore::SetFamilyDigest(long long school_id, long long id, bool weekly) {
  return Guard("set family digest", [&]() -> Status {
    auto sql = pool_.Acquire();
    Rows r = sql.Query(
        "UPDATE family_accounts SET weekly_digest = ?3 WHERE school_id = ?1 AND id = ?2 "
        "RETURNING id");
    r.Bind(1, school_id).Bind(2, id).Bind(3, static_cast<long long>(weekly));
    if (!r.Next()) return Status::NotFound("No such family account");
    return Status::Ok();
  });
}

Status SqlStore::LinkContact(long long school_id, long long contact_id, long long family_id) {
  return Guard("link contact", [&]() -> Status {
    auto sql = pool_.Acquire();
    Rows r = sql.Query(
        "UPDATE contacts SET family_account_id = ?3 WHERE school_id = ?1 AND id = ?2 AND EXISTS "
        "(SELECT 1 FROM family_accounts f WHERE f.id = ?3 AND f.school_id = ?1) RETURNING id");
    r.Bind(1, school_id).Bind(2, contact_id).Bind(3, family_id);
    if (!r.Next()) return Status::NotFound("No such contact");
    return Status::Ok();
  });
}

Result<long long> SqlStore::UnlinkContact(long long school_id, long long contact_id) {
  return Guard("unlink contact", [&]() -> Result<long long> {
    auto sql = pool_.Acquire();
    long long family_id = 0;
    {
      Rows was = sql.Query(
          "SELECT COALESCE(family_account_id, 0) FROM contacts WHERE school_id = ?1 AND id = ?2");
      was.Bind(1, school_id).Bind(2, contact_id);
      if (!was.Next()) return Status::NotFound("No such contact");
      family_id = was.Int(0);
    }
    Rows r =
        sql.Query("UPDATE contacts SET family_account_id = NULL WHERE school_id = ?1 AND id = ?2");
    r.Bind(1, school_id).Bind(2, contact_id);
    r.Next();
    return family_id;
  });
}

Result<std::vector<FamilyChild>> SqlStore::ListFamilyChildren(long long school_id,
                                                              long long family_id) {
  return ReadGuard("list family children", [&]() -> Result<std::vector<FamilyChild>> {
    auto sql = pool_.Acquire();
    Rows r = sql.Query(
        "SELECT p.id, CASE WHEN p.preferred_name <> '' THEN p.preferred_name ELSE p.first_name "
        "END, p.last_name, p.year_group, COALESCE(f.name, ''), MIN(c.relationship) FROM contacts "
        "c JOIN pupils p ON p.id = c.pupil_id LEFT JOIN forms f ON f.id = p.form_id WHERE "
        "c.school_id = ?1 AND c.family_account_id = ?2 AND p.school_id = ?1 "
        "GROUP BY p.id, f.name ORDER BY 2, 3, p.id");
    r.Bind(1, school_id).Bind(2, family_id);
    std::vector<FamilyChild> out;
    while (r.Next()) {
      FamilyChild c;
      c.pupil_id = r.Int(0);
      c.first_name = r.Text(1);
      c.last_name = r.Text(2);
      c.year_group = static_cast<int>(r.Int(3));
      c.form_name = r.Text(4);
      c.relationship = r.Text(5);
      out.push_back(std::move(c));
    }
    return out;
  });
}

Result<std::vector<FamilyAccount>> SqlStore::ListPupilFamilies(long long school_id,
                                                               long long pupil_id) {
  return ReadGuard("list pupil families", [&]() -> Result<std::vector<FamilyAccount>> {
    auto sql = pool_.Acquire();
    Rows r = sql.Query(
        "SELECT DISTINCT f.id, f.school_id, f.email, f.name, f.password_hash, "
        "f.active, f.weekly_digest, f.created_at FROM contacts c JOIN "
        "family_accounts f ON f.id = c.family_account_id WHERE c.school_id = ?1 "
        "AND c.pupil_id = ?2 ORDER BY f.name, f.id");
    r.Bind(1, school_id).Bind(2, pupil_id);
    std::vector<FamilyAccount> out;
    while (r.Next()) out.push_back(ReadAccount(r));
    return out;
  });
}

Status SqlStore::CreateFamilyInvitation(const std::string& token_hash, long long school_id,
                                        long long family_id, long long staff_id, Timestamp now,
                                        Timestamp expires_at) {
  return Guard("create family invitation", [&]() -> Status {
    auto sql = pool_.Acquire();
    Rows r = sql.Query(
        "INSERT INTO family_invitations (token_hash, family_id, school_id, created_by_staff_id, "
        "created_at, expires_at) VALUES (?1, ?2, ?3, NULLIF(?4, 0), ?5, ?6)");
    r.Bind(1, std::string_view(token_hash))
        .Bind(2, family_id)
        .Bind(3, school_id)
        .Bind(4, staff_id)
        .Bind(5, ToUnix(now))
        .Bind(6, ToUnix(expires_at));
    r.Next();
    return Status::Ok();
  });
}

Result<FamilyAccount> SqlStore::FindFamilyInvitation(const std::string& token_hash, Timestamp now) {
  return ReadGuard("find family invitation", [&]() -> Result<FamilyAccount> {
    auto sql = pool_.Acquire();
    Rows r = sql.Query(
        "SELECT f.id, f.school_id, f.email, f.name, f.password_hash, f.active, f.weekly_digest, "
        "f.created_at FROM family_invitations i JOIN family_accounts f ON f.id = i.family_id "
        "WHERE i.token_hash = ?1 AND i.used_at IS NULL AND i.expires_at > ?2 AND f.active = 1");
    r.Bind(1, std::string_view(token_hash)).Bind(2, ToUnix(now));
    if (!r.Next()) return Status::NotFound("This invitation has been used or has run out");
    return ReadAccount(r);
  });
}

Result<FamilyAccount> SqlStore::AcceptFamilyInvitation(const std::string& token_hash,
                                                       const std::string& password_hash,
                                                       Timestamp now) {
  Result<FamilyAccount> out = Status::NotFound("This invitation has been used or has run out");
  Status st = RunInTransaction([&]() -> Status {
    return Guard("accept family invitation", [&]() -> Status {
      auto sql = pool_.Acquire();
      long long at = ToUnix(now);
      Rows used = sql.Query(
          "UPDATE family_invitations SET used_at = ?2 WHERE token_hash = ?1 AND used_at IS NULL "
          "AND expires_at > ?2 RETURNING family_id, school_id");
      used.Bind(1, std::string_view(token_hash)).Bind(2, at);
      if (!used.Next()) return out.status();
      long long family_id = used.Int(0), school_id = used.Int(1);
      Rows set = sql.Query(
          "UPDATE family_accounts SET password_hash = ?3, password_changed_at = ?4 WHERE "
          "school_id = ?1 AND id = ?2 AND active = 1 RETURNING " ATTUNE_FAMILY_COLUMNS);
      set.Bind(1, school_id)
          .Bind(2, family_id)
          .Bind(3, std::string_view(password_hash))
          .Bind(4, at);
      if (!set.Next()) return out.status();
      out = ReadAccount(set);
      return Status::Ok();
    });
  });
  if (!st.ok()) return st;
  return out;
}

Status SqlStore::CreateFamilySession(const SessionRecord& s) {
  return Guard("create family session", [&]() -> Status {
    auto sql = pool_.Acquire();
    Rows r = sql.Query(
        "INSERT INTO family_sessions (id_hash, school_id, family_id, csrf_token, created_at, "
        "last_seen_at, expires_at, ip, user_agent) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    BindSession(r, s);
    r.Next();
    return Status::Ok();
  });
}

Result<Principal> SqlStore::FindFamilySession(const std::string& id_hash, Timestamp now,
                                              Timestamp* expires_at) {
  return ReadGuard("find family session", [&]() -> Result<Principal> {
    auto sql = pool_.Acquire();
    Rows r = sql.Query(
        "SELECT f.id, f.school_id, f.name, f.email, se.csrf_token, se.expires_at FROM "
        "family_sessions se JOIN family_accounts f ON f.id = se.family_id WHERE se.id_hash = ?1 "
        "AND se.expires_at > ?2 AND f.active = 1");
    r.Bind(1, std::string_view(id_hash)).Bind(2, ToUnix(now));
    if (!r.Next()) return Status::NotFound("No such session");
    Principal p = FamilyPrincipal(r);
    p.session_id_hash = id_hash;
    p.csrf_token = r.Text(4);
    if (expires_at) *expires_at = FromUnix(r.Int(5));
    return p;
  });
}

Status SqlStore::TouchFamilySession(const std::string& id_hash, Timestamp now, Timestamp expires) {
  return Guard("touch family session", [&]() -> Status {
    auto sql = pool_.Acquire();
    RunOnSession(sql,
                 "UPDATE family_sessions SET last_seen_at = ?2, expires_at = ?3 WHERE id_hash = ?1",
                 id_hash, now, expires);
    return Status::Ok();
  });
}

Status SqlStore::DeleteFamilySession(const std::string& id_hash) {
  return Guard("delete family session", [&]() -> Status {
    auto sql = pool_.Acquire();
    RunOnSession(sql, "DELETE FROM family_sessions WHERE id_hash = ?1", id_hash);
    return Status::Ok();
  });
}

Status SqlStore::EndFamilySignIns(long long family_id, const std::string& keep, Timestamp now) {
  return RunInTransaction([&]() -> Status {
    return Guard("end family sign-ins", [&]() -> Status {
      auto sql = pool_.Acquire();
      Rows gone = sql.Query("DELETE FROM family_sessions WHERE family_id = ?1 AND id_hash <> ?2");
      gone.Bind(1, family_id).Bind(2, std::string_view(keep));
      gone.Next();
      Rows revoked = sql.Query(
          "UPDATE family_api_tokens SET revoked_at = ?2 WHERE family_id = ?1 AND revoked_at IS "
          "NULL");
      revoked.Bind(1, family_id).Bind(2, ToUnix(now));
      revoked.Next();
      return Status::Ok();
    });
  });
}

Status SqlStore::CreateFamilyToken(long long school_id, long long family_id,
                                   const std::string& token_hash, const std::string& label,
                                   Timestamp now) {
  return Guard("create family token", [&]() -> Status {
    auto sql = pool_.Acquire();
    Rows r = sql.Query(
        "INSERT INTO family_api_tokens (school_id, family_id, token_hash, label, created_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5)");
    r.Bind(1, school_id)
        .Bind(2, family_id)
        .Bind(3, std::string_view(token_hash))
        .Bind(4, std::string_view(label))
        .Bind(5, ToUnix(now));
    r.Next();
    return Status::Ok();
  });
}

Result<Principal> SqlStore::FindFamilyToken(const std::string& token_hash) {
  return ReadGuard("find family token", [&]() -> Result<Principal> {
    auto sql = pool_.Acquire();
    Rows r = sql.Query(
        "SELECT f.id, f.school_id, f.name, f.email FROM family_api_tokens t JOIN family_accounts "
        "f ON f.id = t.family_id WHERE t.token_hash = ?1 AND t.revoked_at IS NULL AND f.active "
        "= 1");
    r.Bind(1, std::string_view(token_hash));
    if (!r.Next()) return Status::NotFound("No such token");
    Principal p = FamilyPrincipal(r);
    p.via_token = true;
    return p;
  });
}

// A family's records: only shared rows, only of their own children (the
// EXISTS over their contacts), never a restricted or safeguarding record.
Result<std::vector<FamilyRecord>> SqlStore::ListFamilyRecords(long long school_id,
                                                              long long family_id,
                                                              long long pupil_id, int limit,
                                                              long long before_incident) {
  return ReadGuard("list family records", [&]() -> Result<std::vector<FamilyRecord>> {
    auto sql = pool_.Acquire();
    Rows r = sql.Query(
        "SELECT fs.incident_id, fs.pupil_id, i.behaviour_class, i.category, i.reward, fs.words, "
        "i.occurred_at, COALESCE(st.name, ''), COALESCE(rp.words, ''), i.policy_version_id FROM "
        "family_shares fs JOIN incidents i ON i.id = fs.incident_id LEFT JOIN staff st ON st.id "
        "= i.recorded_by_staff_id LEFT JOIN family_replies rp ON rp.incident_id = fs.incident_id "
        "AND rp.pupil_id = fs.pupil_id AND rp.family_id = ?2 WHERE fs.pupil_id = ?3 AND "
        "fs.state = 'shared' AND fs.school_id = ?1 AND i.school_id = ?1 AND i.restricted = 0 AND "
        "i.safeguarding = 0 AND EXISTS (SELECT 1 FROM contacts c WHERE c.school_id = ?1 AND "
        "c.pupil_id = ?3 AND c.family_account_id = ?2) AND (?5 = 0 OR (fs.occurred_at, "
        "fs.incident_id) < (SELECT b.occurred_at, b.incident_id FROM family_shares b WHERE "
        "b.incident_id = ?5 AND b.pupil_id = ?3)) ORDER BY fs.occurred_at DESC, fs.incident_id "
        "DESC LIMIT ?4");
    r.Bind(1, school_id)
        .Bind(2, family_id)
        .Bind(3, pupil_id)
        .Bind(4, static_cast<long long>(limit))
        .Bind(5, before_incident);
    std::vector<FamilyRecord> out;
    while (r.Next()) out.push_back(ReadRecord(r));
    return out;
  });
}

Result<std::vector<ContactLogEntry>> SqlStore::ListFamilyContactLog(long long school_id,
                                                                    long long family_id,
                                                                    long long pupil_id, int limit) {
  return ReadGuard("list family contact log", [&]() -> Result<std::vector<ContactLogEntry>> {
    auto sql = pool_.Acquire();
    Rows r = sql.Query(
        "SELECT l.id, l.kind, l.at, COALESCE(st.name, ''), c.name FROM contact_log l JOIN "
        "contacts c ON c.id = l.contact_id LEFT JOIN staff st ON st.id = l.staff_id LEFT JOIN "
        "incidents i ON i.id = l.incident_id WHERE l.school_id = ?1 AND l.pupil_id = ?3 AND "
        "c.family_account_id = ?2 AND c.pupil_id = ?3 AND l.kind IN ('phone_call', 'meeting', "
        "'home_visit') AND COALESCE(i.restricted, 0) = 0 ORDER BY l.at DESC, l.id DESC LIMIT ?4");
    r.Bind(1, school_id)
        .Bind(2, family_id)
        .Bind(3, pupil_id)
        .Bind(4, static_cast<long long>(limit));
    std::vector<ContactLogEntry> out;
    while (r.Next()) {
      ContactLogEntry e;
      e.id = r.Int(0);
      e.school_id = school_id;
      e.pupil_id = pupil_id;
      e.kind = r.Text(1);
      e.at = FromUnix(r.Int(2));
      e.staff_name = r.Text(3);
      e.contact_name = r.Text(4);
      out.push_back(std::move(e));
    }
    return out;
  });
}

Result<std::vector<FamilyReviewItem>> SqlStore::ListFamilyReviews(long long school_id, int limit) {
  return ReadGuard("list family reviews", [&]() -> Result<std::vector<FamilyReviewItem>> {
    auto sql = pool_.Acquire();
    Rows r = sql.Query(
        "SELECT fs.incident_id, fs.pupil_id, CASE WHEN p.preferred_name <> '' THEN "
        "p.preferred_name ELSE p.first_name END || ' ' || p.last_name, i.behaviour_class, "
        "i.category, fs.words, i.occurred_at, COALESCE(st.name, ''), i.policy_version_id FROM "
        "family_shares fs JOIN incidents i ON i.id = fs.incident_id JOIN pupils p ON p.id = "
        "fs.pupil_id LEFT JOIN staff st ON st.id = i.recorded_by_staff_id WHERE fs.school_id = "
        "?1 AND fs.state = 'waiting' AND i.restricted = 0 ORDER BY fs.occurred_at, "
        "fs.incident_id LIMIT ?2");
    r.Bind(1, school_id).Bind(2, static_cast<long long>(limit));
    std::vector<FamilyReviewItem> out;
    while (r.Next()) {
      FamilyReviewItem f;
      f.incident_id = r.Int(0);
      f.pupil_id = r.Int(1);
      f.pupil_name = r.Text(2);
      f.behaviour_class = r.Text(3);
      f.category = r.Text(4);
      f.words = r.Text(5);
      f.occurred_at = FromUnix(r.Int(6));
      f.recorded_by = r.Text(7);
      f.policy_version_id = r.Int(8);
      out.push_back(std::move(f));
    }
    return out;
  });
}

Status SqlStore::DecideFamilyShare(long long school_id, long long incident_id, long long pupil_id,
                                   long long staff_id, bool share, const std::string& words,
                                   const std::vector<NewMail>& mails, Timestamp at) {
  Status decided = Status::Ok();
  Status st = committer_.Submit([&](WriteSession& w) {
    long long t = ToUnix(at);
    Statement& s = w.Prepared(
        "UPDATE family_shares SET state = ?4, words = ?5, decided_at = ?6, decided_by_staff_id = "
        "?7 WHERE school_id = ?1 AND incident_id = ?2 AND pupil_id = ?3 AND state = 'waiting'");
    s.Bind(1, school_id)
        .Bind(2, incident_id)
        .Bind(3, pupil_id)
        .Bind(4, std::string_view(share ? FamilyShareState::kShared : FamilyShareState::kWithheld))
        .Bind(5, std::string_view(words))
        .Bind(6, t)
        .Bind(7, staff_id)
        .Run();
    if (w.Changes() == 0) {
      decided = Status::Conflict("This record is no longer waiting to be checked");
      return;
    }
    if (share) WriteMails(w, school_id, mails, incident_id, t);
  });
  if (!st.ok()) return st;
  return decided;
}

Status SqlStore::AddFamilyReply(long long school_id, long long family_id, long long incident_id,
                                long long pupil_id, const std::string& words, Timestamp at) {
  return Guard("add family reply", [&]() -> Status {
    auto sql = pool_.Acquire();
    Rows r = sql.Query(
        "INSERT INTO family_replies (school_id, incident_id, pupil_id, family_id, words, "
        "created_at) SELECT ?1, ?3, ?4, ?2, ?5, ?6 WHERE EXISTS (SELECT 1 FROM family_shares fs "
        "JOIN incidents i ON i.id = fs.incident_id JOIN contacts c ON c.pupil_id = fs.pupil_id "
        "WHERE fs.school_id = ?1 AND fs.incident_id = ?3 AND fs.pupil_id = ?4 AND fs.state = "
        "'shared' AND i.restricted = 0 AND i.behaviour_class = 'prosocial' AND "
        "c.family_account_id = ?2) RETURNING id");
    r.Bind(1, school_id)
        .Bind(2, family_id)
        .Bind(3, incident_id)
        .Bind(4, pupil_id)
        .Bind(5, std::string_view(words))
        .Bind(6, ToUnix(at));
    if (r.Next()) return Status::Ok();
    return Status::NotFound("No such note");
  });
}

Result<std::vector<FamilyRecord>> SqlStore::ListFamilyReplies(long long school_id,
                                                              long long incident_id) {
  return ReadGuard("list family replies", [&]() -> Result<std::vector<FamilyRecord>> {
    auto sql = pool_.Acquire();
    Rows r = sql.Query(
        "SELECT rp.incident_id, rp.pupil_id, rp.words, rp.created_at, f.name FROM family_replies "
        "rp JOIN family_accounts f ON f.id = rp.family_id WHERE rp.school_id = ?1 AND "
        "rp.incident_id = ?2 ORDER BY rp.created_at, rp.id");
    r.Bind(1, school_id).Bind(2, incident_id);
    std::vector<FamilyRecord> out;
    while (r.Next()) {
      FamilyRecord f;
      f.incident_id = r.Int(0);
      f.pupil_id = r.Int(1);
      f.reply = r.Text(2);
      f.occurred_at = FromUnix(r.Int(3));
      f.recorded_by = r.Text(4);
      out.push_back(std::move(f));
    }
    return out;
  });
}

Result<std::vector<FamilyAccount>> SqlStore::ListDigestFamilies(Timestamp before) {
  return ReadGuard("list digest families", [&]() -> Result<std::vector<FamilyAccount>> {
    auto sql = pool_.Acquire();
    Rows r = sql.Query("SELECT " ATTUNE_FAMILY_COLUMNS
                       "FROM family_accounts WHERE weekly_digest = 1 AND active = 1 AND "
                       "password_hash <> '' AND COALESCE(last_digest_at, 0) < ?1 ORDER BY id");
    r.Bind(1, ToUnix(before));
    std::vector<FamilyAccount> out;
    while (r.Next()) out.push_back(ReadAccount(r));
    return out;
  });
}

Result<std::vector<FamilyRecord>> SqlStore::ListDigestRecords(long long school_id,
                                                              long long family_id,
                                                              Timestamp since) {
  return ReadGuard("list digest records", [&]() -> Result<std::vector<FamilyRecord>> {
    auto sql = pool_.Acquire();
    // Shared since `since`: at once (created_at) or once approved (decided_at).
    Rows r = sql.Query(
        "SELECT fs.incident_id, fs.pupil_id, i.behaviour_class, i.category, i.reward, fs.words, "
        "i.occurred_at, COALESCE(st.name, ''), CASE WHEN p.preferred_name <> '' THEN "
        "p.preferred_name ELSE p.first_name END, i.policy_version_id FROM family_shares fs JOIN "
        "incidents i ON i.id = fs.incident_id JOIN pupils p ON p.id = fs.pupil_id LEFT JOIN "
        "staff st ON st.id = i.recorded_by_staff_id WHERE fs.school_id = ?1 AND fs.state = "
        "'shared' AND COALESCE(fs.decided_at, fs.created_at) >= ?3 AND i.restricted = 0 AND "
        "i.safeguarding = 0 AND fs.pupil_id IN (SELECT c.pupil_id FROM contacts c WHERE "
        "c.school_id = ?1 AND c.family_account_id = ?2) AND NOT EXISTS (SELECT 1 FROM outbox o "
        "JOIN family_accounts f ON f.id = ?2 WHERE o.incident_id = fs.incident_id AND "
        "o.recipient = f.email) ORDER BY fs.occurred_at, fs.incident_id");
    r.Bind(1, school_id).Bind(2, family_id).Bind(3, ToUnix(since));
    std::vector<FamilyRecord> out;
    while (r.Next()) out.push_back(ReadRecord(r));
    return out;
  });
}

Status SqlStore::RecordDigest(long long school_id, long long family_id,
                              const std::vector<NewMail>& mails, Timestamp before, Timestamp at) {
  Status sent = Status::Ok();
  Status st = committer_.Submit([&](WriteSession& w) {
    long long t = ToUnix(at);
    w.Prepared(
         "UPDATE family_accounts SET last_digest_at = ?3 WHERE school_id = ?1 AND id = ?2 AND "
         "COALESCE(last_digest_at, 0) < ?4")
        .Bind(1, school_id)
        .Bind(2, family_id)
        .Bind(3, t)
        .Bind(4, ToUnix(before))
        .Run();
    if (w.Changes() == 0) {
      sent = Status::Conflict("This week's digest has already been sent");
      return;
    }
    WriteMails(w, school_id, mails, 0, t);
  });
  if (!st.ok()) return st;
  return sent;
}

}  // namespace attune::sql
