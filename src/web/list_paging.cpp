#include "web/list_paging.h"

#include <algorithm>

#include "core/counting.h"

namespace attune::web {

long long QueryNumber(const http::FormData& query, const char* name, long long min, long long max,
                      long long fallback) {
  std::string text = query.Get(name);
  if (text.empty() || text.size() > 18) return fallback;
  if (text.find_first_not_of("-0123456789") != std::string::npos) return fallback;
  if (text.find('-', 1) != std::string::npos || text == "-") return fallback;
  long long n = std::stoll(text);
  return n >= min && n <= max ? n : fallback;
}

std::string QueryChoice(const http::FormData& query, const char* name,
                        std::initializer_list<const char*> allowed) {
  std::string value = query.Get(name);
  for (const char* a : allowed) {
    if (value == a) return value;
  }
  return "";
}

namespace {
int PerPage(const http::FormData& query) { return query.Get("per") == "50" ? 50 : 25; }
long long AskedPage(const http::FormData& query) {
  return QueryNumber(query, "page", 1, 1000000000, 1);
}
}  // namespace

Paging PagingOf(const http::FormData& query, long long total) {
  Paging p;
  p.per_page = PerPage(query);
  p.total = total;
  p.pages = static_cast<int>(std::max<long long>(1, (total + p.per_page - 1) / p.per_page));
  // A page past the end shows the last; anything not a page number, the first.
  p.page = static_cast<int>(std::min<long long>(AskedPage(query), p.pages));
  return p;
}

long long CountFor(const http::FormData& query) {
  return CountLimit((AskedPage(query) - 1) * PerPage(query), kCountAhead);
}

Paging PagingOfCounted(const http::FormData& query, long long counted) {
  CountedRows rows = OfCount(counted, CountFor(query));
  Paging p = PagingOf(query, rows.total);
  p.more = rows.more;
  return p;
}

std::string Grouped(long long n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

nlohmann::json PagingView(const Paging& p, size_t shown,
                          const std::function<std::string(int)>& href, const char* previous_words,
                          const char* next_words) {
  if (p.pages <= 1) return nullptr;
  long long first = p.offset() + 1;
  long long last = p.offset() + static_cast<long long>(shown);
  std::string of = p.more ? " of more than " : " of ";
  return {{"words", Grouped(first) + "–" + Grouped(last) + of + Grouped(p.total)},
          {"page_words", "Page " + Grouped(p.page) + of + Grouped(p.pages)},
          {"has_previous", p.page > 1},
          {"previous", href(p.page - 1)},
          {"previous_words", previous_words},
          {"has_next", p.page < p.pages || p.more},
          {"next", href(p.page + 1)},
          {"next_words", next_words}};
}

std::string MatchWords(const Paging& paging, const char* one, const char* many, bool filtered) {
  if (!paging.more) return MatchWords(paging.total, one, many, filtered);
  return "More than " + Grouped(paging.total) + " " + many + (filtered ? " match" : "");
}

std::string MatchWords(long long total, const char* one, const char* many, bool filtered) {
  std::string n = Grouped(total);
  if (!filtered) return n + " " + (total == 1 ? one : many);
  return n + " " + (total == 1 ? std::string(one) + " matches" : std::string(many) + " match");
}

void AddYearFormChoices(const WebContext& ctx, long long school_id, int year, long long form,
                        nlohmann::json& view) {
  nlohmann::json years = nlohmann::json::array();
  nlohmann::json forms = nlohmann::json::array();
  if (auto list = ctx.store.ListForms(school_id); list.ok()) {
    std::vector<int> seen;
    for (const auto& f : *list) {
      if (std::find(seen.begin(), seen.end(), f.year_group) == seen.end()) {
        seen.push_back(f.year_group);
      }
      forms.push_back({{"value", f.id}, {"label", f.name}, {"selected", f.id == form}});
    }
    std::sort(seen.begin(), seen.end());
    for (int y : seen) {
      years.push_back({{"value", y},
                       {"label", y == 0 ? std::string("Reception") : "Year " + std::to_string(y)},
                       {"selected", y == year}});
    }
  }
  view["years"] = years;
  view["forms"] = forms;
}

}  // namespace attune::web
