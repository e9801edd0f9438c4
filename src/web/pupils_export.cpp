// GET /pupils/export.csv: the pupil list as filtered on /pupils, every page
// of it up to kCsvMaxRows, without special-category fields; audited.
#include "web/csv_export.h"
#include "web/handlers.h"
#include "web/list_paging.h"
#include "web/page.h"
#include "web/pupil_results.h"
#include "web/site.h"

namespace attune::web {

http::Response PupilsExport(const WebContext& ctx, http::Request& req) {
  PupilChoice choice = ReadPupilChoice(req.query);
  PupilFilter filter = choice.filter;
  filter.limit = kCsvMaxRows;
  auto pupils = ctx.pupils.List(*req.principal, filter);
  if (!pupils.ok()) return RenderError(ctx, req, pupils.status());
  CsvWriter csv;
  csv.Row({"UPN", "Surname", "First name", "Preferred name", "Year", "Form", "SEN"});
  for (const Pupil& p : *pupils) {
    csv.Row({p.upn, p.last_name, p.first_name, p.preferred_name, std::to_string(p.year_group),
             p.form_name, SenLabel(p.sen)});
  }
  return CsvDownload(ctx, req, "pupils" + (choice.Filtered() ? " (" + choice.Query() + ")" : ""),
                     "pupils.csv", csv);
}

}  // namespace attune::web
