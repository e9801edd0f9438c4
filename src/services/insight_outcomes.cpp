// Insight's outcomes over time and their equity (insight_outcomes.h).
#include "services/insight_outcomes.h"

#include <algorithm>
#include <map>
#include <set>

#include "policy/policy.h"
#include "services/authorization.h"

namespace attune {
namespace {

// The months of [from, to], the first and last cut to the window.
std::vector<OutcomeMonth> MonthsOf(Date from, Date to) {
  std::vector<OutcomeMonth> out;
  for (date::year_month ym = from.year() / from.month(); ym <= to.year() / to.month();
       ym += date::months(1)) {
    Date first = std::max(Date(ym / date::day{1}), from);
    Date last = std::min(Date(ym / date::last), to);
    out.push_back({FormatDate(first).substr(0, 7), first, last});
  }
  return out;
}

uint32_t GroupsOfCount(const OutcomeCount& c) { return GroupsOf(c.groups); }

// Whether the pupil a count is about is one the query chose.
bool Chosen(const InsightQuery& q, const OutcomeCount& c) {
  if (c.year_group < 0 || c.year_group > 15 || !(q.years & (1u << c.year_group))) return false;
  if (!q.forms.empty() && std::find(q.forms.begin(), q.forms.end(), c.form_id) == q.forms.end()) {
    return false;
  }
  return (GroupsOfCount(c) & q.groups) == q.groups;
}

OutcomeLine LineOf(std::string id, std::string name, size_t months) {
  OutcomeLine l;
  l.id = std::move(id);
  l.name = std::move(name);
  l.counts.assign(months, 0);
  return l;
}

void Add(OutcomeLine& line, const OutcomeCount& c, long long n) {
  if (c.month < line.counts.size()) line.counts[c.month] += n;
  line.total += n;
}

// The dimension a pupil group belongs to, as the records' equity names it.
const char* DimensionOf(uint32_t bit) {
  if (bit & (insight::kSenSupport | insight::kEhcp)) return "SEN";
  if (bit & insight::kFreeMeals) return "Free school meals";
  if (bit & insight::kLookedAfter) return "Looked after";
  if (bit & (insight::kFemale | insight::kMale)) return "Sex";
  return "Ethnicity";
}

// The school's pupils by group and year group: equity's denominators.
struct Roll {
  std::map<uint32_t, long long> by_bit;
  std::map<int, long long> by_year;
  long long all = 0;
};

// One equity table: counts of `rows` (those `take` picks, each `weight`
// times) by pupil group and year group, against the school's roll.
template <typename Take>
std::vector<EquityRow> EquityOf(const Roll& roll, const std::vector<OutcomeCount>& rows,
                                Take take) {
  std::map<uint32_t, long long> by_bit;
  std::map<int, long long> by_year;
  long long all = 0;
  for (const auto& c : rows) {
    if (!take(c)) continue;
    uint32_t g = GroupsOfCount(c);
    for (const auto& name : InsightGroups()) {
      if (g & name.bit) by_bit[name.bit] += c.count;
    }
    by_year[c.year_group] += c.count;
    all += c.count;
  }
  std::vector<EquityRow> out;
  for (const auto& name : InsightGroups()) {
    auto p = roll.by_bit.find(name.bit);
    long long pupils = p == roll.by_bit.end() ? 0 : p->second;
    long long n = by_bit.count(name.bit) ? by_bit[name.bit] : 0;
    if (pupils == 0 && n == 0) continue;  // a group the school does not have
    out.push_back(EquityFor(DimensionOf(name.bit), name.label, pupils, n, roll.all, all));
  }
  for (const auto& [year, pupils] : roll.by_year) {
    out.push_back(EquityFor("Year group",
                            year == 0 ? std::string("Reception") : "Year " + std::to_string(year),
                            pupils, by_year.count(year) ? by_year[year] : 0, roll.all, all));
  }
  SuppressComplements(out);
  return out;
}

}  // namespace

Result<InsightOutcomes> InsightService::Outcomes(const Principal& by, const InsightQuery& q,
                                                 bool by_month) {
  if (!RoleHas(by.role, Permission::kInsightSchool)) {
    return Status::Forbidden("Outcomes are the whole school's figures, for its leaders");
  }
  bool sensitive = RoleHas(by.role, Permission::kPupilsViewSensitive);
  if (q.groups && !sensitive) {
    return Status::Forbidden("Pupil groups are for those who may see special-category details");
  }
  if (q.staff_id || q.pupil_id) {
    return Status::Invalid("Outcomes are the whole school's, not one person's",
                           q.staff_id ? "staff" : "pupil");
  }
  InsightOutcomes out;
  Date today = LondonDate(Now());
  out.to = q.to.value_or(today);
  out.from = q.from.value_or(Date(date::year{2000} / 1 / 1));
  if (out.to < out.from) out.to = out.from;
  if (by_month) {
    // Twenty years at most, month by month: the last twenty.
    Date earliest = Date((out.to.year() - date::years(20)) / out.to.month() / date::day{1});
    out.from = std::max(out.from, earliest);
  }
  out.months =
      by_month ? MonthsOf(out.from, out.to) : std::vector<OutcomeMonth>{{"", out.from, out.to}};
  const size_t n = out.months.size();
  auto counts = store_.CountOutcomes(by.school_id, out.months, RestrictedReaderName(by.role));
  if (!counts.ok()) return counts.status();

  // Names in the school's words: the version in force at the window's end
  // first, in its order, then what older versions defined.
  std::vector<std::shared_ptr<const policy::Policy>> policies;
  auto versions = policies_.List(by);
  if (!versions.ok()) return versions.status();
  std::vector<PolicyVersion> active;
  for (const auto& v : *versions) {
    if (v.active_from && *v.active_from <= std::max(out.to, out.from)) active.push_back(v);
  }
  std::sort(active.begin(), active.end(), [](const PolicyVersion& a, const PolicyVersion& b) {
    return *b.active_from < *a.active_from;
  });
  for (const auto& v : active) {
    auto loaded = policies_.ById(by.school_id, v.id);
    if (loaded.ok()) policies.push_back(loaded->policy);
  }
  std::map<std::string, size_t> consequence_at, plan_at;
  for (const auto& pol : policies) {
    for (const auto& c : pol->consequences) {
      if (consequence_at.count(c.id)) continue;
      consequence_at[c.id] = out.consequences.size();
      out.consequences.push_back({LineOf(c.id, c.name, n), c.protective, c.off_site});
    }
    for (const auto& p : pol->plans) {
      if (plan_at.count(p.id)) continue;
      plan_at[p.id] = out.plans.size();
      out.plans.push_back({p.id, p.name, LineOf(p.id, p.name, n), LineOf(p.id, "Successful", n),
                           LineOf(p.id, "Unsuccessful", n), LineOf(p.id, "Ended", n)});
    }
  }
  const policy::Policy* current = policies.empty() ? nullptr : policies.front().get();
  for (const char* kind : {"restorative_conversation", "repair"}) {
    out.repair_words.push_back(current ? current->ActionWords(kind) : policy::ActionLabel(kind));
  }
  auto consequence = [&](const std::string& id) -> OutcomeConsequence& {
    auto it = consequence_at.find(id);
    if (it != consequence_at.end()) return out.consequences[it->second];
    consequence_at[id] = out.consequences.size();
    out.consequences.push_back({LineOf(id, id, n), false, false});
    return out.consequences.back();
  };
  auto plan = [&](const std::string& id) -> OutcomePlan& {
    auto it = plan_at.find(id);
    if (it != plan_at.end()) return out.plans[it->second];
    plan_at[id] = out.plans.size();
    out.plans.push_back({id, id, LineOf(id, id, n), LineOf(id, "Successful", n),
                         LineOf(id, "Unsuccessful", n), LineOf(id, "Ended", n)});
    return out.plans.back();
  };

  out.physical = LineOf("", "Physical interventions", n);
  out.suspensions = LineOf("", "Suspensions", n);
  out.suspension_days = LineOf("", "School days of suspension", n);
  out.in_time = LineOf("in_time", "Done within the policy's time", n);
  out.late = LineOf("late", "Done later", n);
  out.open = LineOf("open", "Still open", n);
  out.not_repaired = LineOf("not_repaired", "Not repaired", n);
  for (const auto& c : counts->physical) {
    if (Chosen(q, c)) Add(out.physical, c, c.count);
  }
  for (const auto& c : counts->consequences) {
    OutcomeConsequence& line = consequence(c.what);  // every one recorded has its line
    if (Chosen(q, c)) Add(line.line, c, c.count);
  }
  for (const auto& c : counts->suspensions) {
    if (!Chosen(q, c)) continue;
    Add(out.suspensions, c, c.count);
    Add(out.suspension_days, c, c.days);
  }
  for (const auto& c : counts->repairs) {
    if (!Chosen(q, c)) continue;
    Add(c.how == "in_time" ? out.in_time
        : c.how == "late"  ? out.late
        : c.how == "open"  ? out.open
                           : out.not_repaired,
        c, c.count);
  }
  for (const auto& c : counts->plans_started) {
    OutcomePlan& p = plan(c.what);
    if (Chosen(q, c)) Add(p.started, c, c.count);
  }
  for (const auto& c : counts->plans_ended) {
    OutcomePlan& p = plan(c.what);
    if (!Chosen(q, c)) continue;
    Add(c.how == "successful"     ? p.successful
        : c.how == "unsuccessful" ? p.unsuccessful
                                  : p.ended_otherwise,
        c, c.count);
  }

  // Equity: every pupil group against the rest of the school, over the dates.
  if (sensitive) {
    auto kinds = PupilKinds(by.school_id);
    if (!kinds.ok()) return kinds.status();
    Roll roll;
    for (const auto& k : *kinds) {
      uint32_t g = GroupsOf(k.groups);
      for (const auto& name : InsightGroups()) {
        if (g & name.bit) roll.by_bit[name.bit] += k.pupils;
      }
      roll.by_year[k.year_group] += k.pupils;
      roll.all += k.pupils;
    }
    out.equity_shown = true;
    for (const auto& c : out.consequences) {
      out.equity.push_back({c.line.id, c.line.name,
                            EquityOf(roll, counts->consequences, [&](const OutcomeCount& row) {
                              return row.what == c.line.id;
                            })});
    }
    out.equity.push_back(
        {"suspensions", "Suspensions",
         EquityOf(roll, counts->suspensions, [](const OutcomeCount&) { return true; })});
  }
  return out;
}

}  // namespace attune
