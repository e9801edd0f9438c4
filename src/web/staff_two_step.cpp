// GET /staff/{id}/two-step and POST /staff/{id}/two-step/reset: a member
// of staff's two-step sign-in, and resetting it when they have lost their
// phone and recovery codes (decision 0030): they set it up again at their
// next sign-in; their sessions end, their API tokens stay.
#include "web/handlers.h"
#include "web/page.h"
#include "web/site.h"

namespace attune::web {
namespace {

http::Response RenderMemberTwoStep(const WebContext& ctx, const http::Request& req, long long id,
                                   const Status& error) {
  auto member = ctx.second_factor.MemberState(*req.principal, id);
  if (!member.ok()) return RenderError(ctx, req, member.status());
  const auto& [staff, state] = *member;
  Status may = SecondFactorService::MayReset(*req.principal, staff);
  nlohmann::json view = {{"id", staff.id},
                         {"name", staff.name},
                         {"email", staff.email},
                         {"role_label", RoleLabel(staff.role)},
                         {"on", state.on},
                         {"required", state.required},
                         {"left", state.recovery_codes_left},
                         {"may_reset", may.ok() && state.on},
                         {"why_not", state.on && !may.ok() ? may.message() : ""},
                         {"checked_error", error.field() == "checked" ? error.message() : ""},
                         {"error", !error.ok() && error.field().empty() ? error.message() : ""}};
  return RenderPage(ctx, req, "staff_two_step", "Two-step sign-in of " + staff.name, view,
                    error.ok() ? 200 : HttpStatusFor(error));
}

}  // namespace

http::Response StaffTwoStepShow(const WebContext& ctx, http::Request& req) {
  auto id = http::ParamId(req);
  if (!id.ok()) return RenderError(ctx, req, id.status());
  return RenderMemberTwoStep(ctx, req, *id, Status::Ok());
}

http::Response StaffTwoStepReset(const WebContext& ctx, http::Request& req) {
  auto id = http::ParamId(req);
  if (!id.ok()) return RenderError(ctx, req, id.status());
  auto form = req.Form();
  if (!form.ok()) return RenderError(ctx, req, form.status());
  Status st = ctx.second_factor.Reset(*req.principal, *id, form->Get("checked") == "yes", req.ip);
  if (!st.ok()) {
    if (st.code() == StatusCode::kNotFound) return RenderError(ctx, req, st);
    return RenderMemberTwoStep(ctx, req, *id, st);
  }
  http::Response r = http::Response::Redirect("/staff");
  SetFlash(r,
           "Two-step sign-in reset: they have been signed out, and set it up again when they "
           "next sign in.",
           ctx.secure_cookies);
  return r;
}

}  // namespace attune::web
