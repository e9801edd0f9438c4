// School time: which days are school days, when lessons start and the school
// day ends, and when a deadline written in school time falls. Pure: built
// from the school's calendar and periods, no storage.
//
// Thread-safety: immutable after construction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/time.h"
#include "model/school.h"
#include "policy/deadline.h"

namespace attune::policy {

// Whether pupils are in on a day: a weekday inside a half-term that is not an
// INSET day or a closure.
struct SchoolDayInfo {
  bool school_day = false;
  std::string term_name;      // the half-term, e.g. "Autumn 2"; "" outside term
  std::string closed_reason;  // "Weekend", "INSET day", a holiday's name
};

class SchoolTime {
 public:
  // Default school day end when there are no periods: 15:30.
  SchoolTime(std::vector<CalendarEntry> calendar, std::vector<Period> periods);

  SchoolDayInfo Describe(Date day) const;
  bool IsSchoolDay(Date day) const { return Describe(day).school_day; }
  // IsSchoolDay of every day from `from` to `to` (inclusive), in one pass
  // over the calendar: for questions about years of days at once.
  std::vector<bool> SchoolDaysBetween(Date from, Date to) const;
  // The next / previous school day strictly after / before `day`, within a
  // year; nullopt when the calendar has none.
  std::optional<Date> NextSchoolDay(Date day) const;
  std::optional<Date> PreviousSchoolDay(Date day) const;
  // The teaching period under way (or the last one begun) at `t`, or null
  // before the first period.
  const Period* PeriodAt(Timestamp t) const;
  // The half-term or term (kind "half_term"/"term") containing `day`.
  const CalendarEntry* EntryContaining(Date day, const std::string& kind) const;

  // When `deadline` falls for something that happened at `from`.
  // `about` is the date a consequence is set for (school_day_before needs it).
  std::optional<Timestamp> DueAt(const Deadline& deadline, Timestamp from,
                                 std::optional<Date> about = std::nullopt) const;

 private:
  std::vector<CalendarEntry> calendar_;
  std::vector<Period> teaching_;  // teaching periods in order of the day
  int end_of_day_ = 15 * 60 + 30;
};

}  // namespace attune::policy
