// Time for a school in England: instants are UTC seconds; what people see and
// what the school calendar is written in is Europe/London local time.
//
// Thread-safety: all functions are safe to call from any thread (the time zone
// database is loaded once, on first use).
#pragma once

#include <date/date.h>

#include <chrono>
#include <string>
#include <string_view>

#include "core/status.h"

namespace attune {

using Timestamp = std::chrono::sys_seconds;
using Date = date::year_month_day;

// The current instant, to the second.
Timestamp Now();

// "YYYY-MM-DD HH:MM" (London time) or "YYYY-MM-DDTHH:MM:SSZ" (UTC). Invalid,
// naming `field`, for anything else.
Result<Timestamp> ParseInstant(std::string_view text, std::string_view field = "at");

// Seconds since 1970-01-01T00:00:00Z, the form instants are stored in.
long long ToUnix(Timestamp t);
Timestamp FromUnix(long long seconds);

// "2026-11-22T08:00:00Z"
std::string FormatUtc(Timestamp t);
// "Sun, 22 Nov 2026 08:00:00 GMT": HTTP's Date (RFC 9110 IMF-fixdate).
std::string FormatHttpDate(Timestamp t);

// Accepts "YYYY-MM-DD".
// Returns Invalid naming `field` if the text is not a real calendar date.
Result<Date> ParseDate(std::string_view text, std::string_view field = "date");
std::string FormatDate(Date d);
// "Monday 2 November 2026" (or "Monday 2 November"), as staff read a day.
std::string DateWords(Date d, bool with_year = true);

// Accepts "HH:MM" (24-hour); returns minutes after midnight.
Result<int> ParseTimeOfDay(std::string_view text, std::string_view field = "time");
std::string FormatTimeOfDay(int minutes_after_midnight);

// Europe/London wall-clock time for an instant, formatted with date::format
// codes, e.g. "%A %e %B %Y" or "%H:%M".
std::string FormatLondon(Timestamp t, const char* format);

// London's offset from UTC at `t` (0 or +1 hour). Fast: cached per thread.
std::chrono::seconds LondonOffset(Timestamp t);

// The London calendar date an instant falls on.
Date LondonDate(Timestamp t);

// The instant at which London wall-clock `minutes_after_midnight` on `day`
// happens. In the autumn overlap the earlier instant is chosen; a time that
// does not exist (spring gap) moves forward to the first instant after it.
Timestamp LondonInstant(Date day, int minutes_after_midnight);

// Whole years of age on `on` for someone born on `born`.
int AgeOn(Date born, Date on);

// Monday = 1 ... Sunday = 7, as the timetable stores weekdays.
int IsoWeekday(Date d);

}  // namespace attune
