// GET /audit?action=: the school's audit log.
#include "services/audit.h"
#include "web/handlers.h"
#include "web/page.h"
#include "web/site.h"

namespace attune::web {

http::Response AuditIndex(const WebContext& ctx, http::Request& req) {
  AuditQuery query;
  query.action = req.query.Get("action");
  query.limit = 200;
  auto entries = ReadAuditLog(ctx.store, *req.principal, query);
  if (!entries.ok()) return RenderError(ctx, req, entries.status());
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& e : *entries) {
    bool pupil = e.subject_type == "pupil" && e.subject_id > 0;
    bool record = e.subject_type == "incident" && e.subject_id > 0;
    // A list read names several: "12 pupils", "3 records".
    std::string several;
    if (!e.subjects.empty()) {
      several = std::to_string(e.subjects.size()) + (e.subject_type == "pupil"      ? " pupils"
                                                     : e.subject_type == "incident" ? " records"
                                                                                    : "");
    }
    rows.push_back({{"when", FormatLondon(e.at, "%e %b %Y %H:%M")},
                    {"who", e.staff_name.empty() ? "—" : e.staff_name},
                    {"what", DescribeAuditAction(e.action)},
                    {"detail", e.detail},
                    {"pupil_id", pupil ? e.subject_id : 0},
                    {"incident_id", record ? e.subject_id : 0},
                    {"several", several},
                    {"ip", e.ip}});
  }
  nlohmann::json actions = nlohmann::json::array();
  actions.push_back({{"value", ""}, {"label", "Everything"}, {"selected", query.action.empty()}});
  for (const char* a : {"pupil.read_sensitive", "incident.read_restricted", "sign_in",
                        "sign_in_failed", "sign_in_throttled", "staff.added", "staff.role_changed",
                        "staff.deactivated", "staff.restricted_access_granted"}) {
    actions.push_back(
        {{"value", a}, {"label", DescribeAuditAction(a)}, {"selected", query.action == a}});
  }
  auto school = ctx.store.GetSchool(req.principal->school_id);
  nlohmann::json view = {{"entries", rows},
                         {"has_entries", !rows.empty()},
                         {"actions", actions},
                         {"school_name", school.ok() ? school->name : ""}};
  return RenderPage(ctx, req, "audit", "Audit log", view);
}

}  // namespace attune::web
