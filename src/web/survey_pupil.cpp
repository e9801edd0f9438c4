// The pupils' survey pages (public: a shared device, no sign-in):
//   GET  /survey          the code, in a big box
//   POST /survey          a working code opens the survey's questions
//   POST /survey/answers  saves the answers, spends the code, and goes on to
//   GET  /survey/thanks   thank you, and back to the code for the next child.
// Every page is no-store and every form a POST, so nothing of one child's
// answers stays on screen, in history or in the form cache for the next.
#include "services/survey_service.h"
#include "web/handlers.h"
#include "web/site.h"
#include "web/survey_page.h"

namespace attune::web {
namespace {

constexpr const char* kTitle = "Your voice";

// A face drawn for `mood` (-2 really not good ... 2 really good); hidden
// from screen readers, which read the word under it.
std::string FaceSvg(int mood) {
  static const char* kFill[] = {"#f4b6a8", "#f8d0a0", "#fbe7a1", "#cfe8b0", "#a8dcb4"};
  int y = 66 + mood * 5;  // where the mouth's middle is pulled to
  return "<svg class=\"face__svg\" aria-hidden=\"true\" focusable=\"false\" viewBox=\"0 0 100 "
         "100\">"
         "<circle cx=\"50\" cy=\"50\" r=\"44\" fill=\"" +
         std::string(kFill[mood + 2]) +
         "\" stroke=\"#1d2933\" stroke-width=\"4\"/>"
         "<circle cx=\"35\" cy=\"40\" r=\"6\" fill=\"#1d2933\"/>"
         "<circle cx=\"65\" cy=\"40\" r=\"6\" fill=\"#1d2933\"/>"
         "<path d=\"M30 " +
         std::to_string(66 - mood * 2) + " Q50 " + std::to_string(y + mood * 5) + " 70 " +
         std::to_string(66 - mood * 2) +
         "\" fill=\"none\" stroke=\"#1d2933\" stroke-width=\"5\" stroke-linecap=\"round\"/></svg>";
}

nlohmann::json QuestionsView(const Survey& survey) {
  using nlohmann::json;
  json out = json::array();
  size_t total = survey.questions.size(), number = 0;
  for (const auto& q : survey.questions) {
    std::string name = "q" + std::to_string(q.id);
    json answers = json::array();
    auto labels = q.AnswerLabels();
    for (size_t i = 0; i < labels.size(); ++i) {
      json a = {{"name", name}, {"value", i + 1}, {"label", labels[i]}};
      if (q.kind == QuestionKind::kFaces) {
        int mood = q.faces == 5 ? static_cast<int>(i) - 2 : static_cast<int>(i) * 2 - 2;
        a["mood"] = mood + 2;
        a["svg"] = FaceSvg(mood);
      }
      answers.push_back(std::move(a));
    }
    out.push_back({{"name", name},
                   {"number", ++number},
                   {"total", total},
                   {"prompt", q.prompt},
                   {"answers", answers},
                   {"has_faces", q.kind == QuestionKind::kFaces},
                   {"faces_count", q.faces},
                   {"is_scale", q.kind == QuestionKind::kScale},
                   {"is_choice", q.kind == QuestionKind::kChoice},
                   {"is_words", q.kind == QuestionKind::kWords},
                   {"max_words", kMaxWordsAnswer}});
  }
  return out;
}

http::Response RenderCode(const WebContext& ctx, const http::Request& req, const Status& error) {
  return RenderPupilCode(ctx, req, "survey_code", kTitle, error);
}

http::Response RenderQuestions(const WebContext& ctx, const http::Request& req,
                               const Survey& survey, const std::string& code, const Status& error) {
  nlohmann::json view = {{"title", survey.title},
                         {"code", code},
                         {"questions", QuestionsView(survey)},
                         {"error", error.ok() ? "" : error.message()}};
  return RenderPupilPage(ctx, req, "survey_answer", survey.title + " · " + kTitle, view,
                         error.ok() ? 200 : 422);
}

}  // namespace

http::Response SurveyCodeShow(const WebContext& ctx, http::Request& req) {
  return RenderCode(ctx, req, Status::Ok());
}

http::Response SurveyCodeSubmit(const WebContext& ctx, http::Request& req) {
  auto form = req.Form();
  if (!form.ok()) return RenderCode(ctx, req, form.status());
  auto opened = SurveyService(ctx.store).Open(form->Get("code"), req.ip);
  if (!opened.ok()) {
    if (opened.status().code() == StatusCode::kInternal ||
        opened.status().code() == StatusCode::kUnavailable) {
      return RenderError(ctx, req, opened.status());
    }
    return RenderCode(ctx, req, opened.status());
  }
  return RenderQuestions(ctx, req, opened->survey, opened->code, Status::Ok());
}

http::Response SurveyAnswerSubmit(const WebContext& ctx, http::Request& req) {
  auto form = req.Form();
  if (!form.ok()) return RenderCode(ctx, req, form.status());
  SurveyService surveys(ctx.store);
  Status st = surveys.Answer(form->Get("code"), form->pairs(), req.ip);
  if (st.code() == StatusCode::kInvalid && st.field() != "code") {
    // An answer that could not be taken: the questions again, to put right.
    auto opened = surveys.Open(form->Get("code"), req.ip);
    if (opened.ok()) return RenderQuestions(ctx, req, opened->survey, opened->code, st);
    st = opened.status();
  }
  if (!st.ok()) {
    if (st.code() == StatusCode::kInternal || st.code() == StatusCode::kUnavailable) {
      return RenderError(ctx, req, st);
    }
    return RenderCode(ctx, req, st);
  }
  return http::Response::Redirect("/survey/thanks");
}

http::Response SurveyThanks(const WebContext& ctx, http::Request& req) {
  return RenderPupilPage(ctx, req, "survey_thanks", "Thank you · " + std::string(kTitle),
                         nlohmann::json::object());
}

}  // namespace attune::web
