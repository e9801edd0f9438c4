#include "services/day_service.h"

namespace attune {

Result<MyDay> DayService::Today(const Principal& by, Timestamp now) {
  MyDay day;
  auto school = store_.GetSchool(by.school_id);
  if (!school.ok()) return school.status();
  day.school = *school;
  day.today = LondonDate(now);
  day.day_label = FormatLondon(now, "%A %e %B %Y");
  day.now_minutes = std::stoi(FormatLondon(now, "%H")) * 60 + std::stoi(FormatLondon(now, "%M"));

  auto calendar = store_.ListCalendar(by.school_id);
  if (!calendar.ok()) return calendar.status();
  bool in_term = false;
  for (const auto& e : *calendar) {
    if (day.today < e.starts_on || e.ends_on < day.today) continue;
    if (e.kind == "half_term") {
      in_term = true;
      day.term_name = e.name;
    } else if (e.kind == "inset") {
      day.closed_reason = "INSET day: no pupils in school";
    } else if (e.kind == "holiday") {
      day.closed_reason = e.name;
    }
  }
  int weekday = IsoWeekday(day.today);
  if (weekday > 5) day.closed_reason = "Weekend";
  if (!in_term && day.closed_reason.empty()) day.closed_reason = "School holiday";
  day.school_day = day.closed_reason.empty();
  if (day.school_day) {
    auto lessons = store_.LessonsFor(by.school_id, by.staff_id, weekday);
    if (!lessons.ok()) return lessons.status();
    day.lessons = std::move(*lessons);
  }
  return day;
}

}  // namespace attune
