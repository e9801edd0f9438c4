// The days a count window covers (docs/policy.md, "Windows"), from the
// school's calendar: the half-term, term or marking period a day falls in,
// the school year, the last N school days.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>

#include "core/time.h"
#include "policy/policy.h"
#include "policy/school_time.h"

namespace attune::policy {

struct DayRange {
  Date first;
  Date last;  // inclusive
};

// The days window `w` covers for a record on `day`; nullopt when it holds
// nothing (a half-term window outside any half-term). A lesson window is
// the day (the engine narrows it to the period); a rolling_days window the
// calendar days from `days` before `day` (the engine counts exact hours).
std::optional<DayRange> WindowDays(const Window& w, const SchoolTime& time, Date day);

// For people: "in the same half-term", "within 10 school days", with the
// school's words for a lesson and a marking period.
std::string WindowWords(const Window& w, const Policy& policy);

}  // namespace attune::policy
