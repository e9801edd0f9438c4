// The demo school's years and day: six school years of calendar, 2021/22 to
// 2026/27 (terms, teaching half-terms, holidays, INSET days), so history can
// reach back five years, and the periods of the school day.
//
// REQUIRES: called inside the school's transaction; `school_id` exists.
#pragma once

#include <vector>

#include "core/status.h"
#include "model/school.h"
#include "storage/store.h"

namespace attune::demo {

// The first and last school years of the demo calendar, by the year their
// autumn term begins.
inline constexpr int kFirstSchoolYear = 2021;
inline constexpr int kLastSchoolYear = 2026;

// The calendar of the school year beginning in the autumn of `year`, for an
// English secondary school: the pattern of a typical local authority (half-
// terms in the last week of October and of May, a February half-term, two
// weeks at Easter, INSET days beginning the year and some half-terms).
std::vector<CalendarEntry> SchoolYearCalendar(int year);

// Adds the calendar of every school year from kFirstSchoolYear to
// kLastSchoolYear.
Status AddCalendar(Store& store, long long school_id);

// Adds registration, five one-hour lessons (P1–P5), break and lunch; returns them
// with their ids, in order of the day.
Result<std::vector<Period>> AddPeriods(Store& store, long long school_id);

}  // namespace attune::demo
