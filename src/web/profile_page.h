// The pupil's page (GET /pupils/{id}), shared by showing it and by a profile
// edit that failed (the error shown in the form, what was typed kept).
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "http/request.h"
#include "http/response.h"
#include "web/context.h"

namespace attune::web {

// A failed profile edit: the error and the form as sent.
struct ProfileFormError {
  Status error;
  http::FormData typed;
};

// The personal profile's checklist: the policy in force's, or attune's
// when the school has no policy yet.
Result<std::vector<policy::ProfileItem>> ProfileChecklist(const WebContext& ctx,
                                                          long long school_id);

// NotFound (the normal 404 page) when no such pupil. `failed` may be null.
http::Response RenderPupilPage(const WebContext& ctx, const http::Request& req, long long pupil_id,
                               const ProfileFormError* failed);

}  // namespace attune::web
