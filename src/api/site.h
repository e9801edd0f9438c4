// The JSON API site under /api/v1: bearer tokens, the route table with a
// permission per route, and the uniform JSON error
// {"error":{"code","message","field"}}.
#pragma once

#include "api/context.h"
#include "http/dispatcher.h"
#include "http/router.h"

namespace attune::api {

// `ctx` may be null when the table is only listed (attune routes).
http::Router BuildRouter(const ApiContext* ctx);
http::Site BuildSite(const ApiContext& ctx, const http::Router& router);
http::Response JsonError(const Status& status);

// `response`, once the restricted reads the request noted are written to
// the audit log (services/audit.h); the error instead when they cannot be.
http::Response WithReadsAudited(const ApiContext& ctx, const http::Request& req,
                                http::Response response);

}  // namespace attune::api
