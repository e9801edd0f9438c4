// GET /pupils/search?q=: the results fragment htmx swaps in as staff type.
#include "web/handlers.h"
#include "web/page.h"
#include "web/pupil_results.h"
#include "web/site.h"

namespace attune::web {

http::Response PupilsSearch(const WebContext& ctx, http::Request& req) {
  PupilSearch search;
  search.query = req.query.Get("q");
  search.limit = kPupilResultsShown + 1;
  auto pupils = ctx.pupils.Search(*req.principal, search, req.ip);
  if (!pupils.ok()) {
    return RenderFragment(ctx, "error", {{"message", pupils.status().message()}},
                          HttpStatusFor(pupils.status()));
  }
  return RenderFragment(ctx, "pupil_results", PupilResultsView(*pupils, search.query));
}

}  // namespace attune::web
