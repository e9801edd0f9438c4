// GET /surveys: the school's pupil voice surveys (surveys.manage).
#include "services/survey_service.h"
#include "web/handlers.h"
#include "web/page.h"
#include "web/site.h"

namespace attune::web {

http::Response SurveysIndex(const WebContext& ctx, http::Request& req) {
  auto list = SurveyService(ctx.store).List(*req.principal);
  if (!list.ok()) return RenderError(ctx, req, list.status());
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& s : *list) {
    rows.push_back({{"id", s.id},
                    {"title", s.title},
                    {"by", s.created_by_name},
                    {"written", DateWords(LondonDate(s.created_at))},
                    {"runs", s.runs}});
  }
  nlohmann::json view = {{"surveys", rows}, {"has_surveys", !rows.empty()}};
  return RenderPage(ctx, req, "surveys", "Pupil voice surveys", view);
}

}  // namespace attune::web
