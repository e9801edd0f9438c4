// GET /insight: is our approach working, and for whom (issue 14). The SWIS
// "Big 5" (records a school day by month, by category, by place, by time of
// day, by pupil), the weekday × time-of-day map, prosocial and other
// records week by week with the policy's versions marked and a before and
// after around the last change, and by year group or form; every chart
// drawn by the server (decision 0021) beside its table, each downloadable
// (insight_csv.cpp), filters applied to every chart at once (htmx swaps the
// figures; without script the form reloads the page), and the page prints.
// Whose figures: InsightService::Ask decides (the whole school's for
// insight.school, else the person's own recording; pupils by name only for
// insight.pupils).
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "policy/policy.h"
#include "services/authorization.h"
#include "web/handlers.h"
#include "web/insight_charts.h"
#include "web/insight_figures.h"
#include "web/insight_outcomes.h"
#include "web/list_paging.h"
#include "web/page.h"
#include "web/site.h"

namespace attune::web {
namespace {

using nlohmann::json;

std::string Share(long long n, long long total) {
  if (total <= 0) return "";
  return PercentWords(n, total);
}

// "2.5 prosocial to every 1 other record", in the words staff use.
std::string RatioWords(long long prosocial, long long other) {
  if (prosocial == 0 && other == 0) return "No records";
  if (other == 0) return "Only prosocial records";
  char r[32];
  std::snprintf(r, sizeof r, "%.1f", static_cast<double>(prosocial) / static_cast<double>(other));
  return std::string(r) + " prosocial to every 1 other record";
}

// Horizontal bars as a table: the figures are the chart.
json BarRows(const std::vector<std::pair<std::string, long long>>& rows, long long total,
             size_t cap) {
  long long most = 1;
  for (const auto& [label, n] : rows) most = std::max(most, n);
  json out = json::array();
  long long rest = 0;
  for (size_t i = 0; i < rows.size(); ++i) {
    if (i >= cap) {
      rest += rows[i].second;
      continue;
    }
    out.push_back({{"label", rows[i].first},
                   {"count", NumberWords(static_cast<double>(rows[i].second))},
                   {"share", Share(rows[i].second, total)},
                   {"width", std::to_string(std::max<long long>(1, rows[i].second * 100 / most))}});
  }
  if (rest) {
    out.push_back({{"label", "Everywhere else"},
                   {"count", NumberWords(static_cast<double>(rest))},
                   {"share", Share(rest, total)},
                   {"width", "0"}});
  }
  return out;
}

json MonthsView(const InsightAnswer& a) {
  Chart c;
  c.id = "months";
  c.title = "Records a school day, month by month";
  c.series = {{"Records a school day", "neutral"}};
  json rows = json::array();
  for (const auto& m : a.months) {
    std::optional<double> rate;
    if (m.school_days) rate = static_cast<double>(m.records) / m.school_days;
    std::string words = MonthWords(m.month, true) + ": " +
                        (rate ? NumberWords(*rate) + " a school day" : "no school days");
    c.columns.push_back({MonthWords(m.month, false), m.month.substr(0, 4), words, {rate}});
    rows.push_back({{"month", MonthWords(m.month, true)},
                    {"school_days", m.school_days},
                    {"records", NumberWords(static_cast<double>(m.records))},
                    {"rate", rate ? NumberWords(*rate) : "—"}});
  }
  return {{"chart", ChartView(c)}, {"rows", rows}};
}

json HoursView(const InsightAnswer& a) {
  int first = 8, last = 16;
  for (int h = 0; h < 24; ++h) {
    if (a.counts.by_hour[h]) {
      first = std::min(first, h);
      last = std::max(last, h);
    }
  }
  Chart c;
  c.id = "hours";
  c.title = "Records by time of day";
  c.series = {{"Records", "neutral"}};
  json rows = json::array();
  for (int h = first; h <= last; ++h) {
    long long n = a.counts.by_hour[h];
    std::string words =
        HourWords(h) + " to " + HourWords(h + 1) + ": " + NumberWords(static_cast<double>(n));
    c.columns.push_back({HourWords(h).substr(0, 2), "", words, {static_cast<double>(n)}});
    rows.push_back({{"hour", HourWords(h) + "–" + HourWords(h + 1)},
                    {"count", NumberWords(static_cast<double>(n))},
                    {"share", Share(n, a.counts.total)}});
  }
  return {{"chart", ChartView(c)}, {"rows", rows}};
}

// A week's or month's words: in a table ("Monday 7 September" or
// "September 2026"), under the axis ("07/09" or "Sep") and on hover.
struct PeriodWords {
  std::string row, label, year, hover;
};
PeriodWords WordsOf(const InsightFigures& f, const InsightWeek& w) {
  std::string start = FormatDate(w.start);
  if (f.by_month) {
    std::string ym = start.substr(0, 7);
    return {MonthWords(ym, true), MonthWords(ym, false), start.substr(0, 4), MonthWords(ym, true)};
  }
  std::string day = DateWords(w.start, false);
  return {day, start.substr(8, 2) + "/" + start.substr(5, 2), start.substr(0, 4),
          "Week of " + day};
}

// Marks on a chart of `f`'s weeks for the policy versions that came into
// force in each.
std::vector<ChartMark> VersionMarks(const InsightFigures& f) {
  std::vector<ChartMark> marks;
  for (size_t i = 0; i < f.weeks.size(); ++i) {
    for (const auto& v : f.main.versions) {
      if (!(v.from < f.weeks[i].start) && !(f.weeks[i].end < v.from)) {
        marks.push_back({i, "Version " + std::to_string(v.version)});
      }
    }
  }
  return marks;
}

json WeeksView(const InsightFigures& f) {
  Chart c;
  c.id = "weeks";
  c.title = std::string("Prosocial and other records a school day, ") +
            (f.by_month ? "month by month" : "week by week");
  c.lines = true;
  c.series = {{"Prosocial", "prosocial"}, {"Other records", "concern"}};
  json rows = json::array();
  for (size_t i = 0; i < f.weeks.size(); ++i) {
    const auto& w = f.weeks[i];
    std::optional<double> pro, other;
    if (w.school_days) {
      pro = static_cast<double>(w.by_class[0]) / w.school_days;
      other = static_cast<double>(OtherThanProsocial(w.by_class)) / w.school_days;
    }
    PeriodWords at = WordsOf(f, w);
    std::string words = at.hover + ": " +
                        (w.school_days ? NumberWords(*pro) + " prosocial and " +
                                             NumberWords(*other) + " other a school day"
                                       : "no school days");
    c.columns.push_back({at.label, at.year, words, {pro, other}});
    rows.push_back({{"week", at.row},
                    {"school_days", w.school_days},
                    {"prosocial", NumberWords(static_cast<double>(w.by_class[0]))},
                    {"other", NumberWords(static_cast<double>(OtherThanProsocial(w.by_class)))}});
  }
  c.marks = VersionMarks(f);
  json view = {{"chart", ChartView(c)}, {"rows", rows}};
  json versions = json::array();
  for (const auto& v : f.main.versions) {
    versions.push_back({{"version", v.version}, {"from", DateWords(v.from)}});
  }
  view["versions"] = versions;
  if (f.change) {
    const BeforeAfter& b = *f.change;
    auto rate = [](long long n, int days) {
      return days ? NumberWords(static_cast<double>(n) / days) : std::string("—");
    };
    json change = {{"version", b.version},
                   {"from", DateWords(b.from)},
                   {"before", rate(b.before, b.days_before)},
                   {"after", rate(b.after, b.days_after)},
                   {"weeks_before", b.weeks_before},
                   {"weeks_after", b.weeks_after},
                   {"too_short", b.too_short},
                   {"enough", kEnoughWeeks}};
    if (!b.too_short && b.days_before && b.days_after && b.before) {
      double ratio = (static_cast<double>(b.after) / b.days_after) /
                     (static_cast<double>(b.before) / b.days_before);
      double pct = (ratio - 1) * 100;
      change["difference"] = std::fabs(pct) < 0.5 ? std::string("about the same")
                             : pct < 0            ? NumberWords(-pct, 0) + "% fewer a school day"
                                                  : NumberWords(pct, 0) + "% more a school day";
    }
    view["change"] = change;
  }
  return view;
}

// Each class of behaviour a school day, week by week, with the policy's
// versions marked: the classes with records in the window.
json ClassWeeksView(const InsightFigures& f) {
  Chart c;
  c.id = "classes";
  c.title = std::string("Each class of behaviour a school day, ") +
            (f.by_month ? "month by month" : "week by week");
  c.lines = true;
  std::vector<size_t> shown;
  for (auto cls : {policy::BehaviourClass::kProsocial, policy::BehaviourClass::kLowLevel,
                   policy::BehaviourClass::kDifficult, policy::BehaviourClass::kDangerous}) {
    size_t k = static_cast<size_t>(cls);
    if (!f.by_class[k]) continue;
    shown.push_back(k);
    c.series.push_back({policy::ClassLabel(cls), policy::ClassName(cls)});
  }
  json header = json::array();
  for (size_t k : shown)
    header.push_back(policy::ClassLabel(static_cast<policy::BehaviourClass>(k)));
  json rows = json::array();
  for (size_t i = 0; i < f.weeks.size(); ++i) {
    const auto& w = f.weeks[i];
    std::vector<std::optional<double>> values;
    PeriodWords at = WordsOf(f, w);
    std::string words = at.hover + ": ";
    json counts = json::array();
    for (size_t j = 0; j < shown.size(); ++j) {
      long long n = w.by_class[shown[j]];
      counts.push_back(
          {{"label", policy::ClassLabel(static_cast<policy::BehaviourClass>(shown[j]))},
           {"count", NumberWords(static_cast<double>(n))}});
      if (!w.school_days) {
        values.push_back(std::nullopt);
        continue;
      }
      double rate = static_cast<double>(n) / w.school_days;
      values.push_back(rate);
      words += (j ? ", " : "") + NumberWords(rate) + " " +
               policy::ClassLabel(static_cast<policy::BehaviourClass>(shown[j]));
    }
    if (!w.school_days) words += "no school days";
    c.columns.push_back({at.label, at.year, words, values});
    rows.push_back({{"week", at.row}, {"school_days", w.school_days}, {"counts", counts}});
  }
  c.marks = VersionMarks(f);
  return {{"chart", ChartView(c)}, {"rows", rows}, {"header", header}, {"shown", !shown.empty()}};
}

// `choice` given: each year group links to its forms.
json GroupRows(const std::vector<InsightGroupRow>& rows, const InsightChoice* choice) {
  json out = json::array();
  for (const auto& r : rows) {
    out.push_back({{"label", r.label},
                   {"prosocial", NumberWords(static_cast<double>(r.prosocial))},
                   {"other", NumberWords(static_cast<double>(r.other))},
                   {"ratio", RatioWords(r.prosocial, r.other)},
                   {"href", ""}});
    if (choice) {
      InsightChoice c = *choice;
      c.year = static_cast<int>(r.id);
      out.back()["href"] = "/insight?" + c.Query();
    }
  }
  return out;
}

json FiltersView(const WebContext& ctx, const Principal& by, const InsightFigures& f) {
  const InsightChoice& c = f.choice;
  json periods = json::array();
  for (auto [value, label] :
       {std::pair{"half_term", "This half-term"}, std::pair{"term", "This term"},
        std::pair{"year", "This school year"}, std::pair{"last_year", "Last school year"},
        std::pair{"all", "Every record"}, std::pair{"custom", "Chosen dates"}}) {
    periods.push_back({{"value", value}, {"label", label}, {"selected", c.period == value}});
  }
  json kinds = json::array();
  kinds.push_back({{"value", "concerns"},
                   {"label", "Every record but prosocial"},
                   {"selected", c.kind == "concerns"}});
  kinds.push_back({{"value", "all"}, {"label", "Every record"}, {"selected", c.kind == "all"}});
  for (auto cls : {policy::BehaviourClass::kProsocial, policy::BehaviourClass::kLowLevel,
                   policy::BehaviourClass::kDifficult, policy::BehaviourClass::kDangerous}) {
    std::string value = policy::ClassName(cls);
    kinds.push_back(
        {{"value", value}, {"label", policy::ClassLabel(cls)}, {"selected", c.kind == value}});
  }
  json categories = json::array();
  for (const auto& [id, name] : f.main.category_names) {
    categories.push_back({{"value", id}, {"label", name}, {"selected", c.category == id}});
  }
  std::sort(categories.begin(), categories.end(),
            [](const json& a, const json& b) { return a["label"] < b["label"]; });
  json places = json::array();
  for (const auto& p : f.places)
    places.push_back({{"value", p}, {"label", p}, {"selected", c.place == p}});
  json groups = json::array();
  if (f.groups_allowed) {
    for (const auto& g : InsightGroups()) {
      groups.push_back({{"value", g.name}, {"label", g.label}, {"selected", c.group == g.name}});
    }
  }
  // Whose recording: for those who see the whole school's, their own too
  // (reflective supervision), and for senior leaders any colleague's.
  json whos = json::array();
  if (RoleHas(by.role, Permission::kInsightSchool)) {
    whos.push_back({{"value", ""}, {"label", "The whole school's"}, {"selected", c.who.empty()}});
    whos.push_back(
        {{"value", "mine"}, {"label", "My own recording"}, {"selected", c.who == "mine"}});
    if (by.role == Role::kSenior) {
      auto staff = ctx.store.ListStaff(by.school_id);
      if (staff.ok()) {
        for (const auto& s : *staff) {
          if (s.id == by.staff_id || (!s.active && c.who != std::to_string(s.id))) continue;
          std::string value = std::to_string(s.id);
          whos.push_back({{"value", value},
                          {"label", s.name + (s.active ? "" : " (left)")},
                          {"selected", c.who == value}});
        }
      }
    }
  }
  json view = {{"periods", periods},
               {"whos", whos},
               {"has_whos", !whos.empty()},
               {"kinds", kinds},
               {"categories", categories},
               {"places", places},
               {"groups", groups},
               {"has_groups", f.groups_allowed},
               {"custom", c.period == "custom"},
               {"narrowed", c.year >= 0 || c.form || !c.category.empty() || !c.place.empty() ||
                                !c.group.empty()},
               {"from", f.query.from ? FormatDate(*f.query.from) : ""},
               {"to", f.query.to ? FormatDate(*f.query.to) : ""}};
  AddYearFormChoices(ctx, by.school_id, c.year, c.form, view);
  return view;
}

}  // namespace

http::Response InsightPage(const WebContext& ctx, http::Request& req) {
  const Principal& by = *req.principal;
  InsightChoice choice = ReadInsightChoice(req.query);
  if (!req.query_problem.empty()) {
    choice.problems.push_back("The filters in the address could not be read (" +
                              req.query_problem + "): the page is shown without them");
  }
  auto figures = GatherInsight(ctx, by, choice);
  if (!figures.ok() && figures.status().code() == StatusCode::kUnavailable) {
    json view = {{"loading", true}, {"message", figures.status().message()}};
    return RenderPage(ctx, req, "insight", "Insight", view, 503);
  }
  if (!figures.ok()) return RenderError(ctx, req, figures.status());
  const InsightFigures& f = *figures;
  const InsightAnswer& a = f.main;
  std::string scope_words =
      a.scope == "school"  ? "The whole school's records"
      : a.scope == "staff" ? f.staff_name +
                                 "'s recording: shown to them and to senior leaders only, for "
                                 "reflective supervision"
      : RoleHas(by.role, Permission::kInsightSchool)
          ? "Your own recording: the records you made"
          : "Your own recording: the records you made. Senior leaders, pastoral leads, the "
            "SENCO and the DSL see the whole school's.";
  std::vector<std::pair<std::string, long long>> categories;
  for (const auto& [id, n] : a.counts.by_category) {
    auto name = a.category_names.find(id);
    categories.emplace_back(name == a.category_names.end() ? id : name->second, n);
  }
  std::vector<std::pair<std::string, long long>> places;
  for (const auto& [place, n] : a.counts.by_place) {
    places.emplace_back(place.empty() ? "No place recorded" : place, n);
  }
  json pupils = json::array();
  for (const auto& [id, n] : a.counts.by_pupil) {
    auto name = a.pupil_names.find(id);
    pupils.push_back({{"id", id},
                      {"name", name == a.pupil_names.end() ? "" : name->second},
                      {"count", NumberWords(static_cast<double>(n))}});
  }
  std::string query = f.choice.Query();
  std::string kind_words = f.choice.kind == "concerns" ? "Every record but prosocial"
                           : f.choice.kind == "all"    ? "Every record"
                                                       : "";
  if (auto cls = policy::ParseClass(f.choice.kind)) kind_words = policy::ClassLabel(*cls);
  json view = {
      {"kind_words", kind_words},
      {"scope_words", scope_words},
      {"window_words", f.window_words},
      {"problems", f.choice.problems},
      {"has_problems", !f.choice.problems.empty()},
      {"query", query},
      {"filters", FiltersView(ctx, by, f)},
      {"total", NumberWords(static_cast<double>(a.counts.total))},
      {"school_days", f.school_days},
      {"per_day",
       f.school_days ? NumberWords(static_cast<double>(a.counts.total) / f.school_days) : "—"},
      {"ratio", RatioWords(f.by_class[0], OtherThanProsocial(f.by_class))},
      {"prosocial", NumberWords(static_cast<double>(f.by_class[0]))},
      {"other", NumberWords(static_cast<double>(OtherThanProsocial(f.by_class)))},
      {"empty", a.counts.total == 0},
      {"months", MonthsView(a)},
      {"categories", BarRows(categories, a.counts.total, 12)},
      {"places", BarRows(places, a.counts.total, 12)},
      {"hours", HoursView(a)},
      {"heatmap", HeatmapView(a.counts, "insight-heatmap")},
      {"pupils", pupils},
      {"pupils_listed", a.pupils_listed && !pupils.empty()},
      {"weeks", WeeksView(f)},
      {"by_period", f.by_month ? "month by month" : "week by week"},
      {"period_head", f.by_month ? "Month" : "Week of"},
      {"class_weeks", ClassWeeksView(f)},
      {"years", GroupRows(f.years, &f.choice)},
      {"has_years", !f.years.empty()},
      {"forms", GroupRows(f.forms, nullptr)},
      {"has_forms", !f.forms.empty()},
      {"equity_shown", f.equity_shown},
      {"equity", EquityView(f.equity)},
      {"equity_physical", EquityView(f.equity_physical)},
  };
  // Outcomes over time come from the store month by month, which takes
  // longer than the rest of the page at a large school: the page asks for
  // them once it is shown (GET /insight/outcomes, for this window), or
  // has them at once when asked (outcomes=now: without script).
  if (req.query.Get("outcomes") == "now") {
    auto outcomes = GatherOutcomes(ctx, by, f);
    if (!outcomes.ok()) return RenderError(ctx, req, outcomes.status());
    if (*outcomes) view["outcomes"] = OutcomesView(**outcomes, query);
  } else if (OutcomesShown(by, f)) {
    view["outcomes_later"] = {{"href", "/insight/outcomes?" + query + "&window=" +
                                           FormatDate(f.main.from) + "," + FormatDate(f.main.to)},
                              {"fallback", "/insight?" + query + "&outcomes=now#insight-outcomes"}};
  }
  return RenderPage(ctx, req, "insight", "Insight", view);
}

}  // namespace attune::web
