// GET and POST /api/v1/incidents/{id}/amends: the amends pupils propose, in
// their own words; recording them completes the record's open amends
// actions for that pupil.
#include "api/handlers.h"
#include "api/site.h"
#include "http/json_body.h"
#include "services/amends_service.h"

namespace attune::api {
namespace {

nlohmann::json AmendsJson(const Amends& a) {
  return {{"id", a.id},
          {"incident_id", a.incident_id},
          {"pupil_id", a.pupil_id},
          {"pupil_name", a.pupil_name},
          {"words", a.words},
          {"agreed_with", a.agreed_with},
          {"recorded_by", a.recorded_by_name},
          {"recorded_at", FormatUtc(a.recorded_at)}};
}

}  // namespace

http::Response ListAmends(const ApiContext& ctx, http::Request& req) {
  auto id = http::ParamId(req);
  if (!id.ok()) return JsonError(id.status());
  auto list = AmendsService(ctx.store).List(*req.principal, *id, req.ip);
  if (!list.ok()) return JsonError(list.status());
  nlohmann::json items = nlohmann::json::array();
  for (const auto& a : *list) items.push_back(AmendsJson(a));
  return http::Response::Json({{"amends", items}});
}

http::Response CreateAmends(const ApiContext& ctx, http::Request& req) {
  auto id = http::ParamId(req);
  if (!id.ok()) return JsonError(id.status());
  auto body = http::JsonObjectBody(req);
  if (!body.ok()) return JsonError(body.status());
  AmendsRequest r;
  r.incident_id = *id;
  auto pupil = http::IntMember(*body, "pupil_id");
  if (!pupil.ok()) return JsonError(pupil.status());
  r.pupil_id = *pupil;
  for (auto [key, out] : {std::pair{"words", &r.words}, std::pair{"agreed_with", &r.agreed_with}}) {
    auto v = http::StringMember(*body, key);
    if (!v.ok()) return JsonError(v.status());
    *out = *v;
  }
  AmendsService amends(ctx.store);
  auto saved = amends.Record(*req.principal, r, req.ip);
  if (!saved.ok()) return JsonError(saved.status());
  auto list = amends.List(*req.principal, *id, req.ip);
  if (list.ok()) {
    for (const auto& a : *list) {
      if (a.id == *saved) return http::Response::Json(AmendsJson(a), 201);
    }
  }
  return http::Response::Json({{"id", *saved}}, 201);
}

}  // namespace attune::api
