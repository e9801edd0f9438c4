#include "policy/simulate.h"

#include <algorithm>
#include <iomanip>
#include <set>
#include <sstream>
#include <unordered_map>

namespace attune::policy {
namespace {

std::vector<std::string> SplitCsvLine(std::string_view line) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t comma = line.find(',', start);
    std::string field(line.substr(
        start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    while (!field.empty() && (field.back() == ' ' || field.back() == '\r')) field.pop_back();
    while (!field.empty() && field.front() == ' ') field.erase(0, 1);
    out.push_back(field);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out;
}

Date Monday(Date d) {
  date::sys_days s(d);
  return Date{s - (date::weekday(s) - date::Monday)};
}

}  // namespace

Result<std::vector<HistoryRow>> ParseHistoryCsv(std::string_view text) {
  std::vector<HistoryRow> rows;
  std::vector<std::string> header;
  size_t line_no = 0, start = 0;
  std::map<std::string, size_t> column;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    std::string_view line =
        text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    start = end == std::string_view::npos ? text.size() + 1 : end + 1;
    ++line_no;
    if (line.empty() || line == "\r" || line[0] == '#') continue;
    auto fields = SplitCsvLine(line);
    if (column.empty()) {
      for (size_t i = 0; i < fields.size(); ++i) column[fields[i]] = i;
      for (const char* need : {"pupil", "at", "category"}) {
        if (!column.count(need)) {
          return Status::Invalid("line " + std::to_string(line_no) +
                                 ": the header must name the columns pupil,at,category "
                                 "(and optionally class,sen,plan,outcome); '" +
                                 need + "' is missing");
        }
      }
      if (column.count("plan") != column.count("outcome")) {
        return Status::Invalid("line " + std::to_string(line_no) +
                               ": the columns plan and outcome go together");
      }
      header = fields;
      continue;
    }
    if (fields.size() != header.size()) {
      return Status::Invalid("line " + std::to_string(line_no) + ": found " +
                             std::to_string(fields.size()) + " fields, expected " +
                             std::to_string(header.size()) + " as in the header");
    }
    HistoryRow row;
    row.pupil = fields[column["pupil"]];
    auto at = ParseInstant(fields[column["at"]]);
    if (!at.ok()) {
      return Status::Invalid("line " + std::to_string(line_no) +
                             ", column 'at': " + at.status().message());
    }
    row.at = *at;
    row.category = fields[column["category"]];
    if (column.count("class") && !fields[column["class"]].empty()) {
      row.behaviour_class = ParseClass(fields[column["class"]]);
      if (!row.behaviour_class) {
        return Status::Invalid("line " + std::to_string(line_no) + ", column 'class': found \"" +
                               fields[column["class"]] +
                               "\", expected prosocial, low_level, difficult or dangerous");
      }
    }
    if (column.count("sen")) {
      row.sen = fields[column["sen"]];
      if (row.sen != "N" && row.sen != "K" && row.sen != "E") {
        return Status::Invalid("line " + std::to_string(line_no) +
                               ", column 'sen': expected N, K or E");
      }
    }
    if (column.count("plan")) {
      row.plan = fields[column["plan"]];
      row.outcome = fields[column["outcome"]];
      if (!row.plan.empty() && row.outcome != "successful" && row.outcome != "unsuccessful") {
        return Status::Invalid("line " + std::to_string(line_no) + ", column 'outcome': found \"" +
                               row.outcome + "\", expected successful or unsuccessful");
      }
      if (row.plan.empty() != row.outcome.empty()) {
        return Status::Invalid("line " + std::to_string(line_no) +
                               ": a plan's end needs both its plan and its outcome");
      }
    }
    if (row.pupil.empty() || (row.category.empty() && row.plan.empty())) {
      return Status::Invalid("line " + std::to_string(line_no) +
                             ": pupil and category (or plan and outcome) are needed");
    }
    rows.push_back(std::move(row));
  }
  if (column.empty()) return Status::Invalid("the history file is empty: expected a header line");
  return rows;
}

Simulation Simulate(const Policy& policy, const SchoolTime& time, std::vector<HistoryRow> rows) {
  Simulation sim;
  sim.school = policy.school_name;
  std::stable_sort(rows.begin(), rows.end(),
                   [](const HistoryRow& a, const HistoryRow& b) { return a.at < b.at; });
  // Categories of each class the policy can record with, for mapping.
  std::map<BehaviourClass, std::vector<const Category*>> by_class;
  for (const auto& c : policy.categories) {
    if (!c.safeguarding) by_class[c.behaviour_class].push_back(&c);
  }
  struct PupilState {
    PupilContext context;
    std::map<std::string, Timestamp> plan_until;
  };
  std::unordered_map<std::string, PupilState> pupils;
  std::map<Date, WeekLoad> weeks;
  for (const auto& row : rows) {
    if (!row.plan.empty()) {
      // The plan ended: the next record may propose what follows it.
      PupilState& state = pupils[row.pupil];
      state.plan_until.erase(row.plan);
      std::erase_if(state.context.plans, [&](const PlanState& s) { return s.plan == row.plan; });
      state.context.plans.push_back({row.plan, false, row.outcome});
      WeekLoad& week = weeks[Monday(LondonDate(row.at))];
      week.monday = Monday(LondonDate(row.at));
      ++week.plans_ended;
      continue;
    }
    const Category* category = policy.FindCategory(row.category);
    if (!category && row.behaviour_class) {
      const auto& candidates = by_class[*row.behaviour_class];
      if (!candidates.empty()) {
        // Spread over the class's categories, the same way every run.
        size_t h = std::hash<std::string>{}(row.category) % candidates.size();
        category = candidates[h];
      }
    }
    if (!category) {
      ++sim.unmapped;
      continue;
    }
    PupilState& state = pupils[row.pupil];
    state.context.sen = row.sen;
    for (auto& plan : state.context.plans) {
      auto until = state.plan_until.find(plan.plan);
      if (plan.active && until != state.plan_until.end() && row.at >= until->second) {
        plan.active = false;
      }
    }
    Observation obs;
    obs.category = category->id;
    obs.at = row.at;
    Decision d = Decide(policy, time, state.context, obs);
    WeekLoad& week = weeks[Monday(LondonDate(row.at))];
    week.monday = Monday(LondonDate(row.at));
    ++week.records;
    if (!d.step.empty()) ++week.stepped;
    if (!d.ok()) ++week.refused;
    for (const auto& a : d.actions) ++week.actions[a.kind];
    for (const auto& g : d.guards) ++week.guards[g.kind];
    for (const auto& e : d.escalations) {
      const Plan* plan = policy.FindPlan(e.plan);
      ++week.escalations[plan ? plan->name : e.step];
      if (plan) {
        int days = plan->duration_school_days.value_or(20);
        state.context.plans.push_back({plan->id, true, ""});
        state.plan_until[plan->id] = row.at + std::chrono::hours(24 * (days * 7 / 5));
      }
    }
    state.context.history.push_back({row.at, category->id, d.step});
  }
  for (auto& [monday, load] : weeks) sim.weeks.push_back(std::move(load));
  return sim;
}

std::string FormatWorkload(const Simulation& sim, const Simulation* other) {
  std::set<std::string> rows;
  auto collect = [&](const Simulation& s) {
    for (const auto& w : s.weeks) {
      for (const auto& [k, n] : w.actions) rows.insert("action: " + ActionLabel(k));
      for (const auto& [k, n] : w.escalations) rows.insert("proposes: " + k);
      for (const auto& [k, n] : w.guards) rows.insert("guard: " + k);
    }
  };
  collect(sim);
  if (other) collect(*other);
  std::set<Date> mondays;
  for (const auto& w : sim.weeks) mondays.insert(w.monday);
  if (other) {
    for (const auto& w : other->weeks) mondays.insert(w.monday);
  }
  auto find = [](const Simulation& s, Date monday) -> const WeekLoad* {
    for (const auto& w : s.weeks) {
      if (w.monday == monday) return &w;
    }
    return nullptr;
  };
  auto value = [](const WeekLoad* w, const std::string& row) {
    if (!w) return 0;
    auto get = [](const std::map<std::string, int>& m, const std::string& k) {
      auto it = m.find(k);
      return it == m.end() ? 0 : it->second;
    };
    if (row == "records") return w->records;
    if (row == "took a step") return w->stepped;
    if (row == "needs a choice by staff") return w->refused;
    if (row == "plans ended") return w->plans_ended;
    for (const auto& [k, n] : w->actions) {
      if (row == "action: " + ActionLabel(k)) return n;
    }
    if (row.rfind("proposes: ", 0) == 0) return get(w->escalations, row.substr(10));
    if (row.rfind("guard: ", 0) == 0) return get(w->guards, row.substr(7));
    return 0;
  };
  std::ostringstream out;
  out << "Weekly workload of " << sim.school;
  if (other) out << " (left) against " << other->school << " (right)";
  out << "\n\n";
  std::vector<std::string> all = {"records", "took a step", "needs a choice by staff",
                                  "plans ended"};
  all.insert(all.end(), rows.begin(), rows.end());
  size_t width = 12;
  for (const auto& r : all) width = std::max(width, r.size());
  out << std::left << std::setw(static_cast<int>(width)) << "week of";
  for (Date m : mondays) out << std::right << std::setw(other ? 14 : 8) << date::format("%d %b", m);
  out << std::right << std::setw(other ? 16 : 9) << "total"
      << "\n";
  for (const auto& r : all) {
    out << std::left << std::setw(static_cast<int>(width)) << r;
    int total = 0, total_other = 0;
    for (Date m : mondays) {
      int a = value(find(sim, m), r);
      total += a;
      if (other) {
        int b = value(find(*other, m), r);
        total_other += b;
        std::string cell = std::to_string(a) + " | " + std::to_string(b);
        out << std::right << std::setw(14) << cell;
      } else {
        out << std::right << std::setw(8) << a;
      }
    }
    if (other) {
      out << std::right << std::setw(16)
          << (std::to_string(total) + " | " + std::to_string(total_other));
    } else {
      out << std::right << std::setw(9) << total;
    }
    out << "\n";
  }
  if (sim.unmapped || (other && other->unmapped)) {
    out << "\nRows that could not be placed in a category: " << sim.unmapped;
    if (other) out << " | " << other->unmapped;
    out << "\n";
  }
  out << "\nSteps are the engine's suggestions; a proposed plan counts as started and runs for "
         "its duration. Plan outcomes in the history end the plan with that outcome, so what "
         "the policy proposes after a plan that did not help is replayed too.\n";
  return out.str();
}

}  // namespace attune::policy
