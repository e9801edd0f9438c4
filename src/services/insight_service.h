// Insight (issue 14): the server's insight engine (insight/index.h), kept
// up to date with the store, and the questions each member of staff may
// ask of it.
//
// At Start the engine is loaded from the store on a thread of its own
// (pages answer meanwhile; insight says it is still loading). Every record
// saved or undone afterwards is told to it (RecordListener, called by
// IncidentService after the commit) and counted within a moment: the
// service's thread reads the record's pupils back from the store, so what
// insight counts is always what the store holds.
//
// Who sees what: the whole school's figures for those holding
// insight.school; anyone else their own recording only; which pupils have
// most records only for insight.pupils. A restricted record counts, and is
// listed, only for the roles its policy lets read it: a count narrowed far
// enough would name the child (decision 0023). A school's staff only ever
// count their own school.
//
// Thread-safety: safe to share between request threads.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/status.h"
#include "insight/index.h"
#include "model/principal.h"
#include "services/policy_service.h"
#include "services/record_listener.h"
#include "services/school_clock.h"
#include "services/suppression.h"
#include "storage/store.h"

namespace attune {

// What a person asks, as the query string gives it (ParseInsightQuery).
struct InsightQuery {
  std::optional<Date> from, to;  // inclusive
  uint32_t classes = 0xFF;       // bit per policy::BehaviourClass
  std::vector<std::string> categories;
  std::vector<std::string> places;
  uint32_t years = 0xFFFF;  // bit per year group
  std::vector<long long> forms;
  uint32_t groups = 0;     // insight::Group bits, all required
  long long staff_id = 0;  // one member of staff's own recording
  long long pupil_id = 0;  // one pupil's pattern
  // Fill counts.by_day_class, by_year_class and by_form_class too (the
  // page's trends, year groups and forms, from one pass).
  bool split_classes = false;
};

// The pupil groups a query may name (group=...) and insight::Group bits:
// "sen_support", "ehcp", "fsm", "looked_after", "female", "male", and the
// DfE major ethnic groups "white", "mixed", "asian", "black", "chinese",
// "other_ethnic", "unclassified".
struct GroupName {
  const char* name;
  const char* label;  // what a person reads
  uint32_t bit;
};
const std::vector<GroupName>& InsightGroups();
// The insight::Group bits of a pupil as the store holds them.
uint32_t GroupsOf(const PupilGroupFields& pupil);

// Whether `day` is one insight answers about: 2000-01-01 to 2099-12-31.
bool InsightDateInRange(Date day);
// The longest window insight answers, in days (ten years); a longer one
// keeps its last ten years.
inline constexpr int kInsightLongestDays = 3653;

// Reads from, to (YYYY-MM-DD), class, category, place, year, form, group
// (comma lists), staff and pupil (ids); `get` gives "" for a parameter not
// given. Invalid naming the parameter for anything else it cannot read.
Result<InsightQuery> ParseInsightQuery(const std::function<std::string(std::string_view)>& get);

// The ranges of ids (after, up_to] that hold exactly `ids`, in order: each
// run of consecutive ids one range, so records saved together (one batch of
// the group commit) are read back in one read. A repeated id stands alone.
std::vector<std::pair<long long, long long>> IdRanges(std::vector<long long> ids);

// One calendar month of the window: records per school day (SWIS).
struct InsightMonth {
  std::string month;  // YYYY-MM
  int school_days = 0;
  long long records = 0;
};

// The day a version of the school's policy came into force.
struct PolicyMark {
  int version = 0;
  Date from;
};

struct InsightAnswer {
  // "school": the whole school's; "own": the asker's own recording;
  // "staff": one member of staff's, for a senior leader; "pupil": one pupil's.
  std::string scope;
  bool pupils_listed = false;  // whether counts.by_pupil may be shown
  Date from, to;               // the window answered (first record to today by default)
  insight::Counts counts;
  std::vector<InsightMonth> months;
  std::vector<PolicyMark> versions;                   // in force within or before the window
  std::map<std::string, std::string> category_names;  // id -> the policy's name
  std::map<long long, std::string> pupil_names;       // for by_pupil
};

// One pupil group against the rest of the school (equity): how many pupils
// are in it, how many records involve them, and the rate and relative risk
// built on those, unless a count is 1 or 2 (Suppressed): then only that a
// count was too small to show is said, wherever the figures may be shared.
struct EquityRow {
  std::string dimension;  // "SEN", "Free school meals", "Ethnicity", "Sex", "Year group", ...
  std::string group;      // "SEN support", "Girls", "Year 9"
  long long pupils = 0, records = 0;            // the group's
  long long rest_pupils = 0, rest_records = 0;  // the rest of the school's
  bool suppressed = false;                      // a count of 1 or 2 among them
  // What may be shown: a group of 1 or 2 pupils shows nothing of them.
  bool pupils_shown = true, records_shown = true;
  std::optional<double> per_100;        // records per 100 pupils of the group
  std::optional<double> relative_risk;  // its rate over the rest's
};

// The row for a group of `pupils` with `records`, against a school of
// `all_pupils` with `all_records`, its rate and relative risk worked out
// or suppressed.
EquityRow EquityFor(std::string dimension, std::string group, long long pupils, long long records,
                    long long all_pupils, long long all_records);

// Protects a whole table of one measure (the rows EquityFor made for every
// group, in dimensions), where one row's suppression would not: in each
// dimension with a count hidden, the smallest other count of 3 or more is
// hidden too (pupils and records apart), so the hidden ones cannot be
// worked out from the others and the total; and a table of fewer than
// kEquityFewestRecords records shows no group's records, as the zeros
// beside them would tell whose they are.
inline constexpr long long kEquityFewestRecords = 10;
void SuppressComplements(std::vector<EquityRow>& rows);

// The answer as the API gives it (GET /api/v1/insight, docs/openapi.yaml)
// and the insight page's charts read it: total, per_school_day (by month),
// by_category, by_place, by_hour, by_class, heatmap (Monday first, 24
// hours), by_day, by_pupil (only when listed), policy_versions.
nlohmann::json InsightJson(const InsightAnswer& a);

struct InsightOutcomes;  // services/insight_outcomes.h

class InsightService : public RecordListener {
 public:
  InsightService(Store& store, PolicyService& policies, SchoolClock& clock);
  ~InsightService() override;
  InsightService(const InsightService&) = delete;
  InsightService& operator=(const InsightService&) = delete;

