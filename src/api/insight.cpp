// GET /api/v1/insight: the school's figures (services/insight_service.h)
// for the filters in the query string; a bad filter is 422 naming it.
#include <cmath>

#include "api/handlers.h"
#include "api/site.h"

namespace attune::api {

http::Response GetInsight(const ApiContext& ctx, http::Request& req) {
  auto query =
      ParseInsightQuery([&](std::string_view name) { return req.query.Get(std::string(name)); });
  if (!query.ok()) return JsonError(query.status());
  auto pupils = http::IntValue(req.query.Get("pupils"), 20, "pupils");
  if (!pupils.ok()) return JsonError(pupils.status());
  if (*pupils < 0 || *pupils > 500) {
    return JsonError(Status::Invalid("pupils must be between 0 and 500", "pupils"));
  }
  auto answer = ctx.insight.Ask(*req.principal, *query, static_cast<size_t>(*pupils));
  if (!answer.ok()) return JsonError(answer.status());
  return http::Response::Json(InsightJson(*answer));
}

}  // namespace attune::api

namespace attune::api {

// GET /api/v1/insight/equity: records (or, with measure=
// physical_interventions, those with one) per 100 pupils of each pupil
// group and the relative risk against the rest of the school; counts of 1
// and 2, and the rates built on them, are null.
http::Response GetInsightEquity(const ApiContext& ctx, http::Request& req) {
  auto query =
      ParseInsightQuery([&](std::string_view name) { return req.query.Get(std::string(name)); });
  if (!query.ok()) return JsonError(query.status());
  std::string measure = req.query.Get("measure");
  if (!measure.empty() && measure != "records" && measure != "physical_interventions") {
    return JsonError(
        Status::Invalid("measure must be records or physical_interventions", "measure"));
  }
  bool physical = measure == "physical_interventions";
  auto tables = ctx.insight.Equity(*req.principal, *query);
  if (!tables.ok()) return JsonError(tables.status());
  const auto& rows = physical ? tables->physical : tables->records;
  nlohmann::json groups = nlohmann::json::array();
  auto shared = [](long long n, bool shown) -> nlohmann::json {
    if (!shown) return nullptr;
    return n;
  };
  auto maybe = [](const std::optional<double>& v) -> nlohmann::json {
    if (!v) return nullptr;
    return std::round(*v * 100) / 100;
  };
  for (const auto& r : rows) {
    groups.push_back({{"dimension", r.dimension},
                      {"group", r.group},
                      {"pupils", shared(r.pupils, r.pupils_shown)},
                      {"records", shared(r.records, r.records_shown)},
                      {"per_100_pupils", maybe(r.per_100)},
                      {"relative_risk", maybe(r.relative_risk)},
                      {"suppressed", r.suppressed}});
  }
  return http::Response::Json(
      {{"measure", physical ? "physical_interventions" : "records"}, {"groups", groups}});
}

}  // namespace attune::api
