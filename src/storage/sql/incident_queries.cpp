// IncidentStore on SQLite. New incidents go through the group committer.
#include <algorithm>
#include <limits>
#include <unordered_map>

#include "storage/sql/incident_row.h"
#include "storage/sql/incident_write.h"
#include "storage/sql/notification_write.h"
#include "storage/sql/outbox_write.h"
#include "storage/sql/readable.h"
#include "storage/sql/row.h"
#include "storage/sql/sql_store.h"

namespace attune::sql {
namespace {

std::string IdList(const std::vector<long long>& ids) {
  std::vector<std::string> out;
  for (long long id : ids) out.push_back(std::to_string(id));
  return JoinList(out);
}

// At most this many ids apart, ForEachRecordFact reads only the pupils of
// the records asked for.
constexpr long long kFewRecords = 64;

}  // namespace

void WriteIncident(WriteSession& w, NewIncident& n, long long* id, const AuditEntry& audit) {
  const Incident& i = n.incident;
  long long recorded_at = ToUnix(i.recorded_at);
  // Each row's id is known before its INSERT is answered (WriteSession::
  // Insert): on PostgreSQL nothing in a record waits on the server, so a
  // batch of records is one round trip and its commit (decision 0037).
  Statement& incident = w.Prepared(
      "INSERT INTO incidents (id, school_id, policy_version_id, category, behaviour_class, "
      "occurred_at, recorded_at, recorded_by_staff_id, place, lesson, antecedent, behaviour, "
      "response, perceived_function, others_involved, tally, safeguarding, restricted, "
      "visible_to, physical_intervention, reward, repair_due_at) VALUES "
      "(?22, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
      "?19, ?20, ?21) RETURNING id");
  incident.Bind(1, i.school_id)
      .Bind(2, i.policy_version_id)
      .Bind(3, i.category)
      .Bind(4, i.behaviour_class)
      .Bind(5, ToUnix(i.occurred_at))
      .Bind(6, recorded_at)
      .BindIdOrNull(7, i.recorded_by_staff_id)
      .Bind(8, i.place)
      .Bind(9, i.lesson)
      .Bind(10, i.antecedent)
      .Bind(11, i.behaviour)
      .Bind(12, i.response)
      .Bind(13, i.perceived_function)
      .Bind(14, JoinList(i.others_involved))
      .Bind(15, static_cast<long long>(i.tally))
      .Bind(16, static_cast<long long>(i.safeguarding))
      .Bind(17, static_cast<long long>(i.restricted))
      .Bind(18, JoinList(i.visible_to))
      .Bind(19, static_cast<long long>(i.physical_intervention))
      .Bind(20, i.reward)
      .Bind(21, i.repair_due_at);
  *id = w.Insert(incident, 22, "incidents");
  for (const auto& p : i.pupils) {
    w.Prepared(
         "INSERT INTO incident_pupils (incident_id, pupil_id, school_id, role, step, points, "
         "occurred_at, category, reward) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")
        .Bind(1, *id)
        .Bind(2, p.pupil_id)
        .Bind(3, i.school_id)
        .Bind(4, p.role)
        .Bind(5, p.step)
        .Bind(6, static_cast<long long>(p.points))
        .Bind(7, ToUnix(i.occurred_at))
        .Bind(8, i.category)
        .Bind(9, p.role == "involved" && !p.reward_left_out ? std::string_view(i.reward)
                                                            : std::string_view())
        .Run();
  }
  for (const auto& c : i.consequences) {
    auto& st = w.Prepared(
        "INSERT INTO consequences (incident_id, consequence, protective, on_date, school_id, "
        "occurred_at) VALUES (?1, ?2, ?3, NULLIF(?4, ''), ?5, ?6)");
    st.Bind(1, *id)
        .Bind(2, c.consequence)
        .Bind(3, static_cast<long long>(c.protective))
        .Bind(4, c.on_date ? FormatDate(*c.on_date) : std::string())
        .Bind(5, i.school_id)
        .Bind(6, ToUnix(i.occurred_at))
        .Run();
  }
  if (i.physical) {
    const PhysicalIntervention& p = *i.physical;
    w.Prepared(
         "INSERT INTO physical_interventions (incident_id, school_id, staff_involved, before, "
         "de_escalation, hold, duration_minutes, reason, injuries, support_after, "
         "parent_notice_would_harm, notice_text, staff_ids, training_note) VALUES (?1, ?2, ?3, ?4, "
         "?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)")
        .Bind(1, *id)
        .Bind(2, i.school_id)
        .Bind(3, p.staff_involved)
        .Bind(4, p.before)
        .Bind(5, p.de_escalation)
        .Bind(6, p.hold)
        .Bind(7, static_cast<long long>(p.duration_minutes))
        .Bind(8, p.reason)
        .Bind(9, p.injuries)
        .Bind(10, p.support_after)
        .Bind(11, static_cast<long long>(p.parent_notice_would_harm))
        .Bind(12, p.notice_text)
        .Bind(13, IdList(p.staff_ids))
        .Bind(14, p.training_note)
        .Run();
  }
  if (i.suspension) {
    w.Prepared("INSERT INTO suspensions (incident_id, school_id) VALUES (?1, ?2)")
        .Bind(1, *id)
        .Bind(2, i.school_id)
        .Run();
  }
  for (auto& a : n.actions) {
    Statement& action = w.Prepared(
        "INSERT INTO actions (id, school_id, incident_id, pupil_id, kind, label, assignee_role, "
        "assignee_staff_id, due_at, description, because, created_at) VALUES (?12, ?1, ?2, ?3, "
        "?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) RETURNING id");
    action.Bind(1, i.school_id)
        .Bind(2, *id)
        .BindIdOrNull(3, a.pupil_id)
        .Bind(4, a.kind)
        .Bind(5, a.label)
        .Bind(6, a.assignee_role)
        .BindIdOrNull(7, a.assignee_staff_id)
        .Bind(8, a.due_at)
        .Bind(9, a.description)
        .Bind(10, a.because)
        .Bind(11, recorded_at);
    a.id = w.Insert(action, 12, "actions");
    a.incident_id = *id;
  }
  for (auto& e : n.escalations) {
    // Checked here, in the write's own transaction, so that two records
    // made at once for one pupil cannot both propose the same escalation.
    // On PostgreSQL its id is taken first and is the answer's until the
    // answer is read (0 if it was already proposed): its notice, written
    // before then, is written only if the proposal was (WriteNotices).
    e.id = w.NewId("escalations");
    w.Prepared(
         "INSERT INTO escalations (id, school_id, incident_id, pupil_id, escalation, plan, step, "
         "reason, created_at) SELECT ?9, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8 WHERE NOT EXISTS (SELECT "
         "1 FROM escalations WHERE pupil_id = ?3 AND status = 'proposed' AND escalation = ?4) "
         "RETURNING id")
        .Bind(1, i.school_id)
        .Bind(2, *id)
        .Bind(3, e.pupil_id)
        .Bind(4, e.escalation)
        .Bind(5, e.plan)
        .Bind(6, e.step)
        .Bind(7, e.reason)
        .Bind(8, recorded_at)
        .BindIdOrNull(9, e.id)
        .RunForId(&e.id);  // 0: already proposed
    e.incident_id = *id;
  }
  // Who is told, in the same transaction: the record and its notices are
  // durable together or not at all.
  if (!n.notices.empty()) {
    std::vector<NewNotice> notices;
    notices.reserve(n.notices.size());
    for (NewNotice notice : n.notices) {
      notice.incident_id = *id;
      if (notice.action_index >= 0) notice.action_id = n.actions.at(notice.action_index).id;
      if (notice.escalation_index >= 0) {
        notice.escalation_id = n.escalations.at(notice.escalation_index).id;
        // Already proposed, and told then (on PostgreSQL WriteNotices checks).
        if (!notice.escalation_id) continue;
      }
      notices.push_back(std::move(notice));
    }
    WriteNotices(w, i.school_id, notices, recorded_at);
  }
  // What reaches each pupil's family (decision 0026), never for a
  // restricted record whatever the caller asked.
  for (const NewFamilyShare& f : n.family_shares) {
    if (i.restricted || i.safeguarding) break;
    w.Prepared(
         "INSERT INTO family_shares (incident_id, pupil_id, school_id, state, words, send_home, "
         "occurred_at, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
        .Bind(1, *id)
        .Bind(2, f.pupil_id)
        .Bind(3, i.school_id)
        .Bind(4, f.state)
        .Bind(5, f.words)
        .Bind(6, static_cast<long long>(f.send_home))
        .Bind(7, ToUnix(i.occurred_at))
        .Bind(8, recorded_at)
        .Run();
  }
  // And the emails it causes (decision 0025), in the outbox with it.
  WriteMails(w, i.school_id, n.mails, *id, recorded_at);
  w.Prepared(
       "INSERT INTO audit_log (school_id, staff_id, at, action, subject_type, subject_id, "
       "detail, ip) VALUES (?1, ?2, ?3, ?4, 'incident', ?5, ?6, ?7)")
      .BindIdOrNull(1, audit.school_id)
      .BindIdOrNull(2, audit.staff_id)
      .Bind(3, recorded_at)
      .Bind(4, audit.action)
      .Bind(5, *id)
      .Bind(6, audit.detail)
      .Bind(7, audit.ip)
      .Run();
}

Result<long long> SqlStore::CreateIncident(NewIncident& incident, AuditEntry audit) {
  long long id = 0;
  Status st = committer_.Submit([&](WriteSession& w) { WriteIncident(w, incident, &id, audit); });
  if (!st.ok()) return st;
  incident.incident.id = id;
  std::erase_if(incident.escalations, [](const EscalationRecord& e) { return e.id == 0; });
  return id;
}

Status SqlStore::FillIncident(soci::session& sql, Incident& i) {
  soci::rowset<soci::row> pupils =
      (sql.prepare
           << "SELECT ip.pupil_id, ip.role, ip.step, ip.points, "
              "CASE WHEN p.preferred_name <> '' THEN p.preferred_name ELSE p.first_name "
              "END || ' ' || p.last_name, ip.reward FROM incident_pupils ip JOIN pupils p ON "
              "p.id = ip.pupil_id WHERE ip.incident_id = :i ORDER BY "
              "CASE ip.role WHEN 'involved' THEN 0 WHEN 'affected' THEN 1 ELSE 2 END, "
              "p.last_name",
       soci::use(i.id));
  for (const auto& r : pupils) {
    IncidentPupil p{Int(r, 0), Text(r, 1), Text(r, 2), static_cast<int>(Int(r, 3)), Text(r, 4)};
    p.reward_left_out = p.role == "involved" && !i.reward.empty() && Text(r, 5).empty();
    i.pupils.push_back(std::move(p));
  }
  return Status::Ok();
}

Result<Incident> SqlStore::GetIncident(long long school_id, long long id) {
  return ReadGuard("get incident", [&]() -> Result<Incident> {
    auto sql = pool_.Acquire();
    std::optional<Incident> found;
    soci::rowset<soci::row> rows =
        (sql->prepare << std::string(kIncidentColumns) + "WHERE i.school_id = :s AND i.id = :id",
         soci::use(school_id), soci::use(id));
    for (const auto& r : rows) found = ReadIncident(r);
    if (!found) return Status::NotFound("No such record");
    Incident& i = *found;
    FillIncident(*sql, i);
    soci::rowset<soci::row> consequences =
        (sql->prepare << "SELECT consequence, protective, on_date FROM consequences WHERE "
                         "incident_id = :i ORDER BY id",
         soci::use(id));
    for (const auto& r : consequences) {
      i.consequences.push_back({Text(r, 0), Int(r, 1) != 0, OptDate(r, 2)});
    }
    soci::rowset<soci::row> physical =
        (sql->prepare << "SELECT staff_involved, before, de_escalation, hold, duration_minutes, "
                         "reason, injuries, support_after, parent_notice_would_harm, notice_text, "
                         "notice_sent_at, staff_ids, training_note FROM physical_interventions "
                         "WHERE incident_id = :i",
         soci::use(id));
    for (const auto& r : physical) {
      PhysicalIntervention p;
      p.staff_involved = Text(r, 0);
      p.before = Text(r, 1);
      p.de_escalation = Text(r, 2);
      p.hold = Text(r, 3);
      p.duration_minutes = static_cast<int>(Int(r, 4));
      p.reason = Text(r, 5);
      p.injuries = Text(r, 6);
      p.support_after = Text(r, 7);
      p.parent_notice_would_harm = Int(r, 8) != 0;
      p.notice_text = Text(r, 9);
      p.notice_sent_at = OptTime(r, 10);
      for (const auto& id : SplitList(Text(r, 11))) p.staff_ids.push_back(std::stoll(id));
      p.training_note = Text(r, 12);
      i.physical = p;
    }
    soci::rowset<soci::row> suspension =
        (sql->prepare << "SELECT reason_codes, COALESCE(decided_by_staff_id, 0), decided_at, "
                         "starts_on, school_days, parent_notice_at, la_notice_at, outcome, "
                         "not_suspended_reason FROM suspensions WHERE incident_id = :i",
         soci::use(id));
    for (const auto& r : suspension) {
      Suspension s;
      s.reason_codes = SplitList(Text(r, 0));
      s.decided_by_staff_id = Int(r, 1);
      s.decided_at = OptTime(r, 2);
      s.starts_on = OptDate(r, 3);
      s.school_days = static_cast<int>(Int(r, 4));
      s.parent_notice_at = OptTime(r, 5);
      s.la_notice_at = OptTime(r, 6);
      s.outcome = Text(r, 7);
      s.not_suspended_reason = Text(r, 8);
      i.suspension = s;
    }
    return i;
  });
}

// A pupil's records from their own history index (incident_pupils_history,
// migration 0007) first, each joined to its record: a few hundred rows for
// five years, where the school/time index would walk the whole school's.
// CROSS JOIN keeps that order on SQLite (`join`: PostgreSQL's planner
// finds it alone and has no CROSS JOIN with ON). Every filter is in the one
// kept statement; an empty one matches everything.
#define ATTUNE_PUPIL_RECORDS_WHERE(join) \
  "FROM incident_pupils ip " join " incidents i ON i.id = ip.incident_id "               \
  ATTUNE_INCIDENT_JOINS "WHERE ip.pupil_id = ?1 AND ip.occurred_at >= ?2 AND ip.occurred_at < ?3 AND "            \
  "ip.school_id = ?4 AND " ATTUNE_SQL_READABLE("?5") " AND (?6 = '' OR "                    \
  "i.behaviour_class = ?6) AND (?7 = '' OR ip.category = ?7) AND (?8 = '' OR (?8 = "        \
  "'positive' AND i.behaviour_class = 'prosocial') OR (?8 = 'difficult' AND "              \
  "i.behaviour_class <> 'prosocial' AND i.safeguarding = 0) OR (?8 = 'safeguarding' AND "   \
  "i.safeguarding = 1)) "

namespace {

void BindPupilRecords(Rows& rows, const PupilRecordQuery& q) {
  rows.Bind(1, q.pupil_id)
      .Bind(2, q.from ? ToUnix(*q.from) : std::numeric_limits<long long>::min())
      .Bind(3, q.to ? ToUnix(*q.to) : std::numeric_limits<long long>::max())
      .Bind(4, q.school_id)
      .Bind(5, std::string_view(q.viewer_role))
      .Bind(6, std::string_view(q.behaviour_class))
      .Bind(7, std::string_view(q.category))
      .Bind(8, std::string_view(q.kind));
}

}  // namespace

Result<std::vector<Incident>> SqlStore::ListPupilRecords(const PupilRecordQuery& q) {
  return ReadGuard("list pupil records", [&]() -> Result<std::vector<Incident>> {
    auto sql = pool_.Acquire();
#define ATTUNE_PUPIL_RECORDS_LIST(join) \
  "SELECT " ATTUNE_INCIDENT_COLUMNS ", ip.role, ip.step, ip.points, ip.reward "                \
  ATTUNE_PUPIL_RECORDS_WHERE(join) "ORDER BY ip.occurred_at DESC, ip.incident_id DESC LIMIT ?9 " \
  "OFFSET ?10"
    auto rows = sql.Query(sql.Raw().dialect() == Dialect::kPostgres
                              ? ATTUNE_PUPIL_RECORDS_LIST("JOIN")
                              : ATTUNE_PUPIL_RECORDS_LIST("CROSS JOIN"));
    BindPupilRecords(rows, q);
    rows.Bind(9, static_cast<long long>(q.limit)).Bind(10, static_cast<long long>(q.offset));
    std::vector<Incident> out;
    while (rows.Next()) {
      Incident i = ReadIncident(rows);
      // The pupil's own part comes from the index row: nothing more is
      // asked per record.
      IncidentPupil part{q.pupil_id, Text(rows, 26), Text(rows, 27),
                         static_cast<int>(Int(rows, 28)), ""};
      part.reward_left_out = part.role == "involved" && !i.reward.empty() && Text(rows, 29).empty();
      i.pupils.push_back(std::move(part));
      out.push_back(std::move(i));
    }
    return out;
  });
}

Result<long long> SqlStore::CountPupilRecords(const PupilRecordQuery& q) {
  return ReadGuard("count pupil records", [&]() -> Result<long long> {
    auto sql = pool_.Acquire();
    auto rows = sql.Query(sql.Raw().dialect() == Dialect::kPostgres
                              ? "SELECT COUNT(*) " ATTUNE_PUPIL_RECORDS_WHERE("JOIN")
                              : "SELECT COUNT(*) " ATTUNE_PUPIL_RECORDS_WHERE("CROSS JOIN"));
    BindPupilRecords(rows, q);
    return rows.Next() ? Int(rows, 0) : 0;
  });
}

Result<std::vector<PupilHistoryItem>> SqlStore::PupilHistory(long long school_id,
                                                             long long pupil_id, Timestamp since) {
  return ReadGuard("pupil history", [&]() -> Result<std::vector<PupilHistoryItem>> {
    auto sql = pool_.Acquire();
    std::vector<PupilHistoryItem> out;
    // Read for every pupil in every record: a kept statement, answered from
    // the incident_pupils_history index alone (migration 0007).
    auto rows = sql.Query(
        "SELECT occurred_at, category, step, reward, points FROM incident_pupils WHERE "
        "pupil_id = ?1 AND occurred_at >= ?2 AND role = 'involved' AND school_id = ?3 ORDER BY "
        "occurred_at");
    rows.Bind(1, pupil_id).Bind(2, ToUnix(since)).Bind(3, school_id);
    while (rows.Next()) {
      out.push_back({FromUnix(Int(rows, 0)), Text(rows, 1), Text(rows, 2), Text(rows, 3),
                     static_cast<int>(Int(rows, 4))});
    }
    return out;
  });
}

Result<std::vector<HistoryExportRow>> SqlStore::ExportHistory(long long school_id) {
  return ReadGuard("export history", [&]() -> Result<std::vector<HistoryExportRow>> {
    auto sql = pool_.Acquire();
    std::vector<HistoryExportRow> out;
    soci::rowset<soci::row> rows =
        (sql->prepare << "SELECT ip.pupil_id, ip.occurred_at, ip.category, i.behaviour_class, "
                         "p.sen_status FROM incident_pupils ip JOIN incidents i ON i.id = "
                         "ip.incident_id JOIN pupils p ON p.id = ip.pupil_id WHERE ip.school_id = "
                         ":s AND ip.role = 'involved' ORDER BY ip.occurred_at, ip.incident_id",
         soci::use(school_id));
    for (const auto& r : rows) {
      out.push_back({Int(r, 0), FromUnix(Int(r, 1)), Text(r, 2), Text(r, 3), Text(r, 4)});
    }
    return out;
  });
}

Status SqlStore::SetIncidentRepaired(long long school_id, long long id, Timestamp at) {
  return Guard("incident repaired", [&]() -> Status {
    auto sql = pool_.Acquire();
    long long t = ToUnix(at);
    *sql << "UPDATE incidents SET repaired_at = COALESCE(repaired_at, :t) WHERE school_id = :s "
            "AND id = :id",
        soci::use(t), soci::use(school_id), soci::use(id);
    return Status::Ok();
  });
}

Status SqlStore::CloseIncident(long long school_id, long long id, Timestamp at) {
  return Guard("close incident", [&]() -> Status {
    auto sql = pool_.Acquire();
    long long t = ToUnix(at);
    *sql << "UPDATE incidents SET closed_at = COALESCE(closed_at, :t) WHERE school_id = :s AND "
            "id = :id",
        soci::use(t), soci::use(school_id), soci::use(id);
    return Status::Ok();
  });
}

Status SqlStore::MarkParentNoticeSent(long long school_id, long long incident_id, Timestamp at) {
  return Guard("parent notice sent", [&]() -> Status {
    auto sql = pool_.Acquire();
    long long t = ToUnix(at);
    *sql << "UPDATE physical_interventions SET notice_sent_at = COALESCE(notice_sent_at, :t) "
            "WHERE school_id = :s AND incident_id = :i",
        soci::use(t), soci::use(school_id), soci::use(incident_id);
    return Status::Ok();
  });
}

Result<RecordTally> SqlStore::TallyRecords(long long school_id, const std::string& viewer,
                                           Timestamp from, Timestamp to) {
  return ReadGuard("tally records", [&]() -> Result<RecordTally> {
    auto sql = pool_.Acquire();
    long long f = ToUnix(from), t = ToUnix(to);
    RecordTally out;
    *sql << "SELECT COUNT(*), COALESCE(SUM(CASE WHEN i.behaviour_class = 'prosocial' THEN 1 ELSE 0 "
            "END), 0), "
            "COALESCE(SUM(i.safeguarding), 0), COALESCE(SUM(i.physical_intervention), 0) "
            "FROM incidents i WHERE i.school_id = :s AND i.occurred_at >= :f AND "
            "i.occurred_at < :t AND " ATTUNE_SQL_READABLE(":viewer"),
        soci::use(school_id, "s"), soci::use(f, "f"), soci::use(t, "t"),
        soci::use(viewer, "viewer"), soci::into(out.records), soci::into(out.prosocial),
        soci::into(out.safeguarding), soci::into(out.physical_interventions);
    *sql << "SELECT COUNT(*) FROM escalations e JOIN incidents i ON i.id = e.incident_id WHERE "
            "e.school_id = :s AND e.status = 'proposed' AND " ATTUNE_SQL_READABLE(":viewer"),
        soci::use(school_id, "s"), soci::use(viewer, "viewer"),
        soci::into(out.escalations_proposed);
    return out;
  });
}

Result<long long> SqlStore::LastIncidentId() {
  return ReadGuard("last incident id", [&]() -> Result<long long> {
    auto sql = pool_.Acquire();
    Rows r = sql.Query("SELECT COALESCE(MAX(id), 0) FROM incidents");
    return r.Next() ? r.Int(0) : 0;
  });
}

Status SqlStore::ForEachRecordFact(long long after, long long up_to,
                                   const std::function<void(const RecordFact&)>& each) {
  return Guard("read records for insight", [&]() -> Status {
    auto sql = pool_.Acquire();
    // Every pupil once, and their records without a look-up of the pupil
    // for each. Read first: a record's pupil was saved before it, so every
    // record up to `up_to` finds its pupil here (one deleted since has
    // taken its records with it).
    struct Pupil {
      int year_group = 0;
      long long form_id = 0;
      PupilGroupFields groups;
    };
    // By id: ids are near dense (a school's pupils are added together), so
    // a list indexed by id finds one in a step; a hash map if they are not.
    std::vector<Pupil> pupils;
    std::vector<int32_t> place_of;  // pupils' place by id; -1 for none
    std::unordered_map<long long, int32_t> sparse;
    // A few records (one just saved, told to insight): only their pupils,
    // not the whole of every school's (which on PostgreSQL cost more than
    // the record's own write).
    const bool few = up_to - after <= kFewRecords;
    {
      Rows p = few ? sql.Query("SELECT p.id, p.year_group, COALESCE(p.form_id, 0), "
                               ATTUNE_PUPIL_GROUP_FIELDS("p") " FROM pupils p WHERE p.id IN "
                               "(SELECT ip.pupil_id FROM incident_pupils ip WHERE "
                               "ip.incident_id > ?1 AND ip.incident_id <= ?2 AND ip.role = "
                               "'involved') ORDER BY p.id")
                   : sql.Query("SELECT p.id, p.year_group, COALESCE(p.form_id, 0), "
                               ATTUNE_PUPIL_GROUP_FIELDS("p") " FROM pupils p ORDER BY p.id");
      if (few) p.Bind(1, after).Bind(2, up_to);
      std::vector<long long> ids;
      while (p.Next()) {
        ids.push_back(p.Int(0));
        pupils.push_back({static_cast<int>(p.Int(1)), p.Int(2), ReadGroupFields(p, 3)});
      }
      const long long most = ids.empty() ? 0 : ids.back();
      // Dense enough: a list of ids up to sixteen times the pupils (or a
      // million), four bytes each, held while the records are read; never
      // for a few pupils.
      const bool dense =
          !few && most >= 0 &&
          most < std::max<long long>(16 * static_cast<long long>(ids.size()), 1 << 20);
      if (dense) place_of.assign(static_cast<size_t>(most) + 1, -1);
      for (size_t i = 0; i < ids.size(); ++i) {
        if (dense && ids[i] >= 0) {
          place_of[static_cast<size_t>(ids[i])] = static_cast<int32_t>(i);
        } else {
          sparse[ids[i]] = static_cast<int32_t>(i);
        }
      }
    }
    auto find = [&](long long id) -> const Pupil* {
      if (id >= 0 && static_cast<size_t>(id) < place_of.size()) {
        int32_t at = place_of[static_cast<size_t>(id)];
        return at < 0 ? nullptr : &pupils[static_cast<size_t>(at)];
      }
      auto it = sparse.find(id);
      return it == sparse.end() ? nullptr : &pupils[static_cast<size_t>(it->second)];
    };
    // The primary key of incident_pupils leads with incident_id: one range.
    Rows r = sql.Query(
        "SELECT ip.incident_id, ip.school_id, ip.occurred_at, ip.category, i.behaviour_class, "
        "i.place, COALESCE(i.recorded_by_staff_id, 0), ip.pupil_id, i.restricted, "
        "i.physical_intervention, i.visible_to FROM incident_pupils ip JOIN incidents i ON "
        "i.id = ip.incident_id WHERE ip.incident_id > ?1 AND ip.incident_id <= ?2 AND "
        "ip.role = 'involved' ORDER BY ip.incident_id");
    r.Bind(1, after).Bind(2, up_to);
    RecordFact f;
    while (r.Next()) {
      f.incident_id = r.Int(0);
      f.school_id = r.Int(1);
      f.occurred_at = FromUnix(r.Int(2));
      // Into the strings' own room: no allocation a row.
      f.category.assign(r.TextView(3));
      f.behaviour_class.assign(r.TextView(4));
      f.place.assign(r.TextView(5));
      f.staff_id = r.Int(6);
      f.pupil_id = r.Int(7);
      f.restricted = r.Int(8) != 0;
      f.physical_intervention = r.Int(9) != 0;
      f.visible_to.assign(f.restricted ? r.TextView(10) : std::string_view());
      const Pupil* pupil = find(f.pupil_id);
      if (!pupil) continue;  // a pupil's row always exists (foreign key)
      f.year_group = pupil->year_group;
      f.form_id = pupil->form_id;
      f.groups = pupil->groups;
      each(f);
    }
    return Status::Ok();
  });
}

Status SqlStore::UndoIncident(long long school_id, long long id, long long staff_id,
                              Timestamp since) {
  return Guard("undo incident", [&]() -> Status {
    auto sql = pool_.Acquire();
    long long t = ToUnix(since);
    // Its pupils, actions and the rest go with it (ON DELETE CASCADE).
    soci::statement st =
        (sql->prepare << "DELETE FROM incidents WHERE school_id = :s AND id = :id AND "
                         "recorded_by_staff_id = :b AND recorded_at >= :t AND behaviour_class = "
                         "'prosocial' AND NOT EXISTS (SELECT 1 FROM actions a WHERE "
                         "a.incident_id = incidents.id AND a.status = 'done')",
         soci::use(school_id), soci::use(id), soci::use(staff_id), soci::use(t));
    st.execute(true);
    if (st.get_affected_rows() == 0) return Status::Conflict("This can no longer be undone");
    return Status::Ok();
  });
}

Result<std::vector<EscalationRecord>> SqlStore::ListEscalations(long long school_id,
                                                                long long pupil_id,
                                                                long long incident_id,
                                                                const std::string& viewer) {
  return ReadGuard("list escalations", [&]() -> Result<std::vector<EscalationRecord>> {
    auto sql = pool_.Acquire();
    std::vector<EscalationRecord> out;
    // One kept statement per filter, so a pupil's escalations come from the
    // escalations_pupil index and a record's from escalations_incident;
    // "(?2 = 0 OR pupil_id = ?2)" scanned the whole table on every record
    // (docs/performance.md, "Recording an incident").
#define ATTUNE_ESCALATIONS                                                                     \
  "SELECT e.id, e.incident_id, e.pupil_id, e.escalation, e.plan, e.step, e.reason, e.status, " \
  "i.restricted FROM escalations e JOIN incidents i ON i.id = e.incident_id WHERE "            \
  "e.school_id = ?1 AND " ATTUNE_SQL_READABLE("?4")
    const char* text =
        pupil_id && incident_id ? ATTUNE_ESCALATIONS
            " AND e.pupil_id = ?2 AND e.incident_id = ?3 ORDER BY e.id DESC "
            "LIMIT 200"
        : pupil_id    ? ATTUNE_ESCALATIONS " AND e.pupil_id = ?2 ORDER BY e.id DESC LIMIT 200"
        : incident_id ? ATTUNE_ESCALATIONS " AND e.incident_id = ?3 ORDER BY e.id DESC LIMIT 200"
                      : ATTUNE_ESCALATIONS " ORDER BY e.id DESC LIMIT 200";
#undef ATTUNE_ESCALATIONS
    auto rows = sql.Query(text);
    rows.Bind(1, school_id).Bind(4, viewer);
    if (pupil_id) rows.Bind(2, pupil_id);
    if (incident_id) rows.Bind(3, incident_id);
    while (rows.Next()) {
      out.push_back({Int(rows, 0), Int(rows, 1), Int(rows, 2), Text(rows, 3), Text(rows, 4),
                     Text(rows, 5), Text(rows, 6), Text(rows, 7), Int(rows, 8) != 0});
    }
    return out;
  });
}

Status SqlStore::SetEscalationStatus(long long school_id, long long id, const std::string& status) {
  return Guard("escalation status", [&]() -> Status {
    auto sql = pool_.Acquire();
    *sql << "UPDATE escalations SET status = :st WHERE school_id = :s AND id = :id",
        soci::use(status), soci::use(school_id), soci::use(id);
    return Status::Ok();
  });
}

}  // namespace attune::sql