  // Loads the engine from the store on the service's thread and then
  // keeps it up to date. Call once.
  void Start();
  // Whether loading has finished.
  bool Ready() const;

  void Recorded(long long school_id, long long incident_id) override;
  void Undone(long long school_id, long long incident_id) override;

  // Answers `q` for `by`'s school as `by` may ask it (above): Forbidden for
  // another member of staff's recording unless a senior leader; NotFound
  // for a pupil not of the school; Unavailable while loading. `pupils`
  // caps by_pupil.
  // Pupil groups (special-category data) only for pupils.view_sensitive.
  Result<InsightAnswer> Ask(const Principal& by, InsightQuery q, size_t pupils = 20);
  // Records per 100 pupils of each pupil group (SEN, free school meals,
  // looked after, sex, DfE major ethnic group, year group) against the rest
  // of the school, over `q`'s dates, classes, categories and places: the
  // records, and those with a physical intervention, in one pass. For
  // insight.school roles that may see special-category data; Forbidden
  // for the rest.
  struct EquityTables {
    std::vector<EquityRow> records, physical;
  };
  Result<EquityTables> Equity(const Principal& by, const InsightQuery& q);
  // The insight page's questions about one window, in one pass over the
  // engine: Ask's answer for `q` (the window resolved first), whose counts
  // also hold every class by day, year group and form under q's other
  // filters (Counts::by_day_class, by_year_class, by_form_class) and the
  // places recorded in the window (Counts::places_seen); and, when `equity`
  // and `by` may see them (as Equity), the equity tables of the whole
  // school over q's dates, classes, categories and places.
  struct PageAnswer {
    InsightAnswer answer;
    std::optional<EquityTables> equity;
  };
  Result<PageAnswer> AskPage(const Principal& by, InsightQuery q, size_t pupils, bool equity);
  // Outcomes over time, month by month (or, not `by_month`, over the whole
  // window at once), and their equity: services/insight_outcomes.{h,cpp}.
  Result<InsightOutcomes> Outcomes(const Principal& by, const InsightQuery& q,
                                   bool by_month = true);
  // Invalid, naming the filter, for a form, category or member of staff
  // `q` names that `by`'s school does not have (a category of none of its
  // policy's versions): an id the school does not know is a mistake to be
  // told of, not a question whose answer is nought. Another member of
  // staff is looked up only for a senior leader (Ask refuses the rest).
  Status CheckKnown(const Principal& by, const InsightQuery& q);
  // Ask's counts alone, without the months, names and versions: for the
  // further questions a page asks beside one Ask.
  Result<InsightAnswer> Count(const Principal& by, InsightQuery q, size_t pupils = 0);

