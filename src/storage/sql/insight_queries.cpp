// InsightStore on SQL: outcomes month by month (storage/insight_store.h).
//
// One question for each outcome over every month asked: the months are
// bound as a JSON list of their bounds ([[first, after last], ...]: London
// midnights as Unix times, or dates), read once by json_each as the outer
// loop (CROSS JOIN keeps it outside), and each month's rows are found by a
// range of an index of the few rows the outcome counts (migration 0023):
// the school's records with a physical intervention, its consequences, its
// suspensions by the day they start, its follow-ups by the time they are
// due (actions_queue) and its plans (plans_school, plans_school_ended);
// never all of the school's records in the window. A month's London
// midnights mean that a record made at 00:30 on 1 April in summer time
// counts in April. A restricted record counts only for the roles it names
// (`viewer`, decision 0023).
#include <map>
#include <nlohmann/json.hpp>
#include <tuple>
#include <unordered_map>

#include "storage/sql/readable.h"
#include "storage/sql/row.h"
#include "storage/sql/sql_store.h"

// clang-format off
// The months (?2): k, the month's place in the list; lo and hi, its bounds.
#define ATTUNE_OUTCOME_MONTHS                                                               \
  "WITH m(k, lo, hi) AS (SELECT CAST(key AS INTEGER), json_extract(value, '$[0]'), "        \
  "json_extract(value, '$[1]') FROM json_each(?2)) "
// The same on PostgreSQL, whose bounds are typed: instants or dates.
#define ATTUNE_PG_MONTHS(type)                                                              \
  "WITH m(k, lo, hi) AS (SELECT e.k - 1, CAST(e.v->>0 AS " type "), CAST(e.v->>1 AS " type \
  ") FROM jsonb_array_elements(CAST(?2 AS jsonb)) WITH ORDINALITY AS e(v, k)) "
// An outcome's query in both dialects: [0] SQLite, [1] PostgreSQL.
#define ATTUNE_OUTCOME_QUERY(type, body) \
  { ATTUNE_OUTCOME_MONTHS body, ATTUNE_PG_MONTHS(type) body }
// The involved pupils of the record in `record_id`.
#define ATTUNE_OUTCOME_PUPILS(record_id) \
  " JOIN incident_pupils ip ON ip.incident_id = " record_id " AND ip.role = 'involved' "
// clang-format on

