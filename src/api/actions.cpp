// GET /api/v1/actions (scope, status, due), GET /api/v1/actions/{id},
// POST /api/v1/actions/{id}/complete {"outcome"} (refused, saying what to
// record instead, for an action done by its own record) and
// POST /api/v1/actions/{id}/reassign {"role"} or {"staff_id"}.
#include <algorithm>

#include "api/handlers.h"
#include "api/site.h"
#include "api/views.h"
#include "http/json_body.h"

namespace attune::api {
namespace {

// For an action done by its own record, how to record it through the API.
std::string ApiWayFor(const Action& a) {
  std::string record = "/api/v1/incidents/" + std::to_string(a.incident_id);
  std::string instead = "; if it will not happen, a senior leader sends POST " + record +
                        "/no-repair with pupil_id " + std::to_string(a.pupil_id) +
                        ", a reason and a note";
  if (a.kind == "restorative_conversation") {
    return "Through the API: POST /api/v1/restorative with incident_id " +
           std::to_string(a.incident_id) + " and pupil_id " + std::to_string(a.pupil_id) + instead;
  }
  if (a.kind == "repair") {
    return "Through the API: POST /api/v1/restorative/{conversation id}/repair, or POST "
           "/api/v1/restorative with \"repaired\": true" +
           instead;
  }
  if (a.kind == "amends") {
    return "Through the API: POST " + record + "/amends with pupil_id " +
           std::to_string(a.pupil_id) + " and the pupil's own words";
  }
  return "Through the API: POST " + record + "/suspension, then " + record + "/suspension/notices";
}

http::Response ActionAnswer(const Action& action) {
  http::JsonWriter w;
  WriteAction(w, action, Now());
  return http::Response::Json(w);
}

}  // namespace

http::Response ListActions(const ApiContext& ctx, http::Request& req) {
  ActionFilter f;
  if (std::string s = req.query.Get("scope"); !s.empty()) f.scope = s;
  if (std::string s = req.query.Get("status"); !s.empty()) f.status = s;
  f.role = req.query.Get("role");
  f.due_today = req.query.Get("due") == "today";
  auto pupil = http::IntValue(req.query.Get("pupil"), 0, "pupil");
  if (!pupil.ok()) return JsonError(pupil.status());
  f.pupil_id = *pupil;
  auto limit = http::IntValue(req.query.Get("limit"), 100, "limit");
  if (!limit.ok()) return JsonError(limit.status());
  f.limit = *limit;
  auto offset = http::IntValue(req.query.Get("offset"), 0, "offset");
  if (!offset.ok()) return JsonError(offset.status());
  f.offset = static_cast<int>(std::clamp<long long>(*offset, -1, 1000001));
  auto year = http::IntValue(req.query.Get("year"), 0, "year");
  if (!year.ok()) return JsonError(year.status());
  f.year_group = static_cast<int>(std::clamp<long long>(*year, -1, 15));
  auto form = http::IntValue(req.query.Get("form"), 0, "form");
  if (!form.ok()) return JsonError(form.status());
  f.form_id = *form;
  f.kind = req.query.Get("kind");
  f.assignee = req.query.Get("for");
  auto actions = ctx.actions.List(*req.principal, f, req.ip);
  if (!actions.ok()) return JsonError(actions.status());
  Timestamp now = Now();
  http::JsonWriter w;
  w.Object().Array("actions");
  for (const auto& a : *actions) WriteAction(w, a, now);
  w.End().End();
  return http::Response::Json(w);
}

http::Response GetAction(const ApiContext& ctx, http::Request& req) {
  auto id = http::ParamId(req);
  if (!id.ok()) return JsonError(id.status());
  auto action = ctx.actions.Get(*req.principal, *id, req.ip);
  if (!action.ok()) return JsonError(action.status());
  return ActionAnswer(*action);
}

http::Response CompleteAction(const ApiContext& ctx, http::Request& req) {
  auto id = http::ParamId(req);
  if (!id.ok()) return JsonError(id.status());
  auto body = http::JsonObjectBody(req);
  if (!body.ok()) return JsonError(body.status());
  auto outcome = http::StringMember(*body, "outcome");
  if (!outcome.ok()) return JsonError(outcome.status());
  Status st = ctx.actions.Complete(*req.principal, *id, *outcome, req.ip);
  if (st.code() == StatusCode::kInvalid) {
    auto action = ctx.actions.Get(*req.principal, *id, req.ip);
    if (action.ok() && action->incident_id && ActionService::DoneByItsRecord(action->kind)) {
      return JsonError(Status::Invalid(st.message() + ". " + ApiWayFor(*action), st.field()));
    }
  }
  if (!st.ok()) return JsonError(st);
  auto action = ctx.actions.Get(*req.principal, *id, req.ip);
  if (!action.ok()) return JsonError(action.status());
  return ActionAnswer(*action);
}

http::Response ReassignAction(const ApiContext& ctx, http::Request& req) {
  auto id = http::ParamId(req);
  if (!id.ok()) return JsonError(id.status());
  auto body = http::JsonObjectBody(req);
  if (!body.ok()) return JsonError(body.status());
  auto role = http::StringMember(*body, "role");
  if (!role.ok()) return JsonError(role.status());
  auto staff = http::IntMember(*body, "staff_id");
  if (!staff.ok()) return JsonError(staff.status());
  Status st = ctx.actions.Reassign(*req.principal, *id, *role, *staff, req.ip);
  if (!st.ok()) return JsonError(st);
  auto action = ctx.actions.Get(*req.principal, *id, req.ip);
  if (!action.ok()) return JsonError(action.status());
  return ActionAnswer(*action);
}

}  // namespace attune::api
