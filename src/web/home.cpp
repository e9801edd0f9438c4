// GET /: "My day" — today's lessons from the timetable, each opening its
// class as tiles to record from (web/class_show.cpp), or without a
// timetable the classes the MIS says I teach; my follow-ups due
// today (or overdue); the daily plans I write in (web/home_reports.cpp);
// the role's own sections (web/home_sections.cpp); and
// a pupil search.
#include "http/url.h"
#include "web/handlers.h"
#include "web/home_sections.h"
#include "web/incident_words.h"
#include "web/page.h"
#include "web/site.h"

namespace attune::web {

http::Response Home(const WebContext& ctx, http::Request& req) {
  if (std::string_view(HomePath(*req.principal)) != "/") {
    return http::Response::Redirect(HomePath(*req.principal));
  }
  auto day = ctx.days.Today(*req.principal, Now());
  if (!day.ok()) return RenderError(ctx, req, day.status());
  nlohmann::json lessons = nlohmann::json::array();
  for (const auto& l : day->lessons) {
    bool now =
        day->lessons_are_today && day->now_minutes >= l.starts_at && day->now_minutes < l.ends_at;
    lessons.push_back({{"starts", FormatTimeOfDay(l.starts_at)},
                       {"ends", FormatTimeOfDay(l.ends_at)},
                       {"period", l.period_name},
                       {"group", l.group_name},
                       {"subject", l.subject},
                       {"place", l.place_name},
                       {"href", "/classes/" + std::to_string(l.group_id) +
                                    "?lesson=" + http::PercentEncode(l.period_name) +
                                    "&place=" + http::PercentEncode(l.place_name)},
                       {"now", now}});
  }
  nlohmann::json view = {{"day_label", day->day_label},
                         {"term_name", day->info.term_name},
                         {"school_day", day->info.school_day},
                         {"closed_reason", day->info.closed_reason},
                         {"lessons_day", day->lessons_day_label},
                         {"lessons_today", day->lessons_are_today},
                         {"lessons", lessons},
                         {"has_lessons", !lessons.empty()}};
  // My actions due before the end of today, overdue ones included.
  ActionFilter due;
  due.due_today = true;
  due.limit = 50;
  auto actions = ctx.actions.List(*req.principal, due, req.ip);
  if (!actions.ok()) return RenderError(ctx, req, actions.status());
  Timestamp now = Now();
  nlohmann::json items = nlohmann::json::array();
  int overdue = 0;
  for (const auto& a : *actions) {
    if (a.Overdue(now)) ++overdue;
    if (items.size() < 6) items.push_back(ActionJson(a, now, *req.principal));
  }
  size_t count = actions->size();
  view["due"] = items;
  view["has_due"] = !items.empty();
  view["due_more"] = count > items.size();
  view["due_count"] = std::to_string(count) + (count == 1 ? " action" : " actions") +
                      (overdue ? ", " + std::to_string(overdue) + " overdue" : "");
  if (items.empty()) {
    // Only how many: counted, not read.
    auto later = ctx.actions.Count(*req.principal, ActionFilter{}, now);
    if (!later.ok()) return RenderError(ctx, req, later.status());
    int n = later->total;
    if (n > 0) {
      view["later"] = std::to_string(n) +
                      (n == 1 ? " of your actions is" : " of your actions are") + " still open.";
    }
  }
  Status sections = AddRoleSections(ctx, req, view);
  if (sections.ok()) sections = AddDailyReports(ctx, req, LondonDate(now), view);
  if (!sections.ok()) return RenderError(ctx, req, sections);
  // With nothing on the timetable, the classes the MIS says they teach
  // (decision 0032: OneRoster has no weekday, so an import makes no
  // timetable).
  nlohmann::json classes = nlohmann::json::array();
  if (lessons.empty()) {
    auto taught = ctx.store.GroupsTaughtBy(req.principal->school_id, req.principal->staff_id);
    if (!taught.ok()) return RenderError(ctx, req, taught.status());
    for (const auto& g : *taught) {
      classes.push_back({{"group", g.name},
                         {"year", g.year_group == 0 ? std::string("Reception")
                                                    : "Year " + std::to_string(g.year_group)},
                         {"subject", g.subject},
                         {"href", "/classes/" + std::to_string(g.id)}});
    }
  }
  view["classes"] = classes;
  view["has_classes"] = !classes.empty();
  // Those who teach see their lessons first; those who lead, their work,
  // and no empty timetable when they have none.
  bool teaches = req.principal->role == Role::kTeacher || req.principal->role == Role::kSupport;
  view["lessons_first"] = (!lessons.empty() || !classes.empty()) && teaches;
  view["show_lessons"] = teaches || !lessons.empty() || !classes.empty();
  return RenderPage(ctx, req, "home", "My day", view);
}

}  // namespace attune::web
