// GET /pupils/{id}/chronology: everything recorded about a pupil, newest
// first, filtered by kind (positive, difficult, safeguarding concerns for
// those who may read them), class of behaviour, the policy's category and
// dates, 50 to a page; with "Print" and "Download (CSV)" of the filtered
// list.
//
// GET /pupils/{id}/chronology/print: the same filtered list whole, for
// printing on A4 (web/static/css/print.css), headed with the pupil and the
// dates (the layout's print stamp adds the school and who printed it and
// when). Restricted records are read,
// and their reads audited, as on the page.
#include <algorithm>

#include "web/chronology.h"
#include "web/handlers.h"
#include "web/page.h"
#include "web/site.h"

namespace attune::web {
namespace {

using nlohmann::json;

constexpr int kPageSize = 50;
// The most a print holds; a longer chronology is printed a range at a time.
constexpr int kMostPrinted = 5000;

// The filter's choices for the form, each marked when chosen.
void AddChoices(const ChronologyFilter& f, const policy::Policy* policy, bool restricted_reader,
                json& view) {
  json kinds = json::array();
  kinds.push_back({{"value", ""}, {"label", "Everything"}, {"selected", f.kind.empty()}});
  std::vector<std::pair<std::string, std::string>> offered = {
      {"positive", "Positive"}, {"difficult", "Difficult (not safeguarding)"}};
  if (restricted_reader) offered.push_back({"safeguarding", "Safeguarding concerns"});
  for (const auto& [value, label] : offered) {
    kinds.push_back({{"value", value}, {"label", label}, {"selected", f.kind == value}});
  }
  json classes = json::array();
  classes.push_back(
      {{"value", ""}, {"label", "Every class"}, {"selected", f.behaviour_class.empty()}});
  for (const auto& c : ClassNames()) {
    classes.push_back(
        {{"value", c}, {"label", ClassWords(c)}, {"selected", c == f.behaviour_class}});
  }
  json categories = json::array();
  categories.push_back(
      {{"value", ""}, {"label", "Every category"}, {"selected", f.category.empty()}});
  if (policy) {
    for (const auto& c : policy->categories) {
      if (c.safeguarding && !restricted_reader) continue;
      categories.push_back({{"value", c.id}, {"label", c.name}, {"selected", c.id == f.category}});
    }
  }
  view["kinds"] = kinds;
  view["classes"] = classes;
  view["categories"] = categories;
  view["from"] = f.from ? FormatDate(*f.from) : "";
  view["to"] = f.to ? FormatDate(*f.to) : "";
}

// What the filter narrows to, in words: "Positive · Kind words: Low-level".
std::string FilterWords(const ChronologyFilter& f, const policy::Policy* policy) {
  std::vector<std::string> parts;
  if (f.kind == "positive") parts.push_back("Positive records");
  if (f.kind == "difficult") parts.push_back("Difficult records (not safeguarding)");
  if (f.kind == "safeguarding") parts.push_back("Safeguarding concerns");
  if (!f.behaviour_class.empty()) parts.push_back(ClassWords(f.behaviour_class));
  if (!f.category.empty()) {
    const policy::Category* c = policy ? policy->FindCategory(f.category) : nullptr;
    parts.push_back(c ? c->name : f.category);
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : " · ") + p;
  return out.empty() ? "Every kind of record" : out;
}

http::Response RenderChronology(const WebContext& ctx, const http::Request& req, bool print) {
  const Principal& by = *req.principal;
  auto id = http::ParamId(req);
  if (!id.ok()) return RenderError(ctx, req, id.status());
  auto page = ctx.pupils.Page(by, *id, req.ip);
  if (!page.ok()) return RenderError(ctx, req, page.status());
  const Pupil& p = page->pupil;
  Timestamp now = Now();
  auto in_force = ctx.policies.InForce(by.school_id, LondonDate(now));
  const policy::Policy* policy = in_force.ok() ? in_force->policy.get() : nullptr;
  bool restricted_reader = !RestrictedReaderName(by.role).empty();
  ChronologyFilter filter = ReadChronologyFilter(req.query, policy, restricted_reader);

  PupilRecordQuery query = filter.ToQuery(p.id);
  auto total = ctx.incidents.CountForPupil(by, query);
  if (!total.ok()) return RenderError(ctx, req, total.status());
  int pages = std::max(1, static_cast<int>((*total + kPageSize - 1) / kPageSize));
  filter.page = std::min(filter.page, pages);
  if (print) {
    query.limit = kMostPrinted;
  } else {
    query.limit = kPageSize;
    query.offset = (filter.page - 1) * kPageSize;
  }
  auto records = ctx.incidents.ForPupil(by, query, req.ip);
  if (!records.ok()) return RenderError(ctx, req, records.status());
  std::string pupil_word = policy ? policy->Word("pupil", "pupil") : "pupil";
  auto chronology = Chronology::Load(ctx, req, p.id, pupil_word, Chronology::LowestId(*records));
  if (!chronology.ok()) return RenderError(ctx, req, chronology.status());
  json rows = json::array();
  for (const auto& i : *records) rows.push_back(chronology->Row(i, now));

  std::string base = "/pupils/" + std::to_string(p.id) + "/chronology";
  std::string chosen = filter.Query(1);
  std::string with = chosen.empty() ? "" : "?" + chosen;
  auto page_href = [&](int n) {
    std::string q = filter.Query(n);
    return base + (q.empty() ? "" : "?" + q);
  };
  long long n = *total;
  json view = {{"id", p.id},
               {"name", p.DisplayName()},
               {"first_name", p.ShownFirstName()},
               {"year_group", p.year_group},
               {"form", p.form_name},
               {"upn", p.upn},
               {"date_of_birth", date::format("%e %B %Y", p.date_of_birth)},
               {"range_words", filter.RangeWords()},
               {"filter_words", FilterWords(filter, policy)},
               {"count_words", std::to_string(n) + (n == 1 ? " record" : " records")},
               {"rows", rows},
               {"has_rows", !rows.empty()},
               {"print_view", print},
               {"print_href", base + "/print" + with},
               {"csv_href", base + ".csv" + with},
               {"page_href", base + with},
               {"filtered", !chosen.empty()},
               {"cut_short", print && n > kMostPrinted},
               {"most_printed", std::to_string(kMostPrinted)}};
  AddChoices(filter, policy, restricted_reader, view);
  if (!print && pages > 1) {
    int first = (filter.page - 1) * kPageSize + 1;
    int last = first + static_cast<int>(records->size()) - 1;
    view["paging"] = {
        {"words", std::to_string(first) + "–" + std::to_string(last) + " of " + std::to_string(n)},
        {"page_words", "Page " + std::to_string(filter.page) + " of " + std::to_string(pages)},
        {"has_previous", filter.page > 1},
        {"previous", page_href(filter.page - 1)},
        {"has_next", filter.page < pages},
        {"next", page_href(filter.page + 1)}};
  }
  std::string title = (print ? "Chronology to print: " : "Chronology: ") + p.DisplayName();
  return RenderPage(ctx, req, "chronology", title, view);
}

}  // namespace

http::Response PupilChronology(const WebContext& ctx, http::Request& req) {
  return RenderChronology(ctx, req, false);
}

http::Response PupilChronologyPrint(const WebContext& ctx, http::Request& req) {
  return RenderChronology(ctx, req, true);
}

}  // namespace attune::web
