// The figures of a group of schools for the people above them (decision
// 0034): a trust's leaders and a local authority's officers see each of
// their schools' records, physical interventions, suspensions and
// reflection days per 100 pupils, and the share of repairs done within the
// policy's time, term by term or month by month over a school year, beside
// the group's own; and equity by pupil group across the group. A local
// authority's officers also see the notices the law sends it.
//
// Never a pupil: no name, no list of pupils, no record's words; counts of
// 1 and 2, and the rates built on them, are not shown, and enough others
// are withheld that they cannot be worked out from the totals
// (services/suppression.h). No restricted record is counted. The periods
// are fixed (terms or months of a school year), never any window, so that
// two windows a day apart cannot be subtracted to find one record.
//
// Who: group.view for the figures, group.notices for the notices
// (Forbidden otherwise); always of the asker's own organisation, whose
// schools are read from the store, never from the request. Every read is
// audited in each school's log, naming the organisation and the person.
//
// Thread-safety: safe to share between request threads.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "model/organisation.h"
#include "model/principal.h"
#include "services/insight_service.h"
#include "services/suppression.h"
#include "storage/store.h"

namespace attune {

// What is asked: term by term ("term") or month by month ("month"), over
// the school year that starts in September of `year` (0: this one).
struct GroupQuery {
  std::string by = "term";
  int year = 0;
};
// Reads by and year; Invalid naming the parameter for anything else.
Result<GroupQuery> ParseGroupQuery(const std::function<std::string(std::string_view)>& get);

// The measures, in order: "records" (involved pupils of records that are
// not prosocial), "physical" (of records with a physical intervention),
// "suspensions" (pupils suspended, by the day it starts), "reflection_days"
// (pupils given a policy's on-site reflection day, consequence
// "reflection_day").
struct GroupMeasure {
  const char* id;
  const char* label;
};
const std::vector<GroupMeasure>& GroupMeasures();

// One measure of one school, or of the group, over the periods.
struct GroupLine {
  std::vector<ShownCount> counts;              // one per period
  std::vector<std::optional<double>> per_100;  // none where the count is not shown
  ShownCount total;                            // over the year
  std::optional<double> total_per_100;
};

// Repairs done within the policy's time, as a share of those due.
struct GroupRate {
  std::vector<std::optional<double>> percent;  // one per period; none where not shown
  std::optional<double> total;
};

struct GroupRow {
  long long school_id = 0;  // 0 for the group's own row
  std::string name;
  long long pupils = 0;
  std::vector<GroupLine> lines;  // one per GroupMeasures()
  GroupRate repairs;
};

struct GroupFigures {
  Organisation organisation;
  std::string by;
  int year = 0;                       // the school year starts in September of it
  std::vector<int> years;             // the school years that may be asked, newest first
  std::vector<OutcomeMonth> periods;  // the year's terms or months, to today
  std::vector<GroupRow> schools;      // by name
  GroupRow group;                     // the group's: its rates are the group's average
  InsightService::EquityTables equity;
};

// "Autumn 2025", "September 2025": a period's name as shown.
std::string GroupPeriodName(const OutcomeMonth& period, const std::string& by);

class GroupService {
 public:
  // REQUIRES: both outlive the service.
  GroupService(Store& store, InsightService& insight) : store_(store), insight_(insight) {}

  Result<GroupFigures> Figures(const Principal& by, const GroupQuery& q, const std::string& ip);

  // The notices of the authority's schools in the school year of `year`
  // (0: this one), newest first, at most kMaxNotices.
  static constexpr int kMaxNotices = 2000;
  Result<std::vector<AuthorityNotice>> Notices(const Principal& by, int year,
                                               const std::string& ip);

  // The organisation `by` signs in for; Forbidden for anyone else.
  Result<Organisation> OrganisationOf(const Principal& by);

  // Setting organisations up (attune organisation, for the service's
  // administrator): a trust or local authority by kind and name; Invalid
  // naming the field, Conflict when the name is taken.
  Result<long long> CreateOrganisation(const std::string& kind, const std::string& name,
                                       const std::string& code);
  // A person who signs in for organisation `organisation_id`, with the
  // role its kind gives; the password checked as staff's are. Invalid
  // naming the field; Conflict when the email is taken.
  Result<long long> AddMember(long long organisation_id, const std::string& email,
                              const std::string& name, const std::string& password);

  // The periods of the school year starting in September of `year`: its
  // terms (autumn September to December, spring January to March, summer
  // April to August, the same for every school so that they compare) or
  // its months, none after `today`.
  static std::vector<OutcomeMonth> Periods(int year, const std::string& by, Date today);
  // The school year `today` is in, by the September it started.
  static int SchoolYearOf(Date today);

 private:
  // Audits a read of each of `schools` by `by`.
  void AuditReads(const Principal& by, const Organisation& org,
                  const std::vector<long long>& schools, const std::string& action,
                  const std::string& detail, const std::string& ip);

  Store& store_;
  InsightService& insight_;
};

}  // namespace attune
