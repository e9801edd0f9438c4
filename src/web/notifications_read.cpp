// POST /notifications/{id}/read and POST /notifications/read: marks one of
// the member of staff's own notifications read, or all of them, and goes
// back to the list. Anyone else's is not found.
#include "web/handlers.h"
#include "web/incident_words.h"
#include "web/page.h"
#include "web/site.h"

namespace attune::web {
namespace {

http::Response Back(const WebContext& ctx, const http::Request& req, const Status& st,
                    const std::string& done) {
  if (!st.ok()) return RenderError(ctx, req, st);
  auto form = req.Form();
  std::string back = SafeBack(form.ok() ? form->Get("back") : "", "/notifications");
  http::Response r = http::Response::Redirect(back);
  SetFlash(r, done, ctx.secure_cookies);
  return r;
}

}  // namespace

http::Response NotificationRead(const WebContext& ctx, http::Request& req) {
  auto id = http::ParamId(req);
  if (!id.ok()) return RenderError(ctx, req, id.status());
  Status st = ctx.notifications.MarkRead(*req.principal, *id);
  return Back(ctx, req, st, "Marked as read.");
}

http::Response NotificationsReadAll(const WebContext& ctx, http::Request& req) {
  Status st = ctx.notifications.MarkAllRead(*req.principal);
  return Back(ctx, req, st, "All marked as read.");
}

}  // namespace attune::web
