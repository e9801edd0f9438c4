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

// Sets `session_id` as the session cookie on `r` (a sign-in, or a session
// given a new id by its second step).
void SetSessionCookie(const WebContext& ctx, const http::Request& req, http::Response& r,
                      const std::string& session_id);

// Where to go after signing in: `next` when it is a page attune serves (a
// local path in plain URL characters whose path is a page's address, not
// a sign-in page), "/" otherwise.
std::string SafeNext(const WebContext& ctx, const std::string& next);

http::Response RenderSignIn(const WebContext& ctx, const http::Request& req, nlohmann::json view,
                            int status);

}  // namespace attune::web
