// GET /audit: the school's audit log, newest first, filtered by day, by
// person and by kind, 50 to a page with newer and older pages, and how
// many entries match.
#include "services/audit.h"
#include "web/audit_list.h"
#include "web/handlers.h"
#include "web/list_paging.h"
#include "web/page.h"
#include "web/site.h"

namespace attune::web {
namespace {

// A list read names several: "12 pupils", "3 records".
std::string Several(const AuditEntry& e) {
  if (e.subjects.empty()) return "";
  return std::to_string(e.subjects.size()) + (e.subject_type == "pupil"      ? " pupils"
                                              : e.subject_type == "incident" ? " records"
                                                                             : "");
}

}  // namespace

http::Response AuditIndex(const WebContext& ctx, http::Request& req) {
  const Principal& by = *req.principal;
  AuditChoice choice = ReadAuditChoice(req.query);
  AuditQuery counting = choice.query;
  counting.count_at_most = CountFor(req.query);
  auto total = CountAuditLog(ctx.store, by, counting);
  if (!total.ok()) return RenderError(ctx, req, total.status());
  Paging paging = PagingOfCounted(req.query, *total);
  AuditQuery query = choice.query;
  query.limit = paging.per_page;
  query.offset = paging.offset();
  auto entries = ReadAuditLog(ctx.store, by, query);
  if (!entries.ok()) return RenderError(ctx, req, entries.status());
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& e : *entries) {
    bool pupil = e.subject_type == "pupil" && e.subject_id > 0;
    bool record = e.subject_type == "incident" && e.subject_id > 0;
    rows.push_back({{"when", FormatLondon(e.at, "%e %b %Y %H:%M")},
                    {"who", e.staff_name.empty() ? "—" : e.staff_name},
                    {"what", DescribeAuditAction(e.action)},
                    {"detail", e.detail},
                    // false, not 0: the template shows a link for any number.
                    {"pupil_id", pupil ? nlohmann::json(e.subject_id) : nlohmann::json(false)},
                    {"incident_id", record ? nlohmann::json(e.subject_id) : nlohmann::json(false)},
                    {"several", Several(e)},
                    {"ip", e.ip}});
  }
  nlohmann::json actions = nlohmann::json::array();
  for (const auto& a : AuditActionKinds()) {
    actions.push_back(
        {{"value", a}, {"label", DescribeAuditAction(a)}, {"selected", choice.query.action == a}});
  }
  nlohmann::json people = nlohmann::json::array();
  if (auto staff = ctx.store.ListStaff(by.school_id); staff.ok()) {
    for (const auto& s : *staff) {
      people.push_back({{"value", s.id},
                        {"label", s.active ? s.name : s.name + " (deactivated)"},
                        {"selected", s.id == choice.query.staff_id}});
    }
  }
  std::string filter = choice.Query();
  std::string per = paging.per_page == 50 ? "&per=50" : "";
  auto href = [&](int page) {
    return "/audit?" + filter + per + (page > 1 ? "&page=" + std::to_string(page) : "");
  };
  auto school = ctx.store.GetSchool(by.school_id);
  nlohmann::json view = {{"entries", rows},
                         {"has_entries", !rows.empty()},
                         {"actions", actions},
                         {"people", people},
                         {"from", choice.from},
                         {"to", choice.to},
                         {"filtered", choice.Filtered()},
                         {"count_words", MatchWords(paging, "entry", "entries", choice.Filtered())},
                         {"paging", PagingView(paging, rows.size(), href, "Newer", "Older")},
                         {"csv_href", "/audit/export.csv?" + filter},
                         {"csv_capped", paging.total > kCsvMaxRows},
                         {"csv_max", kCsvMaxRows},
                         {"school_name", school.ok() ? school->name : ""}};
  return RenderPage(ctx, req, "audit", "Audit log", view);
}

}  // namespace attune::web
