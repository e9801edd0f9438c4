// What the survey pages share: the pupils' page in its own layout (no
// navigation, nothing of staff) with a CSRF token before sign-in, and the
// words for how a question is answered.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "http/request.h"
#include "http/response.h"
#include "model/survey.h"
#include "web/context.h"

namespace attune::web {

// Renders pages/<page> in layouts/pupil, never stored by the browser
// (no-store), with view["csrf_token"]: the session's when a member of staff
// is signed in on the device, otherwise a pre-sign-in token (set as its
// cookie when the browser has none the server issued, as the sign-in page).
http::Response RenderPupilPage(const WebContext& ctx, const http::Request& req,
                               const std::string& page, const std::string& title,
                               nlohmann::json view, int status = 200);

// The pupils' code page `page` with `error` (none: ok) beside the box: 422
// for a code that did not work or any other mistake, 429 for too many.
http::Response RenderPupilCode(const WebContext& ctx, const http::Request& req,
                               const std::string& page, const std::string& title,
                               const Status& error);

// "3 faces", "a scale of 1 to 5", "choose an answer: A, B", "a few words".
std::string HowAnswered(const SurveyQuestion& q);

// "Form 3B" with the day it opened, for a column heading.
std::string RunWhen(const SurveyRun& run);

}  // namespace attune::web
