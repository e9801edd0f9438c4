// GET /records: finding records by the words staff wrote in them, and
// "What I recorded" (the records the signed-in person made; where a
// teacher lands). 25 to a page, newest first, between two dates when asked;
// each with when, the pupils, the category and an excerpt with the matched
// words marked. GET /records.csv downloads the same records (CsvDownload).
// Only records the person may read are found or counted (decision 0016).
#include <algorithm>
#include <map>
#include <optional>
#include <tuple>

#include "http/url.h"
#include "services/authorization.h"
#include "web/csv_export.h"
#include "web/handlers.h"
#include "web/incident_words.h"
#include "web/list_paging.h"
#include "web/page.h"
#include "web/site.h"

namespace attune::web {
namespace {

constexpr int kPageSize = 25;
// The most records one download holds.
constexpr int kMaxDownload = 2000;
constexpr int kMaxPage = 1000000;

// The search as asked, read from the query string; what is not understood
// is dropped with a message (a bookmarked search never breaks the page).
struct SearchChoice {
  std::string q;
  bool mine = false;
  std::string from;  // YYYY-MM-DD as typed, kept when valid
  std::string to;
  std::optional<Date> from_day;
  std::optional<Date> to_day;  // inclusive
  int page = 1;
  std::string date_error;

  std::string Query(int p) const {
    std::string out = std::string("view=") + (mine ? "mine" : "all");
    if (!q.empty()) out += "&q=" + http::PercentEncode(q);
    if (from_day) out += "&from=" + from;
    if (to_day) out += "&to=" + to;
    if (p > 1) out += "&page=" + std::to_string(p);
    return out;
  }
};

SearchChoice ReadChoice(const http::FormData& query, const Principal& by) {
  SearchChoice c;
  c.q = query.Get("q");
  std::string view = query.Get("view");
  // Those who follow records up for others start with everyone's; anyone
  // else with their own.
  c.mine =
      view.empty() ? !RoleHas(by.role, Permission::kActionsManage) && c.q.empty() : view == "mine";
  for (auto [key, text, day] :
       {std::tuple{"from", &c.from, &c.from_day}, std::tuple{"to", &c.to, &c.to_day}}) {
    *text = query.Get(key);
    if (text->empty()) continue;
    auto parsed = ParseDate(*text, key);
    if (parsed.ok()) {
      *day = *parsed;
    } else {
      c.date_error = "Dates are shown as a date picker, or typed as YYYY-MM-DD: “" +
                     text->substr(0, 40) + "” was left out.";
    }
  }
  // A page number past the last shows the last (the service clamps); any
  // other text shows the first.
  std::string page = query.Get("page");
  bool digits = !page.empty() && page.find_first_not_of("0123456789") == std::string::npos;
  c.page = !digits ? 1 : page.size() > 7 ? kMaxPage : std::max(1, std::stoi(page));
  return c;
}

RecordSearchRequest SearchOf(const SearchChoice& c) {
  RecordSearchRequest s;
  s.words = c.q;
  s.mine = c.mine;
  if (c.from_day) s.from = LondonInstant(*c.from_day, 0);
  if (c.to_day) s.to = LondonInstant(Date(date::sys_days(*c.to_day) + date::days(1)), 0);
  s.page = c.page;
  s.page_size = kPageSize;
  return s;
}

// The names of the pupils in a record, involved first.
std::string PupilNames(const Incident& i) {
  std::string out;
  for (const auto& p : i.pupils) out += (out.empty() ? "" : ", ") + p.name;
  return out;
}

// The category's name in the policy version each record was made under,
// each version read once.
class CategoryNames {
 public:
  CategoryNames(const WebContext& ctx, long long school_id) : ctx_(ctx), school_id_(school_id) {}
  std::string Of(const Incident& i) {
    auto it = policies_.find(i.policy_version_id);
    if (it == policies_.end()) {
      auto loaded = ctx_.policies.ById(school_id_, i.policy_version_id);
      it = policies_.emplace(i.policy_version_id, loaded.ok() ? loaded->policy : nullptr).first;
    }
    if (it->second) {
      if (const auto* c = it->second->FindCategory(i.category)) return c->name;
    }
    return i.category;
  }

