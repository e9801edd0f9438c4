// GET /insight.csv?chart=…: one chart of the insight page as CSV, for the
// same filters (insight_figures.h). Pupils by name are never in a download:
// a school-level report may be shared (issue 14). Audited as every download.
#include <cstdio>

#include "policy/policy.h"
#include "web/csv_export.h"
#include "web/handlers.h"
#include "web/insight_figures.h"
#include "web/insight_outcomes.h"
#include "web/page.h"
#include "web/site.h"

namespace attune::web {
namespace {

std::string N(long long n) { return std::to_string(n); }

}  // namespace

http::Response InsightCsv(const WebContext& ctx, http::Request& req) {
  const Principal& by = *req.principal;
  std::string chart = req.query.Get("chart");
  auto figures = GatherInsight(ctx, by, ReadInsightChoice(req.query));
  if (!figures.ok()) return RenderError(ctx, req, figures.status());
  const InsightFigures& f = *figures;
  const InsightAnswer& a = f.main;
  CsvWriter csv;
  if (IsOutcomesChart(chart)) {
    auto outcomes = GatherOutcomes(ctx, by, f);
    if (!outcomes.ok()) return RenderError(ctx, req, outcomes.status());
    if (!*outcomes || !OutcomesCsv(**outcomes, chart, csv)) {
      return RenderError(ctx, req, Status::NotFound("There is no such chart to download"));
    }
  } else if (chart == "months") {
    csv.Row({"month", "school_days", "records", "records_per_school_day"});
    for (const auto& m : a.months) {
      char rate[32] = "";
      if (m.school_days) {
        std::snprintf(rate, sizeof rate, "%.2f", static_cast<double>(m.records) / m.school_days);
      }
      csv.Row({m.month, N(m.school_days), N(m.records), rate});
    }
  } else if (chart == "categories") {
    csv.Row({"category", "name", "records"});
    for (const auto& [id, n] : a.counts.by_category) {
      auto name = a.category_names.find(id);
      csv.Row({id, name == a.category_names.end() ? id : name->second, N(n)});
    }
  } else if (chart == "places") {
    csv.Row({"place", "records"});
    for (const auto& [place, n] : a.counts.by_place) csv.Row({place, N(n)});
  } else if (chart == "hours") {
    csv.Row({"hour", "records"});
    for (int h = 0; h < 24; ++h) csv.Row({N(h), N(a.counts.by_hour[h])});
  } else if (chart == "heatmap") {
    std::vector<std::string> header = {"weekday"};
    for (int h = 0; h < 24; ++h) header.push_back(N(h));
    csv.Row(header);
    const char* days[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                          "Friday", "Saturday", "Sunday"};
    for (int d = 0; d < 7; ++d) {
      std::vector<std::string> row = {days[d]};
      for (int h = 0; h < 24; ++h) row.push_back(N(a.counts.heatmap[d][h]));
      csv.Row(row);
    }
  } else if (chart == "weeks") {
    csv.Row({f.by_month ? "month" : "week_commencing", "school_days", "prosocial", "other"});
    for (const auto& w : f.weeks) {
      csv.Row({FormatDate(w.start), N(w.school_days), N(w.by_class[0]),
               N(OtherThanProsocial(w.by_class))});
    }
  } else if (chart == "classes") {
    // Every class, whether or not it has records in the window.
    std::vector<std::string> header = {f.by_month ? "month" : "week_commencing", "school_days"};
    const policy::BehaviourClass classes[] = {
        policy::BehaviourClass::kProsocial, policy::BehaviourClass::kLowLevel,
        policy::BehaviourClass::kDifficult, policy::BehaviourClass::kDangerous};
    for (auto c : classes) header.push_back(policy::ClassName(c));
    csv.Row(header);
    for (const auto& w : f.weeks) {
      std::vector<std::string> row = {FormatDate(w.start), N(w.school_days)};
      for (auto c : classes) row.push_back(N(w.by_class[static_cast<size_t>(c)]));
      csv.Row(row);
    }
  } else if (chart == "years" || chart == "forms") {
    csv.Row({chart == "years" ? "year_group" : "form", "prosocial", "other"});
    for (const auto& r : chart == "years" ? f.years : f.forms) {
      csv.Row({r.label, N(r.prosocial), N(r.other)});
    }
  } else if ((chart == "equity" || chart == "equity_physical") && f.equity_shown) {
    // As shared: counts of 1 and 2 and the rates built on them left out.
    csv.Row({"dimension", "group", "pupils", "records", "per_100_pupils", "relative_risk"});
    for (const auto& r : chart == "equity" ? f.equity : f.equity_physical) {
      csv.Row(EquityCsvCells(r));
    }
  } else {
    return RenderError(ctx, req,
                       Status::NotFound("There is no such chart to download: choose one of the "
                                        "insight page's download links"));
  }
  return CsvDownload(ctx, req, "insight." + chart, "insight-" + chart + ".csv", csv);
}

}  // namespace attune::web
