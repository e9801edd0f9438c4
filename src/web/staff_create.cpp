// POST /staff: adds a member of staff to the school.
#include "web/handlers.h"
#include "web/page.h"
#include "web/site.h"
#include "web/staff_page.h"

namespace attune::web {

http::Response StaffCreate(const WebContext& ctx, http::Request& req) {
  auto form = req.Form();
  if (!form.ok()) return RenderError(ctx, req, form.status());
  NewStaff input{form->Get("email"), form->Get("name"), form->Get("role"), form->Get("job_title"),
                 form->Get("password")};
  auto id = ctx.staff.Add(*req.principal, input, req.ip);
  if (!id.ok()) return RenderStaffPage(ctx, req, input, id.status());
  http::Response r = http::Response::Redirect("/staff");
  SetFlash(r, input.name + " can now sign in.", ctx.secure_cookies);
  return r;
}

}  // namespace attune::web
