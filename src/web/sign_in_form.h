// The sign-in page, shared by showing it and by a failed attempt, and what
// every way of signing in answers once it has.
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

// After sign-in, only a page attune serves is followed: `next` when it is a
// local path in plain URL characters whose path part is a page's address
// (not a sign-in page), else "/".
std::string SafeNext(const WebContext& ctx, const std::string& next);

// The answer once a member of staff, or a parent or carer, is signed in,
// whichever way (a password, a provider, decision 0031): the session's
// cookie set, the pre-sign-in cookie cleared, and on to `next` (SafeNext;
// a parent or carer always to their own pages; a member owing the second
// step, decision 0030, to it first).
http::Response SignedInResponse(const WebContext& ctx, const http::Request& req,
                                const SignInResult& signed_in, const std::string& next);

// The sign-in page's button for each provider (decision 0031), each going
// on to `next` once signed in: [{id, name, href}], empty for none.
nlohmann::json ProviderButtons(const WebContext& ctx, const std::string& next);

http::Response RenderSignIn(const WebContext& ctx, const http::Request& req, nlohmann::json view,
                            int status);

}  // namespace attune::web
