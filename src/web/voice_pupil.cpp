// A pupil's turn on their plan, on a shared device that is not signed in
// (public, decision 0028):
//   GET  /voice          the code, in a big box
//   POST /voice          a working code opens the pupil's own questions
//   POST /voice/answers  saves their words into the plan, ends the turn, and
//   GET  /voice/thanks   thanks them; back to the code for the next pupil.
// Every page is no-store and every form a POST, so nothing of one pupil's
// words stays on screen, in history or in the form cache for the next.
#include "services/pupil_turn_service.h"
#include "web/handlers.h"
#include "web/site.h"
#include "web/survey_page.h"

namespace attune::web {
namespace {

constexpr const char* kTitle = "Your voice";

PupilTurnService Turns(const WebContext& ctx) {
  return PupilTurnService(ctx.store, ctx.policies, ctx.clock, ctx.plans);
}

// A failure that is not the pupil's to put right: the error page.
bool Broken(const Status& st) {
  return st.code() == StatusCode::kInternal || st.code() == StatusCode::kUnavailable;
}

http::Response RenderCode(const WebContext& ctx, const http::Request& req, const Status& error) {
  return RenderPupilCode(ctx, req, "voice_code", kTitle, error);
}

// The pupil's questions, with what they typed when an answer could not be
// taken (the same response, never stored).
http::Response RenderQuestions(const WebContext& ctx, const http::Request& req,
                               const TurnQuestions& q, const http::FormData* typed,
                               const Status& error) {
  nlohmann::json questions = nlohmann::json::array();
  size_t n = 0;
  for (const auto& question : q.questions) {
    std::string name = "a." + question.field_id;
    questions.push_back({{"name", name},
                         {"input_id", "q-" + question.field_id},
                         {"number", ++n},
                         {"total", q.questions.size()},
                         {"asked", question.asked},
                         {"invalid", error.field() == "fields." + question.field_id},
                         {"value", typed ? typed->Get(name) : ""}});
  }
  nlohmann::json view = {{"first_name", q.first_name},
                         {"code", q.code},
                         {"questions", questions},
                         {"error", error.ok() ? "" : error.message()}};
  return RenderPupilPage(ctx, req, "voice_answer", q.first_name + " · " + kTitle, view,
                         error.ok() ? 200 : 422);
}

}  // namespace

http::Response VoiceCodeShow(const WebContext& ctx, http::Request& req) {
  return RenderCode(ctx, req, Status::Ok());
}

http::Response VoiceCodeSubmit(const WebContext& ctx, http::Request& req) {
  auto form = req.Form();
  if (!form.ok()) return RenderCode(ctx, req, form.status());
  auto opened = Turns(ctx).Open(form->Get("code"), req.ip);
  if (!opened.ok()) {
    if (Broken(opened.status())) return RenderError(ctx, req, opened.status());
    return RenderCode(ctx, req, opened.status());
  }
  return RenderQuestions(ctx, req, *opened, nullptr, Status::Ok());
}

http::Response VoiceAnswerSubmit(const WebContext& ctx, http::Request& req) {
  auto form = req.Form();
  if (!form.ok()) return RenderCode(ctx, req, form.status());
  nlohmann::json answers = nlohmann::json::object();
  for (const auto& [k, v] : form->pairs()) {
    if (k.rfind("a.", 0) == 0) answers[k.substr(2)] = v;
  }
  PupilTurnService turns = Turns(ctx);
  Status st = turns.Answer(form->Get("code"), answers, req.ip);
  if (st.code() == StatusCode::kInvalid && st.field() != "code") {
    // Words that could not be taken: the questions again, with what was typed.
    auto opened = turns.Open(form->Get("code"), req.ip);
    if (opened.ok()) return RenderQuestions(ctx, req, *opened, &*form, st);
    st = opened.status();
  }
  if (!st.ok()) {
    if (Broken(st)) return RenderError(ctx, req, st);
    return RenderCode(ctx, req, st);
  }
  return http::Response::Redirect("/voice/thanks");
}

http::Response VoiceThanks(const WebContext& ctx, http::Request& req) {
  return RenderPupilPage(ctx, req, "voice_thanks", "Thank you · " + std::string(kTitle),
                         nlohmann::json::object());
}

}  // namespace attune::web
