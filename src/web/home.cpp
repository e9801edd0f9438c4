// GET /: "My day" — today's lessons from the timetable, and a pupil search.
#include "web/handlers.h"
#include "web/page.h"
#include "web/site.h"

namespace attune::web {

http::Response Home(const WebContext& ctx, http::Request& req) {
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
  return RenderPage(ctx, req, "home", "My day", view);
}

}  // namespace attune::web
