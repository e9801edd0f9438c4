// POST /record/preview: what the policy would decide for the record as it
// stands (the step suggested, with its guidance, script and phrases; the
// actions it will require and by when; guards; any refusal and its reason),
// refreshed by htmx as the member of staff fills the form. Saves nothing.
#include "web/handlers.h"
#include "web/page.h"
#include "web/record_form.h"
#include "web/site.h"

namespace attune::web {

http::Response RecordPreview(const WebContext& ctx, http::Request& req) {
  auto form = req.Form();
  if (!form.ok()) return RenderError(ctx, req, form.status());
  RecordForm record = ReadRecordForm(*form, RecordKind::kDifficult);
  return http::Response::Html(RenderPreview(ctx, req, record));
}

}  // namespace attune::web
