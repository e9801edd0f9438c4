// The pages site: who is asking (session cookie), CSRF checks, permission
// checks and the uniform HTML error, plugged into the http dispatcher.
#pragma once

#include "http/dispatcher.h"
#include "http/router.h"
#include "web/context.h"

namespace attune::web {

// The route table of every page and fragment, each with its permission.
// `ctx` may be null when the table is only listed (attune routes).
http::Router BuildRouter(const WebContext* ctx);

// REQUIRES: `ctx` and `router` outlive the returned site.
http::Site BuildSite(const WebContext& ctx, const http::Router& router);

// The error page (or fragment, for htmx) for a failed Status.
http::Response RenderError(const WebContext& ctx, const http::Request& req, const Status& status);

// `response`, once the restricted reads the request noted are written to
// the audit log (services/audit.h); the error page instead when they cannot be.
http::Response WithReadsAudited(const WebContext& ctx, const http::Request& req,
                                http::Response response);

using http::HttpStatusFor;

}  // namespace attune::web
