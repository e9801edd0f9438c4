#include "web/insight_outcomes.h"

#include <cstdio>

#include "services/authorization.h"
#include "web/handlers.h"
#include "web/insight_charts.h"
#include "web/page.h"
#include "web/site.h"

namespace attune::web {
namespace {

using nlohmann::json;

std::string N(long long n) { return std::to_string(n); }
// "restorative conversation" for "Restorative conversation", in a sentence.
std::string LowerFirst(std::string s) {
  if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') s[0] = static_cast<char>(s[0] - 'A' + 'a');
  return s;
}
std::string Words(long long n) { return NumberWords(static_cast<double>(n)); }

// Tones for a line each, told apart by colour and dash (css/insight.css).
const char* SeriesTone(size_t i) {
  static const char* const tones[] = {"s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8"};
  return tones[i % 8];
}

// A chart of `lines` month by month: bars side by side, or lines when
// there are more than two and more than a few months; null when all are 0.
json MonthChart(const InsightOutcomes& o, const std::string& id, const std::string& title,
                const std::vector<const OutcomeLine*>& lines, std::vector<std::string> tones) {
  long long total = 0;
  for (const auto* l : lines) total += l->total;
  if (total == 0) return nullptr;  // nothing to draw: the page says "none"
  Chart c;
  c.id = id;
  c.title = title;
  c.lines = lines.size() > 2 && o.months.size() > 3;
  for (size_t s = 0; s < lines.size(); ++s) c.series.push_back({lines[s]->name, tones[s]});
  for (size_t m = 0; m < o.months.size(); ++m) {
    std::string words = MonthWords(o.months[m].name, true) + ":";
    ChartColumn col;
    col.label = MonthWords(o.months[m].name, false);
    col.year = o.months[m].name.substr(0, 4);
    for (size_t s = 0; s < lines.size(); ++s) {
      long long v = lines[s]->counts[m];
      words += (s ? ", " : " ") + Words(v) + (lines.size() > 1 ? " " + lines[s]->name : "");
      col.values.push_back(static_cast<double>(v));
    }
    col.words = words;
    c.columns.push_back(std::move(col));
  }
  return ChartView(c);
}

// "3 of 8 (38%)".
std::string ShareWords(long long n, long long of) {
  if (of <= 0) return "none due";
  return Words(n) + " of " + Words(of) + " (" + PercentWords(n, of) + ")";
}

json ConsequencesView(const InsightOutcomes& o, const std::string& query) {
  std::vector<const OutcomeLine*> given;  // those given in the period: the chart's lines
  std::vector<std::string> tones;
  json kinds = json::array();
  for (const auto& c : o.consequences) {
    if (c.line.total > 0) {
      tones.push_back(SeriesTone(given.size()));
      given.push_back(&c.line);
    }
    std::string kind = c.protective ? "Protective" : "Educational";
    if (c.off_site) kind += ", away from school";
    kinds.push_back({{"name", c.line.name}, {"kind", kind}, {"total", Words(c.line.total)}});
  }
  json names = json::array(), rows = json::array();
  for (const auto* l : given) names.push_back(l->name);
  for (size_t m = 0; m < o.months.size(); ++m) {
    json cells = json::array();
    for (const auto* l : given)
      cells.push_back({{"name", l->name}, {"count", Words(l->counts[m])}});
    rows.push_back({{"month", MonthWords(o.months[m].name, true)}, {"cells", cells}});
  }
  return {{"defined", !o.consequences.empty()},
          {"any", !given.empty()},
          {"kinds", kinds},
          {"names", names},
          {"rows", rows},
          {"query", query},
          {"chart", MonthChart(o, "outcomes-consequences-chart",
                               "The policy's consequences, month by month", given, tones)}};
}

json RepairView(const InsightOutcomes& o) {
  std::vector<const OutcomeLine*> lines = {&o.in_time, &o.late, &o.open, &o.not_repaired};
  json rows = json::array();
  for (size_t m = 0; m < o.months.size(); ++m) {
    long long due = 0;
    for (const auto* l : lines) due += l->counts[m];
    rows.push_back({{"month", MonthWords(o.months[m].name, true)},
                    {"due", Words(due)},
                    {"in_time", Words(o.in_time.counts[m])},
                    {"late", Words(o.late.counts[m])},
                    {"open", Words(o.open.counts[m])},
                    {"not_repaired", Words(o.not_repaired.counts[m])}});
  }
  long long due = 0;
  for (const auto* l : lines) due += l->total;
  std::string kinds;
  for (size_t i = 0; i < o.repair_words.size(); ++i) {
    kinds += (i == 0 ? "" : "; ") + LowerFirst(o.repair_words[i]);
  }
  return {{"chart",
           MonthChart(o, "outcomes-repair-chart", "Repair follow-ups by the month they were due",
                      lines, {"prosocial", "concern", "neutral", "muted"})},
          {"rows", rows},
          {"any", due > 0},
          {"kinds", kinds},
          {"in_time", ShareWords(o.in_time.total, due)},
          {"late", Words(o.late.total)},
          {"open", Words(o.open.total)},
          {"not_repaired", Words(o.not_repaired.total)}};
}

json PlansView(const InsightOutcomes& o) {
  OutcomeLine started;
  started.name = "Plans started";
  started.counts.assign(o.months.size(), 0);
  json types = json::array();
  for (const auto& p : o.plans) {
    for (size_t m = 0; m < o.months.size(); ++m) started.counts[m] += p.started.counts[m];
    started.total += p.started.total;
    types.push_back({{"name", p.name},
                     {"started", Words(p.started.total)},
                     {"successful", Words(p.successful.total)},
                     {"unsuccessful", Words(p.unsuccessful.total)},
                     {"ended_otherwise", Words(p.ended_otherwise.total)},
                     {"has_otherwise", p.ended_otherwise.total > 0}});
  }
  json rows = json::array();
  for (size_t m = 0; m < o.months.size(); ++m) {
    rows.push_back(
        {{"month", MonthWords(o.months[m].name, true)}, {"started", Words(started.counts[m])}});
  }
  return {{"chart", MonthChart(o, "outcomes-plans-chart", "Plans started, month by month",
                               {&started}, {"neutral"})},
          {"types", types},
          {"defined", !o.plans.empty()},
          {"any", started.total > 0},
          {"rows", rows}};
}

// A count as it may be shared: 1 and 2, and a small group's, are not given.
std::string SharedCountWords(long long n, bool shown) {
  if (shown) return NumberWords(static_cast<double>(n));
  return Suppressed(n) ? "fewer than 3" : "not shown";
}

}  // namespace

json EquityView(const std::vector<EquityRow>& rows) {
  json out = json::array();
  std::string dimension;
  for (const auto& r : rows) {
    bool first = r.dimension != dimension;
    dimension = r.dimension;
    std::string risk = "—";
    if (r.relative_risk) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.2f", *r.relative_risk);
      risk = buf;
    }
    out.push_back({{"dimension", r.dimension},
                   {"first", first},
                   {"group", r.group},
                   {"pupils", SharedCountWords(r.pupils, r.pupils_shown)},
                   {"records", SharedCountWords(r.records, r.records_shown)},
                   {"per_100", r.per_100 ? NumberWords(*r.per_100) : "—"},
                   {"risk", risk},
                   {"suppressed", r.suppressed},
                   {"high", r.relative_risk && *r.relative_risk >= 1.5}});
  }
  return out;
}

