// Equity (issue 14): rates per 100 pupils and relative risk against the rest
// of the school, by pupil group, with counts of 1 and 2 suppressed.
#include <map>

#include "services/authorization.h"
#include "services/insight_service.h"

namespace attune {

EquityRow EquityFor(std::string dimension, std::string group, long long pupils, long long records,
                    long long all_pupils, long long all_records) {
  EquityRow r;
  r.dimension = std::move(dimension);
  r.group = std::move(group);
  r.pupils = pupils;
  r.records = records;
  r.rest_pupils = all_pupils - pupils;
  r.rest_records = all_records - records;
  r.suppressed = Suppressed(pupils) || Suppressed(records);
  r.pupils_shown = !Suppressed(pupils);
  r.records_shown = !Suppressed(records) && !Suppressed(pupils);
  if (r.suppressed || pupils == 0) return r;
  r.per_100 = 100.0 * static_cast<double>(records) / static_cast<double>(pupils);
  // Against the rest: only when the rest's own figures could be shown.
  if (r.rest_pupils > 0 && r.rest_records > 0 && !Suppressed(r.rest_pupils) &&
      !Suppressed(r.rest_records)) {
    double rest = static_cast<double>(r.rest_records) / static_cast<double>(r.rest_pupils);
    r.relative_risk = (static_cast<double>(records) / static_cast<double>(pupils)) / rest;
  }
  return r;
}

namespace {

void HideRecords(EquityRow& r) {
  r.records_shown = false;
  r.suppressed = true;
  r.per_100.reset();
  r.relative_risk.reset();
}

void HidePupils(EquityRow& r) {
  r.pupils_shown = false;
  r.suppressed = true;
  r.per_100.reset();
  r.relative_risk.reset();
}

}  // namespace

void SuppressComplements(std::vector<EquityRow>& rows) {
  if (rows.empty()) return;
  const long long all_records = rows.front().records + rows.front().rest_records;
  if (all_records > 0 && all_records < kEquityFewestRecords) {
    for (auto& r : rows) HideRecords(r);
  }
  // Each dimension's rows are together.
  for (size_t begin = 0; begin < rows.size();) {
    size_t end = begin;
    while (end < rows.size() && rows[end].dimension == rows[begin].dimension) ++end;
    // One column at a time: whether any is hidden, then the smallest shown
    // count of 3 or more hidden with it.
    auto protect = [&](auto shown, auto count, auto hide) {
      bool any_hidden = false;
      EquityRow* smallest = nullptr;
      for (size_t i = begin; i < end; ++i) {
        EquityRow& r = rows[i];
        if (!shown(r)) {
          any_hidden = true;
        } else if (count(r) >= 3 && (!smallest || count(r) < count(*smallest))) {
          smallest = &r;
        }
      }
      if (any_hidden && smallest) hide(*smallest);
    };
    protect([](const EquityRow& r) { return r.pupils_shown; },
            [](const EquityRow& r) { return r.pupils; }, HidePupils);
    protect([](const EquityRow& r) { return r.records_shown; },
            [](const EquityRow& r) { return r.records; }, HideRecords);
    begin = end;
  }
}

Result<std::vector<PupilKind>> InsightService::PupilKinds(long long school_id) {
  auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard lock(kinds_mu_);
    auto it = kinds_.find(school_id);
    if (it != kinds_.end() && now - it->second.read < std::chrono::minutes(1)) {
      return it->second.kinds;
    }
  }
  auto kinds = store_.CountPupilKinds(school_id);
  if (!kinds.ok()) return kinds.status();
  std::lock_guard lock(kinds_mu_);
  kinds_[school_id] = {now, *kinds};
  return kinds;
}

Status InsightService::MaySeeEquity(const Principal& by) {
  if (!RoleHas(by.role, Permission::kInsightSchool) ||
      !RoleHas(by.role, Permission::kPupilsViewSensitive)) {
    return Status::Forbidden(
        "Equity figures are for leaders who may see pupils' special-category details");
  }
  return Status::Ok();
}

Result<InsightService::EquityTables> InsightService::Equity(const Principal& by,
                                                            const InsightQuery& q) {
  ATTUNE_RETURN_IF_ERROR(MaySeeEquity(by));
  if (!Ready()) {
    return Status::Unavailable(
        "Insight is still reading the school's records; try again in a few seconds");
  }
  auto kinds = PupilKinds(by.school_id);
  if (!kinds.ok()) return kinds.status();
  // Every pupil group against the whole school: the dates, classes,
  // categories and places asked, not the year groups, forms, groups or people.
  InsightQuery whole;
  whole.from = q.from;
  whole.to = q.to;
  whole.classes = q.classes;
  whole.categories = q.categories;
  whole.places = q.places;
  insight::Filter f = FilterFor(by, whole);
  f.group_counts = true;  // counts only leave here, each group's and suppressed
  return EquityTablesOf(*kinds, index_.Query(f, 0));
}

InsightService::EquityTables InsightService::EquityTablesOf(const std::vector<PupilKind>& kinds,
                                                            const insight::Counts& c) {
  std::map<uint32_t, long long> pupils_by_bit;
  std::map<int, long long> pupils_by_year;
  long long all_pupils = 0;
  for (const auto& k : kinds) {
    uint32_t g = GroupsOf(k.groups);
    for (const auto& name : InsightGroups()) {
      if (g & name.bit) pupils_by_bit[name.bit] += k.pupils;
    }
    pupils_by_year[k.year_group] += k.pupils;
    all_pupils += k.pupils;
  }
  auto dimension = [](uint32_t bit) -> const char* {
    if (bit & (insight::kSenSupport | insight::kEhcp)) return "SEN";
    if (bit & insight::kFreeMeals) return "Free school meals";
    if (bit & insight::kLookedAfter) return "Looked after";
    if (bit & (insight::kFemale | insight::kMale)) return "Sex";
    return "Ethnicity";
  };
  auto table = [&](const std::vector<long long>& by_groups,
                   const std::array<long long, 16>& by_year) {
    // Each group's records: every combination of groups with rows, added
    // to each group in it.
    long long all_records = 0;
    std::map<uint32_t, long long> records_by_bit;
    for (uint32_t combo = 0; combo < by_groups.size(); ++combo) {
      long long n = by_groups[combo];
      if (!n) continue;
      all_records += n;
      for (uint32_t bits = combo; bits; bits &= bits - 1) records_by_bit[bits & -bits] += n;
    }
    std::vector<EquityRow> out;
    for (const auto& name : InsightGroups()) {
      long long records = records_by_bit[name.bit];
      long long pupils = pupils_by_bit[name.bit];
      if (pupils == 0 && records == 0) continue;  // a group the school does not have
      out.push_back(
          EquityFor(dimension(name.bit), name.label, pupils, records, all_pupils, all_records));
    }
    for (const auto& [year, pupils] : pupils_by_year) {
      out.push_back(EquityFor(
          "Year group", year == 0 ? std::string("Reception") : "Year " + std::to_string(year),
          pupils, by_year[static_cast<size_t>(year) & 15], all_pupils, all_records));
    }
    return out;
  };
  EquityTables out{table(c.by_groups, c.by_year), table(c.by_groups_physical, c.by_year_physical)};
  SuppressComplements(out.records);
  SuppressComplements(out.physical);
  return out;
}

}  // namespace attune
