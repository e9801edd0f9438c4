// GET /pupils/search: the results fragment htmx swaps in as staff type or
// change a filter (the same query string as /pupils).
#include "web/handlers.h"
#include "web/page.h"
#include "web/pupil_results.h"
#include "web/site.h"

namespace attune::web {

http::Response PupilsSearch(const WebContext& ctx, http::Request& req) {
  auto results = PupilResultsView(ctx, req, ReadPupilChoice(req.query));
  if (!results.ok()) {
    return RenderFragment(ctx, "error", {{"message", results.status().message()}},
                          HttpStatusFor(results.status()));
  }
  return RenderFragment(ctx, "pupil_results", *results);
}

}  // namespace attune::web
