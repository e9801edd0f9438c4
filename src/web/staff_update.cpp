// POST /staff/{id}/role and POST /staff/{id}/active.
#include "web/handlers.h"
#include "web/page.h"
#include "web/site.h"
#include "web/staff_page.h"

namespace attune::web {
namespace {

http::Response AfterChange(const WebContext& ctx, const http::Request& req, const Status& st,
                           const std::string& done) {
  if (!st.ok()) {
    if (st.code() == StatusCode::kInvalid || st.code() == StatusCode::kForbidden) {
      return RenderStaffPage(ctx, req, NewStaff{}, st);
    }
    return RenderError(ctx, req, st);
  }
  http::Response r = http::Response::Redirect("/staff");
  SetFlash(r, done, ctx.secure_cookies);
  return r;
}

}  // namespace

http::Response StaffChangeRole(const WebContext& ctx, http::Request& req) {
  auto id = http::ParamId(req);
  if (!id.ok()) return RenderError(ctx, req, id.status());
  auto form = req.Form();
  if (!form.ok()) return RenderError(ctx, req, form.status());
  Status st = ctx.staff.ChangeRole(*req.principal, *id, form->Get("role"), req.ip);
  return AfterChange(ctx, req, st, "Role saved.");
}

http::Response StaffSetActive(const WebContext& ctx, http::Request& req) {
  auto id = http::ParamId(req);
  if (!id.ok()) return RenderError(ctx, req, id.status());
  auto form = req.Form();
  if (!form.ok()) return RenderError(ctx, req, form.status());
  std::string active = form->Get("active");
  if (active != "0" && active != "1") {
    return RenderError(ctx, req, Status::BadRequest("active must be 0 or 1", "active"));
  }
  Status st = ctx.staff.SetActive(*req.principal, *id, active == "1", req.ip);
  return AfterChange(ctx, req, st,
                     active == "1" ? "Account reactivated."
                                   : "Account deactivated; they have "
                                     "been signed out.");
}

}  // namespace attune::web
