// POST /incidents/{id}/suspension: the headteacher's decision on a record
// the law treats as a suspension (suspend, with reason codes, start and
// school days; or not, with the reason). POST /incidents/{id}/suspension/notice:
// parents and carers, or the local authority, were told in writing.
// Refusals are shown beside their field on the record page, with what was
// chosen kept.
#include "web/handlers.h"
#include "web/incident_page.h"
#include "web/page.h"
#include "web/site.h"

namespace attune::web {
namespace {

http::Response After(const WebContext& ctx, const http::Request& req, long long id,
                     const http::FormData& form, const std::string& which, const Status& st,
                     const std::string& done) {
  if (st.code() == StatusCode::kInvalid || st.code() == StatusCode::kConflict) {
    IncidentFormError failed{which, st, form};
    return RenderIncidentPage(ctx, req, id, &failed);
  }
  if (!st.ok()) return RenderError(ctx, req, st);
  http::Response r = http::Response::Redirect("/incidents/" + std::to_string(id) + "#suspension");
  SetFlash(r, done, ctx.secure_cookies);
  return r;
}

}  // namespace

http::Response IncidentSuspensionDecide(const WebContext& ctx, http::Request& req) {
  auto id = http::ParamId(req);
  if (!id.ok()) return RenderError(ctx, req, id.status());
  auto form = req.Form();
  if (!form.ok()) return RenderError(ctx, req, form.status());
  SuspensionDecision d;
  d.decision = form->Get("decision");
  d.reason_codes = form->GetAll("reason_codes");
  d.starts_on = form->Get("starts_on");
  // Anything but a whole number is 0, which the validator refuses in its words.
  auto days = http::IntValue(form->Get("school_days"), 0, "school_days");
  d.school_days = days.ok() ? *days : 0;
  d.reason = form->Get("reason");
  auto saved = ctx.suspensions.Decide(*req.principal, *id, d, req.ip);
  std::string done =
      saved.ok() && saved->suspended()
          ? "The suspension is recorded. Tell parents and carers, and the local authority, in "
            "writing, then mark each as told."
          : "Recorded: no suspension. This stays an ordinary record.";
  return After(ctx, req, *id, *form, "suspension", saved.status(), done);
}

http::Response IncidentSuspensionNotice(const WebContext& ctx, http::Request& req) {
  auto id = http::ParamId(req);
  if (!id.ok()) return RenderError(ctx, req, id.status());
  auto form = req.Form();
  if (!form.ok()) return RenderError(ctx, req, form.status());
  std::string which = form->Get("notice");
  auto saved = ctx.suspensions.MarkNoticeSent(*req.principal, *id, which, req.ip);
  std::string done = which == kParentNotice ? "Parents and carers are marked as told."
                                            : "The local authority is marked as told.";
  if (saved.ok() && saved->parent_notice_at && saved->la_notice_at) {
    done += " The decision and both notices are done.";
  }
  return After(ctx, req, *id, *form, "suspension_notice", saved.status(), done);
}

}  // namespace attune::web
