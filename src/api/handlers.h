// Every API action, one file per resource (api/<resource>.cpp).
#pragma once

#include "api/context.h"
#include "http/request.h"
#include "http/response.h"

namespace attune::api {

http::Response GetMe(const ApiContext& ctx, http::Request& req);
http::Response ListPupils(const ApiContext& ctx, http::Request& req);
http::Response GetPupil(const ApiContext& ctx, http::Request& req);
http::Response ListStaff(const ApiContext& ctx, http::Request& req);
http::Response CreateStaff(const ApiContext& ctx, http::Request& req);
http::Response GetPolicy(const ApiContext& ctx, http::Request& req);

}  // namespace attune::api
