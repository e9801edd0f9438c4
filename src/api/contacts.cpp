// GET /api/v1/contacts?pupil= (contact with home, logged) and
// POST /api/v1/contacts {"pupil_id","kind","note",...}.
#include "api/handlers.h"
#include "api/site.h"
#include "api/views.h"
#include "http/json_body.h"

namespace attune::api {

http::Response ListContactLog(const ApiContext& ctx, http::Request& req) {
  auto pupil = http::IntValue(req.query.Get("pupil"), 0, "pupil");
  if (!pupil.ok()) return JsonError(pupil.status());
  auto incident = http::IntValue(req.query.Get("incident"), 0, "incident");
  if (!incident.ok()) return JsonError(incident.status());
  if (!*pupil && !*incident) {
    return JsonError(Status::Invalid("Give ?pupil= or ?incident=", "pupil"));
  }
  auto list = ctx.restorative.Contacts(*req.principal, *pupil, *incident, req.ip);
  if (!list.ok()) return JsonError(list.status());
  nlohmann::json items = nlohmann::json::array();
  for (const auto& e : *list) items.push_back(ContactLogJson(e));
  return http::Response::Json({{"contacts", items}});
}

http::Response CreateContactLog(const ApiContext& ctx, http::Request& req) {
  auto body = http::JsonObjectBody(req);
  if (!body.ok()) return JsonError(body.status());
  ContactRequest r;
  for (auto [key, out] :
       {std::pair{"pupil_id", &r.pupil_id}, std::pair{"incident_id", &r.incident_id},
        std::pair{"action_id", &r.action_id}, std::pair{"contact_id", &r.contact_id}}) {
    auto v = http::IntMember(*body, key);
    if (!v.ok()) return JsonError(v.status());
    *out = *v;
  }
  for (auto [key, out] : {std::pair{"kind", &r.kind}, std::pair{"note", &r.note}}) {
    auto v = http::StringMember(*body, key);
    if (!v.ok()) return JsonError(v.status());
    *out = *v;
  }
  auto at = http::InstantMember(*body, "at");
  if (!at.ok()) return JsonError(at.status());
  r.at = *at;
  auto complete = http::BoolMember(*body, "complete_action");
  if (!complete.ok()) return JsonError(complete.status());
  r.complete_action = *complete;
  auto id = ctx.restorative.LogContact(*req.principal, r, req.ip);
  if (!id.ok()) return JsonError(id.status());
  auto list = ctx.restorative.Contacts(*req.principal, r.pupil_id, 0, req.ip);
  if (!list.ok()) return JsonError(list.status());
  for (const auto& e : *list) {
    if (e.id == *id) return http::Response::Json(ContactLogJson(e), 201);
  }
  return http::Response::Json({{"id", *id}}, 201);
}

}  // namespace attune::api
