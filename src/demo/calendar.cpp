#include "demo/calendar.h"

namespace attune::demo {

namespace {

Date Day(int y, unsigned m, unsigned d) { return date::year{y} / date::month{m} / date::day{d}; }

Date Plus(Date d, int days) { return date::sys_days(d) + date::days{days}; }

// The first `weekday` (1 Monday ... 5 Friday) on or after `d`.
Date OnOrAfter(Date d, unsigned weekday) {
  while (IsoWeekday(d) != static_cast<int>(weekday)) d = Plus(d, 1);
  return d;
}

// The last `weekday` on or before `d`.
Date OnOrBefore(Date d, unsigned weekday) {
  while (IsoWeekday(d) != static_cast<int>(weekday)) d = Plus(d, -1);
  return d;
}

// The first weekday (Monday to Friday) on or after `d`, and the last on or
// before it.
Date WeekdayOnOrAfter(Date d) {
  while (IsoWeekday(d) > 5) d = Plus(d, 1);
  return d;
}
Date WeekdayOnOrBefore(Date d) {
  while (IsoWeekday(d) > 5) d = Plus(d, -1);
  return d;
}

// Easter Sunday of `year` (the Gregorian computus, Meeus/Jones/Butcher).
Date EasterSunday(int year) {
  int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
  int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
  int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
  int m = (a + 11 * h + 22 * l) / 451;
  int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
  return Day(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
}

}  // namespace

std::vector<CalendarEntry> SchoolYearCalendar(int year) {
  constexpr unsigned kMonday = 1, kFriday = 5;
  int next = year + 1;
  // Autumn: an INSET day, then teaching from the first weekday on or after
  // 2 September to the last Friday on or before 20 December, with the last
  // week of October off.
  Date autumn = WeekdayOnOrAfter(Day(year, 9, 2));
  Date autumn_inset = WeekdayOnOrBefore(Plus(autumn, -1));
  Date october = OnOrBefore(Day(year, 10, 31), kMonday);
  Date autumn_ends = OnOrBefore(Day(year, 12, 20), kFriday);
  // Spring: an INSET day on the first Monday from 2 January; February
  // half-term in the week after 13 February; the term ends before Good
  // Friday, or a week before it when Easter is late.
  Date spring_inset = OnOrAfter(Day(next, 1, 2), kMonday);
  Date february = OnOrAfter(Day(next, 2, 13), kMonday);
  Date good_friday = Plus(EasterSunday(next), -2);
  bool late_easter = good_friday >= Day(next, 4, 10);
  Date easter_starts = late_easter ? Plus(good_friday, -4) : good_friday;
  Date easter_ends = late_easter ? Plus(good_friday, 7) : Plus(good_friday, 14);
  Date summer = OnOrAfter(Plus(easter_ends, 1), kMonday);
  // Summer: the early May bank holiday, May half-term in the last week of
  // May, and teaching until 21 July or the weekday before it.
  Date may_bank_holiday = OnOrAfter(Day(next, 5, 1), kMonday);
  Date may = OnOrBefore(Day(next, 5, 31), kMonday);
  Date summer_ends = WeekdayOnOrBefore(Day(next, 7, 21));

  std::vector<CalendarEntry> out;
  auto add = [&](const char* kind, const char* name, Date from, Date to) {
    CalendarEntry e;
    e.kind = kind;
    e.name = name;
    e.starts_on = from;
    e.ends_on = to;
    out.push_back(e);
  };
  add("term", "Autumn", autumn, autumn_ends);
  add("term", "Spring", Plus(spring_inset, 1), WeekdayOnOrBefore(Plus(easter_starts, -1)));
  add("term", "Summer", summer, summer_ends);

  add("half_term", "Autumn 1", autumn, Plus(october, -3));
  add("half_term", "Autumn 2", Plus(october, 7), autumn_ends);
  add("half_term", "Spring 1", Plus(spring_inset, 1), Plus(february, -3));
  add("half_term", "Spring 2", Plus(february, 7), WeekdayOnOrBefore(Plus(easter_starts, -1)));
  add("half_term", "Summer 1", summer, Plus(may, -3));
  add("half_term", "Summer 2", Plus(may, 7), summer_ends);

  add("holiday", "October half-term", october, Plus(october, 4));
  add("holiday", "Christmas holiday", Plus(autumn_ends, 3), Plus(spring_inset, -3));
  add("holiday", "February half-term", february, Plus(february, 4));
  add("holiday", "Easter holiday", easter_starts, easter_ends);
  if (may_bank_holiday >= summer) {
    add("holiday", "Early May bank holiday", may_bank_holiday, may_bank_holiday);
  }
  add("holiday", "May half-term", may, Plus(may, 4));
  add("holiday", "Summer holiday", Plus(summer_ends, 1), Day(next, 8, 31));

  add("inset", "INSET day", autumn_inset, autumn_inset);
  add("inset", "INSET day", OnOrBefore(Day(year, 11, 30), kFriday),
      OnOrBefore(Day(year, 11, 30), kFriday));
  add("inset", "INSET day", spring_inset, spring_inset);
  add("inset", "INSET day", Plus(february, 7), Plus(february, 7));
  add("inset", "INSET day", Plus(may, 7), Plus(may, 7));
  return out;
}

Status AddCalendar(Store& store, long long school_id) {
  for (int year = kFirstSchoolYear; year <= kLastSchoolYear; ++year) {
    for (auto e : SchoolYearCalendar(year)) {
      e.school_id = school_id;
      auto id = store.AddCalendarEntry(e);
      if (!id.ok()) return id.status();
    }
  }
  return Status::Ok();
}

Result<std::vector<Period>> AddPeriods(Store& store, long long school_id) {
  struct Slot {
    const char* name;
    int starts_at, ends_at;
    bool teaching;
  };
  constexpr int kH = 60;
  const Slot kDay[] = {
      {"Registration", 8 * kH + 40, 8 * kH + 55, false},
      {"P1", 8 * kH + 55, 9 * kH + 55, true},
      {"P2", 9 * kH + 55, 10 * kH + 55, true},
      {"Break", 10 * kH + 55, 11 * kH + 15, false},
      {"P3", 11 * kH + 15, 12 * kH + 15, true},
      {"Lunch", 12 * kH + 15, 13 * kH, false},
      {"P4", 13 * kH, 14 * kH, true},
      {"P5", 14 * kH, 15 * kH, true},
  };
  std::vector<Period> out;
  int ordinal = 0;
  for (const auto& s : kDay) {
    Period p;
    p.school_id = school_id;
    p.ordinal = ++ordinal;
    p.name = s.name;
    p.starts_at = s.starts_at;
    p.ends_at = s.ends_at;
    p.teaching = s.teaching;
    auto id = store.AddPeriod(p);
    if (!id.ok()) return id.status();
    p.id = *id;
    out.push_back(p);
  }
  return out;
}

}  // namespace attune::demo
