// Insight's counts for a group of schools (insight_service.h, CountSchool
// and GroupEquity): a trust's or local authority's figures (decision 0034).
#include <algorithm>

#include "policy/policy.h"
#include "services/insight_service.h"

namespace attune {

Result<InsightService::SchoolCounts> InsightService::CountSchool(
    long long school_id, const std::vector<OutcomeMonth>& periods) {
  if (!Ready()) {
    return Status::Unavailable("Insight is still reading the records; try again in a few seconds");
  }
  SchoolCounts out;
  out.records.assign(periods.size(), 0);
  if (periods.empty()) return out;
  auto kinds = PupilKinds(school_id);
  if (!kinds.ok()) return kinds.status();
  out.kinds = *kinds;
  for (const auto& k : out.kinds) out.pupils += k.pupils;
  insight::Filter f;
  f.schools = {school_id};
  f.from = periods.front().first;
  f.to = periods.back().last;
  f.classes = 0xFF & ~(1u << static_cast<int>(policy::BehaviourClass::kProsocial));
  f.readers = 0;  // no restricted record
  f.group_counts = true;
  out.whole = index_.Query(f, 0);
  // The days with records, in order, into the periods (in order too).
  size_t p = 0;
  for (const auto& [day, n] : out.whole.by_day) {
    while (p < periods.size() && periods[p].last < day) ++p;
    if (p == periods.size()) break;
    if (periods[p].first <= day) out.records[p] += n;
  }
  return out;
}

InsightService::EquityTables InsightService::GroupEquity(const std::vector<SchoolCounts>& schools) {
  std::vector<PupilKind> kinds;
  insight::Counts sum;
  sum.by_groups.assign(insight::kGroupCombinations, 0);
  sum.by_groups_physical.assign(insight::kGroupCombinations, 0);
  for (const auto& s : schools) {
    kinds.insert(kinds.end(), s.kinds.begin(), s.kinds.end());
    sum.total += s.whole.total;
    auto add = [](std::vector<long long>& into, const std::vector<long long>& from) {
      for (size_t i = 0; i < std::min(into.size(), from.size()); ++i) into[i] += from[i];
    };
    add(sum.by_groups, s.whole.by_groups);
    add(sum.by_groups_physical, s.whole.by_groups_physical);
    for (size_t y = 0; y < 16; ++y) {
      sum.by_year[y] += s.whole.by_year[y];
      sum.by_year_physical[y] += s.whole.by_year_physical[y];
    }
  }
  return EquityTablesOf(kinds, sum);
}

}  // namespace attune
