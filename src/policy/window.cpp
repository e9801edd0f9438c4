#include "policy/window.h"

namespace attune::policy {

std::optional<DayRange> WindowDays(const Window& w, const SchoolTime& time, Date day) {
  date::sys_days d(day);
  switch (w.kind) {
    case Window::kLesson:
    case Window::kDay:
      return DayRange{day, day};
    case Window::kWeek: {
      Date monday{d - (date::weekday(d) - date::Monday)};
      return DayRange{monday, Date{date::sys_days(monday) + date::days(6)}};
    }
    case Window::kHalfTerm:
    case Window::kTerm:
    case Window::kMarkingPeriod: {
      const char* kind = w.kind == Window::kHalfTerm ? "half_term"
                         : w.kind == Window::kTerm   ? "term"
                                                     : "marking_period";
      const CalendarEntry* e = time.EntryContaining(day, kind);
      if (!e) return std::nullopt;
      return DayRange{e->starts_on, e->ends_on};
    }
    case Window::kSchoolYear: {
      // The English school year: 1 September to 31 August.
      int year = static_cast<int>(day.year()) - (static_cast<unsigned>(day.month()) < 9 ? 1 : 0);
      return DayRange{Date{date::year(year) / date::September / 1},
                      Date{date::year(year + 1) / date::August / 31}};
    }
    case Window::kRollingDays:
      return DayRange{Date{d - date::days(w.days)}, day};
    case Window::kSchoolDays: {
      // This school day and the days - 1 before it; on a day without
      // school, the last `days` school days.
      int back = time.IsSchoolDay(day) ? w.days - 1 : w.days;
      Date first = day;
      for (int i = 0; i < back; ++i) {
        auto previous = time.PreviousSchoolDay(first);
        if (!previous) break;
        first = *previous;
      }
      return DayRange{first, day};
    }
  }
  return std::nullopt;
}

std::string WindowWords(const Window& w, const Policy& policy) {
  switch (w.kind) {
    case Window::kLesson:
      return "in the same " + policy.Word("lesson", "lesson");
    case Window::kDay:
      return "on the same day";
    case Window::kWeek:
      return "in the same week";
    case Window::kHalfTerm:
      return "in the same half-term";
    case Window::kTerm:
      return "in the same term";
    case Window::kSchoolYear:
      return "in the same school year";
    case Window::kMarkingPeriod:
      return "in the same " + policy.Word("marking_period", "marking period");
    case Window::kRollingDays:
      return "within " + std::to_string(w.days) + (w.days == 1 ? " day" : " days");
    case Window::kSchoolDays:
      return "within " + std::to_string(w.days) + (w.days == 1 ? " school day" : " school days");
  }
  return "";
}

}  // namespace attune::policy
