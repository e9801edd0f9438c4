// Paging and filter values shared by the long lists (pupils, staff, audit):
// what a query string asks for, read so that anything not understood is
// dropped rather than refused (a bookmarked or mistyped link never breaks
// the page), and the page number clamped to the pages there are.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "http/request.h"
#include "web/context.h"

namespace attune::web {

// The most rows a list's CSV download holds; the page says so when a
// download would have held more.
inline constexpr int kCsvMaxRows = 10000;

// A whole number from the query string in [min, max]; `fallback` when
// absent, not a number or out of range.
long long QueryNumber(const http::FormData& query, const char* name, long long min, long long max,
                      long long fallback);

// `name` when it is one of `allowed`, else "".
std::string QueryChoice(const http::FormData& query, const char* name,
                        std::initializer_list<const char*> allowed);

// One page of a list: `page` clamped to 1..pages (there is always a page 1).
struct Paging {
  int page = 1;
  int per_page = 25;
  long long total = 0;
  int pages = 1;
  bool more = false;  // total is a floor: there are at least that many
  int offset() const { return (page - 1) * per_page; }
};

// Reads "page" and "per" (25 or 50, Default: 25) and clamps to `total`.
Paging PagingOf(const http::FormData& query, long long total);

// For a list too long to count whole: how far to count for the page asked
// (its first row and `kCountAhead` more), then PagingOf that count, marked
// `more` when the count reached its end. Pages past the counted ones stay
// reachable by asking for them.
inline constexpr long long kCountAhead = 10000;
long long CountFor(const http::FormData& query);
Paging PagingOfCounted(const http::FormData& query, long long counted);

// The view of the links between pages ("Newer", "Older" or "Previous",
// "Next"): words like "26–50 of 312", hrefs from `href(page)`; for
// partials/list_paging. Null (nothing shown) when there is one page only.
nlohmann::json PagingView(const Paging& paging, size_t shown,
                          const std::function<std::string(int)>& href,
                          const char* previous_words = "Previous", const char* next_words = "Next");

// "312 pupils match" / "1 pupil matches"; `all` ("pupils on roll") when no
// filter is applied.
// With paging.more, "More than 10,000 entries (match)".
std::string MatchWords(long long total, const char* one, const char* many, bool filtered);
std::string MatchWords(const Paging& paging, const char* one, const char* many, bool filtered);

// 12345 as "12,345".
std::string Grouped(long long n);

// Sets view["years"] and view["forms"]: the school's year groups and forms
// as options, `year` (-1 for none) and `form` (0 for none) selected.
void AddYearFormChoices(const WebContext& ctx, long long school_id, int year, long long form,
                        nlohmann::json& view);

}  // namespace attune::web
