#include "web/survey_page.h"

#include "services/survey_service.h"
#include "web/page.h"
#include "web/sign_in_form.h"
#include "web/site.h"

namespace attune::web {

http::Response RenderPupilPage(const WebContext& ctx, const http::Request& req,
                               const std::string& page, const std::string& title,
                               nlohmann::json view, int status) {
  bool fresh = false;
  std::string token;
  if (req.principal) {
    token = req.principal->csrf_token;
  } else {
    auto issued = PreSignInToken(ctx, req, &fresh);
    if (!issued.ok()) return RenderError(ctx, req, issued.status());
    token = *issued;
  }
  view["csrf_token"] = token;
  nlohmann::json layout = {{"title", title}, {"body", ctx.renderer.Render("pages/" + page, view)}};
  http::Response r = http::Response::Html(ctx.renderer.Render("layouts/pupil", layout), status);
  r.SetHeader("Cache-Control", "no-store");
  if (fresh) KeepPreSignInToken(ctx, r, token);
  return r;
}

http::Response RenderPupilCode(const WebContext& ctx, const http::Request& req,
                               const std::string& page, const std::string& title,
                               const Status& error) {
  nlohmann::json view = {{"error", error.ok() ? "" : error.message()}};
  bool throttled = error.code() == StatusCode::kTooManyRequests;
  int status = error.ok() ? 200 : throttled ? 429 : 422;
  http::Response r = RenderPupilPage(ctx, req, page, title, view, status);
  // Codes refused for this address: at most the throttle's window.
  if (throttled) {
    r.SetHeader(
        "Retry-After",
        std::to_string(
            std::chrono::duration_cast<std::chrono::seconds>(SurveyService::kCodeWindow).count()));
  }
  return r;
}

std::string HowAnswered(const SurveyQuestion& q) {
  switch (q.kind) {
    case QuestionKind::kFaces:
      return std::to_string(q.faces) + " faces";
    case QuestionKind::kScale:
      return "a scale of 1 to 5";
    case QuestionKind::kChoice: {
      std::string out = "choose an answer: ";
      for (size_t i = 0; i < q.options.size(); ++i) out += (i ? ", " : "") + q.options[i];
      return out;
    }
    case QuestionKind::kWords:
      return "a few words, if they wish";
  }
  return "";
}

std::string RunWhen(const SurveyRun& run) {
  return "opened " + DateWords(LondonDate(run.opened_at));
}

}  // namespace attune::web
