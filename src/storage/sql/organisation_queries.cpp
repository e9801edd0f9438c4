// OrganisationStore on SQL: trusts and local authorities, their schools,
// people and sessions, and an authority's notices (decision 0034).
#include <algorithm>

#include "storage/sql/row.h"
#include "storage/sql/session_rows.h"
#include "storage/sql/sql_store.h"

namespace attune::sql {
namespace {

#define ATTUNE_ORGANISATION_COLUMNS "id, kind, name, code"
#define ATTUNE_MEMBER_COLUMNS "id, organisation_id, email, name, role, active, password_hash"

Organisation ReadOrganisation(const Rows& r) {
  Organisation o;
  o.id = r.Int(0);
  o.kind = r.Text(1);
  o.name = r.Text(2);
  o.code = r.Text(3);
  return o;
}

OrganisationMember ReadMember(const Rows& r) {
  OrganisationMember m;
  m.id = r.Int(0);
  m.organisation_id = r.Int(1);
  m.email = r.Text(2);
  m.name = r.Text(3);
  m.role = ParseOrganisationRole(r.Text(4)).value_or(Role::kLaOfficer);
  m.active = r.Int(5) != 0;
  m.password_hash = r.Text(6);
  return m;
}

}  // namespace

Result<long long> SqlStore::CreateOrganisation(const Organisation& o) {
  Result<long long> id = Guard("create organisation", [&]() -> Result<long long> {
    auto sql = pool_.Acquire();
    Rows r = sql.Query(
        "INSERT INTO organisations (kind, name, code, created_at) VALUES (?1, ?2, ?3, ?4) "
        "RETURNING id");
    r.Bind(1, std::string_view(o.kind))
        .Bind(2, std::string_view(o.name))
        .Bind(3, std::string_view(o.code))
        .Bind(4, ToUnix(Now()));
    if (!r.Next()) return Status::Internal("The organisation was not created");
    return r.Int(0);
  });
  if (!id.ok() && id.status().code() == StatusCode::kConflict) {
    return Status::Conflict(
        std::string(OrganisationKindLabel(o.kind)) + " '" + o.name + "' already exists", "name");
  }
  return id;
}

Result<Organisation> SqlStore::GetOrganisation(long long id) {
  return ReadGuard("get organisation", [&]() -> Result<Organisation> {
    auto sql = pool_.Acquire();
    Rows r = sql.Query("SELECT " ATTUNE_ORGANISATION_COLUMNS " FROM organisations WHERE id = ?1");
    r.Bind(1, id);
    if (r.Next()) return ReadOrganisation(r);
    return Status::NotFound("No such trust or local authority");
  });
}

Result<std::vector<Organisation>> SqlStore::ListOrganisations() {
  return ReadGuard("list organisations", [&]() -> Result<std::vector<Organisation>> {
    auto sql = pool_.Acquire();
    Rows r =
        sql.Query("SELECT " ATTUNE_ORGANISATION_COLUMNS " FROM organisations ORDER BY kind, name");
    std::vector<Organisation> out;
    while (r.Next()) out.push_back(ReadOrganisation(r));
    return out;
  });
}

Status SqlStore::AttachSchool(long long organisation_id, long long school_id) {
  return RunInTransaction([&]() -> Status {
    return Guard("attach school", [&]() -> Status {
      auto sql = pool_.Acquire();
      Rows o = sql.Query("SELECT kind FROM organisations WHERE id = ?1");
      o.Bind(1, organisation_id);
      if (!o.Next()) return Status::NotFound("No such trust or local authority");
      const std::string kind = o.Text(0);
      Rows s = sql.Query("SELECT 1 FROM schools WHERE id = ?1");
      s.Bind(1, school_id);
      if (!s.Next()) return Status::NotFound("No such school");
      Rows r = sql.Query(
          "INSERT INTO organisation_schools (school_id, kind, organisation_id, attached_at) "
          "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (school_id, kind) DO NOTHING");
      r.Bind(1, school_id)
          .Bind(2, std::string_view(kind))
          .Bind(3, organisation_id)
          .Bind(4, ToUnix(Now()));
      r.Next();
      Rows held = sql.Query(
          "SELECT organisation_id FROM organisation_schools WHERE school_id = ?1 AND kind = ?2");
      held.Bind(1, school_id).Bind(2, std::string_view(kind));
      if (held.Next() && held.Int(0) != organisation_id) {
        return Status::Conflict(std::string("The school is already in another ") +
                                (kind == Organisation::kTrust ? "trust" : "local authority"));
      }
      return Status::Ok();
    });
  });
}

Result<std::vector<School>> SqlStore::ListOrganisationSchools(long long organisation_id) {
  return ReadGuard("list organisation schools", [&]() -> Result<std::vector<School>> {
    auto sql = pool_.Acquire();
    Rows r = sql.Query(
        "SELECT s.id, s.name, s.urn, s.phase, s.timezone FROM organisation_schools os JOIN "
        "schools s ON s.id = os.school_id WHERE os.organisation_id = ?1 ORDER BY s.name, s.id");
    r.Bind(1, organisation_id);
    std::vector<School> out;
    while (r.Next()) {
      out.push_back({r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4)});
    }
    return out;
  });
}

