// GET /pupils: the pupil list with search as you type.
#include "web/handlers.h"
#include "web/page.h"
#include "web/pupil_results.h"
#include "web/site.h"

namespace attune::web {

http::Response PupilsIndex(const WebContext& ctx, http::Request& req) {
  PupilSearch search;
  search.query = req.query.Get("q");
  search.limit = kPupilResultsShown + 1;
  auto pupils = ctx.pupils.Search(*req.principal, search, req.ip);
  if (!pupils.ok()) return RenderError(ctx, req, pupils.status());
  auto count = ctx.pupils.Count(*req.principal);
  if (!count.ok()) return RenderError(ctx, req, count.status());
  std::string results =
      ctx.renderer.Render("fragments/pupil_results", PupilResultsView(*pupils, search.query));
  nlohmann::json view = {{"q", search.query},
                         {"count", *count},
                         {"results", results},
                         {"can_review", RoleHas(req.principal->role, Permission::kProfileEdit)}};
  return RenderPage(ctx, req, "pupils", "Pupils", view);
}

}  // namespace attune::web
