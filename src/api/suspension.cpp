// POST /api/v1/incidents/{id}/suspension (the headteacher's decision; 201)
// and POST /api/v1/incidents/{id}/suspension/notices (parents and carers, or
// the local authority, told in writing; 200). Both answer with the record's
// suspension as saved.
#include <algorithm>

#include "api/handlers.h"
#include "api/site.h"
#include "api/views.h"
#include "http/json_body.h"

namespace attune::api {
namespace {

Result<SuspensionDecision> ReadDecision(const nlohmann::json& body) {
  SuspensionDecision d;
  for (auto [key, out] : {std::pair{"decision", &d.decision}, std::pair{"starts_on", &d.starts_on},
                          std::pair{"reason", &d.reason}}) {
    auto v = http::StringMember(body, key);
    if (!v.ok()) return v.status();
    *out = *v;
  }
  auto codes = http::StringListMember(body, "reason_codes");
  if (!codes.ok()) return codes.status();
  d.reason_codes = *codes;
  auto days = http::IntMember(body, "school_days");
  if (!days.ok()) return days.status();
  // Out of range either way is refused by the validator, with its words.
  d.school_days = static_cast<int>(std::clamp(*days, -1LL, 1000LL));
  return d;
}

http::Response Saved(long long incident_id, const Suspension& s, int status) {
  return http::Response::Json({{"incident_id", incident_id}, {"suspension", SuspensionJson(s)}},
                              status);
}

}  // namespace

http::Response DecideSuspension(const ApiContext& ctx, http::Request& req) {
  auto id = http::ParamId(req);
  if (!id.ok()) return JsonError(id.status());
  auto body = http::JsonObjectBody(req);
  if (!body.ok()) return JsonError(body.status());
  auto decision = ReadDecision(*body);
  if (!decision.ok()) return JsonError(decision.status());
  auto saved = ctx.suspensions.Decide(*req.principal, *id, *decision, req.ip);
  if (!saved.ok()) return JsonError(saved.status());
  return Saved(*id, *saved, 201);
}

http::Response MarkSuspensionNotice(const ApiContext& ctx, http::Request& req) {
  auto id = http::ParamId(req);
  if (!id.ok()) return JsonError(id.status());
  auto body = http::JsonObjectBody(req);
  if (!body.ok()) return JsonError(body.status());
  auto notice = http::StringMember(*body, "notice");
  if (!notice.ok()) return JsonError(notice.status());
  auto saved = ctx.suspensions.MarkNoticeSent(*req.principal, *id, *notice, req.ip);
  if (!saved.ok()) return JsonError(saved.status());
  return Saved(*id, *saved, 200);
}

}  // namespace attune::api
