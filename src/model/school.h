// A school and its calendar: terms and half-terms, INSET days, the day's
// periods, places, forms, teaching groups and the timetable.
//
// Every record in attune belongs to exactly one school (school_id); one
// database may hold several schools (a trust or a local authority).
#pragma once

#include <string>
#include <vector>

#include "core/time.h"

namespace attune {

struct School {
  long long id = 0;
  std::string name;
  std::string urn;    // DfE unique reference number, may be empty
  std::string phase;  // "primary", "secondary", "all-through", "special", "ap"
  std::string timezone = "Europe/London";
};

// One stretch of the school year. kind: "term" (a whole term with its name,
// e.g. Autumn), "half_term" (a teaching half-term inside a term), "holiday"
// (closure, including the half-term break) or "inset" (a staff training day,
// no pupils).
struct CalendarEntry {
  long long id = 0;
  long long school_id = 0;
  std::string kind;
  std::string name;
  Date starts_on;
  Date ends_on;  // inclusive
};

// A period of the school day, e.g. "Period 1" 08:50–09:50, or "Lunch".
struct Period {
  long long id = 0;
  long long school_id = 0;
  int ordinal = 0;
  std::string name;
  int starts_at = 0;  // minutes after midnight, London time
  int ends_at = 0;
  bool teaching = true;  // false for break, lunch, registration
};

// A place where something can happen: classroom, corridor, playground,
// dining hall, a regulation space ("Rainbow Room", "PLC").
struct Place {
  long long id = 0;
  long long school_id = 0;
  std::string name;
  std::string kind;  // classroom, corridor, outdoor, dining, regulation, office, other
};

struct Form {
  long long id = 0;
  long long school_id = 0;
  std::string name;  // "7B"
  int year_group = 0;
  long long tutor_staff_id = 0;  // 0 when none
};

struct TeachingGroup {
  long long id = 0;
  long long school_id = 0;
  std::string name;     // "8x/Ma1"
  std::string subject;  // "Mathematics"
  int year_group = 0;
};

// Which adult teaches which group, where, and when (weekday 1–5, a period).
struct TimetableSlot {
  long long id = 0;
  long long school_id = 0;
  long long group_id = 0;
  long long staff_id = 0;
  long long place_id = 0;
  long long period_id = 0;
  int weekday = 1;
};

}  // namespace attune
