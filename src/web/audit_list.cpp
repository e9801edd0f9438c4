#include "web/audit_list.h"

#include <algorithm>

#include "http/url.h"
#include "services/audit.h"
#include "web/list_paging.h"

namespace attune::web {

bool AuditChoice::Filtered() const {
  return !query.action.empty() || query.staff_id || !from.empty() || !to.empty();
}

std::string AuditChoice::Query() const {
  std::string out = "action=" + http::PercentEncode(query.action);
  if (query.staff_id) out += "&who=" + std::to_string(query.staff_id);
  if (!from.empty()) out += "&from=" + from;
  if (!to.empty()) out += "&to=" + to;
  return out;
}

AuditChoice ReadAuditChoice(const http::FormData& query) {
  AuditChoice c;
  c.query.action = query.Get("action");
  const auto& kinds = AuditActionKinds();
  if (std::find(kinds.begin(), kinds.end(), c.query.action) == kinds.end()) c.query.action.clear();
  c.query.staff_id = QueryNumber(query, "who", 1, 1LL << 53, 0);
  // A date that is not one, or a year no school has, is dropped.
  auto day = [&](const char* name, std::string& text) -> std::optional<Date> {
    std::string given = query.Get(name);
    if (given.size() != 10) return std::nullopt;
    auto d = ParseDate(given, name);
    if (!d.ok() || d->year() < date::year(2000) || d->year() > date::year(2200)) {
      return std::nullopt;
    }
    text = given;
    return *d;
  };
  if (auto from = day("from", c.from)) c.query.from = LondonInstant(*from, 0);
  if (auto to = day("to", c.to)) {
    c.query.until = LondonInstant(date::year_month_day(date::sys_days(*to) + date::days(1)), 0);
  }
  return c;
}

}  // namespace attune::web
