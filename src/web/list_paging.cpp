#include "web/list_paging.h"

#include <algorithm>

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

Paging PagingOf(const http::FormData& query, long long total) {
  Paging p;
  p.per_page = query.Get("per") == "50" ? 50 : 25;
  p.total = total;
  p.pages = static_cast<int>(std::max<long long>(1, (total + p.per_page - 1) / p.per_page));
  // A page past the end shows the last; anything not a page number, the first.
  long long asked = QueryNumber(query, "page", 1, 1000000000, 1);
  p.page = static_cast<int>(std::min<long long>(asked, p.pages));
  return p;
}

nlohmann::json PagingView(const Paging& p, size_t shown,
                          const std::function<std::string(int)>& href, const char* previous_words,
                          const char* next_words) {
  if (p.pages <= 1) return nullptr;
  long long first = p.offset() + 1;
  long long last = p.offset() + static_cast<long long>(shown);
  return {{"words",
           std::to_string(first) + "–" + std::to_string(last) + " of " + std::to_string(p.total)},
          {"page_words", "Page " + std::to_string(p.page) + " of " + std::to_string(p.pages)},
          {"has_previous", p.page > 1},
          {"previous", href(p.page - 1)},
          {"previous_words", previous_words},
          {"has_next", p.page < p.pages},
          {"next", href(p.page + 1)},
          {"next_words", next_words}};
}

std::string MatchWords(long long total, const char* one, const char* many, bool filtered) {
  std::string n = std::to_string(total);
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
