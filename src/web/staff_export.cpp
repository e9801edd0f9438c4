// GET /staff/export.csv: the staff list as filtered on /staff; audited.
#include "web/csv_export.h"
#include "web/handlers.h"
#include "web/list_paging.h"
#include "web/page.h"
#include "web/site.h"
#include "web/staff_page.h"

namespace attune::web {

http::Response StaffExport(const WebContext& ctx, http::Request& req) {
  StaffFilter filter = ReadStaffFilter(req.query);
  auto staff = ctx.staff.Find(*req.principal, filter);
  if (!staff.ok()) return RenderError(ctx, req, staff.status());
  CsvWriter csv;
  csv.Row({"Name", "Email", "Job title", "Role", "Status"});
  int n = 0;
  for (const Staff& s : *staff) {
    if (++n > kCsvMaxRows) break;
    csv.Row({s.name, s.email, s.job_title, RoleLabel(s.role), s.active ? "Active" : "Deactivated"});
  }
  return CsvDownload(ctx, req, "staff (" + StaffQuery(filter) + ")", "staff.csv", csv);
}

}  // namespace attune::web
