// A deadline in school time, as a policy writes it ("before_next_lesson",
// "same_day 17:00", "within 2 school_days", ...; docs/policy.md).
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace attune::policy {

struct Deadline {
  enum Kind {
    kBeforeNextLesson,
    kSameDay,           // at `minutes` on the day, or the next school day if past
    kNextSchoolDay,     // at `minutes` on the next school day
    kWithinSchoolDays,  // end of the school day `days` school days later
    kSchoolDayBefore,   // at `minutes` on the school day before a given date
  };
  Kind kind = kSameDay;
  int minutes = 17 * 60;  // minutes after midnight, London time
  int days = 0;

  static Deadline SameDay(int minutes) { return {kSameDay, minutes, 0}; }
  static Deadline WithinSchoolDays(int days) { return {kWithinSchoolDays, 0, days}; }

  // Invalid with a message saying what was expected.
  static Result<Deadline> Parse(std::string_view text);
  // The form Parse accepts, e.g. "same_day 17:00".
  std::string ToString() const;
  // For parents: "the same day by 17:00", "within 2 school days".
  std::string Describe() const;
};

}  // namespace attune::policy
