// FamilyStore on SQLite: a plan's requests for the family's view and each
// family's answer (issue 15, the WAP's "Parental View"), and what of a
// record reaches each family, with taking it back.
#include "storage/sql/outbox_write.h"
#include "storage/sql/row.h"
#include "storage/sql/sql_store.h"

namespace attune::sql {
namespace {

// The request columns every list selects, in this order (ReadRequest);
// `open` is the request not closed and its plan still active. Then the
// tables they come from.
#define ATTUNE_VIEW_REQUEST_COLUMNS                                                    \
  "r.id, r.school_id, r.plan_id, r.pupil_id, pl.plan, r.section_id, "                  \
  "COALESCE(r.asked_by_staff_id, 0), COALESCE(st.name, ''), r.asked_at, r.closed_at, " \
  "r.closed_at IS NULL AND pl.status = 'active' "
#define ATTUNE_VIEW_REQUEST_FROM                                                       \
  "FROM family_view_requests r JOIN plans pl ON pl.id = r.plan_id LEFT JOIN staff st " \
  "ON st.id = r.asked_by_staff_id "

FamilyViewRequest ReadRequest(const Rows& r) {
  FamilyViewRequest v;
  v.id = r.Int(0);
  v.school_id = r.Int(1);
  v.plan_id = r.Int(2);
  v.pupil_id = r.Int(3);
  v.plan_type = r.Text(4);
  v.section_id = r.Text(5);
  v.asked_by_staff_id = r.Int(6);
  v.asked_by = r.Text(7);
  v.asked_at = FromUnix(r.Int(8));
  if (!r.IsNull(9)) v.closed_at = FromUnix(r.Int(9));
  v.open = r.Int(10) != 0;
  return v;
}

}  // namespace

Result<long long> SqlStore::CreateFamilyViewRequest(const FamilyViewRequest& v,
                                                    const std::vector<NewMail>& mails) {
  long long id = 0;
  Status st = committer_.Submit([&](WriteSession& w) {
    long long t = ToUnix(v.asked_at);
    w.Prepared(
         "INSERT INTO family_view_requests (school_id, plan_id, pupil_id, section_id, "
         "asked_by_staff_id, asked_at) SELECT ?1, ?2, ?3, ?4, NULLIF(?5, 0), ?6 WHERE NOT EXISTS "
         "(SELECT 1 FROM family_view_requests WHERE plan_id = ?2 AND section_id = ?4 AND "
         "closed_at IS NULL)")
        .Bind(1, v.school_id)
        .Bind(2, v.plan_id)
        .Bind(3, v.pupil_id)
        .Bind(4, std::string_view(v.section_id))
        .Bind(5, v.asked_by_staff_id)
        .Bind(6, t)
        .Run();
    if (w.Changes() == 0) return;
    id = w.LastId();
    WriteMails(w, v.school_id, mails, 0, t);
  });
  if (!st.ok()) return st;
  if (id == 0)
    return Status::Conflict("The family has been asked already; their answer is awaited");
  return id;
}

Status SqlStore::CloseFamilyViewRequest(long long school_id, long long plan_id,
                                        long long request_id, Timestamp at) {
  bool closed = false;
  Status st = committer_.Submit([&](WriteSession& w) {
    w.Prepared(
         "UPDATE family_view_requests SET closed_at = ?4 WHERE school_id = ?1 AND plan_id = ?2 "
         "AND id = ?3 AND closed_at IS NULL")
        .Bind(1, school_id)
        .Bind(2, plan_id)
        .Bind(3, request_id)
        .Bind(4, ToUnix(at))
        .Run();
    closed = w.Changes() > 0;
  });
  if (!st.ok()) return st;
  return closed ? Status::Ok() : Status::NotFound("No such open request");
}

Result<std::vector<FamilyViewRequest>> SqlStore::ListPlanViewRequests(long long school_id,
                                                                      long long plan_id) {
  return ReadGuard("list plan view requests", [&]() -> Result<std::vector<FamilyViewRequest>> {
    auto sql = pool_.Acquire();
    std::vector<FamilyViewRequest> out;
    Rows r = sql.Query("SELECT " ATTUNE_VIEW_REQUEST_COLUMNS ATTUNE_VIEW_REQUEST_FROM
                       "WHERE r.school_id = ?1 AND r.plan_id = ?2 ORDER BY r.asked_at DESC, r.id "
                       "DESC");
    r.Bind(1, school_id).Bind(2, plan_id);
    while (r.Next()) out.push_back(ReadRequest(r));
    Rows a = sql.Query(
        "SELECT a.request_id, a.family_id, f.name, a.fields, a.answered_at FROM "
        "family_view_answers a JOIN family_view_requests r ON r.id = a.request_id JOIN "
        "family_accounts f ON f.id = a.family_id WHERE r.school_id = ?1 AND r.plan_id = ?2 "
        "ORDER BY a.answered_at");
    a.Bind(1, school_id).Bind(2, plan_id);
    while (a.Next()) {
      for (auto& v : out) {
        if (v.id != a.Int(0)) continue;
        v.answers.push_back({a.Int(1), a.Text(2), a.Text(3), FromUnix(a.Int(4))});
      }
    }
    return out;
  });
}

Result<std::vector<FamilyViewRequest>> SqlStore::ListFamilyViewRequests(long long school_id,
                                                                        long long family_id,
                                                                        long long pupil_id) {
  return ReadGuard("list family view requests", [&]() -> Result<std::vector<FamilyViewRequest>> {
    auto sql = pool_.Acquire();
    std::vector<FamilyViewRequest> out;
    // The pupil is one of the account's children through a contact; a
    // closed request stays only where this account answered it.
    Rows q = sql.Query(
        "SELECT " ATTUNE_VIEW_REQUEST_COLUMNS ", a.fields, a.answered_at " ATTUNE_VIEW_REQUEST_FROM
        "LEFT JOIN family_view_answers a ON a.request_id = r.id AND "
        "a.family_id = ?2 WHERE r.school_id = ?1 AND r.pupil_id = ?3 AND EXISTS (SELECT 1 FROM "
        "contacts c WHERE c.pupil_id = ?3 AND c.family_account_id = ?2) AND ((r.closed_at IS "
        "NULL AND pl.status = 'active') OR a.family_id IS NOT NULL) ORDER BY r.asked_at DESC, "
        "r.id DESC LIMIT 50");
    q.Bind(1, school_id).Bind(2, family_id).Bind(3, pupil_id);
    while (q.Next()) {
      FamilyViewRequest v = ReadRequest(q);
      if (!q.IsNull(11)) v.answers.push_back({family_id, "", q.Text(11), FromUnix(q.Int(12))});
      out.push_back(std::move(v));
    }
    return out;
  });
}

Status SqlStore::SaveFamilyViewAnswer(long long school_id, long long family_id, long long pupil_id,
                                      long long request_id, const std::string& fields,
                                      Timestamp at) {
  bool saved = false;
  Status st = committer_.Submit([&](WriteSession& w) {
    w.Prepared(
         "INSERT INTO family_view_answers (request_id, family_id, school_id, fields, "
         "answered_at) SELECT r.id, ?2, ?1, ?5, ?6 FROM family_view_requests r JOIN plans pl ON "
         "pl.id = r.plan_id WHERE r.id = ?4 AND r.school_id = ?1 AND r.pupil_id = ?3 AND "
         "r.closed_at IS NULL AND pl.status = 'active' AND EXISTS (SELECT 1 FROM contacts c "
         "WHERE c.pupil_id = ?3 AND c.family_account_id = ?2) ON CONFLICT (request_id, "
         "family_id) DO UPDATE SET fields = excluded.fields, answered_at = excluded.answered_at")
        .Bind(1, school_id)
        .Bind(2, family_id)
        .Bind(3, pupil_id)
        .Bind(4, request_id)
        .Bind(5, std::string_view(fields))
        .Bind(6, ToUnix(at))
        .Run();
    saved = w.Changes() > 0;
  });
  if (!st.ok()) return st;
  return saved ? Status::Ok() : Status::NotFound("No such request");
}

Result<std::vector<FamilyShareInfo>> SqlStore::ListIncidentShares(long long school_id,
                                                                  long long incident_id) {
  return ReadGuard("list incident shares", [&]() -> Result<std::vector<FamilyShareInfo>> {
    auto sql = pool_.Acquire();
    Rows r = sql.Query(
        "SELECT fs.pupil_id, CASE WHEN p.preferred_name <> '' THEN p.preferred_name ELSE "
        "p.first_name END || ' ' || p.last_name, fs.state, fs.words, fs.send_home, "
        "fs.decided_at, COALESCE(st.name, ''), (SELECT COUNT(DISTINCT f.id) FROM contacts c JOIN "
        "family_accounts f ON f.id = c.family_account_id WHERE c.pupil_id = fs.pupil_id AND "
        "f.active = 1 AND f.password_hash <> '') FROM family_shares fs JOIN pupils p ON p.id = "
        "fs.pupil_id LEFT JOIN staff st ON st.id = fs.decided_by_staff_id WHERE fs.school_id = "
        "?1 AND fs.incident_id = ?2 ORDER BY p.last_name, p.first_name");
    r.Bind(1, school_id).Bind(2, incident_id);
    std::vector<FamilyShareInfo> out;
    while (r.Next()) {
      FamilyShareInfo f;
      f.incident_id = incident_id;
      f.pupil_id = r.Int(0);
      f.pupil_name = r.Text(1);
      f.state = r.Text(2);
      f.words = r.Text(3);
      f.send_home = r.Int(4) != 0;
      if (!r.IsNull(5)) f.decided_at = FromUnix(r.Int(5));
      f.decided_by = r.Text(6);
      f.families = static_cast<int>(r.Int(7));
      out.push_back(std::move(f));
    }
    return out;
  });
}

Status SqlStore::WithdrawFamilyShare(long long school_id, long long incident_id, long long pupil_id,
                                     long long staff_id, Timestamp at) {
  bool withdrawn = false;
  Status st = committer_.Submit([&](WriteSession& w) {
    w.Prepared(
         "UPDATE family_shares SET state = 'withheld', decided_at = ?4, decided_by_staff_id = "
         "NULLIF(?5, 0) WHERE school_id = ?1 AND incident_id = ?2 AND pupil_id = ?3 AND state IN "
         "('shared', 'waiting')")
        .Bind(1, school_id)
        .Bind(2, incident_id)
        .Bind(3, pupil_id)
        .Bind(4, ToUnix(at))
        .Bind(5, staff_id)
        .Run();
    withdrawn = w.Changes() > 0;
    if (!withdrawn) return;
    // Its emails to this pupil's families that have not gone yet.
    w.Prepared(
         "DELETE FROM outbox WHERE school_id = ?1 AND incident_id = ?2 AND status = 'pending' "
         "AND kind IN ('note_home', 'family_news') AND recipient IN (SELECT f.email FROM "
         "contacts c JOIN family_accounts f ON f.id = c.family_account_id WHERE c.pupil_id = ?3)")
        .Bind(1, school_id)
        .Bind(2, incident_id)
        .Bind(3, pupil_id)
        .Run();
  });
  if (!st.ok()) return st;
  return withdrawn
             ? Status::Ok()
             : Status::Conflict("This record is not shared with the family; nothing to take back");
}

}  // namespace attune::sql
