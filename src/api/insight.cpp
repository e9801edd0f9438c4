// GET /api/v1/insight: the school's figures (services/insight_service.h)
// for the filters in the query string; a bad filter is 422 naming it.
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
