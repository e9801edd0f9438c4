#include "services/day_service.h"

namespace attune {

SchoolDayInfo DescribeDay(const std::vector<CalendarEntry>& calendar, Date day) {
  SchoolDayInfo info;
  bool in_term = false;
  for (const auto& e : calendar) {
    if (day < e.starts_on || e.ends_on < day) continue;
    if (e.kind == "half_term") {
      in_term = true;
      info.term_name = e.name;
    } else if (e.kind == "inset") {
      info.closed_reason = "INSET day";
    } else if (e.kind == "holiday") {
      info.closed_reason = e.name;
    }
  }
  if (IsoWeekday(day) > 5) info.closed_reason = "Weekend";
  if (!in_term && info.closed_reason.empty()) info.closed_reason = "School holiday";
  info.school_day = info.closed_reason.empty();
  return info;
}

Result<MyDay> DayService::Today(const Principal& by, Timestamp now) {
  MyDay day;
  auto school = store_.GetSchool(by.school_id);
  if (!school.ok()) return school.status();
  day.school = *school;
  day.today = LondonDate(now);
  day.day_label = date::format("%A %e %B %Y", day.today);
  date::hh_mm_ss<std::chrono::seconds> clock(
      std::chrono::seconds(ToUnix(now) - ToUnix(LondonInstant(day.today, 0))));
  day.now_minutes = static_cast<int>(clock.hours().count() * 60 + clock.minutes().count());

  auto calendar = store_.ListCalendar(by.school_id);
  if (!calendar.ok()) return calendar.status();
  day.info = DescribeDay(*calendar, day.today);

  Date lessons_day = day.today;
  bool found = day.info.school_day;
  for (int ahead = 1; !found && ahead <= 31; ++ahead) {
    lessons_day = Date{date::sys_days(day.today) + date::days(ahead)};
    found = DescribeDay(*calendar, lessons_day).school_day;
  }
  if (!found) return day;
  day.lessons_are_today = day.info.school_day;
  day.lessons_day_label = date::format("%A %e %B", lessons_day);
  auto lessons = store_.LessonsFor(by.school_id, by.staff_id, IsoWeekday(lessons_day));
  if (!lessons.ok()) return lessons.status();
  day.lessons = std::move(*lessons);
  return day;
}

}  // namespace attune
