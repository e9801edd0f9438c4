#include "demo/history.h"

#include <algorithm>
#include <map>
#include <sstream>

#include "demo/random.h"
#include "policy/school_time.h"
#include "services/policy_service.h"

namespace attune::demo {

Result<std::vector<HistoryEvent>> DemoHistoryEvents(Store& store, long long school_id,
                                                    const HistoryOptions& options) {
  if (options.days < 1 || options.days > kMostHistoryDays) {
    return Status::Invalid("days must be between 1 and " + std::to_string(kMostHistoryDays),
                           "days");
  }
  if (options.years < 0 || options.years > kMostHistoryYears) {
    return Status::Invalid("years must be between 0 and " + std::to_string(kMostHistoryYears),
                           "years");
  }
  auto calendar = store.ListCalendar(school_id);
  if (!calendar.ok()) return calendar.status();
  auto periods = store.ListPeriods(school_id);
  if (!periods.ok()) return periods.status();
  auto pupils = store.SearchPupils(school_id, "", 100000, 0);
  if (!pupils.ok()) return pupils.status();
  if (pupils->empty()) return Status::Invalid("the school has no pupils", "school");
  std::vector<Period> teaching;
  for (const auto& p : *periods) {
    if (p.teaching) teaching.push_back(p);
  }
  if (teaching.empty()) return Status::Invalid("the school day has no teaching periods");
  policy::SchoolTime time(*calendar, *periods);

  // The first day of each school year the calendar holds, oldest first.
  std::vector<Date> year_starts;
  for (const auto& e : *calendar) {
    if (e.kind == "term" && e.name == "Autumn") year_starts.push_back(e.starts_on);
  }
  std::sort(year_starts.begin(), year_starts.end());
  // The school years begun by `until`, and the start of the one `back`
  // years before the current one (the calendar's first day at the earliest).
  std::erase_if(year_starts, [&](Date d) { return d >= options.until; });
  auto year_start = [&](int back) -> std::optional<Date> {
    if (year_starts.empty()) return std::nullopt;
    int at = std::max(0, static_cast<int>(year_starts.size()) - 1 - back);
    return year_starts[static_cast<size_t>(at)];
  };
  std::optional<Date> first_day;
  if (options.years > 0) first_day = year_start(options.years - 1);

  std::vector<Date> days;
  std::optional<Date> day = time.PreviousSchoolDay(options.until);
  while (day && (first_day ? !(*day < *first_day) : static_cast<int>(days.size()) < options.days)) {
    days.push_back(*day);
    day = time.PreviousSchoolDay(*day);
  }
  std::reverse(days.begin(), days.end());
  // Each pupil's first day: the start of the school year they joined Year 7.
  std::vector<Date> joined;
  for (const auto& pupil : *pupils) {
    auto start = year_start(std::max(0, pupil.year_group - 7));
    joined.push_back(start ? *start : Date{});
  }

  // Records per pupil per lesson, by class, before the time-of-day and
  // weekday weights.
  const struct {
    const char* cls;
    double rate;
    bool distress;
  } kClasses[] = {{"prosocial", 0.10, false},
                  {"low_level", 0.025, true},
                  {"difficult", 0.006, true},
                  {"dangerous", 0.0006, true}};
  const double kWeekday[] = {0, 1.1, 0.95, 0.9, 1.0, 1.2, 0, 0};
  DemoRandom random(options.seed, "history", static_cast<int>(school_id));
  std::vector<HistoryEvent> out;
  for (Date d : days) {
    double weekday = kWeekday[IsoWeekday(d)];
    for (size_t i = 0; i < teaching.size(); ++i) {
      // Later in the day, more distress (the afternoon peak).
      double time_of_day =
          0.7 + 0.6 * static_cast<double>(i) / static_cast<double>(teaching.size());
      const Period& period = teaching[i];
      for (size_t k = 0; k < pupils->size(); ++k) {
        const Pupil& pupil = (*pupils)[k];
        if (d < joined[k]) continue;  // not at the school yet
        bool struggling = pupil.id % 50 == 7;
        for (const auto& c : kClasses) {
          double p = c.rate * (c.distress ? weekday * time_of_day * (struggling ? 6 : 1) : 1.0);
          if (!random.Chance(p)) continue;
          int minute = period.starts_at + random.Between(2, period.ends_at - period.starts_at - 2);
          out.push_back(
              {pupil.id, LondonInstant(d, minute), c.cls, SenCode(pupil.sen), struggling});
        }
      }
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const HistoryEvent& a, const HistoryEvent& b) { return a.at < b.at; });
  return out;
}

Result<std::string> DemoHistoryCsv(Store& store, long long school_id,
                                   const HistoryOptions& options) {
  auto events = DemoHistoryEvents(store, school_id, options);
  if (!events.ok()) return events.status();
  PolicyService policies(store);
  auto loaded = policies.InForce(school_id, options.until);
  if (!loaded.ok() && loaded.status().code() != StatusCode::kNotFound) return loaded.status();
  // The categories staff would choose for each class (the first is the
  // everyday one); without a policy, the class stands for its category.
  std::map<std::string, std::vector<std::string>> categories;
  std::vector<std::string> followed_plans;  // plans the policy follows up when unsuccessful
  if (loaded.ok()) {
    for (const auto& c : loaded->policy->categories) {
      if (!c.safeguarding) categories[policy::ClassName(c.behaviour_class)].push_back(c.id);
    }
    for (const auto& e : loaded->policy->escalations) {
      if (!e.outcome_plan.empty()) followed_plans.push_back(e.outcome_plan);
    }
  }
  DemoRandom random(options.seed, "history_categories", static_cast<int>(school_id));
  struct Row {
    Timestamp at;
    std::string line;
  };
  std::vector<Row> rows;
  std::map<long long, std::string> struggling;  // pupil -> sen
  for (const auto& e : *events) {
    std::string category = e.behaviour_class;
    auto pool = categories.find(e.behaviour_class);
    if (pool != categories.end() && !pool->second.empty()) {
      category = random.Chance(0.5) ? pool->second.front() : random.Pick(pool->second);
    }
    rows.push_back({e.at, std::to_string(e.pupil_id) + "," + FormatLondon(e.at, "%Y-%m-%d %H:%M") +
                              "," + category + "," + e.behaviour_class + "," + e.sen + ",,"});
    if (e.struggling) struggling.emplace(e.pupil_id, e.sen);
  }
  // Part-way through, the plans of those going through a hard time end
  // without success.
  if (!events->empty()) {
    Timestamp first = events->front().at, last = events->back().at;
    Timestamp at = first + (last - first) * 3 / 5;
    for (const auto& [pupil, sen] : struggling) {
      for (const auto& plan : followed_plans) {
        rows.push_back({at, std::to_string(pupil) + "," + FormatLondon(at, "%Y-%m-%d %H:%M") +
                                ",,," + sen + "," + plan + ",unsuccessful"});
      }
    }
  }
  std::stable_sort(rows.begin(), rows.end(),
                   [](const Row& a, const Row& b) { return a.at < b.at; });
  std::ostringstream out;
  out << "pupil,at,category,class,sen,plan,outcome\n";
  for (const auto& r : rows) out << r.line << "\n";
  return out.str();
}

}  // namespace attune::demo
