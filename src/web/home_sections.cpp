// The parts of "My day" that depend on the role (issue: every role's day).
// Those who run the follow-up queue see the team's queue by due time; the
// DSL new concerns (who and where, never what) and reviews due; the SENCO
// the SEN register's size, profile reviews due and advice asked; senior
// leaders this week's records and what waits for their decision.
#include "web/home_sections.h"

#include <algorithm>
#include <cstdio>
#include <optional>

#include "services/authorization.h"
#include "services/profile_review_service.h"
#include "web/incident_words.h"
#include "web/insight_figures.h"

namespace attune::web {
namespace {

// 1324 -> "1,324".
std::string Thousands(int n) {
  std::string digits = std::to_string(n < 0 ? -n : n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return (n < 0 ? "-" : "") + out;
}

std::string Count(int n, const char* one, const char* many) {
  return Thousands(n) + " " + (n == 1 ? one : many);
}

// Open actions of one kind in everyone's queue, as `by` may read them.
Result<int> OpenOfKind(const WebContext& ctx, const Principal& by, const std::string& kind,
                       Timestamp now) {
  ActionFilter f;
  f.scope = "all";
  f.kind = kind;
  auto counts = ctx.actions.Count(by, f, now);
  if (!counts.ok()) return counts.status();
  return counts->total;
}

Status AddTeamQueue(const WebContext& ctx, const Principal& by, Timestamp now,
                    nlohmann::json& view) {
  ActionFilter all;
  all.scope = "all";
  auto counts = ctx.actions.Count(by, all, now);
  if (!counts.ok()) return counts.status();
  view["team"] = {{"total", Count(counts->total, "action open", "actions open")},
                  {"overdue", counts->overdue},
                  {"today", counts->today},
                  {"week", counts->week},
                  {"has_overdue", counts->overdue > 0}};
  return Status::Ok();
}

Status AddDsl(const WebContext& ctx, const http::Request& req, Timestamp now,
              nlohmann::json& view) {
  const Principal& by = *req.principal;
  IncidentQuery q;
  q.safeguarding = true;
  q.from = now - std::chrono::days(7);
  q.limit = 5;
  // Who and where, never what: the list names the pupils and the place, and
  // the record is one tap away (its read audited there). Listing restricted
  // records is itself an audited read.
  auto concerns = ctx.incidents.List(by, q, req.ip);
  if (!concerns.ok()) return concerns.status();
  nlohmann::json items = nlohmann::json::array();
  for (const auto& i : *concerns) {
    std::string who;
    for (const auto& p : i.pupils) who += (who.empty() ? "" : ", ") + p.name;
    items.push_back({{"id", i.id},
                     {"who", who.empty() ? "A record" : who},
                     {"where", i.place},
                     {"when", WhenWords(i.occurred_at, now)}});
  }
  auto reviews = OpenOfKind(ctx, by, "dsl_review", now);
  if (!reviews.ok()) return reviews.status();
  view["dsl"] = {{"concerns", items},
                 {"has_concerns", !items.empty()},
                 {"reviews", Count(*reviews, "review due", "reviews due")},
                 {"has_reviews", *reviews > 0}};
  return Status::Ok();
}

Status AddSenco(const WebContext& ctx, const Principal& by, Timestamp now, nlohmann::json& view) {
  auto sen = ctx.pupils.CountSen(by);
  if (!sen.ok()) return sen.status();
  auto due = ProfileReviewService(ctx.store, ctx.policies, ctx.clock).Due(by, LondonDate(now));
  if (!due.ok()) return due.status();
  auto advice = OpenOfKind(ctx, by, "senco_advice", now);
  if (!advice.ok()) return advice.status();
  view["senco"] = {{"support", Count(sen->first, "pupil", "pupils")},
                   {"ehcp", Count(sen->second, "pupil", "pupils")},
                   {"reviews", Count(static_cast<int>(due->size()), "profile", "profiles")},
                   {"has_reviews", !due->empty()},
                   {"advice", Count(*advice, "request", "requests")},
                   {"has_advice", *advice > 0}};
  return Status::Ok();
}

// "4.2": records a school day, to one decimal place.
std::string Rate(long long n, int days) {
  char out[32];
  std::snprintf(out, sizeof out, "%.1f", static_cast<double>(n) / days);
  return out;
}

// The last four weeks against the four before, from insight: records other
// than prosocial a school day, and prosocial records for each other one.
// Nothing when insight is still loading or there were no school days.
nlohmann::json RecentWeeks(const WebContext& ctx, const Principal& by, Timestamp now) {
  constexpr int kDays = 28;
  Date today = LondonDate(now);
  Date from = Date(date::sys_days(today) - date::days(kDays - 1));
  Date before_from = Date(date::sys_days(from) - date::days(kDays));
  Date before_to = Date(date::sys_days(from) - date::days(1));
  auto time = ctx.clock.For(by.school_id);
  if (!time.ok()) return nullptr;
  auto days = [&](Date a, Date b) {
    auto v = (*time)->SchoolDaysBetween(a, b);
    return static_cast<int>(std::count(v.begin(), v.end(), true));
  };
  auto count = [&](Date a, Date b) -> std::optional<insight::Counts::ByClass> {
    InsightQuery q;
    q.from = a;
    q.to = b;
    auto answer = ctx.insight.Count(by, q);
    if (!answer.ok()) return std::nullopt;
    return answer->counts.by_class;
  };
  int recent_days = days(from, today), before_days = days(before_from, before_to);
  auto recent = count(from, today), before = count(before_from, before_to);
  if (!recent || !before || recent_days == 0) return nullptr;
  long long now_other = OtherThanProsocial(*recent), now_pro = (*recent)[0];
  nlohmann::json out = {
      {"rate", Rate(now_other, recent_days)},
      {"school_days", recent_days},
      {"has_before", before_days > 0},
      {"before", before_days ? Rate(OtherThanProsocial(*before), before_days) : ""},
      {"has_ratio", now_other > 0},
      {"ratio", now_other ? Rate(now_pro, static_cast<int>(now_other)) : ""}};
  return out;
}

Status AddSenior(const WebContext& ctx, const Principal& by, Timestamp now, nlohmann::json& view) {
  // This school week so far: from Monday 00:00 (London) to now.
  auto tally = ctx.incidents.Tally(by, DueEdgesAt(now).start_of_week, now);
  if (!tally.ok()) return tally.status();
  auto suspensions = OpenOfKind(ctx, by, "suspension_decision", now);
  if (!suspensions.ok()) return suspensions.status();
  view["senior"] = {
      {"records", Count(tally->records, "record", "records")},
      {"prosocial", Count(tally->prosocial, "positive note", "positive notes")},
      {"physical",
       Count(tally->physical_interventions, "physical intervention", "physical interventions")},
      {"has_physical", tally->physical_interventions > 0},
      {"suspensions", Count(*suspensions, "suspension decision", "suspension decisions")},
      {"has_suspensions", *suspensions > 0},
      {"plans", Count(tally->escalations_proposed, "plan proposal", "plan proposals")},
      {"has_plans", tally->escalations_proposed > 0},
      {"recent", RecentWeeks(ctx, by, now)}};
  return Status::Ok();
}

}  // namespace

Status AddRoleSections(const WebContext& ctx, const http::Request& req, nlohmann::json& view) {
  const Principal& by = *req.principal;
  Timestamp now = Now();
  if (RoleHas(by.role, Permission::kActionsManage)) {
    ATTUNE_RETURN_IF_ERROR(AddTeamQueue(ctx, by, now, view));
  }
  if (by.role == Role::kDsl) ATTUNE_RETURN_IF_ERROR(AddDsl(ctx, req, now, view));
  if (by.role == Role::kSenco) ATTUNE_RETURN_IF_ERROR(AddSenco(ctx, by, now, view));
  if (by.role == Role::kSenior) ATTUNE_RETURN_IF_ERROR(AddSenior(ctx, by, now, view));
  return Status::Ok();
}

}  // namespace attune::web