Result<long long> SqlStore::CreateOrganisationMember(const OrganisationMember& m) {
  Result<long long> id = Guard("create organisation member", [&]() -> Result<long long> {
    auto sql = pool_.Acquire();
    const long long now = ToUnix(Now());
    Rows r = sql.Query(
        "INSERT INTO organisation_members (organisation_id, email, name, role, active, "
        "password_hash, password_changed_at, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7) "
        "RETURNING id");
    r.Bind(1, m.organisation_id)
        .Bind(2, std::string_view(m.email))
        .Bind(3, std::string_view(m.name))
        .Bind(4, std::string_view(RoleName(m.role)))
        .Bind(5, static_cast<long long>(m.active))
        .Bind(6, std::string_view(m.password_hash))
        .Bind(7, now);
    if (!r.Next()) return Status::Internal("The account was not created");
    return r.Int(0);
  });
  if (!id.ok() && id.status().code() == StatusCode::kConflict) {
    return Status::Conflict("Someone already signs in for an organisation with " + m.email,
                            "email");
  }
  return id;
}

Result<OrganisationMember> SqlStore::FindOrganisationMemberByEmail(const std::string& email) {
  return ReadGuard("find organisation member", [&]() -> Result<OrganisationMember> {
    auto sql = pool_.Acquire();
    Rows r =
        sql.Query("SELECT " ATTUNE_MEMBER_COLUMNS " FROM organisation_members WHERE email = ?1");
    r.Bind(1, std::string_view(email));
    if (r.Next()) return ReadMember(r);
    return Status::NotFound("No organisation account with that email");
  });
}

Result<std::vector<OrganisationMember>> SqlStore::ListOrganisationMembers(
    long long organisation_id) {
  return ReadGuard("list organisation members", [&]() -> Result<std::vector<OrganisationMember>> {
    auto sql = pool_.Acquire();
    Rows r = sql.Query("SELECT " ATTUNE_MEMBER_COLUMNS
                       " FROM organisation_members WHERE organisation_id = ?1 ORDER BY name, id");
    r.Bind(1, organisation_id);
    std::vector<OrganisationMember> out;
    while (r.Next()) out.push_back(ReadMember(r));
    return out;
  });
}

Status SqlStore::DetachSchool(long long organisation_id, long long school_id) {
  return Guard("detach school", [&]() -> Status {
    auto sql = pool_.Acquire();
    Rows r = sql.Query(
        "DELETE FROM organisation_schools WHERE organisation_id = ?1 AND school_id = ?2 "
        "RETURNING school_id");
    r.Bind(1, organisation_id).Bind(2, school_id);
    if (!r.Next()) return Status::NotFound("That school is not in that trust or local authority");
    return Status::Ok();
  });
}

