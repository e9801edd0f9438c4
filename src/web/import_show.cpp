// GET /import/{id} and POST /import/{id}/apply: what a checked export
// would change (nothing has yet), with the rows that cannot be imported by
// file and line; applying it checks it against attune again and writes it
// in one go; an applied import shows what it did.
#include "web/handlers.h"
#include "web/import_page.h"
#include "web/page.h"
#include "web/site.h"

namespace attune::web {
namespace {

http::Response RenderImport(const WebContext& ctx, const http::Request& req, long long id,
                            const Status& error) {
  auto record = ctx.imports->Get(*req.principal, id);
  if (!record.ok()) return RenderError(ctx, req, record.status());
  auto report =
      import::ImportReport::FromJson(nlohmann::json::parse(record->report, nullptr, false));
  nlohmann::json view = ImportReportView(report);
  bool applied = record->applied_at.has_value();
  view["id"] = record->id;
  view["file"] = record->file_name;
  view["applied"] = applied;
  view["applied_when"] =
      applied ? FormatLondon(*record->applied_at, "%e %B %Y at %H:%M") : std::string();
  std::string by = applied ? record->applied_by_name : record->staff_name;
  view["by"] = by.empty() ? "the command line" : by;
  view["checked_when"] = FormatLondon(record->uploaded_at, "%e %B %Y at %H:%M");
  view["cleared"] = !applied && record->export_zip.empty();
  view["may_apply"] = !applied && !record->export_zip.empty() && !report.NothingChanged();
  view["error"] = error.ok() ? "" : error.message();
  int status = error.ok() ? 200 : error.code() == StatusCode::kConflict ? 409 : 422;
  return RenderPage(ctx, req, "import_report", "Import of " + record->file_name, view, status);
}

}  // namespace

http::Response ImportShow(const WebContext& ctx, http::Request& req) {
  auto id = http::ParamId(req);
  if (!id.ok()) return RenderError(ctx, req, id.status());
  return RenderImport(ctx, req, *id, Status::Ok());
}

http::Response ImportApply(const WebContext& ctx, http::Request& req) {
  auto id = http::ParamId(req);
  if (!id.ok()) return RenderError(ctx, req, id.status());
  auto report = ctx.imports->Apply(*req.principal, *id, req.ip);
  if (!report.ok()) {
    StatusCode code = report.status().code();
    if (code == StatusCode::kInvalid || code == StatusCode::kConflict) {
      return RenderImport(ctx, req, *id, report.status());
    }
    return RenderError(ctx, req, report.status());
  }
  http::Response r = http::Response::Redirect("/import/" + std::to_string(*id));
  SetFlash(r, "Applied: " + report->OneLine() + ".", ctx.secure_cookies);
  return r;
}

}  // namespace attune::web
