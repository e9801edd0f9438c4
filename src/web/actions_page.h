// The "My actions" page, shared by showing it and by a form on it that
// failed (the error is shown beside that action's form, the text kept).
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "http/request.h"
#include "http/response.h"
#include "http/url.h"
#include "model/role.h"
#include "services/action_service.h"
#include "web/context.h"

namespace attune::web {

// A failed form on one action: which form ("complete", "reassign",
// "contact"), the error and what was typed.
struct ActionFormError {
  long long action_id = 0;
  std::string form;
  Status error;
  std::string text;  // the outcome or note as typed
};

// The queue's filters as chosen, read from the query string with what is
// not understood dropped (a bookmarked filter never breaks the page):
// queue=mine|all|role:<name>, status=open|done, year, form, kind,
// for=role:<name>|staff:<id>, page. Only "mine" without actions.manage.
struct QueueChoice {
  std::string queue;  // "mine", "all", "role:<name>"
  std::string status;
  int year = 0;
  long long form = 0;
  std::string kind;
  std::string assignee;  // "", "role:<name>", "staff:<id>"
  int page = 1;

  // The query string for these choices, on page `p`.
  std::string Query(int p) const {
    std::string out = "queue=" + http::PercentEncode(queue) + "&status=" + status;
    if (year) out += "&year=" + std::to_string(year);
    if (form) out += "&form=" + std::to_string(form);
    if (!kind.empty()) out += "&kind=" + http::PercentEncode(kind);
    if (!assignee.empty()) out += "&for=" + http::PercentEncode(assignee);
    if (p > 1) out += "&page=" + std::to_string(p);
    return out;
  }
};
QueueChoice ReadQueueChoice(const http::FormData& query, bool manage);
// The service's filter for `choice`, one page of the queue.
ActionFilter QueueFilter(const QueueChoice& choice);

// Renders /actions for the queue chosen in `filter` (query string:
// queue=mine|all|role:<name>, status=open|done, year, form, kind,
// for=role:<name>|staff:<id>, page). `failed` may be null.
http::Response RenderActionsPage(const WebContext& ctx, const http::Request& req,
                                 const http::FormData& filter, const ActionFormError* failed);

// The pass-on page of action `id` (web/actions_pass_on.cpp), with `error`
// beside the choice when it is not OK; `back` is where the form returns.
http::Response RenderPassOnPage(const WebContext& ctx, const http::Request& req, long long id,
                                const std::string& back, const Status& error);

// The roles that follow up records (office administrators do not).
std::vector<Role> FollowUpRoles();

// The query string part of a same-site path ("/actions?queue=all" ->
// its pairs); empty when there is none or it does not parse.
http::FormData QueryOf(const std::string& path);

}  // namespace attune::web
