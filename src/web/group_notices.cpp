// GET /group/notices: the notices the law sends a local authority, as its
// officers see them (decision 0034): each school's suspensions and its
// physical interventions whose notice went to the authority instead of the
// parents, with the school's record number, never the pupil.
#include "services/group_service.h"
#include "web/handlers.h"
#include "web/page.h"
#include "web/site.h"

namespace attune::web {

http::Response GroupNotices(const WebContext& ctx, http::Request& req) {
  if (!ctx.groups) return RenderError(ctx, req, Status::Unavailable("Not available here"));
  auto q = ParseGroupQuery([&](std::string_view name) { return req.query.Get(std::string(name)); });
  if (!q.ok()) return RenderError(ctx, req, q.status());
  auto org = ctx.groups->OrganisationOf(*req.principal);
  if (!org.ok()) return RenderError(ctx, req, org.status());
  auto notices = ctx.groups->Notices(*req.principal, q->year, req.ip);
  if (!notices.ok()) return RenderError(ctx, req, notices.status());
  const int current = GroupService::SchoolYearOf(LondonDate(Now()));
  const int year = q->year ? std::min(q->year, current) : current;
  nlohmann::json rows = nlohmann::json::array();
  long long unsent = 0;
  for (const auto& n : *notices) {
    const bool suspension = n.kind == AuthorityNotice::kSuspensionNotice;
    nlohmann::json reasons = nlohmann::json::array();
    for (const auto& code : n.reason_codes) reasons.push_back(SuspensionReasonWords(code));
    unsent += n.sent_at ? 0 : 1;
    rows.push_back(
        {{"day", DateWords(n.day)},
         {"school", n.school_name},
         {"kind", suspension ? "Suspension"
                             : "Physical intervention: parents not told (risk of "
                               "significant harm)"},
         {"days", suspension ? SchoolDaysWords(n.school_days) : "—"},
         {"reasons", reasons},
         {"has_reasons", !reasons.empty()},
         {"record", n.incident_id},
         {"sent", n.sent_at ? "Sent " + DateWords(LondonDate(*n.sent_at)) : "Not yet marked sent"},
         {"unsent", !n.sent_at}});
  }
  nlohmann::json years = nlohmann::json::array();
  for (int y = current; y > current - 5; --y) {
    years.push_back({{"value", y},
                     {"label", std::to_string(y) + " to " + std::to_string(y + 1)},
                     {"selected", y == year}});
  }
  nlohmann::json view = {
      {"organisation", org->name},
      {"notices", rows},
      {"has_notices", !rows.empty()},
      {"count_words", std::to_string(rows.size()) + (rows.size() == 1 ? " notice" : " notices")},
      {"unsent", unsent},
      {"years", years},
      {"year_label", std::to_string(year) + " to " + std::to_string(year + 1)},
      {"capped", rows.size() >= GroupService::kMaxNotices}};
  return RenderPage(ctx, req, "group_notices", "Notices to " + org->name, view);
}

}  // namespace attune::web
