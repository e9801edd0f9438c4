// GET /group: a trust's or local authority's figures for its schools
// (decision 0034, services/group_service.h): each measure per 100 pupils,
// term by term or month by month over a school year, each school beside
// the group's own; repairs within the policy's time; equity across the
// group. Never a pupil; small counts as words, never numbers.
// GET /group/export.csv: the same figures, as the page shows them, to download
// (decision 0019); read and audited as the page's are.
#include "services/group_service.h"
#include "web/csv_export.h"
#include "web/handlers.h"
#include "web/insight_charts.h"
#include "web/insight_outcomes.h"
#include "web/page.h"
#include "web/site.h"

namespace attune::web {
namespace {

using json = nlohmann::json;

// A rate as shown: "4.2", or why there is none.
std::string RateWords(const std::optional<double>& rate, const ShownCount& count) {
  if (rate) return NumberWords(*rate);
  if (count.fewer_than_three) return "fewer than 3";
  if (count.hidden) return "not shown";
  return "—";
}

std::string PercentWords(const std::optional<double>& p) {
  return p ? NumberWords(*p, 0) + "%" : "—";
}

// One row of a measure's table: the periods' rates, the year's, and the
// year's against the group's.
json LineView(const GroupRow& row, size_t m, const GroupRow& group, bool is_group,
              const json& periods) {
  const GroupLine& line = row.lines[m];
  json cells = json::array();
  for (size_t p = 0; p < line.counts.size(); ++p) {
    cells.push_back({{"rate", RateWords(line.per_100[p], line.counts[p])},
                     {"period", periods[p]},
                     {"small", !line.per_100[p].has_value() && !line.counts[p].shown()}});
  }
  std::string against = "—";
  const auto& mine = line.total_per_100;
  const auto& theirs = group.lines[m].total_per_100;
  if (!is_group && mine && theirs && *theirs > 0) {
    against = NumberWords(*mine / *theirs, 2) + " ×";
  }
  return {{"name", row.name},   {"pupils", NumberWords(static_cast<double>(row.pupils), 0)},
          {"cells", cells},     {"total", RateWords(line.total_per_100, line.total)},
          {"against", against}, {"is_group", is_group}};
}

json RepairView(const GroupRow& row, bool is_group, const json& periods) {
  json cells = json::array();
  for (size_t p = 0; p < row.repairs.percent.size(); ++p) {
    cells.push_back({{"rate", PercentWords(row.repairs.percent[p])}, {"period", periods[p]}});
  }
  return {{"name", row.name},
          {"cells", cells},
          {"total", PercentWords(row.repairs.total)},
          {"is_group", is_group}};
}

// The figures' measures and repairs as the page and the download show them.
struct FiguresView {
  json periods = json::array();
  json measures = json::array();
  json repairs = json::array();
};

FiguresView ViewOf(const GroupFigures& f) {
  FiguresView v;
  for (const auto& p : f.periods) v.periods.push_back(GroupPeriodName(p, f.by));
  for (size_t m = 0; m < GroupMeasures().size(); ++m) {
    json rows = json::array();
    for (const auto& s : f.schools) rows.push_back(LineView(s, m, f.group, false, v.periods));
    rows.push_back(LineView(f.group, m, f.group, true, v.periods));
    v.measures.push_back(
        {{"id", GroupMeasures()[m].id}, {"label", GroupMeasures()[m].label}, {"rows", rows}});
  }
  for (const auto& s : f.schools) v.repairs.push_back(RepairView(s, false, v.periods));
  v.repairs.push_back(RepairView(f.group, true, v.periods));
  return v;
}

// The figures the query asks for, read (and audited) by the principal.
Result<GroupFigures> ReadFigures(const WebContext& ctx, const http::Request& req) {
  if (!ctx.groups) return Status::Unavailable("Not available here");
  auto q = ParseGroupQuery([&](std::string_view name) { return req.query.Get(std::string(name)); });
  if (!q.ok()) return q.status();
  return ctx.groups->Figures(*req.principal, *q, req.ip);
}

}  // namespace

http::Response GroupPage(const WebContext& ctx, http::Request& req) {
  auto f = ReadFigures(ctx, req);
  if (!f.ok()) return RenderError(ctx, req, f.status());
  FiguresView figures = ViewOf(*f);
  const json& periods = figures.periods;
  json years = json::array();
  for (int y : f->years) {
    years.push_back({{"value", y},
                     {"label", std::to_string(y) + " to " + std::to_string(y + 1)},
                     {"selected", y == f->year}});
  }
  const bool authority = f->organisation.local_authority();
  json view = {
      {"organisation", f->organisation.name},
      {"kind", OrganisationKindLabel(f->organisation.kind)},
      {"authority", authority},
      {"school_count", f->schools.size()},
      {"one_school", f->schools.size() == 1},
      {"has_schools", !f->schools.empty()},
      {"year_label", std::to_string(f->year) + " to " + std::to_string(f->year + 1)},
      {"years", years},
      {"by_term", f->by == "term"},
      {"by_month", f->by == "month"},
      {"periods", periods},
      {"has_periods", !f->periods.empty()},
      {"measures", figures.measures},
      {"repairs", figures.repairs},
      {"csv_href", "/group/export.csv?by=" + f->by + "&year=" + std::to_string(f->year)},
      {"equity", EquityView(f->equity.records)},
      {"equity_physical", EquityView(f->equity.physical)},
      {"may_see_notices", RoleHas(req.principal->role, Permission::kAuthorityNotices)},
  };
  return RenderPage(ctx, req, "group", f->organisation.name, view);
}

http::Response GroupCsv(const WebContext& ctx, http::Request& req) {
  auto f = ReadFigures(ctx, req);
  if (!f.ok()) return RenderError(ctx, req, f.status());
  FiguresView figures = ViewOf(*f);
  CsvWriter csv;
  std::vector<std::string> head = {"Measure", "School", "Pupils on roll"};
  for (const auto& p : figures.periods) head.push_back(p.get<std::string>());
  head.push_back("Year");
  head.push_back("Against the group");
  csv.Row(head);
  auto name = [](const json& row) { return row["name"].get<std::string>(); };
  for (const auto& m : figures.measures) {
    for (const auto& row : m["rows"]) {
      std::vector<std::string> cells = {m["label"].get<std::string>() + ", per 100 pupils",
                                        name(row), row["pupils"].get<std::string>()};
      for (const auto& c : row["cells"]) cells.push_back(c["rate"].get<std::string>());
      cells.push_back(row["total"].get<std::string>());
      cells.push_back(row["against"].get<std::string>());
      csv.Row(cells);
    }
  }
  for (const auto& row : figures.repairs) {
    std::vector<std::string> cells = {"Repairs within the policy's time", name(row), ""};
    for (const auto& c : row["cells"]) cells.push_back(c["rate"].get<std::string>());
    cells.push_back(row["total"].get<std::string>());
    cells.push_back("");
    csv.Row(cells);
  }
  std::string file = "group-" + f->by + "-" + std::to_string(f->year) + ".csv";
  return CsvDownload(ctx, req, "group figures", file, csv);
}

}  // namespace attune::web
