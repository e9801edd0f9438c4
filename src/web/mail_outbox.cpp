// GET /mail and POST /mail/{id}/retry: the school's email outbox for the
// administrator (decision 0025): messages waiting to be sent and those
// that failed, with the mail server's last words and the next attempt, and
// "try again now" for a failed one. When no SMTP server is set up, the page
// says so: mail waits here until one is.
#include "web/handlers.h"
#include "web/page.h"
#include "web/site.h"

namespace attune::web {

http::Response MailOutbox(const WebContext& ctx, http::Request& req) {
  using nlohmann::json;
  auto unsent = ctx.outbox.Unsent(*req.principal);
  if (!unsent.ok()) return RenderError(ctx, req, unsent.status());
  json pending = json::array(), failed = json::array();
  for (const auto& m : *unsent) {
    json row = {{"id", m.id},
                {"recipient", m.recipient},
                {"subject", m.subject},
                {"created", FormatLondon(m.created_at, "%e %b %Y %H:%M")},
                {"attempts", m.attempts},
                {"next", FormatLondon(m.next_attempt_at, "%e %b %Y %H:%M")},
                {"last_error", m.last_error}};
    (m.status == "failed" ? failed : pending).push_back(std::move(row));
  }
  const MailSettings& settings = ctx.outbox.settings();
  json view = {{"configured", settings.configured()},
               {"server", settings.configured() ? settings.Url() : ""},
               {"retry_words", RetryWords(settings.retry_waits)},
               {"pending", pending},
               {"has_pending", !pending.empty()},
               {"failed", failed},
               {"has_failed", !failed.empty()},
               {"listed_all", unsent->size() < static_cast<size_t>(OutboxService::kListLimit)}};
  return RenderPage(ctx, req, "mail", "Email outbox", view);
}

http::Response MailRetry(const WebContext& ctx, http::Request& req) {
  auto id = http::ParamId(req);
  if (!id.ok()) return RenderError(ctx, req, id.status());
  Status st = ctx.outbox.TryAgain(*req.principal, *id, req.ip);
  if (!st.ok()) return RenderError(ctx, req, st);
  http::Response r = http::Response::Redirect("/mail");
  SetFlash(r,
           ctx.outbox.settings().configured()
               ? "It will be tried again now."
               : "It will be tried again once an email server is set up.",
           ctx.secure_cookies);
  return r;
}

}  // namespace attune::web
