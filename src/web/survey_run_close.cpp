// POST /surveys/runs/{id}/close: closes a run; its unused codes stop
// working and its results can be seen.
#include "services/survey_service.h"
#include "web/handlers.h"
#include "web/page.h"
#include "web/site.h"

namespace attune::web {

http::Response SurveyRunClose(const WebContext& ctx, http::Request& req) {
  auto id = http::ParamId(req);
  if (!id.ok()) return RenderError(ctx, req, id.status());
  auto survey = SurveyService(ctx.store).CloseRun(*req.principal, *id, req.ip);
  if (!survey.ok()) return RenderError(ctx, req, survey.status());
  http::Response r = http::Response::Redirect("/surveys/" + std::to_string(*survey));
  SetFlash(r, "The run is closed. Its results are ready.", ctx.secure_cookies);
  return r;
}

}  // namespace attune::web
