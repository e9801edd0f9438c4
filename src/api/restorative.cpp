// GET /api/v1/restorative (?incident= or ?pupil=), POST /api/v1/restorative
// and POST /api/v1/restorative/{id}/repair.
#include "api/handlers.h"
#include "api/site.h"
#include "api/views.h"
#include "http/json_body.h"

namespace attune::api {

http::Response ListRestorative(const ApiContext& ctx, http::Request& req) {
  auto incident = http::IntValue(req.query.Get("incident"), 0, "incident");
  if (!incident.ok()) return JsonError(incident.status());
  auto pupil = http::IntValue(req.query.Get("pupil"), 0, "pupil");
  if (!pupil.ok()) return JsonError(pupil.status());
  if (!*incident && !*pupil) {
    return JsonError(Status::Invalid("Give ?incident= or ?pupil=", "incident"));
  }
  auto list = ctx.restorative.List(*req.principal, *incident, *pupil, req.ip);
  if (!list.ok()) return JsonError(list.status());
  nlohmann::json items = nlohmann::json::array();
  for (const auto& c : *list) items.push_back(RestorativeJson(c));
  return http::Response::Json({{"restorative", items},
                               {"prompts", RestorativePrompts()},
                               {"harmed_prompts", HarmedPrompts()}});
}

http::Response CreateRestorative(const ApiContext& ctx, http::Request& req) {
  auto body = http::JsonObjectBody(req);
  if (!body.ok()) return JsonError(body.status());
  RestorativeRequest r;
  for (auto [key, out] :
       {std::pair{"incident_id", &r.incident_id}, std::pair{"pupil_id", &r.pupil_id},
        std::pair{"adult_staff_id", &r.adult_staff_id}}) {
    auto v = http::IntMember(*body, key);
    if (!v.ok()) return JsonError(v.status());
    *out = *v;
  }
  for (auto [key, out] : {std::pair{"harmed", &r.harmed}, std::pair{"agreement", &r.agreement}}) {
    auto v = http::StringMember(*body, key);
    if (!v.ok()) return JsonError(v.status());
    *out = *v;
  }
  for (auto [key, out] : {std::pair{"pupil_answers", &r.pupil_answers},
                          std::pair{"harmed_answers", &r.harmed_answers}}) {
    auto v = http::StringListMember(*body, key);
    if (!v.ok()) return JsonError(v.status());
    *out = *v;
  }
  for (auto [key, out] : {std::pair{"shuttle", &r.shuttle}, std::pair{"repaired", &r.repaired}}) {
    auto v = http::BoolMember(*body, key);
    if (!v.ok()) return JsonError(v.status());
    *out = *v;
  }
  auto held = http::InstantMember(*body, "held_at");
  if (!held.ok()) return JsonError(held.status());
  r.held_at = *held;
  auto review = http::DateMember(*body, "review_on");
  if (!review.ok()) return JsonError(review.status());
  r.review_on = *review;
  if (!r.incident_id) return JsonError(Status::Invalid("incident_id is required", "incident_id"));
  auto id = ctx.restorative.Record(*req.principal, r, req.ip);
  if (!id.ok()) return JsonError(id.status());
  auto list = ctx.restorative.List(*req.principal, r.incident_id, 0, req.ip);
  if (!list.ok()) return JsonError(list.status());
  for (const auto& c : *list) {
    if (c.id == *id) return http::Response::Json(RestorativeJson(c), 201);
  }
  return http::Response::Json({{"id", *id}}, 201);
}

http::Response RepairRestorative(const ApiContext& ctx, http::Request& req) {
  auto id = http::ParamId(req);
  if (!id.ok()) return JsonError(id.status());
  Status st = ctx.restorative.MarkRepaired(*req.principal, *id, req.ip);
  if (!st.ok()) return JsonError(st);
  return http::Response::Json({{"id", *id}, {"repaired", true}});
}

}  // namespace attune::api
