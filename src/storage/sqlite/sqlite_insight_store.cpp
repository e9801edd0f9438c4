// InsightStore on SQLite: outcomes month by month (storage/insight_store.h).
//
// Each month is asked on its own, with its London midnights, so that a
// record made at 00:30 on 1 April in summer time counts in April. Every
// question starts from an index of the few rows it counts (migration 0023):
// the school's records with a physical intervention, its consequences, its
// suspensions by the day they start, its follow-ups by the time they are
// due (actions_queue) and its plans (plans_school, plans_school_ended);
// never from all of the school's records in the window. A restricted
// record counts only for the roles it names (`viewer`, decision 0023).
#include "storage/sqlite/readable.h"
#include "storage/sqlite/row.h"
#include "storage/sqlite/sqlite_store.h"

// clang-format off
// The pupil a count is about: read by ReadKind from column 2 on.
#define ATTUNE_OUTCOME_KIND \
  "p.year_group, COALESCE(p.form_id, 0), " ATTUNE_PUPIL_GROUP_FIELDS("p")
// The involved pupils of the record in `record_id`, and who they are.
#define ATTUNE_OUTCOME_PUPILS(record_id)                                                    \
  " JOIN incident_pupils ip ON ip.incident_id = " record_id " AND ip.role = 'involved'"     \
  " JOIN pupils p ON p.id = ip.pupil_id "
// clang-format on

