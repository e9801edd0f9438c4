// POST /surveys/{id}/runs: starts a run for a form ("form:<id>") or a year
// group ("year:<n>") and answers with the sheet of code slips, the one time
// the codes are shown (never stored by the browser: no-store).
#include "services/survey_service.h"
#include "web/handlers.h"
#include "web/page.h"
#include "web/site.h"

namespace attune::web {

http::Response RenderSurvey(const WebContext& ctx, const http::Request& req, long long id,
                            const Status& error);

http::Response SurveyRunStart(const WebContext& ctx, http::Request& req) {
  auto id = http::ParamId(req);
  if (!id.ok()) return RenderError(ctx, req, id.status());
  auto form = req.Form();
  if (!form.ok()) return RenderError(ctx, req, form.status());
  std::string group = form->Get("group");
  RunFor run_for;
  Status parsed = Status::Ok();
  auto number = [&](size_t from) -> long long {
    std::string digits = group.substr(from);
    if (digits.empty() || digits.size() > 12 ||
        digits.find_first_not_of("0123456789") != std::string::npos) {
      parsed = Status::Invalid("Choose a form or a year group", "group");
      return -1;
    }
    return std::stoll(digits);
  };
  if (group.rfind("form:", 0) == 0) {
    run_for.form_id = number(5);
  } else if (group.rfind("year:", 0) == 0) {
    long long y = number(5);
    run_for.year_group = y >= 0 && y <= 14 ? static_cast<int>(y) : -1;
  } else {
    parsed = Status::Invalid("Choose a form or a year group", "group");
  }
  auto started = parsed.ok()
                     ? SurveyService(ctx.store).StartRun(*req.principal, *id, run_for, req.ip)
                     : Result<SurveyRunStarted>(parsed);
  if (!started.ok()) {
    if (started.status().code() != StatusCode::kInvalid) {
      return RenderError(ctx, req, started.status());
    }
    return RenderSurvey(ctx, req, *id, started.status());
  }
  nlohmann::json slips = nlohmann::json::array();
  for (const auto& s : started->slips) {
    slips.push_back({{"name", s.name}, {"form", s.form_name}, {"code", s.code}});
  }
  nlohmann::json view = {{"survey_id", started->survey.id},
                         {"title", started->survey.title},
                         {"label", started->run.group_label},
                         {"count", slips.size()},
                         {"slips", slips}};
  http::Response r =
      RenderPage(ctx, req, "survey_slips", "Codes for " + started->run.group_label, view);
  r.SetHeader("Cache-Control", "no-store");
  return r;
}

}  // namespace attune::web
