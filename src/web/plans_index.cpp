// GET /plans: the school's plans for the pastoral team and senior leaders:
// every active plan, soonest due first, with those whose review or
// check-in is due this week, those overdue, and those past their planned
// last day; filtered by type and year, 50 to a page. Plans the policy keeps
// to the staff involved are listed only for them and senior leaders, as
// reading one is.
#include <cctype>

#include "web/handlers.h"
#include "web/list_paging.h"
#include "web/page.h"
#include "web/plan_page.h"
#include "web/site.h"

namespace attune::web {
namespace {

using nlohmann::json;

constexpr int kPageSize = 50;

struct Choice {
  std::string due;  // "", week, overdue, past_end
  std::string type;
  std::string status = "active";
  int year = 0;
  int page = 1;
  std::string Query(int p) const {
    std::string q = "status=" + status;
    if (!due.empty()) q += "&due=" + due;
    if (!type.empty()) q += "&type=" + type;
    if (year) q += "&year=" + std::to_string(year);
    if (p > 1) q += "&page=" + std::to_string(p);
    return q;
  }
};

// The filters as chosen, what is not understood dropped (never a 500).
Choice Read(const http::FormData& q, const policy::Policy* pol) {
  Choice c;
  std::string due = q.Get("due");
  if (due == "week" || due == "overdue" || due == "past_end") c.due = due;
  if (pol && pol->FindPlan(q.Get("type"))) c.type = q.Get("type");
  if (q.Get("status") == "ended") c.status = "ended";
  auto year = http::IntValue(q.Get("year"), 0, "year");
  if (year.ok() && *year >= 0 && *year <= 14) c.year = static_cast<int>(*year);
  auto page = http::IntValue(q.Get("page"), 1, "page");
  if (page.ok() && *page >= 1 && *page <= 100000) c.page = static_cast<int>(*page);
  return c;
}

}  // namespace

http::Response PlansIndex(const WebContext& ctx, http::Request& req) {
  const Principal& by = *req.principal;
  Date today = LondonDate(Now());
  auto loaded = ctx.policies.InForce(by.school_id, today);
  const policy::Policy* pol = loaded.ok() ? loaded->policy.get() : nullptr;
  Choice c = Read(req.query, pol);
  PlanFilter f;
  f.status = c.status;
  f.type = c.type;
  f.year_group = c.year;
  f.due = c.due;
  f.limit = kPageSize;
  f.offset = (c.page - 1) * kPageSize;
  auto total = ctx.plans.Count(by, f);
  if (!total.ok()) return RenderError(ctx, req, total.status());
  auto list = ctx.plans.List(by, f);
  if (!list.ok()) return RenderError(ctx, req, list.status());
  // The three counts leaders look for first, over the active plans.
  json groups = json::array();
  for (auto [due, label] : {std::pair{"overdue", "Review or check-in overdue"},
                            std::pair{"week", "Due by the end of this week"},
                            std::pair{"past_end", "Past their planned last day"}}) {
    PlanFilter g;
    g.type = c.type;
    g.year_group = c.year;
    g.due = due;
    auto n = ctx.plans.Count(by, g);
    groups.push_back({{"label", label},
                      {"count", n.ok() ? *n : 0},
                      {"href", "/plans?status=active&due=" + std::string(due) +
                                   (c.type.empty() ? "" : "&type=" + c.type)},
                      {"current", c.due == due},
                      {"warn", std::string(due) != "week" && n.ok() && *n > 0}});
  }
  json rows = json::array();
  for (const auto& p : *list) {
    std::optional<PlanDue> next = NextDue(p);
    std::string what = next ? next->Words() : "";
    if (!what.empty()) what[0] = static_cast<char>(std::toupper(what[0]));
    bool active = p.status == "active";
    rows.push_back({{"id", p.id},
                    {"pupil_id", p.pupil_id},
                    {"pupil_name", p.pupil_name},
                    {"year", p.year_group},
                    {"name", p.name},
                    {"started", DateWords(p.started_on, false)},
                    {"next", next ? what + " " + DateWords(next->on, false) : ""},
                    {"overdue", next && next->on < today},
                    {"ends", p.ends_on ? DateWords(*p.ends_on, false) : ""},
                    {"past_end", active && p.ends_on && *p.ends_on < today},
                    {"outcome", p.outcome == "successful"     ? "Successful"
                                : p.outcome == "unsuccessful" ? "Not successful"
                                                              : ""}});
  }
  json types = json::array();
  types.push_back({{"value", ""}, {"label", "Every plan"}, {"selected", c.type.empty()}});
  if (pol) {
    for (const auto& t : pol->plans) {
      types.push_back({{"value", t.id}, {"label", t.name}, {"selected", t.id == c.type}});
    }
  }
  int pages = std::max(1, (*total + kPageSize - 1) / kPageSize);
  json view = {{"groups", groups},
               {"rows", rows},
               {"has_rows", !rows.empty()},
               {"total", *total},
               {"ended", c.status == "ended"},
               {"types", types},
               {"due", c.due},
               {"filtered", !c.due.empty() || !c.type.empty() || c.year != 0}};
  AddYearFormChoices(ctx, by.school_id, c.year ? c.year : -1, 0, view);
  Paging paging{c.page, kPageSize, *total, pages};
  view["paging"] = PagingView(paging, rows.size(), [&](int p) { return "/plans?" + c.Query(p); });
  return RenderPage(ctx, req, "plans", "Plans", view);
}

}  // namespace attune::web
