// The sign-in page, shared by showing it and by a failed attempt.
#pragma once

#include <nlohmann/json.hpp>

#include "http/request.h"
#include "http/response.h"
#include "web/context.h"

namespace attune::web {

http::Response RenderSignIn(const WebContext& ctx, const http::Request& req, nlohmann::json view,
                            int status);

}  // namespace attune::web
