// GET /api/v1/restorative (?incident= or ?pupil=), POST /api/v1/restorative,
// POST /api/v1/restorative/{id}/repair and, for senior leaders,
// POST /api/v1/incidents/{id}/no-repair {"pupil_id","reason","note"}.
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
  auto not_happening = ctx.restorative.NoRepairs(*req.principal, *incident, *pupil, req.ip);
  if (!not_happening.ok()) return JsonError(not_happening.status());
  nlohmann::json no_repairs = nlohmann::json::array();
  for (const auto& n : *not_happening) no_repairs.push_back(NoRepairJson(n));
  return http::Response::Json({{"restorative", items},
                               {"no_repairs", no_repairs},
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

http::Response RecordNoRepair(const ApiContext& ctx, http::Request& req) {
  auto id = http::ParamId(req);
  if (!id.ok()) return JsonError(id.status());
  auto body = http::JsonObjectBody(req);
  if (!body.ok()) return JsonError(body.status());
  NoRepairRequest r;
  r.incident_id = *id;
  auto pupil = http::IntMember(*body, "pupil_id");
  if (!pupil.ok()) return JsonError(pupil.status());
  r.pupil_id = *pupil;
  for (auto [key, out] : {std::pair{"reason", &r.reason}, std::pair{"note", &r.note}}) {
    auto v = http::StringMember(*body, key);
    if (!v.ok()) return JsonError(v.status());
    *out = *v;
  }
  auto in_force = ctx.policies.InForce(req.principal->school_id, LondonDate(Now()));
  if (in_force.ok()) r.pupil_word = in_force->policy->Word("pupil", "pupil");
  Status st = ctx.restorative.RecordNoRepair(*req.principal, r, req.ip);
  if (!st.ok()) return JsonError(st);
  auto recorded = ctx.restorative.NoRepairs(*req.principal, *id, 0, req.ip);
  if (!recorded.ok()) return JsonError(recorded.status());
  for (const auto& n : *recorded) {
    if (n.pupil_id == r.pupil_id) return http::Response::Json(NoRepairJson(n), 201);
  }
  return JsonError(Status::Internal("The record that the repair will not happen was not found"));
}

}  // namespace attune::api
