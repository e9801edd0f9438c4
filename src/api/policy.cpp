// GET /api/v1/policy: the policy in force today, as JSON.
#include "api/handlers.h"
#include "api/site.h"

namespace attune::api {

http::Response GetPolicy(const ApiContext& ctx, http::Request& req) {
  auto loaded = ctx.policies.InForce(req.principal->school_id, LondonDate(Now()));
  if (!loaded.ok()) return JsonError(loaded.status());
  const policy::Policy& p = *loaded->policy;
  nlohmann::json categories = nlohmann::json::array();
  for (const auto& c : p.categories) {
    categories.push_back(
        {{"id", c.id},
         {"name", c.name},
         {"class", policy::ClassName(c.behaviour_class)},
         {"safeguarding", c.safeguarding},
         {"planned_ignoring", c.planned_ignoring},
         {"default_step",
          c.default_step.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.default_step)}});
  }
  nlohmann::json steps = nlohmann::json::array();
  for (const auto& s : p.steps) {
    steps.push_back({{"id", s.id}, {"name", s.name}, {"order", s.order}});
  }
  nlohmann::json vocabulary = nlohmann::json::object();
  for (const auto& [k, v] : p.vocabulary) vocabulary[k] = v;
  return http::Response::Json(
      {{"version", loaded->version.version},
       {"active_from", loaded->version.active_from ? FormatDate(*loaded->version.active_from) : ""},
       {"school", p.school_name},
       {"categories", categories},
       {"steps", steps},
       {"vocabulary", vocabulary}});
}

}  // namespace attune::api
