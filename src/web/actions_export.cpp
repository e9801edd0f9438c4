// GET /actions/export.csv: the follow-up queue as chosen on /actions, every
// page of it up to kCsvMaxRows; only actions of records the reader may
// read (those of restricted records audited as reads); the download
// audited.
#include "policy/policy.h"
#include "services/authorization.h"
#include "web/actions_page.h"
#include "web/csv_export.h"
#include "web/handlers.h"
#include "web/incident_words.h"
#include "web/list_paging.h"
#include "web/page.h"
#include "web/site.h"

namespace attune::web {
namespace {

std::string When(const std::optional<Timestamp>& t) {
  return t ? FormatLondon(*t, "%Y-%m-%d %H:%M") : "";
}

}  // namespace

http::Response ActionsExport(const WebContext& ctx, http::Request& req) {
  const Principal& by = *req.principal;
  QueueChoice choice = ReadQueueChoice(req.query, RoleHas(by.role, Permission::kActionsManage));
  ActionFilter filter = QueueFilter(choice);
  filter.limit = kCsvMaxRows;
  filter.offset = 0;
  auto actions = ctx.actions.Export(by, filter, req.ip);
  if (!actions.ok()) return RenderError(ctx, req, actions.status());
  CsvWriter csv;
  csv.Row({"Action", "Pupil", "For", "Due", "Status", "Done", "Done by", "Outcome", "Record"});
  for (const Action& a : *actions) {
    // Named as anyone else sees it: a file has no "You".
    std::string assignee = AssigneeWords(a, Principal{});
    csv.Row({a.label.empty() ? policy::ActionLabel(a.kind) : a.label, a.pupil_name, assignee,
             When(a.due_at), a.status == "done" ? "Done" : "Open", When(a.completed_at),
             a.completed_by_name, a.outcome, a.incident_id ? std::to_string(a.incident_id) : ""});
  }
  return CsvDownload(ctx, req, "actions (" + choice.Query(1) + ")", "actions.csv", csv);
}

}  // namespace attune::web
