// GET /surveys/new and POST /surveys: writing a survey. A mistake comes
// back on the form (422) beside the field it is about, and named at the
// top with a link to it.
#include "services/survey_service.h"
#include "web/handlers.h"
#include "web/page.h"
#include "web/site.h"

namespace attune::web {
namespace {

// The form shows this many question slots.
constexpr size_t kSlots = kMaxQuestions;

http::Response RenderWrite(const WebContext& ctx, const http::Request& req,
                           const http::FormData* typed, const Status& error) {
  using nlohmann::json;
  auto get = [&](const std::string& name) { return typed ? typed->Get(name) : std::string(); };
  json slots = json::array();
  for (size_t n = 1; n <= kSlots; ++n) {
    std::string p = "q" + std::to_string(n) + "_";
    std::string kind = get(p + "kind");
    if (kind.empty()) kind = "faces3";
    json kinds = json::array();
    for (auto [value, label] :
         {std::pair{"faces3", "3 faces (Not good, OK, Good)"}, std::pair{"faces5", "5 faces"},
          std::pair{"scale", "A scale of 1 to 5"}, std::pair{"choice", "Choose an answer"},
          std::pair{"words", "A few words (optional for pupils)"}}) {
      kinds.push_back({{"value", value}, {"label", label}, {"selected", kind == value}});
    }
    json slot = {{"n", n},
                 {"first", n == 1},
                 {"prompt", get(p + "prompt")},
                 {"options", get(p + "options")},
                 {"kinds", kinds}};
    for (const char* part : {"prompt", "kind", "options"}) {
      if (!error.ok() && error.field() == p + part)
        slot[std::string(part) + "_error"] = error.message();
    }
    slots.push_back(std::move(slot));
  }
  json view = {{"slots", slots},
               {"title", get("title")},
               {"max_title", kMaxSurveyTitle},
               {"max_prompt", kMaxPrompt},
               {"max_options", kMaxOptions}};
  if (!error.ok()) {
    view["error"] = error.message();
    view["error_field"] = error.field();
    if (error.field() == "title") view["title_error"] = error.message();
  }
  return RenderPage(ctx, req, "survey_new", "Write a survey", view, error.ok() ? 200 : 422);
}

}  // namespace

http::Response SurveyNew(const WebContext& ctx, http::Request& req) {
  return RenderWrite(ctx, req, nullptr, Status::Ok());
}

http::Response SurveyCreate(const WebContext& ctx, http::Request& req) {
  auto form = req.Form();
  if (!form.ok()) return RenderError(ctx, req, form.status());
  SurveyDraft draft;
  draft.title = form->Get("title");
  // Every slot sent, even past the form's: more questions than allowed are
  // refused by the service with a message, not dropped.
  for (size_t n = 1; n <= 20; ++n) {
    std::string p = "q" + std::to_string(n) + "_";
    draft.questions.push_back(
        {form->Get(p + "prompt"), form->Get(p + "kind"), form->Get(p + "options")});
  }
  auto id = SurveyService(ctx.store).Create(*req.principal, draft, req.ip);
  if (!id.ok()) {
    if (id.status().code() != StatusCode::kInvalid) return RenderError(ctx, req, id.status());
    return RenderWrite(ctx, req, &*form, id.status());
  }
  http::Response r = http::Response::Redirect("/surveys/" + std::to_string(*id));
  SetFlash(r, "The survey is saved. Start a run when you are ready.", ctx.secure_cookies);
  return r;
}

}  // namespace attune::web
