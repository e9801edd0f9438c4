// The pupil's page (GET /pupils/{id}), shared by showing it and by a profile
// edit that failed (the error shown in the form, what was typed kept).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
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

// The profile for reading (web/profile_view.cpp): {"has_profile", each
// part with "own_words" (in the pupil's own words) or written by staff,
// "updated", "updated_by", "reviewed" (the day the pupil last went
// through it, in words, and with whom), "review_words", "review_due"}.
// `review_due_on` is ProfileReviewService::DueOn's answer.
nlohmann::json ProfileView(const PupilProfile& profile, const std::string& first_name,
                           const std::optional<Date>& review_due_on, Date today);

// The profile's form: the school's checklist ticked as saved (or as typed,
// when `failed`), each part with its "in <first name>'s own words" box.
nlohmann::json ProfileForm(const PupilProfile& profile,
                           const std::vector<policy::ProfileItem>& checklist,
                           const std::string& first_name, const ProfileFormError* failed);

// NotFound (the normal 404 page) when no such pupil. `failed` may be null.
http::Response RenderPupilPage(const WebContext& ctx, const http::Request& req, long long pupil_id,
                               const ProfileFormError* failed);

}  // namespace attune::web
