// GET /audit/export.csv: the audit log as filtered on /audit, newest first,
// up to kCsvMaxRows entries; the download is itself an entry.
#include "services/audit.h"
#include "web/audit_list.h"
#include "web/csv_export.h"
#include "web/handlers.h"
#include "web/list_paging.h"
#include "web/page.h"
#include "web/site.h"

namespace attune::web {

http::Response AuditExport(const WebContext& ctx, http::Request& req) {
  AuditChoice choice = ReadAuditChoice(req.query);
  AuditQuery query = choice.query;
  query.limit = kCsvMaxRows;
  auto entries = ReadAuditLog(ctx.store, *req.principal, query);
  if (!entries.ok()) return RenderError(ctx, req, entries.status());
  CsvWriter csv;
  csv.Row({"When", "Who", "What", "Action", "Detail", "About", "Subject", "Address"});
  for (const auto& e : *entries) {
    std::string subject;
    if (!e.subjects.empty()) {
      for (long long id : e.subjects) subject += (subject.empty() ? "" : " ") + std::to_string(id);
    } else if (e.subject_id) {
      subject = std::to_string(e.subject_id);
    }
    csv.Row({FormatLondon(e.at, "%Y-%m-%d %H:%M:%S"), e.staff_name, DescribeAuditAction(e.action),
             e.action, e.detail, e.subject_type, subject, e.ip});
  }
  return CsvDownload(ctx, req, "audit log (" + choice.Query() + ")", "audit-log.csv", csv);
}

}  // namespace attune::web
