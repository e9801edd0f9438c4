// Turning a page template and its view into a whole HTML page inside the
// layout: title, navigation for the principal's role, CSRF token, flash.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "http/request.h"
#include "http/response.h"
#include "web/context.h"

namespace attune::web {

// Where `p` lands when signed in: "/family" for a parent or carer,
// "/group" for a trust's or local authority's person, "/" for staff.
const char* HomePath(const Principal& p);

// Renders pages/<page> into the app layout. `view` also gets csrf_token.
http::Response RenderPage(const WebContext& ctx, const http::Request& req, const std::string& page,
                          const std::string& title, nlohmann::json view, int status = 200);

// What the header's bell says of `by`'s unread notifications: "" for
// none, "3", or "99+" at the cap.
std::string UnreadBadge(const WebContext& ctx, const Principal& by);

// A fragment (fragments/<name>) for htmx, without the layout.
http::Response RenderFragment(const WebContext& ctx, const std::string& name,
                              const nlohmann::json& view, int status = 200);

// A one-line message carried across a redirect (cookie, read once).
void SetFlash(http::Response& response, const std::string& message, bool secure);

// The "Change your password" form's view (partials/password_change), with
// `error` beside its field, posting to `action` (web/account.cpp).
nlohmann::json PasswordChangeView(const Status& error, const std::string& action);
// Offers, beside the next page's flash, to undo record `incident_id` (a
// one-tap save): a button for a few seconds (services/incident_service.h,
// IncidentService::kUndoWindow, is how long the server allows it).
void SetUndo(http::Response& response, long long incident_id, bool secure);

}  // namespace attune::web
