// GET /api/v1/training (?staff=) and POST /api/v1/training: the training
// staff hold that the school's policy relies on (Team Teach, CPI).
#include "api/handlers.h"
#include "api/site.h"
#include "http/json_body.h"
#include "services/training_service.h"

namespace attune::api {
namespace {

nlohmann::json DateOrNull(const std::optional<Date>& d) {
  return d ? nlohmann::json(FormatDate(*d)) : nlohmann::json(nullptr);
}

}  // namespace

http::Response ListTraining(const ApiContext& ctx, http::Request& req) {
  auto staff = http::IntValue(req.query.Get("staff"), 0, "staff");
  if (!staff.ok()) return JsonError(staff.status());
  auto list = TrainingService(ctx.store, ctx.policies).List(*req.principal, *staff);
  if (!list.ok()) return JsonError(list.status());
  nlohmann::json items = nlohmann::json::array();
  for (const auto& t : *list) {
    items.push_back({{"id", t.id},
                     {"staff_id", t.staff_id},
                     {"staff_name", t.staff_name},
                     {"training", t.training},
                     {"taken_on", FormatDate(t.taken_on)},
                     {"expires_on", DateOrNull(t.expires_on)}});
  }
  return http::Response::Json({{"training", items}});
}

http::Response CreateTraining(const ApiContext& ctx, http::Request& req) {
  auto body = http::JsonObjectBody(req);
  if (!body.ok()) return JsonError(body.status());
  TrainingRequest r;
  auto staff = http::IntMember(*body, "staff_id");
  if (!staff.ok()) return JsonError(staff.status());
  r.staff_id = *staff;
  auto training = http::StringMember(*body, "training");
  if (!training.ok()) return JsonError(training.status());
  r.training = *training;
  auto taken = http::DateMember(*body, "taken_on");
  if (!taken.ok()) return JsonError(taken.status());
  r.taken_on = *taken;
  auto expires = http::DateMember(*body, "expires_on");
  if (!expires.ok()) return JsonError(expires.status());
  r.expires_on = *expires;
  auto id = TrainingService(ctx.store, ctx.policies).Record(*req.principal, r, req.ip);
  if (!id.ok()) return JsonError(id.status());
  return http::Response::Json({{"id", *id}}, 201);
}

}  // namespace attune::api