 private:
  const WebContext& ctx_;
  long long school_id_;
  std::map<long long, std::shared_ptr<const policy::Policy>> policies_;
};

}  // namespace

http::Response RecordsIndex(const WebContext& ctx, http::Request& req) {
  const Principal& by = *req.principal;
  SearchChoice choice = ReadChoice(req.query, by);
  Timestamp now = Now();
  auto in_force = ctx.policies.InForce(by.school_id, LondonDate(now));
  std::string pupil_word = "pupil", pupils_word = "pupils";
  if (in_force.ok()) {
    pupil_word = in_force->policy->Word("pupil", "pupil");
    pupils_word = in_force->policy->Word("pupils", "pupils");
  }
  nlohmann::json view = {{"q", choice.q},
                         {"mine", choice.mine},
                         {"from", choice.from_day ? choice.from : ""},
                         {"to", choice.to_day ? choice.to : ""},
                         {"date_error", choice.date_error},
                         {"max_q", kMaxSearchText},
                         {"pupils_label", Capitalised(pupils_word)},
                         {"mine_href", "/records?view=mine"},
                         {"all_href", "/records?view=all"}};
  std::string heading = choice.mine ? "What I recorded" : "Records";
  view["heading"] = heading;
  auto found = ctx.incidents.Search(by, SearchOf(choice), req.ip);
  int status = 200;
  if (!found.ok()) {
    if (found.status().code() != StatusCode::kInvalid) {
      return RenderError(ctx, req, found.status());
    }
    view["q_error"] = found.status().message();
    view["has_hits"] = false;
    view["searched"] = true;
    return RenderPage(ctx, req, "records", heading, view, HttpStatusFor(found.status()));
  }
  CategoryNames categories(ctx, by.school_id);
  nlohmann::json hits = nlohmann::json::array();
  for (const auto& hit : found->hits) {
    const Incident& i = hit.incident;
    nlohmann::json parts = nlohmann::json::array();
    for (const auto& part : ExcerptParts(hit.excerpt)) {
      parts.push_back({{"text", part.text}, {"match", part.match}});
    }
    hits.push_back({{"href", "/incidents/" + std::to_string(i.id)},
                    {"when", WhenWords(i.occurred_at, now)},
                    {"datetime", FormatUtc(i.occurred_at)},
                    {"pupils", PupilNames(i)},
                    {"category", categories.Of(i)},
                    {"kind", ClassWords(i.behaviour_class)},
                    {"restricted", i.restricted},
                    {"by", choice.mine ? "" : i.recorded_by_name},
                    {"parts", parts},
                    {"has_excerpt", !parts.empty()}});
  }
  Paging paging;
  paging.page = found->page;
  paging.per_page = kPageSize;
  paging.total = found->total;
  paging.pages = found->pages;
  paging.more = found->more;
  std::string count = MatchWords(paging, "record", "records", false);
  std::string summary;
  if (!choice.q.empty()) {
    summary = count + " with “" + choice.q + "”";
  } else if (choice.mine) {
    summary = count + " you made";
  } else {
    summary = count + ", newest first";
  }
  if (!choice.q.empty() && found->pages > 1) summary += ", the most recently recorded first";
  if (choice.from_day || choice.to_day) {
    summary += choice.from_day && choice.to_day
                   ? ", from " + DateWords(*choice.from_day) + " to " + DateWords(*choice.to_day)
               : choice.from_day ? ", from " + DateWords(*choice.from_day)
                                 : ", up to " + DateWords(*choice.to_day);
  }
  choice.page = found->page;
  view["hits"] = hits;
  view["has_hits"] = !hits.empty();
  view["searched"] = !choice.q.empty();
  view["summary"] = summary;
  view["pupil_word"] = pupil_word;
  view["csv_href"] = "/records.csv?" + choice.Query(1);
  view["download_words"] = found->total > kMaxDownload
                               ? "Download the newest " + Grouped(kMaxDownload) + " (CSV)"
                           : found->more ? "Download up to " + Grouped(kMaxDownload) + " (CSV)"
                                         : std::string("Download (CSV)");
  view["paging"] =
      PagingView(paging, found->hits.size(), [&](int p) { return "/records?" + choice.Query(p); });
  return RenderPage(ctx, req, "records", heading, view, status);
}

http::Response RecordsDownload(const WebContext& ctx, http::Request& req) {
  const Principal& by = *req.principal;
  SearchChoice choice = ReadChoice(req.query, by);
  RecordSearchRequest search = SearchOf(choice);
  search.page = 1;
  search.page_size = kMaxDownload;
  auto found = ctx.incidents.Search(by, search, req.ip);
  if (!found.ok()) return RenderError(ctx, req, found.status());
  CategoryNames categories(ctx, by.school_id);
  CsvWriter csv;
  csv.Row(
      {"Record", "When", "Pupils", "Category", "Kind", "Recorded by", "Safeguarding", "Excerpt"});
  for (const auto& hit : found->hits) {
    const Incident& i = hit.incident;
    std::string excerpt;
    for (const auto& part : ExcerptParts(hit.excerpt)) excerpt += part.text;
    csv.Row({std::to_string(i.id), FormatLondon(i.occurred_at, "%Y-%m-%d %H:%M"), PupilNames(i),
             categories.Of(i), ClassWords(i.behaviour_class), i.recorded_by_name,
             i.restricted ? "yes" : "no", excerpt});
  }
  std::string list = choice.mine ? "what I recorded" : "records";
  if (!choice.q.empty()) list += " with \"" + choice.q + "\"";
  return CsvDownload(ctx, req, list, choice.mine ? "what-i-recorded.csv" : "records.csv", csv);
}

}  // namespace attune::web
