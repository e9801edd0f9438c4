// GET /notifications: the signed-in member of staff's own notifications,
// newest first, 25 to a page, each linking to what it is about, with "mark
// as read" for one and for all. A page number that is not one is page 1.
// GET /notifications/badge: the bell's count alone, for an open page to
// refresh it (attune.js); it does not extend the session (web/site.cpp).
#include <charconv>

#include "web/handlers.h"
#include "web/incident_words.h"
#include "web/page.h"
#include "web/site.h"

namespace attune::web {
namespace {

using nlohmann::json;

// Where a notification leads: the record's actions or proposals, the
// record, or the follow-up queue.
std::string Href(const Notification& n) {
  if (!n.incident_id) return n.kind == "action" ? "/actions" : "/";
  std::string record = "/incidents/" + std::to_string(n.incident_id);
  if (n.kind == "action") return record + "#actions-heading";
  if (n.kind == "proposal") return record + "#plans-heading";
  return record;
}

std::string KindWords(const std::string& kind) {
  if (kind == "concern") return "Safeguarding concern";
  if (kind == "proposal") return "Plan proposed";
  return "New work";
}

int PageOf(const http::Request& req) {
  std::string text = req.query.Get("page");
  int page = 1;
  auto [end, err] = std::from_chars(text.data(), text.data() + text.size(), page);
  bool whole = err == std::errc() && end == text.data() + text.size();
  return whole && page >= 1 && page <= NotificationService::kMaxPage ? page : 1;
}

}  // namespace

http::Response NotificationsIndex(const WebContext& ctx, http::Request& req) {
  const Principal& by = *req.principal;
  int page = PageOf(req);
  auto listed = ctx.notifications.List(by, page);
  if (!listed.ok()) return RenderError(ctx, req, listed.status());
  Timestamp now = Now();
  json items = json::array();
  bool unread = false;
  for (const auto& n : listed->items) {
    unread = unread || !n.read_at;
    items.push_back({{"id", n.id},
                     {"kind", n.kind},
                     {"kind_words", KindWords(n.kind)},
                     {"concern", n.kind == "concern"},
                     {"text", n.text},
                     {"href", Href(n)},
                     {"when", WhenWords(n.created_at, now)},
                     {"iso", FormatUtc(n.created_at)},
                     {"unread", !n.read_at},
                     {"settled_words", !n.settled           ? ""
                                       : n.kind == "action" ? "Done"
                                                            : "Decided"}});
  }
  auto count = ctx.notifications.Unread(by);
  json view = {{"items", items},
               {"has_items", !items.empty()},
               {"has_unread", unread || (count.ok() && *count > 0)},
               {"first_page", page == 1}};
  if (page > 1 || listed->more) {
    view["paging"] = {{"page_words", "Page " + std::to_string(page)},
                      {"has_previous", page > 1},
                      {"previous", page == 2 ? "/notifications"
                                             : "/notifications?page=" + std::to_string(page - 1)},
                      {"has_next", listed->more},
                      {"next", "/notifications?page=" + std::to_string(page + 1)}};
  }
  return RenderPage(ctx, req, "notifications", "Notifications", view);
}

http::Response NotificationsBadge(const WebContext& ctx, http::Request& req) {
  http::Response r =
      RenderFragment(ctx, "bell_count", {{"unread_count", UnreadBadge(ctx, *req.principal)}}, 200);
  r.SetHeader("Cache-Control", "no-store");
  return r;
}

}  // namespace attune::web
