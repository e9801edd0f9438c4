// The "My actions" page, shared by showing it and by a form on it that
// failed (the error is shown beside that action's form, the text kept).
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "http/request.h"
#include "http/response.h"
#include "model/role.h"
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