std::vector<std::string> EquityCsvCells(const EquityRow& r) {
  auto shared = [](long long n, bool shown) { return shown ? N(n) : std::string("<3"); };
  char per[32] = "", risk[32] = "";
  if (r.per_100) std::snprintf(per, sizeof per, "%.1f", *r.per_100);
  if (r.relative_risk) std::snprintf(risk, sizeof risk, "%.2f", *r.relative_risk);
  return {
      r.dimension, r.group, shared(r.pupils, r.pupils_shown), shared(r.records, r.records_shown),
      per,         risk};
}

bool OutcomesShown(const Principal& by, const InsightFigures& f) {
  return f.main.scope == "school" && RoleHas(by.role, Permission::kInsightSchool);
}

Result<std::optional<InsightOutcomes>> GatherOutcomes(const WebContext& ctx, const Principal& by,
                                                      const InsightFigures& f) {
  if (!OutcomesShown(by, f)) return std::optional<InsightOutcomes>();
  InsightQuery q;
  q.from = f.query.from;
  q.to = f.query.to;
  q.years = f.query.years;
  q.forms = f.query.forms;
  q.groups = f.query.groups;
  auto o = ctx.insight.Outcomes(by, q);
  if (!o.ok()) return o.status();
  return std::optional<InsightOutcomes>(std::move(*o));
}

http::Response InsightOutcomesPart(const WebContext& ctx, http::Request& req) {
  const Principal& by = *req.principal;
  InsightChoice choice = ReadInsightChoice(req.query);
  if (!choice.who.empty()) {
    return RenderError(
        ctx, req, Status::NotFound("Outcomes are the whole school's figures, not one person's"));
  }
  // The window as the page worked it out: two dates.
  std::string window = req.query.Get("window");
  size_t comma = window.find(',');
  auto from = ParseDate(window.substr(0, comma), "window");
  auto to = ParseDate(comma == std::string::npos ? "" : window.substr(comma + 1), "window");
  if (!from.ok() || !to.ok() || *to < *from || !InsightDateInRange(*from) ||
      !InsightDateInRange(*to)) {
    return RenderError(ctx, req,
                       Status::Invalid("The window was not two dates, the first before the last, "
                                       "as 2026-09-01,2026-12-18",
                                       "window"));
  }
  InsightQuery q;
  q.from = *from;
  q.to = *to;
  ApplyChoiceFilters(by, choice, q);
  auto o = ctx.insight.Outcomes(by, q);
  if (!o.ok()) return RenderError(ctx, req, o.status());
  return RenderFragment(ctx, "insight_outcomes", {{"outcomes", OutcomesView(*o, choice.Query())}});
}