  // What a group of schools' figures are built from, one school at a time
  // (services/group_service.h, which checks who asks and audits it): the
  // school's records in each of `periods` (involved pupils of records that
  // are not prosocial), its counts by pupil group over all of them and its
  // pupils by kind. No restricted record is counted: no one above a school
  // may read one (decisions 0023, 0034). Unavailable while loading.
  struct SchoolCounts {
    std::vector<long long> records;  // one per period
    insight::Counts whole;           // by pupil group and year group (group_counts)
    std::vector<PupilKind> kinds;
    long long pupils = 0;  // on roll
  };
  Result<SchoolCounts> CountSchool(long long school_id, const std::vector<OutcomeMonth>& periods);
  // The equity tables of several schools' counts taken together: each
  // pupil group across the group against the rest of the group.
  static EquityTables GroupEquity(const std::vector<SchoolCounts>& schools);

 private:
  struct Change {
    bool added;
    long long school_id, incident_id;
  };
  void Run();
  // The rows of records with ids in (after, up_to], added to the engine.
  Status Load(long long after, long long up_to);

  // Whose recording `q` may count for `by` (InsightAnswer::scope, and
  // q.staff_id set to by's own when by sees only their own), and whether
  // its pupils may be listed; Forbidden or NotFound as Ask says.
  Status Scope(const Principal& by, InsightQuery& q, InsightAnswer& out);
  // q's window as answered: from the school's first record (or ten years
  // before its end) to today (or a year from today at most).
  void ResolveWindow(const Principal& by, InsightQuery& q) const;
  // Whether `by` may see equity figures (Equity's rule).
  static Status MaySeeEquity(const Principal& by);
  // The equity tables from counts with group counts, against the school's
  // pupils of each kind.
  static EquityTables EquityTablesOf(const std::vector<PupilKind>& kinds, const insight::Counts& c);
  // `q`'s filters as the engine takes them, for `by`'s school and as `by`
  // may read its records.
  static insight::Filter FilterFor(const Principal& by, const InsightQuery& q);
  // The months, names and policy versions around the counts.
  Status Describe(const Principal& by, const InsightQuery& q, InsightAnswer& out);

  // The school's pupils counted by kind (equity's denominators), read from
  // the store at most once a minute: a new pupil counts within the minute.
  Result<std::vector<PupilKind>> PupilKinds(long long school_id);

  Store& store_;
  PolicyService& policies_;
  SchoolClock& clock_;
  insight::Index index_;
  mutable std::mutex mu_;
  std::condition_variable wake_;
  std::deque<Change> changes_;  // guarded by mu_
  bool ready_ = false;          // guarded by mu_
  bool stopping_ = false;       // guarded by mu_
  long long loaded_up_to_ = 0;  // the thread's own: records up to it are in
  struct Kinds {
    std::chrono::steady_clock::time_point read;
    std::vector<PupilKind> kinds;
  };
  std::mutex kinds_mu_;
  std::map<long long, Kinds> kinds_;  // guarded by kinds_mu_
  std::thread thread_;
};

}  // namespace attune
