// The insight page's "Outcomes over time" (issue 14) and their downloads:
// physical interventions, the policy's consequences, suspensions, repair
// within the policy's time and plans, month by month over the page's
// window, from InsightService::Outcomes (services/insight_outcomes.h), and
// equity for each consequence and for suspensions.
//
// Only on the whole school's page (insight.school): a person who sees their
// own recording gets no outcomes at all, and their downloads are 404.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "services/insight_outcomes.h"
#include "web/csv_export.h"
#include "web/insight_figures.h"

namespace attune::web {

// Whether `by` is shown outcomes on the page of `f`: the whole school's.
bool OutcomesShown(const Principal& by, const InsightFigures& f);

// The page's outcomes for `f`'s window and filters; nullopt when `by` is
// not shown them (not the whole school's page).
Result<std::optional<InsightOutcomes>> GatherOutcomes(const WebContext& ctx, const Principal& by,
                                                      const InsightFigures& f);

// The view templates/partials/insight_outcomes.mustache draws; `query`
// chooses the same filters again for the downloads.
nlohmann::json OutcomesView(const InsightOutcomes& o, const std::string& query);

// Whether `chart` is one of the outcomes' downloads: "outcomes_physical",
// "outcomes_consequences", "outcomes_suspensions", "outcomes_repair",
// "outcomes_plans", "equity_outcomes".
bool IsOutcomesChart(const std::string& chart);
// Writes `chart` of `o` into `csv`; false when there is no such download
// for `o` (equity not shown).
bool OutcomesCsv(const InsightOutcomes& o, const std::string& chart, CsvWriter& csv);

// Equity rows as the page shows them (a count of 1 or 2, and a small
// group's, as words) and as a download gives them ("<3").
nlohmann::json EquityView(const std::vector<EquityRow>& rows);
std::vector<std::string> EquityCsvCells(const EquityRow& r);

}  // namespace attune::web