Status SqlStore::SetOrganisationMemberActive(long long member_id, bool active) {
  return Guard("set organisation member active", [&]() -> Status {
    return RunInTransaction([&]() -> Status {
      auto sql = pool_.Acquire();
      {
        Rows set =
            sql.Query("UPDATE organisation_members SET active = ?1 WHERE id = ?2 RETURNING id");
        set.Bind(1, static_cast<long long>(active)).Bind(2, member_id);
        if (!set.Next()) return Status::NotFound("No such organisation account");
      }
      if (!active) {
        Rows end = sql.Query("DELETE FROM organisation_sessions WHERE member_id = ?1");
        end.Bind(1, member_id);
        end.Next();
      }
      return Status::Ok();
    });
  });
}

Status SqlStore::SetOrganisationMemberPassword(long long member_id,
                                               const std::string& password_hash,
                                               const std::string& keep_id_hash, Timestamp now) {
  return Guard("set organisation member password", [&]() -> Status {
    return RunInTransaction([&]() -> Status {
      auto sql = pool_.Acquire();
      {
        Rows set = sql.Query(
            "UPDATE organisation_members SET password_hash = ?1, password_changed_at = ?2 "
            "WHERE id = ?3 RETURNING id");
        set.Bind(1, std::string_view(password_hash)).Bind(2, ToUnix(now)).Bind(3, member_id);
        if (!set.Next()) return Status::NotFound("No such organisation account");
      }
      Rows end =
          sql.Query("DELETE FROM organisation_sessions WHERE member_id = ?1 AND id_hash <> ?2");
      end.Bind(1, member_id).Bind(2, std::string_view(keep_id_hash));
      end.Next();
      return Status::Ok();
    });
  });
}