namespace attune::sqlite {
namespace {

constexpr const char* kPhysical =
    "SELECT '', '', " ATTUNE_OUTCOME_KIND
    ", COUNT(*), 0 FROM incidents i INDEXED BY incidents_physical JOIN physical_interventions pi ON "
    "pi.incident_id = i.id"
    " " ATTUNE_OUTCOME_PUPILS("i.id")
    "WHERE i.school_id = ?1 AND i.physical_intervention = 1 AND i.occurred_at >= ?2 AND "
    "i.occurred_at < ?3 AND " ATTUNE_SQL_READABLE("?4") " GROUP BY " ATTUNE_OUTCOME_KIND;

constexpr const char* kConsequences =
    "SELECT c.consequence, '', " ATTUNE_OUTCOME_KIND
    ", COUNT(*), 0 FROM consequences c " ATTUNE_OUTCOME_PUPILS("c.incident_id")
    "WHERE c.school_id = ?1 AND c.occurred_at >= ?2 AND c.occurred_at < ?3 AND "
    ATTUNE_SQL_NOT_HIDDEN("c.incident_id", "?1", "?4") " GROUP BY c.consequence, " ATTUNE_OUTCOME_KIND;

constexpr const char* kSuspensions =
    "SELECT '', '', " ATTUNE_OUTCOME_KIND
    ", COUNT(*), SUM(s.school_days) FROM suspensions s " ATTUNE_OUTCOME_PUPILS("s.incident_id")
    "WHERE s.school_id = ?1 AND s.outcome = 'suspended' AND s.starts_on >= ?2 AND "
    "s.starts_on <= ?3 AND " ATTUNE_SQL_NOT_HIDDEN("s.incident_id", "?1", "?4") " GROUP BY "
    ATTUNE_OUTCOME_KIND;

// A senior leader's "no repair" closes the pupil's open follow-ups as done;
// it counts as not repaired unless a repair was recorded after all.
constexpr const char* kRepairs =
    "SELECT a.kind, CASE WHEN nr.incident_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "
    "restorative_conversations rc WHERE rc.incident_id = a.incident_id AND rc.pupil_id = "
    "a.pupil_id AND rc.repaired = 1) THEN 'not_repaired' WHEN nr.incident_id IS NOT NULL THEN "
    "'late' WHEN a.status = 'open' THEN 'open' WHEN a.completed_at <= a.due_at THEN 'in_time' "
    "ELSE 'late' END, " ATTUNE_OUTCOME_KIND
    ", COUNT(*), 0 FROM actions a JOIN pupils p ON p.id = a.pupil_id LEFT JOIN no_repairs nr "
    "ON nr.incident_id = a.incident_id AND nr.pupil_id = a.pupil_id WHERE a.school_id = ?1 AND "
    "a.status IN ('open', 'done') AND a.due_at >= ?2 AND a.due_at < ?3 AND a.kind IN "
    "('restorative_conversation', 'repair') AND " ATTUNE_SQL_NOT_HIDDEN(
        "a.incident_id", "?1", "?4") " GROUP BY 1, 2, " ATTUNE_OUTCOME_KIND;

constexpr const char* kPlansStarted =
    "SELECT pl.plan, '', " ATTUNE_OUTCOME_KIND
    ", COUNT(*), 0 FROM plans pl JOIN pupils p ON p.id = pl.pupil_id WHERE pl.school_id = ?1 "
    "AND pl.status IN ('active', 'ended') AND pl.started_on >= ?2 AND pl.started_on <= ?3 "
    "GROUP BY pl.plan, " ATTUNE_OUTCOME_KIND;

constexpr const char* kPlansEnded =
    "SELECT pl.plan, pl.outcome, " ATTUNE_OUTCOME_KIND
    ", COUNT(*), 0 FROM plans pl JOIN pupils p ON p.id = pl.pupil_id WHERE pl.school_id = ?1 "
    "AND pl.status = 'ended' AND pl.ends_on >= ?2 AND pl.ends_on <= ?3 "
    "GROUP BY pl.plan, pl.outcome, " ATTUNE_OUTCOME_KIND;

void ReadCounts(Rows& r, size_t month, std::vector<OutcomeCount>& out) {
  while (r.Next()) {
    OutcomeCount c;
    c.month = month;
    c.what = r.Text(0);
    c.how = r.Text(1);
    c.year_group = static_cast<int>(r.Int(2));
    c.form_id = r.Int(3);
    c.groups = ReadGroupFields(r, 4);
    c.count = r.Int(10);
    c.days = r.Int(11);
    out.push_back(std::move(c));
  }
}

}  // namespace

Result<OutcomeCounts> SqliteStore::CountOutcomes(long long school_id,
                                                 const std::vector<OutcomeMonth>& months,
                                                 const std::string& viewer) {
  OutcomeCounts out;
  Status st = ReadTogether([&]() -> Status {
    return Guard("count outcomes", [&]() -> Status {
      auto sql = pool_.Acquire();
      for (size_t m = 0; m < months.size(); ++m) {
        const OutcomeMonth& month = months[m];
        long long from = ToUnix(LondonInstant(month.first, 0));
        long long to = ToUnix(LondonInstant(Date(date::sys_days(month.last) + date::days(1)), 0));
        std::string first = FormatDate(month.first), last = FormatDate(month.last);
        auto by_time = [&](const char* query, std::vector<OutcomeCount>& into) {
          Rows r = sql.Query(query);
          r.Bind(1, school_id).Bind(2, from).Bind(3, to).Bind(4, std::string_view(viewer));
          ReadCounts(r, m, into);
        };
        auto by_day = [&](const char* query, std::vector<OutcomeCount>& into, bool record) {
          Rows r = sql.Query(query);
          r.Bind(1, school_id).Bind(2, std::string_view(first)).Bind(3, std::string_view(last));
          if (record) r.Bind(4, std::string_view(viewer));
          ReadCounts(r, m, into);
        };
        by_time(kPhysical, out.physical);
        by_time(kConsequences, out.consequences);
        by_day(kSuspensions, out.suspensions, true);
        by_time(kRepairs, out.repairs);
        by_day(kPlansStarted, out.plans_started, false);
        by_day(kPlansEnded, out.plans_ended, false);
      }
      return Status::Ok();
    });
  });
  if (!st.ok()) return st;
  return out;
}

}  // namespace attune::sqlite
