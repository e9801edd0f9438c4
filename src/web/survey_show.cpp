// GET /surveys/{id}: a survey's questions, its runs (with "close" for an
// open one) and the form that starts a run for a form or a year group.
#include "services/survey_service.h"
#include "web/handlers.h"
#include "web/list_paging.h"
#include "web/page.h"
#include "web/site.h"
#include "web/survey_page.h"

namespace attune::web {

http::Response RenderSurvey(const WebContext& ctx, const http::Request& req, long long id,
                            const Status& error) {
  using nlohmann::json;
  SurveyService surveys(ctx.store);
  auto survey = surveys.Get(*req.principal, id);
  if (!survey.ok()) return RenderError(ctx, req, survey.status());
  auto runs = surveys.Runs(*req.principal, id);
  if (!runs.ok()) return RenderError(ctx, req, runs.status());
  json questions = json::array();
  for (const auto& q : survey->questions) {
    questions.push_back({{"prompt", q.prompt}, {"how", HowAnswered(q)}});
  }
  json rows = json::array();
  for (const auto& r : *runs) {
    rows.push_back(
        {{"id", r.id},
         {"label", r.group_label},
         {"opened", DateWords(LondonDate(r.opened_at))},
         {"closed", r.closed_at ? DateWords(LondonDate(*r.closed_at)) : ""},
         {"open", r.open()},
         {"codes", r.codes},
         // While a run is open only how many have answered is
         // shown; a count of 1 or 2 is not.
         {"answered", r.responses == 1 || r.responses == 2 ? std::string("fewer than 3")
                                                           : std::to_string(r.responses)}});
  }
  json view = {{"id", survey->id},
               {"title", survey->title},
               {"by", survey->created_by_name},
               {"written", DateWords(LondonDate(survey->created_at))},
               {"questions", questions},
               {"runs", rows},
               {"has_runs", !rows.empty()},
               {"error", error.ok() ? "" : error.message()}};
  AddYearFormChoices(ctx, req.principal->school_id, -1, 0, view);
  return RenderPage(ctx, req, "survey", survey->title, view, error.ok() ? 200 : 422);
}

http::Response SurveyShow(const WebContext& ctx, http::Request& req) {
  auto id = http::ParamId(req);
  if (!id.ok()) return RenderError(ctx, req, id.status());
  return RenderSurvey(ctx, req, *id, Status::Ok());
}

}  // namespace attune::web
