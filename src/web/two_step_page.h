// The member's own two-step sign-in page (/account/two-step, decision
// 0030), shared by showing it, by its forms and by their mistakes.
#pragma once

#include <string>
#include <vector>

#include "http/request.h"
#include "http/response.h"
#include "web/context.h"

namespace attune::web {

// Renders /account/two-step: setting it up (the key as a QR code, as text
// and as an otpauth:// link, and the form for its first code) or, once on,
// how many recovery codes are left and the form for a new set. `error`
// marks the form's field (or the page). `next`: where setting up leads.
http::Response RenderTwoStep(const WebContext& ctx, const http::Request& req,
                             const std::string& next, const Status& error);

// Renders the recovery codes, shown once, with the way on to `next`.
http::Response RenderRecoveryCodes(const WebContext& ctx, const http::Request& req,
                                   const std::vector<std::string>& codes, const std::string& next,
                                   bool just_set_up);

}  // namespace attune::web
