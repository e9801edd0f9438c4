// IncidentStore's suspensions on SQLite: the headteacher's decision, the
// notices to parents and the local authority, and a pupil's suspension days
// in a school year. The suspensions row is written with its incident
// (incident_queries.cpp) and read back by GetIncident.
#include "storage/sql/row.h"
#include "storage/sql/sql_store.h"

namespace attune::sql {

Status SqlStore::SaveSuspension(long long school_id, long long incident_id, const Suspension& s) {
  return Guard("save suspension", [&]() -> Status {
    auto sql = pool_.Acquire();
    std::string codes = JoinList(s.reason_codes);
    long long by = s.decided_by_staff_id;
    soci::indicator by_ind = NullIfZero(by);
    long long decided = s.decided_at ? ToUnix(*s.decided_at) : 0;
    soci::indicator decided_ind = s.decided_at ? soci::i_ok : soci::i_null;
    std::string starts = s.starts_on ? FormatDate(*s.starts_on) : "";
    soci::indicator starts_ind = s.starts_on ? soci::i_ok : soci::i_null;
    long long days = s.school_days;
    // Only an undecided suspension takes a decision: two leaders deciding at
    // once cannot both win.
    soci::statement st =
        (sql->prepare << "UPDATE suspensions SET outcome = :o, reason_codes = :c, "
                         "decided_by_staff_id = :b, decided_at = :d, starts_on = :on, "
                         "school_days = :n, not_suspended_reason = :r WHERE school_id = :s AND "
                         "incident_id = :i AND outcome = ''",
         soci::use(s.outcome), soci::use(codes), soci::use(by, by_ind),
         soci::use(decided, decided_ind), soci::use(starts, starts_ind), soci::use(days),
         soci::use(s.not_suspended_reason), soci::use(school_id), soci::use(incident_id));
    st.execute(true);
    if (st.get_affected_rows() == 1) return Status::Ok();
    long long rows = 0;
    *sql << "SELECT COUNT(*) FROM suspensions WHERE school_id = :s AND incident_id = :i",
        soci::into(rows), soci::use(school_id), soci::use(incident_id);
    if (rows == 0) return Status::NotFound("This record is not a suspension");
    return Status::Conflict("The decision is already recorded");
  });
}

Status SqlStore::MarkSuspensionNoticeSent(long long school_id, long long incident_id, bool parent,
                                          Timestamp at) {
  return Guard("suspension notice sent", [&]() -> Status {
    auto sql = pool_.Acquire();
    long long t = ToUnix(at);
    const char* query =
        parent ? "UPDATE suspensions SET parent_notice_at = :t WHERE school_id = :s AND "
                 "incident_id = :i AND outcome = 'suspended' AND parent_notice_at IS NULL"
               : "UPDATE suspensions SET la_notice_at = :t WHERE school_id = :s AND "
                 "incident_id = :i AND outcome = 'suspended' AND la_notice_at IS NULL";
    soci::statement st =
        (sql->prepare << query, soci::use(t), soci::use(school_id), soci::use(incident_id));
    st.execute(true);
    if (st.get_affected_rows() == 0)
      return Status::Conflict("The notice is already marked as sent");
    return Status::Ok();
  });
}

Result<int> SqlStore::SuspensionDays(long long school_id, long long pupil_id, Date from, Date to,
                                     long long except_incident_id) {
  return ReadGuard("suspension days", [&]() -> Result<int> {
    auto sql = pool_.Acquire();
    std::string first = FormatDate(from), end = FormatDate(to);
    // Pupil first: incident_pupils_history finds the pupil's records, the
    // primary key their suspensions.
    soci::rowset<soci::row> rows =
        (sql->prepare << "SELECT COALESCE(SUM(s.school_days), 0) FROM suspensions s WHERE "
                         "s.incident_id IN (SELECT incident_id FROM incident_pupils WHERE "
                         "pupil_id = :p AND role = 'involved') AND s.school_id = :s AND "
                         "s.outcome = 'suspended' AND s.starts_on >= :f AND s.starts_on < :t AND "
                         "s.incident_id <> :x",
         soci::use(pupil_id), soci::use(school_id), soci::use(first), soci::use(end),
         soci::use(except_incident_id));
    long long total = 0;
    for (const auto& r : rows) total = Int(r, 0);
    return static_cast<int>(total);
  });
}

}  // namespace attune::sql
