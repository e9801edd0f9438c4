// GET /api/v1/insight: the school's figures (services/insight_service.h)
// for the filters in the query string; a bad filter is 422 naming it.
#include <cmath>

#include "api/handlers.h"
#include "api/site.h"
#include "policy/policy.h"
#include "services/authorization.h"
#include "services/insight_outcomes.h"

namespace attune::api {
namespace {

// An insight question's filters as the API takes them: each named once
// (which of two would count is unclear) and every form, category and
// member of staff one the school has (InsightService::CheckKnown).
Result<InsightQuery> ReadQuery(const ApiContext& ctx, const http::Request& req) {
  for (const char* name : {"from", "to", "class", "category", "place", "year", "form", "group",
                           "staff", "pupil", "pupils", "measure"}) {
    if (req.query.GetAll(name).size() > 1) {
      return Status::Invalid(std::string(name) +
                                 " is given more than once: give it once, with commas between "
                                 "its values (year=7,8)",
                             name);
    }
  }
  auto query =
      ParseInsightQuery([&](std::string_view name) { return req.query.Get(std::string(name)); });
  if (!query.ok()) return query;
  ATTUNE_RETURN_IF_ERROR(ctx.insight.CheckKnown(*req.principal, *query));
  return query;
}

}  // namespace

http::Response GetInsight(const ApiContext& ctx, http::Request& req) {
  auto query = ReadQuery(ctx, req);
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
// and 2, and the rates built on them, are null. measure=consequences gives
// a table for each consequence of the school's policy, measure=suspensions
// one for suspensions (services/insight_outcomes.h), over the dates asked.
http::Response GetInsightEquity(const ApiContext& ctx, http::Request& req) {
  auto query = ReadQuery(ctx, req);
  if (!query.ok()) return JsonError(query.status());
  // Unless a class is named, every class but prosocial, as the page counts:
  // a relative risk of recognition and concerns mixed would mislead.
  if (req.query.Get("class").empty()) {
    query->classes = 0xFF & ~(1u << static_cast<int>(policy::BehaviourClass::kProsocial));
  }
  std::string measure = req.query.Get("measure");
  if (measure.empty()) measure = "records";
  if (measure != "records" && measure != "physical_interventions" && measure != "consequences" &&
      measure != "suspensions") {
    return JsonError(Status::Invalid(
        "measure must be records, physical_interventions, consequences or suspensions", "measure"));
  }
  auto shared = [](long long n, bool shown) -> nlohmann::json {
    if (!shown) return nullptr;
    return n;
  };
  auto maybe = [](const std::optional<double>& v) -> nlohmann::json {
    if (!v) return nullptr;
    return std::round(*v * 100) / 100;
  };
  auto groups_of = [&](const std::vector<EquityRow>& rows) {
    nlohmann::json groups = nlohmann::json::array();
    for (const auto& r : rows) {
      groups.push_back({{"dimension", r.dimension},
                        {"group", r.group},
                        {"pupils", shared(r.pupils, r.pupils_shown)},
                        {"records", shared(r.records, r.records_shown)},
                        {"per_100_pupils", maybe(r.per_100)},
                        {"relative_risk", maybe(r.relative_risk)},
                        {"suppressed", r.suppressed}});
    }
    return groups;
  };
  if (measure == "consequences" || measure == "suspensions") {
    // Equity is for those who may see special-category details, as below.
    if (!RoleHas(req.principal->role, Permission::kPupilsViewSensitive)) {
      return JsonError(Status::Forbidden(
          "Equity figures are for leaders who may see pupils' special-category details"));
    }
    InsightQuery dates;  // the dates alone: these follow no other filter
    dates.from = query->from;
    dates.to = query->to;
    auto outcomes = ctx.insight.Outcomes(*req.principal, dates, false);
    if (!outcomes.ok()) return JsonError(outcomes.status());
    nlohmann::json out = {{"measure", measure},
                          {"from", FormatDate(outcomes->from)},
                          {"to", FormatDate(outcomes->to)}};
    if (measure == "suspensions") {
      out["groups"] = groups_of(outcomes->equity.back().rows);
      return http::Response::Json(out);
    }
    nlohmann::json consequences = nlohmann::json::array();
    for (size_t i = 0; i < outcomes->consequences.size(); ++i) {
      const auto& c = outcomes->consequences[i];
      consequences.push_back({{"consequence", c.line.id},
                              {"name", c.line.name},
                              {"protective", c.protective},
                              {"off_site", c.off_site},
                              {"groups", groups_of(outcomes->equity[i].rows)}});
    }
    out["consequences"] = consequences;
    return http::Response::Json(out);
  }
  bool physical = measure == "physical_interventions";
  auto tables = ctx.insight.Equity(*req.principal, *query);
  if (!tables.ok()) return JsonError(tables.status());
  return http::Response::Json(
      {{"measure", measure}, {"groups", groups_of(physical ? tables->physical : tables->records)}});
}

}  // namespace attune::api
