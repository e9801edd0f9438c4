// GET /api/v1/staff and POST /api/v1/staff (the same validator as the page).
#include "api/handlers.h"
#include "api/site.h"
#include "http/json_body.h"

namespace attune::api {

http::Response ListStaff(const ApiContext& ctx, http::Request& req) {
  auto staff = ctx.staff.List(*req.principal);
  if (!staff.ok()) return JsonError(staff.status());
  nlohmann::json items = nlohmann::json::array();
  for (const auto& s : *staff) {
    items.push_back({{"id", s.id},
                     {"name", s.name},
                     {"email", s.email},
                     {"role", RoleName(s.role)},
                     {"job_title", s.job_title},
                     {"active", s.active}});
  }
  return http::Response::Json({{"staff", items}});
}

http::Response CreateStaff(const ApiContext& ctx, http::Request& req) {
  auto body = http::JsonObjectBody(req);
  if (!body.ok()) return JsonError(body.status());
  NewStaff input;
  for (auto [key, target] :
       {std::pair{"email", &input.email}, std::pair{"name", &input.name},
        std::pair{"role", &input.role}, std::pair{"job_title", &input.job_title},
        std::pair{"password", &input.password}}) {
    auto value = http::StringMember(*body, key);
    if (!value.ok()) return JsonError(value.status());
    *target = std::move(*value);
  }
  auto id = ctx.staff.Add(*req.principal, input, req.ip);
  if (!id.ok()) return JsonError(id.status());
  http::Response r = http::Response::Json(
      {{"id", *id}, {"email", input.email}, {"name", input.name}, {"role", input.role}}, 201);
  r.SetHeader("Location", "/api/v1/staff/" + std::to_string(*id));
  return r;
}

}  // namespace attune::api
