// The sign-in page, shared by showing it and by a failed attempt.
#pragma once

#include <nlohmann/json.hpp>

#include "http/request.h"
#include "http/response.h"
#include "web/context.h"

namespace attune::web {

// The CSRF token of a form shown before sign-in (decision 0003): the
// browser's pre-sign-in cookie when it holds a token the server issued,
// otherwise a fresh one (`*fresh` set), for KeepPreSignInToken to set.
Result<std::string> PreSignInToken(const WebContext& ctx, const http::Request& req, bool* fresh);
// Sets `token` as the pre-sign-in cookie on `r`.
void KeepPreSignInToken(const WebContext& ctx, http::Response& r, const std::string& token);

http::Response RenderSignIn(const WebContext& ctx, const http::Request& req, nlohmann::json view,
                            int status);

}  // namespace attune::web
