// GET /actions/{id}/pass-on: the form that passes a follow-up on to a
// role's queue or a named member of staff, on a page of its own so the
// queue does not carry the staff list for every action. POST
// /actions/{id}/reassign (web/actions_reassign.cpp) shows it again when
// the choice is refused.
#include "services/authorization.h"
#include "web/actions_page.h"
#include "web/handlers.h"
#include "web/incident_words.h"
#include "web/page.h"
#include "web/site.h"

namespace attune::web {

http::Response RenderPassOnPage(const WebContext& ctx, const http::Request& req, long long id,
                                const std::string& back, const Status& error) {
  const Principal& by = *req.principal;
  auto action = ctx.actions.Get(by, id, req.ip);
  if (!action.ok()) return RenderError(ctx, req, action.status());
  if (action->status != "open") {
    return RenderError(ctx, req, Status::Conflict("This action is already done"));
  }
  if (!ActionService::IsAssignee(by, *action) && !RoleHas(by.role, Permission::kActionsManage)) {
    return RenderError(
        ctx, req,
        Status::Forbidden("This action is someone else's; ask them or the pastoral lead"));
  }
  nlohmann::json roles = nlohmann::json::array();
  for (Role r : FollowUpRoles()) {
    roles.push_back({{"value", std::string("role:") + RoleName(r)}, {"label", RoleLabel(r)}});
  }
  nlohmann::json people = nlohmann::json::array();
  auto staff = ctx.store.ListStaff(by.school_id);
  if (!staff.ok()) return RenderError(ctx, req, staff.status());
  for (const auto& s : *staff) {
    if (!s.active || !RoleHas(s.role, Permission::kRestorativeRecord)) continue;
    people.push_back({{"value", "staff:" + std::to_string(s.id)},
                      {"label", s.name + " (" + RoleLabel(s.role) + ")"}});
  }
  nlohmann::json view = {{"action", ActionJson(*action, Now(), by)},
                         {"roles", roles},
                         {"people", people},
                         {"back", back}};
  if (!error.ok()) view["error"] = error.message();
  return RenderPage(ctx, req, "action_pass_on", "Pass this on", view,
                    error.ok() ? 200 : HttpStatusFor(error));
}

http::Response ActionPassOn(const WebContext& ctx, http::Request& req) {
  auto id = http::ParamId(req);
  if (!id.ok()) return RenderError(ctx, req, id.status());
  return RenderPassOnPage(ctx, req, *id, SafeBack(req.query.Get("back"), "/actions"), Status::Ok());
}

}  // namespace attune::web
