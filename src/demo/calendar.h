// The demo school's year and day: the 2026/27 calendar (terms, teaching
// half-terms, holidays, INSET days) and the periods of the school day.
//
// REQUIRES: called inside the school's transaction; `school_id` exists.
#pragma once

#include <vector>

#include "core/status.h"
#include "model/school.h"
#include "storage/store.h"

namespace attune::demo {

// Adds the 2026/27 calendar for an English secondary school.
Status AddCalendar(Store& store, long long school_id);

// Adds registration, five one-hour lessons (P1–P5), break and lunch; returns them
// with their ids, in order of the day.
Result<std::vector<Period>> AddPeriods(Store& store, long long school_id);

}  // namespace attune::demo
