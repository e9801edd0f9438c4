#include "demo/calendar.h"

namespace attune::demo {

namespace {

Date Day(int y, unsigned m, unsigned d) { return date::year{y} / date::month{m} / date::day{d}; }

struct Stretch {
  const char* kind;
  const char* name;
  Date starts_on;
  Date ends_on;
};

// Term dates follow a typical English local authority pattern for 2026/27.
// The spring term ends on Thursday 25 March because 26 March 2027 is Good
// Friday. An INSET day may fall inside a half-term: it overrides teaching.
std::vector<Stretch> Year2026To27() {
  return {
      {"term", "Autumn", Day(2026, 9, 2), Day(2026, 12, 18)},
      {"term", "Spring", Day(2027, 1, 5), Day(2027, 3, 25)},
      {"term", "Summer", Day(2027, 4, 12), Day(2027, 7, 21)},

      {"half_term", "Autumn 1", Day(2026, 9, 2), Day(2026, 10, 23)},
      {"half_term", "Autumn 2", Day(2026, 11, 2), Day(2026, 12, 18)},
      {"half_term", "Spring 1", Day(2027, 1, 5), Day(2027, 2, 12)},
      {"half_term", "Spring 2", Day(2027, 2, 22), Day(2027, 3, 25)},
      {"half_term", "Summer 1", Day(2027, 4, 12), Day(2027, 5, 28)},
      {"half_term", "Summer 2", Day(2027, 6, 7), Day(2027, 7, 21)},

      {"holiday", "October half-term", Day(2026, 10, 26), Day(2026, 10, 30)},
      {"holiday", "Christmas holiday", Day(2026, 12, 21), Day(2027, 1, 1)},
      {"holiday", "February half-term", Day(2027, 2, 15), Day(2027, 2, 19)},
      {"holiday", "Easter holiday", Day(2027, 3, 26), Day(2027, 4, 9)},
      {"holiday", "Early May bank holiday", Day(2027, 5, 3), Day(2027, 5, 3)},
      {"holiday", "May half-term", Day(2027, 5, 31), Day(2027, 6, 4)},
      {"holiday", "Summer holiday", Day(2027, 7, 22), Day(2027, 8, 31)},

      {"inset", "INSET day", Day(2026, 9, 1), Day(2026, 9, 1)},
      {"inset", "INSET day", Day(2026, 11, 27), Day(2026, 11, 27)},
      {"inset", "INSET day", Day(2027, 1, 4), Day(2027, 1, 4)},
      {"inset", "INSET day", Day(2027, 2, 22), Day(2027, 2, 22)},
      {"inset", "INSET day", Day(2027, 6, 7), Day(2027, 6, 7)},
  };
}

}  // namespace

Status AddCalendar(Store& store, long long school_id) {
  for (const auto& s : Year2026To27()) {
    CalendarEntry e;
    e.school_id = school_id;
    e.kind = s.kind;
    e.name = s.name;
    e.starts_on = s.starts_on;
    e.ends_on = s.ends_on;
    auto id = store.AddCalendarEntry(e);
    if (!id.ok()) return id.status();
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