Status SqlStore::CreateOrganisationSession(const SessionRecord& s) {
  return Guard("create organisation session", [&]() -> Status {
    auto sql = pool_.Acquire();
    Rows r = sql.Query(
        "INSERT INTO organisation_sessions (id_hash, organisation_id, member_id, csrf_token, "
        "created_at, last_seen_at, expires_at, ip, user_agent, second_factor_due) VALUES (?1, ?2, "
        "?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    BindSession(r, s);
    r.Bind(10, std::string_view(SecondFactorDueName(s.second_factor_due)));
    r.Next();
    return Status::Ok();
  });
}

Result<Principal> SqlStore::FindOrganisationSession(const std::string& id_hash, Timestamp now,
                                                    Timestamp* expires_at) {
  return ReadGuard("find organisation session", [&]() -> Result<Principal> {
    auto sql = pool_.Acquire();
    Rows r = sql.Query(
        "SELECT m.id, m.organisation_id, m.name, m.email, m.role, se.csrf_token, se.expires_at, "
        "se.second_factor_due FROM organisation_sessions se JOIN organisation_members m ON m.id = "
        "se.member_id "
        "WHERE se.id_hash = ?1 AND se.expires_at > ?2 AND m.active = 1");
    r.Bind(1, std::string_view(id_hash)).Bind(2, ToUnix(now));
    if (!r.Next()) return Status::NotFound("No such session");
    Principal p;
    p.member_id = r.Int(0);
    p.organisation_id = r.Int(1);
    p.name = r.Text(2);
    p.email = r.Text(3);
    p.role = ParseOrganisationRole(r.Text(4)).value_or(Role::kLaOfficer);
    p.session_id_hash = id_hash;
    p.csrf_token = r.Text(5);
    if (expires_at) *expires_at = FromUnix(r.Int(6));
    p.second_factor_due = ParseSecondFactorDue(r.TextView(7));
    return p;
  });
}

Status SqlStore::TouchOrganisationSession(const std::string& id_hash, Timestamp now,
                                          Timestamp expires) {
  return Guard("touch organisation session", [&]() -> Status {
    auto sql = pool_.Acquire();
    RunOnSession(
        sql,
        "UPDATE organisation_sessions SET last_seen_at = ?2, expires_at = ?3 WHERE id_hash = ?1",
        id_hash, now, expires);
    return Status::Ok();
  });
}

Status SqlStore::DeleteOrganisationSession(const std::string& id_hash) {
  return Guard("delete organisation session", [&]() -> Status {
    auto sql = pool_.Acquire();
    RunOnSession(sql, "DELETE FROM organisation_sessions WHERE id_hash = ?1", id_hash);
    return Status::Ok();
  });
}

Result<std::vector<AuthorityNotice>> SqlStore::ListAuthorityNotices(long long organisation_id,
                                                                    Date from, Date to, int limit) {
  std::vector<AuthorityNotice> out;
  Status st = ReadTogether([&]() -> Status {
    return Guard("list authority notices", [&]() -> Status {
      auto sql = pool_.Acquire();
      // Suspensions by the day they start (suspensions_school_start).
      Rows s = sql.Query(
          "SELECT s.school_id, sc.name, s.incident_id, s.starts_on, s.school_days, "
          "s.reason_codes, s.la_notice_at FROM organisation_schools os JOIN suspensions s ON "
          "s.school_id = os.school_id AND s.outcome = 'suspended' AND s.starts_on >= ?2 AND "
          "s.starts_on <= ?3 JOIN schools sc ON sc.id = os.school_id WHERE os.organisation_id = "
          "?1 AND os.kind = 'local_authority' ORDER BY s.starts_on DESC, s.incident_id DESC "
          "LIMIT ?4");
      s.Bind(1, organisation_id)
          .Bind(2, std::string_view(FormatDate(from)))
          .Bind(3, std::string_view(FormatDate(to)))
          .Bind(4, static_cast<long long>(limit));
      while (s.Next()) {
        AuthorityNotice n;
        n.school_id = s.Int(0);
        n.school_name = s.Text(1);
        n.incident_id = s.Int(2);
        n.kind = AuthorityNotice::kSuspensionNotice;
        n.day = OptDate(s, 3).value_or(from);
        n.school_days = static_cast<int>(s.Int(4));
        n.reason_codes = SplitList(s.Text(5));
        n.sent_at = OptTime(s, 6);
        out.push_back(std::move(n));
      }
      // Physical interventions whose notice goes to the authority
      // (physical_interventions_harm), by the record's London day.
      const Date after = Date(date::sys_days(to) + date::days(1));
      Rows p = sql.Query(
          "SELECT pi.school_id, sc.name, pi.incident_id, i.occurred_at, pi.notice_sent_at FROM "
          "organisation_schools os JOIN physical_interventions pi ON pi.school_id = os.school_id "
          "AND pi.parent_notice_would_harm = 1 JOIN incidents i ON i.id = pi.incident_id AND "
          "i.occurred_at >= ?2 AND i.occurred_at < ?3 JOIN schools sc ON sc.id = os.school_id "
          "WHERE os.organisation_id = ?1 AND os.kind = 'local_authority' ORDER BY i.occurred_at "
          "DESC, pi.incident_id DESC LIMIT ?4");
      p.Bind(1, organisation_id)
          .Bind(2, ToUnix(LondonInstant(from, 0)))
          .Bind(3, ToUnix(LondonInstant(after, 0)))
          .Bind(4, static_cast<long long>(limit));
      while (p.Next()) {
        AuthorityNotice n;
        n.school_id = p.Int(0);
        n.school_name = p.Text(1);
        n.incident_id = p.Int(2);
        n.kind = AuthorityNotice::kPhysicalNotice;
        n.day = LondonDate(FromUnix(p.Int(3)));
        n.sent_at = OptTime(p, 4);
        out.push_back(std::move(n));
      }
      return Status::Ok();
    });
  });
  if (!st.ok()) return st;
  std::stable_sort(out.begin(), out.end(), [](const AuthorityNotice& a, const AuthorityNotice& b) {
    return a.day != b.day ? b.day < a.day : b.incident_id < a.incident_id;
  });
  if (out.size() > static_cast<size_t>(limit)) out.resize(limit);
  return out;
}

}  // namespace attune::sql
