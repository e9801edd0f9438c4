// GET /import and POST /import: the administrator uploads the MIS's
// OneRoster export as a .zip; attune checks it (a dry run, nothing
// changes) and shows what applying it would do (/import/{id}). The page
// lists the school's recent imports, from here and from the command line.
#include <cctype>

#include "web/handlers.h"
#include "web/import_page.h"
#include "web/list_paging.h"
#include "web/page.h"
#include "web/site.h"

namespace attune::web {
namespace {

// "Teaching groups", as a heading reads.
std::string KindHeading(int kind) {
  std::string words = import::KindWords(static_cast<import::Kind>(kind));
  words[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(words[0])));
  return words;
}

}  // namespace

nlohmann::json ImportReportView(const import::ImportReport& report) {
  using nlohmann::json;
  json counts = json::array();
  for (int k = 0; k < import::kKinds; ++k) {
    const auto& c = report.counts[k];
    counts.push_back({{"kind", KindHeading(k)},
                      {"created", Grouped(c.created)},
                      {"updated", Grouped(c.updated)},
                      {"unchanged", Grouped(c.unchanged)},
                      {"left", Grouped(c.left)},
                      {"back", Grouped(c.back)}});
  }
  std::string linked;
  for (int k = 0; k < import::kKinds; ++k) {
    int n = report.counts[k].linked;
    if (n > 0) {
      linked += (linked.empty() ? "" : ", ") + import::CountWords(static_cast<import::Kind>(k), n);
    }
  }
  json bad = json::array();
  for (const auto& p : report.bad_rows) {
    bad.push_back({{"where", p.at.Text()}, {"message", p.message}});
  }
  json kinds = json::array();
  for (int k = 0; k < import::kKinds; ++k) {
    json lines = json::array();
    for (const auto& c : report.changes) {
      if (static_cast<int>(c.kind) == k) lines.push_back({{"what", c.what}, {"name", c.name}});
    }
    if (lines.empty()) continue;
    kinds.push_back({{"kind", KindHeading(k)},
                     {"lines", lines},
                     {"count", lines.size()},
                     {"capped", lines.size() >= import::ImportReport::kMaxChangesKept}});
  }
  long long more = report.bad_row_count - static_cast<long long>(report.bad_rows.size());
  return {{"counts", counts},
          {"members_added", Grouped(report.members_added)},
          {"members_removed", Grouped(report.members_removed)},
          {"linked", linked},
          {"notes", report.notes},
          {"has_notes", !report.notes.empty()},
          {"bad_rows", bad},
          {"bad_row_count", Grouped(report.bad_row_count)},
          {"has_bad_rows", report.bad_row_count > 0},
          {"one_bad_row", report.bad_row_count == 1},
          {"more_bad_rows", more > 0 ? Grouped(more) : ""},
          {"change_kinds", kinds},
          {"has_changes", !kinds.empty()},
          {"nothing_changed", report.NothingChanged()},
          {"schools", report.schools},
          {"format", report.format}};
}

http::Response RenderImportIndex(const WebContext& ctx, const http::Request& req,
                                 const Status& error) {
  auto recent = ctx.imports->Recent(*req.principal);
  if (!recent.ok()) return RenderError(ctx, req, recent.status());
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& m : *recent) {
    auto report = import::ImportReport::FromJson(nlohmann::json::parse(m.report, nullptr, false));
    std::string by = m.applied_at ? m.applied_by_name : m.staff_name;
    rows.push_back({{"id", m.id},
                    {"file", m.file_name},
                    {"when", FormatLondon(m.applied_at.value_or(m.uploaded_at), "%e %b %Y %H:%M")},
                    {"by", by.empty() ? "The command line" : by},
                    {"applied", m.applied_at.has_value()},
                    {"summary", report.OneLine()}});
  }
  nlohmann::json view = {{"imports", rows},
                         {"has_imports", !rows.empty()},
                         {"error", error.ok() ? "" : error.message()},
                         {"max_mb", import::ImportService::kMaxUploadBytes >> 20}};
  return RenderPage(ctx, req, "import", "Import from the MIS", view, error.ok() ? 200 : 422);
}

http::Response ImportIndex(const WebContext& ctx, http::Request& req) {
  return RenderImportIndex(ctx, req, Status::Ok());
}

http::Response ImportUpload(const WebContext& ctx, http::Request& req) {
  auto form = req.FormWithBinaryFiles();
  if (!form.ok()) return RenderError(ctx, req, form.status());
  auto id =
      ctx.imports->Check(*req.principal, form->FileName("export"), form->Get("export"), req.ip);
  if (!id.ok()) {
    if (id.status().code() == StatusCode::kInvalid) return RenderImportIndex(ctx, req, id.status());
    return RenderError(ctx, req, id.status());
  }
  return http::Response::Redirect("/import/" + std::to_string(*id));
}

}  // namespace attune::web