namespace attune::sql {
namespace {

// Each query gives one row for each pupil something happened to: the
// month's place (m.k), what, how, the pupil and (suspensions) the days;
// CountOutcomes adds them up by the pupil's kind. Counting in SQL grouped
// by the kind's eight columns took longer than reading the rows: a large
// school's five years of follow-ups are some thirteen thousand.
#define ATTUNE_PHYSICAL(indexed) \
  "SELECT m.k, '', '', ip.pupil_id, 0 FROM m CROSS JOIN incidents i " indexed                 \
  " JOIN physical_interventions pi ON pi.incident_id = i.id" ATTUNE_OUTCOME_PUPILS("i.id")   \
  "WHERE i.school_id = ?1 AND i.physical_intervention = 1 AND i.occurred_at >= m.lo AND "    \
  "i.occurred_at < m.hi AND " ATTUNE_SQL_READABLE("?3")
const char* const kPhysical[2] = {
    ATTUNE_OUTCOME_MONTHS ATTUNE_PHYSICAL("INDEXED BY incidents_physical"),
    ATTUNE_PG_MONTHS("BIGINT") ATTUNE_PHYSICAL("")};

const char* const kConsequences[2] = ATTUNE_OUTCOME_QUERY("BIGINT", "SELECT m.k, c.consequence, '', ip.pupil_id, 0 FROM m CROSS JOIN "
    "consequences c" ATTUNE_OUTCOME_PUPILS("c.incident_id") "WHERE c.school_id = ?1 AND "
    "c.occurred_at >= m.lo AND c.occurred_at < m.hi AND "
    ATTUNE_SQL_NOT_HIDDEN("c.incident_id", "?1", "?3"));

const char* const kSuspensions[2] = ATTUNE_OUTCOME_QUERY("TEXT", "SELECT m.k, '', '', ip.pupil_id, s.school_days FROM m CROSS JOIN "
    "suspensions s" ATTUNE_OUTCOME_PUPILS("s.incident_id") "WHERE s.school_id = ?1 AND "
    "s.outcome = 'suspended' AND s.starts_on >= m.lo AND s.starts_on < m.hi AND "
    ATTUNE_SQL_NOT_HIDDEN("s.incident_id", "?1", "?3"));

// A senior leader's "no repair" closes the pupil's open follow-ups as done;
// it counts as not repaired unless a repair was recorded after all.
const char* const kRepairs[2] = ATTUNE_OUTCOME_QUERY(
    "BIGINT",
    "SELECT m.k, a.kind, CASE WHEN nr.incident_id IS NOT NULL AND NOT "
    "EXISTS (SELECT 1 FROM restorative_conversations rc WHERE rc.incident_id = a.incident_id AND "
    "rc.pupil_id = a.pupil_id AND rc.repaired = 1) THEN 'not_repaired' WHEN nr.incident_id IS "
    "NOT NULL THEN 'late' WHEN a.status = 'open' THEN 'open' WHEN a.completed_at <= a.due_at "
    "THEN 'in_time' ELSE 'late' END, a.pupil_id, 0 FROM m CROSS JOIN actions a LEFT JOIN "
    "no_repairs nr ON nr.incident_id = a.incident_id AND nr.pupil_id = a.pupil_id WHERE "
    "a.school_id = ?1 AND a.status IN ('open', 'done') AND a.due_at >= m.lo AND a.due_at < m.hi "
    "AND a.kind IN ('restorative_conversation', 'repair') AND " ATTUNE_SQL_NOT_HIDDEN(
        "a.incident_id", "?1", "?3"));

const char* const kPlansStarted[2] = ATTUNE_OUTCOME_QUERY(
    "TEXT",
    "SELECT m.k, pl.plan, '', pl.pupil_id, 0 FROM m CROSS JOIN plans pl "
    "WHERE pl.school_id = ?1 AND pl.status IN ('active', 'ended') AND pl.started_on >= m.lo AND "
    "pl.started_on < m.hi");

const char* const kPlansEnded[2] = ATTUNE_OUTCOME_QUERY(
    "TEXT",
    "SELECT m.k, pl.plan, pl.outcome, pl.pupil_id, 0 FROM m CROSS JOIN "
    "plans pl WHERE pl.school_id = ?1 AND pl.status = 'ended' AND pl.ends_on >= m.lo AND "
    "pl.ends_on < m.hi");

// Every pupil of the school (those who have left too), and who they are.
constexpr const char* kPupils =
    "SELECT p.id, p.year_group, COALESCE(p.form_id, 0), " ATTUNE_PUPIL_GROUP_FIELDS(
        "p") " FROM pupils p WHERE p.school_id = ?1";

// The pupils' kinds, as OutcomeCount holds them, by pupil id.
std::unordered_map<long long, OutcomeCount> ReadKinds(Rows& r) {
  std::unordered_map<long long, OutcomeCount> out;
  while (r.Next()) {
    OutcomeCount& c = out[r.Int(0)];
    c.year_group = static_cast<int>(r.Int(1));
    c.form_id = r.Int(2);
    c.groups = ReadGroupFields(r, 3);
  }
  return out;
}

// The rows of one query added up by month, what, how and the pupil's kind.
void ReadCounts(Rows& r, const std::unordered_map<long long, OutcomeCount>& kinds,
                std::vector<OutcomeCount>& out) {
  using Key = std::tuple<size_t, std::string, std::string, const OutcomeCount*>;
  std::map<Key, std::pair<long long, long long>> sums;  // count, days
  while (r.Next()) {
    auto kind = kinds.find(r.Int(3));
    if (kind == kinds.end()) continue;  // a pupil of another school: never so
    auto& [count, days] =
        sums[{static_cast<size_t>(r.Int(0)), r.Text(1), r.Text(2), &kind->second}];
    ++count;
    days += r.Int(4);
  }
  for (const auto& [key, sum] : sums) {
    OutcomeCount c = *std::get<3>(key);
    c.month = std::get<0>(key);
    c.what = std::get<1>(key);
    c.how = std::get<2>(key);
    c.count = sum.first;
    c.days = sum.second;
    out.push_back(std::move(c));
  }
}

}  // namespace

Result<OutcomeCounts> SqlStore::CountOutcomes(long long school_id,
                                              const std::vector<OutcomeMonth>& months,
                                              const std::string& viewer) {
  // Each month's bounds: London midnights for what happened at a time,
  // dates for what starts or ends on a day (the day after the last: both
  // ranges are half open).
  nlohmann::json times = nlohmann::json::array(), days = nlohmann::json::array();
  for (const OutcomeMonth& month : months) {
    Date after = Date(date::sys_days(month.last) + date::days(1));
    times.push_back({ToUnix(LondonInstant(month.first, 0)), ToUnix(LondonInstant(after, 0))});
    days.push_back({FormatDate(month.first), FormatDate(after)});
  }
  const std::string by_time = times.dump(), by_day = days.dump();
  OutcomeCounts out;
  Status st = ReadTogether([&]() -> Status {
    return Guard("count outcomes", [&]() -> Status {
      auto sql = pool_.Acquire();
      Rows pupils = sql.Query(kPupils);
      pupils.Bind(1, school_id);
      const auto kinds = ReadKinds(pupils);
      // `record`: the outcome belongs to records, some of them restricted.
      const int pg = sql.Raw().dialect() == Dialect::kPostgres ? 1 : 0;
      auto count = [&](const char* const* query, const std::string& bounds, bool record,
                       std::vector<OutcomeCount>& into) {
        Rows r = sql.Query(query[pg]);
        r.Bind(1, school_id).Bind(2, std::string_view(bounds));
        if (record) r.Bind(3, std::string_view(viewer));
        ReadCounts(r, kinds, into);
      };
      count(kPhysical, by_time, true, out.physical);
      count(kConsequences, by_time, true, out.consequences);
      count(kSuspensions, by_day, true, out.suspensions);
      count(kRepairs, by_time, true, out.repairs);
      count(kPlansStarted, by_day, false, out.plans_started);
      count(kPlansEnded, by_day, false, out.plans_ended);
      return Status::Ok();
    });
  });
  if (!st.ok()) return st;
  return out;
}

}  // namespace attune::sql
