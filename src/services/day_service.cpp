#include "services/day_service.h"

namespace attune {

Result<MyDay> DayService::Today(const Principal& by, Timestamp now) {
  MyDay day;
  auto school = store_.GetSchool(by.school_id);
  if (!school.ok()) return school.status();
  day.school = *school;
  day.today = LondonDate(now);
  day.day_label = DateWords(day.today);
  date::hh_mm_ss<std::chrono::seconds> clock(
      std::chrono::seconds(ToUnix(now) - ToUnix(LondonInstant(day.today, 0))));
  day.now_minutes = static_cast<int>(clock.hours().count() * 60 + clock.minutes().count());

  auto calendar = store_.ListCalendar(by.school_id);
  if (!calendar.ok()) return calendar.status();
  auto periods = store_.ListPeriods(by.school_id);
  if (!periods.ok()) return periods.status();
  policy::SchoolTime time(std::move(*calendar), std::move(*periods));
  day.info = time.Describe(day.today);

  std::optional<Date> next = day.info.school_day ? day.today : time.NextSchoolDay(day.today);
  if (!next || date::sys_days(*next) - date::sys_days(day.today) > date::days(31)) return day;
  Date lessons_day = *next;
  day.lessons_are_today = day.info.school_day;
  day.lessons_day_label = DateWords(lessons_day, false);
  auto lessons = store_.LessonsFor(by.school_id, by.staff_id, IsoWeekday(lessons_day));
  if (!lessons.ok()) return lessons.status();
  day.lessons = std::move(*lessons);
  return day;
}

}  // namespace attune
