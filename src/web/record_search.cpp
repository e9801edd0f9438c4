// GET /record/search?kind=&q= or ?group=: pupils to choose while recording,
// found as staff type or listed from one of their classes; each result adds
// the pupil to the record (GET /record/pupils). `pupil` (repeated) are the
// pupils chosen already, kept in each result's link for browsers without
// script.
#include "web/handlers.h"
#include "web/page.h"
#include "web/record_form.h"
#include "web/site.h"

namespace attune::web {

inline constexpr int kRecordResultsShown = 30;

std::string ChosenQuery(const std::vector<std::string>& chosen) {
  std::string out;
  for (const auto& id : chosen) {
    auto value = http::IntValue(id, 0, "pupil");
    if (value.ok() && *value > 0) out += "&pupil=" + std::to_string(*value);
  }
  return out;
}

std::string RecordResultsHtml(const WebContext& ctx, const http::Request& req, RecordKind kind,
                              const std::string& query, long long group_id,
                              const std::vector<std::string>& chosen) {
  std::vector<Pupil> pupils;
  std::string message;
  if (group_id > 0) {
    auto members = ctx.store.GroupMembers(req.principal->school_id, group_id);
    if (members.ok()) {
      pupils = std::move(*members);
    } else {
      message = "The class list cannot be shown just now. Try searching by name.";
    }
  } else if (!query.empty()) {
    PupilSearch search;
    search.query = query;
    search.limit = kRecordResultsShown + 1;
    auto found = ctx.pupils.Search(*req.principal, search, req.ip);
    if (found.ok()) {
      pupils = std::move(*found);
    } else {
      message = found.status().message();
    }
  } else {
    return "";
  }
  bool more = group_id == 0 && pupils.size() > static_cast<size_t>(kRecordResultsShown);
  if (more) pupils.resize(kRecordResultsShown);
  nlohmann::json list = nlohmann::json::array();
  for (const auto& p : pupils) {
    std::string meta = "Year " + std::to_string(p.year_group);
    if (!p.form_name.empty()) meta += " · " + p.form_name;
    list.push_back({{"id", p.id}, {"name", p.DisplayName()}, {"meta", meta}});
  }
  if (message.empty() && list.empty()) {
    message =
        group_id > 0 ? "No pupils are listed in this class." : "No pupils match “" + query + "”.";
  }
  return ctx.renderer.Render("fragments/record_results", {{"kind", RecordKindName(kind)},
                                                          {"chosen_query", ChosenQuery(chosen)},
                                                          {"pupils", list},
                                                          {"has_pupils", !list.empty()},
                                                          {"more", more},
                                                          {"message", message}});
}

http::Response RecordSearch(const WebContext& ctx, http::Request& req) {
  RecordKind kind = ParseRecordKind(req.query.Get("kind"));
  auto group = http::IntValue(req.query.Get("group"), 0, "group");
  long long group_id = group.ok() && *group > 0 ? *group : 0;
  return http::Response::Html(
      RecordResultsHtml(ctx, req, kind, req.query.Get("q"), group_id, req.query.GetAll("pupil")));
}

}  // namespace attune::web
