#include "web/pupil_results.h"

#include "http/url.h"
#include "web/list_paging.h"

namespace attune::web {

bool PupilChoice::Filtered() const {
  return !filter.query.empty() || filter.year_group >= 0 || filter.form_id || !filter.sen.empty() ||
         filter.active_plan;
}

std::string PupilChoice::Query() const {
  std::string out = "q=" + http::PercentEncode(filter.query);
  if (filter.year_group >= 0) out += "&year=" + std::to_string(filter.year_group);
  if (filter.form_id) out += "&form=" + std::to_string(filter.form_id);
  if (!filter.sen.empty()) out += "&sen=" + filter.sen;
  if (!plan.empty()) out += "&plan=" + plan;
  if (sort != "name") out += "&sort=" + sort;
  return out;
}

PupilChoice ReadPupilChoice(const http::FormData& query) {
  PupilChoice c;
  c.filter.query = query.Get("q");
  // Words past what a search holds are dropped rather than refused.
  if (c.filter.query.size() > 100) c.filter.query.clear();
  c.filter.year_group = static_cast<int>(QueryNumber(query, "year", 0, 14, -1));
  c.filter.form_id = QueryNumber(query, "form", 1, 1LL << 53, 0);
  c.filter.sen = QueryChoice(query, "sen", {"N", "K", "E"});
  c.plan = QueryChoice(query, "plan", {"yes", "no"});
  c.filter.active_plan = c.plan == "yes" ? 1 : c.plan == "no" ? -1 : 0;
  c.sort = QueryChoice(query, "sort", {"year"});
  if (c.sort.empty()) c.sort = "name";
  c.filter.by_year = c.sort == "year";
  return c;
}

Result<nlohmann::json> PupilResultsView(const WebContext& ctx, const http::Request& req,
                                        const PupilChoice& choice) {
  const Principal& by = *req.principal;
  auto total = ctx.pupils.Count(by, choice.filter);
  if (!total.ok()) return total.status();
  Paging paging = PagingOf(req.query, *total);
  PupilFilter filter = choice.filter;
  filter.limit = paging.per_page;
  filter.offset = paging.offset();
  auto pupils = ctx.pupils.List(by, filter);
  if (!pupils.ok()) return pupils.status();

  nlohmann::json list = nlohmann::json::array();
  for (const Pupil& p : *pupils) {
    list.push_back({{"id", p.id},
                    {"name", p.last_name + ", " + p.ShownFirstName()},
                    {"year_group", p.year_group},
                    {"form", p.form_name},
                    {"sen", p.sen == SenStatus::kNone ? "" : SenLabel(p.sen)}});
  }
  std::string query = choice.Query();
  std::string per = paging.per_page == 50 ? "&per=50" : "";
  auto href = [&](int page) {
    return "/pupils?" + query + per + (page > 1 ? "&page=" + std::to_string(page) : "");
  };
  return nlohmann::json{{"pupils", list},
                        {"has_pupils", !list.empty()},
                        {"count_words", MatchWords(*total, "pupil", "pupils", choice.Filtered()) +
                                            (choice.Filtered() ? "" : " on roll")},
                        {"paging", PagingView(paging, list.size(), href)},
                        {"csv_href", "/pupils/export.csv?" + query},
                        {"csv_capped", *total > kCsvMaxRows},
                        {"csv_max", kCsvMaxRows},
                        {"q", choice.filter.query}};
}

}  // namespace attune::web