json OutcomesView(const InsightOutcomes& o, const std::string& query) {
  json physical = json::array(), suspensions = json::array();
  for (size_t m = 0; m < o.months.size(); ++m) {
    std::string month = MonthWords(o.months[m].name, true);
    physical.push_back({{"month", month}, {"count", Words(o.physical.counts[m])}});
    suspensions.push_back({{"month", month},
                           {"count", Words(o.suspensions.counts[m])},
                           {"days", Words(o.suspension_days.counts[m])}});
  }
  json equity = json::array();
  for (size_t i = 0; i < o.equity.size(); ++i) {
    long long counted = 0;  // each pupil is in one year group
    for (const auto& r : o.equity[i].rows) {
      if (r.dimension == "Year group") counted += r.records;
    }
    equity.push_back(
        {{"name", o.equity[i].name},
         {"any", counted > 0},
         {"heading", "insight-equity-outcome-" + std::to_string(i)},
         {"count_words", o.equity[i].id == "suspensions" ? "Suspensions" : "Times given"},
         {"rows", EquityView(o.equity[i].rows)}});
  }
  return {
      {"query", query},
      {"physical",
       {{"chart", MonthChart(o, "outcomes-physical-chart", "Physical interventions, month by month",
                             {&o.physical}, {"neutral"})},
        {"rows", physical},
        {"any", o.physical.total > 0},
        {"total", Words(o.physical.total)}}},
      {"consequences", ConsequencesView(o, query)},
      {"suspensions",
       {{"chart", MonthChart(o, "outcomes-suspensions-chart", "Suspensions, month by month",
                             {&o.suspensions}, {"concern"})},
        {"rows", suspensions},
        {"any", o.suspensions.total > 0},
        {"total", Words(o.suspensions.total)},
        {"days", Words(o.suspension_days.total)}}},
      {"repair", RepairView(o)},
      {"plans", PlansView(o)},
      {"equity_shown", o.equity_shown},
      {"equity", equity},
  };
}

bool IsOutcomesChart(const std::string& chart) {
  for (const char* c : {"outcomes_physical", "outcomes_consequences", "outcomes_suspensions",
                        "outcomes_repair", "outcomes_plans", "equity_outcomes"}) {
    if (chart == c) return true;
  }
  return false;
}

bool OutcomesCsv(const InsightOutcomes& o, const std::string& chart, CsvWriter& csv) {
  const auto& months = o.months;
  if (chart == "outcomes_physical") {
    csv.Row({"month", "physical_interventions"});
    for (size_t m = 0; m < months.size(); ++m) csv.Row({months[m].name, N(o.physical.counts[m])});
  } else if (chart == "outcomes_consequences") {
    csv.Row({"month", "consequence", "name", "protective", "off_site", "pupils"});
    for (size_t m = 0; m < months.size(); ++m) {
      for (const auto& c : o.consequences) {
        csv.Row({months[m].name, c.line.id, c.line.name, c.protective ? "yes" : "no",
                 c.off_site ? "yes" : "no", N(c.line.counts[m])});
      }
    }
  } else if (chart == "outcomes_suspensions") {
    csv.Row({"month", "suspensions", "school_days"});
    for (size_t m = 0; m < months.size(); ++m) {
      csv.Row({months[m].name, N(o.suspensions.counts[m]), N(o.suspension_days.counts[m])});
    }
  } else if (chart == "outcomes_repair") {
    csv.Row({"month", "due", "done_in_time", "done_later", "still_open", "not_repaired"});
    for (size_t m = 0; m < months.size(); ++m) {
      long long due =
          o.in_time.counts[m] + o.late.counts[m] + o.open.counts[m] + o.not_repaired.counts[m];
      csv.Row({months[m].name, N(due), N(o.in_time.counts[m]), N(o.late.counts[m]),
               N(o.open.counts[m]), N(o.not_repaired.counts[m])});
    }
  } else if (chart == "outcomes_plans") {
    csv.Row({"month", "plan", "name", "started", "ended_successful", "ended_unsuccessful",
             "ended_without_outcome"});
    for (size_t m = 0; m < months.size(); ++m) {
      for (const auto& p : o.plans) {
        csv.Row({months[m].name, p.id, p.name, N(p.started.counts[m]), N(p.successful.counts[m]),
                 N(p.unsuccessful.counts[m]), N(p.ended_otherwise.counts[m])});
      }
    }
  } else if (chart == "equity_outcomes" && o.equity_shown) {
    // As shared: counts of 1 and 2 and the rates built on them left out.
    csv.Row({"measure", "name", "dimension", "group", "pupils", "count", "per_100_pupils",
             "relative_risk"});
    for (const auto& e : o.equity) {
      for (const auto& r : e.rows) {
        std::vector<std::string> row = {e.id, e.name};
        for (auto& cell : EquityCsvCells(r)) row.push_back(std::move(cell));
        csv.Row(row);
      }
    }
  } else {
    return false;
  }
  return true;
}

}  // namespace attune::web
